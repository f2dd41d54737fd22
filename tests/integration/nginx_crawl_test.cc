// The same crawl against a static copy of the fixture site served by nginx on
// loopback, through the command line as a user runs it: the fetch path is the
// same code whether the server is ours or not.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "fixture/news_site.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/nginx_helpers.h"

namespace nc::testing {
namespace {

TEST(NginxCrawl, CrawlsAStaticCopyOfTheFixtureSiteLikeTheFixtureItself) {
  ASSERT_EQ(access(kNginx, X_OK), 0) << "nginx-light is installed by scripts/setup.sh";
  TempDir dir;
  const uint16_t port = FreeLoopbackPort();
  fixture::SiteOptions options;
  options.scheme = "http";
  options.port = port;
  fixture::NewsSite site(options);
  ASSERT_TRUE(site.WriteToDirectory(dir / "site").ok());
  Nginx nginx(dir.path(), port);
  ASSERT_TRUE(AcceptsConnections(port)) << "nginx did not start; see " << (dir / "error.log");

  const std::string seed = site.HomepageUrl("www.lejournal.test");
  const std::string store = (dir / "store").string();
  std::vector<std::string> args = {"crawl", "--seed", seed, "--store", store, "--min-delay", "0.02",
                                   "--quiet"};
  for (const auto& host : site.Hosts()) {
    args.push_back("--resolve");
    args.push_back(host + ":" + std::to_string(port) + ":127.0.0.1");
  }
  std::string err;
  ASSERT_EQ(RunNewscrawl(args, nullptr, &err), 0) << err;

  StoredCrawl crawl = ReadStore(store);
  auto expected = site.ExpectedFetchedUrls({seed});
  EXPECT_TRUE(SameUrls(crawl.fetched, std::set<std::string>(expected.begin(), expected.end())));
  EXPECT_TRUE(crawl.failed.empty());

  // status, export and cat work on the result.
  std::string out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, &err), 0) << err;
  EXPECT_NE(out.find("state:   finished"), std::string::npos) << out;
  ASSERT_EQ(RunNewscrawl({"export", "--store", store, "--format", "edges"}, &out, &err), 0) << err;
  EXPECT_EQ(static_cast<size_t>(std::count(out.begin(), out.end(), '\n')), crawl.edges.size());
  ASSERT_EQ(RunNewscrawl({"cat", "--store", store, seed}, &out, &err), 0) << err;
  EXPECT_TRUE(out == site.Get("www.lejournal.test", "/").body);
}

}  // namespace
}  // namespace nc::testing
