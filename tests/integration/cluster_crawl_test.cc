// `newscrawl crawl --cluster` end to end (issue 15, docs/scale-out.md): a
// nats-server with JetStream and three build/newscrawl nodes, each a child
// process with its own store, crawl the fixture site together. What the
// fixture server saw is the evidence: every page of the ground truth
// requested exactly once across the nodes, and per host one request at a
// time with at least min-delay between them, across nodes and takeovers.
// Then one node is killed with kill -9 mid-crawl: the survivors take its
// partitions over and finish, refetching no more than docs/scale-out.md
// allows, and the killed node restarted with `resume` rejoins the job.

#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "tests/cluster/nats_server_helpers.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"
#include "tests/integration/kill_bounds.h"
#include "tests/integration/secured_nats_helpers.h"

namespace nc::testing {
namespace {

constexpr int kNodes = 3;
constexpr double kMinDelay = 0.2;
constexpr int kBatchPages = 4;
constexpr int kMaxConnections = 4;
// docs/scale-out.md, "kill -9 refetch bound": what the killed node had
// fetched and not committed plus what it had committed and not yet
// acknowledged (one commit batch).
constexpr size_t kRefetchBound = MostUncommittedAtKill(kMaxConnections, kBatchPages) + kBatchPages;

class ClusterCrawl : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!nats_.available() || !nats_.error().empty()) return;
    auto server = fixture::FixtureServer::Start(fixture::ServerOptions{}, dir_.path());
    ASSERT_TRUE(server.ok());
    server_ = std::move(*server);
    // A short lease (the fetch total timeout bounds it from below) keeps the
    // takeover after a kill within seconds; max_crawl_delay is the takeover
    // delay's other half.
    std::ofstream(dir_ / "crawl.toml")
        << "[storage]\ncommit_batch_pages = " << kBatchPages
        << "\ncommit_interval_ms = 20\n[politeness]\nmax_connections = " << kMaxConnections
        << "\nmax_crawl_delay = " << kMinDelay << "\n[fetch]\ntotal_timeout = 2.0\n";
  }

  std::string store(int node) const { return (dir_ / ("store" + std::to_string(node))).string(); }

  std::vector<std::string> NodeArgs(int node) { return NodeArgs(node, nats_.url()); }
  // As a user runs it: max_crawl_delay 30 s makes every takeover wait 30 s.
  std::vector<std::string> NodeArgsWithDefaultTakeoverDelay(int node) {
    // Written once: the nodes started before this one may be reading it, and
    // rewriting it (truncate, then write) could hand one of them an empty
    // file, whose default total_timeout exceeds the lease and fails the node.
    if (!std::filesystem::exists(dir_ / "defaults.toml")) {
      std::ofstream(dir_ / "defaults.toml")
          << "[storage]\ncommit_batch_pages = " << kBatchPages
          << "\ncommit_interval_ms = 20\n[politeness]\nmax_connections = " << kMaxConnections
          << "\n[fetch]\ntotal_timeout = 2.0\n";
    }
    std::vector<std::string> args = NodeArgs(node);
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      if (args[i] == "--config") args[i + 1] = (dir_ / "defaults.toml").string();
      // No kill here: a long lease keeps a node that a loaded machine
      // stalls for a second from stopping at its lease's end.
      if (args[i] == "--cluster-lease-ttl") args[i + 1] = "30";
    }
    // Generous, so that children started one after the other under a
    // sanitizer's slow start still join inside it.
    args.insert(args.end(), {"--cluster-join-window", "5"});
    return args;
  }
  std::vector<std::string> NodeArgs(int node, const std::string& server_url) {
    std::vector<std::string> args = {
        "crawl", "--cluster", server_url, "--job", "news",
        "--node-id", "n" + std::to_string(node), "--store", store(node),
        "--config", (dir_ / "crawl.toml").string(),
        "--seed", server_->site(false).HomepageUrl("www.lejournal.test"),
        "--min-delay", std::to_string(kMinDelay),
        "--cluster-partitions", "12", "--cluster-lease-ttl", "4", "--quiet"};
    AppendResolveArgs(*server_, &args);
    return args;
  }
  std::vector<std::string> ResumeArgs(int node) {
    return {"resume", "--store", store(node), "--cluster", nats_.url(), "--job", "news",
            "--node-id", "n" + std::to_string(node), "--cluster-lease-ttl", "4", "--quiet"};
  }

  // Per host, in time order: one request at a time, and min-delay from the
  // start of one response to the next request, whichever node sent them.
  void ExpectPolitenessAcrossNodes() {
    std::map<std::string, std::vector<fixture::RequestRecord>> by_host;
    for (const auto& r : server_->Requests()) by_host[r.host].push_back(r);
    double smallest = 1e9;
    for (auto& [host, requests] : by_host) {
      std::sort(requests.begin(), requests.end(),
                [](const auto& a, const auto& b) { return a.started < b.started; });
      for (size_t i = 1; i < requests.size(); ++i) {
        const double gap =
            std::chrono::duration<double>(requests[i].started - requests[i - 1].responding).count();
        smallest = std::min(smallest, gap);
        EXPECT_GE(gap, kMinDelay) << host << ": " << requests[i - 1].target << " -> "
                                  << requests[i].target;
      }
    }
    std::printf("[ cluster ] %zu hosts, smallest gap between requests to a host %.3f s\n",
                by_host.size(), smallest);
  }

  // Pages recorded by the nodes' stores together.
  std::set<std::string> FetchedByAll(std::vector<int> nodes) {
    std::set<std::string> all;
    for (int node : nodes) {
      StoredCrawl stored = ReadStore(store(node));
      all.insert(stored.fetched.begin(), stored.fetched.end());
    }
    return all;
  }

  // A node's counts from its last stderr line ("N URLs pulled, M
  // acknowledged, K published").
  struct NodeCounts {
    uint64_t pulled = 0, acked = 0, published = 0;
    uint64_t partitions_taken = 0, partitions_delayed = 0;
  };
  static NodeCounts CountsOf(const std::string& err) {
    NodeCounts counts;
    const size_t at = err.rfind("URLs pulled");
    if (at == std::string::npos) {
      ADD_FAILURE() << "no counts line in: " << err;
      return counts;
    }
    const size_t line = err.rfind(": ", at) + 2;
    unsigned long long pulled = 0, acked = 0, published = 0, taken = 0, delayed = 0;
    if (std::sscanf(err.c_str() + line,
                    "%llu URLs pulled, %llu acknowledged, %llu published; %llu partitions taken, "
                    "%llu of them after the takeover delay",
                    &pulled, &acked, &published, &taken, &delayed) != 5) {
      ADD_FAILURE() << "counts line does not parse: " << err.substr(line);
    }
    return NodeCounts{pulled, acked, published, taken, delayed};
  }

  // The job's URLs as the stream saw them, from `status --cluster`:
  // "urls waiting:  W (published: P)"; P counts each URL once.
  uint64_t JobUrlsPublished(const std::vector<std::string>& extra_args = {},
                            const std::string& server_url = "") {
    std::vector<std::string> args = {"status", "--cluster",
                                     server_url.empty() ? nats_.url() : server_url, "--job", "news"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    std::string out, err;
    EXPECT_EQ(RunNewscrawl(args, &out, &err), 0) << err;
    unsigned long long waiting = 0, published = 0;
    const size_t at = out.find("urls waiting:");
    EXPECT_NE(at, std::string::npos) << out;
    if (at == std::string::npos ||
        std::sscanf(out.c_str() + at, "urls waiting: %llu (published: %llu)", &waiting,
                    &published) != 2) {
      ADD_FAILURE() << out;
    }
    EXPECT_EQ(waiting, 0u) << out;
    status_out_ = out;
    return published;
  }

  // Waits until `node` has written `text` to its stderr; a bounded wait
  // like WaitForRequests.
  static void WaitForStderr(CrawlerProcess& node, const std::string& text) {
    for (int i = 0; i < 60000 && node.Stderr().find(text) == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  // Waits until `node` has joined the job and opened its store (LMDB's lock
  // file appears then), so a kill leaves a store to resume: under load the
  // other nodes can reach WaitForRequests' count while this one is still
  // joining. (A read-only open of the store to look for pages is refused
  // while the node holds it.) A bounded wait like WaitForRequests.
  void WaitForStore(int node) {
    const std::filesystem::path lock = std::filesystem::path(store(node)) / "lock.mdb";
    for (int i = 0; i < 60000 && !std::filesystem::exists(lock); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  void WaitForRequests(size_t count) {
    for (int i = 0; i < 60000 && server_->RequestCount() < count; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  TempDir dir_;
  std::string status_out_;  // the last `status --cluster` output
  NatsServer nats_;
  std::unique_ptr<fixture::FixtureServer> server_;
};

TEST_F(ClusterCrawl, ThreeNodesFetchEveryPageOncePolitelyAndAllExitZero) {
  NC_REQUIRE_NATS_SERVER(nats_);
  std::vector<std::unique_ptr<CrawlerProcess>> nodes;
  for (int i = 0; i < kNodes; ++i) {
    nodes.push_back(std::make_unique<CrawlerProcess>(NodeArgs(i), dir_.path()));
  }
  for (int i = 0; i < kNodes; ++i) EXPECT_EQ(nodes[i]->Wait(), 0) << "node " << i << "\n" << nodes[i]->Stderr();
  ASSERT_TRUE(server_->WaitUntilNoConnections());

  const std::set<std::string> expected = ExpectedHomepageCrawlUrls(*server_);
  EXPECT_TRUE(SameUrls(FetchedByAll({0, 1, 2}), expected));
  for (const auto& [url, n] : PageRequestCounts(*server_)) {
    EXPECT_EQ(n, 1) << url << " requested " << n << " times across the nodes";
  }
  // Each page is in exactly one node's store.
  size_t stored_pages = 0;
  for (int i = 0; i < kNodes; ++i) stored_pages += ReadStore(store(i)).fetched.size();
  EXPECT_EQ(stored_pages, expected.size());
  ExpectPolitenessAcrossNodes();
  // Each node publishes a URL at most once (before: every page's links
  // again, and a page's links twice: 352 publishes for 55 URLs).
  const uint64_t job_urls = JobUrlsPublished();
  uint64_t publishes = 0;
  for (int i = 0; i < kNodes; ++i) {
    const NodeCounts counts = CountsOf(nodes[i]->Stderr());
    EXPECT_LE(counts.published, job_urls) << "node " << i;
    EXPECT_EQ(counts.pulled, counts.acked) << "node " << i;
    publishes += counts.published;
  }
  std::printf("[ cluster ] %llu URLs in the job, %llu publishes by %d nodes\n",
              static_cast<unsigned long long>(job_urls), static_cast<unsigned long long>(publishes),
              kNodes);
  // Each node wrote its final counts (status --cluster): all finished.
  for (int i = 0; i < kNodes; ++i) {
    const size_t line = status_out_.find("  n" + std::to_string(i) + "  partitions 0");
    ASSERT_NE(line, std::string::npos) << status_out_;
    const std::string text = status_out_.substr(line, status_out_.find('\n', line) - line);
    EXPECT_TRUE(text.ends_with("finished")) << text;
  }
}

// Issue 15: with the defaults a takeover waits max_crawl_delay (30 s), and
// the first node used to take every partition and hand most over, so three
// nodes were slower than one. Started together, each node now takes its
// share after the join window and no partition changes hands: 12
// partitions, 4 each, none after the takeover delay.
TEST_F(ClusterCrawl, ThreeNodesStartedTogetherEachTakeTheirShareAndNoneWaitsATakeover) {
  NC_REQUIRE_NATS_SERVER(nats_);
  std::vector<std::unique_ptr<CrawlerProcess>> nodes;
  for (int i = 0; i < kNodes; ++i) {
    nodes.push_back(
        std::make_unique<CrawlerProcess>(NodeArgsWithDefaultTakeoverDelay(i), dir_.path()));
  }
  for (int i = 0; i < kNodes; ++i)
    EXPECT_EQ(nodes[i]->Wait(), 0) << "node " << i << "\n" << nodes[i]->Stderr();
  ASSERT_TRUE(server_->WaitUntilNoConnections());

  uint64_t taken = 0;
  for (int i = 0; i < kNodes; ++i) {
    const NodeCounts counts = CountsOf(nodes[i]->Stderr());
    std::printf(
        "[ cluster ] node %d: %llu partitions taken, %llu after the takeover delay, %llu "
        "URLs pulled\n",
        i, static_cast<unsigned long long>(counts.partitions_taken),
        static_cast<unsigned long long>(counts.partitions_delayed),
        static_cast<unsigned long long>(counts.pulled));
    EXPECT_EQ(counts.partitions_taken, 4u) << "node " << i;
    EXPECT_EQ(counts.partitions_delayed, 0u) << "node " << i;
    taken += counts.partitions_taken;
  }
  EXPECT_EQ(taken, 12u);
  const std::set<std::string> expected = ExpectedHomepageCrawlUrls(*server_);
  EXPECT_TRUE(SameUrls(FetchedByAll({0, 1, 2}), expected));
  for (const auto& [url, n] : PageRequestCounts(*server_)) {
    EXPECT_EQ(n, 1) << url << " requested " << n << " times across the nodes";
  }
  ExpectPolitenessAcrossNodes();
}

// One node on a secured server (TLS with the test CA, a user with a
// password in the URL), as a user would run it: the crawl completes, and
// with one node every URL of the job is published exactly once and pulled
// exactly once.
TEST_F(ClusterCrawl, OneNodeOverTlsWithPasswordPublishesEachUrlOnce) {
  NC_REQUIRE_NATS_SERVER(nats_);
  SecuredNatsFiles secured = WriteSecuredNatsFiles(dir_.path());
  ASSERT_TRUE(secured.error.empty()) << secured.error;
  NatsServer server(secured.options);
  NC_REQUIRE_NATS_SERVER(server);
  const std::string url = server.UrlWithUser(kSecuredNatsUser, kSecuredNatsPassword);
  std::vector<std::string> args = NodeArgs(0, url);
  args.insert(args.end(), {"--cluster-ca", secured.ca_file});
  CrawlerProcess node(args, dir_.path());
  ASSERT_EQ(node.Wait(), 0) << node.Stderr();
  ASSERT_TRUE(server_->WaitUntilNoConnections());

  const std::set<std::string> expected = ExpectedHomepageCrawlUrls(*server_);
  EXPECT_TRUE(SameUrls(FetchedByAll({0}), expected));
  const NodeCounts counts = CountsOf(node.Stderr());
  const uint64_t job_urls = JobUrlsPublished({"--cluster-ca", secured.ca_file}, url);
  std::printf("[ cluster ] one node: %llu URLs in the job, %llu published, %llu pulled\n",
              static_cast<unsigned long long>(job_urls),
              static_cast<unsigned long long>(counts.published),
              static_cast<unsigned long long>(counts.pulled));
  EXPECT_EQ(counts.published, job_urls);
  EXPECT_EQ(counts.pulled, job_urls);
  EXPECT_EQ(counts.acked, job_urls);
  EXPECT_GE(job_urls, expected.size());
  EXPECT_NE(status_out_.find("n0  partitions 0  heartbeats"), std::string::npos) << status_out_;
  EXPECT_NE(status_out_.find("published " + std::to_string(job_urls)), std::string::npos)
      << status_out_;
}

// Issue 15 "Completion": SIGINT on one node hands its partitions over (its
// in-flight fetches committed and acknowledged, its leases released) and it
// exits 3; the other finishes the job with every page, each fetched once.
TEST_F(ClusterCrawl, SigintHandsANodesPartitionsOverAndItExitsThree) {
  NC_REQUIRE_NATS_SERVER(nats_);
  const std::set<std::string> expected = ExpectedHomepageCrawlUrls(*server_);
  CrawlerProcess stopped(NodeArgs(0), dir_.path());
  CrawlerProcess survivor(NodeArgs(1), dir_.path());
  // Whether node 0 is still joining (SIGINT held back until the engine
  // handles it) or crawling, it hands over and exits 3.
  WaitForRequests(expected.size() / 4);
  stopped.Signal(SIGINT);
  const int code = stopped.Wait();
  if (code == 0) GTEST_SKIP() << "the job finished before SIGINT";
  EXPECT_EQ(code, 3) << stopped.Stderr();
  EXPECT_EQ(survivor.Wait(), 0) << survivor.Stderr();
  ASSERT_TRUE(server_->WaitUntilNoConnections());
  EXPECT_TRUE(SameUrls(FetchedByAll({0, 1}), expected));
  for (const auto& [url, n] : PageRequestCounts(*server_)) {
    EXPECT_EQ(n, 1) << url << " requested " << n << " times across the nodes";
  }
  ExpectPolitenessAcrossNodes();
}

// Issue 15: SIGINT while a node joins its job (before its crawl has
// started) used to have its default action (exit 130, the node gone from
// the roster without a word). The node now holds SIGINT back while it
// joins: it leaves the job cleanly, having taken no partition, and exits 3.
// The NATS server is paused (SIGSTOP) once the node says it is joining, so
// the signal surely lands inside the join, and resumed right after it.
TEST_F(ClusterCrawl, SigintWhileJoiningLeavesTheJobHoldingNoPartitionAndExitsThree) {
  NC_REQUIRE_NATS_SERVER(nats_);
  std::vector<std::string> args = NodeArgs(0);
  args.erase(std::remove(args.begin(), args.end(), std::string("--quiet")), args.end());
  args.insert(args.end(), {"--cluster-join-window", "60"});
  ASSERT_EQ(::kill(nats_.pid(), SIGSTOP), 0);
  CrawlerProcess node(args, dir_.path());
  WaitForStderr(node, "joining cluster job news");
  node.Signal(SIGINT);
  ::kill(nats_.pid(), SIGCONT);
  EXPECT_EQ(node.Wait(), 3) << node.Stderr();
  EXPECT_NE(node.Stderr().find("stopped while joining cluster job news: no partition taken"),
            std::string::npos)
      << node.Stderr();
  EXPECT_EQ(server_->RequestCount(), 0u);
  // The job as status --cluster shows it: no URL published, no partition
  // owned, node n0 "left".
  EXPECT_EQ(JobUrlsPublished(), 0u);
  const size_t line = status_out_.find("  n0  partitions 0");
  ASSERT_NE(line, std::string::npos) << status_out_;
  const std::string text = status_out_.substr(line, status_out_.find('\n', line) - line);
  EXPECT_TRUE(text.ends_with("left")) << text;
}

TEST_F(ClusterCrawl, KillNineOfANodeLosesNothingAndTheRestartedNodeRejoins) {
  NC_REQUIRE_NATS_SERVER(nats_);
  const std::set<std::string> expected = ExpectedHomepageCrawlUrls(*server_);
  std::vector<std::unique_ptr<CrawlerProcess>> nodes;
  for (int i = 0; i < kNodes; ++i) {
    nodes.push_back(std::make_unique<CrawlerProcess>(NodeArgs(i), dir_.path()));
  }
  // Node 0 has opened its store and holds partitions with work in them.
  WaitForRequests(expected.size() / 4);
  WaitForStore(0);
  nodes[0]->Signal(SIGKILL);
  ASSERT_EQ(nodes[0]->Wait(), -SIGKILL);
  const size_t requests_at_kill = server_->RequestCount();
  if (requests_at_kill >= expected.size()) GTEST_SKIP() << "the crawl ended before the kill";
  // The killed node comes back while the others work, and rejoins the job.
  CrawlerProcess restarted(ResumeArgs(0), dir_.path());
  for (int i = 1; i < kNodes; ++i) EXPECT_EQ(nodes[i]->Wait(), 0) << "node " << i << "\n" << nodes[i]->Stderr();
  EXPECT_EQ(restarted.Wait(), 0) << restarted.Stderr();
  EXPECT_NE(restarted.Stderr().find("cluster job news, node n0"), std::string::npos)
      << restarted.Stderr();
  ASSERT_TRUE(server_->WaitUntilNoConnections());

  EXPECT_TRUE(SameUrls(FetchedByAll({0, 1, 2}), expected));
  size_t refetches = 0;
  for (const auto& [url, n] : PageRequestCounts(*server_)) refetches += n - 1;
  std::printf("[ cluster ] kill -9 after %zu requests: %zu page(s) fetched again (bound %zu)\n",
              requests_at_kill, refetches, kRefetchBound);
  EXPECT_LE(refetches, kRefetchBound);
  ExpectPolitenessAcrossNodes();
}

}  // namespace
}  // namespace nc::testing
