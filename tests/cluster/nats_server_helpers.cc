#include "tests/cluster/nats_server_helpers.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace nc::testing {

namespace {

bool IsExecutable(const std::filesystem::path& path) {
  return access(path.c_str(), X_OK) == 0 && std::filesystem::is_regular_file(path);
}

}  // namespace

std::optional<std::string> NatsServer::FindBinary() {
  if (const char* env = std::getenv("NC_NATS_SERVER"); env != nullptr && *env != '\0') {
    if (IsExecutable(env)) return std::string(env);
    return std::nullopt;
  }
  std::string dirs = std::getenv("PATH") ? std::getenv("PATH") : "";
  dirs += ":/usr/sbin:/usr/bin:/usr/local/bin";
  size_t start = 0;
  while (start <= dirs.size()) {
    size_t colon = dirs.find(':', start);
    std::string dir = dirs.substr(start, colon - start);
    if (!dir.empty() && IsExecutable(std::filesystem::path(dir) / "nats-server")) {
      return (std::filesystem::path(dir) / "nats-server").string();
    }
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return std::nullopt;
}

NatsServer::NatsServer() : binary_(FindBinary()) {
  if (binary_) Start();
}

NatsServer::NatsServer(NatsServerOptions options)
    : options_(std::move(options)), binary_(FindBinary()) {
  if (binary_) Start();
}

std::string NatsServer::UrlWithUser(const std::string& user, const std::string& password) const {
  const size_t host = url_.find("://");
  if (host == std::string::npos) return url_;
  return url_.substr(0, host + 3) + user + ":" + password + "@" + url_.substr(host + 3);
}

NatsServer::~NatsServer() { Stop(); }

void NatsServer::Start() {
  error_.clear();
  url_.clear();
  const std::filesystem::path ports_dir = dir_ / "ports";
  std::filesystem::remove_all(ports_dir);
  std::filesystem::create_directories(ports_dir);
  const std::string store = (dir_ / "jetstream").string();
  const std::string log = (dir_ / "server.log").string();
  // The secured settings go in a config file; the command line's flags
  // (address, port, JetStream) come on top of it.
  const std::string config = (dir_ / "nats-server.conf").string();
  {
    std::ofstream out(config);
    if (!options_.tls_cert_file.empty()) {
      out << "tls {\n  cert_file: \"" << options_.tls_cert_file << "\"\n  key_file: \""
          << options_.tls_key_file << "\"\n}\n";
    }
    if (!options_.user.empty()) {
      out << "authorization {\n  user: \"" << options_.user << "\"\n  password: \""
          << options_.password << "\"\n}\n";
    }
    out << options_.extra_config;
  }
  pid_ = fork();
  if (pid_ == 0) {
    execl(binary_->c_str(), binary_->c_str(), "-c", config.c_str(), "-a", "127.0.0.1", "-p", "-1",
          "-js", "-sd", store.c_str(), "--ports_file_dir", ports_dir.c_str(), "-l", log.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  if (pid_ < 0) {
    error_ = "fork failed";
    return;
  }
  // The server writes its ports file once it listens (readiness, polled with
  // a bound; not a timing assertion).
  const std::filesystem::path ports_file =
      ports_dir / ("nats-server_" + std::to_string(pid_) + ".ports");
  for (int i = 0; i < 1000; ++i) {
    std::ifstream in(ports_file);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // "nats://", or "tls://" for a TLS server.
    size_t start = text.find("://");
    if (start != std::string::npos) start = text.rfind('"', start) + 1;
    if (start != std::string::npos && start != 0) {
      size_t end = text.find('"', start);
      if (end != std::string::npos) {
        url_ = text.substr(start, end - start);
        return;
      }
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      error_ = "nats-server exited at start; see " + log;
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  error_ = "nats-server wrote no ports file in 10 s; see " + log;
}

void NatsServer::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
  pid_ = -1;
}

}  // namespace nc::testing
