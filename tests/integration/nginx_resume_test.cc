// Crash safety against a server that is not ours: a crawl of a static copy of
// the fixture site served by nginx is killed with SIGKILL (once inside a batch
// transaction, through fault injection, once at a moment chosen by request
// count), stopped once with SIGINT, and resumed until it finishes. Fetches
// are counted from nginx's access log. The finished store must hold exactly
// the pages of an uninterrupted crawl, each once; every refetch must be a URL
// a kill caught uncommitted (and SIGINT leaves none); `mdb_stat -a` passes.

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "fixture/news_site.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"
#include "tests/integration/kill_bounds.h"
#include "tests/integration/nginx_site_helpers.h"

namespace nc::testing {
namespace {

constexpr int kBatchPages = 4;
constexpr int kInFlightPerHost = 2;
constexpr int kMaxConnections = 2;

class NginxResume : public ::testing::Test {
 protected:
  void SetUp() override {
    served_ = ServeFixtureSiteWithNginx(dir_.path());
    ASSERT_TRUE(served_.problem.empty()) << served_.problem;
    std::ofstream(dir_ / "crawl.toml") << KillTestToml(kBatchPages, kMaxConnections);
  }

  std::string Seed() const { return served_.site->HomepageUrl("www.lejournal.test"); }

  std::vector<std::string> CrawlArgs(const std::string& store) {
    std::vector<std::string> args = {"crawl", "--seed", Seed(), "--store", store,
                                     "--config", (dir_ / "crawl.toml").string(),
                                     "--min-delay", "0.01",
                                     "--max-in-flight-per-host", std::to_string(kInFlightPerHost),
                                     "--quiet"};
    served_.AppendResolveArgs(&args);
    return args;
  }
  std::vector<std::string> ResumeArgs() { return {"resume", "--store", store(), "--quiet"}; }
  std::string store() const { return (dir_ / "store").string(); }

  // Blocks until nginx has logged `count` requests or the child exited.
  void WaitForRequests(size_t count, CrawlerProcess& child) {
    for (int i = 0; i < 20000 && served_.nginx->RequestCount() < count; ++i) {
      if (child.Exited()) return;
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
  }

  // Page requests of the interrupted job (log lines after the reference crawl).
  std::map<std::string, int> JobRequests() const {
    return served_.nginx->PageRequests(reference_lines_);
  }

  TempDir dir_;
  NginxServedSite served_;
  size_t reference_lines_ = 0;
};

TEST_F(NginxResume, KillsAndSigintThenResumeGiveTheUninterruptedCrawl) {
  // The reference: the same crawl, uninterrupted, into its own store.
  const std::string reference_store = (dir_ / "reference").string();
  {
    CrawlerProcess child(CrawlArgs(reference_store), dir_.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
  }
  const StoredCrawl reference = ReadStore(reference_store);
  auto truth = served_.site->ExpectedFetchedUrls({Seed()});
  ASSERT_TRUE(SameUrls(reference.fetched, std::set<std::string>(truth.begin(), truth.end())));
  ASSERT_TRUE(served_.nginx->WaitUntilIdle());
  reference_lines_ = served_.nginx->RequestCount();

  enum class Stop { kKillInCommit, kKill, kSigint, kKillAgain };
  size_t lost_to_kills = 0;
  int kills = 0, sigints = 0;
  // Fetches of each URL when a stop first found it committed: never more later.
  std::map<std::string, int> fetches_when_committed;
  for (Stop stop : {Stop::kKillInCommit, Stop::kKill, Stop::kSigint, Stop::kKillAgain}) {
    const auto requested_before = JobRequests();
    const size_t before = served_.nginx->RequestCount();
    const bool first = stop == Stop::kKillInCommit;
    CrawlerProcess child(first ? CrawlArgs(store()) : ResumeArgs(), dir_.path(),
                         {.kill_in_commit = first ? "3" : ""});
    if (!first) {
      // Enough requests for a commit or two after robots.txt (the site has 45 pages).
      WaitForRequests(before + (stop == Stop::kSigint ? 8 : 12), child);
      child.Signal(stop == Stop::kSigint ? SIGINT : SIGKILL);
    }
    const int code = child.Wait();
    ASSERT_TRUE(served_.nginx->WaitUntilIdle());  // every request of the child is logged
    if (stop == Stop::kSigint) {
      ASSERT_TRUE(code == 0 || code == 3) << code << "\n" << child.Stderr();
      std::string out;
      ASSERT_EQ(RunNewscrawl({"status", "--store", store()}, &out, nullptr), 0);
      if (out.find("state:   finished") != std::string::npos) {  // ended before the signal
        EXPECT_EQ(code, 0) << child.Stderr();
        break;
      }
      EXPECT_EQ(code, 3) << "exit 3: interrupted, resumable\n" << child.Stderr();
      EXPECT_NE(child.Stderr().find("newscrawl resume --store"), std::string::npos) << child.Stderr();
      EXPECT_NE(out.find("state:   interrupted"), std::string::npos) << out;
      ++sigints;
    } else {
      if (code != -SIGKILL) break;  // it finished before the kill
      ++kills;
    }
    // URLs requested during this run whose page the store does not hold.
    StoredCrawl stored = ReadStore(store());
    const std::map<std::string, int> requests_now = JobRequests();
    for (const auto& [url, page] : stored.pages) {
      auto it = requests_now.find(url);
      fetches_when_committed.emplace(url, it == requests_now.end() ? 0 : it->second);
    }
    size_t uncommitted = 0;
    for (const auto& [url, n] : JobRequests()) {
      auto it = requested_before.find(url);
      const bool requested_this_run = it == requested_before.end() || it->second < n;
      if (requested_this_run && !stored.pages.count(url)) ++uncommitted;
    }
    if (stop == Stop::kSigint) {
      EXPECT_EQ(uncommitted, 0u) << "SIGINT commits every fetch it finished";
    } else {
      EXPECT_LE(uncommitted, size_t(MostUncommittedAtKill(kMaxConnections, kBatchPages)));
    }
    lost_to_kills += uncommitted;
  }
  EXPECT_GE(kills, 2);
  EXPECT_EQ(sigints, 1);

  for (int i = 0; i < 5; ++i) {
    std::string out;
    RunNewscrawl({"status", "--store", store()}, &out, nullptr);
    if (out.find("state:   finished") != std::string::npos) break;
    CrawlerProcess child(ResumeArgs(), dir_.path());
    ASSERT_EQ(child.Wait(), 0) << child.Stderr();
  }
  std::string out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store()}, &out, nullptr), 0);
  EXPECT_NE(out.find("state:   finished"), std::string::npos) << out;

  ASSERT_TRUE(served_.nginx->WaitUntilIdle());
  StoredCrawl stored = ReadStore(store());
  EXPECT_TRUE(SameUrls(stored.fetched, reference.fetched));
  // Nothing committed at a stop was fetched again.
  std::map<std::string, int> requests = JobRequests();
  for (const auto& [url, n] : fetches_when_committed) EXPECT_EQ(requests[url], n) << url;
  EXPECT_TRUE(stored.failed.empty());
  size_t extra_fetches = 0;
  for (const auto& [url, n] : JobRequests()) extra_fetches += n - 1;
  EXPECT_EQ(extra_fetches, lost_to_kills);
  ExpectPagesCountedAndStoreIntact(store(), stored.fetched.size());
}

}  // namespace
}  // namespace nc::testing
