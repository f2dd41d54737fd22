// `newscrawl status --cluster URL --job NAME` as a user runs it, against a
// real nats-server holding a job that one in-process node joined.

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

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

// `newscrawl args...` exits with `code` and says `expected` on stderr,
// which it returns.
std::string ExpectRefusal(const std::vector<std::string>& args, int code,
                          std::string_view expected) {
  std::string command = "newscrawl";
  for (const std::string& arg : args) command += " " + arg;
  SCOPED_TRACE(command);
  std::string err;
  EXPECT_EQ(RunNewscrawl(args, nullptr, &err), code) << err;
  EXPECT_NE(err.find(expected), std::string::npos) << err;
  return err;
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

  ExpectRefusal({"status", "--cluster", server.url(), "--job", "other"}, 1,
                "no cluster job \"other\"");
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
  ExpectRefusal({"status", "--cluster", url, "--job", "news"}, 1, "cannot connect");
  // A wrong password is refused, and never printed.
  const std::string wrong = server.UrlWithUser(kSecuredNatsUser, "guess");
  err = ExpectRefusal({"status", "--cluster", wrong, "--job", "news", "--cluster-ca", ca}, 1,
                      "cannot connect to tls://***@127.0.0.1");
  EXPECT_EQ(err.find("guess"), std::string::npos) << err;
  // A missing CA file is named before any connection is tried.
  ExpectRefusal(
      {"status", "--cluster", url, "--job", "news", "--cluster-ca", (dir / "absent.pem").string()},
      1, "CA file");
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
  ExpectRefusal({"status", "--cluster", server.url(), "--job", "news"}, 1,
                "Authorization Violation");
  node_options.security.credentials_file.clear();
  node_options.lease.node_id = "intruder";
  auto refused = cluster::ClusterNode::Join(node_options, clock);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "nats.connect") << refused.error().message;
}

TEST(ClusterStatus, UsageErrors) {
  ExpectRefusal({"status"}, 2, "--store");
  ExpectRefusal({"status", "--cluster", "nats://127.0.0.1:1"}, 2, "--job");
  ExpectRefusal({"status", "--cluster", "nats://127.0.0.1:1", "--job", "news"}, 1,
                "cannot connect");
}

}  // namespace
}  // namespace nc::testing
