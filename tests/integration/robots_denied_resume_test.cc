// Issue 11 item 2: a URL that robots.txt denies keeps reason robots-denied
// in the store across a kill -9 and a resume (the resume loads the stored
// robots.txt within robots_ttl instead of asking again), and `status
// --failed --json` lists every such URL with it.

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <set>
#include <string>

#include "common/failure_reason.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"

namespace nc::testing {
namespace {

using RobotsDeniedResume = FixtureRunTest;

TEST_F(RobotsDeniedResume, DeniedUrlsKeepTheirReasonAfterKillNineAndResume) {
  std::ofstream(dir / "crawl.toml") << "[storage]\ncommit_batch_pages = 4\ncommit_interval_ms = "
                                       "20\n";
  std::vector<std::string> args = HomepageCrawlArgs(store);
  args.insert(args.end(),
              {"--config", (dir / "crawl.toml").string(), "--min-delay", "0", "--quiet"});
  {
    // Killed inside its 3rd batch transaction: robots.txt answers are
    // committed, most pages are not.
    CrawlerProcess child(args, dir.path(), {.kill_in_commit = "3"});
    ASSERT_EQ(child.Wait(), -SIGKILL) << child.Stderr();
  }
  {
    CrawlerProcess child({"resume", "--store", store, "--quiet"}, dir.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
  }
  const std::vector<std::string> denied = server->site(false).DisallowedLinkedUrls();
  ASSERT_FALSE(denied.empty());
  const StoredCrawl crawl = ReadStore(store);
  std::string json, err;
  ASSERT_EQ(RunNewscrawl({"status", "--failed", "--json", "--store", store}, &json, &err), 0)
      << err;
  for (const std::string& url : denied) {
    const auto page = crawl.pages.find(url);
    ASSERT_NE(page, crawl.pages.end()) << url;
    EXPECT_EQ(page->second.kind, storage::FetchKind::kRobotsDenied) << url;
    EXPECT_EQ(page->second.reason, FailureReason::kRobotsDenied) << url;
    EXPECT_NE(json.find("{\"url\":\"" + url + "\",\"reason\":\"robots-denied\""), std::string::npos)
        << url << "\n"
        << json;
  }
}

// The bound on a host's wait for an unreachable robots.txt has a flag
// beside its key (politeness.robots_max_wait), through the same check. The
// hostile crawl (tests/hostile) sets it by this flag and checks the bound.
TEST(RobotsMaxWaitFlag, BadValuesAreUsageErrorsAndHelpListsIt) {
  TempDir dir;
  const std::string store = (dir / "store").string();
  for (const std::string value : {"-1", "nan", "1e9"}) {
    std::string out, err;
    EXPECT_EQ(RunNewscrawl({"crawl", "--seed", "http://a.test/", "--store", store,
                            "--robots-max-wait", value},
                           &out, &err),
              2)
        << err;
    // The one check every number flag goes through (crawler/cli/flag_checks.h).
    EXPECT_EQ(err.substr(0, err.find('\n') + 1),
              "newscrawl: --robots-max-wait: expected a number of seconds >= 0 and <= 2592000, got " +
                  value + "\n");
  }
  EXPECT_FALSE(std::filesystem::exists(store));
  std::string out, err;
  EXPECT_EQ(
      RunNewscrawl({"crawl", "--seed", "http://a.test/", "--store", store, "--robots-max-wait",
                    "7.5", "--max-pages", "0", "--resolve", "a.test:80:127.0.0.1", "--help"},
                   &out, &err),
      0);
  EXPECT_NE(out.find("--robots-max-wait"), std::string::npos) << out;
}

}  // namespace
}  // namespace nc::testing
