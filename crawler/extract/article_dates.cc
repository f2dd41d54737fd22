#include "crawler/extract/article_dates.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <vector>

namespace nc {
namespace {

constexpr int kMinYear = 1990;
constexpr size_t kMaxDateLineBytes = 200;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsLetter(char c) { return c >= 'a' && c <= 'z'; }

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
  return kDays[static_cast<size_t>(month - 1)];
}

int FetchYear(int64_t fetched_at) {
  int y, mo, d, h, mi, s;
  SecondsToCivil(fetched_at, y, mo, d, h, mi, s);
  return y;
}

// ---- Lines of visible text -------------------------------------------------

// Appends `text` lower-cased with Latin accents removed; other non-ASCII
// characters become spaces. Digits and punctuation are kept.
void FoldLine(std::string_view text, std::string& out) {
  for (size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : static_cast<char>(c));
      ++i;
      continue;
    }
    if ((c == 0xC3) && i + 1 < text.size()) {
      const unsigned char d = static_cast<unsigned char>(text[i + 1]) | 0x20;  // lower-case
      // U+00C0..U+00FF: the letter each accented form comes from.
      static constexpr std::string_view kBase = "aaaaaaaceeeeiiiidnooooo ouuuuyts";
      const size_t index = static_cast<size_t>(d - 0xA0);
      char base = (d >= 0xA0 && index < kBase.size()) ? kBase[index] : ' ';
      out.push_back(base);
      i += 2;
      continue;
    }
    out.push_back(' ');
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
}

struct Token {
  enum Kind : uint8_t { kNumber, kWord, kPunct } kind;
  std::string_view text;
  int value = 0;  // numbers
};

void Tokenize(std::string_view line, std::vector<Token>& tokens) {
  for (size_t i = 0; i < line.size();) {
    const char c = line[i];
    if (IsDigit(c)) {
      size_t j = i;
      int value = 0;
      while (j < line.size() && IsDigit(line[j])) {
        if (j - i < 8) value = value * 10 + (line[j] - '0');
        ++j;
      }
      tokens.push_back({Token::kNumber, line.substr(i, j - i), value});
      i = j;
    } else if (IsLetter(c)) {
      size_t j = i;
      while (j < line.size() && IsLetter(line[j])) ++j;
      tokens.push_back({Token::kWord, line.substr(i, j - i)});
      i = j;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else {
      tokens.push_back({Token::kPunct, line.substr(i, 1)});
      ++i;
    }
  }
}

struct MonthName {
  std::string_view name;
  int month;
};
// Folded month names and abbreviations in fr, en, de, es, it.
constexpr MonthName kMonths[] = {
    {"janvier", 1},   {"january", 1},   {"januar", 1},    {"enero", 1},      {"gennaio", 1},
    {"jan", 1},       {"janv", 1},      {"ene", 1},       {"gen", 1},        {"jaenner", 1},
    {"fevrier", 2},   {"february", 2},  {"februar", 2},   {"febrero", 2},    {"febbraio", 2},
    {"fev", 2},       {"fevr", 2},      {"feb", 2},       {"mars", 3},       {"march", 3},
    {"marz", 3},      {"marzo", 3},     {"mar", 3},       {"mrz", 3},        {"avril", 4},
    {"april", 4},     {"abril", 4},     {"aprile", 4},    {"avr", 4},        {"apr", 4},
    {"abr", 4},       {"mai", 5},       {"may", 5},       {"mayo", 5},       {"maggio", 5},
    {"mag", 5},       {"juin", 6},      {"june", 6},      {"juni", 6},       {"junio", 6},
    {"giugno", 6},    {"jun", 6},       {"giu", 6},       {"juillet", 7},    {"july", 7},
    {"juli", 7},      {"julio", 7},     {"luglio", 7},    {"juil", 7},       {"jul", 7},
    {"lug", 7},       {"aout", 8},      {"august", 8},    {"agosto", 8},     {"aug", 8},
    {"ago", 8},       {"septembre", 9}, {"september", 9}, {"septiembre", 9}, {"setiembre", 9},
    {"settembre", 9}, {"sept", 9},      {"sep", 9},       {"set", 9},        {"octobre", 10},
    {"october", 10},  {"oktober", 10},  {"octubre", 10},  {"ottobre", 10},   {"oct", 10},
    {"okt", 10},      {"ott", 10},      {"novembre", 11}, {"november", 11},  {"noviembre", 11},
    {"nov", 11},      {"decembre", 12}, {"december", 12}, {"dezember", 12},  {"diciembre", 12},
    {"dicembre", 12}, {"dec", 12},      {"dez", 12},      {"dic", 12},
};

// kMonths by first letter (a-z), in kMonths' order.
struct MonthsByLetter {
  std::array<std::vector<MonthName>, 26> names;
  MonthsByLetter() {
    for (const MonthName& m : kMonths) names[static_cast<size_t>(m.name[0] - 'a')].push_back(m);
  }
};

int MonthOf(const Token& t) {
  // Called for every word of every line looked at: the names are 3 to 10
  // letters, and only the names with the word's first letter are compared
  // (a scan of all 84 cost ~370 instructions a word).
  if (t.kind != Token::kWord || t.text.size() < 3 || t.text.size() > 10) return 0;
  const char first = t.text[0];
  if (first < 'a' || first > 'z') return 0;
  static const MonthsByLetter by_letter;
  for (const MonthName& m : by_letter.names[static_cast<size_t>(first - 'a')]) {
    if (m.name == t.text) return m.month;
  }
  return 0;
}

bool IsWord(const std::vector<Token>& t, size_t i, std::string_view word) {
  return i < t.size() && t[i].kind == Token::kWord && t[i].text == word;
}
bool IsPunct(const std::vector<Token>& t, size_t i, char c) {
  return i < t.size() && t[i].kind == Token::kPunct && t[i].text[0] == c;
}
bool IsNumber(const std::vector<Token>& t, size_t i, size_t min_digits, size_t max_digits) {
  return i < t.size() && t[i].kind == Token::kNumber && t[i].text.size() >= min_digits &&
         t[i].text.size() <= max_digits;
}

struct FoundDate {
  size_t begin = 0, end = 0;  // token range
  int year = 0;               // 0: not given
  int month = 0, day = 0;
};

int FullYear(const Token& t) {
  if (t.text.size() == 2) return 2000 + t.value;
  return t.text.size() == 4 ? t.value : -1;
}

bool IsOrdinalSuffix(const std::vector<Token>& t, size_t i) {
  return IsWord(t, i, "er") || IsWord(t, i, "st") || IsWord(t, i, "nd") || IsWord(t, i, "rd") ||
         IsWord(t, i, "th");
}

// One date starting at token i, in any of the accepted shapes.
std::optional<FoundDate> DateAt(const std::vector<Token>& t, size_t i, bool month_first) {
  FoundDate f;
  f.begin = i;
  // 2019-04-16, 2019/04/16
  if (IsNumber(t, i, 4, 4) && (IsPunct(t, i + 1, '-') || IsPunct(t, i + 1, '/')) &&
      IsNumber(t, i + 2, 1, 2) && IsPunct(t, i + 3, t[i + 1].text[0]) && IsNumber(t, i + 4, 1, 2)) {
    f.year = t[i].value;
    f.month = t[i + 2].value;
    f.day = t[i + 4].value;
    f.end = i + 5;
    return f;
  }
  // 16/04, 16/04/2019, 16.04.2019, 16-04-2019, 16.04.
  if (IsNumber(t, i, 1, 2) && i + 2 < t.size() &&
      (IsPunct(t, i + 1, '/') || IsPunct(t, i + 1, '.') || IsPunct(t, i + 1, '-')) &&
      IsNumber(t, i + 2, 1, 2)) {
    const char sep = t[i + 1].text[0];
    const bool has_year =
        IsPunct(t, i + 3, sep) && (IsNumber(t, i + 4, 4, 4) || IsNumber(t, i + 4, 2, 2));
    if (sep == '/' || has_year || (sep == '.' && IsPunct(t, i + 3, '.'))) {
      const int a = t[i].value, b = t[i + 2].value;
      // Day first (Europe) unless a number says otherwise, or the line is
      // English (month first, 04/16).
      bool swap = month_first;
      if (a > 12 && b <= 12) swap = false;
      if (b > 12 && a <= 12) swap = true;
      f.day = swap ? b : a;
      f.month = swap ? a : b;
      f.end = i + 3;
      if (has_year) {
        f.year = FullYear(t[i + 4]);
        f.end = i + 5;
      }
      return f;
    }
  }
  // 16 avril 2019, 1er avril, 16. April 2019, 16 de abril de 2019, 16 Apr 2019
  if (IsNumber(t, i, 1, 2)) {
    size_t j = i + 1;
    if (IsOrdinalSuffix(t, j)) ++j;
    if (IsPunct(t, j, '.')) ++j;
    if (IsWord(t, j, "de")) ++j;
    if (int month = j < t.size() ? MonthOf(t[j]) : 0; month != 0) {
      f.day = t[i].value;
      f.month = month;
      f.end = ++j;
      if (IsPunct(t, j, '.')) ++j;
      if (IsWord(t, j, "de") || IsPunct(t, j, ',')) ++j;
      if (IsNumber(t, j, 4, 4)) {
        f.year = t[j].value;
        f.end = j + 1;
      }
      return f;
    }
  }
  // April 16, 2019; Apr. 16th 2019
  if (int month = i < t.size() ? MonthOf(t[i]) : 0; month != 0) {
    size_t j = i + 1;
    if (IsPunct(t, j, '.')) ++j;
    if (IsNumber(t, j, 1, 2)) {
      f.month = month;
      f.day = t[j].value;
      f.end = ++j;
      if (IsOrdinalSuffix(t, j)) ++j;
      if (IsPunct(t, j, ',')) ++j;
      if (IsNumber(t, j, 4, 4)) {
        f.year = t[j].value;
        f.end = j + 1;
      }
      return f;
    }
  }
  return std::nullopt;
}

struct FoundTime {
  size_t begin = 0, end = 0;
  int hour = 0, minute = 0, second = 0;
  std::optional<int> offset_minutes;
};

std::optional<int> NamedZoneOffset(std::string_view word) {
  struct Zone {
    std::string_view name;
    int minutes;
  };
  static constexpr Zone kZones[] = {{"utc", 0},    {"gmt", 0},    {"z", 0},      {"cet", 60},
                                    {"cest", 120}, {"met", 60},   {"mesz", 120}, {"mez", 60},
                                    {"bst", 60},   {"est", -300}, {"edt", -240}, {"cst", -360},
                                    {"cdt", -300}, {"pst", -480}, {"pdt", -420}};
  for (const Zone& z : kZones) {
    if (z.name == word) return z.minutes;
  }
  return std::nullopt;
}

// "+0200", "+02:00", "-05", after a time or a zone name.
std::optional<int> NumericOffsetAt(const std::vector<Token>& t, size_t& j) {
  if (!(IsPunct(t, j, '+') || IsPunct(t, j, '-'))) return std::nullopt;
  const int sign = t[j].text[0] == '-' ? -1 : 1;
  int hours = 0, minutes = 0;
  size_t k = j + 1;
  if (IsNumber(t, k, 4, 4)) {
    hours = t[k].value / 100;
    minutes = t[k].value % 100;
    ++k;
  } else if (IsNumber(t, k, 1, 2)) {
    hours = t[k].value;
    ++k;
    if (IsPunct(t, k, ':') && IsNumber(t, k + 1, 2, 2)) {
      minutes = t[k + 1].value;
      k += 2;
    }
  } else {
    return std::nullopt;
  }
  if (hours > 14 || minutes > 59) return std::nullopt;
  j = k;
  return sign * (hours * 60 + minutes);
}

std::optional<FoundTime> TimeAt(const std::vector<Token>& t, size_t i) {
  if (!IsNumber(t, i, 1, 2)) return std::nullopt;
  FoundTime f;
  f.begin = i;
  f.hour = t[i].value;
  size_t j = i + 1;
  if ((IsPunct(t, j, ':') || IsWord(t, j, "h")) && IsNumber(t, j + 1, 2, 2)) {
    f.minute = t[j + 1].value;
    j += 2;
    if (IsPunct(t, j, ':') && IsNumber(t, j + 1, 2, 2)) {
      f.second = t[j + 1].value;
      j += 2;
    }
  } else if (IsWord(t, j, "h") && !IsNumber(t, j + 1, 1, 8)) {
    ++j;  // "à 10h"
  } else if (!(IsWord(t, j, "am") || IsWord(t, j, "pm"))) {
    return std::nullopt;
  }
  if (IsPunct(t, j, '.') && IsWord(t, j + 1, "m")) ++j;  // "p.m."
  if (IsWord(t, j, "am") || IsWord(t, j, "a") || IsWord(t, j, "pm") || IsWord(t, j, "p")) {
    const bool pm = t[j].text[0] == 'p';
    if (f.hour < 1 || f.hour > 12) return std::nullopt;
    if (f.hour == 12) f.hour = 0;
    if (pm) f.hour += 12;
    ++j;
    while (IsPunct(t, j, '.') || IsWord(t, j, "m")) ++j;
  }
  if (IsWord(t, j, "uhr")) ++j;
  if (j < t.size() && t[j].kind == Token::kWord) {
    if (auto zone = NamedZoneOffset(t[j].text)) {
      f.offset_minutes = *zone;
      ++j;
    }
  }
  if (auto offset = NumericOffsetAt(t, j)) f.offset_minutes = offset;
  if (f.hour > 23 || f.minute > 59 || f.second > 60) return std::nullopt;
  f.end = j;
  return f;
}

// Seconds a unit word stands for ("heures" -> 3600), 0 if it is none.
int64_t UnitSeconds(std::string_view w) {
  struct Unit {
    std::string_view prefix;
    int64_t seconds;
  };
  // Matched as prefixes of the folded word, longest first where they overlap.
  static constexpr Unit kUnits[] = {
      {"sec", 1},         {"sek", 1},          {"seg", 1},       {"min", 60},
      {"heure", 3600},    {"hour", 3600},      {"hr", 3600},     {"stunde", 3600},
      {"hora", 3600},     {"ora", 3600},       {"ore", 3600},    {"h", 3600},
      {"jour", 86400},    {"day", 86400},      {"tag", 86400},   {"dia", 86400},
      {"giorn", 86400},   {"semaine", 604800}, {"week", 604800}, {"woche", 604800},
      {"semana", 604800}, {"settiman", 604800}};
  for (const Unit& u : kUnits) {
    if (w.starts_with(u.prefix)) {
      // "h" alone only, not every word starting with h.
      if (u.prefix == "h" && w.size() > 1) continue;
      return u.seconds;
    }
  }
  return 0;
}

int CountWord(std::string_view w) {
  for (std::string_view one : {"un", "une", "a", "an", "one", "einer", "einem", "uno", "una"}) {
    if (w == one) return 1;
  }
  return 0;
}

// "il y a 3 heures", "3 hours ago", "vor 3 Stunden", "hace 3 horas", "3 ore fa".
std::optional<int64_t> RelativeSecondsAt(const std::vector<Token>& t, size_t i) {
  int count = 0;
  if (IsNumber(t, i, 1, 4)) {
    count = t[i].value;
  } else if (i < t.size() && t[i].kind == Token::kWord) {
    count = CountWord(t[i].text);
  }
  if (count == 0 || i + 1 >= t.size() || t[i + 1].kind != Token::kWord) return std::nullopt;
  const int64_t unit = UnitSeconds(t[i + 1].text);
  if (unit == 0) return std::nullopt;
  const bool before =
      (i >= 3 && IsWord(t, i - 3, "il") && IsWord(t, i - 2, "y") && IsWord(t, i - 1, "a")) ||
      (i >= 1 && (IsWord(t, i - 1, "vor") || IsWord(t, i - 1, "hace")));
  const bool after = IsWord(t, i + 2, "ago") || IsWord(t, i + 2, "fa");
  if (!before && !after) return std::nullopt;
  return count * unit;
}

DateLineKind KindOfWords(const std::vector<Token>& t, size_t end) {
  DateLineKind kind = DateLineKind::kUnknown;
  for (size_t i = 0; i < end && i < t.size(); ++i) {
    if (t[i].kind != Token::kWord) continue;
    const std::string_view w = t[i].text;
    const bool mise_a_jour = w == "jour" && i >= 2 && IsWord(t, i - 1, "a") &&
                             (IsWord(t, i - 2, "mise") || IsWord(t, i - 2, "mis"));
    if (mise_a_jour || w.starts_with("updat") || w.starts_with("modifi") ||
        w.starts_with("actualis") || w.starts_with("aktualisiert") || w.starts_with("actualiz") ||
        w.starts_with("aggiorn") || w == "maj" || w == "geandert") {
      kind = DateLineKind::kModified;
    } else if ((w.starts_with("publi") && !w.starts_with("public")) || w == "posted" ||
               w.starts_with("veroffentlicht") || w.starts_with("pubblicat") || w == "erschienen" ||
               w == "cree" || w == "creado") {
      kind = DateLineKind::kPublished;
    }
  }
  return kind;
}

bool LooksEnglish(const std::vector<Token>& t) {
  for (const Token& token : t) {
    if (token.kind != Token::kWord) continue;
    for (std::string_view w : {"updated", "published", "posted", "am", "pm", "on", "at"}) {
      if (token.text == w) return true;
    }
  }
  return false;
}

}  // namespace

std::string ArticleTime::Iso() const {
  int y, mo, d, h, mi, s;
  SecondsToCivil(local_seconds, y, mo, d, h, mi, s);
  char buffer[48];
  if (!has_time) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", y, mo, d);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, s);
  std::string iso = buffer;
  if (utc_offset_minutes) {
    const int off = *utc_offset_minutes;
    std::snprintf(buffer, sizeof buffer, "%c%02d:%02d", off < 0 ? '-' : '+', std::abs(off) / 60,
                  std::abs(off) % 60);
    iso += buffer;
  }
  return iso;
}

bool CertainlyAfter(const ArticleTime& a, const ArticleTime& b) {
  const int64_t slack =
      (a.utc_offset_minutes && b.utc_offset_minutes) ? 0 : kUnknownZoneSlackSeconds;
  // A date without a time covers its whole day.
  const int64_t day_slack = (!a.has_time || !b.has_time) ? 86400 : 0;
  return a.ApproxUtcSeconds() > b.ApproxUtcSeconds() + slack + day_slack;
}

std::optional<int64_t> CivilToSeconds(int year, int month, int day, int hour, int minute,
                                      int second) {
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  return DaysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
}

void SecondsToCivil(int64_t seconds, int& year, int& month, int& day, int& hour, int& minute,
                    int& second) {
  int64_t days = seconds / 86400;
  int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  hour = static_cast<int>(rest / 3600);
  minute = static_cast<int>(rest % 3600 / 60);
  second = static_cast<int>(rest % 60);
  // H. Hinnant's civil_from_days.
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2));
}

std::optional<ArticleTime> ParseMachineDate(std::string_view text, int64_t fetched_at) {
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 64) return std::nullopt;
  size_t i = 0;
  auto digits = [&](size_t n, int& value) {
    if (i + n > text.size()) return false;
    value = 0;
    for (size_t k = 0; k < n; ++k) {
      if (!IsDigit(text[i + k])) return false;
      value = value * 10 + (text[i + k] - '0');
    }
    i += n;
    return true;
  };
  auto accept = [&](char c) {
    if (i < text.size() && text[i] == c) {
      ++i;
      return true;
    }
    return false;
  };
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!digits(4, year)) {
    // Not ISO: RFC 822 and friends read like a date line.
    auto line = ParseDateLine(text, fetched_at);
    if (!line) return std::nullopt;
    return line->time;
  }
  const bool extended = accept('-');
  if (!digits(2, month)) return std::nullopt;
  if (extended && !accept('-')) return std::nullopt;
  if (!digits(2, day)) return std::nullopt;
  ArticleTime result;
  if (i < text.size() && (text[i] == 'T' || text[i] == 't' || text[i] == ' ')) {
    ++i;
    if (!digits(2, hour)) return std::nullopt;
    if (extended && !accept(':')) return std::nullopt;
    if (!digits(2, minute)) return std::nullopt;
    if (accept(':') || (!extended && i < text.size() && IsDigit(text[i]))) {
      if (!digits(2, second)) return std::nullopt;
    }
    if (accept('.') || accept(',')) {
      while (i < text.size() && IsDigit(text[i])) ++i;
    }
    result.has_time = true;
    while (i < text.size() && text[i] == ' ') ++i;
    if (accept('Z') || accept('z')) {
      result.utc_offset_minutes = 0;
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
      const int sign = text[i] == '-' ? -1 : 1;
      ++i;
      int oh = 0, om = 0;
      if (!digits(2, oh)) return std::nullopt;
      accept(':');
      if (i < text.size() && !digits(2, om)) return std::nullopt;
      if (oh > 14 || om > 59) return std::nullopt;
      result.utc_offset_minutes = sign * (oh * 60 + om);
    }
  }
  if (i != text.size()) return std::nullopt;
  if (year < kMinYear || year > FetchYear(fetched_at) + 1) return std::nullopt;
  auto seconds = CivilToSeconds(year, month, day, hour, minute, second);
  if (!seconds) return std::nullopt;
  result.local_seconds = *seconds;
  return result;
}

namespace {

bool IsLineSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Whether a line without digits may still be a date line: only a relative
// one with a number word ("an hour ago", "il y a une heure", "vor einer
// Stunde", "hace una hora", "un'ora fa"), whose marker words are looked for
// in the folded line (a superset of what RelativeSecondsAt accepts).
bool MayBeRelativeWithoutDigits(std::string_view folded) {
  for (std::string_view marker : {"ago", "fa", "vor", "hace"}) {
    if (folded.find(marker) != std::string_view::npos) return true;
  }
  // "il y a" with any whitespace between the words.
  for (size_t y = folded.find('y'); y != std::string_view::npos; y = folded.find('y', y + 1)) {
    size_t a = y + 1;
    while (a < folded.size() && IsLineSpace(folded[a])) ++a;
    if (a > y + 1 && a < folded.size() && folded[a] == 'a') return true;
  }
  return false;
}

}  // namespace

std::optional<DateLine> ParseDateLine(std::string_view text, int64_t fetched_at) {
  if (text.size() > kMaxDateLineBytes) return std::nullopt;
  // Kept per thread: every short block near a headline comes here, and its
  // tokens grew a new vector from empty (about five allocations a line).
  thread_local std::string folded;
  thread_local std::vector<Token> t;
  folded.clear();
  t.clear();
  FoldLine(text, folded);
  // Every date has a number (FoldLine keeps ASCII digits and makes none):
  // without one, only a relative line with a number word can match, and
  // most short blocks near a headline (bylines, captions, teasers) are
  // rejected here before they are tokenized.
  if (std::none_of(folded.begin(), folded.end(), [](char c) { return IsDigit(c); }) &&
      !MayBeRelativeWithoutDigits(folded)) {
    return std::nullopt;
  }
  Tokenize(folded, t);

  for (size_t i = 0; i < t.size(); ++i) {
    if (auto ago = RelativeSecondsAt(t, i)) {
      DateLine line;
      line.kind = KindOfWords(t, t.size());
      line.time.local_seconds = fetched_at - *ago;
      line.time.utc_offset_minutes = 0;
      line.time.has_time = *ago < 86400;
      if (!line.time.has_time)
        line.time.local_seconds -= ((line.time.local_seconds % 86400) + 86400) % 86400;
      return line;
    }
  }

  const bool month_first = LooksEnglish(t);
  std::optional<FoundDate> date;
  for (size_t i = 0; i < t.size() && !date; ++i) {
    // A number that starts a time ("08h24", "10:05") is not a day.
    if (IsNumber(t, i, 1, 2) && (IsPunct(t, i + 1, ':') || IsWord(t, i + 1, "h"))) continue;
    date = DateAt(t, i, month_first);
  }
  if (!date) return std::nullopt;
  std::optional<FoundTime> time;
  for (size_t i = 0; i < t.size() && !time; ++i) {
    if (i >= date->begin && i < date->end) continue;
    if (i < date->begin && date->begin - i > 12) continue;
    time = TimeAt(t, i);
    if (time && time->begin < date->end && time->end > date->begin) time.reset();
  }

  DateLine line;
  line.kind = KindOfWords(t, date->begin > 0 ? date->begin : t.size());
  if (line.kind == DateLineKind::kUnknown) line.kind = KindOfWords(t, t.size());
  const int hour = time ? time->hour : 0;
  const int minute = time ? time->minute : 0;
  const int second = time ? time->second : 0;
  line.time.has_time = time.has_value();
  if (time) line.time.utc_offset_minutes = time->offset_minutes;
  // A zone name alone after the date ("16 Apr 2019 GMT") still states the zone.
  int year = date->year;
  if (year == 0) {
    year = FetchYear(fetched_at);
    auto seconds = CivilToSeconds(year, date->month, date->day, hour, minute, second);
    if (!seconds || *seconds - kUnknownZoneSlackSeconds > fetched_at) {
      --year;
    }
  }
  if (year < kMinYear || year > FetchYear(fetched_at) + 1) return std::nullopt;
  auto seconds = CivilToSeconds(year, date->month, date->day, hour, minute, second);
  if (!seconds) return std::nullopt;
  line.time.local_seconds = *seconds;
  return line;
}

}  // namespace nc
