// --max-pages counts fetches across the runs of a job.

#include <gtest/gtest.h>

#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

using PageLimit = FixtureRunTest;

TEST_F(PageLimit, StopsAtMaxPagesAndCountsEarlierRunsOnResume) {
  CrawlConfig config = Config();
  config.max_pages = 10;

  CrawlOutcome first = CrawlInProcess(config, store);
  EXPECT_EQ(first.end, CrawlOutcome::End::kPageLimit);
  StoredCrawl after_first = ReadStore(store);
  EXPECT_EQ(after_first.fetched.size() + after_first.failed.size(), 10u);

  config.max_pages = 25;  // a second run of the same job may fetch 15 more
  CrawlOutcome second = CrawlInProcess(config, store);
  EXPECT_EQ(second.end, CrawlOutcome::End::kPageLimit);
  StoredCrawl after_second = ReadStore(store);
  EXPECT_EQ(after_second.fetched.size() + after_second.failed.size(), 25u);
  for (const auto& url : after_first.fetched) EXPECT_TRUE(after_second.fetched.count(url)) << url;

  // Nothing fetched twice across the two runs.
  std::map<std::string, int> per_target;
  for (const auto& r : server->Requests()) {
    if (r.target != "/robots.txt") {
      EXPECT_EQ(++per_target[r.host + r.target], 1) << r.target;
    }
  }
}

}  // namespace
}  // namespace nc::testing
