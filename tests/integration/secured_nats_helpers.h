#pragma once
// nats-servers secured as a user would run one for a cluster job: TLS with
// a server certificate of a fresh test CA (fixture/test_ca.h) for
// 127.0.0.1 and a user with a password; or an operator with accounts and a
// user credentials file (JWT + NKey seed). For the cluster tests that check
// --cluster-ca, tls://, credentials in the URL and --cluster-creds end to
// end. Nothing secret is checked in: every key is made at test time.

#include <filesystem>
#include <string>

#include "tests/cluster/nats_server_helpers.h"

namespace nc::testing {

struct SecuredNatsFiles {
  NatsServerOptions options;  // TLS files written, user and password set
  std::string ca_file;        // the PEM a node passes as --cluster-ca
  std::string error;          // empty when the files were written
};

inline constexpr const char* kSecuredNatsUser = "crawler";
inline constexpr const char* kSecuredNatsPassword = "s3cret";

// Writes the CA, the server certificate and its key under `dir`.
SecuredNatsFiles WriteSecuredNatsFiles(const std::filesystem::path& dir);

// Decentralized auth as `nsc` sets it up, made here without it: an
// operator, a system account, an account with JetStream and a user of it
// (Ed25519 NKeys, signed JWTs). `server_config` goes in the server's config
// (operator, system_account, a MEMORY resolver preloaded with the accounts);
// `creds_file` is the user's credentials file (JWT and NKey seed) under
// `dir`, for --cluster-creds.
struct NatsOperatorSetup {
  std::string server_config;
  std::string creds_file;
  std::string error;  // empty when made
};
NatsOperatorSetup WriteNatsOperatorSetup(const std::filesystem::path& dir);

}  // namespace nc::testing
