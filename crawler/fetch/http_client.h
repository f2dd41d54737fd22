#pragma once
// HttpClient: HTTP/1.1 GET over TCP or TLS with Boost.Beast, C++20 coroutines.
//
// - Keep-alive: idle connections are pooled per origin and reused.
// - At most max_open_connections sockets open at once, idle ones included
//   (crawler/fetch/http_connection_budget.h).
// - TLS: SNI, peer verification with host-name check against the system trust
//   store plus an optional extra CA file; never the demo certificates.
// - --resolve overrides map host:port to an address before DNS; other names
//   go through an async resolver with a small cache.
// - Private-address guard: the addresses a name resolves to (or a literal
//   IP in the URL) are connected to only if public (crawler/fetch/
//   address_policy.h); others are skipped, and a host left with none fails
//   with kPrivateAddress. Hosts named in --resolve, and every host when
//   allow_private_networks is set, are exempt. Redirects are new requests,
//   so each hop is checked.
// - Every step has a deadline (connect, read without progress, total).
// - Expected failures (DNS, refused, reset, TLS, timeout, malformed HTTP,
//   over-size body) are returned as values, never thrown.
// - Bodies are returned as received (Content-Encoding not removed): decoding
//   happens off the network thread (crawler/extract/content_decoding.h).
//
// Thread safety: one HttpClient per io_context thread; all calls on that thread.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include "common/clock.h"
#include "common/failure_reason.h"
#include "config/crawl_config.h"

namespace nc {

// Built from CrawlConfig, which documents each setting and holds its one
// default: a default-constructed HttpClientOptions has CrawlConfig's
// defaults. The CrawlConfig key each field comes from is named beside it.
struct HttpClientOptions {
  HttpClientOptions();  // = HttpClientOptions(CrawlConfig())
  explicit HttpClientOptions(const CrawlConfig& config);

  std::string user_agent;          // user_agent, or kDefaultUserAgent when empty; "" sends none
  double connect_timeout_seconds;  // connect_timeout
  double read_timeout_seconds;     // read_timeout
  double total_timeout_seconds;    // total_timeout
  uint64_t max_body_bytes;         // max_body_bytes: larger bodies are cut, truncated = true
  std::string ca_file;             // ca_file: extra trusted CA (PEM), may be empty
  bool verify_tls;                 // verify_tls
  std::vector<ResolveOverride> resolve;  // resolve
  // max_open_connections (0 there: twice max_connections to start with,
  // then see open_bound_follows_hosts below): sockets open at
  // once (connecting, in use, idle); at the cap the least recently used
  // idle one is closed for a new one, or the request waits (within
  // connect_timeout) for one to be released. 0 here: no cap.
  size_t max_open_connections;
  size_t max_idle_connections;  // across all origins; the whole open budget
  // The TLS ones among them. An idle TLS connection holds ~105 KiB of heap,
  // a plain one ~1.4 KiB (tests/bench/bench_idle_connections.cc): with
  // max_open_connections 0, twice max_connections (what the former default
  // bound allowed), however many hosts are in rotation; else the whole budget.
  size_t max_idle_tls_connections;
  // max_open_connections 0 there: the two bounds above follow the hosts in
  // rotation (HttpClient::SetHostsInRotation, DefaultOpenConnectionBound in
  // open_file_limit.h), never under twice max_connections, within
  // `open_file_limit`.
  bool open_bound_follows_hosts;
  size_t max_connections;     // max_connections (requests in flight)
  uint64_t open_file_limit;   // RLIMIT_NOFILE's soft limit when the options were made
  // allow_private_networks: connect to loopback, private, link-local...
  // addresses too (the guard above off). Hosts named in `resolve` are always
  // exempt.
  bool allow_private_networks;
  // Test seam (hermetic name-resolution tests): when set, answers every name
  // lookup instead of the system resolver: the host's addresses, or nullopt
  // for a name that does not resolve (NXDOMAIN). Empty: the system resolver.
  std::function<std::optional<std::vector<std::string>>(const std::string& host)> name_lookup;
};

enum class FetchError {
  kNone = 0,       // a complete HTTP response was received
  kInvalidUrl,
  kDns,
  kConnect,
  kTls,
  kTimeout,
  kProtocol,       // malformed status line, headers, chunking
  kConnectionLost, // closed or reset before the response was complete
  kCancelled,
  kPrivateAddress, // every address of the host is non-public (the guard above)
};
const char* FetchErrorName(FetchError error);

// Failures that say something lasting about a host, which decide how long
// it is retried (crawler/fetch_feedback.h).
enum class HostFailure : uint8_t {
  kNone = 0,
  kNameDoesNotResolve,  // kDns: NXDOMAIN or no address for the name
  kConnectionRefused,   // kConnect: every address refused the connection
};

struct FetchResult {
  FetchError error = FetchError::kNone;
  std::string error_detail;       // human-readable, e.g. "connect 127.0.0.1:8443: refused"
  FailureReason reason = FailureReason::kNone;  // what kind of failure `error` was, finer
  HostFailure host_failure = HostFailure::kNone;
  unsigned http_status = 0;       // 0 when no response
  std::string raw_headers;        // status line and header fields as received, CRLF separated
  std::string content_type;       // Content-Type header value ("" if absent)
  std::string content_encoding;   // Content-Encoding header value ("" if absent)
  std::string location;           // Location header value ("" if absent)
  std::string retry_after;        // Retry-After header value ("" if absent)
  std::string x_robots_tag;       // X-Robots-Tag header values joined with ", "
  std::string etag;               // ETag header value ("" if absent)
  std::string last_modified;      // Last-Modified header value ("" if absent)
  std::string body;               // as transferred, de-chunked, Content-Encoding kept
  // The exchange as it happened, so it can be archived exactly (WARC): the
  // request bytes written (request line and header block, CRLF CRLF) and
  // the address actually connected to ("" when no connection was made).
  std::string request;
  std::string peer_address;
  bool truncated = false;         // body cut at max_body_bytes
  bool reused_connection = false;
  SteadyTime started{};           // steady clock, for politeness
  SteadyTime finished{};
  int64_t started_wall_ms = 0;    // wall clock, for records
  int64_t finished_wall_ms = 0;
};

class HttpClient {
 public:
  HttpClient(boost::asio::any_io_executor executor, HttpClientOptions options, const Clock& clock);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Validators of a stored response, sent back so that an unchanged page
  // is answered 304 without a body (watch mode's re-polls).
  struct Conditional {
    std::string etag;           // sent as If-None-Match; "" sends none
    std::string last_modified;  // sent as If-Modified-Since; "" sends none
  };
  // GET an absolute http(s) URL. Never throws for network or protocol errors.
  boost::asio::awaitable<FetchResult> Get(std::string url);
  // A conditional GET. (A reference, and no default argument: GCC 12
  // mishandles temporaries of class type in a co_await expression.)
  boost::asio::awaitable<FetchResult> Get(std::string url, const Conditional& conditional);
  // Closes every pooled idle connection (shutdown).
  void CloseIdle();
  // The hosts the crawl has in rotation now (the scheduler's). With
  // open_bound_follows_hosts, sets the bound on open sockets and pooled
  // idle connections from it, so each host's connection can be kept across
  // its delay; otherwise does nothing. Cheap when the bound is unchanged.
  void SetHostsInRotation(size_t hosts);
  // Structured shutdown: closes idle connections and cancels every request
  // in flight (each finishes with kCancelled); later Get calls return
  // kCancelled at once. The destructor does this too.
  void Shutdown();
  // Sockets open now, and the most open at once so far (tests, metrics).
  size_t OpenConnections() const;
  size_t PeakOpenConnections() const;
  size_t MaxOpenConnections() const;  // the bound now
  // Reads of response bytes from sockets so far, every connection (tests,
  // metrics: reads per page).
  size_t SocketReads() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace nc
