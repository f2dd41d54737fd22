#pragma once
// A small HTTP/1.0-style server on 127.0.0.1 for the tests whose server
// answers by Host header, which the fixture site cannot do across hosts
// (the cluster redirect and release-gap tests): one request per
// connection, each answered on a thread of its own, then closed.

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace nc::testing {

class LoopbackHttpServer {
 public:
  struct Request {
    std::string host;  // the Host header without its port
    std::string path;
  };
  // Returns the whole response (status line, headers, body) to a request;
  // runs on the connection's thread, and may block.
  using Answer = std::function<std::string(const Request&)>;

  explicit LoopbackHttpServer(Answer answer);
  // Joins every connection's thread: whatever blocks an answer must be
  // released first.
  ~LoopbackHttpServer();
  LoopbackHttpServer(const LoopbackHttpServer&) = delete;
  LoopbackHttpServer& operator=(const LoopbackHttpServer&) = delete;

  // 0 when the socket could not be set up.
  uint16_t port() const { return port_; }
  // http://host:port/path
  std::string Url(const std::string& host, const std::string& path) const;

 private:
  void Accept();
  void Serve(int client);

  Answer answer_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_ = false;
  std::thread accept_thread_;
  std::mutex threads_mutex_;
  std::vector<std::thread> connection_threads_;
};

// "HTTP/1.1 <status>" with Content-Length and Connection: close, plus
// `headers` (each ending in \r\n) and `body`.
std::string HttpResponse(const std::string& status, const std::string& headers = "",
                         const std::string& body = "");

}  // namespace nc::testing
