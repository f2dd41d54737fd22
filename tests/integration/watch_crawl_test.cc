// Watch mode on the fixture site (issue 14), in process: a crawl with
// watch_cycles 4 while the site publishes. The site publishes from the
// engine's before-fetch hook, at fixed re-polls of the www homepage, so
// what is new at each poll is decided, not raced. Checked on the server's
// request log: each new article fetched exactly once, no page but the
// watched ones fetched twice, unchanged watched pages answered 304,
// politeness per host; and in the store: history, first-seen, watch state.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "crawler/crawl_engine.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/shared_run_suite.h"

namespace nc::testing {
namespace {

constexpr char kWww[] = "www.lejournal.test";
constexpr char kSport[] = "sport.lejournal.test";
constexpr uint32_t kCycles = 4;
constexpr double kMinDelay = 0.05;

struct WatchRun : FixtureRun {
  std::vector<std::string> published;

  std::string Url(const std::string& host, const std::string& path) const {
    return ServerUrl(*server, host, path);
  }
  // Statuses of the requests of `url`, in order.
  std::vector<unsigned> Statuses(const std::string& url) const {
    std::vector<unsigned> statuses;
    for (const fixture::RequestRecord& r : server->Requests()) {
      if (Url(r.host, r.target) == url) statuses.push_back(r.status);
    }
    return statuses;
  }
};

std::unique_ptr<WatchRun> RunWatchOnce() {
  auto run = std::make_unique<WatchRun>();
  if (!run->StartServer()) return run;
  CrawlConfig config = run->Config(false, kMinDelay);
  WatchBriefly(&config, kCycles);

  const std::string home = run->Url(kWww, "/");
  int home_fetches = 0;
  // Fetch 1 is the crawl's; 2..5 are the re-polls. News on www before
  // re-polls 1 and 3. (Only on www: another host's watched pages may have
  // done their cycles before a given www re-poll.)
  auto publish_on_some_repolls = [&](const std::string& url) {
    if (url != home) return;
    ++home_fetches;
    const char* host = home_fetches == 2 || home_fetches == 4 ? kWww : nullptr;
    if (host == nullptr) return;
    Result<std::string> article = run->server->Publish(host);
    EXPECT_TRUE(article.ok());
    if (article.ok()) run->published.push_back(*article);
  };
  run->outcome = RunEngineOnNewStore(config, run->store, *run->server, publish_on_some_repolls);
  return run;
}

class WatchCrawl : public SharedRunSuite<WatchRun> {
 protected:
  static void SetUpTestSuite() { run_ = RunWatchOnce(); }
};

TEST_F(WatchCrawl, EndsAfterTheCyclesAndReportsThem) {
  ASSERT_NE(run_->server, nullptr);
  EXPECT_EQ(run_->outcome.end, CrawlOutcome::End::kFinished);
  EXPECT_GE(run_->outcome.progress.watched_pages, 5u);  // homepage, sections, feeds, sitemaps
  EXPECT_EQ(run_->outcome.progress.repolls, run_->outcome.progress.watched_pages * kCycles);
  EXPECT_GT(run_->outcome.progress.not_modified, 0u);
  ASSERT_EQ(run_->published.size(), 2u);
}

TEST_F(WatchCrawl, EachPublishedArticleIsFetchedExactlyOnce) {
  const std::map<std::string, int> requests = PageRequestCounts(*run_->server);
  for (const std::string& url : run_->published) {
    auto it = requests.find(url);
    EXPECT_EQ(it == requests.end() ? 0 : it->second, 1) << url;
  }
  // The store holds exactly what the site's ground truth says, news included.
  StoredCrawl stored = ReadStore(run_->store);
  std::set<std::string> expected = ExpectedHomepageCrawlUrls(*run_->server);
  for (const std::string& url : run_->published) EXPECT_TRUE(expected.count(url)) << url;
  EXPECT_TRUE(SameUrls(stored.fetched, expected));
}

TEST_F(WatchCrawl, OnlyWatchedPagesAreFetchedMoreThanOnce) {
  auto store = OpenReadOnly(run_->store);
  ASSERT_NE(store, nullptr);
  std::set<std::string> watched;
  ASSERT_TRUE(store
                  ->ForEachWatched([&](const storage::WatchedPage& page) {
                    watched.insert(page.url);
                    EXPECT_EQ(page.polls, kCycles) << page.url;
                    EXPECT_EQ(page.pending_seq, 0u) << page.url;
                    return true;
                  })
                  .ok());
  EXPECT_TRUE(watched.count(run_->Url(kWww, "/")));
  EXPECT_TRUE(watched.count(run_->Url(kWww, "/monde/")));  // a section, through nav
  EXPECT_TRUE(watched.count(run_->Url(kWww, "/rss.xml")));  // announced by the homepage
  EXPECT_TRUE(watched.count(run_->Url(kSport, "/")));
  for (const auto& [url, n] : PageRequestCounts(*run_->server)) {
    EXPECT_EQ(n, watched.count(url) ? static_cast<int>(1 + kCycles) : 1) << url;
  }
}

TEST_F(WatchCrawl, UnchangedPagesAreAnswered304AndChangedOnes200) {
  // A section nothing was published in: every re-poll revalidates.
  EXPECT_EQ(run_->Statuses(run_->Url(kWww, "/monde/")),
            (std::vector<unsigned>{200, 304, 304, 304, 304}));
  // The homepage changed before re-polls 1 and 3 (the hook runs before the
  // request is sent).
  EXPECT_EQ(run_->Statuses(run_->Url(kWww, "/")),
            (std::vector<unsigned>{200, 200, 304, 200, 304}));
  // (When sport's homepage sees its news depends on how the two hosts'
  // intervals interleave: its article's single fetch is checked above.)
}

TEST_F(WatchCrawl, PolitenessHoldsPerHostOnTheServer) {
  ExpectGapsPerHostAtLeast(*run_->server, kMinDelay * 0.9);
}

TEST_F(WatchCrawl, HistoryKeepsEachVersionOnceAndFirstSeenNamesTheAnnouncer) {
  auto store = OpenReadOnly(run_->store);
  ASSERT_NE(store, nullptr);
  auto versions = store->Versions(run_->Url(kWww, "/"));
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->size(), 1 + kCycles);
  std::set<std::string> bodies;
  for (const auto& v : *versions) {
    EXPECT_EQ(v.body_hash.empty(), v.http_status == 304);
    if (!v.body_hash.empty()) bodies.insert(v.body_hash);
  }
  EXPECT_EQ(bodies.size(), 3u);  // the crawl's version and one per www publication
  auto latest = store->VersionBody(versions->at(3).body_hash);
  ASSERT_TRUE(latest.ok() && *latest);
  auto page = store->GetPage(run_->Url(kWww, "/"));
  ASSERT_TRUE(page.ok() && *page);
  EXPECT_EQ(**latest, (*page)->body);  // a 304 kept the stored page

  std::set<std::string> watched;
  ASSERT_TRUE(store
                  ->ForEachWatched([&](const storage::WatchedPage& page) {
                    watched.insert(page.url);
                    return true;
                  })
                  .ok());
  for (const std::string& url : run_->published) {
    auto seen = store->GetFirstSeen(url);
    ASSERT_TRUE(seen.ok() && *seen) << url;
    EXPECT_GT((*seen)->first_seen_ms, 0);
    // A homepage, the RSS feed or a sitemap: whichever re-poll saw it first.
    EXPECT_TRUE(watched.count((*seen)->announced_by)) << url << " announced by "
                                                      << (*seen)->announced_by;
  }
  auto seed = store->GetFirstSeen(run_->Url(kWww, "/"));
  ASSERT_TRUE(seed.ok() && *seed);
  EXPECT_EQ((*seed)->announced_by, "");
}

}  // namespace
}  // namespace nc::testing
