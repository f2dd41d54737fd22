#pragma once
// ASCII character tests and case folding for protocol text (HTTP fields,
// URLs, robots.txt, HTML tag names, config keys). Locale-free on purpose:
// <cctype> follows the C locale, and these names must compare the same way
// whatever the process locale is. Bytes >= 0x80 are never letters, digits or
// space here. Pure functions, any thread.

#include <string>
#include <string_view>

namespace nc::ascii {

constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAlnum(char c) { return IsAlpha(c) || IsDigit(c); }
constexpr bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
// 0..15 for a hex digit, -1 for anything else.
constexpr int HexDigitValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// WHATWG "ASCII whitespace" (HTML attributes, tokens, URLs): TAB, LF, FF,
// CR, SPACE. No VT, unlike C's isspace.
constexpr bool IsHtmlSpace(char c) {
  return c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r';
}
// C's isspace in the "C" locale: SPACE, TAB, LF, VT, FF, CR (robots.txt, as
// Google's parser reads it).
constexpr bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}
// RFC 9110 5.6.3 optional whitespace in HTTP fields: SPACE and TAB.
constexpr bool IsHttpSpace(char c) { return c == ' ' || c == '\t'; }

// `text` without leading and trailing RFC 9110 optional whitespace.
constexpr std::string_view TrimHttpSpace(std::string_view text) {
  while (!text.empty() && IsHttpSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsHttpSpace(text.back())) text.remove_suffix(1);
  return text;
}

constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// A copy of `text` with A-Z lower-cased; other bytes (UTF-8 included) kept.
inline std::string ToLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ToLower(c);
  return out;
}
inline void LowerInPlace(std::string& text) {
  for (char& c : text) c = ToLower(c);
}

constexpr bool HasUpper(std::string_view text) {
  for (char c : text) {
    if (IsUpper(c)) return true;
  }
  return false;
}

// Equal when A-Z and a-z are taken as the same letter.
constexpr bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLower(a[i]) != ToLower(b[i])) return false;
  }
  return true;
}

constexpr bool StartsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && EqualsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

constexpr bool EndsWithIgnoreCase(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         EqualsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
}

}  // namespace nc::ascii
