// Partition leases against a real nats-server: two or three lease managers
// in one process compete for the partitions of one job, with one ManualClock
// so that expiry is decided by the test, never by sleeping.

#include "cluster/lease_manager.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string_view>

#include "cluster/nats_client.h"
#include "tests/cluster/nats_connection_test.h"

namespace nc::cluster {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

const std::vector<uint32_t> kAllFour = {0, 1, 2, 3};

class LeaseManagerTest : public testing::NatsConnectionTest {
 protected:
  LeaseManagerTest() : NatsConnectionTest("lease-test") {}

  void SetUpConnected() override {
    auto bucket = connection_->OpenOrCreateBucket("nc_leasetest");
    ASSERT_TRUE(bucket.ok()) << bucket.error().message;
    bucket_ = std::move(*bucket);
  }

  LeaseOptions Options(const std::string& node) const {
    LeaseOptions options;
    options.node_id = node;
    options.partitions = 4;
    options.ttl = seconds(10);
    options.renew_interval = seconds(2);
    options.request_deadline = seconds(5);
    options.takeover_delay = seconds(1);
    return options;
  }

  std::unique_ptr<LeaseManager> Manager(const std::string& node) {
    return std::make_unique<LeaseManager>(bucket_.get(), Options(node), clock_);
  }

  static void TickOk(LeaseManager& manager) {
    Status status = manager.Tick();
    ASSERT_TRUE(status.ok()) << status.error().message;
  }

  // `manager` releases `partition`, whose lease then reads `stored_owner`
  // (kReleasedLease or kReleasedUnusedLease).
  void ReleaseOk(LeaseManager& manager, uint32_t partition, std::string_view stored_owner) {
    ASSERT_TRUE(manager.Release(partition).ok());
    auto record = ReadLease(bucket_.get(), partition);
    ASSERT_TRUE(record.ok()) << record.error().message;
    ASSERT_TRUE(record->has_value());
    EXPECT_EQ((*record)->owner, stored_owner);
  }

  KvStorePtr bucket_;
  ManualClock clock_;
};

TEST_F(LeaseManagerTest, FirstNodeCreatesEveryLeaseAndMayFetchAtOnce) {
  auto a = Manager("node-a");
  TickOk(*a);
  EXPECT_EQ(a->Owned(), kAllFour);
  EXPECT_EQ(a->TakeEvents().acquired, kAllFour);
  for (uint32_t p : kAllFour) EXPECT_TRUE(a->MayStartRequests(p)) << p;
  auto record = ReadLease(bucket_.get(), 2);
  ASSERT_TRUE(record.ok());
  ASSERT_TRUE(record->has_value());
  EXPECT_EQ((*record)->owner, "node-a");
}

TEST_F(LeaseManagerTest, SecondNodeTakesNothingWhileTheOwnerRenews) {
  auto a = Manager("node-a");
  auto b = Manager("node-b");
  TickOk(*a);
  TickOk(*b);
  // Five lease lifetimes pass; A renews every 2 s, so B never sees a lease
  // standing still for 10 s.
  for (int i = 0; i < 50; ++i) {
    clock_.Advance(seconds(1));
    TickOk(*a);
    TickOk(*b);
  }
  EXPECT_EQ(a->Owned(), kAllFour);
  EXPECT_TRUE(a->TakeEvents().lost.empty());
  EXPECT_TRUE(b->Owned().empty());
}

TEST_F(LeaseManagerTest, TakeoverOnlyAfterTheLeaseExpiresThenWaitsTheTakeoverDelay) {
  auto a = Manager("node-a");
  auto b = Manager("node-b");
  TickOk(*a);
  TickOk(*b);  // B first sees A's revisions now (t = 0)
  // A stops renewing (a dead or cut-off node). It starts no request in the
  // last request_deadline (5 s) of its lease.
  clock_.Advance(seconds(5) - milliseconds(1));
  EXPECT_TRUE(a->MayStartRequests(0));
  clock_.Advance(milliseconds(1));
  EXPECT_FALSE(a->MayStartRequests(0));

  clock_.Advance(seconds(5) - milliseconds(1));  // t = ttl - 1 ms
  TickOk(*b);
  EXPECT_TRUE(b->Owned().empty());

  clock_.Advance(milliseconds(1));  // t = ttl: expired for B
  TickOk(*b);
  EXPECT_EQ(b->Owned(), kAllFour);
  EXPECT_FALSE(b->MayStartRequests(0));  // takeover delay (min-delay)
  clock_.Advance(seconds(1) - milliseconds(1));
  EXPECT_FALSE(b->MayStartRequests(0));
  clock_.Advance(milliseconds(1));
  EXPECT_TRUE(b->MayStartRequests(0));

  // A comes back: its renewals meet B's revisions, so it learns it lost.
  TickOk(*a);
  EXPECT_TRUE(a->Owned().empty());
  EXPECT_EQ(a->TakeEvents().lost, kAllFour);
}

TEST_F(LeaseManagerTest, OwnerThatDidNotRenewInTimeDropsItsLeasesWithoutWriting) {
  auto a = Manager("node-a");
  TickOk(*a);
  a->TakeEvents();
  // A stalled (or could not reach the server) for a whole ttl: its leases
  // ended on its own clock, so it must not renew them as if nothing happened;
  // another node may already have taken them.
  clock_.Advance(seconds(10));
  TickOk(*a);
  EXPECT_TRUE(a->Owned().empty());
  EXPECT_EQ(a->TakeEvents().lost, kAllFour);
}

TEST_F(LeaseManagerTest, ReleasedLeaseIsTakenAtOnceButStillWaitsTheTakeoverDelay) {
  auto a = Manager("node-a");
  auto b = Manager("node-b");
  TickOk(*a);
  a->MarkUsed(2);  // its URLs went to the engine: requests may have been sent
  ReleaseOk(*a, 2, kReleasedLease);
  EXPECT_FALSE(a->Owns(2));
  TickOk(*b);
  EXPECT_EQ(b->Owned(), std::vector<uint32_t>{2});
  EXPECT_FALSE(b->MayStartRequests(2));
  EXPECT_EQ(b->counts(), (LeaseManager::Counts{1, 1}));
  clock_.Advance(seconds(1));
  EXPECT_TRUE(b->MayStartRequests(2));
}

// A new job's partitions move to the nodes joining it without the takeover
// delay, as long as no request was ever sent on them.
TEST_F(LeaseManagerTest, APartitionNoRequestWasSentOnMovesWithoutTheTakeoverDelay) {
  auto a = Manager("node-a");
  auto b = Manager("node-b");
  TickOk(*a);
  EXPECT_TRUE(a->Unused(2));
  ReleaseOk(*a, 2, kReleasedUnusedLease);
  TickOk(*b);
  EXPECT_EQ(b->Owned(), std::vector<uint32_t>{2});
  EXPECT_TRUE(b->MayStartRequests(2));
  EXPECT_EQ(b->counts(), (LeaseManager::Counts{1, 0}));
  // Still unused under b: it moves on the same way.
  ReleaseOk(*b, 2, kReleasedUnusedLease);
}

// The min-delay guarantee across a chain of takeovers: b took a used
// partition (so waited) and gave it up before sending anything; c must
// still wait, since a's last request may be less than min-delay ago.
TEST_F(LeaseManagerTest, AReleaseAfterAWaitedTakeoverMakesTheNextOwnerWaitToo) {
  auto a = Manager("node-a");
  auto b = Manager("node-b");
  auto c = Manager("node-c");
  TickOk(*a);
  a->MarkUsed(1);
  ASSERT_TRUE(a->Release(1).ok());
  TickOk(*b);
  ASSERT_EQ(b->Owned(), std::vector<uint32_t>{1});
  EXPECT_FALSE(b->Unused(1));
  ReleaseOk(*b, 1, kReleasedLease);
  TickOk(*c);
  ASSERT_EQ(c->Owned(), std::vector<uint32_t>{1});
  EXPECT_FALSE(c->MayStartRequests(1));
  clock_.Advance(seconds(1));
  EXPECT_TRUE(c->MayStartRequests(1));
}

// An expired lease may have had requests: the taker waits, used or not.
TEST_F(LeaseManagerTest, AnExpiredLeaseAlwaysWaitsTheTakeoverDelay) {
  auto a = Manager("node-a");
  TickOk(*a);
  a.reset();  // died owning all four, having sent nothing
  auto b = Manager("node-b");
  TickOk(*b);
  clock_.Advance(seconds(10));
  TickOk(*b);
  ASSERT_EQ(b->Owned(), kAllFour);
  EXPECT_FALSE(b->MayStartRequests(0));
  EXPECT_EQ(b->counts(), (LeaseManager::Counts{4, 4}));
}

TEST_F(LeaseManagerTest, RevisionCheckLetsExactlyOneWriterWin) {
  auto created = CreateLease(bucket_.get(), 3, "node-a");
  ASSERT_TRUE(created.ok()) << created.error().message;
  ASSERT_TRUE(created->has_value());
  auto created_again = CreateLease(bucket_.get(), 3, "node-b");
  ASSERT_TRUE(created_again.ok()) << created_again.error().message;
  EXPECT_FALSE(created_again->has_value());

  // Two nodes saw the same expired revision and both try to take it.
  uint64_t seen = **created;
  auto first = UpdateLease(bucket_.get(), 3, "node-b", seen);
  auto second = UpdateLease(bucket_.get(), 3, "node-c", seen);
  ASSERT_TRUE(first.ok()) << first.error().message;
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_TRUE(first->has_value());
  EXPECT_FALSE(second->has_value());
  auto record = ReadLease(bucket_.get(), 3);
  ASSERT_TRUE(record.ok());
  EXPECT_EQ((*record)->owner, "node-b");
}

TEST_F(LeaseManagerTest, MaxOwnedSplitsThePartitionsBetweenNodes) {
  auto a = Manager("node-a");
  auto b = Manager("node-b");
  a->set_max_owned(2);
  b->set_max_owned(2);
  TickOk(*a);
  TickOk(*b);
  EXPECT_EQ(a->Owned(), (std::vector<uint32_t>{0, 1}));
  EXPECT_EQ(b->Owned(), (std::vector<uint32_t>{2, 3}));
}

TEST_F(LeaseManagerTest, RestartedNodeWaitsForItsOldLeasesToExpire) {
  auto a = Manager("node-a");
  TickOk(*a);
  a.reset();  // the process died; a new one starts with the same id
  auto again = Manager("node-a");
  TickOk(*again);
  EXPECT_TRUE(again->Owned().empty());
  clock_.Advance(seconds(10));
  TickOk(*again);
  EXPECT_EQ(again->Owned(), kAllFour);
}

TEST(LeaseOptionsTest, RejectsBadNodeIdsAndATtlShorterThanARequest) {
  LeaseOptions options;
  options.node_id = "node-1";
  EXPECT_TRUE(ValidateLeaseOptions(options).ok());
  options.node_id = "";
  EXPECT_FALSE(ValidateLeaseOptions(options).ok());
  options.node_id = "-";
  EXPECT_FALSE(ValidateLeaseOptions(options).ok());
  options.node_id = "a b";
  EXPECT_FALSE(ValidateLeaseOptions(options).ok());
  options.node_id = "node-1";
  options.ttl = options.request_deadline;
  EXPECT_FALSE(ValidateLeaseOptions(options).ok());
}

}  // namespace
}  // namespace nc::cluster
