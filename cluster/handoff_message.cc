#include "cluster/handoff_message.h"

#include "cluster/message_fields.h"

namespace nc::cluster {

namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::string_view kVersionWithChain = "v2";
constexpr size_t kFingerprintDigits = 16;

Error Bad(std::string_view why) {
  return MakeError("cluster.bad_handoff", "URL hand-off message: " + std::string(why));
}

// "H1,H2,...": 1 to kMaxHandoffRedirectHops fingerprints of exactly 16
// lowercase hex digits (one spelling per chain, so encoding is canonical).
bool ParseChain(std::string_view text, std::vector<uint64_t>& chain) {
  while (true) {
    const size_t comma = text.find(',');
    const std::string_view hex = text.substr(0, comma);
    if (hex.size() != kFingerprintDigits || chain.size() == kMaxHandoffRedirectHops) return false;
    uint64_t fingerprint = 0;
    for (char c : hex) {
      const bool digit = c >= '0' && c <= '9';
      if (!digit && !(c >= 'a' && c <= 'f')) return false;
      fingerprint = (fingerprint << 4) | static_cast<uint64_t>(digit ? c - '0' : c - 'a' + 10);
    }
    chain.push_back(fingerprint);
    if (comma == std::string_view::npos) return true;
    text.remove_prefix(comma + 1);
  }
}

std::string ChainText(const std::vector<uint64_t>& chain) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string text;
  text.reserve(chain.size() * (kFingerprintDigits + 1));
  for (uint64_t fingerprint : chain) {
    if (!text.empty()) text += ',';
    for (int shift = 60; shift >= 0; shift -= 4) text += kHex[(fingerprint >> shift) & 0xf];
  }
  return text;
}

}  // namespace

std::string EncodeHandoffUrl(const HandoffUrl& url) {
  const std::string counts = std::to_string(url.depth) + " " + std::to_string(url.redirects) + " ";
  if (url.redirect_chain.empty()) return std::string(kVersion) + " " + counts + url.url;
  return std::string(kVersionWithChain) + " " + counts + ChainText(url.redirect_chain) + " " +
         url.url;
}

Result<HandoffUrl> DecodeHandoffUrl(std::string_view body) {
  std::string_view rest = body;
  const std::string_view version = NextField(rest);
  if (version != kVersion && version != kVersionWithChain) {
    return Bad("unknown version (expected \"v1 \" or \"v2 \")");
  }
  HandoffUrl url;
  if (!ParseCount(NextField(rest), url.depth)) return Bad("depth is not a number");
  if (!ParseCount(NextField(rest), url.redirects)) return Bad("redirect count is not a number");
  if (version == kVersionWithChain && !ParseChain(NextField(rest), url.redirect_chain)) {
    return Bad("redirect chain is not 1 to 20 comma-separated 16-digit lowercase hex values");
  }
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
