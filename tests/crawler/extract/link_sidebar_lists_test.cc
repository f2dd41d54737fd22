// Site-wide story lists on article pages (issue 10, session 8): most-read,
// latest and live lists in a sidebar, a rail or a collapsed menu are
// headline wherever they sit (the product's meaning: latest-news tickers and
// most-read lists are headlines), so that a crawl seeded from any article
// reaches the site's stories. Each test is a small hand-written page with the
// structure of a miss seen on the second held-out set
// (tests/realpages/heldout2), not a copy of one; each fails without its rule.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crawler/extract/html_links.h"
#include "tests/crawler/extract/link_roles_test_helpers.h"
#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

using V = std::vector<std::string>;

constexpr std::string_view kArticleUrl = "https://news.test/monde/2015/04/30/un-long-titre-d-article_1278483";

using testing::Li;

V Roles(std::string_view html, std::string_view page_url = kArticleUrl) {
  return testing::Roles(html, page_url);
}

std::string ThreeStories() {
  return Li("/societe/2015/04/28/une-jupe-pas-tres-laique-provoque-l-exclusion_1274196",
            "Une jupe pas très laïque provoque l'exclusion") +
         Li("/economie/2015/04/30/rafale-au-tour-du-qatar_1279149", "Rafale : au tour du Qatar") +
         Li("/france/2015/04/29/un-lien-a-detricoter-entre-deux-affaires_1277403",
            "Un lien à détricoter entre deux affaires");
}

// A "most-shared" block names what readers shared, a ranked list of stories:
// not a row of share buttons (Libération's sidebar came out footer).
TEST(SidebarLists, MostSharedListIsNotAShareBlock) {
  const std::string page = "<article><p>Corps.</p></article><aside><div class='most-shared link-flow'>"
                           "<h3>Les plus partagés</h3><ul>" +
                           ThreeStories() + "</ul></div></aside>";
  EXPECT_EQ(Roles(page), (V{"headline", "headline", "headline"}));
  // A share bar stays footer.
  EXPECT_EQ(Roles("<div class='share-bar'><a href='https://facebook.test/sharer?u=x'>Partager sur "
                  "Facebook maintenant</a></div>"),
            (V{"footer"}));
}


// A collapsed menu column holding the site's latest publications (whole
// titles to story URLs) is a list of stories; the menu's own entries, short
// section names, stay nav, and so does a menu of mid-length dossier names.
TEST(SidebarLists, TitleListInsideAMenuIsHeadline) {
  const std::string page =
      "<article><p>Corps.</p></article><div class='navbar-collapse'><ul class=menu>" +
      Li("/-agenda-", "Agenda") + Li("/-a-lire-ailleurs-", "À lire ailleurs") + "</ul>"
      "<ul class=latest>" +
      Li("/emission-sur-la-radio-du-quartier-12395", "Emission éduc 93 sur la radio du quartier") +
      Li("/recit-d-un-controle-de-la-caisse-12389", "Récit d'un contrôle de la caisse d'allocations") +
      Li("/bloquons-le-sommet-et-son-monde-12388", "Bloquons le sommet et son monde, appel commun") +
      "</ul><ul class=dossiers>" +
      Li("/ukraine-la-crise,100372", "Ukraine, la drôle de guerre") +
      Li("/libye-jihadisme,100491", "Le chaos libyen") +
      Li("/grece-elections,100485", "La Grèce à gauche toute") + "</ul></div>";
  EXPECT_EQ(Roles(page, "https://luttes.test/un-long-titre-d-article-12390"),
            (V{"nav", "nav", "headline", "headline", "headline", "nav", "nav", "nav"}));
}


// The title test counts words: six make a title (kMinTitleListWords), so a
// menu of six-word titles is a list of stories.
TEST(SidebarLists, SixWordsMakeATitle) {
  const std::string page = "<article><p>Corps.</p></article><div class='navbar-collapse'>"
                           "<ul class=latest>" +
                           Li("/emission-sur-la-radio-12395", "Emission sur la radio du quartier") +
                           Li("/recit-d-un-controle-12389", "Récit d'un contrôle de caisse") +
                           Li("/bloquons-le-sommet-et-son-monde-12388", "Bloquons le sommet et son monde") +
                           "</ul></div>";
  EXPECT_EQ(Roles(page, "https://luttes.test/un-long-titre-d-article-12390"),
            (V{"headline", "headline", "headline"}));
}

// Story blocks named in Italian or Spanish ("box pos1 articolo", "articulo")
// hold teasers as "article" ones do: a most-read box on an article page is
// headline, not in-body other.
TEST(SidebarLists, ItalianAndSpanishArticleBlocksHoldTeasers) {
  std::string page = "<article><p>Corpo.</p></article><div class=most_read><p>i più letti</p>";
  for (int i = 1; i <= 3; ++i) {
    const std::string n = std::to_string(i);
    page += "<div class='box pos" + n + " articolo'><span class=titolo><a href='/news/cronaca/126540" +
            n + "/una-notizia-molto-letta-oggi-" + n + ".html'>Una notizia molto letta oggi numero " +
            n + "</a></span></div>";
  }
  page += "</div>";
  EXPECT_EQ(Roles(page, "https://gazzetta.test/news/politica/1265999/un-titolo-lungo.html"),
            (V{"headline", "headline", "headline"}));
}

// "home" as a folder is a front page ("/home/", "/home/hot-on-site/...")
// unless a story id folder follows it: "/news/home/1265403/slug.html" is a
// story filed under the home page, and its most-read entries were nav.
TEST(SidebarLists, HomeFolderBeforeAStoryIdIsNoFrontPage) {
  EXPECT_TRUE(IsFrontPageHref("https://site.test/home/"));
  EXPECT_TRUE(IsFrontPageHref("/home/hot-on-site/kommentare-meinungen-und-kolumnen-35874522.html"));
  EXPECT_FALSE(IsFrontPageHref("/news/home/1265403/coronavirus-altri-nuovi-contagi-e-morti.html"));
}


// A live ticker in a sidebar: each entry's time links the entry's own page
// ("/direct/element/6196/"), whose URL does not look like an article's. The
// times are stories (headline); a clock row to listing pages is not.
TEST(SidebarLists, LiveTickerTimesAreHeadlines) {
  std::string page = "<article><p>Corps.</p></article><aside><div class=live><ul class=live-flux>";
  for (int i = 0; i < 3; ++i) {
    const std::string id = std::to_string(6190 + i);
    page += "<li class=live-item><div class=live-item-title-container><a href='/direct/element/" +
            id + "/'>14:4" + std::to_string(i) + "</a> <a href='/direct/#item-" + id +
            "'><span class=live-item-title>Un militaire mis en cause</span></a></div></li>";
  }
  page += "</ul></div><ul class=hours>" + Li("/programme/matin/", "08:00") +
          Li("/programme/midi/", "12:00") + Li("/programme/soir/", "18:00") + "</ul></aside>";
  const V roles = Roles(page);
  ASSERT_EQ(roles.size(), 9u);
  EXPECT_EQ(roles[0], "headline");
  EXPECT_EQ(roles[2], "headline");
  EXPECT_EQ(roles[4], "headline");
  EXPECT_NE(roles[6], "headline");
  EXPECT_NE(roles[8], "headline");
}


// A live ticker whose entries' permalinks have no text at all: the time is
// in the tag (franceinfo's live cards on its home page, heldout3: an empty
// <a class=datetime data-created-at=...> after each entry's text) and the
// URL holds no date, id or slug ("/live/message/5f0/4e3/b98/8dd.html").
// The empty time-stamp links are stories; the same empty links without the
// time mark, and time-marked ones to listing pages, are not.
TEST(SidebarLists, LiveTickerOfEmptyTimeStampLinksIsHeadline) {
  auto cards = [](bool marked, const std::string& path) {
    std::string html = "<div class=livecards>";
    for (int i = 0; i < 3; ++i) {
      const std::string n = std::to_string(i);
      html += "<div class=livecard><div class=livecard-body><p>Un message du direct, numéro " +
              n + ", avec <a href='https://ailleurs.test/page-" + n +
              "'>un lien cité</a>.</p></div><a href='" + path + n + ".html' " +
              (marked ? "class=datetime data-created-at='2020-07-07T23:0" + n + ":01+02:00'"
                      : std::string("class=card-link")) +
              "></a></div>";
    }
    return html + "</div>";
  };
  const V live = Roles(cards(true, "/live/message/5f0/4e3/b98/8d"), "https://news.test/");
  ASSERT_EQ(live.size(), 6u);
  EXPECT_EQ(live[1], "headline");
  EXPECT_EQ(live[3], "headline");
  EXPECT_EQ(live[5], "headline");
  const V unmarked = Roles(cards(false, "/live/message/5f0/4e3/b98/8d"), "https://news.test/");
  ASSERT_EQ(unmarked.size(), 6u);
  EXPECT_NE(unmarked[1], "headline");
  EXPECT_NE(unmarked[5], "headline");
  // Time-marked, but the targets are no items: a listing ("/programme/").
  std::string listing = "<div class=livecards>";
  for (std::string day : {"lundi", "mardi", "mercredi"}) {
    listing += "<div class=livecard><p>Le programme du " + day +
               "</p><a class=datetime data-date=x href='/programme/" + day + "/'></a></div>";
  }
  listing += "</div>";
  for (const std::string& role : Roles(listing, "https://news.test/")) EXPECT_NE(role, "headline");
}


// A trending bar at the top of an article: short topic labels in headings,
// each linking a story with a title slug. A menu of section headings (no
// title slug) stays nav.
TEST(SidebarLists, TrendingBarOfHeadingsOnAnArticleIsHeadline) {
  std::string bar = "<header class=note-header><ul class=glide>";
  for (std::string label : {"Dólar hoy", "Censo", "Champions League"}) {
    bar += "<li class=slide><h2><a href='/politica/una-noticia-larga-sobre-" +
           std::to_string(label.size()) + "-cosas_0_gnIHlIv1vP.html'>" + label + "</a></h2></li>";
  }
  bar += "</ul><ul class=sections>";
  for (std::string section : {"politica", "deportes", "cultura"}) {
    bar += "<li class=slide><h2><a href='/" + section + "/'>" + section + "</a></h2></li>";
  }
  bar += "</ul></header><article><p>Cuerpo.</p></article>";
  EXPECT_EQ(Roles(bar, "https://diario.test/politica/otra-noticia-muy-larga-de-hoy_0_Abc123.html"),
            (V{"headline", "headline", "headline", "nav", "nav", "nav"}));
}

}  // namespace
}  // namespace nc
