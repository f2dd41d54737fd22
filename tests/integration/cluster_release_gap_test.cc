// Politeness after a partition is released (issue 15, docs/scale-out.md
// "The engine's cluster mode"): a node whose store still holds queued URLs
// of a partition's host (a resumed store) must send that host nothing once
// it has given the partition up, whatever its scheduler still holds. One
// in-process node (a CrawlEngine with a ClusterFeed) on a real nats-server,
// against a small server of the test's own that, for each request to the
// host, reads who holds the host's lease at that moment: a request that
// arrives when the node no longer holds it is a request after the release.
//
// The run: the store holds 30 queued URLs of host H (partition 1) and the
// job's URL j1 of H, and G's home page (partition 0) is the job's other
// URL. The node owns both partitions, pulls j1 (which loads H's stored
// queue into its scheduler) and G. When j1's fetch starts, a second node
// "b" appears in the roster, so the node's share falls to one partition:
// it drains partition 1 (j1 committed and acknowledged) and releases it,
// while H's stored URLs are still queued. G's page is held by the server
// until the release is seen, so the job cannot end first. Whatever H's
// URLs the scheduler still had are withdrawn, not sent: they stay queued in
// the store, and the run ends when G is done.

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "cluster/lease_manager.h"
#include "cluster/nats_client.h"
#include "cluster/node_roster.h"
#include "cluster/partition.h"
#include "crawler/cluster_feed.h"
#include "crawler/crawl_engine.h"
#include "storage/schema.h"
#include "tests/cluster/nats_server_helpers.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/loopback_http_helpers.h"

namespace nc::testing {
namespace {

constexpr const char* kJob = "gap";
constexpr uint32_t kPartitions = 2;
constexpr int kStoredUrls = 30;

// A host of `partition` (its host key is the host name).
std::string HostIn(uint32_t partition, const std::string& stem) {
  for (int i = 0;; ++i) {
    std::string host = stem + std::to_string(i) + ".test";
    if (cluster::PartitionOf(host, kPartitions) == partition) return host;
  }
}

// One request per connection, each on a thread of its own (G's page is
// held back while H's requests go on). For each request to `watched_host`
// it reads the owner of `watched_partition`'s lease from the job's bucket.
class LeaseWatchingServer {
 public:
  LeaseWatchingServer(std::string nats_url, std::string watched_host, uint32_t watched_partition,
                      std::string held_host)
      : nats_url_(std::move(nats_url)),
        watched_host_(std::move(watched_host)),
        watched_partition_(watched_partition),
        held_host_(std::move(held_host)),
        http_([this](const auto& request) { return Answer(request); }) {}
  ~LeaseWatchingServer() { ReleaseHeldPage(); }

  uint16_t port() const { return http_.port(); }
  std::string Url(const std::string& host, const std::string& path) const {
    return http_.Url(host, path);
  }
  void ReleaseHeldPage() {
    std::lock_guard lock(mutex_);
    held_released_ = true;
    changed_.notify_all();
  }

  struct Seen {
    std::string host, path, lease_owner;  // lease_owner: only for the watched host
  };
  std::vector<Seen> Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::string LeaseOwner() {
    std::lock_guard lock(nats_mutex_);
    if (!connection_) {
      auto connection = cluster::NatsConnection::Connect(nats_url_, "lease-watcher");
      if (!connection.ok()) return "error: " + connection.error().message;
      connection_ = std::move(*connection);
      kvStore* kv = nullptr;
      if (js_KeyValue(&kv, connection_->jetstream(), cluster::JobBucketName(kJob).c_str()) !=
          NATS_OK) {
        return "error: no bucket";
      }
      bucket_.reset(kv);
    }
    auto lease = cluster::ReadLease(bucket_.get(), watched_partition_);
    if (!lease.ok()) return "error: " + lease.error().message;
    return lease->has_value() ? (*lease)->owner : "(none)";
  }

  std::string Answer(const LoopbackHttpServer::Request& request) {
    // Read before answering: the node cannot have released the lease while
    // this request is unanswered (it waits for its requests in flight).
    const std::string owner = request.host == watched_host_ ? LeaseOwner() : "";
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(Seen{request.host, request.path, owner});
    }
    if (request.host == held_host_ && request.path == "/") {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::seconds(120), [this] { return held_released_; });
    }
    if (request.path == "/robots.txt") return HttpResponse("404 Not Found");
    return HttpResponse("200 OK", "Content-Type: text/html\r\n",
                        "<html><head><title>" + request.path + "</title></head><body><p>" +
                            request.path + "</p></body></html>");
  }

  const std::string nats_url_, watched_host_;
  const uint32_t watched_partition_;
  const std::string held_host_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool held_released_ = false;
  std::vector<Seen> requests_;
  std::mutex nats_mutex_;
  std::unique_ptr<cluster::NatsConnection> connection_;
  cluster::KvStorePtr bucket_;
  LoopbackHttpServer http_;  // last: its threads use the members above
};

// A crawl of `hosts`, each resolved to `server`, with short timeouts.
CrawlConfig ConfigFor(const LeaseWatchingServer& server, const std::vector<std::string>& hosts,
                      double min_delay) {
  CrawlConfig config;
  for (const std::string& host : hosts) {
    auto resolve = ParseResolveOverride(host + ":" + std::to_string(server.port()) + ":127.0.0.1");
    EXPECT_TRUE(resolve.ok()) << host;
    if (resolve.ok()) config.resolve.push_back(*resolve);
  }
  config.min_delay = min_delay;
  config.commit_interval_ms = 20;
  config.connect_timeout = config.read_timeout = config.total_timeout = 10;
  return config;
}

// The in-process node "a" of the job: a long lease, no takeover delay.
ClusterFeedOptions NodeAOptions(const std::string& nats_url) {
  ClusterFeedOptions options;
  options.node.server_url = nats_url;
  options.node.job = kJob;
  options.node.lease.node_id = "a";
  options.node.lease.partitions = kPartitions;
  options.node.lease.ttl = std::chrono::seconds(30);
  options.node.lease.renew_interval = std::chrono::seconds(3);
  options.node.lease.request_deadline = std::chrono::seconds(10);
  options.node.lease.takeover_delay = std::chrono::seconds(0);
  options.tick_interval = std::chrono::milliseconds(100);
  return options;
}

storage::OutlinkRecord JobUrl(const std::string& url, const std::string& host) {
  storage::OutlinkRecord record;
  record.target = url;
  record.host_key = host;
  record.role = LinkRole::kHeadline;
  record.follow = true;
  return record;
}

TEST(ClusterReleaseGap, AReleasedPartitionsHostGetsNoRequestFromItsStoredQueue) {
  NatsServer nats;
  NC_REQUIRE_NATS_SERVER(nats);
  TempDir dir;
  const std::string held = HostIn(1, "held");    // H: stored URLs, the partition released
  const std::string other = HostIn(0, "other");  // G: keeps the job open
  LeaseWatchingServer server(nats.url(), held, 1, other);
  ASSERT_NE(server.port(), 0);

  // min_delay 1 s: H's stored URLs outlast the release by many seconds.
  CrawlConfig config = ConfigFor(server, {held, other}, /*min_delay=*/1.0);
  const std::string first_url = server.Url(held, "/j1");
  config.seeds = {first_url, server.Url(other, "/")};  // published to the job, not queued

  // A resumed store: j1 and 30 more of H's URLs queued by an earlier run.
  const std::string store_dir = (dir / "store").string();
  std::unique_ptr<storage::Store> store = CreateStoreWithConfig(store_dir, config);
  ASSERT_TRUE(store);
  std::vector<storage::OutlinkRecord> stored = {JobUrl(first_url, held)};
  for (int i = 1; i <= kStoredUrls; ++i) {
    stored.push_back(JobUrl(server.Url(held, "/s" + std::to_string(i)), held));
  }
  for (const auto& record : stored) {  // one at a time: j1 gets the lowest seq
    ASSERT_TRUE(store->AddClusterUrls(std::span(&record, 1)).ok());
  }

  auto feed = ClusterFeed::Join(NodeAOptions(nats.url()));
  ASSERT_TRUE(feed.ok()) << feed.error().message;

  // Node b's heartbeat, written when j1's fetch starts: from the next tick
  // the node's share is one partition and it hands partition 1 over.
  auto other_node = cluster::NatsConnection::Connect(nats.url(), "b");
  ASSERT_TRUE(other_node.ok());
  auto roster = (*other_node)->OpenOrCreateBucket(cluster::RosterBucketName(kJob));
  ASSERT_TRUE(roster.ok()) << roster.error().message;
  std::atomic<bool> joined = false;
  SystemClock clock;
  CrawlEngine engine(config, *store, clock);
  engine.SetCluster(feed->get());
  engine.SetBeforeFetchPageHookForTesting([&](const std::string& url) {
    if (url != first_url || joined.exchange(true)) return;
    uint64_t revision = 0;
    EXPECT_EQ(kvStore_PutString(&revision, roster->get(), "b", "1"), NATS_OK);
  });
  auto watcher = cluster::NatsConnection::Connect(nats.url(), "watcher");
  ASSERT_TRUE(watcher.ok());
  auto bucket = (*watcher)->OpenOrCreateBucket(cluster::JobBucketName(kJob));
  ASSERT_TRUE(bucket.ok());
  Result<CrawlOutcome> outcome = MakeError("test", "not run");
  std::thread run([&] { outcome = engine.Run(/*handle_signals=*/false); });

  // Partition 1 released ("-": requests were sent on it).
  bool released = false;
  for (int i = 0; i < 60000 && !released; ++i) {
    auto lease = cluster::ReadLease(bucket->get(), 1);
    released = lease.ok() && lease->has_value() && (*lease)->owner == cluster::kReleasedLease;
    if (!released) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  EXPECT_TRUE(released) << "partition 1 was not handed over";
  server.ReleaseHeldPage();
  run.join();
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;

  // Every request to H arrived while the node held H's lease.
  int to_held = 0, after_release = 0;
  for (const auto& seen : server.Requests()) {
    if (seen.host != held) continue;
    ++to_held;
    if (seen.lease_owner != "a") {
      ++after_release;
      ADD_FAILURE() << seen.path << " requested while lease.1 was \"" << seen.lease_owner << "\"";
    }
  }
  EXPECT_EQ(after_release, 0);
  // The scenario happened: H's URLs were still queued at the release, and
  // those not sent stay queued in the store (the job's copies are with the
  // partition's owner).
  const ClusterFeed::Counts counts = (*feed)->counts();
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  std::printf(
      "[ cluster ] %d requests to the released host (robots.txt, j1 and %d stored URLs "
      "before the release), %llu dispatch(es) withdrawn, %llu URLs left queued\n",
      to_held, to_held - 2, static_cast<unsigned long long>(counts.withdrawn),
      static_cast<unsigned long long>(stats->urls_queued));
  EXPECT_GE(counts.withdrawn, 1u);
  EXPECT_GE(stats->urls_queued, 1u);
  EXPECT_LT(to_held, kStoredUrls + 2);
  EXPECT_TRUE(joined.load());
}

// A resumed store's queued URLs of a partition this node does not own are
// never fetched by it: here partition 1 is held by a live node "b" (its
// lease and heartbeat written before this node joins), this node takes
// partition 0, fetches G and ends with the job; H gets no request.
TEST(ClusterReleaseGap, AResumedStoresUrlsOfAPartitionOwnedElsewhereAreNotFetched) {
  NatsServer nats;
  NC_REQUIRE_NATS_SERVER(nats);
  TempDir dir;
  const std::string held = HostIn(1, "held");
  const std::string other = HostIn(0, "other");
  LeaseWatchingServer server(nats.url(), held, 1, /*held_host=*/"");
  ASSERT_NE(server.port(), 0);

  auto other_node = cluster::NatsConnection::Connect(nats.url(), "b");
  ASSERT_TRUE(other_node.ok());
  auto bucket = (*other_node)->OpenOrCreateBucket(cluster::JobBucketName(kJob));
  auto roster = (*other_node)->OpenOrCreateBucket(cluster::RosterBucketName(kJob));
  ASSERT_TRUE(bucket.ok() && roster.ok());
  uint64_t revision = 0;
  ASSERT_EQ(kvStore_PutString(&revision, roster->get(), "b", "1"), NATS_OK);
  auto lease = cluster::CreateLease(bucket->get(), 1, "b");
  ASSERT_TRUE(lease.ok() && lease->has_value());

  CrawlConfig config = ConfigFor(server, {held, other}, /*min_delay=*/0.1);
  config.seeds = {server.Url(other, "/")};
  const std::string store_dir = (dir / "store").string();
  std::unique_ptr<storage::Store> store = CreateStoreWithConfig(store_dir, config);
  ASSERT_TRUE(store);
  std::vector<storage::OutlinkRecord> stored;
  for (int i = 1; i <= 5; ++i) {
    stored.push_back(JobUrl(server.Url(held, "/s" + std::to_string(i)), held));
  }
  ASSERT_TRUE(store->AddClusterUrls(stored).ok());

  auto feed = ClusterFeed::Join(NodeAOptions(nats.url()));
  ASSERT_TRUE(feed.ok()) << feed.error().message;
  SystemClock clock;
  CrawlEngine engine(config, *store, clock);
  engine.SetCluster(feed->get());
  auto outcome = engine.Run(/*handle_signals=*/false);
  ASSERT_TRUE(outcome.ok()) << outcome.error().message;

  int to_other = 0;
  for (const auto& seen : server.Requests()) {
    EXPECT_NE(seen.host, held) << seen.path << " of a partition owned by node b";
    if (seen.host == other) ++to_other;
  }
  EXPECT_EQ(to_other, 2);  // robots.txt and the home page
  auto stats = store->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->urls_queued, 5u);  // still queued, for this node if it owns them one day
}

}  // namespace
}  // namespace nc::testing
