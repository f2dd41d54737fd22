#pragma once
// Dates written in URL paths (2024-05-03, 20240503, and the year and month
// segments of /2024/05/): the digit tests that url_shape.cc's article
// evidence and the link evaluation's fixed URL-shape baseline
// (crawler/cli/link_eval.cc) both read paths with. Inline: url_shape asks
// them of every link of every page.
#include <cstddef>
#include <string_view>

namespace nc::path_date {

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The value of a run of ASCII digits (the caller checked they are digits).
inline int DigitsValue(std::string_view s) {
  int n = 0;
  for (char c : s) n = n * 10 + (c - '0');
  return n;
}

inline bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

inline bool PlausibleYear(std::string_view s) {
  return s.size() == 4 && AllDigits(s) && (s.starts_with("19") || s.starts_with("20"));
}
inline bool PlausibleMonth(std::string_view s) {
  return s.size() == 2 && AllDigits(s) && DigitsValue(s) >= 1 && DigitsValue(s) <= 12;
}
inline bool PlausibleDay(std::string_view s) {
  return s.size() == 2 && AllDigits(s) && DigitsValue(s) >= 1 && DigitsValue(s) <= 31;
}

// YYYY-MM-DD or YYYYMMDD starting at `i`, the start of a run of digits, and
// not followed by another digit.
inline bool CompactOrDashedDateAt(std::string_view text, size_t i) {
  if (i + 8 > text.size()) return false;
  if (i + 10 <= text.size() && text[i + 4] == '-' && text[i + 7] == '-' &&
      PlausibleYear(text.substr(i, 4)) && PlausibleMonth(text.substr(i + 5, 2)) &&
      PlausibleDay(text.substr(i + 8, 2)) && (i + 10 == text.size() || !IsDigit(text[i + 10]))) {
    return true;
  }
  return PlausibleYear(text.substr(i, 4)) && PlausibleMonth(text.substr(i + 4, 2)) &&
         PlausibleDay(text.substr(i + 6, 2)) && (i + 8 == text.size() || !IsDigit(text[i + 8]));
}

}  // namespace nc::path_date
