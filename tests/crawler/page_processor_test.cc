#include "crawler/page_processor.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

Url U(const std::string& text) {
  auto url = ParseUrl(text);
  EXPECT_TRUE(url.ok()) << text;
  return *url;
}

class PageProcessorTest : public ::testing::Test {
 protected:
  PageProcessorTest() : scope_({U("https://www.news.test/")}, ScopeMode::kSeedDomains) {}
  FetchContext Context(uint32_t depth = 0) {
    FetchContext c;
    c.host_key = "www.news.test";
    c.url.url = "https://www.news.test/";
    c.url.seq = 7;
    c.url.depth = depth;
    return c;
  }
  FetchResult Html(std::string body) {
    FetchResult r;
    r.http_status = 200;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
  }
  CrawlConfig config_;
  CrawlScope scope_;
};

TEST_F(PageProcessorTest, FollowsHeadlinesAndRelatedNotFooters) {
  PageProcessor p(config_, scope_);
  auto d = p.Decide(U("https://www.news.test/a.html"), LinkRole::kHeadline, 0, false);
  EXPECT_TRUE(d.follow);
  d = p.Decide(U("https://sport.news.test/a.html"), LinkRole::kRelated, 3, false);
  EXPECT_TRUE(d.follow);
  d = p.Decide(U("https://www.news.test/legal"), LinkRole::kFooter, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kRole);
}

TEST_F(PageProcessorTest, OutOfScopeBecomesExternal) {
  PageProcessor p(config_, scope_);
  auto d = p.Decide(U("https://social.test/share"), LinkRole::kHeadline, 0, false);
  EXPECT_EQ(d.role, LinkRole::kExternal);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kScope);
}

TEST_F(PageProcessorTest, NavFollowedOnlyNearTheSeed) {
  PageProcessor p(config_, scope_);  // section_depth = 1
  EXPECT_TRUE(p.Decide(U("https://www.news.test/monde/"), LinkRole::kNav, 0, false).follow);
  auto d = p.Decide(U("https://www.news.test/monde/"), LinkRole::kNav, 1, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kRole);
}

TEST_F(PageProcessorTest, NofollowAndDepthLimitAreReasons) {
  config_.max_depth = 2;
  PageProcessor p(config_, scope_);
  EXPECT_EQ(p.Decide(U("https://www.news.test/a"), LinkRole::kHeadline, 0, true).reason,
            SkipReason::kNofollow);
  EXPECT_EQ(p.Decide(U("https://www.news.test/a"), LinkRole::kHeadline, 2, false).reason,
            SkipReason::kLimit);
  EXPECT_TRUE(p.Decide(U("https://www.news.test/a"), LinkRole::kHeadline, 1, false).follow);
}

TEST_F(PageProcessorTest, ProcessExtractsCanonicalLinksAndCompressesTheBody) {
  PageProcessor p(config_, scope_);
  const std::string html =
      "<html><body><main><ul><li><a href='/monde/article-1.html?utm_source=x#c'>Un titre "
      "d'article assez long</a></li></ul></main><footer><a href='/legal'>Mentions</a></footer>"
      "<a href='mailto:x@y.test'>mail</a></body></html>";
  storage::PageRecord r = p.Process(Context(), Html(html));
  EXPECT_EQ(r.kind, storage::FetchKind::kFetched);
  EXPECT_EQ(r.http_status, 200);
  EXPECT_EQ(r.frontier_seq, 7u);
  ASSERT_EQ(r.links.size(), 2u);  // mailto: is not an edge between pages
  EXPECT_EQ(r.links[0].target, "https://www.news.test/monde/article-1.html");
  EXPECT_EQ(r.links[0].role, LinkRole::kHeadline);
  EXPECT_TRUE(r.links[0].follow);
  EXPECT_EQ(r.links[0].depth, 1u);
  EXPECT_EQ(r.links[1].role, LinkRole::kFooter);
  EXPECT_FALSE(r.links[1].follow);
  EXPECT_EQ(r.body_size, html.size());
  auto body = storage::DecompressBody(r.body_zstd);
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, html);
}

TEST_F(PageProcessorTest, XRobotsTagNofollowStopsFollowingButKeepsEdges) {
  PageProcessor p(config_, scope_);
  FetchResult fetch = Html("<main><ul><li><a href='/a.html'>Un titre d'article assez long</a></li></ul></main>");
  fetch.x_robots_tag = "noarchive, nofollow";
  storage::PageRecord r = p.Process(Context(), std::move(fetch));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kNofollow);
}

TEST_F(PageProcessorTest, RedirectBecomesARedirectEdgeWithAHopCount) {
  config_.max_redirects = 1;
  PageProcessor p(config_, scope_);
  FetchResult fetch;
  fetch.http_status = 301;
  fetch.location = "/new-home/";
  storage::PageRecord r = p.Process(Context(), std::move(fetch));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].role, LinkRole::kRedirect);
  EXPECT_EQ(r.links[0].target, "https://www.news.test/new-home/");
  EXPECT_EQ(r.links[0].redirects, 1u);
  EXPECT_TRUE(r.links[0].follow);
  // One more hop exceeds max_redirects.
  FetchContext second = Context();
  second.url.redirects = 1;
  FetchResult again;
  again.http_status = 302;
  again.location = "https://www.news.test/x";
  r = p.Process(second, std::move(again));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kLimit);
}

TEST_F(PageProcessorTest, NetworkErrorIsRecordedWithItsReason) {
  PageProcessor p(config_, scope_);
  FetchResult fetch;
  fetch.error = FetchError::kTimeout;
  fetch.error_detail = "timeout: read";
  storage::PageRecord r = p.Process(Context(), std::move(fetch));
  EXPECT_EQ(r.kind, storage::FetchKind::kFailed);
  EXPECT_NE(r.error.find("timeout: read"), std::string::npos) << r.error;
}

TEST_F(PageProcessorTest, CorruptGzipKeepsTheRecordWithAnError) {
  PageProcessor p(config_, scope_);
  FetchResult fetch = Html("definitely not gzip");
  fetch.content_encoding = "gzip";
  storage::PageRecord r = p.Process(Context(), std::move(fetch));
  EXPECT_EQ(r.kind, storage::FetchKind::kFetched);
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(r.links.empty());
}

TEST(LooksLikeHtml, ByTypeOrSniffing) {
  EXPECT_TRUE(LooksLikeHtml("text/html; charset=utf-8", ""));
  EXPECT_TRUE(LooksLikeHtml("application/xhtml+xml", ""));
  EXPECT_FALSE(LooksLikeHtml("application/json", "<html>"));
  EXPECT_TRUE(LooksLikeHtml("", "  <!DOCTYPE html><html>"));
  EXPECT_FALSE(LooksLikeHtml("", "%PDF-1.4"));
}

}  // namespace
}  // namespace nc
