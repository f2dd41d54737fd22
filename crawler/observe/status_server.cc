#include "crawler/observe/status_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <thread>

namespace nc::observe {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

Result<StatusAddress> ParseStatusAddress(std::string_view text) {
  StatusAddress address;
  std::string_view port_text = text;
  const size_t colon = text.rfind(':');
  if (colon != std::string_view::npos) {
    std::string_view host = text.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    if (host.empty()) {
      return MakeError("config.status_addr",
                       "--status-addr '" + std::string(text) + "': expected PORT or HOST:PORT");
    }
    address.host = std::string(host);
    port_text = text.substr(colon + 1);
  }
  unsigned port = 0;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc() || end != port_text.data() + port_text.size() || port > 65535) {
    return MakeError("config.status_addr", "--status-addr '" + std::string(text) +
                                               "': the port must be a number from 0 to 65535");
  }
  boost::system::error_code parse_error;
  (void)asio::ip::make_address(address.host, parse_error);
  if (parse_error) {
    return MakeError("config.status_addr", "--status-addr '" + std::string(text) + "': '" +
                                               address.host + "' is not an IP address");
  }
  address.port = static_cast<uint16_t>(port);
  return address;
}

struct StatusServer::Impl {
  asio::io_context ioc{1};
  tcp::acceptor acceptor{ioc};
  SnapshotSource source;
  std::string host;
  std::thread thread;

  http::response<http::string_body> Respond(const http::request<http::string_body>& request) {
    http::response<http::string_body> response;
    response.version(11);
    response.keep_alive(false);
    response.set(http::field::server, "newscrawl-status");
    response.set(http::field::cache_control, "no-store");
    const bool head = request.method() == http::verb::head;
    if (request.method() != http::verb::get && !head) {
      response.result(http::status::method_not_allowed);
      response.set(http::field::allow, "GET, HEAD");
      response.set(http::field::content_type, "text/plain");
      response.body() = "read-only: GET or HEAD\n";
    } else {
      std::string_view target = request.target();
      target = target.substr(0, target.find('?'));
      std::shared_ptr<const StatsSnapshot> snapshot = source();
      if (target == "/metrics") {
        response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
        response.body() = RenderPrometheus(*snapshot);
      } else if (target == "/status.json") {
        response.set(http::field::content_type, "application/json");
        response.body() = RenderStatusJson(*snapshot);
      } else if (target == "/") {
        response.set(http::field::content_type, "text/html; charset=utf-8");
        response.body() = std::string(StatusPageHtml());
      } else {
        response.result(http::status::not_found);
        response.set(http::field::content_type, "text/plain");
        response.body() = "not found: try /, /metrics or /status.json\n";
      }
    }
    response.prepare_payload();
    if (head) response.body().clear();  // Content-Length stays that of GET
    return response;
  }

  asio::awaitable<void> Serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    beast::flat_buffer buffer(16 * 1024);
    http::request_parser<http::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(16 * 1024);
    stream.expires_after(std::chrono::seconds(10));
    auto [read_error, read_bytes] =
        co_await http::async_read(stream, buffer, parser, asio::as_tuple(asio::use_awaitable));
    if (read_error) co_return;
    auto response = Respond(parser.get());
    auto [write_error, written] =
        co_await http::async_write(stream, response, asio::as_tuple(asio::use_awaitable));
    (void)write_error;
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  asio::awaitable<void> Accept() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(asio::as_tuple(asio::use_awaitable));
      if (ec == asio::error::operation_aborted || !acceptor.is_open()) co_return;
      if (ec) continue;  // e.g. too many open files: drop this one, keep serving
      asio::co_spawn(ioc, Serve(std::move(socket)), asio::detached);
    }
  }
};

Result<std::unique_ptr<StatusServer>> StatusServer::Start(const StatusAddress& address,
                                                          SnapshotSource source) {
  auto impl = std::make_unique<Impl>();
  impl->source = std::move(source);
  impl->host = address.host;
  boost::system::error_code ec;
  const tcp::endpoint endpoint(asio::ip::make_address(address.host, ec), address.port);
  if (!ec) impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return MakeError("observe.status_server", "status page: cannot listen on " + address.host +
                                                  ":" + std::to_string(address.port) + ": " +
                                                  ec.message());
  }
  asio::co_spawn(impl->ioc, impl->Accept(), asio::detached);
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->ioc.run(); });
  return std::unique_ptr<StatusServer>(new StatusServer(std::move(impl)));
}

StatusServer::StatusServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

StatusServer::~StatusServer() {
  impl_->ioc.stop();
  if (impl_->thread.joinable()) impl_->thread.join();
}

uint16_t StatusServer::port() const {
  boost::system::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

std::string StatusServer::Url() const {
  const bool v6 = impl_->host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + impl_->host + "]" : impl_->host) + ":" + std::to_string(port()) +
         "/";
}

}  // namespace nc::observe
