#include "crawler/extract/link_roles.h"

#include <algorithm>
#include <iterator>
#include <span>

#include "common/ascii.h"
#include "crawler/extract/site_list_headings.h"
#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

using ascii::EqualsIgnoreCase;
using namespace link_feature;  // NOLINT: short flag names

uint32_t NameHash(std::string_view name) {  // FNV-1a
  uint32_t h = 2166136261u;
  for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  return h;
}

const uint32_t kHashP = NameHash("p");

bool Contains(std::string_view s, std::string_view p) {
  return s.find(p) != std::string_view::npos;
}

uint16_t WordFeatures(std::string_view w) {
  uint16_t f = 0;
  if (w.starts_with("nav") || w.ends_with("nav") || Contains(w, "navigation") ||
      w.starts_with("menu") || w.ends_with("menu") || Contains(w, "breadcrumb") || w == "ariane" ||
      w.starts_with("pagin") || w == "pager") {
    f |= kNav;
  }
  if (Contains(w, "footer") || w.starts_with("pied") || w.starts_with("share") || w == "sharing" ||
      w.starts_with("social") || w == "sociaux" || w.starts_with("partag")) {
    f |= kFooter;
  }
  if (w == "une" || w == "alaune" || Contains(w, "headline") || Contains(w, "list") ||
      Contains(w, "teaser") || Contains(w, "story") || Contains(w, "stories") ||
      w.starts_with("card") || w.ends_with("card") || w.ends_with("item") || w.ends_with("items") ||
      w == "news" || w.starts_with("actu") || w == "post" || w == "posts" ||
      Contains(w, "article") || w == "entry" || w == "entries" || w == "feed") {
    f |= kLinkBlock;
  }
  if (Contains(w, "title") || Contains(w, "titre")) f |= kTitle;
  if (w == "lies" || w == "connexes" || w == "lireaussi" || w == "alire" || w == "memesujet" ||
      w == "readmore" || w == "morestories" || w == "seealso" || w == "voiraussi" ||
      Contains(w, "related") || w.starts_with("recommend") || w.starts_with("relacionad") ||
      w.starts_with("recomendad") || w.starts_with("correlat") || w.starts_with("consigliat") ||
      w.starts_with("empfehlung") || w == "youmightalsolike" || w == "youmayalsolike") {
    f |= kRelated;
  }
  return f;
}

// Phrases spread over several words of a class name ("lire-aussi").
constexpr std::string_view kRelatedClassPhrases[] = {
    "lire aussi",     "a lire",         "meme sujet",     "same topic",     "read more",
    "more stories",   "see also",       "voir aussi",     "read also",      "also read",
    "lire egalement", "a decouvrir",    "might also like", "may also like", "mehr zum thema",
    "leggi anche",    "te puede interesar"};

uint16_t FoldedWordsFeatures(std::string_view value, std::string& folded) {
  FoldForMatch(value, folded);
  uint16_t f = 0;
  size_t i = 0;
  while (i < folded.size()) {
    size_t j = folded.find(' ', i);
    if (j == std::string::npos) j = folded.size();
    f |= WordFeatures(std::string_view(folded).substr(i, j - i));
    i = j + 1;
  }
  return f;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view lower_prefix) {
  return s.size() >= lower_prefix.size() && EqualsIgnoreCase(s.substr(0, lower_prefix.size()),
                                                             lower_prefix);
}

// Features of one class token ("main--with-contextual-nav"), weighed so
// that a token naming something else cannot make a whole container nav or
// footer (issue 10: Le Monde's <main class="main main--with-contextual-nav">
// and El Mundo's <main class="main section js_navContinua"> made every link
// of the page nav):
//  - a BEM modifier (after "--") says what variant the block is, not what
//    it is: only the block part before it may say nav or footer;
//  - state classes ("is-", "has-", "with-", "no-") describe the page or the
//    element's state ("has-footer"): never nav or footer;
//  - script hooks ("js-", "js_") name a behaviour ("navContinua" loads the
//    next article on scroll): never nav.
uint16_t TokenFeatures(std::string_view token, std::string& folded) {
  const uint16_t all = FoldedWordsFeatures(token, folded);
  if (!(all & (kNav | kFooter))) return all;
  uint16_t structural = all & (kNav | kFooter);
  if (const size_t modifier = token.find("--"); modifier != std::string_view::npos) {
    structural &= FoldedWordsFeatures(token.substr(0, modifier), folded);
  }
  for (std::string_view state : {"is-", "is_", "has-", "has_", "with-", "with_", "no-", "no_"}) {
    if (StartsWithIgnoreCase(token, state)) structural = 0;
  }
  if (StartsWithIgnoreCase(token, "js-") || StartsWithIgnoreCase(token, "js_")) {
    structural &= static_cast<uint16_t>(~kNav);
  }
  return static_cast<uint16_t>((all & ~(kNav | kFooter)) | structural);
}

bool IsClassSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

uint16_t AttributeFeatures(std::string_view value, std::string& folded) {
  uint16_t f = 0;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && IsClassSpace(value[i])) ++i;
    size_t j = i;
    while (j < value.size() && !IsClassSpace(value[j])) ++j;
    if (j > i) f |= TokenFeatures(value.substr(i, j - i), folded);
    i = j;
  }
  FoldForMatch(value, folded);
  if (!(f & kRelated)) {
    for (std::string_view phrase : kRelatedClassPhrases) {
      if (ContainsPhrase(folded, phrase)) {
        f |= kRelated;
        break;
      }
    }
  }
  return f;
}

// Folded heading texts that introduce related headlines.
constexpr std::string_view kRelatedHeadings[] = {
    // fr
    "articles lies", "lire aussi", "a lire aussi", "a lire egalement", "lire egalement",
    "sur le meme sujet", "sur le meme theme", "dans la meme rubrique", "a voir aussi",
    "voir aussi", "articles connexes", "la redaction vous conseille", "a decouvrir egalement",
    "a decouvrir aussi", "a decouvrir", "vous aimerez aussi", "vous aimerez peut etre aussi",
    "vous pourriez aimer", "pour aller plus loin", "vous recommande", "nous vous recommandons",
    // en
    "related", "read more", "more on this", "see also", "more stories", "you may also like",
    "you might also like", "also read", "read also", "recommended", "further reading",
    "read next", "recommended for you",
    // de
    "mehr zum thema", "das konnte sie auch interessieren", "das konnte dich auch interessieren",
    "das konnte sie interessieren", "auch interessant", "lesen sie auch", "lesen sie mehr",
    "weitere artikel", "verwandte artikel", "ahnliche artikel", "mehr dazu",
    // es
    "mas informacion", "te puede interesar", "tambien te puede interesar", "le puede interesar",
    "noticias relacionadas", "articulos relacionados", "contenido relacionado", "lee tambien",
    "lea tambien", "ver tambien", "te recomendamos",
    // it
    "leggi anche", "potrebbe interessarti", "ti potrebbe interessare", "articoli correlati",
    "correlati", "vedi anche", "raccomandati per te", "consigliati per te", "ti consigliamo"};

// Whole short headings that name a partner or commercial section (folded:
// lower case, no accents or punctuation).
constexpr std::string_view kCommercialHeadings[] = {
    // fr
    "contenus partenaires", "contenu partenaire", "contenus sponsorises", "contenu sponsorise",
    "service partenaire", "services partenaires", "nos partenaires", "partenaires",
    "en partenariat avec", "publi redactionnel", "publireportage", "bons plans", "codes promo",
    "petites annonces", "annonces", "shopping", "jeux", "nos jeux", "offres", "nos offres",
    // en
    "sponsored", "sponsored content", "sponsored stories", "partner content", "from our partners",
    "paid content", "paid post", "promoted", "promoted stories", "advertisement", "deals",
    "games", "classifieds", "offers",
    // de
    "anzeige", "anzeigen", "verlagsangebot", "verlagsangebote", "werbung", "partnerangebote",
    "partnerinhalte", "in kooperation mit", "gutscheine", "spiele", "angebote", "shopping",
    // es
    "publicidad", "contenido patrocinado", "patrocinado", "contenido de marca", "ofertas",
    "juegos", "anuncios", "cupones", "descuentos",
    // it
    "contenuto sponsorizzato", "contenuti sponsorizzati", "sponsorizzato", "pubblicita",
    "in collaborazione con", "offerte", "giochi", "annunci", "sconti"};

// Prefixes of an anchor text that mark a paid teaser (folded).
constexpr std::string_view kSponsorMarkers[] = {
    "concu et propose par", "propose par", "service partenaire", "contenu partenaire",
    "contenu sponsorise", "en partenariat avec", "publi redactionnel", "sponsored",
    "paid content", "paid post", "partner content", "advertisement", "anzeige",
    "verlagsangebot", "in kooperation mit", "publicidad", "contenido patrocinado",
    "patrocinado por", "contenuto sponsorizzato", "in collaborazione con", "pubblicita"};

bool StartsWithPhrase(std::string_view folded, std::string_view phrase) {
  return folded.starts_with(phrase) &&
         (folded.size() == phrase.size() || folded[phrase.size()] == ' ');
}

// One word ("Jeux", "Anzeige") must be the whole heading: "Jeux olympiques"
// is a story's. A phrase of several words may open a longer heading, which
// often carries its own disclaimer ("Contenus partenaires Contenus réalisés
// par la régie...").
bool IsCommercialHeadingFolded(std::string_view folded) {
  if (folded.empty()) return false;
  return std::any_of(std::begin(kCommercialHeadings), std::end(kCommercialHeadings),
                     [&](std::string_view phrase) {
                       return folded == phrase || (phrase.find(' ') != std::string_view::npos &&
                                                   StartsWithPhrase(folded, phrase));
                     });
}

bool IsHeadingTag(HtmlTag tag, int max_rank) {
  switch (tag) {
    case HtmlTag::kH1:
      return max_rank >= 1;
    case HtmlTag::kH2:
      return max_rank >= 2;
    case HtmlTag::kH3:
      return max_rank >= 3;
    case HtmlTag::kH4:
      return max_rank >= 4;
    case HtmlTag::kH5:
      return max_rank >= 5;
    case HtmlTag::kH6:
      return max_rank >= 6;
    default:
      return false;
  }
}

// Blocks, and custom elements ("<gdwc-recommendations>"), which are
// containers whatever their name.
bool CanHoldRelatedClass(HtmlTag tag, std::string_view name) {
  return tag == HtmlTag::kSection || tag == HtmlTag::kAside || tag == HtmlTag::kDiv ||
         tag == HtmlTag::kUl || tag == HtmlTag::kOl || tag == HtmlTag::kDl ||
         (tag == HtmlTag::kOther && name.find('-') != std::string_view::npos);
}

// A list of phrases indexed by their first letter: every heading of a page
// is checked against some seventy phrases, at each of its first words.
class PhraseIndex {
 public:
  template <size_t N>
  explicit PhraseIndex(const std::string_view (&phrases)[N]) {
    for (std::string_view p : phrases) {
      const auto c = static_cast<unsigned char>(p[0]);
      if (c >= 'a' && c <= 'z') letter_[c - 'a'] |= 1u;
    }
    phrases_ = std::span<const std::string_view>(phrases, N);
  }
  // True when a phrase starts at `at` in `folded` and ends at a word boundary.
  bool MatchAt(std::string_view folded, size_t at) const {
    const auto c = static_cast<unsigned char>(folded[at]);
    if (c < 'a' || c > 'z' || !letter_[c - 'a']) return false;
    const std::string_view rest = folded.substr(at);
    for (std::string_view phrase : phrases_) {
      if (phrase[0] == rest[0] && rest.starts_with(phrase) &&
          (rest.size() == phrase.size() || rest[phrase.size()] == ' ')) {
        return true;
      }
    }
    return false;
  }

 private:
  std::span<const std::string_view> phrases_;
  uint8_t letter_[26] = {};
};

const PhraseIndex kRelatedHeadingIndex(kRelatedHeadings);

// Starts with a related phrase, or (at most five words) contains one.
bool IsRelatedHeadingFolded(std::string_view folded) {
  if (folded.empty()) return false;
  const size_t words = std::count(folded.begin(), folded.end(), ' ') + 1;
  size_t at = 0;
  while (true) {
    if (kRelatedHeadingIndex.MatchAt(folded, at)) return true;
    if (words > 5) return false;
    at = folded.find(' ', at);
    if (at == std::string_view::npos) return false;
    ++at;
  }
}

uint64_t Hash64(std::string_view s) {  // FNV-1a, 64-bit
  uint64_t h = 14695981039346656037ull;
  for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

}  // namespace

uint16_t ClassFeatures(const HtmlToken& tag, std::string& folded) {
  uint16_t f = 0;
  for (const HtmlAttribute& a : tag.attributes) {
    if (a.name == "class" || a.name == "id") {
      f |= AttributeFeatures(a.value, folded);
    } else if (a.name == "role") {
      if (ascii::EqualsIgnoreCase(a.value, "navigation")) f |= kNav;
      if (ascii::EqualsIgnoreCase(a.value, "contentinfo")) f |= kFooter;
    }
  }
  return f;
}

bool IsRelatedHeading(std::string_view heading_text) {
  std::string folded;
  FoldForMatch(heading_text, folded);
  return IsRelatedHeadingFolded(folded);
}

bool IsCommercialHeading(std::string_view heading_text) {
  std::string folded;
  FoldForMatch(heading_text, folded);
  return IsCommercialHeadingFolded(folded);
}

bool HasSponsorMarker(std::string_view anchor_text) {
  // Called for every followed link: most titles open with a letter no marker
  // starts with, and those are not folded at all.
  if (anchor_text.empty()) return false;
  const char first = static_cast<char>(anchor_text[0] | 0x20);
  if (std::string_view("cpseavi").find(first) == std::string_view::npos) return false;
  // Only the first words matter: fold no more than a marker's length.
  thread_local std::string folded;
  FoldForMatch(anchor_text.substr(0, 48), folded);
  return std::any_of(std::begin(kSponsorMarkers), std::end(kSponsorMarkers),
                     [&](std::string_view marker) { return StartsWithPhrase(folded, marker); });
}

bool IsHeadlineText(std::string_view anchor_text) {
  if (anchor_text.empty()) return false;
  const size_t words = std::count(anchor_text.begin(), anchor_text.end(), ' ') + 1;
  return words >= 3 || Utf8Length(anchor_text) >= 20;
}

LinkRole ClassifyLink(const LinkContext& c, std::string_view anchor_text, bool contains_heading) {
  if (c.footer) return LinkRole::kFooter;
  if (c.nav) return LinkRole::kNav;
  if (c.related) return LinkRole::kRelated;
  if (c.heading || contains_heading) {
    // A block heading whose link reads like a section name ("Football",
    // "Monde", "World news") leads to a section page, not an article.
    return IsHeadlineText(anchor_text) ? LinkRole::kHeadline : LinkRole::kNav;
  }
  if (c.paragraph && !c.list_item) return LinkRole::kOther;
  if ((c.list || c.link_block) && IsHeadlineText(anchor_text)) return LinkRole::kHeadline;
  return LinkRole::kOther;
}

// Inline read-also pointers before a link. Narrower than the headings:
// "Read more: <a>Middle East coverage</a>" leads to a section page as often
// as to an article, while "Lire aussi" always points to an article.
constexpr std::string_view kRelatedPrefixes[] = {
    "a lire aussi", "lire aussi", "a lire egalement", "lire egalement", "voir aussi",
    "a voir aussi", "a decouvrir", "sur le meme sujet", "read also", "also read", "see also",
    "related", "more on this", "mehr zum thema", "lesen sie auch", "leggi anche", "vedi anche",
    "lee tambien", "lea tambien", "ver tambien", "te puede interesar"};

bool IsRelatedPrefix(std::string_view text, std::string& folded) {
  FoldForMatch(text, folded);
  if (folded.empty() || std::count(folded.begin(), folded.end(), ' ') >= 6) return false;
  for (std::string_view phrase : kRelatedPrefixes) {
    if (folded.starts_with(phrase) &&
        (folded.size() == phrase.size() || folded[phrase.size()] == ' ')) {
      return true;
    }
  }
  return false;
}

namespace {

// First path segments (any position) of tag and topic pages, fr/en/de/es/it.
constexpr std::string_view kTagSegments[] = {
    "tag",        "tags",      "topic",      "topics",    "thema",      "themen",
    "sujet",      "sujets",    "etiqueta",   "etiquetas", "tema",       "temas",
    "argomenti",  "argomento", "schlagwort", "schlagworte", "stichwort", "stichworte",
    "keyword",    "keywords",  "mot-cle",    "mots-cles", "tagged"};

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; }

bool IsTagSegment(std::string_view segment) {
  if (segment.size() < 3 || segment.size() > 11) return false;
  for (std::string_view tag : kTagSegments) {
    if (EqualsIgnoreCase(segment, tag)) return true;
  }
  return false;
}

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

}  // namespace

LinkRole RoleForHref(LinkRole role, std::string_view href) {
  if (role != LinkRole::kHeadline && role != LinkRole::kRelated) return role;
  while (!href.empty() && IsAsciiSpace(href.front())) href.remove_prefix(1);
  if (href.starts_with('#')) return LinkRole::kOther;
  if (IsTagPath(href)) return LinkRole::kNav;
  if (IsServiceHref(href)) return LinkRole::kOther;
  return role;
}

// ---- tracker ----

constexpr size_t kMaxHeadingBytes = 160;

LinkRoleTracker::LinkRoleTracker() : cache_(kCacheSlots), capture_(kMaxHeadingBytes) {
  stack_.reserve(64);
}

uint16_t LinkRoleTracker::CachedAttributeFeatures(std::string_view value) {
  const uint64_t hash = Hash64(value);
  CachedFeatures& slot = cache_[hash % kCacheSlots];
  if (!slot.used || slot.hash != hash) {
    slot = {hash, AttributeFeatures(value, folded_), true};
  }
  return slot.features;
}

void LinkRoleTracker::OnStartTag(const HtmlToken& token, const HtmlTagInfo& info) {
  CloseImplied(info);
  if (info.Has(html_trait::kNotTracked) || info.Has(html_trait::kVoid)) return;
  Element e{};
  e.name_hash = NameHash(token.name);
  e.tag = info.tag;
  e.traits = info.traits;
  for (const HtmlAttribute& a : token.attributes) {
    if (a.name == "class" || a.name == "id") {
      e.features |= CachedAttributeFeatures(a.value);
      if (a.name == "class") e.class_hash = static_cast<uint32_t>(Hash64(a.value));
    } else if (a.name == "role") {
      if (ascii::EqualsIgnoreCase(a.value, "navigation")) e.features |= kNav | kNavRole;
      if (ascii::EqualsIgnoreCase(a.value, "contentinfo")) e.features |= kFooter;
    }
  }
  if (!CanHoldRelatedClass(e.tag, token.name)) e.features &= static_cast<uint16_t>(~kRelated);
  // <main> holds the page's content and <article> a story, whatever their
  // classes say ("main--with-contextual-nav"); a real <nav> inside still counts.
  if (e.tag == HtmlTag::kMain) e.features &= static_cast<uint16_t>(~(kNav | kFooter));
  if (e.tag == HtmlTag::kArticle) e.features &= static_cast<uint16_t>(~kNav);
  e.heading_rank = info.heading_rank ? info.heading_rank : (e.features & kTitle) ? 3 : 0;
  Push(e);
}

void LinkRoleTracker::Push(const Element& element) {
  if (stack_.size() >= kMaxDepth) {
    ++skipped_pushes_;
    return;
  }
  if (!stack_.empty() && stack_.back().children < UINT16_MAX) ++stack_.back().children;
  stack_.push_back(element);
  if (element.heading_rank && capture_owner_ == kNone) {
    capture_owner_ = stack_.size() - 1;
    capture_.Clear();
    capture_has_link_ = false;
  }
}

void LinkRoleTracker::CloseImplied(const HtmlTagInfo& info) {
  if (info.Has(html_trait::kClosesP)) {
    if (size_t p = FindOpen(kHashP, html_trait::kScopeBoundary | html_trait::kButtonScope);
        p != kNone) {
      PopTo(p);
    }
  }
  auto close_nearest = [this](auto matches, auto stops) {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (matches(stack_[i].tag)) {
        PopTo(i);
        return;
      }
      if (stops(stack_[i])) return;
    }
  };
  // "Special" elements other than div and p end the search for an open <li>.
  auto stops_list_item = [](const Element& e) {
    return (e.traits & html_trait::kSpecial) && e.tag != HtmlTag::kDiv && e.tag != HtmlTag::kP;
  };
  switch (info.tag) {
    case HtmlTag::kLi:
      close_nearest([](HtmlTag t) { return t == HtmlTag::kLi; }, stops_list_item);
      break;
    case HtmlTag::kDd:
    case HtmlTag::kDt:
      close_nearest([](HtmlTag t) { return t == HtmlTag::kDd || t == HtmlTag::kDt; },
                    stops_list_item);
      break;
    case HtmlTag::kTd:
    case HtmlTag::kTh:
      close_nearest(
          [](HtmlTag t) { return t == HtmlTag::kTd || t == HtmlTag::kTh; },
          [](const Element& e) { return e.tag == HtmlTag::kTr || e.tag == HtmlTag::kTable; });
      break;
    case HtmlTag::kTr:
      close_nearest([](HtmlTag t) { return t == HtmlTag::kTr; },
                    [](const Element& e) {
                      return e.tag == HtmlTag::kTable || e.tag == HtmlTag::kTbody ||
                             e.tag == HtmlTag::kThead || e.tag == HtmlTag::kTfoot;
                    });
      break;
    case HtmlTag::kTbody:
    case HtmlTag::kThead:
    case HtmlTag::kTfoot:
      close_nearest(
          [](HtmlTag t) {
            return t == HtmlTag::kTbody || t == HtmlTag::kThead || t == HtmlTag::kTfoot;
          },
          [](const Element& e) { return e.tag == HtmlTag::kTable; });
      break;
    case HtmlTag::kH1:
    case HtmlTag::kH2:
    case HtmlTag::kH3:
    case HtmlTag::kH4:
    case HtmlTag::kH5:
    case HtmlTag::kH6:
      if (!stack_.empty() && (stack_.back().traits & html_trait::kHeading)) PopOne();
      break;
    default:
      break;
  }
}

size_t LinkRoleTracker::FindOpen(uint32_t hash, uint16_t boundary_traits) const {
  for (size_t i = stack_.size(); i-- > 0;) {
    if (stack_[i].name_hash == hash) return i;
    if (stack_[i].traits & boundary_traits) return kNone;
  }
  return kNone;
}

void LinkRoleTracker::OnEndTag(std::string_view name, const HtmlTagInfo& info) {
  if (info.Has(html_trait::kNotTracked) || info.Has(html_trait::kVoid)) return;
  if (skipped_pushes_ > 0) {  // the end of an element that was never pushed
    --skipped_pushes_;
    return;
  }
  const uint32_t hash = NameHash(name);
  size_t index = kNone;
  if (info.tag == HtmlTag::kTable) {
    index = FindOpen(hash, 0);
  } else if (info.Has(html_trait::kTableFamily)) {
    for (size_t i = stack_.size(); i-- > 0;) {
      if (stack_[i].name_hash == hash) {
        index = i;
        break;
      }
      if (stack_[i].tag == HtmlTag::kTable) break;
    }
  } else {
    uint16_t boundary = html_trait::kScopeBoundary;
    if (hash == kHashP) boundary |= html_trait::kButtonScope;
    if (info.tag == HtmlTag::kLi) boundary |= html_trait::kList;
    index = FindOpen(hash, boundary);
  }
  if (index == kNone) return;
  if (info.Has(html_trait::kFormatting)) {
    // </b> after an unclosed block inside the <b>: browsers keep the block
    // open (adoption agency); ignoring the end tag is the closest cheap match.
    for (size_t i = index + 1; i < stack_.size(); ++i) {
      if (stack_[i].traits & html_trait::kSpecial) return;
    }
  }
  PopTo(index);
}

void LinkRoleTracker::PopTo(size_t index) {
  while (stack_.size() > index) PopOne();
}

void LinkRoleTracker::PopOne() {
  const size_t index = stack_.size() - 1;
  if (capture_owner_ == index) CloseHeading(index);
  const Element& e = stack_.back();
  // A block that held nothing but a heading passes the heading's verdict on.
  if (e.heading_result != 0 && e.children == 1 && index >= 1)
    ApplyHeadingResult(index - 1, e.heading_result);
  if (e.commercial_pass && e.children == 1 && index >= 1) stack_[index - 1].commercial = true;
  if (e.site_list_pass && e.children == 1 && index >= 1) stack_[index - 1].site_list = true;
  stack_.pop_back();
  low_water_ = std::min(low_water_, stack_.size());
}

void LinkRoleTracker::OnText(std::string_view decoded) {
  if (capturing()) capture_.Append(decoded);
}

void LinkRoleTracker::CloseHeading(size_t index) {
  capture_owner_ = kNone;
  if (index == 0) return;
  FoldForMatch(capture_.view(), folded_);
  const int rank = stack_[index].heading_rank;
  if (IsCommercialHeadingFolded(folded_)) {
    Element& parent = stack_[index - 1];
    parent.commercial = true;
    if (parent.children == 1) parent.commercial_pass = true;
    return;
  }
  if (IsSiteListHeadingFolded(folded_)) {
    Element& parent = stack_[index - 1];
    parent.site_list = true;
    if (parent.children == 1) parent.site_list_pass = true;
    return;
  }
  int result = 0;
  if (IsRelatedHeadingFolded(folded_)) {
    result = rank;
  } else if (!capture_has_link_) {
    result = -rank;
  }
  if (result == 0) return;
  ApplyHeadingResult(index - 1, result);
  Element& parent = stack_[index - 1];
  if (parent.children == 1) parent.heading_result = static_cast<int8_t>(result);
}

void LinkRoleTracker::ApplyHeadingResult(size_t target, int result) {
  Element& t = stack_[target];
  if (result > 0) {
    t.mark_rank = static_cast<uint8_t>(result);
  } else if (t.mark_rank != 0 && -result <= t.mark_rank) {
    t.mark_rank = 0;
  }
}

LinkContext LinkRoleTracker::Context() const {
  LinkContext c;
  bool sectioning = false;
  bool header = false;
  bool element_nav = false;  // by <nav> or role=navigation
  bool class_nav = false;    // by a class or id word only ("pagination", "subnav")
  bool page_header = false;  // nav by being in the page header
  bool in_article = false;
  uint64_t group = 14695981039346656037ull;
  for (const Element& e : stack_) {
    group = (group ^ ((uint64_t{e.name_hash} << 32) | e.class_hash)) * 1099511628211ull;
    const uint16_t f = e.features;
    if (e.tag == HtmlTag::kFooter || (f & kFooter)) c.footer = true;
    if (e.tag == HtmlTag::kNav || (f & kNavRole)) {
      element_nav = true;
    } else if (f & kNav) {
      class_nav = true;
    } else if (e.tag == HtmlTag::kArticle && class_nav && !element_nav) {
      // A story inside a container that only a class word calls navigation
      // ("article-gallery pagination", a carousel's pager class): one token
      // does not make the stories in it menu entries.
      class_nav = false;
    }
    if (e.tag == HtmlTag::kHeader) {
      if (!sectioning) page_header = true;  // the page header: logo, menus, services
      header = true;
    }
    if (header && (e.traits & html_trait::kList)) page_header = true;
    if ((f & kRelated) || e.mark_rank) c.related = true;
    if (e.commercial) c.commercial = true;
    if (e.site_list) c.site_list = true;
    if (IsHeadingTag(e.tag, 4) || (f & kTitle)) c.heading = true;
    if (e.tag == HtmlTag::kP) c.paragraph = true;
    if (e.tag == HtmlTag::kLi) c.list_item = true;
    if (e.traits & html_trait::kList) c.list = true;
    if (e.tag == HtmlTag::kSection || (f & kLinkBlock)) c.link_block = true;
    if (e.tag == HtmlTag::kArticle && (c.list || c.link_block)) c.link_block = true;
    if (e.tag == HtmlTag::kAside && in_article) c.article_aside = true;
    if (e.tag == HtmlTag::kArticle) in_article = true;
    if (e.tag == HtmlTag::kArticle || e.tag == HtmlTag::kSection || e.tag == HtmlTag::kAside ||
        e.tag == HtmlTag::kMain) {
      sectioning = true;
    }
  }
  if (c.site_list) c.related = false;
  c.nav = element_nav || class_nav || page_header;
  c.header_nav = page_header && !element_nav && !class_nav;
  c.group = group;
  return c;
}

}  // namespace nc
