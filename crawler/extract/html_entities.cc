#include "crawler/extract/html_entities.h"

#include <algorithm>
#include <array>
#include <cstring>

#include "common/ascii.h"

namespace nc {
namespace {

struct NamedRef {
  std::string_view name;  // without ';'
  std::string_view utf8;  // one or two code points ("&NotEqualTilde;" has two)
};

// kNamedRefs (all 2,125 WHATWG names), kLegacyRefs (the 106 also accepted
// without ';'), kLongestName, kLongestLegacyName.
#include "crawler/extract/html_entities_table.inc"

constexpr bool ByName(const NamedRef& a, const NamedRef& b) { return a.name < b.name; }
static_assert(std::is_sorted(std::begin(kNamedRefs), std::end(kNamedRefs), ByName));
static_assert(std::is_sorted(std::begin(kLegacyRefs), std::end(kLegacyRefs), ByName));

// Numeric references 0x80..0x9F name Windows-1252 characters (HTML5 rule);
// 0 means "keep as is".
constexpr char16_t kWindows1252[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

template <size_t N>
const NamedRef* Find(const NamedRef (&table)[N], std::string_view name) {
  const auto* end = std::end(table);
  const auto* it =
      std::lower_bound(std::begin(table), end, name,
                       [](const NamedRef& ref, std::string_view n) { return ref.name < n; });
  return it != end && it->name == name ? it : nullptr;
}

using ascii::IsAlnum;

// Decodes the reference starting at raw[i] == '&'. On success appends the
// character and returns the index after the reference; otherwise returns i.
size_t DecodeAt(std::string_view raw, size_t i, bool in_attribute, std::string& out) {
  size_t j = i + 1;
  if (j < raw.size() && raw[j] == '#') {
    size_t k = j + 1;
    const bool hex = k < raw.size() && (raw[k] == 'x' || raw[k] == 'X');
    if (hex) ++k;
    const size_t digits = k;
    char32_t cp = 0;
    for (; k < raw.size(); ++k) {
      const char c = raw[k];
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
        d = (c | 0x20) - 'a' + 10;
      } else {
        break;
      }
      cp = std::min<char32_t>(cp * (hex ? 16 : 10) + d, 0x110000);  // saturate
    }
    if (k == digits) return i;  // "&#" or "&#x" without digits is literal text
    if (k < raw.size() && raw[k] == ';') ++k;
    if (cp == 0) cp = 0xFFFD;
    if (cp >= 0x80 && cp <= 0x9F && kWindows1252[cp - 0x80]) cp = kWindows1252[cp - 0x80];
    AppendUtf8(cp, out);
    return k;
  }
  size_t e = j;
  // One past the longest name is enough to tell "too long to be a name".
  while (e < raw.size() && IsAlnum(raw[e]) && e - j <= kLongestName) ++e;
  if (e == j) return i;
  const std::string_view run = raw.substr(j, e - j);
  if (e < raw.size() && raw[e] == ';') {
    if (const NamedRef* ref = Find(kNamedRefs, run)) {
      out.append(ref->utf8);
      return e + 1;
    }
  }
  // Longest legacy name that prefixes the run ("&notit;" is "¬it;").
  for (size_t len = std::min(run.size(), kLongestLegacyName); len >= 2; --len) {
    const NamedRef* ref = Find(kLegacyRefs, run.substr(0, len));
    if (!ref) continue;
    if (in_attribute) {
      const char next = j + len < raw.size() ? raw[j + len] : '\0';
      if (next == '=' || IsAlnum(next)) return i;
    }
    out.append(ref->utf8);
    return j + len;
  }
  return i;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string& out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  char buf[4];
  size_t n;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  out.append(buf, n);
}

void AppendDecodedHtml(std::string_view raw, bool in_attribute, std::string& out) {
  size_t i = 0;
  while (i < raw.size()) {
    const void* amp = std::memchr(raw.data() + i, '&', raw.size() - i);
    if (!amp) break;
    const size_t at = static_cast<size_t>(static_cast<const char*>(amp) - raw.data());
    out.append(raw.data() + i, at - i);
    const size_t next = DecodeAt(raw, at, in_attribute, out);
    if (next == at) {
      out.push_back('&');
      i = at + 1;
    } else {
      i = next;
    }
  }
  out.append(raw.data() + i, raw.size() - i);
}

}  // namespace nc
