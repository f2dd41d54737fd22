// A crawl whose only host is dead ends promptly, with the reason on the
// seed's record and in `status --hosts`: here a --resolve'd name on a
// loopback port with nothing listening (connection refused). Hermetic: no
// name is looked up. The back-off is shortened in the config so the three
// quick attempts take well under a second; nothing is timed.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

TEST(DeadHost, RefusedSeedHostFailsAfterAFewAttemptsWithTheReasonRecorded) {
  TempDir dir;
  std::string seed, out, err;
  ASSERT_EQ(CrawlRefusedSeed(dir.path(), &seed, &out, &err), 1)
      << "no seed could be fetched: exit 1\n" << err;
  EXPECT_NE(err.find("1 errors"), std::string::npos) << err;

  StoredCrawl crawl = ReadStore((dir / "store").string());
  EXPECT_TRUE(SameUrls(crawl.failed, {seed}));
  EXPECT_TRUE(crawl.robots_denied.empty());
  ASSERT_TRUE(crawl.pages.count(seed));
  EXPECT_EQ(crawl.pages.at(seed).error, "robots.txt unreachable (connect: connection refused)");

  std::string status;
  ASSERT_EQ(RunNewscrawl({"status", "--store", (dir / "store").string(), "--hosts"}, &status, &err),
            0)
      << err;
  EXPECT_NE(status.find("connect: connection refused"), std::string::npos) << status;
}

}  // namespace
}  // namespace nc::testing
