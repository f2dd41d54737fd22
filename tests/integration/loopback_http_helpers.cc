#include "tests/integration/loopback_http_helpers.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace nc::testing {

LoopbackHttpServer::LoopbackHttpServer(Answer answer) : answer_(std::move(answer)) {
  listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof(address);
  if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
      ::listen(listener_, 64) != 0 ||
      ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    return;
  }
  port_ = ntohs(address.sin_port);
  accept_thread_ = std::thread([this] { Accept(); });
}

LoopbackHttpServer::~LoopbackHttpServer() {
  stop_ = true;
  if (accept_thread_.joinable()) accept_thread_.join();
  for (std::thread& t : connection_threads_) t.join();
  if (listener_ >= 0) ::close(listener_);
}

std::string LoopbackHttpServer::Url(const std::string& host, const std::string& path) const {
  return "http://" + host + ":" + std::to_string(port_) + path;
}

void LoopbackHttpServer::Accept() {
  while (!stop_) {
    pollfd ready{listener_, POLLIN, 0};
    if (::poll(&ready, 1, 20) <= 0) continue;
    const int client = ::accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    std::lock_guard lock(threads_mutex_);
    connection_threads_.emplace_back([this, client] {
      Serve(client);
      ::close(client);
    });
  }
}

void LoopbackHttpServer::Serve(int client) {
  std::string head;
  char buffer[1024];
  while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
    pollfd ready{client, POLLIN, 0};
    if (::poll(&ready, 1, 5000) <= 0) return;
    const ssize_t n = ::recv(client, buffer, sizeof(buffer), 0);
    if (n <= 0) return;
    head.append(buffer, static_cast<size_t>(n));
  }
  Request request;
  const size_t path_start = head.find(' ') + 1;
  request.path = head.substr(path_start, head.find(' ', path_start) - path_start);
  if (size_t at = head.find("\r\nHost: "); at != std::string::npos) {
    at += 8;
    request.host = head.substr(at, head.find_first_of(":\r", at) - at);
  }
  const std::string reply = answer_(request);
  (void)::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
}

std::string HttpResponse(const std::string& status, const std::string& headers,
                         const std::string& body) {
  return "HTTP/1.1 " + status + "\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace nc::testing
