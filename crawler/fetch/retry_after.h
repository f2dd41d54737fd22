#pragma once
// Retry-After (RFC 9110 10.2.3): delay-seconds or an HTTP-date.
#include <cstdint>
#include <optional>
#include <string_view>

namespace nc {
// Seconds to wait from `now_wall_ms`; nullopt when absent or unparseable.
// A date in the past gives 0.
std::optional<double> ParseRetryAfter(std::string_view value, int64_t now_wall_ms);
}  // namespace nc
