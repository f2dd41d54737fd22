#pragma once
// The byte classes and small helpers shared by frontier/url.cc (parsing and
// resolution) and frontier/url_host.cc (hosts). Internal to those two files:
// frontier/url.h is the interface.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/ascii.h"
#include "common/result.h"

namespace nc::url_detail {

// Byte classes, as one table so each byte costs one load. The four
// component classes are the bytes WHATWG writes as they are in an http(s)
// URL: printable ASCII minus that component's percent-encode set. '%' is in
// all four: an escape, valid or not, is kept as the page wrote it.
inline constexpr uint8_t kPathChar = 1;      // minus the path set: " # < > ? ` { }
inline constexpr uint8_t kQueryChar = 2;     // minus the special-query set: " # < > '
inline constexpr uint8_t kFragmentChar = 4;  // minus the fragment set: " < > `
inline constexpr uint8_t kHexDigit = 8;
inline constexpr uint8_t kSchemeChar = 16;  // ALPHA DIGIT + - .
inline constexpr uint8_t kHostChar =
    32;  // what we accept in a DNS name: lower-case letters, digits, - . _
// Minus the userinfo set: the path set and / : ; = @ [ \ ] ^ |
inline constexpr uint8_t kUserinfoChar = 64;
inline constexpr uint8_t kPathEndChar = 128;  // ? #: a query or a fragment starts

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    const bool lower = c >= 'a' && c <= 'z';
    const bool upper = c >= 'A' && c <= 'Z';
    const bool digit = c >= '0' && c <= '9';
    const bool printable = c > 0x20 && c < 0x7f;
    const bool in_all_sets = c == '"' || c == '<' || c == '>';
    uint8_t v = 0;
    if (printable && !in_all_sets) {
      if (c != '#' && c != '?' && c != '`' && c != '{' && c != '}') v |= kPathChar;
      if (c != '#' && c != '\'') v |= kQueryChar;
      if (c != '`') v |= kFragmentChar;
      const bool userinfo_extra = c == '/' || c == ':' || c == ';' || c == '=' || c == '@' ||
                                  (c >= '[' && c <= '^') || c == '|';
      if ((v & kPathChar) && !userinfo_extra) v |= kUserinfoChar;
    }
    if (digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) v |= kHexDigit;
    if (lower || upper || digit || c == '+' || c == '-' || c == '.') v |= kSchemeChar;
    if (lower || digit || c == '-' || c == '.' || c == '_') v |= kHostChar;
    if (c == '?' || c == '#') v |= kPathEndChar;
    t[c] = v;
  }
  return t;
}
inline constexpr std::array<uint8_t, 256> kClasses = MakeClasses();
inline constexpr char kHexUpper[] = "0123456789ABCDEF";

inline bool Is(char c, uint8_t cls) { return (kClasses[static_cast<unsigned char>(c)] & cls) != 0; }
inline bool IsSlash(char c) { return c == '/' || c == '\\'; }

// If s[i] starts a valid escape ("%7e"), writes the byte it stands for.
inline bool DecodeEscapeAt(std::string_view s, size_t i, char& byte) {
  if (s[i] != '%' || i + 2 >= s.size() || !Is(s[i + 1], kHexDigit) || !Is(s[i + 2], kHexDigit)) {
    return false;
  }
  byte = static_cast<char>(ascii::HexDigitValue(s[i + 1]) * 16 + ascii::HexDigitValue(s[i + 2]));
  return true;
}

inline Error UrlError(const char* code, std::string message) {
  return MakeError(code, std::move(message));
}

// Short quoted form of untrusted input for error messages.
inline std::string Quote(std::string_view text) {
  constexpr size_t kMax = 80;
  std::string out = "'";
  out.append(text.substr(0, kMax));
  if (text.size() > kMax) out += "...";
  out += "'";
  return out;
}

}  // namespace nc::url_detail
