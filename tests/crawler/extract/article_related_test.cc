// Related headlines of an article on hand-made pages (issue 17): what a
// reader sees as related (tests/realpages/articles_fr/README.md, Labels)
// against the site's own ranked lists that follow the text.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/extract/article.h"
#include "crawler/extract/html_links.h"
#include "crawler/extract/link_features.h"
#include "crawler/extract/site_list_headings.h"

namespace nc {
namespace {

constexpr int64_t kFetchedAt = 1776686400;  // 2026-04-20T12:00:00Z
constexpr char kBase[] = "https://ex.test/politique/montreal/900001/la-ville-interdit";

std::string Body() {
  std::string body;
  for (int i = 0; i < 4; ++i) {
    body +=
        "<p>Le conseil municipal a voté mercredi un règlement qui interdit les trottinettes "
        "en libre-service dans les rues de la ville pour toute l'année prochaine.</p>";
  }
  return body;
}

std::string Teaser(std::string_view path, std::string_view title) {
  return "<article class=\"card\"><a href=\"" + std::string(path) + "\"><h2>" +
         std::string(title) + "</h2></a></article>";
}

std::vector<std::string> RelatedUrls(const std::string& html) {
  std::vector<std::string> urls;
  for (const RelatedHeadline& h : ExtractArticle(html, {kBase, kFetchedAt}).related) {
    urls.push_back(h.url);
  }
  return urls;
}

// Les Échos' shape: a most-read list of the article's own section, its
// heading wrapped alone in a block. Same-section teasers are the article's
// "more in this section" list only when no ranked-list heading names them.
TEST(ArticleRelated, SameSectionMostReadListIsNotRelated) {
  std::string list;
  for (int i = 0; i < 4; ++i) {
    const std::string n = std::to_string(800010 + i);
    list += "<li>" + Teaser("/politique/montreal/" + n + "/une-histoire-de-la-ville-" + n,
                            "Une histoire de la ville numéro " + n) +
            "</li>";
  }
  const std::string with_heading = [&](std::string_view heading) {
    return "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>"
           "<h1>La ville interdit les trottinettes</h1>" +
           Body() + "<div class=\"more\"><div class=\"head\"><h2>" + std::string(heading) +
           "</h2></div><ol>" + list + "</ol></div></main></body></html>";
  }("Les plus lus");
  EXPECT_TRUE(RelatedUrls(with_heading).empty());
  const std::string section_list =
      "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>"
      "<h1>La ville interdit les trottinettes</h1>" +
      Body() + "<div class=\"more\"><div class=\"head\"><h2>Plus en Montréal</h2></div><ol>" +
      list + "</ol></div></main></body></html>";
  EXPECT_EQ(RelatedUrls(section_list).size(), 4u);
}

// regards.fr's shape: a sidebar whose class says "related" holds the site's
// most-read list ("Les + lus"); the inline "Lire aussi" pointer stays.
TEST(ArticleRelated, RankedListInsideARelatedClassIsNotRelated) {
  const std::string html =
      "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>"
      "<h1>La ville interdit les trottinettes</h1>" +
      Body() +
      "<p>Lire aussi : <a href=\"/politique/montreal/800020/le-bilan-du-projet-pilote\">Le "
      "bilan du projet pilote des trottinettes</a></p></main>"
      "<div class=\"related\"><div class=\"block\"><h2>Les + lus</h2>" +
      Teaser("/economie/700010/la-fake-news-de-madame", "La fake news de Madame Salamé") +
      Teaser("/politique/700011/des-tweets-et-des-gauches", "Des tweets et des gauches") +
      Teaser("/politique/700012/edito-macron-insolent", "Macron, insolent d'inhumanité") +
      "</div></div></body></html>";
  EXPECT_EQ(RelatedUrls(html),
            (std::vector<std::string>{
                "https://ex.test/politique/montreal/800020/le-bilan-du-projet-pilote"}));
}

// Les Échos' topic list shows the article itself among its teasers;
// madame.lefigaro.fr links its own comments. Neither is a related headline.
TEST(ArticleRelated, ThePageItselfIsNeverRelated) {
  const std::string html =
      "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>"
      "<h1>La ville interdit les trottinettes</h1>" +
      Body() + "<div class=\"more\"><h2>Sur le même sujet</h2><ul><li>" +
      Teaser("/politique/montreal/900001/la-ville-interdit#comments", "La ville interdit") +
      "</li><li>" +
      Teaser("/politique/montreal/800030/le-bilan-du-projet", "Le bilan du projet pilote") +
      "</li></ul></div></main></body></html>";
  EXPECT_EQ(RelatedUrls(html),
            (std::vector<std::string>{
                "https://ex.test/politique/montreal/800030/le-bilan-du-projet"}));
}

// Le Devoir's page header carries a carousel of its section's stories
// ("Dans la section Politique"): the header comes before the story, so
// those are the site's headlines, not this article's related ones.
TEST(ArticleRelated, PageHeaderCarouselIsNotRelated) {
  std::string carousel;
  for (int i = 0; i < 4; ++i) {
    const std::string n = std::to_string(800040 + i);
    carousel += "<div class=\"carousel-item\">" +
                Teaser("/politique/montreal/" + n + "/une-histoire-de-la-ville-" + n,
                       "Une histoire de la ville numéro " + n) +
                "</div>";
  }
  const std::string html =
      "<html><head><meta property=\"og:type\" content=\"article\"></head><body>"
      "<header><div class=\"top\"><h3>Dans la section Montréal</h3>" +
      carousel +
      "</div></header><main><h1>La ville interdit les trottinettes</h1>" + Body() +
      "</main></body></html>";
  EXPECT_TRUE(RelatedUrls(html).empty());
}

// regards.fr (SPIP): the read-also phrase fills a block or a line of its
// own, the link follows after a line break or in the next paragraph behind
// ">>". A paragraph of running text after the phrase is not introduced by it.
TEST(ArticleRelated, ReadAlsoPhraseOnItsOwnLineIntroducesTheNextLink) {
  const auto page = [](std::string_view pointer) {
    return "<html><head><meta property=\"og:type\" content=\"article\"></head><body><main>"
           "<h1>La ville interdit les trottinettes</h1>" +
           Body() + std::string(pointer) + Body() + "</main></body></html>";
  };
  const std::vector<std::string> bilan = {
      "https://ex.test/politique/montreal/800050/le-bilan-du-projet-pilote"};
  EXPECT_EQ(RelatedUrls(page("<p><strong>LIRE AUSSI SUR EX.TEST</strong></p><p>&nbsp;</p>"
                             "<p>&gt;&gt; <i><a href=\"/politique/montreal/800050/"
                             "le-bilan-du-projet-pilote\">Le bilan du projet pilote</a></i></p>")),
            bilan);
  EXPECT_EQ(RelatedUrls(page("<p><strong>LIRE AUSSI SUR EX.TEST<br>&gt;&gt;</strong> <i><a "
                             "href=\"/politique/montreal/800050/le-bilan-du-projet-pilote\">Le "
                             "bilan du projet pilote</a></i></p>")),
            bilan);
  EXPECT_TRUE(RelatedUrls(page("<p><strong>Lire aussi</strong></p><p>Le maire a rappelé que "
                               "<a href=\"/politique/montreal/800050/le-bilan-du-projet-pilote\">"
                               "le bilan du projet pilote</a> était mauvais.</p>"))
                  .empty());
}

TEST(SiteListHeadings, RankedAndSiteWideListsInEveryLanguage) {
  for (std::string_view heading :
       {"Les plus lus", "Les + lus", "Articles les plus lus", "Les plus populaires",
        "L'info en continu", "Ottawa-Gatineau en continu", "La sélection de la rédac",
        "Most read", "Most popular this week", "Meistgelesen", "Meistgelesene Artikel",
        "Lo más visto", "Lo más leído", "I più letti", "Più letti"}) {
    EXPECT_TRUE(IsSiteListHeading(heading)) << heading;
  }
  // The article's own section or topic, related blocks, and story titles
  // that merely contain the words.
  for (std::string_view heading :
       {"Plus en Montréal", "Dans la rubrique Météo", "Les dernières news Suisse",
        "Dernières News sur : Jacques Chirac", "À lire aussi", "Sur ce thème", "Related",
        "Mehr zum Thema", "Leggi anche",
        "Pourquoi les Français sont les plus lus des auteurs européens cette année encore", ""}) {
    EXPECT_FALSE(IsSiteListHeading(heading)) << heading;
  }
}

// The role pass says why (`links --explain`).
TEST(SiteListHeadings, LinksUnderThemCarryTheEvidence) {
  const PageLinks links = ExtractLinks(
      "<div><h2>À lire aussi</h2><section><h3>Les plus lus</h3><ul>"
      "<li><a href=\"/a/700001/une-histoire\">Une histoire de la ville</a></li></ul>"
      "</section></div>",
      kBase);
  ASSERT_EQ(links.links.size(), 1u);
  EXPECT_NE(links.links[0].evidence & link_evidence::kSiteList, 0u);
  EXPECT_EQ(links.links[0].evidence & link_evidence::kRelatedBlock, 0u);
  EXPECT_NE(links.links[0].role, LinkRole::kRelated);
}

}  // namespace
}  // namespace nc
