// [storage] sync end to end: crawls of the fixture site through the command
// line in each durability mode store the same pages, and in "periodic" mode
// (no fsync per commit) a kill -9 inside a batch transaction loses nothing
// committed: resume finishes with the ground truth, refetching only what the
// kill caught uncommitted. (Power loss cannot be tested hermetically; the
// README states what LMDB guarantees then.)

#include <gtest/gtest.h>
#include <signal.h>

#include <fstream>
#include <map>
#include <set>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"

namespace nc::testing {
namespace {

class SyncModeCrawl : public FixtureRunTest {
 protected:
  std::vector<std::string> CrawlArgs(const std::string& store_dir, const std::string& mode,
                                     int sync_interval_ms = 10) {
    const std::filesystem::path toml = dir / (mode + ".toml");
    std::ofstream(toml) << "[storage]\ncommit_batch_pages = 4\ncommit_interval_ms = 20\n"
                        << "sync = \"" << mode << "\"\nsync_interval_ms = " << sync_interval_ms << "\n";
    std::vector<std::string> args = HomepageCrawlArgs(store_dir);
    args.insert(args.end(), {"--config", toml.string(), "--min-delay", "0.01", "--quiet"});
    return args;
  }
};

TEST_F(SyncModeCrawl, EveryModeStoresTheWholeSite) {
  for (const std::string mode : {"batch", "meta", "periodic"}) {
    const std::string store = (dir / ("store-" + mode)).string();
    CrawlerProcess child(CrawlArgs(store, mode), dir.path());
    ASSERT_EQ(child.Wait(), 0) << mode << ": " << child.Stderr();
    StoredCrawl stored = ReadStore(store);
    EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls())) << mode;
    EXPECT_EQ(std::system(("mdb_stat -a " + store + " >/dev/null").c_str()), 0) << mode;
  }
}

TEST_F(SyncModeCrawl, PeriodicModeLosesNothingCommittedToKillNine) {
  {
    // An hour between syncs: the batches committed before the kill were
    // never fsynced by newscrawl; only the kernel holds them.
    CrawlerProcess child(CrawlArgs(store, "periodic", 3'600'000), dir.path(),
                         {.kill_in_commit = "4"});
    ASSERT_EQ(child.Wait(), -SIGKILL) << child.Stderr();
  }
  // The three batches committed before the kill survive. Each holds a page
  // record, or the Sitemap: lines of a robots.txt (a links-only record: no
  // page, but the robots.txt becomes the source of edges).
  StoredCrawl after_kill = ReadStore(store);
  std::set<std::string> committed;
  for (const auto& [url, page] : after_kill.pages) committed.insert(url);
  for (const auto& edge : after_kill.edges) committed.insert(edge.source);
  EXPECT_GE(committed.size(), 3u);

  CrawlerProcess resume({"resume", "--store", store, "--quiet"}, dir.path());
  ASSERT_EQ(resume.Wait(), 0) << resume.Stderr();
  StoredCrawl stored = ReadStore(store);
  EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls()));
  // Nothing committed before the kill was fetched again (the kill is the
  // job's first stop: each of those URLs was fetched once). Requests the
  // killed process sent may reach the server's log late, so the refetches
  // are bounded, not counted exactly: what was in flight (one request per
  // host) plus the batch being committed and the one filling behind it.
  std::map<std::string, int> requests = PageRequests();
  for (const auto& [url, page] : after_kill.pages) {
    if (page.kind == storage::FetchKind::kFetched) {
      EXPECT_EQ(requests[url], 1) << url;
    }
  }
  size_t extra_fetches = 0;
  for (const auto& [url, n] : requests) extra_fetches += n - 1;
  EXPECT_LE(extra_fetches, server->site(false).Hosts().size() + 2 * 4);
  EXPECT_EQ(std::system(("mdb_stat -a " + store + " >/dev/null").c_str()), 0);
}

}  // namespace
}  // namespace nc::testing
