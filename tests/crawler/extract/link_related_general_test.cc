// The related role on pages the classifier was not tuned on (issue 10,
// session 8): general rules, each on a small hand-written page with the
// structure of a miss or an over-reach seen on the real-page corpus
// (tests/realpages), not a copy of one. Each test fails without its rule.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/extract/html_links.h"
#include "tests/crawler/extract/link_roles_test_helpers.h"
#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

using V = std::vector<std::string>;

using testing::Li;
using testing::Roles;

// Metro, AP, ANSA, Il Giornale, L'Opinion: a leading year, a site-wide
// prefix or a language names no section. Every 2024 story of Metro shared
// "2024", so the site's most-read list on an article page came out as the
// article's own-section list (related).
TEST(RelatedGeneral, SectionSkipsYearsAndSiteWidePrefixes) {
  EXPECT_EQ(SectionOf("https://metro.test/2024/11/18/a-long-story-slug-22018356/"), "");
  EXPECT_EQ(SectionOf("/sito/notizie/sport/calcio/2020/07/28/titolo_c708.html"), "sport");
  EXPECT_EQ(SectionOf("/article/putin-mongolia-4c79850ecf"), "");
  EXPECT_EQ(SectionOf("/news/politica/titolo-lungo-2432562.html"), "politica");
  EXPECT_EQ(SectionOf("/economie/a-b"), "economie");  // unchanged
  EXPECT_EQ(SectionOf("/economie/"), "");
}

TEST(RelatedGeneral, AYearSharedByEveryStoryIsNoSection) {
  const std::string page =
      "<article><p>Body.</p></article><div class=trending><ul>" +
      Li("/2024/11/27/girl-mauled-to-death-after-row-22071754/", "Girl mauled to death after row") +
      Li("/2024/11/28/model-daughter-kidnapped-abroad-22088152/", "Model daughter kidnapped abroad") +
      Li("/2024/11/29/storm-leaves-thousands-without-power-22052302/",
         "Storm leaves thousands without power") +
      "</ul></div>";
  EXPECT_EQ(Roles(page, "https://metro.test/2024/11/18/sweden-tells-households-how-to-survive-22018356/"),
            (V{"headline", "headline", "headline"}));
}

// Les Échos, Sciences et Avenir, Madame Figaro: a lone teaser of the
// article's section outside the story (a sidebar's "fil info", a magazine
// promotion) is a headline; inside the <article> (Repubblica's inline
// article, El Mundo's subtitles list) it points from the story: related.
TEST(RelatedGeneral, LoneSameSectionTeaserIsRelatedOnlyInsideTheArticle) {
  const std::string dated =
      "<ul class=latest>" + Li("/2024/05/01/un-premier-titre-long-1.html", "Un premier titre long") +
      Li("/2024/05/02/un-deuxieme-titre-long-2.html", "Un deuxième titre long") +
      Li("/2024/05/03/un-troisieme-titre-long-3.html", "Un troisième titre long") + "</ul>";
  const std::string lone =
      "<div class=card><a href='/monde/enjeux/le-fil-info-de-ce-jeudi-2108558'>Après trois ans "
      "de croissance effrénée</a></div>";
  const std::string url = "https://www.x.test/monde/enjeux/la-page-elle-meme-2108600";
  EXPECT_EQ(Roles("<article><p>Texte.</p></article>" + lone + dated, url),
            (V{"headline", "headline", "headline", "headline"}));
  EXPECT_EQ(Roles("<article><p>Texte.</p>" + lone + "</article>" + dated, url),
            (V{"related", "headline", "headline", "headline"}));
}

// ZEIT, Repubblica, El Mundo, Gala: a teaser list inside the story's text
// container (class "article-body", "story__text", "articleContent",
// itemprop=articleBody) points from the story to other stories: related,
// wherever the teasers' section. Outside it the list stays a headline list;
// running text links inside it stay other.
TEST(RelatedGeneral, TeaserListInsideTheArticleBodyIsRelated) {
  const std::string box =
      "<aside class=topicbox>" +
      std::string("<article class=topicbox-item><a href='/sport/2023/04/12/real-madrid-haelt-kurs-auf-titel'>Real Madrid hält Kurs "
                  "auf den Titel</a></article>") +
      "<article class=topicbox-item><a href='/sport/2023/04/11/guardiola-und-sein-groesster-fehler'>Guardiola und sein größter "
      "Fehler</a></article><article class=topicbox-item><a href='/sport/2023/03/30/dortmund-bundesliga-vorschau-ganz-ehrlich'>Dieses "
      "Mal geht was für Dortmund</a></article></aside>";
  const std::string text = "<p>Text <a href='/politik/2023/04/10/ein-anderer-artikel-mit-titel'>ein Link im "
                           "Fließtext</a> weiter.</p>";
  const std::string url = "https://www.x.test/politik/2023/04/12/die-seite-selbst-mit-langem-titel";
  EXPECT_EQ(Roles("<article><div class='article-body article-body--article'>" + text + box +
                      "</div></article>",
                  url),
            (V{"other", "related", "related", "related"}));
  EXPECT_EQ(Roles("<div itemprop=articleBody>" + text + box + "</div>", url),
            (V{"other", "related", "related", "related"}));
  EXPECT_EQ(Roles("<article><div class=article-header>" + text + "</div></article>" + box, url),
            (V{"other", "headline", "headline", "headline"}));
}

// Metro puts its trending strip ("More Trending", "Must Read") inside the
// story's text container: a site-wide list, headline.
TEST(RelatedGeneral, TrendingStripInsideTheBodyStaysHeadline) {
  const std::string list =
      "<ol>" + Li("/2024/11/27/girl-mauled-after-row-22071754/", "Girl mauled to death after row") +
      Li("/2024/11/28/daughter-kidnapped-abroad-22088152/", "Model daughter kidnapped abroad") +
      Li("/2024/11/29/storm-leaves-thousands-without-power-22052302/",
         "Storm leaves thousands without power") +
      "</ol>";
  const std::string url = "https://metro.test/2024/11/18/sweden-tells-households-22018356/";
  EXPECT_EQ(Roles("<div class=article__content__inner><div class=trending><h2>More <a "
                  "href='/trending/'>Trending</a></h2>" + list + "</div></div>",
                  url),
            (V{"nav", "headline", "headline", "headline"}));
}

// SMH: "Top Business articles" in the sidebar ranks the section's stories
// site-wide: headline, though every link is in the article's section.
TEST(RelatedGeneral, TopSectionArticlesIsASiteList) {
  const std::string list =
      "<ol>" + Li("/business/rate-rise-pushes-customers-20100105-lsbd.html", "Rate rise pushes customers") +
      Li("/business/a-strikes-two-year-high-20100105-ls79.html", "Dollar strikes two-year high") +
      Li("/business/red-hot-property-sector-20100106-ltb6.html", "Red hot property sector") + "</ol>";
  const std::string url = "https://www.x.test/business/the-page-itself-20100106-abcd.html";
  EXPECT_EQ(Roles("<div class=sidebar><h3>Top Business articles</h3>" + list + "</div>", url),
            (V{"headline", "headline", "headline"}));
  EXPECT_EQ(Roles("<div class=sidebar><h3>Business</h3>" + list + "</div>", url),
            (V{"related", "related", "related"}));
}

// Courrier international: "Nos services" (contests, language courses, the
// magazine shop) inside the article container is a commercial box.
TEST(RelatedGeneral, ServicesHeadingIsCommercial) {
  const std::string list =
      "<div class=wrap>" + std::string("<div class=item><a href='/club/un-hiver-a-yanji-2023'>Tentez "
                                       "de remporter une invitation</a></div>") +
      "<div class=item><a href='/club/echecs-bamboo-octobre-2023'>Tentez de recevoir la bande "
      "dessinée</a></div></div>";
  EXPECT_EQ(Roles("<section><h2>Nos services</h2>" + list + "</section>"), (V{"other", "other"}));
  EXPECT_EQ(Roles("<section><h2>Nos reportages</h2>" + list + "</section>"),
            (V{"headline", "headline"}));
}

// Público: the article's own URL with a query ("?action=change-size-modal")
// in a settings list inside the story is no other story: other.
TEST(RelatedGeneral, TheArticleItselfUnderAnotherQueryIsNotFollowed) {
  const std::string url = "https://www.x.test/sociedad/vecinos-exigen-cambios-en-las-fiestas.html";
  EXPECT_EQ(Roles("<article><ul class=settings>" +
                      Li(url + "?action=change-size-modal", "Tamaño de letra del texto") +
                      Li("/sociedad/otra-noticia-con-un-titulo-largo.html",
                         "Otra noticia con un título largo") +
                      "</ul></article>",
                  url),
            (V{"other", "related"}));
}

// Le Devoir, Euronews, Il Giornale: a carousel of the site's latest stories
// in the page header. Its entries may share the article's section, but a
// header or menu is no related block: headline.
TEST(RelatedGeneral, HeaderCarouselOfTheSameSectionIsHeadlineNotRelated) {
  const std::string page =
      "<header><div class=carousel><div class=slide><h3>" +
      std::string("<a href='/politique/canada/573548/le-federal-reste-ouvert'>Le fédéral reste "
                  "ouvert au dialogue</a></h3></div><div class=slide><h3>") +
      "<a href='/politique/canada/573578/ultimatum-aux-mohawks'>Ultimatum aux Mohawks de "
      "Tyendinaga</a></h3></div><div class=slide><h3>"
      "<a href='/politique/canada/573603/aide-medicale-elargie'>Ottawa veut élargir l'aide "
      "médicale</a></h3></div></div></header><article><p>Texte.</p></article>";
  EXPECT_EQ(Roles(page, "https://www.x.test/politique/canada/573600/la-page-elle-meme"),
            (V{"headline", "headline", "headline"}));
}

// BBC: the "Related" heading is a <span data-testid="ohio-title"> in three
// nested <div>s above the cards, and each card's title is an <h2> inside the
// card's link. The heading must mark the whole block (the chain of
// single-child wrappers), and a card's own title must not end that mark.
TEST(RelatedGeneral, TitleComponentInNestedWrappersMarksTheCardsAfterIt) {
  auto card = [](const std::string& href, const std::string& title) {
    return "<div><div><a href='" + href + "'><div><div><h2>" + title +
           "</h2></div></div><div><span>13 May 2024</span></div></a></div></div>";
  };
  const std::string page =
      "<article><p>Body.</p></article><aside class='sc-1 x'><div class='sc-2 y'><hr/>"
      "<div data-testid=section-title-wrapper><div><div><span data-testid=ohio-title>Related"
      "</span></div></div></div><div class=grid>" +
      card("/news/articles/c1d449gmex2o", "Chippy facing constant struggle") +
      card("/news/business-52986863", "What is a recession and how could one affect me") +
      card("/news/business-68550259", "Shoppers splashing out boosts economy") +
      "</div></div></aside>";
  EXPECT_EQ(Roles(page), (V{"related", "related", "related"}));
}

// AP: the list's heading sits three single-child wrappers deep; its verdict
// passes up through all of them to the block that holds the list.
TEST(RelatedGeneral, HeadingDeepInSingleChildWrappersMarksTheList) {
  EXPECT_EQ(Roles("<div class=PageList><div><div><div><h2>Related stories</h2></div></div></div>"
                  "<ul>" +
                  Li("/article/walz-unharmed-after-crash-4c79", "Walz unharmed after a crash") +
                  Li("/article/harris-opposes-sale-8c94", "Harris opposes the steel sale") +
                  "</ul></div>"),
            (V{"related", "related"}));
}

// BBC: "More" alone heads the list after the story; "More videos" does not
// name a related list.
TEST(RelatedGeneral, MoreAloneAsAHeadingIsRelated) {
  const std::string list = "<ul>" + Li("/news/a", "Interest rates cut to five per cent") +
                           Li("/news/b", "When will mortgage rates come down") + "</ul>";
  EXPECT_EQ(Roles("<section><h2>More</h2>" + list + "</section>"), (V{"related", "related"}));
  EXPECT_EQ(Roles("<section><h2>More videos</h2>" + list + "</section>"),
            (V{"headline", "headline"}));
}

// Metro: "<span>MORE: <a>story</a></span>" inside the article body; the
// colon makes the word a label ("More than 2,000 people..." is a sentence).
TEST(RelatedGeneral, InlineMoreColonLabelIsRelated) {
  EXPECT_EQ(Roles("<p><span class=mor-link>MORE: <a href='/2024/11/18/trump-camp-accuses-biden-"
                  "22019422/'>Trump camp accuses Biden of trying to start a war</a></span></p>"
                  "<p><span>LEER MÁS: <a href='/b'>Un titular bastante largo aquí</a></span></p>"
                  "<p>More <a href='/c'>than two million sign a petition</a></p>"),
            (V{"related", "related", "other"}));
}

}  // namespace
}  // namespace nc
