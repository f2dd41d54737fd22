#pragma once
// HttpClient's state and the helpers of its steps, shared by http_client.cc
// (requests, connections, exchanges) and http_client_resolve.cc (names to
// addresses). Internal to those files: http_client.h is the interface.

#include "crawler/fetch/http_client.h"

#include <chrono>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include "common/ascii.h"
#include "common/enum_table.h"
#include "crawler/fetch/address_policy.h"
#include "crawler/fetch/http_connection.h"
#include "crawler/fetch/http_response_reader.h"
#include "crawler/fetch/http_target.h"
#include "crawler/fetch/open_file_limit.h"
#include "crawler/fetch/tls_client.h"

namespace nc {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

namespace http_client_detail {

inline constexpr auto kAsTuple = asio::as_tuple(asio::use_awaitable);
// Bytes asked of a TLS stream per read: a TLS record (16 KiB) always fits,
// and the stream reads the socket in its own record-sized steps anyway.
inline constexpr size_t kReadChunk = 32 * 1024;
// Bytes asked of a plain TCP socket per read: the head and a typical ~50 KB
// page in one recvmsg (with 32 KiB, B1 took 2.1 reads per page), and a
// larger page in half as many reads. A connection holds this buffer only
// while a request is in flight (the pool frees it).
inline constexpr size_t kPlainReadChunk = 64 * 1024;
// Unparsed bytes allowed to pile up (a header is capped at 64 KiB; this also
// bounds an endless chunk-size line).
inline constexpr size_t kMaxBufferedBytes = 256 * 1024;
// Servers close idle keep-alive connections after 5 s (Apache) to 75 s
// (nginx); reusing one older than this mostly costs a failed attempt.
inline constexpr Duration kIdleMaxAge = std::chrono::seconds(30);
// getaddrinfo gives no TTL: keep answers for a few minutes, for a bounded
// number of hosts.
inline constexpr Duration kDnsTtl = std::chrono::minutes(5);
inline constexpr size_t kDnsCacheMaxHosts = 4096;
inline constexpr size_t kMaxAddressesPerHost = 8;

inline constexpr std::string_view kAccept =
    "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n";

using RealClock = std::chrono::steady_clock;

// Asio timers run on real time whatever Clock is injected: the injected
// clock only stamps results and ages pooled state.
class Deadlines {
 public:
  explicit Deadlines(Duration total) : end_(RealClock::now() + total) {}

  // When a step that may take `step` must end: the step's own timeout or the
  // request's overall deadline, whichever comes first.
  RealClock::time_point Until(Duration step) {
    const auto now = RealClock::now();
    bounded_by_total_ = end_ - now <= step;
    return bounded_by_total_ ? end_ : now + step;
  }
  void Arm(beast::tcp_stream& stream, Duration step) { stream.expires_at(Until(step)); }

  std::string Detail(std::string_view step) const {
    return "timeout: " + std::string(step) + (bounded_by_total_ ? " (total_timeout)" : "");
  }
  // The reason of a timeout in a step whose own limit gives `step_reason`:
  // kTotalTimeout when the request's overall deadline cut it instead.
  FailureReason Reason(FailureReason step_reason) const {
    return bounded_by_total_ ? FailureReason::kTotalTimeout : step_reason;
  }

 private:
  const RealClock::time_point end_;
  bool bounded_by_total_ = false;
};

// The reason a FetchError gives when the failing step does not say more.
inline FailureReason DefaultReason(FetchError error) {
  switch (error) {
    case FetchError::kNone: return FailureReason::kNone;
    case FetchError::kInvalidUrl: return FailureReason::kInvalidUrl;
    case FetchError::kDns: return FailureReason::kDns;
    case FetchError::kConnect: return FailureReason::kConnectError;
    case FetchError::kTls: return FailureReason::kTls;
    case FetchError::kTimeout: return FailureReason::kTotalTimeout;
    case FetchError::kProtocol: return FailureReason::kProtocolError;
    case FetchError::kConnectionLost: return FailureReason::kConnectionLost;
    case FetchError::kCancelled: return FailureReason::kCancelled;
    case FetchError::kPrivateAddress: return FailureReason::kPrivateAddress;
  }
  return FailureReason::kInternal;
}

inline void Fail(FetchResult& result, FetchError error, std::string detail,
          FailureReason reason = FailureReason::kNone) {
  result.error = error;
  result.error_detail = std::move(detail);
  result.reason = reason != FailureReason::kNone ? reason : DefaultReason(error);
}

// The two ends every network step shares: its deadline passed (a
// `timeout_reason` failure, unless the request's total deadline cut it) or
// the client cancelled it. False, with nothing recorded, for other errors.
inline bool FailIfTimedOutOrCancelled(const error_code& ec, std::string_view step,
                               FailureReason timeout_reason, const Deadlines& deadlines,
                               FetchResult& result) {
  if (ec == beast::error::timeout) {
    Fail(result, FetchError::kTimeout, deadlines.Detail(step), deadlines.Reason(timeout_reason));
    return true;
  }
  if (ec == asio::error::operation_aborted) {
    Fail(result, FetchError::kCancelled, "cancelled during " + std::string(step));
    return true;
  }
  return false;
}

// The peer closed or reset the connection. On a reused connection before
// any response byte, this is the race with the server's idle timeout.
inline bool IsPeerGone(const error_code& ec) {
  return ec == asio::error::eof || ec == asio::error::connection_reset ||
         ec == asio::error::broken_pipe || ec == asio::error::connection_aborted ||
         ec == asio::error::not_connected || ec == ssl::error::stream_truncated;
}

inline bool IsTlsError(const error_code& ec) {
  return ec.category() == asio::error::get_ssl_category() ||
         (ec.category() == ssl::error::get_stream_category() && ec != ssl::error::stream_truncated);
}

inline std::string StripCrLf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c != '\r' && c != '\n' && c != '\0') out.push_back(c);
  }
  return out;
}

inline std::string OverrideKey(std::string_view host, uint16_t port) {
  return std::string(host) + ":" + std::to_string(port);
}

inline std::string HostPort(const HttpTarget& t) {
  return (t.host.find(':') != std::string::npos ? "[" + t.host + "]" : t.host) + ":" +
         std::to_string(t.port);
}

// Registers a connection as in use by a request, so Shutdown can cancel it.
class InUse {
 public:
  InUse(std::unordered_set<HttpConnection*>& set, HttpConnection* connection)
      : set_(set), connection_(connection) {
    set_.insert(connection_);
  }
  ~InUse() { set_.erase(connection_); }
  InUse(const InUse&) = delete;
  InUse& operator=(const InUse&) = delete;

 private:
  std::unordered_set<HttpConnection*>& set_;
  HttpConnection* connection_;
};

// One asynchronous name lookup. Asio's resolver cannot be interrupted (the
// lookup runs getaddrinfo on a helper thread and its cancel only changes the
// result), so the request waits on `wake` instead, which fires on the
// answer, the deadline or Shutdown; a late answer lands here and is dropped.
struct ResolveState {
  explicit ResolveState(const asio::any_io_executor& executor)
      : resolver(executor), wake(executor) {}
  tcp::resolver resolver;
  asio::steady_timer wake;
  bool done = false;
  error_code ec;
  tcp::resolver::results_type results;
};

enum class Exchanged {
  kKeepAlive,  // complete; the connection can carry the next request
  kClose,      // complete (or truncated); the connection must be closed
  kFailed,     // result.error is set
  kStale,      // reused connection found closed before any response byte
};

}  // namespace http_client_detail

using namespace http_client_detail;  // the two halves of http_client.cc

struct HttpClient::Impl {
  Impl(asio::any_io_executor executor_in, HttpClientOptions options_in, const Clock& clock_in);

  static asio::awaitable<FetchResult> Run(std::shared_ptr<Impl> impl, std::string url,
                                          std::string extra_headers) {
    co_return co_await impl->Get(std::move(url), std::move(extra_headers));
  }
  // `extra_headers`: complete header lines (CRLF-terminated) to send.
  asio::awaitable<FetchResult> Get(std::string url, std::string extra_headers);
  void Shutdown();

  // The coroutines below take references to objects owned by the frame of
  // the Get call that awaits them, which outlives them.
  asio::awaitable<void> Fetch(std::string_view url, const std::string& extra_headers,
                              FetchResult& result);
  asio::awaitable<std::vector<tcp::endpoint>> Endpoints(const HttpTarget& target,
                                                        Deadlines& deadlines, FetchResult& result);
  asio::awaitable<std::unique_ptr<HttpConnection>> Connect(const HttpTarget& target,
                                                           Deadlines& deadlines,
                                                           FetchResult& result);
  asio::awaitable<Exchanged> Exchange(HttpConnection& connection, bool reused,
                                      const std::string& request, Deadlines& deadlines,
                                      FetchResult& result);
  asio::awaitable<bool> WaitForRoom(Deadlines& deadlines, FetchResult& result);
  // `got_some`: response bytes arrived before the failure (a read timeout
  // is then an idle timeout, else a first-byte timeout).
  void NetworkFailure(HttpConnection& connection, const error_code& ec, std::string_view step,
                      bool got_some, const Deadlines& deadlines, FetchResult& result) const;
  std::string BuildRequest(const HttpTarget& target, const std::string& extra_headers) const;

  // --- fixed after construction ---
  const asio::any_io_executor executor;
  const HttpClientOptions options;
  const Clock& clock;
  const Duration connect_timeout;
  const Duration read_timeout;
  const Duration total_timeout;
  std::string request_tail;                   // the fields after Host, same for every request
  std::unordered_map<std::string, asio::ip::address> overrides;  // "host:port" → address
  std::unordered_set<std::string> override_hosts;  // lower-cased: exempt from the guard

  // --- network thread only ---
  // The TLS context, made on the first https request: loading the system
  // CA bundle costs ~30 ms of CPU, which a plain-http crawl never needs.
  // Null with tls_setup_error set if it could not be set up.
  ssl::context* TlsContext();
  std::unique_ptr<ssl::context> tls_context;
  bool tls_context_tried = false;
  std::string tls_setup_error;
  struct DnsEntry {
    std::vector<asio::ip::address> addresses;
    SteadyTime expires{};
  };
  ConnectionBudget budget;  // before pool: outlives the connections it counts
  IdleConnectionPool pool;
  std::unordered_map<std::string, DnsEntry> dns_cache;
  std::unordered_set<HttpConnection*> in_use;   // connections carrying a request
  size_t socket_reads = 0;                       // SocketReads()
  std::unordered_set<ResolveState*> resolving;  // lookups being waited for
  bool shut_down = false;
};

}  // namespace nc
