#pragma once
// A nats-server with JetStream for one test: loopback only, a port the
// server picks itself (-p -1, read back from --ports_file_dir, so no race
// with other tests), its own storage directory, stopped and removed with the
// object. Tests skip, saying why, when the nats-server binary is absent
// (scripts/setup.sh installs it); one that is present but does not start is
// a failure.

#include <sys/types.h>

#include <optional>
#include <string>

#include "tests/common/temp_dir.h"

namespace nc::testing {

// A secured server: its config file adds these blocks to the command line's
// settings (port, JetStream, storage stay as for a plain one).
struct NatsServerOptions {
  // PEM files for a `tls { cert_file, key_file }` block; with them the URL
  // is tls://127.0.0.1:PORT.
  std::string tls_cert_file;
  std::string tls_key_file;
  // With both: `authorization { user, password }`; url() then carries no
  // credentials (a test adds them as a user would: tls://USER:PASS@...).
  std::string user;
  std::string password;
  // More of the config file, as is (an operator and its accounts).
  std::string extra_config;
};

class NatsServer {
 public:
  NatsServer();
  explicit NatsServer(NatsServerOptions options);
  ~NatsServer();
  NatsServer(const NatsServer&) = delete;
  NatsServer& operator=(const NatsServer&) = delete;

  // Path of nats-server ($NC_NATS_SERVER, then PATH, /usr/sbin, /usr/bin).
  static std::optional<std::string> FindBinary();

  bool available() const { return binary_.has_value(); }
  // Empty when the server runs; otherwise why not.
  const std::string& error() const { return error_; }
  // nats://127.0.0.1:PORT (tls:// for a TLS server)
  const std::string& url() const { return url_; }
  // The server's process id (for a test that pauses it with SIGSTOP); -1
  // when it does not run.
  pid_t pid() const { return pid_; }
  // url() with USER:PASSWORD@ before the host.
  std::string UrlWithUser(const std::string& user, const std::string& password) const;

 private:
  void Start();
  void Stop();

  TempDir dir_;
  NatsServerOptions options_;
  std::optional<std::string> binary_;
  pid_t pid_ = -1;
  std::string url_;
  std::string error_;
};

}  // namespace nc::testing

// In a test body: skips when nats-server is not installed, fails when it is
// but did not start.
#define NC_REQUIRE_NATS_SERVER(server)                                                         \
  do {                                                                                         \
    if (!(server).available()) GTEST_SKIP() << "nats-server not installed (scripts/setup.sh)"; \
    ASSERT_TRUE((server).error().empty()) << (server).error();                                 \
  } while (0)
