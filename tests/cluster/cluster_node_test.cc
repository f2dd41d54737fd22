// Two nodes of one job in one process, against a real nats-server, crawling
// a made-up link graph with a stand-in for the engine: pull the owned
// partitions' URLs, "fetch" the new ones (checking that the node owns the
// host and may start requests), route their links, ack after the "commit".
// Leases run on a ManualClock, so takeover happens when the test says.

#include "cluster/cluster_node.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "tests/cluster/nats_server_helpers.h"

namespace nc::cluster {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kHosts = 8;
constexpr int kPagesPerHost = 5;

std::string Host(int h) { return "h" + std::to_string(h) + ".test"; }
std::string Page(int h, int i) { return "http://" + Host(h) + "/" + std::to_string(i); }

// Page i of host h links to page i+1 of its host and page 0 of the next host.
std::vector<std::pair<std::string, std::string>> LinksOf(const std::string& url) {
  int h = 0, i = 0;
  EXPECT_EQ(std::sscanf(url.c_str(), "http://h%d.test/%d", &h, &i), 2) << url;
  std::vector<std::pair<std::string, std::string>> links;
  if (i + 1 < kPagesPerHost) links.emplace_back(Host(h), Page(h, i + 1));
  if (h + 1 < kHosts) links.emplace_back(Host(h + 1), Page(h + 1, 0));
  return links;
}

std::string HostOf(const std::string& url) {
  size_t start = url.find("//") + 2;
  return url.substr(start, url.find('/', start) - start);
}

class ClusterNodeTest : public ::testing::Test {
 protected:
  void SetUp() override { NC_REQUIRE_NATS_SERVER(server_); }

  std::unique_ptr<ClusterNode> Join(const std::string& node_id,
                                    Duration join_window = Duration::zero(),
                                    uint32_t partitions = 4) {
    ClusterNodeOptions options;
    options.server_url = server_.url();
    options.job = "fixture";
    options.join_window = join_window;
    options.lease.node_id = node_id;
    options.lease.partitions = partitions;
    options.lease.ttl = seconds(10);
    options.lease.renew_interval = seconds(2);
    options.lease.request_deadline = seconds(5);
    options.lease.takeover_delay = seconds(1);
    auto node = ClusterNode::Join(options, clock_);
    EXPECT_TRUE(node.ok()) << node.error().message;
    if (!node.ok()) return nullptr;
    EXPECT_TRUE((*node)->Tick().ok());
    return std::move(*node);
  }

  // One round of the stand-in engine on `node`. With `ack` false the node
  // fetches and routes but dies before acking (kill -9 after its commit).
  void Round(ClusterNode& node, const std::string& node_id, bool ack = true) {
    Status ticked = node.Tick();
    ASSERT_TRUE(ticked.ok()) << ticked.error().message;
    // The stand-in engine has nothing in flight between rounds, so it can
    // give a surplus partition up at once.
    for (uint32_t partition : node.Surplus()) {
      Status released = node.ReleasePartition(partition);
      ASSERT_TRUE(released.ok()) << released.error().message;
    }
    auto pulled = node.PullOwned(16, milliseconds(20));
    ASSERT_TRUE(pulled.ok()) << pulled.error().message;
    for (PulledUrl& p : *pulled) {
      ASSERT_TRUE(p.delivered.url.ok());
      const std::string url = p.delivered.url->url;
      const std::string host = HostOf(url);
      EXPECT_TRUE(node.OwnsHost(host)) << node_id << " got " << url;
      EXPECT_TRUE(node.MayStartRequests(host)) << node_id << " got " << url;
      if (seen_[node_id].insert(url).second) {
        ++fetches_[url];
        fetched_by_[url] = node_id;
        for (const auto& [link_host, link] : LinksOf(url)) {
          Status routed = node.Route(link_host, HandoffUrl{link, p.delivered.url->depth + 1, 0});
          ASSERT_TRUE(routed.ok()) << routed.error().message;
        }
      }
      if (!ack) unacked_.insert(url);
    }
    // The round's pages are "committed" together: one ack for the batch.
    if (ack) {
      Status acked = node.AckAll(*pulled);
      ASSERT_TRUE(acked.ok()) << acked.error().message;
    }
  }

  bool Finished(ClusterNode& node) {
    auto finished = node.JobFinished();
    EXPECT_TRUE(finished.ok()) << finished.error().message;
    return finished.ok() && *finished;
  }

  testing::NatsServer server_;
  ManualClock clock_;
  std::map<std::string, std::set<std::string>> seen_;  // per node: its "LMDB" seen-set
  std::map<std::string, int> fetches_;
  std::map<std::string, std::string> fetched_by_;
  std::set<std::string> unacked_;
};

TEST_F(ClusterNodeTest, TwoNodesFetchEveryPageExactlyOnceAndFinish) {
  auto a = Join("node-a");
  EXPECT_EQ(a->OwnedPartitions().size(), 4u);  // alone: all of them
  auto b = Join("node-b");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(b->share(), 2u);
  EXPECT_TRUE(b->OwnedPartitions().empty());  // A has not shed its surplus yet
  Round(*a, "node-a");                        // A sees B and releases two
  EXPECT_EQ(a->OwnedPartitions().size(), 2u);
  Round(*b, "node-b");
  EXPECT_EQ(b->OwnedPartitions().size(), 2u);
  EXPECT_FALSE(Finished(*a));  // nothing published yet is not "finished"
  ASSERT_TRUE(a->Route(Host(0), HandoffUrl{Page(0, 0), 0, 0}).ok());
  ASSERT_TRUE(b->Route(Host(0), HandoffUrl{Page(0, 0), 0, 0}).ok());  // seeds on both: harmless

  // (A sent no request before releasing them, so B may start at once; the
  // clock moves on anyway, as a running job's would.)
  clock_.Advance(seconds(1));
  for (int round = 0; round < 200 && !Finished(*a); ++round) {
    Round(*a, "node-a");
    Round(*b, "node-b");
  }
  EXPECT_TRUE(Finished(*a));
  EXPECT_TRUE(Finished(*b));
  EXPECT_EQ(fetches_.size(), static_cast<size_t>(kHosts * kPagesPerHost));
  for (const auto& [url, count] : fetches_) EXPECT_EQ(count, 1) << url;
  std::set<std::string> nodes;
  for (const auto& [url, node] : fetched_by_) nodes.insert(node);
  EXPECT_EQ(nodes, (std::set<std::string>{"node-a", "node-b"}));
}

TEST_F(ClusterNodeTest, SurvivorTakesOverADeadNodesPartitionsAndUnackedUrls) {
  auto a = Join("node-a");
  auto b = Join("node-b");
  ASSERT_TRUE(a && b);
  Round(*a, "node-a");  // A sheds half to B
  Round(*b, "node-b");
  clock_.Advance(seconds(1));
  ASSERT_EQ(b->OwnedPartitions().size(), 2u);
  ASSERT_TRUE(a->Route(Host(0), HandoffUrl{Page(0, 0), 0, 0}).ok());
  for (int round = 0; round < 3; ++round) {
    Round(*a, "node-a");
    Round(*b, "node-b");
  }
  // A's last round: it fetches, commits and routes, then dies before acking.
  Round(*a, "node-a", /*ack=*/false);
  const std::set<std::string> died_unacked = unacked_;
  ASSERT_FALSE(died_unacked.empty());  // else this test would show nothing
  a.reset();

  // B ticks every 2 s; A's heartbeat and leases stand still from now on.
  // B first sees A drop out of the roster (ttl), then sees A's leases stand
  // still for another ttl; only then does it take them.
  const SteadyTime died = clock_.Now();
  for (int round = 0; round < 30 && b->OwnedPartitions().size() < 4; ++round) {
    clock_.Advance(seconds(2));
    Round(*b, "node-b");
  }
  ASSERT_EQ(b->OwnedPartitions().size(), 4u);
  EXPECT_GE(clock_.Now() - died, seconds(10));
  EXPECT_EQ(b->share(), 4u);
  clock_.Advance(seconds(1));  // takeover delay
  for (int round = 0; round < 200 && !Finished(*b); ++round) Round(*b, "node-b");

  EXPECT_TRUE(Finished(*b));
  EXPECT_EQ(fetches_.size(), static_cast<size_t>(kHosts * kPagesPerHost));
  // Refetched: only what A had committed but not acked when it died.
  for (const auto& [url, count] : fetches_) {
    if (count > 1) {
      EXPECT_EQ(count, 2) << url;
      EXPECT_TRUE(died_unacked.contains(url)) << url;
    }
  }
}

// Nodes started together: in the join window each only heartbeats, then
// each takes its share; nothing is handed over, nobody waits a takeover.
TEST_F(ClusterNodeTest, NodesJoiningTogetherEachTakeTheirShareAfterTheJoinWindow) {
  const Duration window = seconds(3);
  std::vector<std::unique_ptr<ClusterNode>> nodes;
  for (const char* id : {"node-a", "node-b", "node-c"}) nodes.push_back(Join(id, window, 6));
  for (auto& node : nodes) {
    ASSERT_TRUE(node);
    ASSERT_TRUE(node->Tick().ok());
    EXPECT_TRUE(node->OwnedPartitions().empty());  // still in the window
  }
  clock_.Advance(window);
  std::set<uint32_t> all;
  for (auto& node : nodes) {
    ASSERT_TRUE(node->Tick().ok());
    EXPECT_EQ(node->share(), 2u);
    EXPECT_EQ(node->OwnedPartitions().size(), 2u);
    EXPECT_TRUE(node->Surplus().empty());
    for (uint32_t p : node->OwnedPartitions()) all.insert(p);
    EXPECT_EQ(node->lease_counts(), (LeaseManager::Counts{2, 0}));
    const std::string host = Host(0);
    EXPECT_EQ(node->MayStartRequests(host), node->OwnsHost(host));
  }
  EXPECT_EQ(all.size(), 6u);
}

// A node joining a running job: the owner hands over the partitions it
// never sent a request on first, and those need no takeover delay.
TEST_F(ClusterNodeTest, ALateNodeGetsUnusedPartitionsFirstAndWithoutTheTakeoverDelay) {
  auto a = Join("node-a");
  ASSERT_TRUE(a);
  ASSERT_EQ(a->OwnedPartitions().size(), 4u);
  // A fetches one URL: its partition is used from then on.
  ASSERT_TRUE(a->Route(Host(0), HandoffUrl{Page(0, 0), 0, 0}).ok());
  auto pulled = a->PullOwned(16, milliseconds(200));
  ASSERT_TRUE(pulled.ok()) << pulled.error().message;
  ASSERT_EQ(pulled->size(), 1u);
  ASSERT_TRUE(a->AckAll(*pulled).ok());
  const uint32_t used = a->PartitionOfHost(Host(0));

  auto b = Join("node-b");
  ASSERT_TRUE(b);
  ASSERT_TRUE(a->Tick().ok());
  const std::vector<uint32_t> surplus = a->Surplus();
  ASSERT_EQ(surplus.size(), 2u);
  for (uint32_t p : surplus) {
    EXPECT_NE(p, used);
    ASSERT_TRUE(a->ReleasePartition(p).ok());
  }
  ASSERT_TRUE(b->Tick().ok());
  EXPECT_EQ(b->OwnedPartitions(), (std::vector<uint32_t>{std::min(surplus[0], surplus[1]),
                                                         std::max(surplus[0], surplus[1])}));
  EXPECT_EQ(b->lease_counts(), (LeaseManager::Counts{2, 0}));
  for (int h = 0; h < 64; ++h) {  // every host of b's partitions, at once
    if (b->OwnsHost(Host(h))) {
      EXPECT_TRUE(b->MayStartRequests(Host(h))) << Host(h);
    }
  }
  EXPECT_TRUE(a->OwnsHost(Host(0)));
}

TEST_F(ClusterNodeTest, LaterNodesUseTheJobsRecordedSettings) {
  auto a = Join("node-a");
  ASSERT_TRUE(a);
  auto recorded = a->RecordOnce("config", "min_delay = 1.0\n");
  ASSERT_TRUE(recorded.ok());
  EXPECT_EQ(*recorded, "min_delay = 1.0\n");

  ClusterNodeOptions options;
  options.server_url = server_.url();
  options.job = "fixture";
  options.lease.node_id = "node-b";
  options.lease.partitions = 64;  // a different proposal: the job's 4 wins
  auto b = ClusterNode::Join(options, clock_);
  ASSERT_TRUE(b.ok()) << b.error().message;
  EXPECT_EQ((*b)->partitions(), 4u);
  auto config = (*b)->RecordOnce("config", "min_delay = 9.0\n");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(*config, "min_delay = 1.0\n");
}

TEST_F(ClusterNodeTest, JoinFailsClearlyWithoutAServer) {
  ClusterNodeOptions options;
  options.server_url = "nats://127.0.0.1:1";
  options.job = "fixture";
  options.lease.node_id = "node-a";
  auto node = ClusterNode::Join(options, clock_);
  ASSERT_FALSE(node.ok());
  EXPECT_EQ(node.error().code, "nats.connect");
}

}  // namespace
}  // namespace nc::cluster
