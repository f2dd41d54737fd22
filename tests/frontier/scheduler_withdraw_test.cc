// PolitenessScheduler::Withdraw: a dispatch the caller will not make (a
// cluster node that no longer owns the host's partition, issue 15) gives
// its in-flight slot back and drops the host's queue from memory, leaving
// its URLs pending in the store; a host added again later starts from the
// first of them. Nothing sleeps.
#include <gtest/gtest.h>

#include <chrono>

#include "frontier/scheduler.h"
#include "tests/frontier/scheduler_test_helpers.h"

namespace nc {
namespace {

SchedulerOptions NoRobots() {
  SchedulerOptions options;
  options.obey_robots = false;
  options.min_delay_seconds = 1.0;
  return options;
}

using SchedulerWithdrawTest = SchedulerFixture;

TEST_F(SchedulerWithdrawTest, AWithdrawnPageLeavesTheSchedulerIdleAndItsUrlsPendingInTheStore) {
  auto& s = Make(NoRobots());
  Add("a.test", "http://a.test/1");
  Add("a.test", "http://a.test/2");
  Add("b.test", "http://b.test/1");
  auto first = s.Next();
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->host_key, "a.test");
  ASSERT_EQ(s.InFlight(), 1u);

  s.Withdraw(*first);
  EXPECT_EQ(s.InFlight(), 0u);
  // a.test has nothing left in memory; b.test is still served.
  auto next = s.Next();
  ASSERT_TRUE(next.has_value());
  EXPECT_EQ(next->url.url, "http://b.test/1");
  EXPECT_FALSE(s.Next().has_value());
  s.OnFetchFinished("b.test", Feedback(200));
  source_.MarkDone("b.test", next->url.seq);
  EXPECT_TRUE(s.Idle());
  // Not recorded: both of a.test's URLs are still pending in the store.
  EXPECT_EQ(source_.PendingCount("a.test"), 2u);
}

TEST_F(SchedulerWithdrawTest, AHostAddedAgainAfterAWithdrawalStartsFromItsFirstUrl) {
  auto& s = Make(NoRobots());
  Add("a.test", "http://a.test/1");
  Add("a.test", "http://a.test/2");
  auto first = s.Next();
  ASSERT_TRUE(first.has_value());
  s.Withdraw(*first);
  clock_.Advance(std::chrono::seconds(10));  // past any delay: the host is dropped
  EXPECT_FALSE(s.Next().has_value());
  EXPECT_TRUE(s.Idle());

  // The partition is this node's again and a URL of the host comes back.
  s.AddStoredHost("a.test");
  auto again = s.Next();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->url.url, "http://a.test/1");
}

TEST_F(SchedulerWithdrawTest, AWithdrawnRobotsFetchFreesTheHost) {
  SchedulerOptions options = NoRobots();
  options.obey_robots = true;
  auto& s = Make(options);
  Add("a.test", "http://a.test/1");
  auto robots = s.Next();
  ASSERT_TRUE(robots.has_value());
  ASSERT_EQ(robots->kind, Dispatch::Kind::kFetchRobots);
  s.Withdraw(*robots);
  EXPECT_EQ(s.InFlight(), 0u);
  EXPECT_TRUE(s.Idle());
  // Later, its robots.txt is asked for again before its page.
  s.AddStoredHost("a.test");
  auto again = s.Next();
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->kind, Dispatch::Kind::kFetchRobots);
}

}  // namespace
}  // namespace nc
