#pragma once
// Test doubles for HTTP client tests: a scripted HTTP/1.1 server (plain or
// TLS) on 127.0.0.1 with its own thread, and a throwaway certificate
// authority made with the OpenSSL 3 API. Nothing leaves the loopback.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace nc::testing {

// What the server does for one request, in script order across connections.
struct ScriptedReply {
  enum class Then {
    kKeepOpen,  // wait for the next request on this connection
    kClose,     // close the connection (no TLS close_notify)
    kHang,      // keep the connection open and never send anything more
  };
  std::string bytes;  // written as-is once the request head is read
  Then then = Then::kKeepOpen;
};

// "HTTP/1.1 <status_line>\r\n" + fields + Content-Length + "\r\n" + body.
std::string HttpResponse(std::string_view status_line,
                         const std::vector<std::pair<std::string, std::string>>& fields,
                         std::string_view body);

struct TlsCredentials {
  std::string certificate_pem;  // leaf certificate
  std::string private_key_pem;
};

// A CA made at test time (EC P-256, valid for a week), issuing server
// certificates with one DNS subjectAltName.
class TestCertificateAuthority {
 public:
  TestCertificateAuthority();
  ~TestCertificateAuthority();
  TestCertificateAuthority(const TestCertificateAuthority&) = delete;
  TestCertificateAuthority& operator=(const TestCertificateAuthority&) = delete;

  const std::string& certificate_pem() const { return certificate_pem_; }
  TlsCredentials IssueServerCertificate(const std::string& dns_name);

 private:
  struct Keys;
  std::unique_ptr<Keys> keys_;
  std::string certificate_pem_;
  long next_serial_ = 2;
};

struct RecordedRequest {
  size_t connection = 0;  // 0-based, in order of acceptance
  std::string head;       // request line and header fields as received

  std::string RequestLine() const;
  // First value of a header field (case-insensitive name), "" if absent.
  std::string Header(std::string_view name) const;
};

struct TestServerOptions {
  std::vector<ScriptedReply> script;  // once used up, connections are closed
  std::optional<TlsCredentials> tls;  // serve HTTPS with these
  // Called on the server thread after request `index` (0-based) is read,
  // before the reply is written.
  std::function<void(size_t index)> on_request;
};

class TestHttpServer {
 public:
  explicit TestHttpServer(TestServerOptions options);
  explicit TestHttpServer(std::vector<ScriptedReply> script)
      : TestHttpServer(TestServerOptions{std::move(script), std::nullopt, nullptr}) {}
  ~TestHttpServer();  // stops the thread; open connections are dropped
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  uint16_t port() const { return port_; }
  std::string Url(std::string_view path = "/") const;  // http(s)://127.0.0.1:port/path
  size_t connections_accepted() const { return connections_.load(); }
  std::vector<RecordedRequest> requests() const;

 private:
  struct Impl;
  friend struct Impl;
  std::optional<ScriptedReply> NextReply(const std::string& head, size_t connection);

  TestServerOptions options_;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
  std::atomic<size_t> connections_{0};
  mutable std::mutex mutex_;
  size_t next_reply_ = 0;                  // guarded by mutex_
  std::vector<RecordedRequest> requests_;  // guarded by mutex_
  std::thread thread_;
};

// A loopback port with nothing listening (bound, then closed).
uint16_t UnusedLoopbackPort();

}  // namespace nc::testing
