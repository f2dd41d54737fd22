// The fixture site's articles extract exactly (issue 17 acceptance): title,
// date line, paragraphs (chapo first, share line dropped) and the "Articles
// liés" related headlines, against the site's own ground truth.

#include <gtest/gtest.h>

#include "crawler/extract/article.h"
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
