// Feeds and sitemaps end to end ([crawl] discover_feeds): robots.txt
// Sitemap: lines, sitemap indexes, Google News sitemaps and the RSS feed a
// seed page announces lead the crawl to articles no page links to; with the
// option off, none of them is requested. Ground truth:
// NewsSite::ExpectedFetchedUrls, which derives from the same links.

#include <gtest/gtest.h>

#include <map>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/shared_run_suite.h"

namespace nc::testing {
namespace {

struct Edge {
  std::string source, target, role, anchor;
  bool followed = false;
  SkipReason reason = SkipReason::kNone;
};

// Every edge with its skip reason (StoredCrawl::Edge has no reason).
std::vector<Edge> ReadEdges(const std::string& store_dir) {
  storage::OpenOptions options;
  options.read_only = true;
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting, options);
  EXPECT_TRUE(store.ok());
  std::vector<Edge> edges;
  if (!store.ok()) return edges;
  EXPECT_TRUE((*store)->ForEachEdge([&](const storage::EdgeView& e) {
    edges.push_back({std::string(e.source), std::string(e.target),
                     std::string(LinkRoleName(e.role)), std::string(e.anchor_text), e.followed,
                     e.reason});
    return true;
  }).ok());
  return edges;
}

std::vector<Edge> EdgesTo(const std::vector<Edge>& edges, const std::string& target) {
  std::vector<Edge> out;
  for (const Edge& e : edges) {
    if (e.target == target) out.push_back(e);
  }
  return out;
}

std::set<std::string> AsSet(const std::vector<std::string>& urls) {
  return {urls.begin(), urls.end()};
}

struct FeedsRun : FixtureRun {
  std::vector<Edge> edges;
  std::string origin;  // http://www.lejournal.test:PORT
  std::string sport;   // http://sport.lejournal.test:PORT
};

std::unique_ptr<FeedsRun> Crawl(bool discover_feeds) {
  auto run = std::make_unique<FeedsRun>();
  if (!run->StartServer()) return run;
  CrawlConfig config = run->Config();
  config.discover_feeds = discover_feeds;
  run->Crawl(config);
  run->edges = ReadEdges(run->store);
  const std::string home = run->Homepage();
  run->origin = home.substr(0, home.size() - 1);
  const std::string sport = run->server->site(false).HomepageUrl("sport.lejournal.test");
  run->sport = sport.substr(0, sport.size() - 1);
  return run;
}

// One crawl per setting, shared by the tests of the suite.
class FeedsCrawl : public SharedRunsSuite<bool, FeedsRun> {
 protected:
  static FeedsRun& Run(bool discover_feeds) { return RunFor(discover_feeds, Crawl); }
  static const fixture::NewsSite& Site(FeedsRun& run) { return run.server->site(false); }
};

TEST_F(FeedsCrawl, OnFetchesExactlyTheFeedsAwareGroundTruth) {
  FeedsRun& run = Run(true);
  ASSERT_TRUE(run.server);
  EXPECT_EQ(run.outcome.end, CrawlOutcome::End::kFinished);
  EXPECT_TRUE(SameUrls(run.stored.fetched, run.ExpectedUrls()));
  EXPECT_TRUE(run.stored.failed.empty());
  for (const std::string& feed : {run.origin + "/sitemap.xml", run.origin + "/sitemap-index.xml",
                                  run.origin + "/news-sitemap.xml", run.origin + "/rss.xml",
                                  run.sport + "/sitemap.xml"}) {
    EXPECT_TRUE(run.stored.fetched.count(feed)) << feed;
  }
}

TEST_F(FeedsCrawl, OnFetchesEachOrphanOnceThroughItsFeed) {
  FeedsRun& run = Run(true);
  ASSERT_TRUE(run.server);
  std::map<std::string, int> requests;
  for (const auto& r : run.requests) ++requests[r.host + r.target];
  for (const auto& [target, count] : requests) EXPECT_EQ(count, 1) << target;

  struct Orphan {
    std::string url, feed;
  };
  const Orphan orphans[] = {{Site(run).RssOrphanUrl(), run.origin + "/rss.xml"},
                            {Site(run).NewsSitemapOrphanUrl(), run.origin + "/news-sitemap.xml"},
                            {Site(run).OrphanUrl(), run.origin + "/sitemap.xml"}};
  for (const Orphan& orphan : orphans) {
    SCOPED_TRACE(orphan.url);
    EXPECT_TRUE(run.stored.fetched.count(orphan.url));
    const std::string key = "www.lejournal.test" + orphan.url.substr(run.origin.size());
    EXPECT_EQ(requests[key], 1);
    // Named by its feed only, as a followed headline.
    const std::vector<Edge> in = EdgesTo(run.edges, orphan.url);
    ASSERT_EQ(in.size(), 1u);
    EXPECT_EQ(in[0].source, orphan.feed);
    EXPECT_EQ(in[0].role, "headline");
    EXPECT_TRUE(in[0].followed);
  }
  // Titles of RSS items and news:title become anchor text.
  const std::vector<Edge> news = EdgesTo(run.edges, Site(run).NewsSitemapOrphanUrl());
  ASSERT_EQ(news.size(), 1u);
  EXPECT_EQ(news[0].anchor.rfind("Dernière minute : ", 0), 0u) << news[0].anchor;
}

TEST_F(FeedsCrawl, OnFeedEdgesComeFromRobotsTxtTheSeedAndTheSitemapIndex) {
  FeedsRun& run = Run(true);
  ASSERT_TRUE(run.server);
  auto has_feed_edge = [&](const std::string& source, const std::string& target) {
    for (const Edge& e : EdgesTo(run.edges, target)) {
      if (e.source == source && e.role == "feed" && e.followed) return true;
    }
    return false;
  };
  EXPECT_TRUE(has_feed_edge(run.origin + "/robots.txt", run.origin + "/sitemap.xml"));
  EXPECT_TRUE(has_feed_edge(run.origin + "/robots.txt", run.origin + "/sitemap-index.xml"));
  EXPECT_TRUE(has_feed_edge(run.sport + "/robots.txt", run.sport + "/sitemap.xml"));
  EXPECT_TRUE(has_feed_edge(run.origin + "/", run.origin + "/rss.xml"));
  EXPECT_TRUE(has_feed_edge(run.origin + "/sitemap-index.xml", run.origin + "/news-sitemap.xml"));
  EXPECT_TRUE(has_feed_edge(run.origin + "/sitemap-index.xml", run.origin + "/sitemap.xml"));
  // robots.txt is the source of edges, not a page.
  EXPECT_EQ(run.stored.pages.count(run.origin + "/robots.txt"), 0u);
}

TEST_F(FeedsCrawl, OnOutOfScopeSitemapLineIsRecordedAndNotFetched) {
  FeedsRun& run = Run(true);
  ASSERT_TRUE(run.server);
  const std::string foreign = Site(run).OutOfScopeSitemapUrl();
  ASSERT_FALSE(foreign.empty());
  const std::vector<Edge> in = EdgesTo(run.edges, foreign);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0].source, run.sport + "/robots.txt");
  EXPECT_EQ(in[0].role, "external");
  EXPECT_FALSE(in[0].followed);
  EXPECT_EQ(in[0].reason, SkipReason::kScope);
  EXPECT_EQ(run.stored.pages.count(foreign), 0u);  // neither fetched nor failed
  for (const auto& r : run.requests) EXPECT_EQ(r.host.find("partenaire"), std::string::npos);
}

TEST_F(FeedsCrawl, OffRequestsNoSitemapNorFeed) {
  FeedsRun& run = Run(false);
  ASSERT_TRUE(run.server);
  EXPECT_EQ(run.outcome.end, CrawlOutcome::End::kFinished);
  const auto expected =
      Site(run).ExpectedFetchedUrls({run.Homepage()}, 1, /*discover_feeds=*/false);
  EXPECT_TRUE(SameUrls(run.stored.fetched, AsSet(expected)));
  for (const auto& r : run.requests) {
    EXPECT_EQ(r.target.find(".xml"), std::string::npos) << r.host << r.target;
  }
  for (const std::string& orphan : {Site(run).RssOrphanUrl(), Site(run).NewsSitemapOrphanUrl(),
                                    Site(run).OrphanUrl()}) {
    EXPECT_EQ(run.stored.fetched.count(orphan), 0u) << orphan;
  }
  for (const Edge& e : run.edges) {
    EXPECT_NE(e.role, "feed") << e.source << " -> " << e.target;
    EXPECT_EQ(e.source.find("robots.txt"), std::string::npos) << e.source;
  }
}

// Each non-robots.txt request of `requests` is made once; returns how many
// times www's robots.txt was asked for.
int CheckEachPageRequestedOnce(const std::vector<fixture::RequestRecord>& requests) {
  std::map<std::string, int> per_target;
  int www_robots = 0;
  for (const auto& r : requests) {
    if (r.target == "/robots.txt") {
      www_robots += r.host == "www.lejournal.test";
      continue;
    }
    EXPECT_EQ(++per_target[r.host + r.target], 1) << r.host << r.target;
  }
  return www_robots;
}

size_t EdgesFrom(const std::string& store, const std::string& source) {
  size_t n = 0;
  for (const Edge& e : ReadEdges(store)) n += e.source == source;
  return n;
}

// robots.txt is fetched again when its rules expire: its Sitemap: lines are
// recorded again, but the seen-set keeps the sitemaps from being queued (and
// fetched) a second time, and the robots.txt's edges are replaced, not added.
using FeedsRefresh = FixtureRunTest;
using FeedsResume = FixtureRunTest;
using FeedsCli = FixtureRunTest;

TEST_F(FeedsRefresh, RobotsTxtFetchedAgainQueuesNoSitemapTwice) {
  CrawlConfig config = Config();
  config.robots_ttl = 0.001;  // expired by the next request to the host

  EXPECT_EQ(CrawlInProcess(config, store).end, CrawlOutcome::End::kFinished);
  EXPECT_TRUE(SameUrls(ReadStore(store).fetched, ExpectedUrls()));
  EXPECT_GE(CheckEachPageRequestedOnce(server->Requests()), 2);  // the case under test
  EXPECT_EQ(EdgesFrom(store, Homepage() + "robots.txt"), 2u);
}

// A job stopped early and resumed twice fetches every sitemap, feed and
// article once, and ends with the same pages as one uninterrupted crawl.
TEST_F(FeedsResume, ResumedJobFetchesNothingTwice) {
  CrawlConfig config = Config();
  config.max_pages = 12;
  EXPECT_EQ(CrawlInProcess(config, store).end, CrawlOutcome::End::kPageLimit);
  config.max_pages = 30;
  EXPECT_EQ(CrawlInProcess(config, store).end, CrawlOutcome::End::kPageLimit);
  config.max_pages = 0;
  EXPECT_EQ(CrawlInProcess(config, store).end, CrawlOutcome::End::kFinished);

  EXPECT_TRUE(SameUrls(ReadStore(store).fetched, ExpectedUrls()));
  CheckEachPageRequestedOnce(server->Requests());
  EXPECT_EQ(EdgesFrom(store, Homepage() + "robots.txt"), 2u);
}

// The command line: --no-discover-feeds turns the option off for `crawl`.
TEST_F(FeedsCli, NoDiscoverFeedsFlagTurnsFeedDiscoveryOff) {
  std::vector<std::string> args = HomepageCrawlArgs(store);
  args.insert(args.end(), {"--min-delay", "0", "--quiet", "--no-discover-feeds"});
  std::string err;
  ASSERT_EQ(RunNewscrawl(args, nullptr, &err), 0) << err;
  const fixture::NewsSite& site = server->site(false);
  EXPECT_TRUE(SameUrls(ReadStore(store).fetched,
                       AsSet(site.ExpectedFetchedUrls({Homepage()}, 1, /*discover_feeds=*/false))));
  for (const auto& r : server->Requests()) {
    EXPECT_EQ(r.target.find(".xml"), std::string::npos) << r.host << r.target;
  }
}

}  // namespace
}  // namespace nc::testing
