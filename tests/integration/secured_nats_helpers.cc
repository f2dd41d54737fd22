#include "tests/integration/secured_nats_helpers.h"

#include <openssl/evp.h>

#include <ctime>
#include <fstream>
#include <memory>
#include <optional>
#include <string_view>

#include "common/rfc4648.h"
#include "fixture/test_ca.h"

namespace nc::testing {

SecuredNatsFiles WriteSecuredNatsFiles(const std::filesystem::path& dir) {
  SecuredNatsFiles files;
  fixture::CertificateRequest request;
  request.dns_names = {"localhost"};
  request.ip_addresses = {"127.0.0.1"};
  auto certs = fixture::MakeTestCertificates(request);
  if (!certs.ok()) {
    files.error = certs.error().message;
    return files;
  }
  files.ca_file = (dir / "nats-ca.pem").string();
  files.options.tls_cert_file = (dir / "nats-server.pem").string();
  files.options.tls_key_file = (dir / "nats-server.key").string();
  files.options.user = kSecuredNatsUser;
  files.options.password = kSecuredNatsPassword;
  std::ofstream(files.ca_file) << certs->ca_cert_pem;
  std::ofstream(files.options.tls_cert_file) << certs->server_cert_pem;
  std::ofstream(files.options.tls_key_file) << certs->server_key_pem;
  return files;
}

}  // namespace nc::testing

namespace nc::testing {
namespace {

// NKey prefixes (github.com/nats-io/nkeys): the first base32 letter of a
// public key says what it is, a seed starts with 'S' and the same letter.
constexpr uint8_t kPrefixSeed = 18 << 3;
constexpr uint8_t kPrefixOperator = 14 << 3;
constexpr uint8_t kPrefixAccount = 0;
constexpr uint8_t kPrefixUser = 20 << 3;

uint16_t Crc16Xmodem(const std::string& data) {
  uint16_t crc = 0;
  for (unsigned char byte : data) {
    crc ^= static_cast<uint16_t>(byte) << 8;
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x8000) != 0 ? static_cast<uint16_t>((crc << 1) ^ 0x1021)
                                : static_cast<uint16_t>(crc << 1);
    }
  }
  return crc;
}

// RFC 4648 without padding, as NATS writes keys and JWTs.
std::string Base32NoPadding(const std::string& data) {
  return rfc4648::Base32(data, rfc4648::Padding::kNone);
}

std::string Base64UrlNoPadding(const std::string& data) {
  return rfc4648::Base64Url(data, rfc4648::Padding::kNone);
}

std::string WithCrc(std::string raw) {
  const uint16_t crc = Crc16Xmodem(raw);
  raw.push_back(static_cast<char>(crc & 0xff));
  raw.push_back(static_cast<char>(crc >> 8));
  return Base32NoPadding(raw);
}

struct NKey {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{nullptr, &EVP_PKEY_free};
  std::string public_key;  // encoded, e.g. "A..."
  std::string seed;        // encoded, "S?..."
};

std::optional<NKey> MakeNKey(uint8_t prefix) {
  NKey nkey;
  nkey.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!nkey.key) return std::nullopt;
  unsigned char raw_public[32], raw_seed[32];
  size_t public_size = sizeof(raw_public), seed_size = sizeof(raw_seed);
  if (EVP_PKEY_get_raw_public_key(nkey.key.get(), raw_public, &public_size) != 1 ||
      EVP_PKEY_get_raw_private_key(nkey.key.get(), raw_seed, &seed_size) != 1) {
    return std::nullopt;
  }
  nkey.public_key = WithCrc(std::string(1, static_cast<char>(prefix)) +
                            std::string(reinterpret_cast<char*>(raw_public), public_size));
  std::string seed_raw;
  seed_raw.push_back(static_cast<char>(kPrefixSeed | (prefix >> 5)));
  seed_raw.push_back(static_cast<char>((prefix & 31) << 3));
  seed_raw.append(reinterpret_cast<char*>(raw_seed), seed_size);
  nkey.seed = WithCrc(seed_raw);
  return nkey;
}

// A JWT of `subject` signed by `issuer` (alg ed25519-nkey, nats-io/jwt v2).
std::optional<std::string> SignedJwt(const NKey& issuer, const std::string& subject,
                                     const std::string& name, const std::string& nats_claims) {
  const std::string header = Base64UrlNoPadding(R"({"typ":"JWT","alg":"ed25519-nkey"})");
  const std::string claims = R"({"jti":")" + Base32NoPadding(subject + name) + R"(","iat":)" +
                             std::to_string(std::time(nullptr)) + R"(,"iss":")" +
                             issuer.public_key + R"(","name":")" + name + R"(","sub":")" + subject +
                             R"(","nats":)" + nats_claims + "}";
  const std::string signed_part = header + "." + Base64UrlNoPadding(claims);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                  &EVP_MD_CTX_free);
  unsigned char signature[64];
  size_t signature_size = sizeof(signature);
  if (!context ||
      EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, issuer.key.get()) != 1 ||
      EVP_DigestSign(context.get(), signature, &signature_size,
                     reinterpret_cast<const unsigned char*>(signed_part.data()),
                     signed_part.size()) != 1) {
    return std::nullopt;
  }
  return signed_part + "." +
         Base64UrlNoPadding(std::string(reinterpret_cast<char*>(signature), signature_size));
}

constexpr const char* kAccountLimits =
    R"("subs":-1,"data":-1,"payload":-1,"imports":-1,"exports":-1,"wildcards":true,"conn":-1,"leaf":-1)";

}  // namespace

NatsOperatorSetup WriteNatsOperatorSetup(const std::filesystem::path& dir) {
  NatsOperatorSetup setup;
  auto op = MakeNKey(kPrefixOperator);
  auto system = MakeNKey(kPrefixAccount);
  auto account = MakeNKey(kPrefixAccount);
  auto user = MakeNKey(kPrefixUser);
  if (!op || !system || !account || !user) {
    setup.error = "Ed25519 key generation failed";
    return setup;
  }
  auto op_jwt = SignedJwt(*op, op->public_key, "op", R"({"type":"operator","version":2})");
  auto system_jwt = SignedJwt(
      *op, system->public_key, "SYS",
      std::string(R"({"limits":{)") + kAccountLimits + R"(},"type":"account","version":2})");
  auto account_jwt = SignedJwt(
      *op, account->public_key, "news",
      std::string(R"({"limits":{)") + kAccountLimits +
          R"(,"mem_storage":-1,"disk_storage":-1,"streams":-1,"consumer":-1},"type":"account","version":2})");
  auto user_jwt = SignedJwt(
      *account, user->public_key, "crawler",
      R"({"pub":{},"sub":{},"subs":-1,"data":-1,"payload":-1,"type":"user","version":2})");
  if (!op_jwt || !system_jwt || !account_jwt || !user_jwt) {
    setup.error = "JWT signing failed";
    return setup;
  }
  setup.server_config = "operator: \"" + *op_jwt + "\"\nsystem_account: " + system->public_key +
                        "\nresolver: MEMORY\nresolver_preload: {\n  " + system->public_key +
                        ": \"" + *system_jwt + "\"\n  " + account->public_key + ": \"" +
                        *account_jwt + "\"\n}\n";
  setup.creds_file = (dir / "crawler.creds").string();
  std::ofstream(setup.creds_file) << "-----BEGIN NATS USER JWT-----\n"
                                  << *user_jwt << "\n------END NATS USER JWT------\n\n"
                                  << "-----BEGIN USER NKEY SEED-----\n"
                                  << user->seed << "\n------END USER NKEY SEED------\n";
  return setup;
}

}  // namespace nc::testing
