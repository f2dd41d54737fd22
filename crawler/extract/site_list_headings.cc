// See site_list_headings.h.
#include "crawler/extract/site_list_headings.h"

#include <algorithm>
#include <string>

#include "crawler/extract/html_text.h"
#include "crawler/extract/phrase_index.h"

namespace nc {
namespace {

// Folded (lower case, no accents or punctuation: "Les + lus" -> "les lus").
// Ranked lists and the site's own feeds only: a list headed by a section or
// topic name ("Plus en Montréal", "Les dernières news Suisse") is the
// article's and stays related (tests/realpages/articles_fr/README.md).
constexpr std::string_view kSiteListPhrases[] = {
    // fr
    "les plus lus", "les plus lues", "les lus", "plus lus", "les plus populaires",
    "les plus partages", "les plus commentes", "les plus vus", "les plus consultes",
    "l info en continu", "info en continu", "en continu", "a la une", "la selection de la redac",
    "la selection de la redaction", "selection de la redaction", "en ce moment", "top articles",
    // en
    "most read", "most popular", "most viewed", "most shared", "most commented", "trending",
    "must read",
    "top stories", "editors picks", "editor s picks",
    // de
    "meistgelesen", "meistgelesene", "am meisten gelesen", "meistkommentiert", "meistgeteilt",
    "top artikel",
    // es
    "lo mas visto", "lo mas leido", "mas leidas", "mas leidos", "mas vistos", "lo mas compartido",
    // it
    "i piu letti", "piu letti", "piu lette", "i piu visti", "piu visti", "piu condivisi"};

constexpr size_t kMaxContainingWords = 6;

const PhraseIndex kSiteListIndex(kSiteListPhrases);

}  // namespace

bool IsSiteListHeadingFolded(std::string_view folded) {
  // A ranking of a section ("Top Business articles", "Top Sport stories").
  if (folded.starts_with("top ") && std::count(folded.begin(), folded.end(), ' ') <= 4 &&
      (folded.ends_with(" articles") || folded.ends_with(" stories") ||
       folded.ends_with(" artikel") || folded.ends_with(" news"))) {
    return true;
  }
  return kSiteListIndex.MatchOpeningOrInShortText(folded, kMaxContainingWords);
}

bool IsSiteListHeading(std::string_view heading_text) {
  std::string folded;
  FoldForMatch(heading_text, folded);
  return IsSiteListHeadingFolded(folded);
}

}  // namespace nc
