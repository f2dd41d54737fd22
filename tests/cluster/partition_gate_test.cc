// PartitionGates (cluster/partition_gate.h): the per-partition window in
// which the engine may start requests, and the count of requests in
// flight that a release waits for. Times are plain steady-clock values;
// nothing sleeps.
#include "cluster/partition_gate.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace nc::cluster {
namespace {

using std::chrono::seconds;

const SteadyTime kStart = SteadyTime(seconds(1000));

TEST(PartitionGates, EveryGateStartsClosed) {
  PartitionGates gates(4);
  for (uint32_t partition = 0; partition < 4; ++partition) {
    EXPECT_FALSE(gates.Enter(partition, kStart));
    EXPECT_EQ(gates.InFlight(partition), 0u);
  }
}

TEST(PartitionGates, RequestsStartOnlyInsideTheLeaseWindow) {
  PartitionGates gates(2);
  gates.Open(1, kStart, kStart + seconds(30));
  EXPECT_FALSE(gates.Enter(1, kStart - seconds(1)));  // still in the takeover delay
  EXPECT_TRUE(gates.Enter(1, kStart));
  EXPECT_TRUE(gates.Enter(1, kStart + seconds(29)));
  EXPECT_FALSE(gates.Enter(1, kStart + seconds(30)));  // the lease's last request deadline
  EXPECT_FALSE(gates.Enter(0, kStart));                // another partition
  EXPECT_FALSE(gates.Enter(2, kStart));                // out of range
  EXPECT_EQ(gates.InFlight(1), 2u);
  gates.Leave(1);
  gates.Leave(1);
  EXPECT_EQ(gates.InFlight(1), 0u);
  // A renewal moves the end on.
  gates.Open(1, kStart, kStart + seconds(60));
  EXPECT_TRUE(gates.Enter(1, kStart + seconds(45)));
}

TEST(PartitionGates, CloseStopsNewRequestsAndCountsThoseInFlight) {
  PartitionGates gates(1);
  gates.Open(0, kStart, kStart + seconds(30));
  ASSERT_TRUE(gates.Enter(0, kStart));
  EXPECT_EQ(gates.Close(0), 1u);  // the release waits for it
  EXPECT_FALSE(gates.Enter(0, kStart + seconds(1)));
  EXPECT_FALSE(gates.IsOpen(0, kStart + seconds(1)));
  gates.Leave(0);
  EXPECT_EQ(gates.Close(0), 0u);
  // Taken again later: open again.
  gates.Open(0, kStart + seconds(40), kStart + seconds(70));
  EXPECT_TRUE(gates.Enter(0, kStart + seconds(41)));
}

// The property a release relies on, under real concurrency: once Close()
// (or InFlight() after it) has said no request is in flight, no Enter()
// succeeds any more. A thread enters and leaves in a loop while the main
// thread closes the gate, waits for the count to reach zero and marks the
// lease as given up; an Enter() that succeeds after that mark is a request
// after the release.
TEST(PartitionGates, NoRequestStartsAfterACloseHasSeenNoneInFlight) {
  for (int round = 0; round < 5; ++round) {
    PartitionGates gates(1);
    gates.Open(0, kStart, kStart + seconds(30));
    std::atomic<bool> released = false;
    std::atomic<bool> stop = false;
    std::atomic<int> after_release = 0;
    std::atomic<int> entered = 0;
    std::thread engine([&] {
      while (!stop.load()) {
        if (gates.Enter(0, kStart + seconds(1))) {
          if (released.load()) ++after_release;
          ++entered;
          gates.Leave(0);
        } else {
          std::this_thread::yield();
        }
      }
    });
    while (entered.load() < 10) std::this_thread::yield();
    uint32_t in_flight = gates.Close(0);
    while (in_flight != 0) in_flight = gates.InFlight(0);
    released = true;
    for (int i = 0; i < 100; ++i) std::this_thread::yield();
    stop = true;
    engine.join();
    EXPECT_EQ(after_release.load(), 0) << "round " << round;
  }
}

}  // namespace
}  // namespace nc::cluster
