// [[site]] CSS-selector role overrides (Modest): selectors beat the
// heuristic, unmatched links keep it, alignment failures fall back and are
// counted, bad selectors are config errors naming the key.

#include "crawler/extract/css_selector_roles.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "fixture/news_site.h"
#include "tests/crawler/extract/french_home_page.h"

namespace nc {
namespace {

std::unique_ptr<CssSelectorRoles> Make(std::vector<SiteRules> sites) {
  auto roles = CssSelectorRoles::Create(sites);
  EXPECT_TRUE(roles.ok()) << roles.error().message;
  return roles.ok() ? std::move(*roles) : nullptr;
}

std::vector<LinkRole> Roles(const std::vector<ExtractedLink>& links) {
  std::vector<LinkRole> roles;
  for (const auto& link : links) roles.push_back(link.role);
  return roles;
}

using testing::kFrenchHome;

TEST(CssSelectorRoles, FrenchHomepageSelectorsBeatTheHeuristic) {
  PageLinks page = ExtractLinks(kFrenchHome);
  ASSERT_EQ(page.links.size(), 6u);
  // What the heuristic says, so the test shows the override changes it.
  EXPECT_EQ(Roles(page.links),
            (std::vector<LinkRole>{LinkRole::kHeadline, LinkRole::kHeadline, LinkRole::kOther,
                                   LinkRole::kOther, LinkRole::kOther, LinkRole::kFooter}));
  auto roles = Make({SiteRules{"www.lejournal.test", "div.fil a", "", ".barre", ""}});
  const CssSelectorRoles::Site* site = roles->ForHost("www.lejournal.test");
  ASSERT_NE(site, nullptr);
  EXPECT_EQ(roles->Apply(*site, kFrenchHome, page.links), CssSelectorRoles::Outcome::kApplied);
  EXPECT_EQ(Roles(page.links),
            (std::vector<LinkRole>{LinkRole::kNav, LinkRole::kNav,  // inside a matched element
                                   LinkRole::kHeadline, LinkRole::kHeadline,
                                   LinkRole::kOther,     // matched by nothing: heuristic kept
                                   LinkRole::kFooter}));
  EXPECT_EQ(page.links[2].anchor_text, "Grève");  // our extractor's fields are kept
  EXPECT_EQ(roles->fallbacks(), 0u);
}

// An English article whose related stories are paragraphs in a block with
// an opaque class (heuristic: other), and whose footer is a plain div.
constexpr const char* kEnglishArticle = R"(<html><body>
<article><h1>Markets fall</h1>
<p>Shares fell on Monday, see <a href="https://www.daily.test/markets">markets</a>.</p>
</article>
<div class="mlt">
  <p><a href="/story/2">Markets rally again after the vote</a></p>
  <p><a href="/story/3?x=1&amp;y=2">Bond yields climb to a two-year high</a></p>
</div>
<div id="bottom"><a href="/terms">Terms</a> <a href="/privacy">Privacy</a></div>
</body></html>)";

TEST(CssSelectorRoles, EnglishArticleRelatedAndFooterOverrides) {
  PageLinks page = ExtractLinks(kEnglishArticle);
  ASSERT_EQ(page.links.size(), 5u);
  EXPECT_EQ(page.links[1].role, LinkRole::kOther);
  EXPECT_EQ(page.links[3].role, LinkRole::kOther);
  auto roles = Make({SiteRules{"www.daily.test", "", ".mlt p>a", "", "#bottom"}});  // MyCSS needs "p > a": normalized
  ASSERT_EQ(roles->Apply(*roles->ForHost("www.daily.test"), kEnglishArticle, page.links),
            CssSelectorRoles::Outcome::kApplied);
  EXPECT_EQ(Roles(page.links),
            (std::vector<LinkRole>{LinkRole::kOther, LinkRole::kRelated, LinkRole::kRelated,
                                   LinkRole::kFooter, LinkRole::kFooter}));
  EXPECT_EQ(page.links[2].href, "/story/3?x=1&y=2");  // references decoded on both sides
}

TEST(CssSelectorRoles, HeadlineWinsWhenSeveralSelectorsMatch) {
  std::string html = R"(<nav><a href="/a">A long story about the nav</a><a href="/b">b</a></nav>)";
  PageLinks page = ExtractLinks(html);
  auto roles = Make({SiteRules{"h.test", "a[href='/a']", "", "nav", ""}});
  ASSERT_EQ(roles->Apply(*roles->ForHost("h.test"), html, page.links),
            CssSelectorRoles::Outcome::kApplied);
  EXPECT_EQ(Roles(page.links), (std::vector<LinkRole>{LinkRole::kHeadline, LinkRole::kNav}));
}

TEST(CssSelectorRoles, ReorderedTreeFallsBackToTheHeuristicAndIsCounted) {
  // HTML5 foster-parents the second <a> (directly inside <table>) before the
  // table, so Modest's order is /2, /1 while the source order is /1, /2.
  std::string html =
      R"(<table><tr><td><a href="/1">Un premier titre assez long</a></td></tr>)"
      R"(<a href="/2">Un second titre assez long</a></table>)";
  PageLinks page = ExtractLinks(html);
  ASSERT_EQ(page.links.size(), 2u);
  const std::vector<LinkRole> heuristic = Roles(page.links);
  auto roles = Make({SiteRules{"h.test", "a", "", "", ""}});
  EXPECT_EQ(roles->Apply(*roles->ForHost("h.test"), html, page.links),
            CssSelectorRoles::Outcome::kMisaligned);
  EXPECT_EQ(Roles(page.links), heuristic);
  EXPECT_EQ(roles->fallbacks(), 1u);
}

// Modest builds the tree with scripting off, as our extractor reads
// <noscript>: its links line up and take the selectors' roles.
TEST(CssSelectorRoles, NoscriptLinksAlign) {
  std::string html =
      R"(<div class=promo><noscript><a href="/1">Un premier titre assez long</a></noscript>)"
      R"(<a href="/2">Un second titre assez long</a></div>)";
  PageLinks page = ExtractLinks(html);
  ASSERT_EQ(page.links.size(), 2u);
  auto roles = Make({SiteRules{"h.test", ".promo a", "", "", ""}});
  EXPECT_EQ(roles->Apply(*roles->ForHost("h.test"), html, page.links),
            CssSelectorRoles::Outcome::kApplied);
  EXPECT_EQ(Roles(page.links), (std::vector<LinkRole>{LinkRole::kHeadline, LinkRole::kHeadline}));
  EXPECT_EQ(roles->fallbacks(), 0u);
}

TEST(CssSelectorRoles, LinkCountMismatchFallsBack) {
  // Our extractor knows these links; hand it one too many.
  std::string html = R"(<ul><li><a href="/1">One two three</a></li></ul>)";
  PageLinks page = ExtractLinks(html);
  page.links.push_back(page.links[0]);
  auto roles = Make({SiteRules{"h.test", "ul a", "", "", ""}});
  EXPECT_EQ(roles->Apply(*roles->ForHost("h.test"), html, page.links),
            CssSelectorRoles::Outcome::kMisaligned);
  page.links.resize(0);
  EXPECT_EQ(roles->Apply(*roles->ForHost("h.test"), html, page.links),
            CssSelectorRoles::Outcome::kMisaligned);
  EXPECT_EQ(roles->fallbacks(), 2u);
}

TEST(CssSelectorRoles, UsualSelectorsCompile) {
  for (const char* good : {"ul.headlines a", "a[href='/x']", "a[href=\"x\"]", "#une > h2 a",
                           "div:nth-child(2n+1) a", "section.related a, aside a",
                           "[data-role=headline]", "h2 + ul a", "p >> a", "[href]",
                           "a[title~='x'] , b", "ul>li>a", "li:first-child a",
                           "li:nth-of-type(odd) a", "a[class~='\xc3\xa0-la-une']"}) {
    EXPECT_TRUE(CssSelectorRoles::Create({SiteRules{"a.test", good, "", "", ""}}).ok()) << good;
  }
}

TEST(CssSelectorRoles, OnlyHostsWithATableHaveRules) {
  auto roles = Make({SiteRules{"www.lejournal.test", "a", "", "", ""}});
  EXPECT_NE(roles->ForHost("www.lejournal.test"), nullptr);
  EXPECT_EQ(roles->ForHost("sport.lejournal.test"), nullptr);
  EXPECT_EQ(roles->ForHost("lejournal.test"), nullptr);
}

TEST(CssSelectorRoles, InvalidSelectorIsAConfigErrorNamingTheKey) {
  // MyCSS flags only some of these itself; the rest are caught on top.
  for (const char* bad : {"ul..x", "a[", "::", "div >", "a:nonexistent-pseudo", "a[href=x", "a,",
                          "p > > a", ".", "   ", "a:not(", "a ,, b", "a + ~ b", "> a",
                          "a >>> b", "a ~~ b", "|", "svg|a", "a:has(> b)",
                          "a:hover", "div::before", "a:not(.pub)", "a\x01", "a{b}", "a\\:b",
                          "a.\xc3\xa0-la-une", "[x=k]a\x80\x80 b"}) {
    auto roles = CssSelectorRoles::Create(
        {SiteRules{"a.test", "a", "", "", ""}, SiteRules{"b.test", "", "", bad, ""}});
    ASSERT_FALSE(roles.ok()) << bad;
    EXPECT_EQ(roles.error().code, "config.invalid");
    EXPECT_NE(roles.error().message.find("key 'site[1].nav': invalid CSS selector"),
              std::string::npos)
        << roles.error().message;
  }
}

TEST(CssSelectorRoles, EveryFixturePageAligns) {
  // The fixture's markup is what real news sites look like: alignment must
  // hold on all of it, or the overrides would silently not apply.
  const fixture::NewsSite site{fixture::SiteOptions{}};
  auto roles = Make({SiteRules{"h.test", "main a", "", "header a, nav a", "footer"}});
  size_t pages = 0;
  for (const fixture::SitePage& page : site.AllPages()) {
    PageLinks links = ExtractLinks(page.body);
    EXPECT_EQ(roles->Apply(*roles->ForHost("h.test"), page.body, links.links),
              CssSelectorRoles::Outcome::kApplied)
        << page.url;
    ++pages;
  }
  EXPECT_GT(pages, 20u);
  EXPECT_EQ(roles->fallbacks(), 0u);
}

TEST(CssSelectorRoles, ConcurrentPagesOnWorkerThreadsGiveTheSameRoles) {
  // Workers share the compiled selectors; each thread has its own parser.
  // Run under TSan (scripts/run sanitize tsan) this checks that sharing.
  auto roles = Make({SiteRules{"www.lejournal.test", "div.fil a", "", ".barre", ""}});
  const CssSelectorRoles::Site* site = roles->ForHost("www.lejournal.test");
  PageLinks expected = ExtractLinks(kFrenchHome);
  ASSERT_EQ(roles->Apply(*site, kFrenchHome, expected.links), CssSelectorRoles::Outcome::kApplied);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        PageLinks page = ExtractLinks(kFrenchHome);
        if (roles->Apply(*site, kFrenchHome, page.links) != CssSelectorRoles::Outcome::kApplied ||
            Roles(page.links) != Roles(expected.links)) {
          ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(CssSelectorRoles, SharedTestPagesAlign) {
  auto roles = Make({SiteRules{"h.test", "a", "", "", ""}});
  for (const char* name : {"en_article.html", "en_homepage.html", "fr_article.html",
                           "fr_homepage.html", "fr_section.html"}) {
    std::ifstream in(std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/crawler/extract/testdata/" + name);
    std::stringstream buffer;
    buffer << in.rdbuf();
    const std::string html = buffer.str();
    ASSERT_FALSE(html.empty()) << name;
    PageLinks links = ExtractLinks(html);
    EXPECT_EQ(roles->Apply(*roles->ForHost("h.test"), html, links.links),
              CssSelectorRoles::Outcome::kApplied)
        << name;
    for (const auto& link : links.links) EXPECT_EQ(link.role, LinkRole::kHeadline) << name;
  }
}

}  // namespace
}  // namespace nc
