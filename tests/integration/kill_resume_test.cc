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

namespace nc::testing {
namespace {

constexpr int kBatchPages = 4;
constexpr int kInFlightPerHost = 2;

class CrashSafety : public ::testing::Test {
 protected:
  void SetUp() override {
    auto server = fixture::FixtureServer::Start(fixture::ServerOptions{}, dir_.path());
    ASSERT_TRUE(server.ok());
    server_ = std::move(*server);
    std::ofstream(dir_ / "crawl.toml") << "[storage]\ncommit_batch_pages = " << kBatchPages
                                       << "\ncommit_interval_ms = 20\n";
  }

  std::vector<std::string> CrawlArgs() {
    std::vector<std::string> args = {"crawl",
                                     "--seed", server_->site(false).HomepageUrl("www.lejournal.test"),
                                     "--store", store(),
                                     "--config", (dir_ / "crawl.toml").string(),
                                     "--min-delay", "0.01",
                                     "--max-in-flight-per-host", std::to_string(kInFlightPerHost),
                                     "--quiet"};
    for (const auto& r : server_->ResolveArgs()) {
      args.push_back("--resolve");
      args.push_back(r);
    }
    return args;
  }
  std::vector<std::string> ResumeArgs() { return {"resume", "--store", store(), "--quiet"}; }
  std::string store() const { return (dir_ / "store").string(); }

  // Blocks until the server has seen `count` requests or the child exited.
  void WaitForRequests(size_t count, CrawlerProcess& child) {
    for (int i = 0; i < 20000 && server_->RequestCount() < count; ++i) {
      if (child.Exited()) return;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }

  std::set<std::string> ExpectedUrls() {
    auto list = server_->site(false).ExpectedFetchedUrls(
        {server_->site(false).HomepageUrl("www.lejournal.test")});
    return {list.begin(), list.end()};
  }

  // Page requests (robots.txt excluded: it is not stored as a page) per URL.
  std::map<std::string, int> PageRequests() {
    std::map<std::string, int> counts;
    const std::string origin_prefix = "http://";
    for (const auto& r : server_->Requests()) {
      if (r.target == "/robots.txt") continue;
      ++counts["http://" + r.host + ":" + std::to_string(server_->port()) + r.target];
    }
    return counts;
  }

  TempDir dir_;
  std::unique_ptr<fixture::FixtureServer> server_;
};

TEST_F(CrashSafety, KillNineAtRandomMomentsLosesNothingAndRefetchesOnlyUncommitted) {
  std::mt19937 rng(20261129);
  // Fetches that a kill made necessary again: URLs requested during a run and
  // not committed when that run was killed.
  size_t lost_to_kills = 0;
  int kills = 0;

  // Kill 0 happens inside the 3rd batch transaction (fault injection); kills
  // 1..5 after a random number of further requests.
  for (int round = 0; round < 6; ++round) {
    const auto requested_before = PageRequests();
    const size_t before = server_->RequestCount();
    CrawlerProcess child(round == 0 ? CrawlArgs() : ResumeArgs(), dir_.path(),
                         {.kill_in_commit = round == 0 ? "3" : ""});
    if (round > 0) {
      WaitForRequests(before + std::uniform_int_distribution<size_t>(1, 8)(rng), child);
      child.Signal(SIGKILL);
    }
    const int code = child.Wait();
    if (code != -SIGKILL) break;  // it finished before the kill
    ++kills;
    StoredCrawl stored = ReadStore(store());
    size_t uncommitted = 0;
    for (const auto& [url, n] : PageRequests()) {
      auto it = requested_before.find(url);
      const bool requested_this_run = it == requested_before.end() || it->second < n;
      if (requested_this_run && !stored.pages.count(url)) ++uncommitted;
    }
    // In flight at a kill: at most the per-host limit on each host, plus the
    // batch being committed and the one filling behind it.
    EXPECT_LE(uncommitted, server_->site(false).Hosts().size() * kInFlightPerHost + 2 * kBatchPages)
        << "round " << round;
    lost_to_kills += uncommitted;
  }
  EXPECT_GE(kills, 5);

  // Resume to the end.
  for (int i = 0; i < 5; ++i) {
    CrawlerProcess child(ResumeArgs(), dir_.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
    std::string out;
    RunNewscrawl({"status", "--store", store()}, &out, nullptr);
    if (out.find("state:   finished") != std::string::npos) break;
  }

  StoredCrawl stored = ReadStore(store());
  EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls()));
  EXPECT_TRUE(stored.failed.empty());
  // Every fetch beyond the first of a URL is accounted for by a kill that
  // caught it uncommitted: nothing committed was fetched again.
  size_t extra_fetches = 0;
  for (const auto& [url, n] : PageRequests()) extra_fetches += n - 1;
  EXPECT_EQ(extra_fetches, lost_to_kills);

  // Every page is stored once: the store's page counter equals the distinct URLs.
  std::string json;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store(), "--json"}, &json, nullptr), 0);
  EXPECT_NE(json.find("\"pages\":" + std::to_string(stored.fetched.size() + stored.failed.size()) + ","),
            std::string::npos)
      << json;
  // The LMDB file passes LMDB's own check.
  EXPECT_EQ(std::system(("mdb_stat -a " + store() + " >/dev/null").c_str()), 0);
}

TEST_F(CrashSafety, SigintFinishesInFlightWorkAndResumeRefetchesNothing) {
  {
    CrawlerProcess child(CrawlArgs(), dir_.path());
    WaitForRequests(12, child);
    child.Signal(SIGINT);
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
    EXPECT_NE(child.Stderr().find("newscrawl resume --store"), std::string::npos) << child.Stderr();
  }
  std::string out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store()}, &out, nullptr), 0);
  EXPECT_NE(out.find("state:   interrupted"), std::string::npos) << out;
  {
    CrawlerProcess child(ResumeArgs(), dir_.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
  }
  ASSERT_EQ(RunNewscrawl({"status", "--store", store()}, &out, nullptr), 0);
  EXPECT_NE(out.find("state:   finished"), std::string::npos) << out;
  StoredCrawl stored = ReadStore(store());
  EXPECT_TRUE(SameUrls(stored.fetched, ExpectedUrls()));
  for (const auto& [url, n] : PageRequests()) EXPECT_EQ(n, 1) << url << " fetched again";
}

TEST_F(CrashSafety, ResumeRefusesAStoreInUse) {
  CrawlerProcess child(CrawlArgs(), dir_.path());
  WaitForRequests(3, child);
  std::string err;
  const int code = RunNewscrawl(ResumeArgs(), nullptr, &err);
  child.Signal(SIGKILL);
  child.Wait();
  if (server_->RequestCount() >= ExpectedUrls().size()) GTEST_SKIP() << "crawl ended too soon";
  EXPECT_EQ(code, 1);
  EXPECT_NE(err.find("in use by another newscrawl process"), std::string::npos) << err;
}

}  // namespace
}  // namespace nc::testing
