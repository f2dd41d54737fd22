// Field reading shared by the cluster's space-separated text messages
// (handoff_message, node_status): untrusted bytes from the stream, so every
// reader returns false rather than asserting. Pure functions; any thread.
#pragma once

#include <charconv>
#include <limits>
#include <string_view>

namespace nc::cluster {

// The next space-separated field of `rest`, consumed with its space.
inline std::string_view NextField(std::string_view& rest) {
  size_t space = rest.find(' ');
  std::string_view field = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return field;
}

// A whole field of decimal digits that fits `Count`.
template <typename Count>
bool ParseCount(std::string_view field, Count& out) {
  constexpr size_t kMaxDigits = std::numeric_limits<Count>::digits10 + 1;
  if (field.empty() || field.size() > kMaxDigits) return false;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), out);
  return error == std::errc() && end == field.data() + field.size();
}

}  // namespace nc::cluster
