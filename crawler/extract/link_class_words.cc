#include "crawler/extract/link_class_words.h"

#include "common/ascii.h"
#include "crawler/extract/html_text.h"

namespace nc {
namespace {

using ascii::EqualsIgnoreCase;
using namespace link_feature;  // NOLINT: short flag names

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
  // "shared" is what readers shared ("most-shared"): a ranked list of
  // stories, not a row of share buttons.
  if (Contains(w, "footer") || w.starts_with("pied") || (w.starts_with("share") && w != "shared") ||
      w == "sharing" ||
      w.starts_with("social") || w == "sociaux" || w.starts_with("partag")) {
    f |= kFooter;
  }
  if (w == "une" || w == "alaune" || Contains(w, "headline") || Contains(w, "list") ||
      Contains(w, "teaser") || Contains(w, "story") || Contains(w, "stories") ||
      w.starts_with("card") || w.ends_with("card") || w.ends_with("item") || w.ends_with("items") ||
      w == "news" || w.starts_with("actu") || w == "post" || w == "posts" ||
      Contains(w, "article") || w.starts_with("articol") || w.starts_with("articul") ||
      w == "artikel" || w == "entry" || w == "entries" || w == "feed") {
    f |= kLinkBlock;
  }
  if (Contains(w, "title") || Contains(w, "titre")) f |= kTitle;
  if (w.ends_with("label") || w.starts_with("badge")) f |= kLabel;
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
    "lire aussi",        "a lire",        "meme sujet",     "same topic",
    "read more",         "more stories",  "see also",       "voir aussi",
    "read also",         "also read",     "lire egalement", "a decouvrir",
    "might also like",   "may also like", "mehr zum thema", "leggi anche",
    "te puede interesar"};

// Phrases of a class name for the story's text container, as folded
// ("ue-l-article__body" -> "ue l article body"; camel case stays one word).
constexpr std::string_view kArticleBodyPhrases[] = {
    "article body", "articlebody", "article content", "articlecontent", "article text",
    "story body", "story text", "story content", "entry content", "post content",
    "article inner", "articleinner"};

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
  return s.size() >= lower_prefix.size() &&
         EqualsIgnoreCase(s.substr(0, lower_prefix.size()), lower_prefix);
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

}  // namespace

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
  for (std::string_view phrase : kArticleBodyPhrases) {
    if (ContainsPhrase(folded, phrase)) {
      f |= kArticleBody;
      break;
    }
  }
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

bool CanHoldRelatedClass(HtmlTag tag, std::string_view name) {
  return tag == HtmlTag::kSection || tag == HtmlTag::kAside || tag == HtmlTag::kDiv ||
         tag == HtmlTag::kUl || tag == HtmlTag::kOl || tag == HtmlTag::kDl ||
         (tag == HtmlTag::kOther && name.find('-') != std::string_view::npos);
}

}  // namespace nc
