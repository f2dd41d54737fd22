// Crash safety, end to end: a crawl of the fixture site in a child process is
// killed with SIGKILL at several moments (one of them inside a batch
// transaction, through fault injection) or stopped with SIGINT, then resumed
// until it finishes. Nothing committed may be lost, and only what was not yet
// committed at a kill may be fetched again.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <thread>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"
#include "tests/integration/kill_bounds.h"

namespace nc::testing {
namespace {

constexpr int kBatchPages = 4;
constexpr int kInFlightPerHost = 2;
// No more than the two hosts' in-flight limits allow anyway; it also bounds
// the page records between dispatch and commit (below).
constexpr int kMaxConnections = 4;
constexpr int kMaxUncommitted = MostUncommittedAtKill(kMaxConnections, kBatchPages);

class CrashSafety : public FixtureRunTest {
 protected:
  void SetUp() override {
    FixtureRunTest::SetUp();
    std::ofstream(dir / "crawl.toml") << KillTestToml(kBatchPages, kMaxConnections);
  }

  std::vector<std::string> CrawlArgs() {
    std::vector<std::string> args = HomepageCrawlArgs(store);
    args.insert(args.end(),
                {"--config", (dir / "crawl.toml").string(), "--min-delay", "0.01",
                 "--max-in-flight-per-host", std::to_string(kInFlightPerHost), "--quiet"});
    return args;
  }
  std::vector<std::string> ResumeArgs() { return {"resume", "--store", store, "--quiet"}; }

  // Blocks until the server has seen `count` requests or the child exited.
  void WaitForRequests(size_t count, CrawlerProcess& child) {
    for (int i = 0; i < 20000 && server->RequestCount() < count; ++i) {
      if (child.Exited()) return;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }

  std::set<std::string> ArticlePages() {
    std::set<std::string> urls;
    for (const fixture::ArticleTruth& t : server->site(false).ArticleTruths()) urls.insert(t.url);
    return urls;
  }

  // Page requests (robots.txt excluded: it is not stored as a page) per URL.
};

TEST_F(CrashSafety, KillNineAtRandomMomentsLosesNothingAndRefetchesOnlyUncommitted) {
  std::mt19937 rng(20261129);
  ASSERT_LE(server->site(false).Hosts().size() * kInFlightPerHost, size_t{kMaxConnections});
  // Fetches that a kill made necessary again: per kill, the URLs requested by
  // the killed run whose page the store did not hold after the kill.
  size_t lost_to_kills = 0;
  int kills = 0;
  // Page requests of each URL when a kill first found its page committed:
  // never more later.
  std::map<std::string, int> fetches_when_committed;

  // Kill 0 happens inside the 3rd batch transaction (fault injection); kills
  // 1..5 after a random number of further requests.
  for (int round = 0; round < 6; ++round) {
    const auto requested_before = PageRequests();
    const size_t before = server->RequestCount();
    CrawlerProcess child(round == 0 ? CrawlArgs() : ResumeArgs(), dir.path(),
                         {.kill_in_commit = round == 0 ? "3" : ""});
    if (round > 0) {
      WaitForRequests(before + std::uniform_int_distribution<size_t>(1, 8)(rng), child);
      child.Signal(SIGKILL);
    }
    const int code = child.Wait();
    // The child is dead, but its last requests may still be unread by the
    // server. Once its connections are closed, the log holds all it will ever
    // hold of this run, and the store exactly what the run committed.
    ASSERT_TRUE(server->WaitUntilNoConnections()) << "round " << round;
    if (code != -SIGKILL) break;  // it finished before the kill
    ++kills;
    StoredCrawl stored = ReadStore(store);
    // An article rides in its page's transaction: a committed article page
    // has its article, even when the kill hit inside a commit.
    for (const std::string& url : ArticlePages()) {
      if (stored.fetched.contains(url)) {
        EXPECT_TRUE(stored.articles.contains(url)) << url;
      }
    }
    const std::map<std::string, int> requests_now = PageRequests();
    for (const auto& [url, page] : stored.pages) {
      auto it = requests_now.find(url);
      fetches_when_committed.emplace(url, it == requests_now.end() ? 0 : it->second);
    }
    size_t uncommitted = 0;
    for (const auto& [url, n] : requests_now) {
      auto it = requested_before.find(url);
      const bool requested_this_run = it == requested_before.end() || it->second < n;
      if (requested_this_run && !stored.pages.count(url)) ++uncommitted;
    }
    EXPECT_LE(uncommitted, size_t{kMaxUncommitted}) << "round " << round;
    lost_to_kills += uncommitted;
  }
  EXPECT_GE(kills, 5);

  // Resume to the end.
  for (int i = 0; i < 5; ++i) {
    CrawlerProcess child(ResumeArgs(), dir.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
    std::string out;
    RunNewscrawl({"status", "--store", store}, &out, nullptr);
    if (out.find("state:   finished") != std::string::npos) break;
  }
  ASSERT_TRUE(server->WaitUntilNoConnections());

  StoredCrawl stored = ReadStore(store);
  EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls()));
  EXPECT_TRUE(stored.failed.empty());
  const std::map<std::string, int> requests = PageRequests();
  // Nothing committed at a kill was requested again afterwards.
  for (const auto& [url, n] : fetches_when_committed) {
    auto it = requests.find(url);
    EXPECT_EQ(it == requests.end() ? 0 : it->second, n) << url << " fetched again after its commit";
  }
  // Every fetch beyond the first of a URL is one a kill made necessary: the
  // URL was requested by a killed run and not committed. (Each such URL must
  // be fetched again for the store to be complete, so this is an equality
  // unless a dead child's last request never reached the server.)
  size_t extra_fetches = 0;
  for (const auto& [url, n] : requests) extra_fetches += n - 1;
  EXPECT_LE(extra_fetches, lost_to_kills);

  // Every fetched article page has its article, once ([extract] articles is
  // on by default); nothing else has one.
  std::set<std::string> fetched_articles;
  for (const std::string& url : ArticlePages()) {
    if (stored.fetched.contains(url)) fetched_articles.insert(url);
  }
  EXPECT_GT(fetched_articles.size(), 10u);
  std::set<std::string> with_article;
  for (const auto& [url, article] : stored.articles) with_article.insert(url);
  EXPECT_TRUE(SameUrls(with_article, fetched_articles));
  EXPECT_EQ(stored.article_entries, stored.articles.size());

  // Every page is stored once: the store's page counter equals the distinct
  // URLs. The LMDB file passes LMDB's own check.
  ExpectPagesCountedAndStoreIntact(store, stored.fetched.size() + stored.failed.size());
}

TEST_F(CrashSafety, SigintFinishesInFlightWorkAndResumeRefetchesNothing) {
  {
    CrawlerProcess child(CrawlArgs(), dir.path());
    WaitForRequests(12, child);
    child.Signal(SIGINT);
    ASSERT_EQ(child.Wait(), 3) << "exit 3: interrupted, resumable\n" << child.Stderr();
    EXPECT_NE(child.Stderr().find("newscrawl resume --store"), std::string::npos) << child.Stderr();
  }
  std::string out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, nullptr), 0);
  EXPECT_NE(out.find("state:   interrupted"), std::string::npos) << out;
  {
    CrawlerProcess child(ResumeArgs(), dir.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
  }
  ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, nullptr), 0);
  EXPECT_NE(out.find("state:   finished"), std::string::npos) << out;
  StoredCrawl stored = ReadStore(store);
  EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls()));
  for (const auto& [url, n] : PageRequests()) EXPECT_EQ(n, 1) << url << " fetched again";
}

TEST_F(CrashSafety, ResumeRefusesAStoreInUse) {
  CrawlerProcess child(CrawlArgs(), dir.path());
  WaitForRequests(3, child);
  std::string err;
  const int code = RunNewscrawl(ResumeArgs(), nullptr, &err);
  child.Signal(SIGKILL);
  child.Wait();
  if (server->RequestCount() >= ExpectedUrls().size()) GTEST_SKIP() << "crawl ended too soon";
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.find("in use by another newscrawl process"), std::string::npos) << err;
}

}  // namespace
}  // namespace nc::testing
