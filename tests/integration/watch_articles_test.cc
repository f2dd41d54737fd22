// crawl.revisit_articles_after on the fixture site (issue 14), in process:
// a watched crawl (watch 0.2 s, 4 cycles) re-fetches articles whose last
// fetch is older than 0.25 s, through the politeness scheduler and with the
// stored ETag, so the fixture answers 304 and no article body is stored
// twice. Checked on the server's request log and in the store. The same
// crawl with 0 never fetches an article twice (watch_crawl_test.cc,
// OnlyWatchedPagesAreFetchedMoreThanOnce).
#include <gtest/gtest.h>

#include <chrono>
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

constexpr double kMinDelay = 0.05;
constexpr double kRevisit = 0.25;

struct ArticleRevisitRun : FixtureRun {
  std::set<std::string> watched_pages;  // seeds, sections, feeds (not articles)
  std::set<std::string> watched_articles;

  // Each URL's requests in the order the server saw them.
  RequestGroups ByUrl() const { return RequestsByUrl(*server); }
};

class WatchArticles : public SharedRunSuite<ArticleRevisitRun> {
 protected:
  static void SetUpTestSuite() {
    run_ = std::make_unique<ArticleRevisitRun>();
    ASSERT_TRUE(run_->StartServer());
    CrawlConfig config = run_->Config(false, kMinDelay);
    WatchBriefly(&config, 4);
    config.revisit_articles_after = kRevisit;
    run_->outcome = RunEngineOnNewStore(config, run_->store, *run_->server);
    ASSERT_FALSE(::testing::Test::HasFailure());
    auto store = OpenReadOnly(run_->store);
    ASSERT_NE(store, nullptr);
    ASSERT_TRUE(
        store
            ->ForEachWatched([&](const storage::WatchedPage& page) {
              (page.article ? run_->watched_articles : run_->watched_pages).insert(page.url);
              return true;
            })
            .ok());
  }
};

TEST_F(WatchArticles, EveryFetchedArticleIsWatchedAndSomeAreFetchedAgain) {
  ASSERT_NE(run_, nullptr);
  EXPECT_EQ(run_->outcome.end, CrawlOutcome::End::kFinished);
  StoredCrawl stored = ReadStore(run_->store);
  // Every page fetched with a 200 that is not a watched page is an article.
  size_t articles = 0;
  for (const auto& [url, requests] : run_->ByUrl()) {
    if (run_->watched_pages.count(url) || requests.front().status != 200) continue;
    if (url.ends_with("/robots.txt")) continue;
    ++articles;
    EXPECT_TRUE(run_->watched_articles.count(url)) << url;
  }
  EXPECT_GE(articles, 20u);
  size_t refetched = 0;
  for (const auto& [url, requests] : run_->ByUrl()) {
    if (run_->watched_articles.count(url) && requests.size() > 1) ++refetched;
  }
  // The crawl outlasts the watch cycles of the homepages (>= 1 s) and the
  // first articles are fetched well before: they are due within it.
  EXPECT_GE(refetched, 1u);
}

TEST_F(WatchArticles, AnArticleIsFetchedAgainOnlyAfterTheIntervalAndAnswered304) {
  for (const auto& [url, requests] : run_->ByUrl()) {
    if (!run_->watched_articles.count(url)) continue;
    EXPECT_EQ(requests.front().status, 200u) << url;
    for (size_t i = 1; i < requests.size(); ++i) {
      // Due kRevisit after the fetch committed, which is after the server
      // began to answer.
      EXPECT_GE(std::chrono::duration<double>(requests[i].started - requests[i - 1].responding)
                    .count(),
                kRevisit * 0.99)
          << url << " fetch " << i;
      // Sent with the stored ETag: the unchanged article is not sent again.
      EXPECT_EQ(requests[i].status, 304u) << url << " fetch " << i;
    }
  }
}

TEST_F(WatchArticles, A304IsAVisitAndTheArticleKeepsOneStoredVersion) {
  auto store = OpenReadOnly(run_->store);
  ASSERT_NE(store, nullptr);
  const auto by_url = run_->ByUrl();
  size_t checked = 0;
  for (const std::string& url : run_->watched_articles) {
    auto versions = store->Versions(url);
    ASSERT_TRUE(versions.ok()) << url;
    const auto requests = by_url.find(url);
    ASSERT_NE(requests, by_url.end()) << url;
    // Every committed fetch is in the history; one of them holds a body.
    EXPECT_EQ(versions->size(), requests->second.size()) << url;
    size_t with_body = 0;
    for (const auto& v : *versions) with_body += v.body_hash.empty() ? 0 : 1;
    EXPECT_EQ(with_body, 1u) << url;
    if (versions->size() > 1) {
      ++checked;
      EXPECT_EQ(versions->back().http_status, 304u) << url;
      auto page = store->GetPage(url);
      ASSERT_TRUE(page.ok() && *page);
      EXPECT_EQ((*page)->http_status, 200u) << url;  // the 304 kept the stored page
    }
  }
  EXPECT_GE(checked, 1u);
}

TEST_F(WatchArticles, WatchedPagesStillDoTheirCyclesAndPolitenessHolds) {
  for (const std::string& url : run_->watched_pages) {
    const auto by_url = run_->ByUrl();
    const auto requests = by_url.find(url);
    ASSERT_NE(requests, by_url.end()) << url;
    EXPECT_EQ(requests->second.size(), 5u) << url;  // the crawl's fetch and 4 re-polls
  }
  ExpectGapsPerHostAtLeast(*run_->server, kMinDelay * 0.9);
}

}  // namespace
}  // namespace nc::testing
