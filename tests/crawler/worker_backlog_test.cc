// WorkerBacklog (crawler/worker_backlog.h): the dispatcher stops at the
// byte bound, and exactly the Done() that brings the bytes under it asks for
// the wake-up the stopped dispatcher waits for.

#include "crawler/worker_backlog.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "common/clock.h"

namespace nc {
namespace {

TEST(WorkerBacklog, FullOnlyAtTheBound) {
  WorkerBacklog backlog(100);
  EXPECT_FALSE(backlog.Full());
  backlog.Add(99);
  EXPECT_FALSE(backlog.Full());
  backlog.Add(1);
  EXPECT_TRUE(backlog.Full());
  EXPECT_EQ(backlog.bytes(), 100u);
}

TEST(WorkerBacklog, TheDoneThatGoesUnderTheBoundWakesAStoppedDispatcherOnce) {
  WorkerBacklog backlog(100);
  backlog.Add(60);
  backlog.Add(60);
  ASSERT_TRUE(backlog.Full());     // the dispatcher stops here
  EXPECT_FALSE(backlog.Done(10));  // 110: still full, no wake-up yet
  EXPECT_TRUE(backlog.Done(60));   // 50: under, wake the dispatcher
  EXPECT_FALSE(backlog.Done(50));  // the wake-up was asked for once
  EXPECT_EQ(backlog.bytes(), 0u);
}

TEST(WorkerBacklog, NoWakeUpWhenTheDispatcherDidNotStop) {
  WorkerBacklog backlog(100);
  backlog.Add(150);  // over the bound, but Full() was never asked
  EXPECT_FALSE(backlog.Done(150));
  backlog.Add(150);
  ASSERT_TRUE(backlog.Full());
  ASSERT_TRUE(backlog.Done(150));
  backlog.Add(40);
  EXPECT_FALSE(backlog.Full());  // under the bound: no wake-up owed
  EXPECT_FALSE(backlog.Done(40));
}

// A few large bodies never make the bound: until floor_pages wait, a worker
// could otherwise sit idle while one big body holds fetching.
TEST(WorkerBacklog, TheByteBoundAppliesOnlyOnceTheFloorOfPagesWaits) {
  WorkerBacklog backlog(WorkerBacklog::Limits{.bound_bytes = 100, .floor_pages = 3});
  backlog.Add(500);
  EXPECT_FALSE(backlog.Full());  // one body of 5 x the bound: fetch on
  backlog.Add(1);
  EXPECT_FALSE(backlog.Full());
  backlog.Add(1);
  ASSERT_TRUE(backlog.Full());  // three bodies, over the bound
  EXPECT_EQ(backlog.pages(), 3u);
  EXPECT_TRUE(backlog.Done(1));  // two bodies left: under the floor, wake
  EXPECT_FALSE(backlog.Done(500));
  EXPECT_EQ(backlog.pages(), 1u);
  EXPECT_EQ(backlog.bytes(), 1u);
}

// The counters `crawl -v` prints: holds, how long each held, the bodies
// waiting at a hold, and the time some worker had nothing queued.
TEST(WorkerBacklog, CountsHoldsHeldTimeAndStarvedWorkers) {
  ManualClock clock;
  WorkerBacklog backlog(WorkerBacklog::Limits{.bound_bytes = 10, .workers = 2}, &clock);
  backlog.Add(10);  // t = 0: one body for two workers, starved from here
  clock.Advance(std::chrono::seconds(1));
  backlog.Add(10);  // t = 1: both busy
  clock.Advance(std::chrono::seconds(2));
  ASSERT_TRUE(backlog.Full());  // t = 3: a hold with 2 bodies waiting
  ASSERT_TRUE(backlog.Full());  // the same hold
  clock.Advance(std::chrono::milliseconds(500));
  EXPECT_FALSE(backlog.Done(10));  // t = 3.5: 10 bytes, still at the bound
  clock.Advance(std::chrono::milliseconds(250));
  EXPECT_TRUE(backlog.Done(10));  // t = 3.75: under, the hold ends
  clock.Advance(std::chrono::seconds(4));
  backlog.Add(1);  // t = 7.75: nothing waited for 4.25 s
  const WorkerBacklog::Counters c = backlog.counters();
  EXPECT_EQ(c.holds, 1u);
  EXPECT_EQ(c.pages_at_holds, 2u);
  EXPECT_DOUBLE_EQ(c.held_seconds, 0.75);
  // Fewer than 2 bodies: 0 to 1 (one), 3.5 to 3.75 (one), 3.75 to 7.75 (none).
  EXPECT_DOUBLE_EQ(c.starved_seconds, 1 + 0.25 + 4);
  EXPECT_EQ(c.peak_pages, 2u);
  EXPECT_EQ(c.peak_bytes, 20u);
}

// Workers finishing while the dispatcher checks: every stop is answered by
// a wake-up, so the dispatcher never waits forever (a lost wake-up would
// hang this test), and the bytes all come back.
TEST(WorkerBacklog, EveryStopGetsAWakeUpUnderConcurrentDones) {
  constexpr int kPages = 20000;
  constexpr size_t kBytes = 7;
  WorkerBacklog backlog(10 * kBytes);
  std::atomic<int> wakeups{0};
  std::atomic<int> queued{0};  // pages handed over and not yet taken by a worker
  std::vector<std::thread> workers;
  for (int w = 0; w < 2; ++w) {
    workers.emplace_back([&] {
      for (int done = 0; done < kPages / 2;) {
        int n = queued.load();
        if (n == 0 || !queued.compare_exchange_weak(n, n - 1)) continue;
        if (backlog.Done(kBytes)) wakeups.fetch_add(1);
        ++done;
      }
    });
  }
  int stops = 0;
  int woken = 0;
  for (int sent = 0; sent < kPages;) {
    if (backlog.Full()) {
      ++stops;
      // A stopped dispatcher sends nothing until it is woken.
      while (wakeups.load() == woken) {
      }
      woken = wakeups.load();
      continue;
    }
    backlog.Add(kBytes);
    queued.fetch_add(1);
    ++sent;
  }
  for (std::thread& t : workers) t.join();
  EXPECT_EQ(backlog.bytes(), 0u);
  EXPECT_GT(stops, 0);
}

}  // namespace
}  // namespace nc
