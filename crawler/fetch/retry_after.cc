#include "crawler/fetch/retry_after.h"

#include <ctime>
#include <string>

#include "common/ascii.h"

namespace nc {

std::optional<double> ParseRetryAfter(std::string_view value, int64_t now_wall_ms) {
  value = ascii::TrimHttpSpace(value);
  if (value.empty()) return std::nullopt;
  if (value.find_first_not_of("0123456789") == std::string_view::npos) {
    if (value.size() > 9) return 1e9;  // absurdly large: the caller caps it
    return static_cast<double>(std::stoll(std::string(value)));
  }
  // IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (the only form senders may use).
  std::tm tm{};
  std::string text(value);
  const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (end == nullptr || *end != '\0') return std::nullopt;
  double seconds = static_cast<double>(timegm(&tm)) - static_cast<double>(now_wall_ms) / 1000.0;
  return seconds > 0 ? seconds : 0.0;
}

}  // namespace nc
