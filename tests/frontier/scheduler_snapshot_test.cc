// When the PolitenessScheduler tells its observer a host's snapshot: after a
// change of anything the snapshot shows, and not when nothing shown changed
// (during discovery most Enqueue calls find the host's queue full and the
// store flag already set; each snapshot cost the engine two map lookups).
// What the observer last heard must always be what the scheduler shows.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>

#include "frontier/scheduler.h"
#include "tests/frontier/scheduler_test_helpers.h"

namespace nc {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class CountingObserver final : public SchedulerObserver {
 public:
  void OnHostSnapshot(const HostSnapshot& snapshot) override {
    last[snapshot.host_key] = snapshot;
    ++count[snapshot.host_key];
  }
  std::map<std::string, HostSnapshot> last;
  std::map<std::string, int> count;
};

// Every field the status rows and events are made of.
void ExpectSameSnapshot(const HostSnapshot& heard, const HostSnapshot& now, const char* step) {
  SCOPED_TRACE(step);
  EXPECT_EQ(heard.host_key, now.host_key);
  EXPECT_EQ(heard.queued_in_memory, now.queued_in_memory);
  EXPECT_EQ(heard.store_may_have_more, now.store_may_have_more);
  EXPECT_EQ(heard.in_flight, now.in_flight);
  EXPECT_EQ(heard.next_allowed, now.next_allowed);
  EXPECT_EQ(heard.delay_seconds, now.delay_seconds);
  EXPECT_EQ(heard.delay_reason, now.delay_reason);
  EXPECT_EQ(heard.consecutive_failures, now.consecutive_failures);
  EXPECT_EQ(heard.parked_reason, now.parked_reason);
  EXPECT_EQ(heard.parked_until, now.parked_until);
  EXPECT_EQ(heard.robots_state, now.robots_state);
  EXPECT_EQ(heard.held, now.held);
}

class SchedulerSnapshotTest : public SchedulerFixture {
 protected:
  PolitenessScheduler& Make(SchedulerOptions options) {
    SchedulerFixture::Make(std::move(options)).SetObserver(&observer_);
    return *scheduler_;
  }
  void AddPage(const std::string& host, int n) {
    Add(host, "https://" + host + "/" + std::to_string(n));
  }
  void ExpectHeardIsShown(const std::string& host, const char* step) {
    ExpectSameSnapshot(observer_.last[host], SnapshotOf(host), step);
  }
  // Dispatches a.test's next page and finishes it 100 ms later with `status`,
  // checking what the observer heard after the dispatch and after the end.
  void FetchOnce(int status, const char* dispatched, const char* finished) {
    auto d = scheduler_->Next();
    ASSERT_TRUE(d.has_value());
    ExpectHeardIsShown("a.test", dispatched);
    source_.MarkDone("a.test", d->url.seq);
    clock_.Advance(milliseconds(100));
    scheduler_->OnFetchFinished("a.test", Feedback(status));
    ExpectHeardIsShown("a.test", finished);
  }

  CountingObserver observer_;
};

TEST_F(SchedulerSnapshotTest, AnEnqueueThatChangesNothingShownSendsNoSnapshot) {
  SchedulerOptions options = RoundBackoffOptions(/*obey_robots=*/false, /*jitter=*/0);
  options.queue_per_host = 2;
  auto& s = Make(options);
  AddPage("a.test", 1);  // queued 1
  AddPage("a.test", 2);  // queued 2
  AddPage("a.test", 3);  // the queue is full: the store has more
  EXPECT_EQ(observer_.count["a.test"], 3);
  EXPECT_TRUE(observer_.last["a.test"].store_may_have_more);
  for (int i = 4; i < 50; ++i) AddPage("a.test", i);  // nothing shown changes
  EXPECT_EQ(observer_.count["a.test"], 3);
  ExpectHeardIsShown("a.test", "after the ignored enqueues");

  ASSERT_TRUE(s.Next().has_value());  // in flight 1, queued 1
  EXPECT_EQ(observer_.count["a.test"], 4);
  ExpectHeardIsShown("a.test", "after the dispatch");
}

TEST_F(SchedulerSnapshotTest, WhatTheObserverHeardIsWhatTheSchedulerShowsAfterEveryStep) {
  SchedulerOptions options = RoundBackoffOptions(/*obey_robots=*/false, /*jitter=*/0);
  options.queue_per_host = 3;
  options.park_after_failures = 2;
  options.park_seconds = 100;
  options.max_park_seconds = 100;
  Make(options);
  for (int i = 0; i < 6; ++i) AddPage("a.test", i);
  ExpectHeardIsShown("a.test", "enqueued");

  // Two failures park the host for 100 s.
  for (int failure = 0; failure < 2; ++failure) {
    FetchOnce(503, "dispatched", "failed");
    clock_.Set(SnapshotOf("a.test").next_allowed);
  }
  EXPECT_FALSE(observer_.last["a.test"].parked_reason.empty());

  // The park has passed: the next change must also clear the reason shown.
  AddPage("a.test", 100);  // nothing shown changes but the park's end
  ExpectHeardIsShown("a.test", "enqueued after the park");
  EXPECT_TRUE(observer_.last["a.test"].parked_reason.empty());
  FetchOnce(200, "dispatched after the park", "succeeded");
  EXPECT_EQ(observer_.last["a.test"].consecutive_failures, 0u);
}

TEST_F(SchedulerSnapshotTest, AHostDroppedAndCreatedAgainIsSentAgain) {
  auto& s = Make(RoundBackoffOptions(/*obey_robots=*/false, /*jitter=*/0));
  AddPage("a.test", 1);
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  source_.MarkDone("a.test", d->url.seq);
  s.OnFetchFinished("a.test", Feedback(200));
  clock_.Advance(seconds(2));
  EXPECT_FALSE(s.Next().has_value());  // drops the cooled host
  EXPECT_FALSE(observer_.last["a.test"].held);
  const int before = observer_.count["a.test"];
  AddPage("a.test", 2);  // a new HostState: its first snapshot is always sent
  EXPECT_EQ(observer_.count["a.test"], before + 1);
  EXPECT_TRUE(observer_.last["a.test"].held);
  ExpectHeardIsShown("a.test", "created again");
}

}  // namespace
}  // namespace nc
