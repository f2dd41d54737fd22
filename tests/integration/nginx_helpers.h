#pragma once
// nginx on loopback serving a static copy of the fixture site (written by
// fixture::NewsSite::WriteToDirectory into DIR/site/<host>/), for tests that
// crawl a server that is not ours. Its access log names host and path of
// every request, so tests can count fetches per URL.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace nc::testing {

inline constexpr const char* kNginx = "/usr/sbin/nginx";

// A port the OS says is free now (nginx needs it in its config file).
uint16_t FreeLoopbackPort();
bool AcceptsConnections(uint16_t port);

class Nginx {
 public:
  // Serves DIR/site/$host on 127.0.0.1:port; config, logs and temp files in
  // DIR. Returns once nginx accepts connections (or gave up: check Ready()).
  Nginx(const std::filesystem::path& dir, uint16_t port);
  ~Nginx();  // SIGTERM, then waits
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  bool Ready() const { return AcceptsConnections(port_); }
  std::filesystem::path error_log() const { return dir_ / "error.log"; }
  // Requests logged so far (nginx writes a line when a response is sent).
  size_t RequestCount() const;
  // Waits (bounded) until nginx holds no client connection but the one that
  // asks (stub_status): every request of a client that has exited, even one
  // still unread in a socket when it died, is then logged. Call it after a
  // crawler child exits and before counting its requests. False on timeout.
  bool WaitUntilIdle() const;
  // Requests per URL "http://HOST:PORT/path", robots.txt excluded, counting
  // only log lines after the first `skip_lines`.
  std::map<std::string, int> PageRequests(size_t skip_lines = 0) const;

 private:
  std::filesystem::path dir_;
  uint16_t port_;
  pid_t pid_ = -1;
};

}  // namespace nc::testing
