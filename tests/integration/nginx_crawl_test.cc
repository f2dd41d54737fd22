// The same crawl against a static copy of the fixture site served by nginx on
// loopback, through the command line as a user runs it: the fetch path is the
// same code whether the server is ours or not.

#include <gtest/gtest.h>

#include <filesystem>

#include "fixture/news_site.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/nginx_site_helpers.h"

namespace nc::testing {
namespace {

TEST(NginxCrawl, CrawlsAStaticCopyOfTheFixtureSiteLikeTheFixtureItself) {
  TempDir dir;
  const NginxServedSite served = ServeFixtureSiteWithNginx(dir.path());
  ASSERT_TRUE(served.problem.empty()) << served.problem;
  const fixture::NewsSite& site = *served.site;

  const std::string seed = site.HomepageUrl("www.lejournal.test");
  const std::string store = (dir / "store").string();
  std::vector<std::string> args = {"crawl", "--seed", seed, "--store", store, "--min-delay", "0.02",
                                   "--quiet"};
  served.AppendResolveArgs(&args);
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
