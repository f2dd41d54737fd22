#include "crawler/page_processor.h"

#include <gtest/gtest.h>

#include "fixture/gzip.h"
#include "storage/body_codec.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

class PageProcessorTest : public PageProcessorFixture {
 protected:
  // The record of the seed page answered with `body` under Content-Encoding
  // `coding`, by a processor built from config_ and scope_.
  storage::PageRecord ProcessCoded(std::string body, std::string coding) {
    PageProcessor p(config_, scope_);
    FetchResult fetch = Html(std::move(body));
    fetch.content_encoding = std::move(coding);
    return PageOf(p.Process(Context(), std::move(fetch)));
  }
  // The record of `url`, found at `depth` and answered 200 with `body` of
  // `content_type`, by a processor built from config_ and scope_.
  storage::PageRecord ProcessFeed(const std::string& url, uint32_t depth, std::string content_type,
                                  std::string body);
};

// The decision itself is FollowPolicy's (tests/frontier/follow_policy_test.cc).
TEST_F(PageProcessorTest, DecideAsksTheFollowPolicy) {
  config_.follow_roles = {"related"};
  PageProcessor p(config_, scope_);
  EXPECT_TRUE(p.Decide(U("https://sport.news.test/a.html"), LinkRole::kRelated, 3, false).follow);
  EXPECT_EQ(p.Decide(U("https://www.news.test/a.html"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kRole);
  auto d = p.Decide(U("https://social.test/share"), LinkRole::kRelated, 0, false);
  EXPECT_EQ(d.role, LinkRole::kExternal);
  EXPECT_EQ(d.reason, SkipReason::kScope);
}

TEST_F(PageProcessorTest, ProcessExtractsCanonicalLinksAndCompressesTheBody) {
  PageProcessor p(config_, scope_);
  const std::string html =
      "<html><body><main><ul><li><a href='/monde/article-1.html?utm_source=x#c'>Un titre "
      "d'article assez long</a></li></ul></main><footer><a href='/legal'>Mentions</a></footer>"
      "<a href='mailto:x@y.test'>mail</a></body></html>";
  storage::PageRecord r = PageOf(p.Process(Context(), Html(html)));
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
  storage::PageRecord r = PageOf(p.Process(Context(), std::move(fetch)));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kNofollow);
}

TEST_F(PageProcessorTest, RedirectBecomesARedirectEdgeWithAHopCount) {
  config_.max_redirects = 1;
  PageProcessor p(config_, scope_);
  storage::PageRecord r = PageOf(p.Process(Context(), Redirect("/new-home/", 301)));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].role, LinkRole::kRedirect);
  EXPECT_EQ(r.links[0].target, "https://www.news.test/new-home/");
  EXPECT_EQ(r.links[0].redirects, 1u);
  EXPECT_TRUE(r.links[0].follow);
  // One more hop exceeds max_redirects.
  FetchContext second = Context();
  second.url.redirects = 1;
  r = PageOf(p.Process(second, Redirect("https://www.news.test/x")));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kLimit);
}

// Issue 11: a -> b -> a and longer loops end with redirect-loop on the page
// whose redirect closes the loop; the chain travels with the queued target.
TEST_F(PageProcessorTest, RedirectBackIntoItsChainIsALoopOfAnyLength) {
  PageProcessor p(config_, scope_);
  // a (the seed) -> b: b is queued with the chain [a].
  FetchContext a = Context();
  a.url.url = "https://www.news.test/loop/a";
  storage::PageRecord ra = PageOf(p.Process(a, Redirect("/loop/b")));
  EXPECT_EQ(ra.reason, FailureReason::kNone);
  ASSERT_EQ(ra.links.size(), 1u);
  ASSERT_TRUE(ra.links[0].follow);
  EXPECT_EQ(ra.links[0].redirect_chain, RedirectChain{RedirectFingerprint(a.url.url)});

  // b -> a: a is in b's chain, a loop of 2 hops.
  FetchContext b = Context();
  b.url.url = "https://www.news.test/loop/b";
  b.url.redirects = 1;
  b.url.redirect_chain = ra.links[0].redirect_chain;
  storage::PageRecord rb = PageOf(p.Process(b, Redirect("/loop/a")));
  EXPECT_EQ(rb.reason, FailureReason::kRedirectLoop);
  EXPECT_EQ(rb.error,
            "redirect: https://www.news.test/loop/b redirects back to "
            "https://www.news.test/loop/a, a loop of 2 hops");
  EXPECT_EQ(rb.redirect_chain, b.url.redirect_chain);  // kept for a retry of b

  // b -> c: not a loop; c -> b is one of 2 hops, c -> a one of 3.
  storage::PageRecord to_c = PageOf(p.Process(b, Redirect("/loop/c")));
  EXPECT_EQ(to_c.reason, FailureReason::kNone);
  ASSERT_EQ(to_c.links.size(), 1u);
  FetchContext c = Context();
  c.url.url = "https://www.news.test/loop/c";
  c.url.redirects = 2;
  c.url.redirect_chain = to_c.links[0].redirect_chain;
  ASSERT_EQ(c.url.redirect_chain.size(), 2u);
  EXPECT_EQ(PageOf(p.Process(c, Redirect("/loop/b"))).error,
            "redirect: https://www.news.test/loop/c redirects back to "
            "https://www.news.test/loop/b, a loop of 2 hops");
  storage::PageRecord three = PageOf(p.Process(c, Redirect("/loop/a")));
  EXPECT_EQ(three.reason, FailureReason::kRedirectLoop);
  EXPECT_NE(three.error.find("a loop of 3 hops"), std::string::npos) << three.error;

  // To itself, as before; a redirect elsewhere with a chain is no loop.
  storage::PageRecord self = PageOf(p.Process(c, Redirect("/loop/c")));
  EXPECT_EQ(self.reason, FailureReason::kRedirectLoop);
  EXPECT_EQ(self.error, "redirect: https://www.news.test/loop/c redirects to itself");
  EXPECT_EQ(PageOf(p.Process(c, Redirect("/elsewhere"))).reason, FailureReason::kNone);
}

TEST_F(PageProcessorTest, NetworkErrorIsRecordedWithItsReason) {
  PageProcessor p(config_, scope_);
  FetchResult fetch;
  fetch.error = FetchError::kTimeout;
  fetch.error_detail = "timeout: read";
  storage::PageRecord r = PageOf(p.Process(Context(), std::move(fetch)));
  EXPECT_EQ(r.kind, storage::FetchKind::kFailed);
  EXPECT_NE(r.error.find("timeout: read"), std::string::npos) << r.error;
}

TEST_F(PageProcessorTest, CorruptGzipKeepsTheRecordWithAnError) {
  storage::PageRecord r = ProcessCoded("definitely not gzip", "gzip");
  EXPECT_EQ(r.kind, storage::FetchKind::kFetched);
  EXPECT_FALSE(r.error.empty());
  EXPECT_TRUE(r.links.empty());
}

// The exchange as it happened is kept for an exact archive: the request,
// the peer, and a content-coded body as received beside the decoded one.
TEST_F(PageProcessorTest, ContentCodedBodyIsKeptAsReceivedWithRequestAndPeer) {
  PageProcessor p(config_, scope_);
  const std::string html = "<html><body><a href=\"/a\">A</a></body></html>";
  Result<std::string> gzipped = fixture::GzipCompress(html);  // nc::fixture
  ASSERT_TRUE(gzipped.ok());
  FetchResult fetch = Html(*gzipped);
  fetch.content_encoding = "gzip";
  fetch.request = "GET / HTTP/1.1\r\nHost: www.news.test\r\n\r\n";
  fetch.peer_address = "192.0.2.1";
  storage::PageRecord r = PageOf(p.Process(Context(), std::move(fetch)));
  EXPECT_EQ(r.request, "GET / HTTP/1.1\r\nHost: www.news.test\r\n\r\n");
  EXPECT_EQ(r.peer_address, "192.0.2.1");
  EXPECT_TRUE(r.received_body_differs);
  EXPECT_EQ(r.received_body, *gzipped);
  EXPECT_EQ(r.body_size, html.size());
  EXPECT_EQ(r.links.size(), 1u);
}

// Issue 11: a bomb is a failure with its reason; its max_body_bytes of
// filler is neither scanned for links nor stored (the peak RSS of the
// hostile defaults run held one such body per worker through extraction).
TEST_F(PageProcessorTest, DecompressionBombKeepsOnlyTheBodyAsReceived) {
  config_.max_body_bytes = 1 << 20;
  std::string filler = "<html><body><a href=\"/a\">A</a>";
  filler.resize(4 << 20, ' ');
  Result<std::string> bomb = fixture::GzipCompress(filler);
  ASSERT_TRUE(bomb.ok());
  ASSERT_LT(bomb->size(), 10u << 10);
  storage::PageRecord r = ProcessCoded(*bomb, "gzip");
  EXPECT_EQ(r.kind, storage::FetchKind::kFetched);
  EXPECT_EQ(r.reason, FailureReason::kDecompressionBomb);
  EXPECT_EQ(r.error, "content: gzip body of " + std::to_string(bomb->size()) +
                         " bytes inflates past max_body_bytes (1048576)");
  EXPECT_TRUE(r.body_truncated);
  EXPECT_EQ(r.body_size, 0u);
  EXPECT_TRUE(r.body_zstd.empty());
  EXPECT_TRUE(r.links.empty());
  EXPECT_TRUE(r.received_body_differs);
  EXPECT_EQ(r.received_body, *bomb);
}

TEST_F(PageProcessorTest, BodyWithoutCodingIsKeptOnce) {
  for (const char* coding : {"identity", ""}) {
    SCOPED_TRACE(::testing::Message() << "Content-Encoding \"" << coding << "\"");
    storage::PageRecord r = ProcessCoded("<html>same</html>", coding);
    EXPECT_FALSE(r.received_body_differs);
    EXPECT_EQ(r.received_body, "");
  }
}

TEST_F(PageProcessorTest, UndecodableBodyIsStillKeptAsReceived) {
  storage::PageRecord r = ProcessCoded("definitely not gzip", "gzip");
  EXPECT_TRUE(r.received_body_differs);
  EXPECT_EQ(r.received_body, "definitely not gzip");
  EXPECT_EQ(r.body_zstd, "");
}

TEST(LooksLikeHtml, ByTypeOrSniffing) {
  EXPECT_TRUE(LooksLikeHtml("text/html; charset=utf-8", ""));
  EXPECT_TRUE(LooksLikeHtml("application/xhtml+xml", ""));
  EXPECT_FALSE(LooksLikeHtml("application/json", "<html>"));
  EXPECT_TRUE(LooksLikeHtml("", "  <!DOCTYPE html><html>"));
  EXPECT_FALSE(LooksLikeHtml("", "%PDF-1.4"));
}


// ---- feeds and sitemaps ----

FetchResult Xml(std::string content_type, std::string body) {
  FetchResult r;
  r.http_status = 200;
  r.content_type = std::move(content_type);
  r.body = std::move(body);
  return r;
}

FetchContext At(const std::string& url, uint32_t depth) {
  FetchContext c;
  c.host_key = "www.news.test";
  c.url.url = url;
  c.url.depth = depth;
  return c;
}

storage::PageRecord PageProcessorTest::ProcessFeed(const std::string& url, uint32_t depth,
                                                   std::string content_type, std::string body) {
  PageProcessor p(config_, scope_);
  return PageOf(p.Process(At(url, depth), Xml(std::move(content_type), std::move(body))));
}

TEST_F(PageProcessorTest, SitemapEntriesBecomeHeadlineOutlinks) {
  const std::string sitemap =
      "<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
      "xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'>"
      "<url><loc>https://www.news.test/monde/orphelin.html?utm_source=sitemap</loc>"
      "<news:news><news:title>Un article que rien ne lie</news:title></news:news></url>"
      "<url><loc>https://elsewhere.test/x.html</loc></url></urlset>";
  storage::PageRecord r =
      ProcessFeed("https://www.news.test/sitemap.xml", 1, "application/xml", sitemap);
  EXPECT_TRUE(r.error.empty()) << r.error;
  ASSERT_EQ(r.links.size(), 2u);
  EXPECT_EQ(r.links[0].target, "https://www.news.test/monde/orphelin.html");
  EXPECT_EQ(r.links[0].role, LinkRole::kHeadline);
  EXPECT_EQ(r.links[0].anchor_text, "Un article que rien ne lie");
  EXPECT_TRUE(r.links[0].follow);
  EXPECT_EQ(r.links[0].depth, 2u);
  EXPECT_EQ(r.links[1].role, LinkRole::kExternal);
  EXPECT_EQ(r.links[1].reason, SkipReason::kScope);
  EXPECT_EQ(r.body_size, sitemap.size());  // the body is stored as fetched
}

TEST_F(PageProcessorTest, SitemapIndexChildrenAreFollowedFeedLinks) {
  config_.follow_roles = {"headline"};  // feed is followed without being listed
  storage::PageRecord r =
      ProcessFeed("https://www.news.test/sitemap.xml", 0, "",
                  "<sitemapindex><sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>");
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].target, "https://www.news.test/sitemap-news.xml");
  EXPECT_EQ(r.links[0].role, LinkRole::kFeed);
  EXPECT_TRUE(r.links[0].follow);
}

TEST_F(PageProcessorTest, RssAndAtomEntriesAreHeadlines) {
  storage::PageRecord rss = ProcessFeed(
      "https://www.news.test/rss.xml", 1, "application/rss+xml; charset=utf-8",
      "<rss><channel><item><title>T</title><link>https://www.news.test/a.html</link></item>"
      "</channel></rss>");
  ASSERT_EQ(rss.links.size(), 1u);
  EXPECT_EQ(rss.links[0].role, LinkRole::kHeadline);
  EXPECT_EQ(rss.links[0].anchor_text, "T");
  storage::PageRecord atom = ProcessFeed(
      "https://www.news.test/atom", 1, "application/atom+xml",
      "<feed xmlns='http://www.w3.org/2005/Atom'><entry><link href='/b.html'/></entry></feed>");
  ASSERT_EQ(atom.links.size(), 1u);
  EXPECT_EQ(atom.links[0].target, "https://www.news.test/b.html");
  EXPECT_TRUE(atom.links[0].follow);
}

TEST_F(PageProcessorTest, GzipSitemapServedWithoutContentEncoding) {
  auto gz = fixture::GzipCompress(
      "<urlset><url><loc>https://www.lejournal.test/gz.html</loc></url></urlset>");
  ASSERT_TRUE(gz.ok());
  storage::PageRecord r =
      ProcessFeed("https://www.news.test/sitemap-1.xml.gz", 1, "application/octet-stream", *gz);
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].target, "https://www.lejournal.test/gz.html");
  EXPECT_EQ(r.links[0].role, LinkRole::kExternal);  // another site: recorded, not followed
}

TEST_F(PageProcessorTest, MalformedFeedKeepsTheRecordWithTheParserError) {
  storage::PageRecord r =
      ProcessFeed("https://www.news.test/rss.xml", 1, "text/xml", "<rss><channel><item></rss>");
  EXPECT_EQ(r.kind, storage::FetchKind::kFetched);
  EXPECT_TRUE(r.links.empty());
  EXPECT_NE(r.error.find("feed: line 1"), std::string::npos) << r.error;
}

TEST_F(PageProcessorTest, FeedLinkOnSeedPageBecomesAFollowedFeedOutlink) {
  PageProcessor p(config_, scope_);
  const std::string html =
      "<html><head><link rel='alternate' type='application/rss+xml' href='/rss.xml'>"
      "<link rel='stylesheet' type='text/css' href='/s.css'>"
      "<LINK REL='Alternate' TYPE='application/atom+xml; charset=utf-8' href='https://www.news.test/atom'>"
      "</head><body></body></html>";
  storage::PageRecord seed = PageOf(p.Process(Context(0), Html(html)));
  ASSERT_EQ(seed.links.size(), 2u);
  EXPECT_EQ(seed.links[0].target, "https://www.news.test/rss.xml");
  EXPECT_EQ(seed.links[0].role, LinkRole::kFeed);
  EXPECT_TRUE(seed.links[0].follow);
  EXPECT_EQ(seed.links[0].depth, 1u);
  EXPECT_EQ(seed.links[1].target, "https://www.news.test/atom");
  // Deeper pages repeat the site's feeds: not taken from them.
  storage::PageRecord deeper = PageOf(p.Process(Context(1), Html(html)));
  EXPECT_TRUE(deeper.links.empty());
}

TEST_F(PageProcessorTest, XmlLookingBodiesAreFeeds) {
  EXPECT_TRUE(LooksLikeFeed("text/xml; charset=utf-8", "", "https://a.test/x"));
  EXPECT_TRUE(LooksLikeFeed("application/rss+xml", "", "https://a.test/x"));
  EXPECT_TRUE(LooksLikeFeed("", "\xEF\xBB\xBF  <?xml version='1.0'?>", "https://a.test/x"));
  EXPECT_TRUE(LooksLikeFeed("text/plain", "<urlset>", "https://a.test/x"));
  EXPECT_TRUE(LooksLikeFeed("application/x-gzip", "\x1f\x8b..", "https://a.test/S.XML.GZ?v=1"));
  EXPECT_FALSE(LooksLikeFeed("application/x-gzip", "\x1f\x8b..", "https://a.test/file.gz"));
  EXPECT_FALSE(LooksLikeFeed("text/html", "<?xml version='1.0'?><html>", "https://a.test/"));
  EXPECT_FALSE(LooksLikeFeed("", "<html>", "https://a.test/"));
}

TEST_F(PageProcessorTest, XhtmlWithXmlDeclarationIsStillReadAsHtml) {
  PageProcessor p(config_, scope_);
  FetchResult fetch = Xml("", "<?xml version='1.0'?><html><body><main><ul><li>"
                              "<a href='/a.html'>Un titre d'article assez long</a></li></ul>"
                              "</main></body></html>");
  storage::PageRecord r = PageOf(p.Process(Context(), std::move(fetch)));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].role, LinkRole::kHeadline);
}

}  // namespace
}  // namespace nc

namespace nc {
namespace {

TEST(TransientFailure, RetriesTimeoutsAnd5xxUntilMaxRetries) {
  CrawlConfig config;
  config.max_retries = 2;
  CrawlScope scope({*ParseUrl("https://www.news.test/")}, ScopeMode::kSeedDomains);
  PageProcessor p(config, scope);
  FetchContext context{"www.news.test", QueuedUrl{7, "https://www.news.test/a", 1, 0, 0}};
  FetchResult busy;
  busy.http_status = 503;
  EXPECT_TRUE(std::holds_alternative<storage::RetryLater>(p.Process(context, busy)));
  context.url.attempts = 2;  // max_retries reached: the failure is the outcome
  EXPECT_FALSE(std::holds_alternative<storage::RetryLater>(p.Process(context, busy)));

  context.url.attempts = 0;
  FetchResult timeout;
  timeout.error = FetchError::kTimeout;
  EXPECT_TRUE(std::holds_alternative<storage::RetryLater>(p.Process(context, timeout)));
  FetchResult tls;
  tls.error = FetchError::kTls;  // a certificate problem does not fix itself
  EXPECT_FALSE(std::holds_alternative<storage::RetryLater>(p.Process(context, tls)));
  FetchResult missing;
  missing.http_status = 404;
  EXPECT_FALSE(std::holds_alternative<storage::RetryLater>(p.Process(context, missing)));
}

}  // namespace
}  // namespace nc

namespace nc {
namespace {

// Issue 11 item 2: a response still arriving at total_timeout is not tried
// again (a drip or slowloris host held each URL (max_retries + 1) x
// total_timeout, 3 minutes with the defaults); the other timeouts are.
TEST(TransientFailureTest, TotalTimeoutIsFinalOtherTimeoutsAreRetried) {
  FetchResult fetch;
  fetch.error = FetchError::kTimeout;
  fetch.reason = FailureReason::kTotalTimeout;
  EXPECT_FALSE(IsTransientFailure(fetch));
  for (FailureReason retried : {FailureReason::kConnectTimeout, FailureReason::kFirstByteTimeout,
                                FailureReason::kIdleTimeout}) {
    fetch.reason = retried;
    EXPECT_TRUE(IsTransientFailure(fetch)) << FailureReasonName(retried);
  }
  fetch.error = FetchError::kConnectionLost;
  fetch.reason = FailureReason::kConnectionLost;
  EXPECT_TRUE(IsTransientFailure(fetch));
}

}  // namespace
}  // namespace nc
