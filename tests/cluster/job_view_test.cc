#include "cluster/job_view.h"

#include <gtest/gtest.h>

#include "cluster/cluster_node.h"
#include "tests/cluster/nats_server_helpers.h"

namespace nc::cluster {
namespace {

TEST(JobViewTest, ShowsOwnersNodesAndWaitingUrls) {
  testing::NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);
  ManualClock clock;
  ClusterNodeOptions options;
  options.server_url = server.url();
  options.job = "view";
  options.lease.node_id = "node-a";
  options.lease.partitions = 4;
  options.lease.max_owned = 3;
  auto a = ClusterNode::Join(options, clock);
  ASSERT_TRUE(a.ok()) << a.error().message;
  ASSERT_TRUE((*a)->Tick().ok());
  ASSERT_TRUE((*a)->Route("a.test", HandoffUrl{"http://a.test/", 0, 0}).ok());
  ASSERT_TRUE((*a)->Route("b.test", HandoffUrl{"http://b.test/", 0, 0}).ok());

  auto view = ReadJobView(server.url(), "view");
  ASSERT_TRUE(view.ok()) << view.error().message;
  EXPECT_EQ(view->partitions, 4u);
  EXPECT_EQ(view->partitions_by_owner, (std::map<std::string, uint32_t>{{"node-a", 3}}));
  EXPECT_EQ(view->partitions_unowned, 1u);
  EXPECT_EQ(view->heartbeats.size(), 1u);
  EXPECT_EQ(view->urls_waiting, 2u);
  EXPECT_FALSE(view->finished);
  const std::string text = FormatJobView(*view);
  EXPECT_NE(text.find("node-a  partitions 3  heartbeats 1"), std::string::npos) << text;
  EXPECT_NE(text.find("urls waiting:  2"), std::string::npos) << text;
}

TEST(JobViewTest, UnknownJobAndMissingServerAreClearErrors) {
  testing::NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);
  auto view = ReadJobView(server.url(), "nosuchjob");
  ASSERT_FALSE(view.ok());
  EXPECT_EQ(view.error().code, "cluster.no_job");
  EXPECT_NE(view.error().message.find("nosuchjob"), std::string::npos);
  auto down = ReadJobView("nats://127.0.0.1:1", "view");
  ASSERT_FALSE(down.ok());
  EXPECT_EQ(down.error().code, "nats.connect");
}

}  // namespace
}  // namespace nc::cluster
