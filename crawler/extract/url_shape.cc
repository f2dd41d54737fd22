#include "crawler/extract/url_shape.h"

#include <algorithm>
#include <array>

#include "crawler/extract/path_date.h"
#include "crawler/extract/word_set.h"

namespace nc {
namespace {

using path_date::CompactOrDashedDateAt;
using path_date::IsDigit;
using path_date::PlausibleMonth;
using path_date::PlausibleYear;

bool IsSchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '+' || c == '-' ||
         c == '.';
}

constexpr std::string_view kArticleExtensions[] = {".html", ".htm",  ".shtml", ".php",
                                                   ".asp",  ".aspx", ".ece",   ".cms"};

// Calls f(segment) for each non-empty path segment.
template <class F>
void ForEachSegment(std::string_view path, F f) {
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    if (end > start) f(path.substr(start, end - start));
    start = end + 1;
  }
}

enum SegmentKind : uint32_t { kWord = 0, kSlug = 1, kNumber = 2, kWordWithId = 3 };

bool EqualsLower(std::string_view text, std::string_view lower_word) {
  return text.size() == lower_word.size() &&
         std::equal(text.begin(), text.end(), lower_word.begin(),
                    [](char c, char w) { return (c >= 'A' && c <= 'Z' ? c + 32 : c) == w; });
}

// What one pass over a path segment finds: counts over its stem (the
// segment up to its first '.') for KindOf and IsLongSlug, digit runs over
// the whole segment, and whether a word of it (between '-', '_' and '.')
// is "startseite" or "homepage".
struct StemCounts {
  size_t size = 0;
  size_t digits = 0;
  size_t hyphens = 0;
  size_t separators = 0;         // '-' and '_'
  size_t word_parts = 0;         // '-'-separated parts of 2+ characters, no digit
  size_t longest_digit_run = 0;  // over the whole segment
  bool date = false;             // YYYY-MM-DD or YYYYMMDD (a '/' ends both)
  bool front_word = false;
};

bool IsFrontWord(std::string_view word) {
  return (word.size() == 10 && EqualsLower(word, "startseite")) ||
         (word.size() == 8 && EqualsLower(word, "homepage"));
}

// Bytes that ScanSegment only counts: not a digit, '-', '_' or '.'. Most
// bytes of a path are letters, and a run of them is skipped in one tight
// loop (they end a digit run and lengthen the stem's current part).
struct PlainBytes {
  std::array<bool, 256> plain{};
  constexpr PlainBytes() {
    for (int c = 0; c < 256; ++c) {
      plain[c] = !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != '.';
    }
  }
};
constexpr PlainBytes kPlainBytes;

StemCounts ScanSegment(std::string_view segment) {
  StemCounts counts;
  size_t stem_end = segment.size();
  size_t part_size = 0;
  bool part_digit = false;
  size_t word_start = 0;
  size_t digit_run = 0;
  for (size_t i = 0; i < segment.size(); ++i) {
    if (kPlainBytes.plain[static_cast<unsigned char>(segment[i])]) {
      size_t end = i + 1;
      while (end < segment.size() && kPlainBytes.plain[static_cast<unsigned char>(segment[end])]) {
        ++end;
      }
      digit_run = 0;
      // stem_end only moves at a '.', never inside the run.
      if (i < stem_end) part_size += std::min(end, stem_end) - i;
      i = end - 1;
      continue;
    }
    const char c = segment[i];
    const bool digit = c >= '0' && c <= '9';
    digit_run = digit ? digit_run + 1 : 0;
    counts.longest_digit_run = std::max(counts.longest_digit_run, digit_run);
    if (digit_run == 4) counts.date = counts.date || CompactOrDashedDateAt(segment, i - 3);
    if (c == '-' || c == '_' || c == '.') {
      counts.front_word =
          counts.front_word || IsFrontWord(segment.substr(word_start, i - word_start));
      word_start = i + 1;
      if (c == '.' && stem_end == segment.size()) stem_end = i;
    }
    if (i >= stem_end) continue;
    if (c == '-') {
      ++counts.hyphens;
      ++counts.separators;
      counts.word_parts += part_size >= 2 && !part_digit;
      part_size = 0;
      part_digit = false;
      continue;
    }
    ++part_size;
    if (digit) {
      ++counts.digits;
      part_digit = true;
    } else if (c == '_') {
      ++counts.separators;
    }
  }
  counts.front_word = counts.front_word || IsFrontWord(segment.substr(word_start));
  counts.word_parts += part_size >= 2 && !part_digit;
  counts.size = stem_end;
  return counts;
}

SegmentKind KindOf(const StemCounts& stem) {
  if (stem.size > 0 && stem.digits == stem.size) return kNumber;
  if (stem.separators >= 3 && stem.size >= 16) return kSlug;
  // "c1d449gmex2o", "cx72dpxy25do", "story-e6frfkvr-1225817903440"; not
  // "paris-75", "top10", "!p4610".
  if (stem.digits >= 5 || (stem.digits >= 3 && stem.separators == 0 && stem.size >= 10)) {
    return kWordWithId;
  }
  return kWord;
}

bool HasArticleExtension(std::string_view segment) {
  const size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view ext = segment.substr(dot);
  for (std::string_view known : kArticleExtensions) {
    if (ext.size() == known.size() && std::equal(ext.begin(), ext.end(), known.begin(),
                                                 [](char a, char b) { return (a | 0x20) == b; })) {
      return true;
    }
  }
  return false;
}

// Words joined by hyphens ("la-grece-longtemps-montree-du-doigt"): at least
// four hyphens, 20 characters and three parts made of letters only, so that
// a UUID ("5ee91bd4-22a3-4490-b2be-5bcf10f38f53") is not taken for a title.
bool IsLongSlug(const StemCounts& stem) {
  return stem.size >= 20 && stem.hyphens >= 4 && stem.word_parts >= 3;
}

struct HrefParts {
  std::string_view authority;  // "host:port" of "//host:port", empty without one
  std::string_view rest;       // path, query and fragment
};

// The bytes that end an authority: one table load a byte, not three
// comparisons (every link's href is split, some twice).
struct AuthorityEnds {
  std::array<bool, 256> ends{};
  constexpr AuthorityEnds() { ends['/'] = ends['?'] = ends['#'] = true; }
};
constexpr AuthorityEnds kAuthorityEnds;

// `href` as written in a page, without its leading whitespace and scheme,
// split after its authority.
HrefParts SplitHref(std::string_view href) {
  while (!href.empty() && (href.front() == ' ' || href.front() == '\t' || href.front() == '\n' ||
                           href.front() == '\r' || href.front() == '\f')) {
    href.remove_prefix(1);
  }
  size_t i = 0;
  while (i < href.size() && IsSchemeChar(href[i])) ++i;
  if (i > 0 && i < href.size() && href[i] == ':') href.remove_prefix(i + 1);
  if (!href.starts_with("//")) return {{}, href};
  size_t end = 2;
  while (end < href.size() && !kAuthorityEnds.ends[static_cast<unsigned char>(href[end])]) ++end;
  return {href.substr(2, end - 2), href.substr(end)};
}

// The path of the part of an href after its authority.
std::string_view PathOf(std::string_view rest) {
  return rest.substr(0, std::min(rest.find('?'), rest.find('#')));
}

}  // namespace

std::string_view HrefPath(std::string_view href) { return PathOf(SplitHref(href).rest); }

std::string_view HrefAuthority(std::string_view href) { return SplitHref(href).authority; }

namespace {

// Leading path segments that say nothing of a section: a site-wide prefix
// ("/sito/", "/edition/", "/news/", "/article/"), a language, or a number
// (Metro's "/2024/11/18/slug": every story of the year shares "2024").
constexpr std::string_view kSectionlessSegments[] = {
    "article", "articles",   "story",     "stories", "news", "nachrichten", "noticias",
    "notizie", "actualites", "actualite", "edition", "sito", "www",         "amp",
    "fr",      "en",         "de",        "es",      "it",   "uk",          "us"};

bool IsSectionless(std::string_view segment) {
  if (std::all_of(segment.begin(), segment.end(), [](char c) { return IsDigit(c); })) return true;
  for (std::string_view word : kSectionlessSegments) {
    if (EqualsLower(segment, word)) return true;
  }
  return false;
}

}  // namespace

std::string_view SectionOf(std::string_view href) {
  const std::string_view path = HrefPath(href);
  std::string_view section;
  bool last_is_section = false;
  ForEachSegment(path, [&](std::string_view segment) {
    if (section.empty() && !IsSectionless(segment)) {
      section = segment;
      last_is_section = true;
    } else {
      last_is_section = false;
    }
  });
  // The last segment names the page itself, not its section.
  return last_is_section ? std::string_view() : section;
}

namespace {

// Whole path segments that name a service or a legal page, never a news
// section.
constexpr std::string_view kServicePathWords[] = {
    "shop", "boutique", "store", "tienda", "negozio", "shopping", "deals", "bons-plans",
    "gutschein", "gutscheine", "codespromo", "codes-promo", "code-promo", "descuentos", "cupones",
    "coupons", "sconti", "kaufberater", "jobs", "stellenmarkt",
    // offer listings: job offers ("/emploi/offres/1008150/directeur-x/"), deals
    "offres", "offers", "ofertas", "offerte", "angebote", "stellenangebote",
    // games, horoscopes, newsletters, subscriptions, sponsored content, downloads
    "jeux", "games", "spiele", "giochi", "juegos", "quiz", "raetsel", "horoskop", "horoscope",
    "horoscopes", "horoscopo", "oroscopo", "newsletter", "newsletters", "sponsored", "anzeige",
    "advertorial", "publireportage", "abonnement", "abo", "subscribe", "subscription", "download",
    "downloads", "telechargement", "preisvergleich", "comparateur", "escaparate",
    // buying guides: product reviews on article templates
    "guides-d-achat", "guide-d-achat", "guides-achat", "buying-guide", "buying-guides",
    "kaufberatung", "guias-de-compra", "guia-de-compras", "guide-acquisto", "guide-all-acquisto",
    // press releases: companies' texts on the site's article templates
    "pressrelease", "press-release", "press-releases", "pressemitteilungen", "comunicati-stampa",
    "communiques-de-presse",
    // legal pages
    "impressum", "mentions-legales", "aviso-legal", "note-legali", "datenschutz", "cgu", "cgv"};
// Subdomain labels of the same kinds, plus the ones a news section never
// uses as a host: classifieds, property, courses and workshops.
constexpr std::string_view kServiceHostWords[] = {
    "shop",       "boutique",  "store",           "tienda",
    "shopping",   "deals",     "gutscheine",      "codespromo",
    "descuentos", "cupones",   "acquisti",        "sconti",
    "jobs",       "emploi",    "stellenmarkt",    "immobilier",
    "immo",       "annonces",  "kleinanzeigen",   "jeux",
    "games",      "spiele",    "giochi",          "juegos",
    "quiz",       "horoskop",  "horoscope",       "oroscopo",
    "newsletter", "abo",       "abonnement",      "ateliers",
    "formation",  "cours",     "kurse",           "corsi",
    "cursos",     "academy",   "preisvergleich",  "comparateur",
    "download",   "downloads", "immobilienmarkt", "kaufradar",
    "escaparate"};

}  // namespace

namespace {

const WordSet kServicePathWordSet(kServicePathWords);
const WordSet kServiceHostWordSet(kServiceHostWords);

// The labels of `host` (an href's authority, userinfo and port included)
// before the last two name a service of the site; the last two are the site
// itself ("boutique.lemonde.fr", not "shop.com").
bool IsServiceAuthority(std::string_view host) {
  host = host.substr(host.rfind('@') == std::string_view::npos ? 0 : host.rfind('@') + 1);
  host = host.substr(0, host.find(':'));
  size_t labels_end = host.rfind('.');
  labels_end = labels_end == std::string_view::npos ? 0 : host.rfind('.', labels_end - 1);
  if (labels_end != std::string_view::npos && labels_end > 0) {
    std::string_view labels = host.substr(0, labels_end);
    while (!labels.empty()) {
      const size_t dot = labels.find('.');
      if (kServiceHostWordSet.Contains(labels.substr(0, dot))) return true;
      if (dot == std::string_view::npos) break;
      labels.remove_prefix(dot + 1);
    }
  }
  return false;
}

// A home or front page segment: "home" alone or before an id
// ("home-45315290.bild.html"; "smart-home-geraete" is a story), or a word
// "startseite" or "homepage" between '-', '_' and '.' (ScanSegment).
bool IsFrontPageSegment(std::string_view segment, const StemCounts& counts) {
  return counts.front_word ||
         (segment.size() > 5 && EqualsLower(segment.substr(0, 4), "home") &&
          (segment[4] == '-' || segment[4] == '_') && segment[5] >= '0' && segment[5] <= '9');
}

bool IsHrefSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

// One pass over the path's segments serves the shape, the template and the
// service and front-page words: the link classifier asks all of them of
// every link of a page.
HrefFacts AnalyzeHref(std::string_view href) {
  using namespace url_shape;  // NOLINT: short flag names
  HrefFacts facts;
  std::string_view trimmed = href;
  while (!trimmed.empty() && IsHrefSpace(trimmed.front())) trimmed.remove_prefix(1);
  if (trimmed.starts_with('#')) {  // no path, no host: nothing else to say
    facts.shape = kFragmentOnly;
    return facts;
  }
  const HrefParts parts = SplitHref(href);  // once, for the path and the host
  const std::string_view path = PathOf(parts.rest);
  uint8_t shape = 0;
  size_t longest_digit_run = 0;  // digit runs never cross a '/'
  std::string_view previous;
  uint32_t segments = 0;
  uint32_t kinds = 0;
  bool only_words = true;
  bool three_words_first = false;
  std::string_view last;
  bool bare_home = false;  // a "home" segment with no story slug after it
  ForEachSegment(path, [&](std::string_view segment) {
    const StemCounts stem = ScanSegment(segment);
    if (segments == 0) three_words_first = stem.separators >= 2 && stem.size >= 16;
    longest_digit_run = std::max(longest_digit_run, stem.longest_digit_run);
    if (stem.date) shape |= kDate;
    const SegmentKind kind = KindOf(stem);
    if (segments < 8) kinds |= static_cast<uint32_t>(kind) << (2 * segments);
    ++segments;
    last = segment;
    if (PlausibleYear(previous) && PlausibleMonth(segment)) shape |= kDate;  // /YYYY/MM/
    previous = segment;
    if (IsLongSlug(stem)) shape |= kLongSlug;
    if (kind != kWord || segment.size() > 24) only_words = false;
    facts.service = facts.service || kServicePathWordSet.Contains(segment);
    facts.front_page = facts.front_page || IsFrontPageSegment(segment, stem);
    // "home" as a folder names the front page unless a story's id folder
    // follows it ("/news/home/1265403/coronavirus-puglia-contagi.html": a
    // story filed under the home page; "/home/hot-on-bild/..." stays a front).
    if (EqualsLower(segment, "home")) {
      bare_home = true;
    } else if (stem.longest_digit_run >= 6 && stem.longest_digit_run == segment.size()) {
      bare_home = false;
    }
  });
  facts.front_page = facts.front_page || bare_home;
  if (longest_digit_run >= 6) shape |= kNumericId;
  const bool extension = !last.empty() && HasArticleExtension(last);
  if (extension) {
    const std::string_view stem = last.substr(0, last.rfind('.'));
    // "lewentz-ruecktritt-105.html", "0,,26574740-5017790,00.html"; not
    // "ibex35_I.IB.html" or "loteria-navidad.html".
    const auto digits = std::count_if(stem.begin(), stem.end(), [](char c) { return IsDigit(c); });
    if ((digits > 0 && stem.find_first_of("-,") != std::string_view::npos) || digits >= 4 ||
        std::count(stem.begin(), stem.end(), '-') >= 3) {
      shape |= kArticleExt;
    }
    only_words = false;
  }
  if (segments <= 2 && only_words) shape |= kShallow;
  if (segments == 1 && path.ends_with('/') && longest_digit_run == 0) shape |= kTopicLike;
  facts.shape = shape;
  facts.lone_title_segment = segments == 1 && three_words_first && kinds == 0 && !extension;
  facts.path_template =
      (std::min<uint32_t>(segments, 15) << 17) | (uint32_t{extension} << 16) | kinds;
  facts.service = facts.service || IsServiceAuthority(parts.authority);
  return facts;
}

// Asked alone of every headline and related link (link_href_roles.h): no
// shape is computed for it.
bool IsServiceHref(std::string_view href) {
  if (IsServiceAuthority(HrefAuthority(href))) return true;
  bool service = false;
  ForEachSegment(HrefPath(href), [&](std::string_view segment) {
    service = service || kServicePathWordSet.Contains(segment);
  });
  return service;
}

bool IsPastedUrlHref(std::string_view href) {
  // Only the first non-empty segment can be a pasted scheme.
  std::string_view path = HrefPath(href);
  while (path.starts_with('/')) path.remove_prefix(1);
  const std::string_view first = path.substr(0, path.find('/'));
  return EqualsLower(first, "http:") || EqualsLower(first, "https:");
}

bool IsFrontPageHref(std::string_view href) { return AnalyzeHref(href).front_page; }

uint8_t UrlShapeOf(std::string_view href) { return AnalyzeHref(href).shape; }

uint32_t PathTemplate(std::string_view href) { return AnalyzeHref(href).path_template; }

namespace {
// Templates made of words only (no slug, number, id or extension) are
// section and service paths ("/economia/vivienda.html"), whatever their
// anchors say.
bool WordsOnly(uint32_t path_template) { return (path_template & 0xffff) == 0; }
}  // namespace

void ArticleShapeLearner::ObserveTemplate(uint32_t path_template, bool headline_text) {
  if (!headline_text) return;
  if (WordsOnly(path_template)) return;
  const size_t home = (path_template * 2654435761u) % kSlots;
  for (size_t probe = 0; probe < kSlots; ++probe) {
    Slot& slot = slots_[(home + probe) % kSlots];
    if (slot.count == 0) slot.path_template = path_template;
    if (slot.path_template == path_template) {
      ++slot.count;
      return;
    }
  }  // full table: the page has more shapes than a site uses for articles
}

bool ArticleShapeLearner::IsArticleTemplate(uint32_t path_template) const {
  if (WordsOnly(path_template)) return false;
  const size_t home = (path_template * 2654435761u) % kSlots;
  for (size_t probe = 0; probe < kSlots; ++probe) {
    const Slot& slot = slots_[(home + probe) % kSlots];
    if (slot.count == 0) return false;
    if (slot.path_template == path_template) return slot.count >= kMinEvidence;
  }
  return false;
}

size_t ArticleShapeLearner::learned_templates() const {
  return std::count_if(slots_.begin(), slots_.end(),
                       [](const Slot& s) { return s.count >= kMinEvidence; });
}

}  // namespace nc
