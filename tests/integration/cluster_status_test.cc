// `newscrawl status --cluster URL --job NAME` as a user runs it, against a
// real nats-server holding a job that one in-process node joined.

#include <gtest/gtest.h>

#include "cluster/cluster_node.h"
#include "tests/cluster/nats_server_helpers.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

TEST(ClusterStatus, ShowsPartitionOwnersAndWaitingUrls) {
  NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);
  ManualClock clock;
  cluster::ClusterNodeOptions options;
  options.server_url = server.url();
  options.job = "news";
  options.lease.node_id = "node-a";
  options.lease.partitions = 8;
  auto node = cluster::ClusterNode::Join(options, clock);
  ASSERT_TRUE(node.ok()) << node.error().message;
  ASSERT_TRUE((*node)->Tick().ok());
  ASSERT_TRUE((*node)->Route("a.test", cluster::HandoffUrl{"http://a.test/", 0, 0}).ok());

  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"status", "--cluster", server.url(), "--job", "news"}, &out, &err), 0)
      << err;
  EXPECT_NE(out.find("partitions:    8 (0 without owner)"), std::string::npos) << out;
  EXPECT_NE(out.find("node-a  partitions 8"), std::string::npos) << out;
  EXPECT_NE(out.find("urls waiting:  1"), std::string::npos) << out;

  EXPECT_EQ(RunNewscrawl({"status", "--cluster", server.url(), "--job", "other"}, nullptr, &err),
            1);
  EXPECT_NE(err.find("no cluster job \"other\""), std::string::npos) << err;
}

TEST(ClusterStatus, UsageErrors) {
  std::string err;
  EXPECT_EQ(RunNewscrawl({"status"}, nullptr, &err), 2);
  EXPECT_NE(err.find("--store"), std::string::npos) << err;
  EXPECT_EQ(RunNewscrawl({"status", "--cluster", "nats://127.0.0.1:1"}, nullptr, &err), 2);
  EXPECT_NE(err.find("--job"), std::string::npos) << err;
  EXPECT_EQ(
      RunNewscrawl({"status", "--cluster", "nats://127.0.0.1:1", "--job", "news"}, nullptr, &err),
      1);
  EXPECT_NE(err.find("cannot connect"), std::string::npos) << err;
}

}  // namespace
}  // namespace nc::testing
