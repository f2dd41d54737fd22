// The seen log across owners (issue 15, docs/scale-out.md "Seen log"), with
// two in-process ClusterFeeds on a real nats-server: a URL the first owner
// fetched, committed and acknowledged comes back to the job later (a
// publish after the stream's duplicate window); the partition's next owner
// reads the seen log when it takes the partition and acknowledges the URL
// without handing it to its engine for a second fetch.

#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>

#include "cluster/handoff_message.h"
#include "cluster/partition.h"
#include "cluster/url_handoff.h"
#include "crawler/cluster_feed.h"
#include "tests/cluster/nats_server_helpers.h"

namespace nc::testing {
namespace {

using std::chrono::milliseconds;

constexpr const char* kUrl = "http://a.test/story";

ClusterFeedOptions FeedOptions(const std::string& server_url, const std::string& node_id) {
  ClusterFeedOptions options;
  options.node.server_url = server_url;
  options.node.job = "news";
  options.node.lease.node_id = node_id;
  options.node.lease.partitions = 1;  // one partition: whoever joins owns it
  options.node.lease.ttl = milliseconds(3000);
  options.node.lease.renew_interval = milliseconds(300);
  options.node.lease.request_deadline = milliseconds(500);
  options.node.lease.takeover_delay = milliseconds(0);
  options.tick_interval = milliseconds(50);
  return options;
}

// What a feed's callbacks saw, waited for with a generous bound (a broken
// feed fails the test instead of hanging it).
struct Seen {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::string> delivered;
  bool finished = false;

  ClusterFeed::Callbacks Callbacks() {
    ClusterFeed::Callbacks callbacks;
    callbacks.deliver = [this](std::vector<ClusterIntakeUrl> urls) {
      std::lock_guard lock(mutex);
      for (auto& u : urls) delivered.push_back(u.url);
      changed.notify_all();
    };
    callbacks.finished = [this] {
      std::lock_guard lock(mutex);
      finished = true;
      changed.notify_all();
    };
    callbacks.failed = [](Error error) { ADD_FAILURE() << error.message; };
    return callbacks;
  }
  bool WaitFor(const std::function<bool()>& done) {
    std::unique_lock lock(mutex);
    return changed.wait_for(lock, std::chrono::seconds(60), done);
  }
};

TEST(ClusterSeenLog, ANewOwnerDoesNotFetchAgainWhatTheOldOneCommitted) {
  NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);

  // The first owner gets the URL, "commits" it, acknowledges it and leaves.
  Seen first_seen;
  auto first = ClusterFeed::Join(FeedOptions(server.url(), "first"));
  ASSERT_TRUE(first.ok()) << first.error().message;
  storage::OutlinkRecord seed;
  seed.target = kUrl;
  seed.host_key = "a.test";
  seed.follow = true;
  ASSERT_TRUE((*first)->Start({seed}, first_seen.Callbacks()).ok());
  ASSERT_TRUE(first_seen.WaitFor([&] { return !first_seen.delivered.empty(); }));
  EXPECT_EQ(first_seen.delivered, std::vector<std::string>{kUrl});
  (*first)->Committed({kUrl});
  ASSERT_TRUE((*first)->Finish().ok());
  EXPECT_EQ((*first)->counts().acked, 1u);

  // The URL comes back, past the duplicate window (no message id).
  auto publisher = cluster::NatsConnection::Connect(server.url(), "late-publisher");
  ASSERT_TRUE(publisher.ok()) << publisher.error().message;
  const std::string body = cluster::EncodeHandoffUrl(cluster::HandoffUrl{kUrl, 1, 0});
  ASSERT_EQ(js_Publish(nullptr, (*publisher)->jetstream(),
                       cluster::PartitionSubject("news", cluster::PartitionOf("a.test", 1)).c_str(),
                       body.data(), static_cast<int>(body.size()), nullptr, nullptr),
            NATS_OK);

  // The next owner reads the seen log on taking the partition: the URL is
  // acknowledged, never delivered, and the job finishes.
  Seen second_seen;
  ClusterFeedOptions second_options = FeedOptions(server.url(), "second");
  second_options.route_seeds = false;
  auto second = ClusterFeed::Join(second_options);
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_TRUE((*second)->Start({}, second_seen.Callbacks()).ok());
  ASSERT_TRUE(second_seen.WaitFor([&] { return second_seen.finished; }));
  ASSERT_TRUE((*second)->Finish().ok());
  EXPECT_TRUE(second_seen.delivered.empty());
  EXPECT_EQ((*second)->counts().pulled, 1u);
  EXPECT_EQ((*second)->counts().seen_absorbed, 1u);
  EXPECT_EQ((*second)->counts().acked, 1u);
}

}  // namespace
}  // namespace nc::testing
