// The fixture site's articles extract exactly (issue 17 acceptance): title,
// date line, paragraphs (chapo first, share line dropped) and the "Articles
// liés" related headlines, against the site's own ground truth.

#include <gtest/gtest.h>

#include <map>

#include "crawler/extract/article.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/html_links.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

// 2026-05-01T00:00:00Z: after every fixture article's date.
constexpr int64_t kFetchedAt = 1777593600;

std::pair<std::string, std::string> HostAndTarget(const std::string& url) {
  const size_t host_start = url.find("://") + 3;
  const size_t path_start = url.find('/', host_start);
  return {url.substr(host_start, path_start - host_start), url.substr(path_start)};
}

TEST(ArticleFixture, EveryArticleExtractsExactly) {
  const fixture::NewsSite site({});
  const std::vector<fixture::ArticleTruth> truths = site.ArticleTruths();
  ASSERT_GT(truths.size(), 20u);
  for (const fixture::ArticleTruth& truth : truths) {
    SCOPED_TRACE(truth.url);
    const auto [host, target] = HostAndTarget(truth.url);
    const fixture::SitePage page = site.Get(host, target);
    ASSERT_EQ(page.status, 200);
    const Article article = ExtractArticle(page.body, {truth.url, kFetchedAt});
    EXPECT_EQ(article.title, truth.title);
    EXPECT_EQ(article.date_line, truth.date_label);
    EXPECT_EQ(article.paragraphs, truth.paragraphs);
    EXPECT_EQ(article.canonical_url, truth.url);
    EXPECT_EQ(article.language, "fr");
    ASSERT_TRUE(article.published.has_value());
    EXPECT_EQ(article.published->time.Iso(), truth.published);
    EXPECT_EQ(article.published->source, "json-ld");
    // The date line says "mise à jour": the modified time, zone unknown.
    ASSERT_TRUE(article.modified.has_value());
    EXPECT_EQ(article.modified->time.Iso(), truth.published.substr(0, 19));
    EXPECT_FALSE(article.modified->time.utc_offset_minutes.has_value());
    ASSERT_EQ(article.related.size(), truth.related.size());
    for (size_t i = 0; i < truth.related.size(); ++i) {
      EXPECT_EQ(article.related[i].title, truth.related[i].anchor_text);
      EXPECT_EQ(article.related[i].url, truth.related[i].url);
    }
    EXPECT_TRUE(article.problems.empty()) << article.problems.front();
  }
}

TEST(ArticleFixture, LongArticlesKeepEveryParagraph) {
  fixture::SiteOptions options;
  options.paragraphs_per_article = 64;
  const fixture::NewsSite site(options);
  const fixture::ArticleTruth truth = site.ArticleTruths().front();
  const auto [host, target] = HostAndTarget(truth.url);
  const Article article = ExtractArticle(site.Get(host, target).body, {truth.url, kFetchedAt});
  EXPECT_EQ(article.paragraphs.size(), 65u);
  EXPECT_EQ(article.paragraphs, truth.paragraphs);
}

}  // namespace
}  // namespace nc

namespace nc {
namespace {

// The crawl's path (one tokenizer pass for links and article scan, the
// page's URL for the link roles): the same articles as ExtractArticle, and
// only the article pages are taken for articles (article.h, the rule).
TEST(ArticleFixture, CrawledExtractionTakesExactlyTheArticlePages) {
  const fixture::NewsSite site({});
  std::map<std::string, fixture::ArticleTruth> truths;
  for (fixture::ArticleTruth& t : site.ArticleTruths()) truths.emplace(t.url, std::move(t));
  size_t articles = 0;
  for (const fixture::SitePage& page : site.AllPages()) {
    if (!page.content_type.starts_with("text/html")) continue;  // feeds, robots.txt
    SCOPED_TRACE(page.url);
    PageScanner scanner;
    const PageLinks links = ExtractLinks(page.body, page.url, scanner);
    const std::optional<Article> article =
        ExtractCrawledArticle(page.body, scanner.Finish(), links, {page.url, kFetchedAt});
    auto truth = truths.find(page.url);
    ASSERT_EQ(article.has_value(), truth != truths.end());
    if (!article) continue;
    ++articles;
    EXPECT_EQ(ArticleToJson(*article), ArticleToJson(ExtractArticle(page.body, {page.url, kFetchedAt})));
    EXPECT_EQ(article->title, truth->second.title);
    EXPECT_EQ(article->date_line, truth->second.date_label);
    EXPECT_EQ(article->paragraphs, truth->second.paragraphs);
  }
  EXPECT_EQ(articles, truths.size());
}

// The fused pass finds the same links as link extraction alone.
TEST(ArticleFixture, OnePassGivesTheSameLinksAsLinkExtractionAlone) {
  const fixture::NewsSite site({});
  for (const fixture::SitePage& page : site.AllPages()) {
    PageScanner scanner;
    const PageLinks fused = ExtractLinks(page.body, page.url, scanner);
    const PageLinks alone = ExtractLinks(page.body, page.url);
    ASSERT_EQ(fused.links.size(), alone.links.size()) << page.url;
    for (size_t i = 0; i < fused.links.size(); ++i) {
      EXPECT_EQ(fused.links[i].href, alone.links[i].href);
      EXPECT_EQ(fused.links[i].anchor_text, alone.links[i].anchor_text);
      EXPECT_EQ(fused.links[i].role, alone.links[i].role);
    }
    EXPECT_EQ(fused.title, alone.title);
  }
}

}  // namespace
}  // namespace nc
