#pragma once
// FailureReason: why a URL was not fetched as a usable page, one value per
// kind of failure a user can act on. The one place that names them: the
// store keeps the value with each page (storage/README.md, pages), the
// end-of-run summary counts them, `status --failed` lists them, and the
// events log writes FailureReasonName() for them.
//
// The names are part of the interface (scripts, JSON, the events log): a
// value is only ever added, never renamed or renumbered (its number is
// stored).
//
// Thread safety: pure functions, any thread.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nc {

enum class FailureReason : uint8_t {
  kNone = 0,             // fetched, or not failed
  kDns = 1,              // the host name does not resolve (NXDOMAIN, no address, lookup error)
  kConnectRefused = 2,   // every address refused the TCP connection
  kConnectTimeout = 3,   // TCP connect or TLS handshake did not finish within connect_timeout
  kConnectError = 4,     // another connect error (unreachable network or host)
  kTls = 5,              // TLS failed: certificate problem (expired, wrong host, untrusted) or protocol
  kFirstByteTimeout = 6, // connected, but no response byte within read_timeout
  kIdleTimeout = 7,      // the response stalled for read_timeout mid-way
  kTotalTimeout = 8,     // the request did not finish within total_timeout
  kTooLarge = 9,         // a header or chunk line over the parser's limits
  kProtocolError = 10,   // malformed HTTP: status line, headers, chunking
  kConnectionLost = 11,  // closed or reset before the response was complete
  kDecodeError = 12,     // the Content-Encoding could not be decoded
  kDecompressionBomb = 13,  // the body inflates far beyond max_body_bytes
  kRedirectLoop = 14,    // a redirect back to a URL of the same chain
  kTooManyRedirects = 15,  // more than max_redirects hops
  kHttpClientError = 16, // an HTTP 4xx answer (the status is stored beside it)
  kHttpServerError = 17, // an HTTP 5xx answer (the status is stored beside it)
  kRobotsDenied = 18,    // robots.txt disallows the URL
  kRobotsUnreachable = 19,  // robots.txt could not be fetched, so nothing may be (RFC 9309)
  kPrivateAddress = 20,  // the host resolves only to loopback/private/... addresses
  kInvalidUrl = 21,      // the URL cannot be requested
  kCancelled = 22,       // the crawl stopped while it was in flight
  kInternal = 23,        // a bug: processing the response threw; the message says what
};
inline constexpr uint8_t kMaxFailureReason = static_cast<uint8_t>(FailureReason::kInternal);

// The stable lower-case name, e.g. "connect-refused", "http-4xx",
// "robots-denied"; "" for kNone. Used in summaries, JSON and the events log.
std::string_view FailureReasonName(FailureReason reason);

// A short sentence for people, e.g. "connection refused", "HTTP client
// error (4xx)"; "" for kNone.
std::string_view FailureReasonText(FailureReason reason);

// The reason named `name` (FailureReasonName's inverse); nullopt when unknown.
std::optional<FailureReason> FailureReasonFromName(std::string_view name);

// The reason for a stored byte; nullopt for a byte no version wrote.
std::optional<FailureReason> FailureReasonFromByte(uint8_t value);

// The reason an HTTP status alone gives: kHttpClientError for 4xx,
// kHttpServerError for 5xx, kNone otherwise.
FailureReason FailureReasonForHttpStatus(unsigned status);

// The name with the HTTP status where it says more: "http-404", "http-503";
// FailureReasonName(reason) otherwise. For counting failures by kind.
std::string FailureLabel(FailureReason reason, unsigned http_status);

}  // namespace nc
