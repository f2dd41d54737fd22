#include "tests/crawler/fetch/http_test_server_helpers.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <stdexcept>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

namespace nc::testing {
namespace asio = boost::asio;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);

[[noreturn]] void Die(const char* what) {
  throw std::runtime_error(std::string("test CA: ") + what);
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
struct X509Deleter {
  void operator()(X509* cert) const { X509_free(cert); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;
using X509Ptr = std::unique_ptr<X509, X509Deleter>;

PkeyPtr NewKey() {
  PkeyPtr key(EVP_EC_gen("P-256"));
  if (!key) Die("EVP_EC_gen");
  return key;
}

void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (extension == nullptr) Die("X509V3_EXT_conf_nid");
  X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
}

// A certificate for `key` named `common_name`; self-signed when `issuer` is null.
X509Ptr NewCertificate(EVP_PKEY* key, const std::string& common_name, long serial, X509* issuer) {
  X509Ptr cert(X509_new());
  if (!cert) Die("X509_new");
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), serial);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7 * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509* signer = issuer != nullptr ? issuer : cert.get();
  X509_set_issuer_name(cert.get(), X509_get_subject_name(signer));
  return cert;
}

void Sign(X509* cert, EVP_PKEY* key) {
  if (X509_sign(cert, key, EVP_sha256()) == 0) Die("X509_sign");
}

template <class WriteFn>
std::string ToPem(WriteFn write) {
  BIO* bio = BIO_new(BIO_s_mem());
  if (bio == nullptr || write(bio) != 1) Die("PEM write");
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string CertificatePem(X509* cert) {
  return ToPem([cert](BIO* bio) { return PEM_write_bio_X509(bio, cert); });
}

std::string KeyPem(EVP_PKEY* key) {
  return ToPem([key](BIO* bio) {
    return PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  });
}

bool EqualsNoCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string HttpResponse(std::string_view status_line,
                         const std::vector<std::pair<std::string, std::string>>& fields,
                         std::string_view body) {
  std::string out = "HTTP/1.1 " + std::string(status_line) + "\r\n";
  for (const auto& [name, value] : fields) out += name + ": " + value + "\r\n";
  out += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
  out += body;
  return out;
}

// ---- certificate authority ----

struct TestCertificateAuthority::Keys {
  PkeyPtr key;
  X509Ptr certificate;
};

TestCertificateAuthority::TestCertificateAuthority() : keys_(std::make_unique<Keys>()) {
  keys_->key = NewKey();
  keys_->certificate = NewCertificate(keys_->key.get(), "newscrawl test CA", 1, nullptr);
  X509* cert = keys_->certificate.get();
  AddExtension(cert, cert, NID_basic_constraints, "critical,CA:TRUE");
  AddExtension(cert, cert, NID_key_usage, "critical,keyCertSign,cRLSign");
  AddExtension(cert, cert, NID_subject_key_identifier, "hash");
  Sign(cert, keys_->key.get());
  certificate_pem_ = CertificatePem(cert);
}

TestCertificateAuthority::~TestCertificateAuthority() = default;

TlsCredentials TestCertificateAuthority::IssueServerCertificate(const std::string& dns_name) {
  PkeyPtr key = NewKey();
  X509Ptr cert = NewCertificate(key.get(), dns_name, next_serial_++, keys_->certificate.get());
  X509* issuer = keys_->certificate.get();
  AddExtension(cert.get(), issuer, NID_basic_constraints, "critical,CA:FALSE");
  AddExtension(cert.get(), issuer, NID_key_usage, "critical,digitalSignature");
  AddExtension(cert.get(), issuer, NID_ext_key_usage, "serverAuth");
  AddExtension(cert.get(), issuer, NID_subject_alt_name, ("DNS:" + dns_name).c_str());
  AddExtension(cert.get(), issuer, NID_authority_key_identifier, "keyid:always");
  Sign(cert.get(), keys_->key.get());
  return TlsCredentials{CertificatePem(cert.get()), KeyPem(key.get())};
}

// ---- recorded requests ----

std::string RecordedRequest::RequestLine() const { return head.substr(0, head.find("\r\n")); }

std::string RecordedRequest::Header(std::string_view name) const {
  size_t line_start = head.find("\r\n");
  while (line_start != std::string::npos) {
    line_start += 2;
    const size_t line_end = head.find("\r\n", line_start);
    std::string_view line(head.data() + line_start,
                          (line_end == std::string::npos ? head.size() : line_end) - line_start);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos && EqualsNoCase(line.substr(0, colon), name)) {
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return std::string(value);
    }
    line_start = line_end;
  }
  return "";
}

// ---- server ----

struct TestHttpServer::Impl {
  explicit Impl(TestHttpServer& owner_in) : owner(owner_in), acceptor(io) {}
  // Declared first so it is destroyed last, after the connections using it.
  std::optional<ssl::context> tls_context;

  asio::awaitable<void> Accept();
  template <class Stream>
  asio::awaitable<void> Serve(Stream& stream, tcp::socket& socket, size_t connection);
  asio::awaitable<void> ServePlain(tcp::socket socket, size_t connection);
  asio::awaitable<void> ServeTls(tcp::socket socket, size_t connection);

  TestHttpServer& owner;
  asio::io_context io;
  tcp::acceptor acceptor;
};

asio::awaitable<void> TestHttpServer::Impl::Accept() {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kAsTuple);
    if (ec) co_return;
    const size_t connection = owner.connections_++;
    if (tls_context) {
      asio::co_spawn(io, ServeTls(std::move(socket), connection), asio::detached);
    } else {
      asio::co_spawn(io, ServePlain(std::move(socket), connection), asio::detached);
    }
  }
}

asio::awaitable<void> TestHttpServer::Impl::ServePlain(tcp::socket socket, size_t connection) {
  co_await Serve(socket, socket, connection);
}

asio::awaitable<void> TestHttpServer::Impl::ServeTls(tcp::socket socket, size_t connection) {
  ssl::stream<tcp::socket> stream(std::move(socket), *tls_context);
  auto [ec] = co_await stream.async_handshake(ssl::stream_base::server, kAsTuple);
  if (ec) co_return;  // e.g. the client rejected the certificate
  co_await Serve(stream, stream.next_layer(), connection);
}

template <class Stream>
asio::awaitable<void> TestHttpServer::Impl::Serve(Stream& stream, tcp::socket& socket,
                                                  size_t connection) {
  std::string pending;
  for (;;) {
    auto [ec, head_size] = co_await asio::async_read_until(stream, asio::dynamic_buffer(pending),
                                                           "\r\n\r\n", kAsTuple);
    if (ec) co_return;
    std::string head = pending.substr(0, head_size - 2);
    pending.erase(0, head_size);
    std::optional<ScriptedReply> reply = owner.NextReply(head, connection);
    if (!reply) co_return;  // script used up: the socket closes
    if (!reply->bytes.empty()) {
      auto [write_ec, written] =
          co_await asio::async_write(stream, asio::buffer(reply->bytes), kAsTuple);
      if (write_ec) co_return;
    }
    if (reply->then == ScriptedReply::Then::kClose) {
      boost::system::error_code ignored;
      socket.shutdown(tcp::socket::shutdown_both, ignored);
      socket.close(ignored);
      co_return;
    }
    if (reply->then == ScriptedReply::Then::kHang) {
      // Until the server is destroyed, which destroys this frame.
      asio::steady_timer forever(io, asio::steady_timer::time_point::max());
      co_await forever.async_wait(kAsTuple);
      co_return;
    }
  }
}

TestHttpServer::TestHttpServer(TestServerOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>(*this)) {
  if (options_.tls) {
    impl_->tls_context.emplace(ssl::context::tls_server);
    impl_->tls_context->use_certificate_chain(
        asio::buffer(options_.tls->certificate_pem.data(), options_.tls->certificate_pem.size()));
    impl_->tls_context->use_private_key(
        asio::buffer(options_.tls->private_key_pem.data(), options_.tls->private_key_pem.size()),
        ssl::context::pem);
  }
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(endpoint.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(endpoint);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  asio::co_spawn(impl_->io, impl_->Accept(), asio::detached);
  thread_ = std::thread([this] { impl_->io.run(); });
}

TestHttpServer::~TestHttpServer() {
  impl_->io.stop();
  thread_.join();
}

std::string TestHttpServer::Url(std::string_view path) const {
  return std::string(options_.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) +
         std::string(path);
}

std::vector<RecordedRequest> TestHttpServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

std::optional<ScriptedReply> TestHttpServer::NextReply(const std::string& head, size_t connection) {
  size_t index;
  std::optional<ScriptedReply> reply;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    index = requests_.size();
    requests_.push_back(RecordedRequest{connection, head});
    if (next_reply_ < options_.script.size()) reply = options_.script[next_reply_++];
  }
  if (options_.on_request) options_.on_request(index);
  return reply;
}

uint16_t UnusedLoopbackPort() {
  asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  const uint16_t port = acceptor.local_endpoint().port();
  acceptor.close();
  return port;
}

}  // namespace nc::testing
