// Issue 15's last acceptance point in CI: the three-node crawl against nginx
// serving a static copy of the fixture site, through build/newscrawl as a
// user would run it (one nats-server, three `crawl --cluster` children, each
// with its own store). nginx's access log is the evidence that every page
// was requested exactly once across the nodes; the per-host gaps on the
// server's clock are measured by tests/bench/bench_cluster_nginx.sh and, on
// the fixture server, by cluster_crawl_test.cc.

#include <gtest/gtest.h>

#include "fixture/news_site.h"
#include "tests/cluster/nats_server_helpers.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"
#include "tests/integration/nginx_site_helpers.h"

namespace nc::testing {
namespace {

TEST(ClusterNginx, ThreeNodesCrawlAStaticCopyOfTheFixtureSiteOnceAcrossTheNodes) {
  NatsServer nats;
  NC_REQUIRE_NATS_SERVER(nats);
  TempDir dir;
  const NginxServedSite served = ServeFixtureSiteWithNginx(dir.path());
  ASSERT_TRUE(served.problem.empty()) << served.problem;
  const fixture::NewsSite& site = *served.site;
  const Nginx& nginx = *served.nginx;

  const std::string seed = site.HomepageUrl("www.lejournal.test");
  auto store = [&](int node) { return (dir / ("store" + std::to_string(node))).string(); };
  std::vector<std::unique_ptr<CrawlerProcess>> nodes;
  for (int node = 0; node < 3; ++node) {
    std::vector<std::string> args = {"crawl", "--cluster", nats.url(), "--job", "nginx"};
    args.insert(args.end(), {"--node-id", "n" + std::to_string(node), "--store", store(node)});
    args.insert(args.end(), {"--seed", seed, "--min-delay", "0.05", "--quiet"});
    args.insert(args.end(), {"--cluster-partitions", "12"});
    served.AppendResolveArgs(&args);
    nodes.push_back(std::make_unique<CrawlerProcess>(args, dir.path()));
  }
  for (int node = 0; node < 3; ++node) {
    EXPECT_EQ(nodes[node]->Wait(), 0) << "node " << node << "\n" << nodes[node]->Stderr();
  }
  ASSERT_TRUE(nginx.WaitUntilIdle());

  const auto expected_list = site.ExpectedFetchedUrls({seed});
  const std::set<std::string> expected(expected_list.begin(), expected_list.end());
  std::set<std::string> fetched;
  size_t stored = 0;
  for (int node = 0; node < 3; ++node) {
    StoredCrawl crawl = ReadStore(store(node));
    EXPECT_TRUE(crawl.failed.empty()) << "node " << node;
    stored += crawl.fetched.size();
    fetched.insert(crawl.fetched.begin(), crawl.fetched.end());
  }
  EXPECT_TRUE(SameUrls(fetched, expected));
  EXPECT_EQ(stored, expected.size()) << "a page stored by two nodes";
  const std::map<std::string, int> requests = nginx.PageRequests();
  EXPECT_EQ(requests.size(), expected.size());
  for (const auto& [url, n] : requests) EXPECT_EQ(n, 1) << url << " requested " << n << " times";
}

}  // namespace
}  // namespace nc::testing
