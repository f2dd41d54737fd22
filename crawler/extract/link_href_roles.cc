#include "crawler/extract/link_href_roles.h"

#include "crawler/extract/url_shape.h"
#include "crawler/extract/word_set.h"

namespace nc {
namespace {

// First path segments (any position) of tag and topic pages, fr/en/de/es/it.
constexpr std::string_view kTagSegments[] = {
    "tag",       "tags",      "topic",      "topics",      "thema",     "themen",
    "sujet",     "sujets",    "etiqueta",   "etiquetas",   "tema",      "temas",
    "argomenti", "argomento", "schlagwort", "schlagworte", "stichwort", "stichworte",
    "keyword",   "keywords",  "mot-cle",    "mots-cles",   "tagged"};

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

const WordSet kTagSegmentSet(kTagSegments);

bool IsTagSegment(std::string_view segment) { return kTagSegmentSet.Contains(segment); }

bool IsSchemeChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '+' ||
         c == '-' || c == '.';
}

// One pass over the href: it runs for every headline and related link.
bool IsTagPath(std::string_view href) {
  size_t i = 0;
  while (i < href.size() && IsSchemeChar(href[i])) ++i;
  i = (i > 0 && href.substr(i).starts_with("://")) ? i + 1 : 0;
  if (href.substr(i).starts_with("//")) {  // skip the authority
    i += 2;
    while (i < href.size() && href[i] != '/' && href[i] != '?' && href[i] != '#') ++i;
  }
  size_t segment_start = i;
  for (; i < href.size(); ++i) {
    const char c = href[i];
    if (c == '?' || c == '#') return false;
    if (c != '/') continue;
    // A tag segment counts when a non-empty segment (the tag) follows it.
    if (i + 1 < href.size() && href[i + 1] != '/' && href[i + 1] != '?' && href[i + 1] != '#' &&
        IsTagSegment(href.substr(segment_start, i - segment_start))) {
      return true;
    }
    segment_start = i + 1;
  }
  return false;
}

// A dossier front: "/dossiers/slug/", a dossier word then the dossier's own
// name and nothing else (fr/de/it "dossier", "dossiers"). The page lists
// a series' stories; its slug reads like a headline. A story filed in a
// dossier has a further segment ("/dossiers/x/aktuelles-briefing"), or an
// id, a date or an article extension.
bool IsDossierFront(std::string_view href) {
  std::string_view path = HrefPath(href);
  while (path.starts_with('/')) path.remove_prefix(1);
  while (path.ends_with('/')) path.remove_suffix(1);
  const size_t slash = path.find('/');
  if (slash == std::string_view::npos || slash + 1 >= path.size()) return false;
  if (path.find('/', slash + 1) != std::string_view::npos) return false;
  const std::string_view first = path.substr(0, slash);
  if (first != "dossier" && first != "dossiers") return false;
  // "/dossier/la-grande-enquete-1265403.html" is a story of the dossier.
  using namespace url_shape;  // NOLINT: short flag names
  return (UrlShapeOf(href) & (kDate | kNumericId | kArticleExt)) == 0;
}

}  // namespace

namespace {

// `service(href)`: IsServiceHref, or what the caller already knows of it.
template <class Service>
LinkRole RoleForHrefWith(LinkRole role, std::string_view href, Service service) {
  if (role != LinkRole::kHeadline && role != LinkRole::kRelated) return role;
  while (!href.empty() && IsAsciiSpace(href.front())) href.remove_prefix(1);
  if (href.starts_with('#')) return LinkRole::kOther;
  if (IsTagPath(href)) return LinkRole::kNav;
  if (IsDossierFront(href)) return LinkRole::kNav;
  if (service(href)) return LinkRole::kOther;
  if (IsPastedUrlHref(href)) return LinkRole::kOther;
  return role;
}

}  // namespace

LinkRole RoleForHref(LinkRole role, std::string_view href) {
  return RoleForHrefWith(role, href, [](std::string_view h) { return IsServiceHref(h); });
}

LinkRole RoleForHref(LinkRole role, std::string_view href, bool service) {
  return RoleForHrefWith(role, href, [service](std::string_view) { return service; });
}

}  // namespace nc
