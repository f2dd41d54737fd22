#include "cluster/handoff_message.h"

#include <charconv>

namespace nc::cluster {

namespace {

constexpr std::string_view kVersion = "v1";

// The next space-separated field of `rest`, consumed with its space.
std::string_view NextField(std::string_view& rest) {
  size_t space = rest.find(' ');
  std::string_view field = rest.substr(0, space);
  rest = space == std::string_view::npos ? std::string_view() : rest.substr(space + 1);
  return field;
}

bool ParseCount(std::string_view field, uint32_t& out) {
  if (field.empty() || field.size() > 10) return false;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), out);
  return error == std::errc() && end == field.data() + field.size();
}

Error Bad(std::string_view why) {
  return MakeError("cluster.bad_handoff", "URL hand-off message: " + std::string(why));
}

}  // namespace

std::string EncodeHandoffUrl(const HandoffUrl& url) {
  return std::string(kVersion) + " " + std::to_string(url.depth) + " " +
         std::to_string(url.redirects) + " " + url.url;
}

Result<HandoffUrl> DecodeHandoffUrl(std::string_view body) {
  std::string_view rest = body;
  if (NextField(rest) != kVersion) return Bad("unknown version (expected \"v1 \")");
  HandoffUrl url;
  if (!ParseCount(NextField(rest), url.depth)) return Bad("depth is not a number");
  if (!ParseCount(NextField(rest), url.redirects)) return Bad("redirect count is not a number");
  if (rest.empty()) return Bad("no URL");
  if (rest.size() > kMaxHandoffUrlBytes) return Bad("URL longer than 8192 bytes");
  for (unsigned char c : rest) {
    if (c <= ' ' || c >= 0x7f) return Bad("URL has a space, control or non-ASCII byte");
  }
  if (!rest.starts_with("http://") && !rest.starts_with("https://")) {
    return Bad("URL is not http(s)");
  }
  url.url = std::string(rest);
  return url;
}

}  // namespace nc::cluster
