// The page-level pass of link roles (crawler/extract/link_features.h): URL
// shape, teaser groups, the page's own section. Each test is a small
// hand-written page with the structure of a failure seen on real pages
// (tests/realpages), not a copy of one.
#include "crawler/extract/link_features.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/extract/html_links.h"
#include "tests/crawler/extract/link_roles_test_helpers.h"

namespace nc {
namespace {

using V = std::vector<std::string>;

using testing::Li;
using testing::Roles;

// Three dated article teasers: the page shows what its articles look like.
std::string Teasers(const std::string& section = "monde") {
  return "<ul class=teasers>" +
         Li("/" + section + "/article/2024/05/01/un-premier-titre-assez-long_1.html",
            "Un premier titre assez long") +
         Li("/" + section + "/article/2024/05/02/un-deuxieme-titre-assez-long_2.html",
            "Un deuxième titre assez long") +
         Li("/" + section + "/article/2024/05/03/un-troisieme-titre-assez-long_3.html",
            "Un troisième titre assez long") +
         "</ul>";
}

// BBC: a <noscript> copy of the section menu sits in a story list; its
// links read like titles ("Technology of Business") but lead to sections.
TEST(LinkFeatures, SectionLinksInNoscriptTeaserListAreNotHeadlines) {
  EXPECT_EQ(Roles(Teasers() + "<noscript><ul class=story-list>" +
                  Li("/business/technology-of-business", "Technology of Business") +
                  Li("/news/war-in-ukraine", "War in Ukraine") + "</ul></noscript>"),
            (V{"headline", "headline", "headline", "nav", "nav"}));
}

// Logins, shops and courses in a story block are not articles: nav when
// the path is a shallow one, other otherwise.
TEST(LinkFeatures, ServiceLinksInStoryBlocksAreDemotedToOther) {
  EXPECT_EQ(Roles(Teasers() +
                  "<div class=card><h3><a href='/sfuser/register?a=1'>"
                  "S'inscrire gratuitement maintenant</a></h3></div>"
                  "<ul class=list>" +
                  Li("/a/b/c/", "Cours du soir de peinture") + "</ul>"),
            (V{"headline", "headline", "headline", "nav", "other"}));
}

// A page without article-shaped URLs says nothing about URL shape: the
// structure alone decides (the fixture site's /a/1 style pages).
TEST(LinkFeatures, NoDemotionWithoutArticleEvidence) {
  EXPECT_EQ(Roles("<ul class=teasers>" + Li("/a/one", "Un titre assez long ici") +
                  Li("/a/two", "Un autre titre assez long") + "</ul>"),
            (V{"headline", "headline"}));
}

// El Mundo / ABC: a trending bar of short topic labels over dated article
// URLs is a headline ticker, even inside a menu; a menu of section pages
// (no date, no slug) stays nav.
TEST(LinkFeatures, TrendingBarOfTopicLabelsOverArticlesIsHeadline) {
  EXPECT_EQ(
      Roles("<nav><ul class=trending>" +
            Li("/espana/2024/12/02/674d9570e85ece72568b45b9.html", "Aldama") +
            Li("/espana/2024/12/02/674ca984fc6c839c748b46d5.html", "PSOE") +
            Li("/cataluna/2024/12/02/674d7b3ee4d4d8fe138b47d4.html", "Junqueras") +
            "</ul><ul class=menu>" + Li("/espana.html", "España") + Li("/madrid.html", "Madrid") +
            Li("/economia/vivienda.html", "Vivienda") + "</ul></nav>"),
      (V{"headline", "headline", "headline", "nav", "nav", "nav"}));
}

// Topic pages carry ids too (taz "!t5025095"): an id alone does not make a
// menu a ticker.
TEST(LinkFeatures, MenuOfTopicPagesWithIdsStaysNav) {
  EXPECT_EQ(Roles("<nav><ul>" + Li("/BRICS/!t5025095/", "brics") +
                  Li("/Die-Linke/!t5007994/", "die linke") +
                  Li("/Klimawandel/!t5008262/", "klimawandel") + "</ul></nav>"),
            (V{"nav", "nav", "nav"}));
}

// Readers call a footer's or a menu's list of articles footer and nav.
TEST(LinkFeatures, ArticleListsInFooterAndMenuKeepTheirRole) {
  EXPECT_EQ(Roles("<nav class=menu><div class=featured>" + Teasers() +
                  "</div></nav>"
                  "<footer>" +
                  Teasers("guides") + "</footer>"),
            (V{"nav", "nav", "nav", "footer", "footer", "footer"}));
}

// A list of article teasers that the structure missed (no list class, no
// heading) is a teaser group: headline. Links in running text stay other.
TEST(LinkFeatures, UnmarkedTeaserGroupIsPromotedButRunningTextIsNot) {
  std::string grid = "<div>";
  for (int i = 1; i <= 3; ++i) {
    grid += "<div class=x><a href='/sport/2024/05/0" + std::to_string(i) + "/match-" +
            std::to_string(i) + "'>Court</a></div>";
  }
  grid += "</div>";
  EXPECT_EQ(Roles(grid + "<p>Voir <a href='/monde/2024/05/04/un-autre-article-sur-le-sujet'>"
                         "un autre article sur le sujet</a> et <a href='/monde/2024/05/05/"
                         "encore-un-article-sur-le-sujet'>celui-ci</a>, <a href='/monde/2024/05/"
                         "06/et-un-dernier-article-du-sujet'>celui-là</a>.</p>"),
            (V{"headline", "headline", "headline", "other", "other", "other"}));
}

// Le Devoir: a carousel of article titles in the page <header>, outside
// any menu, is a headline ticker; the header's menu stays nav.
TEST(LinkFeatures, HeaderCarouselOfTitlesIsHeadline) {
  EXPECT_EQ(Roles("<header><div class=carousel>" +
                  std::string("<div><a href='/politique/canada/573578/ultimatum-aux-mohawks'>"
                              "Ultimatum aux Mohawks de Tyendinaga</a></div>"
                              "<div><a href='/politique/canada/573593/ecrasement-d-avion'>"
                              "Écrasement d'avion en Iran</a></div>"
                              "<div><a href='/politique/canada/573603/aide-medicale'>"
                              "Ottawa veut élargir l'aide médicale</a></div></div>") +
                  "<ul class=menu>" + Li("/politique", "Politique") + "</ul></header>"),
            (V{"headline", "headline", "headline", "nav"}));
}

// Gala, Tagesschau, BBC: after an article, a list of more articles of the
// article's own section is related; a site-wide list stays headline.
TEST(LinkFeatures, OwnSectionListOnAnArticleIsRelated) {
  const std::string page = Teasers("economie") + "<div class=more>" + Teasers("sport") + "</div>";
  EXPECT_EQ(
      Roles(page, "https://www.x.test/economie/article/2024/05/04/le-titre-de-la-page_4.html"),
      (V{"related", "related", "related", "headline", "headline", "headline"}));
  // A page whose own URL is not an article's: no section to compare with.
  EXPECT_EQ(Roles(page, "https://www.x.test/economie/"),
            (V{"headline", "headline", "headline", "headline", "headline", "headline"}));
  // Same section name on another host is another site's section.
  EXPECT_EQ(Roles("<ul class=teasers>" +
                      Li("https://autre.test/economie/2024/05/01/un-titre-assez-long-ici",
                         "Un premier titre assez long") +
                      Li("https://autre.test/economie/2024/05/02/un-titre-assez-long-la",
                         "Un deuxième titre assez long") +
                      Li("https://autre.test/economie/2024/05/03/un-titre-assez-long-bas",
                         "Un troisième titre assez long") +
                      "</ul>",
                  "https://www.x.test/economie/2024/05/04/le-titre-de-la-page"),
            (V{"headline", "headline", "headline"}));
}

// BILD's section fronts carry an article's URL shape (an id, ".html") but
// name themselves ("startseite", "home-NNN"): their own section's teasers
// are the front's headlines, not an article's related list.
TEST(LinkFeatures, FrontWhoseUrlLooksLikeAnArticleHasNoRelatedLists) {
  const std::string page = Teasers("politik");
  EXPECT_EQ(Roles(page, "https://www.x.test/politik/startseite/politik/politik-16804552.html"),
            (V{"headline", "headline", "headline"}));
  EXPECT_EQ(Roles(page, "https://www.x.test/politik/home-15479124.html"),
            (V{"headline", "headline", "headline"}));
  // An article of that section keeps its related list.
  EXPECT_EQ(Roles(page, "https://www.x.test/politik/article/2024/05/04/le-titre-de-la-page_4.html"),
            (V{"related", "related", "related"}));
}

// COMPACT (WordPress): every story sits at "/title-slug/"; a short title
// ("/antifa-im-lehrerzimmer/") has a section's shape, but the site's longer
// titles show the template. On a site whose stories carry dates, a
// one-segment path of three words is a section ("/actualite-en-continu").
TEST(LinkFeatures, ShortTitleSlugIsAStoryWhereStoriesAreSlugs) {
  const std::string slugs =
      "<ul class=teasers>" +
      Li("/kriegsverbrecher-trump-und-netanjahu-greifen-an/", "Trump und Netanjahu greifen an") +
      Li("/machete-baseballschlaeger-krawall-in-dortmund/", "Krawall in Dortmund mit Machete") +
      Li("/bundesverfassungsgericht-staerkt-die-meinungsfreiheit/",
         "Karlsruhe stärkt die Meinung") +
      Li("/antifa-im-lehrerzimmer/", "Antifa im Lehrerzimmer") + "</ul>";
  EXPECT_EQ(Roles(slugs, "https://www.x.test/"),
            (V{"headline", "headline", "headline", "headline"}));
  const std::string dated = Teasers() + Teasers("sport") + "<ul class=teasers>" +
                            Li("/actualite-en-continu", "Actualité en continu ici") + "</ul>";
  EXPECT_EQ(Roles(dated + slugs, "https://www.x.test/").at(6), "nav");
}

// ANSA: press releases are companies' texts on the site's article template,
// in a teaser block like the news.
TEST(LinkFeatures, PressReleasesAreNotFollowed) {
  const std::string page = Teasers() + "<ul class=teasers>" +
                           Li("/pressrelease/sport/2020/06/26/un-communique-assez-long_1.html",
                              "Un communiqué de presse assez long") +
                           Li("/pressrelease/sport/2020/06/18/un-autre-communique-long_2.html",
                              "Un autre communiqué assez long") +
                           Li("/pressrelease/sport/2020/06/01/un-troisieme-communique_3.html",
                              "Un troisième communiqué assez long") +
                           "</ul>";
  EXPECT_EQ(Roles(page, "https://www.x.test/"),
            (V{"headline", "headline", "headline", "other", "other", "other"}));
}

// news.com.au: stories on a home page carry "related" sub-lists; with no
// article on the page they are more teasers.
TEST(LinkFeatures, RelatedBlockOnAHomePageIsHeadline) {
  const std::string page = "<div class=related-stories>" + Teasers() + "</div>";
  EXPECT_EQ(Roles(page, "https://www.x.test/"), (V{"headline", "headline", "headline"}));
  EXPECT_EQ(Roles(page, "https://www.x.test/sport/2024/05/04/un-article-de-sport"),
            (V{"related", "related", "related"}));
}

// Ouest-France: a share dialog's <button> closed by "</a>" left the share
// block (and so "footer") open over the whole rest of the page.
TEST(LinkFeatures, UnclosedButtonDoesNotKeepAShareBlockOpen) {
  EXPECT_EQ(Roles("<div id=pop-in-partage><div class=buttons><button>Fermer</a></div></div>"
                  "<section>" +
                  Teasers() + "</section>"),
            (V{"headline", "headline", "headline"}));
  // A <p> still ends at a <button> boundary (WHATWG "button scope").
  EXPECT_EQ(Roles("<p><button><p>x</p><a href='/monde/2024/05/01/un-titre-assez-long'>"
                  "Un titre assez long ici</a></button>"),
            (V{"other"}));
}

// BBC: topic pages share the article template ("/news/topics/c0y3xm6m8gt"):
// a teaser group does not make them headlines; the href rule still holds.
TEST(LinkFeatures, PromotionObeysTheTopicPathRule) {
  std::string grid = "<div>";
  for (const char* id : {"cgxj10yvql2t", "clm1wxp5378t", "cnx753jexmyt"}) {
    grid += std::string("<div class=x><a href='/news/topics/") + id + "'>Topic</a></div>";
  }
  grid += "</div>";
  for (const char* id : {"c1d449gmex2o", "cx72dpxy25do", "cz47x527v12o"}) {
    grid += std::string("<ul class=list><li><a href='/news/articles/") + id +
            "'>An article title long enough</a></li></ul>";
  }
  EXPECT_EQ(Roles(grid), (V{"other", "other", "other", "headline", "headline", "headline"}));
}

// Repubblica: the recommendations block is a custom element whose name and
// class say so; Italian and French "recommended" headings.
TEST(LinkFeatures, CustomElementsAndRecommendationHeadingsMarkRelated) {
  const std::string item =
      "<article><h4><a href='/economia/2025/01/05/news/un_titolo_abbastanza_lungo-42392'>"
      "Un titolo abbastanza lungo</a></h4></article>";
  EXPECT_EQ(Roles("<aside><gdwc-recommendations class=recommendations>" + item +
                  "</gdwc-recommendations></aside>"),
            (V{"related"}));
  EXPECT_EQ(Roles("<div><h3>Raccomandati per te</h3>" + item + "</div>"), (V{"related"}));
  EXPECT_EQ(Roles("<div><h2>L'auteur vous recommande</h2><ul>" +
                  Li("/edition/economie/sortie-du-glyphosate-202482",
                     "Sortie du glyphosate : un "
                     "rapport") +
                  "</ul></div>"),
            (V{"related"}));
}

// A short heading link reads like a section name ("Football") unless its
// URL is an article's (Repubblica's blog post "E vabbé").
TEST(LinkFeatures, ShortHeadingLinkToAnArticleIsHeadline) {
  EXPECT_EQ(Roles("<article class=story><h3><a href='/rubriche/2023/06/01/news/e_vabbe-402740173/'>"
                  "E vabbé</a></h3><h3><a href='/sport/football/'>Football</a></h3></article>"),
            (V{"headline", "nav"}));
}

TEST(LinkFeatures, EvidenceSaysWhatDecided) {
  const PageLinks page = ExtractLinks(
      "<nav><ul class=trending>" + Li("/espana/2024/12/02/674d9570e85ece72568b45b9.html", "A") +
      Li("/espana/2024/12/02/674ca984fc6c839c748b46d5.html", "B") +
      Li("/espana/2024/12/03/674d7b3ee4d4d8fe138b47d4.html", "C") + "</ul></nav>");
  ASSERT_EQ(page.links.size(), 3u);
  EXPECT_EQ(page.links[0].structural_role, LinkRole::kNav);
  EXPECT_EQ(page.links[0].role, LinkRole::kHeadline);
  EXPECT_EQ(DescribeLinkEvidence(page.links[0].evidence),
            "nav-block,list,url-date,url-ext,teaser-group,topic-bar,promoted");
  EXPECT_EQ(DescribeLinkEvidence(0), "-");
}

// A teaser whose picture is a link of its own and whose title is plain text
// beside it: the picture link has no text, but its URL says article.
TEST(LinkFeatures, ImageOnlyTeaserLinkOnAHomePageIsHeadline) {
  const std::string teaser =
      "<div class=teaser><a href='/politik/ein-langer-titel-ueber-die-wahl-und-die-folgen'>"
      "<img src='a.jpg'></a><h3>Ein langer Titel über die Wahl</h3></div>";
  EXPECT_EQ(Roles(teaser, "https://news.example/"), (V{"headline"}));
  // Not in running text, not to a section page, not on an article page
  // (where such pictures are mostly promotions).
  EXPECT_EQ(Roles("<div class=teaser><p>Voir <a href='/politik/ein-langer-titel-ueber-die-wahl-"
                  "und-die-folgen'><img src='a.jpg'></a></p></div>",
                  "https://news.example/"),
            (V{"other"}));
  EXPECT_EQ(Roles("<div class=teaser><a href='/politik/'><img src='a.jpg'></a></div>",
                  "https://news.example/"),
            (V{"other"}));
  EXPECT_EQ(Roles(teaser, "https://news.example/politik/2024/05/01/un-article-du-jour-123456"),
            (V{"other"}));
}

// A row of picture-only links (partner logos, games, score tables) is not a
// teaser list even when its targets look like articles.
TEST(LinkFeatures, GroupOfImageOnlyLinksIsNotPromoted) {
  std::string row = "<div class=list>";
  for (int i = 1; i <= 4; ++i) {
    row += "<a href='/spiele/tabelle-1234567" + std::to_string(i) + "'><img src='g.png'></a>";
  }
  row += "</div>";
  EXPECT_EQ(Roles(row, "https://news.example/"), (V{"other", "other", "other", "other"}));
}

// On an article page a lone teaser (no list of its own) inside the story to
// another story of the article's section is related; one to another section
// stays headline (outside the story: RelatedGeneral.LoneSameSection...).
TEST(LinkFeatures, LoneTeaserInTheArticlesSectionIsRelated) {
  const std::string page = "https://news.example/sport/2024/05/01/la-finale-de-la-coupe-123456";
  EXPECT_EQ(Roles("<article><div class=card><h3><a href='/sport/2024/05/02/le-match-retour-est-"
                  "fixe-223344'>Le match retour est fixé</a></h3></div>"
                  "<div class=card><h3><a href='/monde/2024/05/02/une-election-sous-tension-"
                  "556677'>Une élection sous tension</a></h3></div></article>",
                  page),
            (V{"related", "headline"}));
}

// A publisher's service boxes look like teaser lists (title, summary,
// image) and their URLs like articles; the host or a path word says shop,
// courses or games. Le Monde's "Services" carousels, SZ's Stellenmarkt.
TEST(LinkFeatures, ServiceTargetsInTeaserBoxesAreNotHeadlines) {
  EXPECT_EQ(
      Roles(Teasers() + "<ul class=teasers>" +
                Li("https://boutique.example.fr/hors-series/4129-cartes-du-monde.html",
                   "Cartes pour comprendre le monde") +
                Li("https://ateliers.example.fr/cours-de-philosophie/164",
                   "Cours en ligne de philosophie") +
                Li("/jeux/mots-croises/grille-du-jour-2024-05-01", "Les mots croisés du jour") +
                "</ul>",
            "https://www.example.fr/"),
      (V{"headline", "headline", "headline", "other", "other", "other"}));
}

// Home pages set a teaser's title in a <p> (Le Monde 2017 blog and opinion
// lists). On a front page there is no running text, so a group of such
// story links is a teaser list; on an article page the same markup is
// in-body links.
TEST(LinkFeatures, ParagraphTeaserGroupsAreHeadlinesOnFrontPagesOnly) {
  std::string blocks;
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    blocks += "<div class=bloc><p><a href='/idees/article/2024/05/0" + n + "/une-tribune-sur-" + n +
              "_" + n + ".html'>Une tribune sur le sujet numéro " + n + "</a></p></div>";
  }
  EXPECT_EQ(Roles(blocks, "https://www.example.fr/"), (V{"headline", "headline", "headline"}));
  EXPECT_EQ(Roles(blocks, "https://www.example.fr/idees/article/2024/05/09/autre-sujet_9.html"),
            (V{"other", "other", "other"}));
}

// A menu whose entries are headings names sections even when their URLs
// carry ids (BILD "News", "Sport"): not a trending bar of topic labels.
TEST(LinkFeatures, HeadingMenuEntriesWithIdsStayNav) {
  std::string menu = "<nav><ul class=menu>";
  for (const char* name : {"News", "Sport", "Politik", "Regional"}) {
    menu += std::string("<li><h3><a href='/") + name + "/startseite/" + name +
            "-alle-infos-und-news-16804530.html'>" + name + "</a></h3></li>";
  }
  menu += "</ul></nav>";
  EXPECT_EQ(Roles(Teasers() + menu, "https://www.example.de/"),
            (V{"headline", "headline", "headline", "nav", "nav", "nav", "nav"}));
}

// Le Monde 2017: dossier fronts named by a long slug ("/les-taxis-contre-
// uber/") in a list beside dated stories. On a site whose stories carry
// dates, a one-segment slug path is a topic front; on a site of slug-only
// posts it may be a story and stays one.
TEST(LinkFeatures, OneSegmentSlugsAreTopicsOnDatedSites) {
  std::string dated = "<ul class=teasers>";
  for (int i = 1; i <= 5; ++i) {
    const std::string n = std::to_string(i);
    dated += Li("/monde/article/2024/05/0" + n + "/une-nouvelle-du-jour-" + n + "_55" + n + ".html",
                "Une nouvelle du jour numéro " + n);
  }
  dated += "</ul>";
  const std::string dossier = "<ul class=list>" +
                              Li("/les-taxis-contre-uber-et-les-vtc/", "Les taxis contre Uber") +
                              "</ul>";
  const V on_dated = Roles(dated + dossier, "https://www.example.fr/");
  EXPECT_EQ(on_dated.back(), "other");
  const V slug_site = Roles(
      "<ul class=list>" + Li("/les-taxis-contre-uber-et-les-vtc/", "Les taxis contre Uber") +
          Li("/un-autre-billet-de-blog-sur-la-ville/", "Un autre billet sur la ville") + "</ul>",
      "https://blog.example.fr/");
  EXPECT_EQ(slug_site, (V{"headline", "headline"}));
}

// BILD: a row of short headings ("News", "Sport", "Tech") over section
// fronts whose URLs carry ids; a row of short headings over title slugs (AP's
// trending bar) stays a list of stories.
TEST(LinkFeatures, ShortHeadingRowsNeedTitleSlugsToBeStories) {
  std::string fronts;
  for (const char* name : {"news", "sport", "tech", "reise"}) {
    fronts += std::string("<div class=teaser><h2><a href='/") + name + "/startseite/" + name +
              "-16804530.bild.html'>" + name + "</a></h2></div>";
  }
  std::string stories;
  for (const char* slug : {"maduro-plane-seized-by-us-officials-abc123",
                           "congo-prison-jailbreak-"
                           "deaths-stampede-def456",
                           "storm-hits-the-east-coast-overnight-ghi789"}) {
    stories += std::string("<div class=bar><h3><a href='/article/") + slug +
               "'>Short label</a></h3></div>";
  }
  EXPECT_EQ(Roles(Teasers() + fronts + stories, "https://www.example.de/"),
            (V{"headline", "headline", "headline", "nav", "nav", "nav", "nav", "headline",
               "headline", "headline"}));
}

// SZ: rows of picture links (no text, no alt) to stories whose URLs carry
// only an id; the titles sit beside them as plain text. Such a row is no bar
// of short labels: the pictures are the stories' teasers.
TEST(LinkFeatures, RowsOfPictureLinksWithIdsAreTeasers) {
  std::string row = "<ul class=visuels>";
  for (const char* path : {"/wirtschaft/warnstreik-li.3395900", "/wissen/nasa-mond-li.3395769",
                           "/sport/einzelkritik-li.3396070"}) {
    row += std::string("<li><a href='") + path + "'><img src=x.jpg></a></li>";
  }
  row += "</ul>";
  EXPECT_EQ(Roles(Teasers() + row, "https://www.example.de/"),
            (V{"headline", "headline", "headline", "headline", "headline", "headline"}));
}

// Le Monde's "Contenus partenaires" box: teasers on the site's own article
// template, under a heading (with its disclaimer) that names partner
// content. A short heading that only starts with such a word ("Jeux
// olympiques") is a news block.
TEST(LinkFeatures, TeasersUnderACommercialHeadingAreNotFollowed) {
  const std::string partner =
      "<div class=area><h2>Contenus partenaires <span>Réalisés par la régie</span></h2>"
      "<ul class=teasers>" +
      Li("/mode/article/2026/01/30/une-marque-honore-son-heritage_9.html",
         "Une marque honore son héritage") +
      "</ul></div>";
  const std::string games = "<div class=area><h2>Jeux olympiques</h2><ul class=teasers>" +
                            Li("/sport/article/2026/02/01/la-france-gagne-une-medaille_8.html",
                               "La France gagne une médaille") +
                            "</ul></div>";
  const std::string anzeige = "<div class=box><h3>Anzeige</h3><ul class=teasers>" +
                              Li("/finanzen/article/2026/02/01/tagesgeld-zinsen-sichern_7.html",
                                 "Tagesgeld: jetzt Zinsen sichern") +
                              "</ul></div>";
  EXPECT_EQ(Roles(Teasers() + partner + games + anzeige, "https://www.example.fr/"),
            (V{"headline", "headline", "headline", "other", "headline", "other"}));
  EXPECT_TRUE(IsCommercialHeading("Bons plans"));
  EXPECT_TRUE(IsCommercialHeading("Contenido patrocinado"));
  EXPECT_FALSE(IsCommercialHeading("Jeux olympiques"));
  EXPECT_FALSE(IsCommercialHeading("Les offres d'emploi reculent"));
}

// WELT's finance box: an "Anzeige" label beside the block's heading, in the
// block's <header>, makes its teasers advertisements; the same label on an
// ad slot inside a story (heise's "ad-label" in the article body) says
// nothing about the story's links.
TEST(LinkFeatures, AdvertisementLabelInABlockHeaderIsCommercial) {
  const std::string finance =
      "<section class=stage><header><a href='/kaufberatung/finanzen/'><h4>Unsere "
      "Finanztipps</h4></a><p class=stage__label>Anzeige</p></header><div><ul class=list>" +
      Li("/finanzen/article250630391/Trade-Republic-Zinsen-Lohnt-sich-das-Angebot.html",
         "Trade Republic: lohnt sich das Angebot") +
      "</ul></div></section>";
  const std::string story =
      "<div class=stories><div class=ad-label>Anzeige</div><ul class=list>" +
      Li("/politik/article250630392/Die-Regierung-beschliesst-ein-neues-Gesetz.html",
         "Die Regierung beschließt ein neues Gesetz") +
      "</ul></div>";
  EXPECT_EQ(Roles(Teasers() + finance + story, "https://www.example.de/"),
            (V{"headline", "headline", "headline", "nav", "other", "headline"}));
  // A heading inside a "label" container still decides: here it marks related.
  const std::string wrapped = "<div class=box><div class=box-label><h3>Lire aussi</h3></div><ul>" +
                              Li("/sport/article/2024/05/04/un-autre-titre-assez-long_4.html",
                                 "Un autre titre assez long") +
                              "</ul></div>";
  EXPECT_EQ(Roles(wrapped, "https://www.example.fr/monde/article/2024/05/03/un-titre_3.html"),
            (V{"related"}));
}

// Paid teasers inside a news grid say so in their first words ("Conçu et
// proposé par MAIF", "Verlagsangebot:"); the same words later in a title do
// not.
TEST(LinkFeatures, SponsorMarkedTeasersAreNotFollowed) {
  const std::string paid =
      "<ul class=teasers>" +
      Li("/assos/article/2017/05/17/pourquoi-financer-un-projet_5.html",
         "Conçu et proposé par MAIF Et vous, pourquoi financer un projet") +
      Li("/reise/article/2026/02/01/neun-charmante-altstaedte_6.html",
         "Verlagsangebot: Neun charmante Altstädte") +
      Li("/medias/article/2026/02/01/la-publicite-recule-a-la-television_7.html",
         "La publicité recule à la télévision") +
      "</ul>";
  EXPECT_EQ(Roles(Teasers() + paid, "https://www.example.fr/"),
            (V{"headline", "headline", "headline", "other", "other", "headline"}));
  EXPECT_TRUE(HasSponsorMarker("Anzeige | Tagesgeld"));
  EXPECT_FALSE(HasSponsorMarker("Anzeigen gegen Unbekannt"));
}

// Classified ads with prices, stock quotes and match fixtures sit on
// article-shaped URLs in teaser grids; a list most of whose entries end with
// a price, a quote or hold a kick-off time is not a list of stories.
TEST(LinkFeatures, ListsOfPricesQuotesAndFixturesAreNotFollowed) {
  const std::string ads =
      "<ul class=annonces>" +
      Li("/auto-occasion-annonce-63622206.html", "CITROEN C3 PICASSO 9 790 \u20ac") +
      Li("/auto-occasion-annonce-63606981.html", "FORD KA 5 100 \u20ac") +
      Li("/auto-occasion-annonce-63528721.html", "CITROEN 2CV 4 900 \u20ac") + "</ul>";
  const std::string fixtures =
      "<ul class=spiele>" +
      Li("/sport/live-ticker/sdc_fm-52815/stuttgart-wolfsburg-im-liveticker.html",
         "Stuttgart 15:30 Wolfsburg") +
      Li("/sport/live-ticker/sdc_fm-52810/frankfurt-freiburg-im-liveticker.html",
         "Frankfurt 17:30 Freiburg") +
      Li("/sport/live-ticker/sdc_fm-52812/hsv-leipzig-im-liveticker.html", "HSV 19:30 Leipzig") +
      "</ul>";
  EXPECT_EQ(Roles(Teasers() + ads + fixtures, "https://www.example.fr/"),
            (V{"headline", "headline", "headline", "other", "other", "other", "other", "other",
               "other"}));
  EXPECT_TRUE(IsPriceOrFixtureText("Deutsche Telekom 34,09 EUR+3,59%"));
  EXPECT_TRUE(IsPriceOrFixtureText("DAX 25.284,26-0,02%"));
  EXPECT_FALSE(IsPriceOrFixtureText("Le Smic augmente de 2%"));
  EXPECT_FALSE(IsPriceOrFixtureText("Bayern gewinnt 2:1 gegen Dortmund"));
  EXPECT_FALSE(IsPriceOrFixtureText("Le direct commence à 20:45"));  // no second name
}

// An archive day ("Hemeroteca", a date as the anchor) and an issue's index
// carry a date and nothing else in their path: nav, not stories.
TEST(LinkFeatures, BareDatePathsAreArchiveIndexes) {
  const std::string archive =
      "<ul class=teasers>" + Li("/hemeroteca/2026-01-05/", "05 ene 2026 - 10:57 CET") +
      Li("/wochenende/2026/09", "Ausgabe 09/2026: Das bisschen Haushalt") + "</ul>";
  EXPECT_EQ(Roles(Teasers() + archive, "https://www.example.es/"),
            (V{"headline", "headline", "headline", "nav", "nav"}));
  EXPECT_TRUE(EndsWithBareDate("https://www.example.de/2026/10?ziel=ausgabe"));
  EXPECT_FALSE(EndsWithBareDate("/monde/article/2024/05/01/un-titre_1.html"));
  EXPECT_FALSE(EndsWithBareDate("http://blog.example.fr/2016/05/29/593/"));
}

// actu.fr: after the article, a feed of the article's commune and topic
// under a bare "Dernières actus", paginated in tabs of their own class.
// The feed lists the page itself, which no site-wide or other section's
// list would without saying so ("En continu"): it is the article's own.
std::string OwnFeed(const std::string& heading) {
  return "<article><p>Le texte de l'article.</p></article><aside><div class=widget-head>" +
         heading + "</div><div class=tab-content><ul>" +
         Li("/societe/2024/05/04/le-titre-de-la-page_4.html", "Le titre de la page assez long") +
         Li("/region/bayonne_64102/un-titre-de-la-region-assez-long_5.html",
            "Un titre de la région assez long") +
         Li("/region/biarritz_64122/un-autre-titre-de-la-region_6.html",
            "Un autre titre de la région") +
         "</ul></div><div class='tab-content hidden'><ul>" +
         Li("/region/pau_64445/un-titre-plus-ancien-de-la-region_7.html",
            "Un titre plus ancien de la région") +
         Li("/sports/un-titre-de-sport-assez-long_8.html", "Un titre de sport assez long") +
         Li("/region/dax_40088/encore-un-titre-de-la-region_9.html",
            "Encore un titre de la région") +
         "</ul></div></aside>";
}

TEST(LinkFeatures, FeedListingTheArticleItselfIsRelated) {
  const std::string page_url = "https://www.x.test/societe/2024/05/04/le-titre-de-la-page_4.html";
  EXPECT_EQ(Roles(OwnFeed("Dernières actus"), page_url), V(6, "related"));
  // Another article of the site: the same feed is the site's, not its own.
  EXPECT_EQ(Roles(OwnFeed("Dernières actus"),
                  "https://www.x.test/monde/2024/05/01/un-autre-article-assez-long_1.html"),
            V(6, "headline"));
  // Never on a front, and never under a site-wide list's heading.
  EXPECT_EQ(Roles(OwnFeed("Dernières actus"), "https://www.x.test/"), V(6, "headline"));
  EXPECT_EQ(Roles(OwnFeed("<h2>L'info en continu</h2>"), page_url), V(6, "headline"));
}

}  // namespace
}  // namespace nc
