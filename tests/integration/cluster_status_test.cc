// `newscrawl status --cluster URL --job NAME` as a user runs it, against a
// real nats-server holding a job that one in-process node joined.

#include <gtest/gtest.h>

#include "cluster/cluster_node.h"
#include "tests/cluster/nats_server_helpers.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/secured_nats_helpers.h"

namespace nc::testing {
namespace {

// Node "node-a" of job "news" on the server at `url`, with `partitions`.
cluster::ClusterNodeOptions NodeA(const std::string& url, uint32_t partitions) {
  cluster::ClusterNodeOptions options;
  options.server_url = url;
  options.job = "news";
  options.lease.node_id = "node-a";
  options.lease.partitions = partitions;
  return options;
}

TEST(ClusterStatus, ShowsPartitionOwnersAndWaitingUrls) {
  NatsServer server;
  NC_REQUIRE_NATS_SERVER(server);
  ManualClock clock;
  auto node = cluster::ClusterNode::Join(NodeA(server.url(), 8), clock);
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

// The views and a node over a secured server: TLS with a certificate of
// the fixture's test CA, and a user with a password (in the URL, as the
// NATS client takes it).
TEST(ClusterStatus, SecuredServerWithTlsAndPassword) {
  TempDir dir;
  SecuredNatsFiles secured = WriteSecuredNatsFiles(dir.path());
  ASSERT_TRUE(secured.error.empty()) << secured.error;
  const std::string& ca = secured.ca_file;
  NatsServer server(secured.options);
  NC_REQUIRE_NATS_SERVER(server);
  ASSERT_EQ(server.url().rfind("tls://", 0), 0u) << server.url();
  const std::string url = server.UrlWithUser(kSecuredNatsUser, kSecuredNatsPassword);

  ManualClock clock;
  cluster::ClusterNodeOptions options = NodeA(url, 4);
  options.security.ca_file = ca;
  auto node = cluster::ClusterNode::Join(options, clock);
  ASSERT_TRUE(node.ok()) << node.error().message;
  ASSERT_TRUE((*node)->Tick().ok());
  ASSERT_TRUE((*node)->Route("a.test", cluster::HandoffUrl{"http://a.test/", 0, 0}).ok());
  cluster::NodeStatus counts;
  counts.pulled = 7;
  counts.acked = 6;
  counts.published = 9;
  ASSERT_TRUE((*node)->PutStatus(counts).ok());

  std::string out, err;
  ASSERT_EQ(
      RunNewscrawl({"status", "--cluster", url, "--job", "news", "--cluster-ca", ca}, &out, &err),
      0)
      << err;
  EXPECT_NE(out.find("node-a  partitions 4  heartbeats "), std::string::npos) << out;
  EXPECT_NE(out.find("  pulled 7  acked 6  published 9  seen-log 0  running\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("urls waiting:  1"), std::string::npos) << out;

  // The server's certificate is not trusted without the test CA.
  EXPECT_EQ(RunNewscrawl({"status", "--cluster", url, "--job", "news"}, nullptr, &err), 1);
  EXPECT_NE(err.find("cannot connect"), std::string::npos) << err;
  // A wrong password is refused, and never printed.
  const std::string wrong = server.UrlWithUser(kSecuredNatsUser, "guess");
  EXPECT_EQ(RunNewscrawl({"status", "--cluster", wrong, "--job", "news", "--cluster-ca", ca},
                         nullptr, &err),
            1);
  EXPECT_NE(err.find("cannot connect to tls://***@127.0.0.1"), std::string::npos) << err;
  EXPECT_EQ(err.find("guess"), std::string::npos) << err;
  // A missing CA file is named before any connection is tried.
  EXPECT_EQ(RunNewscrawl({"status", "--cluster", url, "--job", "news", "--cluster-ca",
                          (dir / "absent.pem").string()},
                         nullptr, &err),
            1);
  EXPECT_NE(err.find("CA file"), std::string::npos) << err;
}

// A server in operator mode (accounts as JWTs): a node and `status` get in
// with the user's credentials file (--cluster-creds), nobody gets in
// without it.
TEST(ClusterStatus, ServerWithAccountsAndACredentialsFile) {
  TempDir dir;
  NatsOperatorSetup setup = WriteNatsOperatorSetup(dir.path());
  ASSERT_TRUE(setup.error.empty()) << setup.error;
  NatsServerOptions options;
  options.extra_config = setup.server_config;
  NatsServer server(options);
  NC_REQUIRE_NATS_SERVER(server);

  ManualClock clock;
  cluster::ClusterNodeOptions node_options = NodeA(server.url(), 2);
  node_options.security.credentials_file = setup.creds_file;
  auto node = cluster::ClusterNode::Join(node_options, clock);
  ASSERT_TRUE(node.ok()) << node.error().message;
  ASSERT_TRUE((*node)->Tick().ok());

  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"status", "--cluster", server.url(), "--job", "news", "--cluster-creds",
                          setup.creds_file},
                         &out, &err),
            0)
      << err;
  EXPECT_NE(out.find("node-a  partitions 2"), std::string::npos) << out;
  EXPECT_EQ(RunNewscrawl({"status", "--cluster", server.url(), "--job", "news"}, nullptr, &err), 1);
  EXPECT_NE(err.find("Authorization Violation"), std::string::npos) << err;
  node_options.security.credentials_file.clear();
  node_options.lease.node_id = "intruder";
  auto refused = cluster::ClusterNode::Join(node_options, clock);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "nats.connect") << refused.error().message;
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
