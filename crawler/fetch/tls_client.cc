#include "crawler/fetch/tls_client.h"

#include <openssl/x509v3.h>

namespace nc {
namespace ssl = boost::asio::ssl;

Result<std::unique_ptr<ssl::context>> MakeTlsClientContext(const std::string& ca_file,
                                                           bool verify) {
  auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(context->native_handle(), TLS1_2_VERSION);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_compression);
  if (!verify) {
    context->set_verify_mode(ssl::verify_none);
    return context;
  }
  boost::system::error_code ec;
  // A machine without a system store can still trust `ca_file`.
  context->set_default_verify_paths(ec);
  if (!ca_file.empty()) {
    context->load_verify_file(ca_file, ec);
    if (ec) {
      return MakeError("tls.ca_file", "tls: cannot load CA file " + ca_file + ": " + ec.message());
    }
  }
  context->set_verify_mode(ssl::verify_peer);
  return context;
}

bool PrepareTlsClient(SSL* ssl, const std::string& host, bool host_is_ip, bool verify) {
  if (!host_is_ip && SSL_set_tlsext_host_name(ssl, host.c_str()) != 1) return false;
  if (!verify) return true;
  X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
  if (host_is_ip) return X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) == 1;
  X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
  return X509_VERIFY_PARAM_set1_host(param, host.data(), host.size()) == 1;
}

std::string TlsErrorDetail(const boost::system::error_code& ec, const SSL* ssl) {
  std::string detail = ec.message();
  if (ssl != nullptr) {
    const long verdict = SSL_get_verify_result(ssl);
    if (verdict != X509_V_OK) {
      detail += ": ";
      detail += X509_verify_cert_error_string(verdict);
    }
  }
  return detail;
}

}  // namespace nc
