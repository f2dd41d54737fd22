// PageProcessor and [crawl] discover_feeds: the feeds a seed page announces,
// and the links-only record of a robots.txt's Sitemap: lines.
#include <gtest/gtest.h>

#include "crawler/page_processor.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

class PageProcessorFeedsTest : public PageProcessorFixture {};

TEST_F(PageProcessorFeedsTest, WithoutDiscoverFeedsSeedPagesAnnounceNoFeed) {
  config_.discover_feeds = false;
  PageProcessor p(config_, scope_);
  FetchContext seed;
  seed.host_key = "www.news.test";
  seed.url.url = "https://www.news.test/";
  seed.url.depth = 0;
  FetchResult fetch;
  fetch.http_status = 200;
  fetch.content_type = "text/html";
  fetch.body =
      "<html><head><link rel='alternate' type='application/rss+xml' href='/rss.xml'></head>"
      "<body><ul><li><a href='/a.html'>Un article</a></li></ul></body></html>";
  storage::PageRecord record = PageOf(p.Process(seed, fetch));
  for (const auto& link : record.links) {
    EXPECT_NE(link.role, LinkRole::kFeed) << link.target;
    EXPECT_NE(link.target, "https://www.news.test/rss.xml");
  }
}

TEST_F(PageProcessorFeedsTest, RobotsSitemapsAreFeedLinksOfTheRobotsTxt) {
  PageProcessor p(config_, scope_);
  auto record = p.RobotsSitemaps("https://WWW.news.test/robots.txt",
                                 {"https://www.news.test/sitemap.xml",
                                  "https://sport.news.test/sitemap-index.xml",
                                  "https://cdn.other.test/news/sitemap.xml",
                                  "/relative-sitemap.xml", "javascript:alert(1)"});
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->url, "https://www.news.test/robots.txt");
  ASSERT_EQ(record->links.size(), 4u);  // javascript: does not resolve to a page
  const auto& own = record->links[0];
  EXPECT_EQ(own.target, "https://www.news.test/sitemap.xml");
  EXPECT_EQ(own.host_key, "www.news.test");
  EXPECT_EQ(own.role, LinkRole::kFeed);
  EXPECT_TRUE(own.follow);
  EXPECT_EQ(own.depth, 1u);  // robots.txt stands beside the seeds
  EXPECT_TRUE(record->links[1].follow);  // same registrable domain
  EXPECT_EQ(record->links[1].host_key, "sport.news.test");
  const auto& foreign = record->links[2];
  EXPECT_FALSE(foreign.follow);
  EXPECT_EQ(foreign.role, LinkRole::kExternal);
  EXPECT_EQ(foreign.reason, SkipReason::kScope);
  // RFC 9309 asks for absolute URLs; a relative one is read against robots.txt.
  EXPECT_EQ(record->links[3].target, "https://www.news.test/relative-sitemap.xml");
}

TEST_F(PageProcessorFeedsTest, RobotsSitemapsObeyMaxDepth) {
  config_.max_depth = 1;
  PageProcessor p(config_, scope_);
  auto record = p.RobotsSitemaps("https://www.news.test/robots.txt",
                                 {"https://www.news.test/sitemap.xml"});
  ASSERT_TRUE(record && record->links.size() == 1);
  EXPECT_TRUE(record->links[0].follow);  // depth 1 <= max_depth
  EXPECT_FALSE(p.RobotsSitemaps("not a url", {"https://www.news.test/sitemap.xml"}).has_value());
}

}  // namespace
}  // namespace nc
