#include "tests/integration/nginx_helpers.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace nc::testing {

uint16_t FreeLoopbackPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool AcceptsConnections(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

Nginx::Nginx(const std::filesystem::path& dir, uint16_t port) : dir_(dir), port_(port) {
  std::filesystem::create_directories(dir / "tmp");
  std::ofstream conf(dir / "nginx.conf");
  conf << "daemon off;\nmaster_process off;\nworker_processes 1;\n"
       << (geteuid() == 0 ? "user root;\n" : "") << "error_log " << (dir / "error.log").string()
       << ";\npid " << (dir / "nginx.pid").string() << ";\n"
       << "events { worker_connections 64; }\nhttp {\n"
       // One line per request: host, then the request target as sent.
       << "  log_format hostpath '$host $request_uri $status';\n"
       << "  access_log " << (dir / "access.log").string() << " hostpath;\n";
  for (const char* t : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
    conf << "  " << t << "_temp_path " << (dir / "tmp").string() << "/" << t << ";\n";
  }
  conf << "  types { text/html html; text/plain txt; }\n  default_type text/plain;\n"
       << "  server {\n    listen 127.0.0.1:" << port << ";\n    root "
       << (dir / "site").string() << "/$host;\n    index index.html;\n"
       // For WaitUntilIdle(); not logged, so it never counts as a fetch.
       << "    location = /_nginx_status { stub_status; access_log off; }\n  }\n}\n";
  conf.close();
  pid_ = fork();
  if (pid_ == 0) {
    execl(kNginx, kNginx, "-p", dir.c_str(), "-e", (dir / "error.log").c_str(), "-c",
          (dir / "nginx.conf").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // Wait (bounded) until nginx listens; this is readiness, not a timing assertion.
  for (int i = 0; i < 500 && !AcceptsConnections(port); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

Nginx::~Nginx() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
  }
}

namespace {

// The body of GET /_nginx_status ("Active connections: N ..."), or "".
std::string StatusPage(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
    const std::string request = "GET /_nginx_status HTTP/1.0\r\nHost: status\r\n\r\n";
    if (send(fd, request.data(), request.size(), MSG_NOSIGNAL) ==
        static_cast<ssize_t>(request.size())) {
      char buffer[1024];
      ssize_t n = 0;
      while ((n = recv(fd, buffer, sizeof buffer, 0)) > 0) response.append(buffer, n);
    }
  }
  close(fd);
  return response;
}

}  // namespace

bool Nginx::WaitUntilIdle() const {
  // nginx accepts connections in order, so when it answers this request it
  // has accepted every earlier one; it logs a request before closing its
  // connection. Polling an event, not timing one.
  for (int i = 0; i < 2000; ++i) {
    if (StatusPage(port_).find("Active connections: 1 ") != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

size_t Nginx::RequestCount() const {
  std::ifstream in(dir_ / "access.log");
  size_t lines = 0;
  std::string line;
  while (std::getline(in, line)) ++lines;
  return lines;
}

std::map<std::string, int> Nginx::PageRequests(size_t skip_lines) const {
  std::map<std::string, int> counts;
  std::ifstream in(dir_ / "access.log");
  std::string line;
  for (size_t n = 0; std::getline(in, line); ++n) {
    if (n < skip_lines) continue;
    std::istringstream fields(line);
    std::string host, target;
    fields >> host >> target;
    if (target == "/robots.txt") continue;
    ++counts["http://" + host + ":" + std::to_string(port_) + target];
  }
  return counts;
}

}  // namespace nc::testing
