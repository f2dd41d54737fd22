// A node's status value (node.NODE in the job's bucket): what a node
// writes reads back, and a value anyone else wrote is an error, not a crash.

#include "cluster/node_status.h"

#include <gtest/gtest.h>

namespace nc::cluster {
namespace {

TEST(NodeStatus, RoundTripsAndRefusesBadValues) {
  NodeStatus status;
  status.pulled = 55;
  status.acked = 54;
  status.published = 60;
  status.seen_absorbed = 2;
  status.state = "finished";
  EXPECT_EQ(EncodeNodeStatus(status), "v1 55 54 60 2 finished");
  auto decoded = DecodeNodeStatus(EncodeNodeStatus(status));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, status);
  EXPECT_EQ(NodeStatusKey("n1"), "node.n1");
  for (const char* bad :
       {"", "v2 1 2 3 4 left", "v1 1 2 3 left", "v1 1 -2 3 4 left", "v1 1 2 3 4 sleeping",
        "v1 1 2 3 4 ", "v1 99999999999999999999 2 3 4 left"}) {
    auto refused = DecodeNodeStatus(bad);
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().code, "cluster.bad_node_status") << bad;
  }
}

}  // namespace
}  // namespace nc::cluster
