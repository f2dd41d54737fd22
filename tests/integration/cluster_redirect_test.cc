// A redirect loop across two cluster nodes (issue 15): http://A/ redirects
// to http://B/ and B back to A, with A and B in partitions owned by
// different nodes. B's URL reaches its owner through the job's stream, so
// the redirect chain must travel in the hand-off message
// (cluster/handoff_message.h, v2); without it B's owner sees a redirect to a
// URL it never met and the loop ends unlabelled. The server is a few lines
// of its own here (LoopbackHttpServer): it answers by Host header, which
// the fixture site cannot do across hosts.

#include <gtest/gtest.h>

#include <fstream>
#include <mutex>

#include "cluster/partition.h"
#include "tests/cluster/nats_server_helpers.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"
#include "tests/integration/loopback_http_helpers.h"

namespace nc::testing {
namespace {

// Two hosts in different partitions of a 2-partition job (FNV-1a of the
// host key, which for these names is the host).
constexpr uint32_t kPartitions = 2;
std::pair<std::string, std::string> HostsInDifferentPartitions() {
  const std::string a = "loop-a.test";
  for (int i = 0;; ++i) {
    std::string b = "loop-b" + std::to_string(i) + ".test";
    if (cluster::PartitionOf(b, kPartitions) != cluster::PartitionOf(a, kPartitions)) {
      return {a, b};
    }
  }
}

// "/" of `a` answers 301 to "/" of `b` and the reverse; anything else is 404.
class RedirectPairServer {
 public:
  RedirectPairServer(std::string a, std::string b)
      : a_(std::move(a)), b_(std::move(b)), http_([this](const auto& r) { return Answer(r); }) {}

  uint16_t port() const { return http_.port(); }
  std::string Url(const std::string& host) const { return http_.Url(host, "/"); }
  // "HOST PATH" of every request, in arrival order.
  std::vector<std::string> Requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }

 private:
  std::string Answer(const LoopbackHttpServer::Request& request) {
    {
      std::lock_guard lock(mutex_);
      requests_.push_back(request.host + " " + request.path);
    }
    if (request.path == "/" && (request.host == a_ || request.host == b_)) {
      return HttpResponse("301 Moved Permanently",
                          "Location: " + Url(request.host == a_ ? b_ : a_) + "\r\n");
    }
    return HttpResponse("404 Not Found");
  }

  const std::string a_, b_;
  mutable std::mutex mutex_;
  std::vector<std::string> requests_;
  LoopbackHttpServer http_;  // last: its threads use the members above
};

TEST(ClusterRedirect, ALoopAcrossTwoNodesEndsAsARedirectLoop) {
  NatsServer nats;
  NC_REQUIRE_NATS_SERVER(nats);
  TempDir dir;
  const auto [a, b] = HostsInDifferentPartitions();
  RedirectPairServer server(a, b);
  ASSERT_NE(server.port(), 0);
  // scope = all: B is not under the seed's domain.
  std::ofstream(dir / "crawl.toml") << "[crawl]\nscope = \"all\"\n[politeness]\n"
                                       "max_crawl_delay = 0.1\n[fetch]\ntotal_timeout = 2.0\n";
  auto store = [&](int node) { return (dir / ("store" + std::to_string(node))).string(); };
  std::vector<std::unique_ptr<CrawlerProcess>> nodes;
  const std::string port = std::to_string(server.port());
  for (int node = 0; node < 2; ++node) {
    // Started together: in the join window each sees the other, then each
    // takes one of the two partitions. A long lease: nothing is killed here.
    std::vector<std::string> args = {"crawl", "--cluster", nats.url(), "--job", "loop"};
    args.insert(args.end(), {"--node-id", "n" + std::to_string(node), "--store", store(node)});
    args.insert(args.end(), {"--config", (dir / "crawl.toml").string(), "--seed", server.Url(a)});
    args.insert(args.end(), {"--resolve", a + ":" + port + ":127.0.0.1"});
    args.insert(args.end(), {"--resolve", b + ":" + port + ":127.0.0.1", "--min-delay", "0.05"});
    args.insert(args.end(), {"--cluster-partitions", std::to_string(kPartitions)});
    args.insert(args.end(), {"--cluster-lease-ttl", "30", "--cluster-join-window", "5", "-q"});
    nodes.push_back(std::make_unique<CrawlerProcess>(args, dir.path()));
  }
  for (auto& node : nodes) EXPECT_EQ(node->Wait(), 0) << node->Stderr();

  // Who fetched what: A's page in one store, B's in the other.
  int a_node = -1, b_node = -1;
  storage::StoredPage b_page;
  for (int node = 0; node < 2; ++node) {
    StoredCrawl stored = ReadStore(store(node));
    if (stored.pages.contains(server.Url(a))) a_node = node;
    if (auto it = stored.pages.find(server.Url(b)); it != stored.pages.end()) {
      b_node = node;
      b_page = it->second;
    }
  }
  ASSERT_NE(a_node, -1);
  ASSERT_NE(b_node, -1);
  EXPECT_NE(a_node, b_node) << "both pages on one node: the loop did not cross nodes";
  EXPECT_EQ(b_page.http_status, 301);
  EXPECT_EQ(b_page.reason, FailureReason::kRedirectLoop) << b_page.error;
  EXPECT_NE(b_page.error.find("a loop of 2 hops"), std::string::npos) << b_page.error;
  // Each page requested once: the loop was not followed round again.
  std::map<std::string, int> counts;
  for (const std::string& request : server.Requests()) ++counts[request];
  EXPECT_EQ(counts[a + " /"], 1);
  EXPECT_EQ(counts[b + " /"], 1);
}

}  // namespace
}  // namespace nc::testing
