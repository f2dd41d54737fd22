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

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

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
        held_host_(std::move(held_host)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof(address);
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 ||
        ::listen(listener_, 64) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    accept_thread_ = std::thread([this] { Accept(); });
  }
  ~LeaseWatchingServer() {
    ReleaseHeldPage();
    stop_ = true;
    if (accept_thread_.joinable()) accept_thread_.join();
    for (std::thread& t : answer_threads_) t.join();
    if (listener_ >= 0) ::close(listener_);
  }

  uint16_t port() const { return port_; }
  std::string Url(const std::string& host, const std::string& path) const {
    return "http://" + host + ":" + std::to_string(port_) + path;
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
  void Accept() {
    while (!stop_) {
      pollfd ready{listener_, POLLIN, 0};
      if (::poll(&ready, 1, 20) <= 0) continue;
      const int client = ::accept(listener_, nullptr, nullptr);
      if (client < 0) continue;
      answer_threads_.emplace_back([this, client] {
        Answer(client);
        ::close(client);
      });
    }
  }

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

  void Answer(int client) {
    std::string head;
    char buffer[1024];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
      pollfd ready{client, POLLIN, 0};
      if (::poll(&ready, 1, 5000) <= 0) return;
      const ssize_t n = ::recv(client, buffer, sizeof(buffer), 0);
      if (n <= 0) return;
      head.append(buffer, static_cast<size_t>(n));
    }
    const size_t path_start = head.find(' ') + 1;
    const std::string path = head.substr(path_start, head.find(' ', path_start) - path_start);
    std::string host;
    if (size_t at = head.find("\r\nHost: "); at != std::string::npos) {
      at += 8;
      host = head.substr(at, head.find_first_of(":\r", at) - at);
    }
    // Read before answering: the node cannot have released the lease while
    // this request is unanswered (it waits for its requests in flight).
    const std::string owner = host == watched_host_ ? LeaseOwner() : "";
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(Seen{host, path, owner});
    }
    if (host == held_host_ && path == "/") {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::seconds(120), [this] { return held_released_; });
    }
    std::string reply;
    if (path == "/robots.txt") {
      reply = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    } else {
      const std::string body =
          "<html><head><title>" + path + "</title></head><body><p>" + path + "</p></body></html>";
      reply = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
    }
    (void)::send(client, reply.data(), reply.size(), MSG_NOSIGNAL);
  }

  const std::string nats_url_, watched_host_;
  const uint32_t watched_partition_;
  const std::string held_host_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_ = false;
  std::thread accept_thread_;
  std::vector<std::thread> answer_threads_;  // the accept thread's own
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool held_released_ = false;
  std::vector<Seen> requests_;
  std::mutex nats_mutex_;
  std::unique_ptr<cluster::NatsConnection> connection_;
  cluster::KvStorePtr bucket_;
};

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

  CrawlConfig config;
  for (const std::string& host : {held, other}) {
    auto resolve = ParseResolveOverride(host + ":" + std::to_string(server.port()) + ":127.0.0.1");
    ASSERT_TRUE(resolve.ok());
    config.resolve.push_back(*resolve);
  }
  config.min_delay = 1.0;  // H's stored URLs outlast the release by many seconds
  config.commit_interval_ms = 20;
  config.connect_timeout = config.read_timeout = config.total_timeout = 10;
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

  ClusterFeedOptions options;
  options.node.server_url = nats.url();
  options.node.job = kJob;
  options.node.lease.node_id = "a";
  options.node.lease.partitions = kPartitions;
  options.node.lease.ttl = std::chrono::seconds(30);
  options.node.lease.renew_interval = std::chrono::seconds(3);
  options.node.lease.request_deadline = std::chrono::seconds(10);
  options.node.lease.takeover_delay = std::chrono::seconds(0);
  options.tick_interval = std::chrono::milliseconds(100);
  auto feed = ClusterFeed::Join(options);
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

  CrawlConfig config;
  for (const std::string& host : {held, other}) {
    auto resolve = ParseResolveOverride(host + ":" + std::to_string(server.port()) + ":127.0.0.1");
    ASSERT_TRUE(resolve.ok());
    config.resolve.push_back(*resolve);
  }
  config.min_delay = 0.1;
  config.commit_interval_ms = 20;
  config.connect_timeout = config.read_timeout = config.total_timeout = 10;
  config.seeds = {server.Url(other, "/")};
  const std::string store_dir = (dir / "store").string();
  std::unique_ptr<storage::Store> store = CreateStoreWithConfig(store_dir, config);
  ASSERT_TRUE(store);
  std::vector<storage::OutlinkRecord> stored;
  for (int i = 1; i <= 5; ++i) {
    stored.push_back(JobUrl(server.Url(held, "/s" + std::to_string(i)), held));
  }
  ASSERT_TRUE(store->AddClusterUrls(stored).ok());

  ClusterFeedOptions options;
  options.node.server_url = nats.url();
  options.node.job = kJob;
  options.node.lease.node_id = "a";
  options.node.lease.partitions = kPartitions;
  options.node.lease.ttl = std::chrono::seconds(30);
  options.node.lease.renew_interval = std::chrono::seconds(3);
  options.node.lease.request_deadline = std::chrono::seconds(10);
  options.node.lease.takeover_delay = std::chrono::seconds(0);
  options.tick_interval = std::chrono::milliseconds(100);
  auto feed = ClusterFeed::Join(options);
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
