#include "crawler/extract/article_names.h"

#include <array>

#include "common/ascii.h"

namespace nc {
namespace {

// Spaces that are not ASCII: U+00A0, U+2009, U+202F.
size_t UnicodeSpaceLength(std::string_view s, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  if (byte(i) == 0xC2 && i + 1 < s.size() && byte(i + 1) == 0xA0) return 2;
  if (byte(i) == 0xE2 && i + 2 < s.size() && byte(i + 1) == 0x80 &&
      (byte(i + 2) == 0x89 || byte(i + 2) == 0xAF)) {
    return 3;
  }
  return 0;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (ascii::IsHtmlSpace(s.front()) || s.front() == ':' || s.front() == ',' ||
                        s.front() == '-' || s.front() == '|')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (ascii::IsHtmlSpace(s.back()) || s.back() == ',' || s.back() == '-' ||
                        s.back() == '|' || s.back() == ':')) {
    s.remove_suffix(1);
  }
  return s;
}

// `s` with its white space collapsed (Unicode spaces included), each other
// byte written by `put(i, w)`, which writes what starts at s[i] at `w`
// (advancing it) and returns how many bytes of `s` that took. One pass,
// into the output's own buffer: `put` never writes more than it reads. It
// runs for every short block near the headline.
template <typename Put>
std::string CollapseWith(std::string_view s, Put put) {
  std::string out(s.size(), '\0');
  char* const begin = out.data();
  char* w = begin;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    if (ascii::IsHtmlSpace(s[i])) {
      space = true;
      ++i;
      continue;
    }
    if (static_cast<unsigned char>(s[i]) >= 0x80) {  // the Unicode spaces are C2 A0 and E2 80 xx
      if (const size_t n = UnicodeSpaceLength(s, i)) {
        space = true;
        i += n;
        continue;
      }
    }
    if (space && w != begin) *w++ = ' ';
    space = false;
    i += put(i, w);
  }
  out.resize(static_cast<size_t>(w - begin));
  return out;
}

// `s` with its white space collapsed (Unicode spaces included).
std::string Collapse(std::string_view s) {
  return CollapseWith(s, [&](size_t i, char*& w) {
    *w++ = s[i];
    return size_t{1};
  });
}

bool StartsWithWord(std::string_view text, std::string_view word) {
  if (text.size() < word.size()) return false;
  if (!ascii::EqualsIgnoreCase(text.substr(0, word.size()), word)) return false;
  return text.size() == word.size() || !ascii::IsAlnum(text[word.size()]);
}

// Byline prefixes, longest first; matched case-insensitively on a word.
constexpr std::array<std::string_view, 12> kBylinePrefixes = {"propos recueillis par",
                                                              "recueillis par",
                                                              "recueilli par",
                                                              "texte de",
                                                              "auteur",
                                                              "auteurs",
                                                              "par",
                                                              "by",
                                                              "von",
                                                              "por",
                                                              "di",
                                                              "de"};

// An English, German, French or Spanish month name or its abbreviation
// ("Jul", "Sept.", "März", "janv."), any case.
bool IsMonthWord(std::string_view word) {
  if (word.ends_with('.')) word.remove_suffix(1);
  static constexpr std::string_view kMonths[] = {
      "jan",      "january",  "januar",    "janvier", "janv",      "enero",     "ene",
      "feb",      "february", "februar",   "février", "févr",      "fev",       "febrero",
      "mar",      "march",    "märz",      "mars",    "marzo",     "apr",       "april",
      "avril",    "avr",      "abril",     "abr",     "may",       "mai",       "mayo",
      "jun",      "june",     "juni",      "juin",    "junio",     "jul",       "july",
      "juli",     "juillet",  "juil",      "julio",   "aug",       "august",    "août",
      "agosto",   "ago",      "sep",       "sept",    "september", "septembre", "septiembre",
      "oct",      "october",  "oktober",   "okt",     "octobre",   "octubre",   "nov",
      "november", "novembre", "noviembre", "dec",     "december",  "dezember",  "dez",
      "décembre", "déc",      "diciembre", "dic"};
  for (std::string_view month : kMonths) {
    // ASCII letters in any case; accented ones are lower case after the first.
    if (ascii::EqualsIgnoreCase(word, month)) return true;
  }
  return false;
}

// Where the name part of a byline ends: a date or time after it.
size_t NameEnd(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (ascii::IsDigit(s[i])) return i;
    if (s[i] == '|' || s[i] == '(' || s[i] == '\n') return i;
    if (s[i] == ' ' && i + 3 < s.size()) {
      std::string_view rest = s.substr(i + 1);
      // Lower-case only: "Loïc Le Clerc" is a name, "X le 07 Mai" a date.
      for (std::string_view stop : {"le ", "the ", "am ", "el ", "il ", "on ", "publié",
                                    "mis à jour", "updated", "published", "- "}) {
        if (rest.starts_with(stop)) return i;
      }
    }
  }
  return s.size();
}

// The registrable label of a host: "www.lopinion.fr" -> "lopinion".
std::string_view HostLabel(std::string_view host) {
  if (host.starts_with("www.")) host.remove_prefix(4);
  const size_t dot = host.find('.');
  return dot == std::string_view::npos ? host : host.substr(0, dot);
}

std::string LettersOnly(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (ascii::IsAlnum(c)) out.push_back(ascii::ToLower(c));
  }
  return out;
}

bool IsUpperStart(std::string_view word) {
  if (word.empty()) return false;
  const auto c = static_cast<unsigned char>(word[0]);
  if (ascii::IsUpper(word[0])) return true;
  // Latin-1 upper-case letters À..Þ are C3 80..C3 9E in UTF-8.
  return c == 0xC3 && word.size() > 1 && static_cast<unsigned char>(word[1]) >= 0x80 &&
         static_cast<unsigned char>(word[1]) <= 0x9E;
}

}  // namespace

// Collapse and the folding in one pass (CollapseWith). The folded
// sequences hold no space byte, so they are the same bytes in `text` as in
// its collapsed form.
std::string FoldForCompare(std::string_view text) {
  const size_t size = text.size();
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  return CollapseWith(text, [&](size_t i, char*& w) -> size_t {
    const unsigned char c = byte(i);
    if (c == 0xE2 && i + 2 < size && byte(i + 1) == 0x80) {
      const unsigned char d = byte(i + 2);
      if (d == 0x98 || d == 0x99) {  // ‘ ’
        *w++ = '\'';
        return 3;
      }
      if (d == 0xA6) {  // …
        *w++ = '.';
        *w++ = '.';
        *w++ = '.';
        return 3;
      }
    }
    if (c == 0xCA && i + 1 < size && byte(i + 1) == 0xBC) {
      *w++ = '\'';  // ʼ
      return 2;
    }
    *w++ = ascii::ToLower(static_cast<char>(c));
    return 1;
  });
}

std::vector<std::string> AuthorNames(std::string_view value) {
  std::string text = Collapse(value);
  std::string_view v = text;
  // "Accueil | Par Loïc Le Clerc | 30 septembre 2018": the part with "Par".
  if (v.find('|') != std::string_view::npos) {
    std::string_view rest = v;
    while (!rest.empty()) {
      const size_t bar = rest.find('|');
      std::string_view part = Trim(rest.substr(0, bar));
      if (StartsWithWord(part, "par") || StartsWithWord(part, "by")) {
        v = part;
        break;
      }
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
  }
  v = Trim(v);
  for (std::string_view prefix : kBylinePrefixes) {
    if (StartsWithWord(v, prefix)) {
      v = Trim(v.substr(prefix.size()));
      break;
    }
  }
  const size_t end = NameEnd(v);
  const bool cut_at_digit = end < v.size() && ascii::IsDigit(v[end]);
  v = Trim(v.substr(0, end));
  // "Par Kab Niang Le 17/02/2020": the word before the date is not a name.
  for (std::string_view tail : {" Le", " le", " du", " on", " On", " am", " vom"}) {
    if (v.ends_with(tail)) v = Trim(v.substr(0, v.size() - tail.size()));
  }
  // "Paul Serran Jul 19, 2026": nor is a month written before the day.
  if (cut_at_digit) {
    const size_t space = v.rfind(' ');
    if (space != std::string_view::npos && IsMonthWord(v.substr(space + 1))) {
      v = Trim(v.substr(0, space));
    }
  }
  std::vector<std::string> names;
  while (!v.empty()) {
    size_t cut = std::string_view::npos, skip = 0;
    for (std::string_view sep : {" et ", " and ", " und ", " y ", " e ", " & ", ", ", " / "}) {
      const size_t at = v.find(sep);
      if (at != std::string_view::npos && at < cut) {
        cut = at;
        skip = sep.size();
      }
    }
    std::string_view name = Trim(v.substr(0, cut));
    // "ANGEVIN." loses its period, "C." keeps it.
    if (name.ends_with('.')) {
      const size_t space = name.rfind(' ');
      const size_t word =
          space == std::string_view::npos ? name.size() - 1 : name.size() - space - 2;
      if (word >= 3) name.remove_suffix(1);
    }
    if (!name.empty()) names.emplace_back(name);
    if (cut == std::string_view::npos) break;
    v.remove_prefix(cut + skip);
  }
  return names;
}

bool LooksLikePublisher(std::string_view name, std::string_view site_name, std::string_view host) {
  const std::string folded = FoldForCompare(name);
  if (folded.find("www.") != std::string::npos) return true;
  // A bare host name: "sudinfo.be", "lemonde.fr".
  const size_t dot = folded.rfind('.');
  if (dot != std::string::npos && dot > 0 && dot + 2 < folded.size() &&
      folded.find(' ') == std::string::npos && ascii::IsAlpha(folded[dot + 1])) {
    return true;
  }
  const std::string letters = LettersOnly(folded);
  if (letters.empty()) return false;
  if (!site_name.empty() && letters == LettersOnly(FoldForCompare(site_name))) return true;
  const std::string label = LettersOnly(HostLabel(host));
  return !label.empty() && letters == label;
}

bool LooksLikeName(std::string_view text) {
  const std::string collapsed = Collapse(text);
  if (collapsed.empty() || collapsed.size() >= 60) return false;
  // "By" alone in a byline element (the names follow in their own
  // elements): a byline word, not a name.
  for (std::string_view prefix : kBylinePrefixes) {
    if (ascii::EqualsIgnoreCase(Trim(collapsed), prefix)) return false;
  }
  if (ascii::EqualsIgnoreCase(Trim(collapsed), "author") ||
      ascii::EqualsIgnoreCase(Trim(collapsed), "authors")) {
    return false;
  }
  size_t words = 0;
  std::string_view rest = collapsed;
  while (!rest.empty()) {
    const size_t space = rest.find(' ');
    std::string_view word = rest.substr(0, space);
    for (char c : word) {
      if (ascii::IsDigit(c) || c == ':' || c == '|') return false;
    }
    const bool particle = word == "de" || word == "du" || word == "von" || word == "van" ||
                          word == "le" || word == "la" || word == "d'";
    if (!particle && !IsUpperStart(word)) return false;
    ++words;
    if (space == std::string_view::npos) break;
    rest.remove_prefix(space + 1);
  }
  return words >= 1 && words <= 5;
}

std::string_view TitleWithoutSiteSuffix(std::string_view title, std::string_view site_name,
                                        std::string_view host) {
  const std::string folded_site = FoldForCompare(site_name);
  // At most two suffixes: "Titre - Rubrique | Le Site" keeps the section.
  for (int round = 0; round < 2; ++round) {
    size_t cut = std::string_view::npos, skip = 0;
    for (std::string_view sep : {" | ", " - ", " – ", " — ", " · ", " • ", " :: "}) {
      const size_t at = title.rfind(sep);
      if (at != std::string_view::npos && (cut == std::string_view::npos || at > cut)) {
        cut = at;
        skip = sep.size();
      }
    }
    if (cut == std::string_view::npos || cut == 0) break;
    const std::string_view suffix = Trim(title.substr(cut + skip));
    const bool publisher = LooksLikePublisher(suffix, site_name, host) ||
                           (!folded_site.empty() && FoldForCompare(suffix) == folded_site);
    if (!publisher) break;
    title = Trim(title.substr(0, cut));
  }
  return title;
}

}  // namespace nc
