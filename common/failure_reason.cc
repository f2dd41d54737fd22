#include "common/failure_reason.h"

#include <array>

namespace nc {
namespace {

struct Names {
  std::string_view name;
  std::string_view text;
};

// Indexed by the enum's value; the static_assert below keeps it complete.
constexpr std::array<Names, kMaxFailureReason + 1> kNames = {{
    {"", ""},
    {"dns", "the host name does not resolve"},
    {"connect-refused", "connection refused"},
    {"connect-timeout", "connection timed out"},
    {"connect-error", "connection failed"},
    {"tls", "TLS failed"},
    {"first-byte-timeout", "no response within read_timeout"},
    {"idle-timeout", "the response stalled for read_timeout"},
    {"total-timeout", "not finished within total_timeout"},
    {"too-large", "response header or chunk too large"},
    {"protocol-error", "malformed HTTP response"},
    {"connection-lost", "connection closed before the response was complete"},
    {"decode-error", "the Content-Encoding could not be decoded"},
    {"decompression-bomb", "the body inflates beyond max_body_bytes"},
    {"redirect-loop", "redirect loop"},
    {"too-many-redirects", "too many redirects"},
    {"http-4xx", "HTTP client error (4xx)"},
    {"http-5xx", "HTTP server error (5xx)"},
    {"robots-denied", "disallowed by robots.txt"},
    {"robots-unreachable", "robots.txt could not be fetched"},
    {"private-address", "the host resolves only to non-public addresses"},
    {"invalid-url", "the URL cannot be requested"},
    {"cancelled", "cancelled: the crawl stopped"},
    {"internal", "internal error while processing the response"},
}};
static_assert(kNames.back().name == "internal", "kNames must follow FailureReason");

}  // namespace

std::string_view FailureReasonName(FailureReason reason) {
  const auto index = static_cast<size_t>(reason);
  return index < kNames.size() ? kNames[index].name : std::string_view("unknown");
}

std::string_view FailureReasonText(FailureReason reason) {
  const auto index = static_cast<size_t>(reason);
  return index < kNames.size() ? kNames[index].text : std::string_view("unknown failure");
}

std::optional<FailureReason> FailureReasonFromName(std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (size_t i = 0; i < kNames.size(); ++i) {
    if (kNames[i].name == name) return static_cast<FailureReason>(i);
  }
  return std::nullopt;
}

std::optional<FailureReason> FailureReasonFromByte(uint8_t value) {
  if (value > kMaxFailureReason) return std::nullopt;
  return static_cast<FailureReason>(value);
}

FailureReason FailureReasonForHttpStatus(unsigned status) {
  if (status >= 400 && status < 500) return FailureReason::kHttpClientError;
  if (status >= 500 && status < 600) return FailureReason::kHttpServerError;
  return FailureReason::kNone;
}

std::string FailureLabel(FailureReason reason, unsigned http_status) {
  if ((reason == FailureReason::kHttpClientError || reason == FailureReason::kHttpServerError) &&
      http_status >= 100 && http_status < 1000) {
    return "http-" + std::to_string(http_status);
  }
  return std::string(FailureReasonName(reason));
}

}  // namespace nc
