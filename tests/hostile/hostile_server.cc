#include "tests/hostile/hostile_server.h"

#include <brotli/encode.h>
#include <fcntl.h>
#include <zlib.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <string_view>
#include <thread>

#include "common/ascii.h"
#include "fixture/test_ca.h"

namespace nc::hostile {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
constexpr auto kUseTuple = asio::as_tuple(asio::use_awaitable);

// What one case's host does with a page request.
enum class Behaviour {
  kDrip,           // head at once, then the body one byte a second
  kEndlessBody,    // a chunked body that never ends, as fast as it can go
  kGzipBomb,       // 32 MiB of spaces, gzip-encoded (about 32 KiB sent)
  kDeflateBomb,    // the same, zlib-wrapped deflate
  kBrotliBomb,     // the same, brotli
  kRedirectSelf,   // / -> /
  kRedirectLoop,   // /loop/a -> /loop/b -> /loop/a
  kRedirectChain,  // /hop/0 -> /hop/1 -> ... -> /hop/50
  kHugeHeader,     // one 1 MiB header line
  kBadChunking,    // a chunk size that is not hexadecimal
  kGarbageStatus,  // a status line that is not HTTP
  kResetMidBody,   // half the promised body, then a TCP reset
  kAcceptAndHang,  // reads the request, never answers (robots.txt included)
  kSlowHeaders,    // the status line, then a header one byte a second, forever
};

struct PlainCase {
  const char* name;
  Behaviour behaviour;
  const char* path;
  const char* expected_reason;
  bool truncated;
  bool fails_at_robots;
};

constexpr PlainCase kPlainCases[] = {
    {"drip", Behaviour::kDrip, "/", "total-timeout", false, false},
    {"endless-body", Behaviour::kEndlessBody, "/", "", true, false},
    {"gzip-bomb", Behaviour::kGzipBomb, "/", "decompression-bomb", false, false},
    {"deflate-bomb", Behaviour::kDeflateBomb, "/", "decompression-bomb", false, false},
    {"brotli-bomb", Behaviour::kBrotliBomb, "/", "decompression-bomb", false, false},
    {"redirect-self", Behaviour::kRedirectSelf, "/", "redirect-loop", false, false},
    // /loop/b -> /loop/a: /loop/a is in /loop/b's redirect chain.
    {"redirect-loop", Behaviour::kRedirectLoop, "/loop/a", "redirect-loop", false, false},
    {"redirect-chain", Behaviour::kRedirectChain, "/hop/0", "too-many-redirects", false, false},
    {"huge-header", Behaviour::kHugeHeader, "/", "too-large", false, false},
    {"bad-chunking", Behaviour::kBadChunking, "/", "protocol-error", false, false},
    {"garbage-status", Behaviour::kGarbageStatus, "/", "protocol-error", false, false},
    {"reset-mid-body", Behaviour::kResetMidBody, "/", "connection-lost", false, false},
    {"accept-and-hang", Behaviour::kAcceptAndHang, "/", "first-byte-timeout", false, true},
    {"slow-headers", Behaviour::kSlowHeaders, "/", "total-timeout", false, false},
};

constexpr size_t kBombInflatedBytes = 32u << 20;
constexpr int kChainHops = 50;
constexpr size_t kMaxRequestHead = 64 << 10;
constexpr int kRefusedPagesArticles = 4;

Result<std::string> ZlibBomb(int window_bits) {
  const std::string plain(kBombInflatedBytes, ' ');
  z_stream stream{};
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, 9, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return MakeError("hostile.bomb", "deflateInit2 failed");
  }
  std::string out(deflateBound(&stream, plain.size()), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
  stream.avail_in = static_cast<uInt>(plain.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  // The bound was zero-filled, so all of it is resident: 32 MiB per bomb in
  // this process, which every crawl forked from it starts with (and wait4's
  // peak RSS of the crawl counted, until these were shrunk).
  out.shrink_to_fit();
  deflateEnd(&stream);
  if (rc != Z_STREAM_END) return MakeError("hostile.bomb", "deflate did not finish");
  return out;
}

Result<std::string> BrotliBomb() {
  const std::string plain(kBombInflatedBytes, ' ');
  std::string out(BrotliEncoderMaxCompressedSize(plain.size()), '\0');
  size_t size = out.size();
  if (BrotliEncoderCompress(5, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, plain.size(),
                            reinterpret_cast<const uint8_t*>(plain.data()), &size,
                            reinterpret_cast<uint8_t*>(out.data())) != BROTLI_TRUE) {
    return MakeError("hostile.bomb", "BrotliEncoderCompress failed");
  }
  out.resize(size);
  out.shrink_to_fit();  // as in ZlibBomb
  return out;
}

std::string Head(std::string_view status, std::string_view headers) {
  return "HTTP/1.1 " + std::string(status) + "\r\n" + std::string(headers) +
         "Connection: close\r\n\r\n";
}

// The request target and the Host header (without its port) of a request head.
struct RequestLine {
  std::string target;
  std::string host;
};

RequestLine ParseHead(std::string_view head) {
  RequestLine out;
  const size_t line_end = head.find("\r\n");
  const std::string_view first = head.substr(0, line_end);
  const size_t space = first.find(' ');
  if (space != std::string_view::npos) {
    const size_t second = first.find(' ', space + 1);
    out.target = std::string(first.substr(space + 1, second - space - 1));
  }
  size_t pos = line_end;
  while (pos != std::string_view::npos && pos + 2 < head.size()) {
    const size_t start = pos + 2;
    const size_t end = head.find("\r\n", start);
    const std::string_view line = head.substr(start, end - start);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos && ascii::ToLower(line.substr(0, colon)) == "host") {
      const std::string_view value = ascii::TrimHttpSpace(line.substr(colon + 1));
      out.host = ascii::ToLower(value.substr(0, value.find(':')));
    }
    pos = end;
  }
  return out;
}

}  // namespace

struct HostileServer::Impl {
  asio::io_context io;
  tcp::acceptor plain{io};
  tcp::acceptor wrong_host{io};
  tcp::acceptor expired{io};
  // refused-pages: robots.txt and the home page, then the port closes.
  tcp::acceptor refuse_after_home{io};
  asio::ssl::context wrong_host_tls{asio::ssl::context::tls_server};
  asio::ssl::context expired_tls{asio::ssl::context::tls_server};
  std::map<std::string, Behaviour> behaviour_by_host;
  std::vector<HostileCase> cases;
  std::vector<std::string> resolve;
  std::string ca_file;
  std::string gzip_bomb, deflate_bomb, brotli_bomb;
  std::thread thread;
  bool stopped = false;

  asio::awaitable<void> Accept(tcp::acceptor& acceptor, asio::ssl::context* tls);
  asio::awaitable<void> ServePlain(tcp::socket socket);
  asio::awaitable<void> ServeThenRefuse(tcp::socket socket);
  asio::awaitable<void> ServeTls(tcp::socket socket, asio::ssl::context& tls);
  asio::awaitable<void> Misbehave(tcp::socket& socket, Behaviour behaviour,
                                  const std::string& target);
};

namespace {

asio::awaitable<bool> Write(tcp::socket& socket, std::string_view data) {
  auto [ec, written] = co_await asio::async_write(socket, asio::buffer(data), kUseTuple);
  co_return !ec;
}

asio::awaitable<void> Pause(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(kUseTuple);
}

}  // namespace

asio::awaitable<void> HostileServer::Impl::Accept(tcp::acceptor& acceptor,
                                                  asio::ssl::context* tls) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kUseTuple);
    if (ec) co_return;
    if (tls) {
      asio::co_spawn(io, ServeTls(std::move(socket), *tls), asio::detached);
    } else if (&acceptor == &refuse_after_home) {
      asio::co_spawn(io, ServeThenRefuse(std::move(socket)), asio::detached);
    } else {
      asio::co_spawn(io, ServePlain(std::move(socket)), asio::detached);
    }
  }
}

// The handshake is what fails (on the client's side); whatever comes after
// it is answered 200 so a client that skipped verification would see a page.
asio::awaitable<void> HostileServer::Impl::ServeTls(tcp::socket socket, asio::ssl::context& tls) {
  asio::ssl::stream<tcp::socket> stream(std::move(socket), tls);
  auto [ec] = co_await stream.async_handshake(asio::ssl::stream_base::server, kUseTuple);
  if (ec) co_return;
  char buffer[4096];
  co_await stream.async_read_some(asio::buffer(buffer), kUseTuple);
  const std::string response =
      Head("200 OK", "Content-Type: text/plain\r\nContent-Length: 3\r\n") + "ok\n";
  co_await asio::async_write(stream, asio::buffer(response), kUseTuple);
}

namespace {

// The request head of `socket`; "" when the peer goes away first.
asio::awaitable<std::string> ReadHead(tcp::socket& socket) {
  std::string head;
  char buffer[4096];
  while (head.find("\r\n\r\n") == std::string::npos) {
    auto [ec, n] = co_await socket.async_read_some(asio::buffer(buffer), kUseTuple);
    if (ec || head.size() > kMaxRequestHead) co_return std::string();
    head.append(buffer, n);
  }
  co_return head;
}

std::string AllowAllRobots() {
  const std::string rules = "User-agent: *\nAllow: /\n";
  return Head("200 OK", "Content-Type: text/plain\r\nContent-Length: " +
                            std::to_string(rules.size()) + "\r\n") +
         rules;
}

}  // namespace

// robots.txt answers, then the home page (four article links), then the
// listener closes: every later connection is refused, as when a server dies
// mid-crawl. Each answer closes its connection, so none is reused.
asio::awaitable<void> HostileServer::Impl::ServeThenRefuse(tcp::socket socket) {
  const std::string head = co_await ReadHead(socket);
  if (head.empty()) co_return;
  if (ParseHead(head).target == "/robots.txt") {
    co_await Write(socket, AllowAllRobots());
    co_return;
  }
  std::string html = "<html><body><main><ul>";
  for (int i = 1; i <= kRefusedPagesArticles; ++i) {
    const std::string n = std::to_string(i);
    html += "<li><a href='/monde/article-" + n + ".html'>Un titre d'article assez long, le " + n +
            "</a></li>";
  }
  html += "</ul></main></body></html>";
  boost::system::error_code ignored;
  refuse_after_home.close(ignored);
  co_await Write(socket, Head("200 OK",
                              "Content-Type: text/html; charset=utf-8\r\n"
                              "Content-Length: " +
                                  std::to_string(html.size()) + "\r\n") +
                             html);
}

asio::awaitable<void> HostileServer::Impl::ServePlain(tcp::socket socket) {
  const std::string head = co_await ReadHead(socket);
  if (head.empty()) co_return;
  const RequestLine request = ParseHead(head);
  const auto found = behaviour_by_host.find(request.host);
  if (found == behaviour_by_host.end()) {
    co_await Write(socket, Head("404 Not Found", "Content-Length: 0\r\n"));
    co_return;
  }
  if (request.target == "/robots.txt" && found->second != Behaviour::kAcceptAndHang) {
    co_await Write(socket, AllowAllRobots());
    co_return;
  }
  co_await Misbehave(socket, found->second, request.target);
}

asio::awaitable<void> HostileServer::Impl::Misbehave(tcp::socket& socket, Behaviour behaviour,
                                                     const std::string& target) {
  using std::chrono::milliseconds;
  const std::string html = "Content-Type: text/html; charset=utf-8\r\n";
  switch (behaviour) {
    case Behaviour::kDrip: {
      if (!co_await Write(socket, Head("200 OK", html + "Content-Length: 100000\r\n"))) co_return;
      for (;;) {
        co_await Pause(milliseconds(1000));
        if (!co_await Write(socket, "<")) co_return;
      }
    }
    case Behaviour::kEndlessBody: {
      if (!co_await Write(socket, Head("200 OK", html + "Transfer-Encoding: chunked\r\n"))) {
        co_return;
      }
      const std::string text(16 << 10, 'a');
      char size_line[32];
      std::snprintf(size_line, sizeof size_line, "%zx\r\n", text.size());
      const std::string chunk = size_line + text + "\r\n";
      for (;;) {
        if (!co_await Write(socket, chunk)) co_return;
      }
    }
    case Behaviour::kGzipBomb:
    case Behaviour::kDeflateBomb:
    case Behaviour::kBrotliBomb: {
      const std::string& body = behaviour == Behaviour::kGzipBomb      ? gzip_bomb
                                : behaviour == Behaviour::kDeflateBomb ? deflate_bomb
                                                                       : brotli_bomb;
      const char* coding = behaviour == Behaviour::kGzipBomb      ? "gzip"
                           : behaviour == Behaviour::kDeflateBomb ? "deflate"
                                                                  : "br";
      co_await Write(socket,
                     Head("200 OK", html + "Content-Encoding: " + coding + "\r\nContent-Length: " +
                                        std::to_string(body.size()) + "\r\n") +
                         body);
      co_return;
    }
    case Behaviour::kRedirectSelf: {
      co_await Write(socket, Head("301 Moved Permanently",
                                  "Location: " + target + "\r\nContent-Length: 0\r\n"));
      co_return;
    }
    case Behaviour::kRedirectLoop: {
      const char* next = target == "/loop/a" ? "/loop/b" : "/loop/a";
      co_await Write(socket, Head("302 Found",
                                  std::string("Location: ") + next + "\r\nContent-Length: 0\r\n"));
      co_return;
    }
    case Behaviour::kRedirectChain: {
      int hop = 0;
      if (target.starts_with("/hop/")) hop = std::atoi(target.c_str() + 5);
      if (hop >= kChainHops) {
        co_await Write(socket, Head("200 OK", html + "Content-Length: 6\r\n") + "<p>end");
      } else {
        co_await Write(socket, Head("302 Found", "Location: /hop/" + std::to_string(hop + 1) +
                                                     "\r\nContent-Length: 0\r\n"));
      }
      co_return;
    }
    case Behaviour::kHugeHeader: {
      co_await Write(socket, Head("200 OK", html + "X-Huge: " + std::string(1 << 20, 'h') +
                                                "\r\nContent-Length: 0\r\n"));
      co_return;
    }
    case Behaviour::kBadChunking: {
      co_await Write(socket, Head("200 OK", html + "Transfer-Encoding: chunked\r\n") +
                                 "5\r\nhello\r\nzz-not-hex\r\nhello\r\n0\r\n\r\n");
      co_return;
    }
    case Behaviour::kGarbageStatus: {
      co_await Write(socket, "SPAM 42 eggs and bacon\r\nContent-Length: 0\r\n\r\n");
      co_return;
    }
    case Behaviour::kResetMidBody: {
      if (!co_await Write(socket, Head("200 OK", html + "Content-Length: 100000\r\n") +
                                      std::string(50000, 'r'))) {
        co_return;
      }
      // SO_LINGER 0: close() sends a reset instead of a FIN.
      boost::system::error_code ignored;
      socket.set_option(asio::socket_base::linger(true, 0), ignored);
      socket.close(ignored);
      co_return;
    }
    case Behaviour::kAcceptAndHang: {
      // Until the server stops (its io_context is then destroyed with this frame).
      for (;;) co_await Pause(milliseconds(3'600'000));
    }
    case Behaviour::kSlowHeaders: {
      if (!co_await Write(socket, "HTTP/1.1 200 OK\r\nX-Slow: ")) co_return;
      for (;;) {
        co_await Pause(milliseconds(1000));
        if (!co_await Write(socket, "s")) co_return;
      }
    }
  }
}

Result<std::unique_ptr<HostileServer>> HostileServer::Start(const std::filesystem::path& dir) {
  auto impl = std::make_unique<Impl>();
  boost::system::error_code ec;
  const auto loopback = asio::ip::make_address("127.0.0.1");
  for (tcp::acceptor* acceptor :
       {&impl->plain, &impl->wrong_host, &impl->expired, &impl->refuse_after_home}) {
    acceptor->open(tcp::v4(), ec);
    if (!ec) acceptor->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor->bind({loopback, 0}, ec);
    if (!ec) acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return MakeError("hostile.listen", "hostile server: listen: " + ec.message());
    // Not inherited by the crawls this process forks: a crawler holding a
    // copy would keep refused-pages' port listening after it closes here.
    ::fcntl(acceptor->native_handle(), F_SETFD, FD_CLOEXEC);
  }
  const std::string plain_port = std::to_string(impl->plain.local_endpoint().port());

  for (const PlainCase& c : kPlainCases) {
    HostileCase out;
    out.name = c.name;
    out.host = std::string(c.name) + ".hostile.test";
    out.url = "http://" + out.host + ":" + plain_port + c.path;
    out.expected_reason = c.expected_reason;
    out.expected_truncated = c.truncated;
    out.fails_at_robots = c.fails_at_robots;
    // The total deadline counts from the start of the request, connect
    // included: on a slow (sanitized) start it can fall before read_timeout
    // after the connect.
    if (c.behaviour == Behaviour::kAcceptAndHang) out.also_accepted_reason = "total-timeout";
    impl->behaviour_by_host[out.host] = c.behaviour;
    impl->resolve.push_back(out.host + ":" + plain_port + ":127.0.0.1");
    impl->cases.push_back(std::move(out));
  }

  // A port with nothing listening: bound, then closed.
  uint16_t refused_port = 0;
  {
    tcp::acceptor probe(impl->io, {loopback, 0});
    refused_port = probe.local_endpoint().port();
  }
  auto add_case = [&](const std::string& name, uint16_t port, const char* scheme,
                      const char* reason) {
    HostileCase out;
    out.name = name;
    out.host = name + ".hostile.test";
    out.url = std::string(scheme) + "://" + out.host + ":" + std::to_string(port) + "/";
    out.expected_reason = reason;
    out.fails_at_robots = true;
    impl->resolve.push_back(out.host + ":" + std::to_string(port) + ":127.0.0.1");
    impl->cases.push_back(std::move(out));
  };
  add_case("refused", refused_port, "http", "connect-refused");
  add_case("refused-pages", impl->refuse_after_home.local_endpoint().port(), "http",
           "connect-refused");
  impl->cases.back().fails_at_robots = false;
  add_case("wrong-host-cert", impl->wrong_host.local_endpoint().port(), "https", "tls");
  add_case("expired-cert", impl->expired.local_endpoint().port(), "https", "tls");

  // TLS: one CA, trusted by the crawl; a certificate for another name, and
  // one for the right name that expired yesterday.
  auto ca = fixture::MakeTestCa();
  if (!ca) return ca.error();
  fixture::CertificateRequest other_name;
  other_name.dns_names = {"elsewhere.hostile.test"};
  auto wrong_cert = fixture::IssueServerCertificate(*ca, other_name);
  if (!wrong_cert) return wrong_cert.error();
  fixture::CertificateRequest expired_request;
  expired_request.dns_names = {"expired-cert.hostile.test"};
  expired_request.valid_days = -1;
  auto expired_cert = fixture::IssueServerCertificate(*ca, expired_request, -3);
  if (!expired_cert) return expired_cert.error();
  for (auto [context, cert] : {std::pair{&impl->wrong_host_tls, &*wrong_cert},
                               std::pair{&impl->expired_tls, &*expired_cert}}) {
    context->use_certificate_chain(asio::buffer(cert->server_cert_pem), ec);
    if (!ec) {
      context->use_private_key(asio::buffer(cert->server_key_pem), asio::ssl::context::pem, ec);
    }
    if (ec) return MakeError("hostile.tls", "hostile server: TLS context: " + ec.message());
  }
  std::filesystem::create_directories(dir, ec);
  impl->ca_file = (dir / "hostile-ca.pem").string();
  {
    std::ofstream out(impl->ca_file);
    out << ca->cert_pem;
    if (!out) return MakeError("hostile.ca", "hostile server: cannot write " + impl->ca_file);
  }

  auto gzip = ZlibBomb(15 + 16);
  if (!gzip) return gzip.error();
  auto deflate = ZlibBomb(15);
  if (!deflate) return deflate.error();
  auto brotli = BrotliBomb();
  if (!brotli) return brotli.error();
  impl->gzip_bomb = std::move(*gzip);
  impl->deflate_bomb = std::move(*deflate);
  impl->brotli_bomb = std::move(*brotli);

  Impl* raw = impl.get();
  asio::co_spawn(raw->io, raw->Accept(raw->plain, nullptr), asio::detached);
  asio::co_spawn(raw->io, raw->Accept(raw->wrong_host, &raw->wrong_host_tls), asio::detached);
  asio::co_spawn(raw->io, raw->Accept(raw->expired, &raw->expired_tls), asio::detached);
  asio::co_spawn(raw->io, raw->Accept(raw->refuse_after_home, nullptr), asio::detached);
  raw->thread = std::thread([raw] { raw->io.run(); });
  return std::unique_ptr<HostileServer>(new HostileServer(std::move(impl)));
}

HostileServer::HostileServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HostileServer::~HostileServer() { Stop(); }

const std::vector<HostileCase>& HostileServer::cases() const { return impl_->cases; }

std::vector<std::string> HostileServer::ResolveArgs() const { return impl_->resolve; }

const std::string& HostileServer::ca_file() const { return impl_->ca_file; }

void HostileServer::Stop() {
  if (impl_->stopped) return;
  impl_->stopped = true;
  impl_->io.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace nc::hostile
