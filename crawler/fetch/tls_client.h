#pragma once
// TLS client setup for HttpClient: the one ssl::context per client (system
// trust store plus an optional extra CA file), per-connection SNI and peer
// name checks, and readable reasons for handshake failures. The context is
// shared by all connections of one client and only read after creation.

#include <memory>
#include <string>

#include <boost/asio/ssl/context.hpp>
#include <boost/system/error_code.hpp>
#include <openssl/ssl.h>

#include "common/result.h"

namespace nc {

// TLS 1.2 or later, peer verification against the system store and
// `ca_file` (PEM, may be empty). `verify` = false accepts any certificate
// (testing your own servers only). Errors name the CA file.
Result<std::unique_ptr<boost::asio::ssl::context>> MakeTlsClientContext(const std::string& ca_file,
                                                                        bool verify);

// Before the handshake: SNI for names (RFC 6066 forbids it for addresses)
// and the name or address the certificate must match (RFC 6125, done by
// OpenSSL's X509_check_host / X509_check_ip so failures read "hostname
// mismatch"). Returns false if OpenSSL rejects the name.
bool PrepareTlsClient(SSL* ssl, const std::string& host, bool host_is_ip, bool verify);

// OpenSSL's reason for `ec`, plus the certificate verdict when the peer's
// chain was rejected: "certificate verify failed (SSL routines): hostname mismatch".
std::string TlsErrorDetail(const boost::system::error_code& ec, const SSL* ssl);

}  // namespace nc
