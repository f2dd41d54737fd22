#include "crawler/fetch/http_connection.h"

#include <sys/socket.h>
#include <sys/types.h>

#include <cerrno>

namespace nc {

HttpConnection::HttpConnection(const boost::asio::any_io_executor& executor,
                               boost::asio::ssl::context* tls_context, std::string origin_key)
    : origin(std::move(origin_key)) {
  if (tls_context != nullptr) {
    tls.emplace(executor, *tls_context);
  } else {
    plain.emplace(executor);
  }
}

bool HttpConnection::LooksReusable() {
  auto& socket = Tcp().socket();
  if (!socket.is_open()) return false;
  // One non-blocking peek: 0 means the server sent FIN, data means a stray
  // response or a TLS alert (close_notify). Either way the next request on
  // this connection would fail, so it is cheaper to find out now.
  char byte;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

std::unique_ptr<HttpConnection> IdleConnectionPool::Take(const std::string& origin,
                                                         SteadyTime now) {
  auto it = by_origin_.find(origin);
  if (it == by_origin_.end()) return nullptr;
  auto& list = it->second;
  std::unique_ptr<HttpConnection> found;
  while (!list.empty() && !found) {
    std::unique_ptr<HttpConnection> candidate = std::move(list.back());
    list.pop_back();
    Unlink(*candidate);
    if (now - candidate->idle_since <= max_age_ && candidate->LooksReusable()) {
      found = std::move(candidate);
    }
    // Otherwise `candidate` is closed here.
  }
  if (list.empty()) by_origin_.erase(it);
  return found;
}

void IdleConnectionPool::Put(std::unique_ptr<HttpConnection> connection, SteadyTime now) {
  if (max_idle_ == 0) return;
  const bool is_tls = connection->tls.has_value();
  if (is_tls && max_idle_tls_ == 0) return;
  if (lru_.size() >= max_idle_) CloseOldest();
  if (is_tls && tls_lru_.size() >= max_idle_tls_) Close(tls_lru_.front());
  connection->idle_since = now;
  connection->Tcp().expires_never();
  // Exchange keeps a connection only when every byte read was parsed, so
  // the buffer is empty: its 64 KiB of capacity would sit unused for the
  // host's whole delay, per pooled connection.
  connection->buffer.shrink_to_fit();
  lru_.push_back(connection.get());
  connection->lru_position = std::prev(lru_.end());
  if (is_tls) {
    tls_lru_.push_back(connection.get());
    connection->tls_lru_position = std::prev(tls_lru_.end());
  }
  by_origin_[connection->origin].push_back(std::move(connection));
}

void IdleConnectionPool::SetMaxIdle(size_t max_idle) {
  max_idle_ = max_idle;
  while (lru_.size() > max_idle_) CloseOldest();
}

bool IdleConnectionPool::CloseOldest() {
  if (lru_.empty()) return false;
  Close(lru_.front());
  return true;
}

void IdleConnectionPool::Close(HttpConnection* connection) {
  auto it = by_origin_.find(connection->origin);
  auto& list = it->second;
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].get() == connection) {
      Unlink(*connection);
      list.erase(list.begin() + static_cast<std::ptrdiff_t>(i));  // closes it
      break;
    }
  }
  if (list.empty()) by_origin_.erase(it);
}

void IdleConnectionPool::Unlink(HttpConnection& connection) {
  lru_.erase(connection.lru_position);
  if (connection.tls) tls_lru_.erase(connection.tls_lru_position);
}

void IdleConnectionPool::Clear() {
  lru_.clear();
  tls_lru_.clear();
  by_origin_.clear();
}

}  // namespace nc
