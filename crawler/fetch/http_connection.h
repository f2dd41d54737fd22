#pragma once
// One HTTP/1.1 connection (plain TCP or TLS over TCP) and the pool of idle
// ones kept for reuse. A connection is owned by exactly one request while in
// use, or by the pool between requests. Network thread only.

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "common/clock.h"
#include "crawler/fetch/http_connection_budget.h"

namespace nc {

struct HttpConnection {
  // TLS when `tls_context` is not null.
  HttpConnection(const boost::asio::any_io_executor& executor,
                 boost::asio::ssl::context* tls_context, std::string origin);

  boost::beast::tcp_stream& Tcp() { return tls ? tls->next_layer() : *plain; }
  // False when the peer has closed or reset the idle connection, or sent
  // bytes nobody asked for: such a connection cannot carry a request.
  bool LooksReusable();

  // Counted against max_open_connections while the connection lives.
  // Declared first, so it is released last: after the socket is closed.
  ConnectionBudget::Slot slot;
  const std::string origin;  // pool key: scheme://host:port
  std::optional<boost::beast::tcp_stream> plain;
  std::optional<boost::asio::ssl::stream<boost::beast::tcp_stream>> tls;
  boost::beast::flat_buffer buffer;  // bytes read but not yet parsed
  // The peer's address as text, read once per connection (getpeername(2)
  // per request was one syscall per page); empty until the first exchange.
  std::string peer_address;
  SteadyTime idle_since{};
  std::list<HttpConnection*>::iterator lru_position;      // valid while pooled
  std::list<HttpConnection*>::iterator tls_lru_position;  // valid while pooled, TLS only
};

class IdleConnectionPool {
 public:
  // Holds at most `max_idle` connections, `max_idle_tls` of them TLS ones;
  // older than `max_age` are dropped (servers close idle connections after
  // a few seconds to minutes). An idle TLS connection holds ~105 KiB of
  // heap (Asio's and OpenSSL's record buffers; bench_idle_connections), a
  // plain one ~1.4 KiB: hence a bound of their own.
  IdleConnectionPool(size_t max_idle, Duration max_age, size_t max_idle_tls = SIZE_MAX)
      : max_idle_(max_idle), max_idle_tls_(max_idle_tls), max_age_(max_age) {}

  // The most recently used live connection to `origin`, or null. Stale
  // connections met on the way are closed.
  std::unique_ptr<HttpConnection> Take(const std::string& origin, SteadyTime now);
  // Keeps `connection` for the next request to its origin; when full, the
  // connection idle the longest is closed. Its read buffer is released
  // (an idle connection holds no bytes; the next read allocates again).
  void Put(std::unique_ptr<HttpConnection> connection, SteadyTime now);
  // A new bound (the default one follows the hosts in rotation); lowered
  // under size(), the connections idle the longest are closed.
  void SetMaxIdle(size_t max_idle);
  // Closes the connection idle the longest, to make room for a new one
  // under max_open_connections. False when the pool is empty.
  bool CloseOldest();
  void Clear();
  size_t size() const { return lru_.size(); }
  size_t tls_size() const { return tls_lru_.size(); }

 private:
  void Close(HttpConnection* connection);  // one pooled connection
  // Out of the LRU lists (it stays in by_origin_).
  void Unlink(HttpConnection& connection);

  size_t max_idle_;
  const size_t max_idle_tls_;
  const Duration max_age_;
  // Per origin, oldest first.
  std::unordered_map<std::string, std::vector<std::unique_ptr<HttpConnection>>> by_origin_;
  std::list<HttpConnection*> lru_;      // all pooled connections, oldest first
  std::list<HttpConnection*> tls_lru_;  // the TLS ones among them, oldest first
};

}  // namespace nc
