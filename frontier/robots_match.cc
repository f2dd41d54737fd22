#include "frontier/robots_match.h"

#include <algorithm>

#include "common/ascii.h"

namespace nc {
namespace {

constexpr char kUpperHex[] = "0123456789ABCDEF";

// RFC 3986 2.3.
bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

bool IsEscape(std::string_view text, size_t i) {
  return i + 2 < text.size() && text[i] == '%' && ascii::HexDigitValue(text[i + 1]) >= 0 &&
         ascii::HexDigitValue(text[i + 2]) >= 0;
}

}  // namespace

void AppendNormalizedRobotsText(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '%' && IsEscape(text, i)) {
      const auto value = static_cast<unsigned char>(ascii::HexDigitValue(text[i + 1]) * 16 +
                                                    ascii::HexDigitValue(text[i + 2]));
      if (IsUnreserved(value)) {
        out.push_back(static_cast<char>(value));
      } else {
        out.push_back('%');
        out.push_back(kUpperHex[value >> 4]);
        out.push_back(kUpperHex[value & 0xF]);
      }
      i += 2;
    } else if (c == '%') {
      // Not an escape: spelled %25, so that what follows cannot complete it
      // into one ("%4%41" -> "%254A", not "%4A", which would decode to "J"
      // on a second pass): normalising twice changes nothing.
      out.append("%25");
    } else if (c >= 0x80) {
      out.push_back('%');
      out.push_back(kUpperHex[c >> 4]);
      out.push_back(kUpperHex[c & 0xF]);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
}

bool IsNormalizedRobotsText(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '%' || c >= 0x80;
  });
}

RobotsRules::Rule CompileRobotsRule(std::string_view raw_pattern, bool allow) {
  RobotsRules::Rule rule;
  rule.allow = allow;
  rule.pattern.reserve(raw_pattern.size());
  AppendNormalizedRobotsText(raw_pattern, rule.pattern);
  // Only a final '$' anchors; elsewhere it is a literal byte (as in Google's matcher).
  rule.anchored = !rule.pattern.empty() && rule.pattern.back() == '$';
  const size_t body = rule.pattern.size() - (rule.anchored ? 1 : 0);
  const auto stars = static_cast<size_t>(
      std::count(rule.pattern.begin(), rule.pattern.begin() + static_cast<ptrdiff_t>(body), '*'));
  rule.wildcard = stars > 0;
  rule.literal_bytes = static_cast<uint32_t>(body - stars);
  return rule;
}

bool RobotsRuleMatches(const RobotsRules::Rule& rule, std::string_view path) {
  std::string_view pattern = rule.pattern;
  if (rule.anchored) pattern.remove_suffix(1);
  if (!rule.wildcard) {
    return rule.anchored ? path == pattern : path.starts_with(pattern);
  }
  if (rule.literal_bytes > path.size()) return false;

  // Segments between stars. The first is anchored at the start; the others
  // are matched leftmost-first, which is optimal for '*'-only globs: it leaves
  // the most of the path to the segments that follow. Only the last segment of
  // an anchored pattern is different: it must end the path.
  size_t star = pattern.find('*');
  if (!path.starts_with(pattern.substr(0, star))) return false;
  size_t pos = star;
  pattern.remove_prefix(star + 1);
  while (true) {
    star = pattern.find('*');
    const std::string_view segment = pattern.substr(0, star);
    if (star == std::string_view::npos) {
      if (rule.anchored) return path.size() - pos >= segment.size() && path.ends_with(segment);
      return path.find(segment, pos) != std::string_view::npos;
    }
    if (!segment.empty()) {
      const size_t found = path.find(segment, pos);
      if (found == std::string_view::npos) return false;
      pos = found + segment.size();
    }
    pattern.remove_prefix(star + 1);
  }
}

}  // namespace nc
