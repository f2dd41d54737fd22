#include "cluster/node_roster.h"

#include <gtest/gtest.h>

#include "tests/cluster/nats_server_helpers.h"

namespace nc::cluster {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(NodeRosterTest, NodeThatStopsBeatingLeavesTheRosterAfterTtlOnTheReadersClock) {
  testing::NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);
  auto connection = NatsConnection::Connect(server.url(), "roster-test");
  ASSERT_TRUE(connection.ok()) << connection.error().message;
  ManualClock clock;
  auto a = NodeRoster::Open(**connection, "job", "node-a", seconds(10), seconds(2), clock);
  auto b = NodeRoster::Open(**connection, "job", "node-b", seconds(10), seconds(2), clock);
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_TRUE((*a)->Tick().ok());
  EXPECT_EQ((*a)->LiveNodes(), std::vector<std::string>{"node-a"});  // B has not beaten yet
  ASSERT_TRUE((*b)->Tick().ok());
  ASSERT_TRUE((*a)->Tick().ok());
  const std::vector<std::string> both = {"node-a", "node-b"};
  EXPECT_EQ((*a)->LiveNodes(), both);
  EXPECT_EQ((*b)->LiveNodes(), both);

  // B keeps beating every 2 s for a minute: it stays.
  for (int i = 0; i < 30; ++i) {
    clock.Advance(seconds(2));
    ASSERT_TRUE((*b)->Tick().ok());
    ASSERT_TRUE((*a)->Tick().ok());
    ASSERT_EQ((*a)->LiveNodes(), both) << i;
  }
  // B stops (the last beat A saw was just now).
  clock.Advance(seconds(10) - milliseconds(1));
  ASSERT_TRUE((*a)->Tick().ok());
  EXPECT_EQ((*a)->LiveNodes(), both);
  clock.Advance(milliseconds(1));
  ASSERT_TRUE((*a)->Tick().ok());
  EXPECT_EQ((*a)->LiveNodes(), std::vector<std::string>{"node-a"});
}

}  // namespace
}  // namespace nc::cluster
