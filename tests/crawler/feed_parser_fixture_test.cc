// The fixture site's robots.txt Sitemap: lines, sitemaps and RSS feed read
// by the crawler's own parsers: what they list is exactly what the site's
// generator recorded as their links (the ground truth of the crawl tests),
// orphans included.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crawler/extract/feed_parser.h"
#include "crawler/page_processor.h"
#include "fixture/news_site.h"
#include "frontier/robots.h"

namespace nc {
namespace {

constexpr char kWww[] = "www.lejournal.test";

bool IsXml(const fixture::SitePage& page) {
  return page.content_type.find("xml") != std::string::npos;
}

TEST(FeedParserFixtureTest, EverySitemapAndFeedListsExactlyItsLinks) {
  const fixture::NewsSite site{fixture::SiteOptions{}};
  size_t documents = 0;
  for (const fixture::SitePage& page : site.AllPages()) {
    if (!IsXml(page)) continue;
    SCOPED_TRACE(page.url);
    ++documents;
    EXPECT_TRUE(LooksLikeFeed(page.content_type, page.body, page.url));
    // nginx serves the static copy as text/plain: the body alone must do.
    EXPECT_TRUE(LooksLikeFeed("text/plain", page.body, page.url));
    Result<FeedDocument> doc = ParseFeed(page.body);
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    EXPECT_EQ(doc->incomplete, "");
    ASSERT_EQ(doc->entries.size(), page.links.size());
    for (size_t i = 0; i < page.links.size(); ++i) {
      EXPECT_EQ(doc->entries[i].url, page.links[i].url);
      EXPECT_EQ(doc->entries[i].title, page.links[i].anchor_text);
      // A sitemap index lists sitemaps; every other document lists pages.
      EXPECT_EQ(page.links[i].kind, doc->kind == FeedKind::kSitemapIndex
                                        ? fixture::LinkKind::kFeed
                                        : fixture::LinkKind::kHeadline);
    }
  }
  EXPECT_EQ(documents, 5u);  // www: sitemap, index, news sitemap, RSS; sport: sitemap
}

TEST(FeedParserFixtureTest, FeedsNameTheirOrphans) {
  const fixture::NewsSite site{fixture::SiteOptions{}};
  auto urls_of = [&](const char* path, FeedKind kind) {
    Result<FeedDocument> doc = ParseFeed(site.Get(kWww, path).body);
    EXPECT_TRUE(doc.ok()) << path;
    std::vector<std::string> urls;
    if (!doc.ok()) return urls;
    EXPECT_EQ(doc->kind, kind) << path;
    for (const FeedEntry& e : doc->entries) urls.push_back(e.url);
    return urls;
  };
  auto has = [](const std::vector<std::string>& urls, const std::string& url) {
    return std::find(urls.begin(), urls.end(), url) != urls.end();
  };
  const auto rss = urls_of("/rss.xml", FeedKind::kRss);
  const auto news = urls_of("/news-sitemap.xml", FeedKind::kUrlset);
  const auto sitemap = urls_of("/sitemap.xml", FeedKind::kUrlset);
  const auto index = urls_of("/sitemap-index.xml", FeedKind::kSitemapIndex);
  EXPECT_TRUE(has(rss, site.RssOrphanUrl()));
  EXPECT_TRUE(has(news, site.NewsSitemapOrphanUrl()));
  EXPECT_TRUE(has(sitemap, site.OrphanUrl()));
  EXPECT_FALSE(has(sitemap, site.RssOrphanUrl()));
  EXPECT_FALSE(has(sitemap, site.NewsSitemapOrphanUrl()));
  EXPECT_TRUE(has(index, site.HomepageUrl(kWww) + "news-sitemap.xml"));

  // Google News: news:title and news:publication_date are read.
  Result<FeedDocument> doc = ParseFeed(site.Get(kWww, "/news-sitemap.xml").body);
  ASSERT_TRUE(doc.ok() && !doc->entries.empty());
  EXPECT_EQ(doc->entries[0].title.rfind("Dernière minute : ", 0), 0u) << doc->entries[0].title;
  EXPECT_EQ(doc->entries[0].published.rfind("2026-04-16T", 0), 0u);
}

TEST(FeedParserFixtureTest, RobotsSitemapLinesAreTheRobotsLinks) {
  const fixture::NewsSite site{fixture::SiteOptions{}};
  for (const std::string& host : site.Hosts()) {
    const fixture::SitePage robots = site.Get(host, "/robots.txt");
    SCOPED_TRACE(host);
    std::vector<std::string> want;
    for (const fixture::SiteLink& link : robots.links) want.push_back(link.url);
    EXPECT_EQ(RobotsRules::Parse(robots.body, "newscrawl").sitemaps(), want);
  }
}

}  // namespace
}  // namespace nc
