// WatchList (crawler/watch_list.h): which watched pages are due when, with
// the clock readings given by the test (no waiting). Articles watched for
// crawl.revisit_articles_after are due once their last fetch is that old,
// are re-fetched once per due time, and do not keep a job with
// watch_cycles alive.

#include "crawler/watch_list.h"

#include <gtest/gtest.h>

#include "common/clock.h"

namespace nc {
namespace {

constexpr int64_t kWall0 = 1'700'000'000'000;
constexpr int64_t kRevisitMs = 60'000;

storage::WatchedPage Fetched(const std::string& url, int64_t fetched_ms, int64_t interval_ms,
                             bool article) {
  storage::WatchedPage page;
  page.url = url;
  page.host_key = "www.x.test";
  page.last_fetch_ms = fetched_ms;
  page.interval_ms = interval_ms;
  page.next_poll_ms = fetched_ms + interval_ms;
  page.article = article;
  return page;
}

class WatchListTest : public ::testing::Test {
 protected:
  // The engine's two clocks, as a ManualClock gives them.
  SteadyTime Now() const { return clock_.Now(); }
  int64_t Wall() const { return clock_.WallMillis(); }
  std::vector<std::string> TakeDue(WatchList& list) {
    std::vector<std::string> due;
    next_due_ = list.TakeDue(Now(), due);
    return due;
  }
  ManualClock clock_;
  std::optional<SteadyTime> next_due_;
};

TEST_F(WatchListTest, AnArticleIsDueOnlyOnceItsLastFetchIsOlderThanTheInterval) {
  WatchList list(/*cycles=*/0);
  const std::string article = "https://www.x.test/a.html";
  list.Update({Fetched(article, Wall(), kRevisitMs, true)}, Now(), Wall());
  EXPECT_TRUE(TakeDue(list).empty());
  ASSERT_TRUE(next_due_);
  EXPECT_EQ(*next_due_, Now() + std::chrono::milliseconds(kRevisitMs));

  clock_.Advance(std::chrono::milliseconds(kRevisitMs - 1));
  EXPECT_TRUE(TakeDue(list).empty());
  clock_.Advance(std::chrono::milliseconds(1));
  EXPECT_EQ(TakeDue(list), std::vector<std::string>{article});
  // Queued, not committed yet: not due a second time.
  clock_.Advance(std::chrono::milliseconds(kRevisitMs * 3));
  EXPECT_TRUE(TakeDue(list).empty());
  EXPECT_FALSE(next_due_);

  // The re-fetch commits (a 304): counted, due again an interval later.
  storage::WatchedPage revisited = Fetched(article, Wall(), kRevisitMs, true);
  revisited.polls = 1;
  revisited.not_modified = 1;
  const WatchList::Polled polled = list.Update({revisited}, Now(), Wall());
  EXPECT_EQ(polled.repolls, 1u);
  EXPECT_EQ(polled.not_modified, 1u);
  EXPECT_TRUE(TakeDue(list).empty());
  clock_.Advance(std::chrono::milliseconds(kRevisitMs));
  EXPECT_EQ(TakeDue(list), std::vector<std::string>{article});
}

TEST_F(WatchListTest, AnArticleFetchedBeforeThisRunIsDueAtOnceWhenOldEnough) {
  // A resumed job: the article was fetched two intervals ago (wall clock).
  WatchList list(/*cycles=*/0);
  const std::string article = "https://www.x.test/old.html";
  list.Update({Fetched(article, Wall() - 2 * kRevisitMs, kRevisitMs, true)}, Now(), Wall());
  EXPECT_EQ(TakeDue(list), std::vector<std::string>{article});
}

TEST_F(WatchListTest, DuePagesComeInTimeOrderAndALaterCommitSupersedesAnEarlierDueTime) {
  WatchList list(/*cycles=*/0);
  std::vector<storage::WatchedPage> pages;
  for (int i = 0; i < 1000; ++i) {
    pages.push_back(Fetched("https://www.x.test/" + std::to_string(i), Wall() - i,
                            kRevisitMs, true));
  }
  list.Update(std::move(pages), Now(), Wall());
  // Page 0 committed again later: its old due time no longer counts.
  list.Update({Fetched("https://www.x.test/0", Wall() + kRevisitMs, kRevisitMs, true)}, Now(),
              Wall());
  clock_.Advance(std::chrono::milliseconds(kRevisitMs - 500));
  const std::vector<std::string> due = TakeDue(list);
  ASSERT_EQ(due.size(), 500u);  // fetched 500..999 ms before the others
  EXPECT_EQ(due.front(), "https://www.x.test/999");
  EXPECT_EQ(due.back(), "https://www.x.test/500");
  clock_.Advance(std::chrono::milliseconds(500));
  EXPECT_EQ(TakeDue(list).size(), 499u);  // 1..499: page 0 is due an interval later
  EXPECT_EQ(*next_due_, Now() + std::chrono::milliseconds(kRevisitMs));
}

TEST_F(WatchListTest, ArticlesDoNotKeepACycledJobAliveButPagesDo) {
  WatchList list(/*cycles=*/1);
  const std::string home = "https://www.x.test/";
  const std::string article = "https://www.x.test/a.html";
  list.Update({Fetched(home, Wall(), 10'000, false), Fetched(article, Wall(), kRevisitMs, true)},
              Now(), Wall());
  EXPECT_TRUE(list.Continues());
  storage::WatchedPage polled_home = Fetched(home, Wall(), 10'000, false);
  polled_home.polls = 1;
  list.Update({polled_home}, Now(), Wall());
  EXPECT_FALSE(list.Continues());  // the article's re-fetch is still ahead
  // Nor is the home page due again: its cycles are done.
  clock_.Advance(std::chrono::milliseconds(20'000));
  EXPECT_TRUE(TakeDue(list).empty());
}

TEST_F(WatchListTest, WithoutCyclesWatchingContinuesWhilePagesAreWatched) {
  WatchList list(/*cycles=*/0);
  EXPECT_FALSE(list.Continues());
  list.Update({Fetched("https://www.x.test/", Wall(), 10'000, false)}, Now(), Wall());
  EXPECT_TRUE(list.Continues());
  EXPECT_NE(list.Find("https://www.x.test/"), nullptr);
  EXPECT_EQ(list.Find("https://www.x.test/nope"), nullptr);
}

}  // namespace
}  // namespace nc
