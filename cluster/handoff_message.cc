#include "cluster/handoff_message.h"

#include "cluster/message_fields.h"

namespace nc::cluster {

namespace {

constexpr std::string_view kVersion = "v1";

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
