// WorkerBacklog (crawler/worker_backlog.h): the dispatcher stops at the
// byte bound, and exactly the Done() that brings the bytes under it asks for
// the wake-up the stopped dispatcher waits for.

#include "crawler/worker_backlog.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

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
  ASSERT_TRUE(backlog.Full());    // the dispatcher stops here
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
