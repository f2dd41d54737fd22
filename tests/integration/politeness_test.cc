// Politeness on the wire (issue 3): one crawl of five misbehaving fixture
// hosts (fixture/host_behaviour.h), checked from the server's request log —
// Crawl-delay, 503 + Retry-After, a failing then recovering robots.txt, a
// 404 robots.txt, nofollow pages — and `status --hosts` on the result.
// Timing checks are only "at least the delay", measured by the server.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr char kSlowHost[] = "lent.lejournal.test";           // Crawl-delay: 0.3
constexpr char kBusyHost[] = "surcharge.lejournal.test";      // 503 + Retry-After: 2, once
constexpr char kBrokenRobotsHost[] = "panne.lejournal.test";  // robots.txt 500 twice, then 200
constexpr char kNoRobotsHost[] = "ouvert.lejournal.test";     // robots.txt 404
constexpr char kNofollowHost[] = "nofollow.lejournal.test";   // meta robots nofollow
constexpr double kCrawlDelay = 0.3;
constexpr int kRetryAfter = 2;
constexpr int kRobotsFailures = 2;

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

struct StoredEdge {
  std::string source, target;
  bool followed = false;
  std::string reason;
};

struct PolitenessRun : FixtureRun {
  std::vector<StoredEdge> edges;  // with the skip reason, which StoredCrawl leaves out

  std::string Url(const std::string& host, const std::string& path) const {
    return ServerUrl(*server, host, path);
  }
  std::vector<fixture::RequestRecord> On(const std::string& host) const {
    std::vector<fixture::RequestRecord> out;
    for (const auto& r : requests) {
      if (r.host == host) out.push_back(r);
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.started < b.started; });
    return out;
  }
};

std::unique_ptr<PolitenessRun> RunOnce() {
  auto run = std::make_unique<PolitenessRun>();
  fixture::ServerOptions options;
  fixture::HostBehaviour slow;
  slow.host = kSlowHost;
  slow.robots_crawl_delay = kCrawlDelay;
  fixture::HostBehaviour busy;
  busy.host = kBusyHost;
  busy.fail_first_n = 1;
  busy.retry_after_seconds = kRetryAfter;
  fixture::HostBehaviour broken;
  broken.host = kBrokenRobotsHost;
  broken.robots_status = 500;
  broken.robots_fail_first_n = kRobotsFailures;
  fixture::HostBehaviour open;
  open.host = kNoRobotsHost;
  open.robots_status = 404;
  fixture::HostBehaviour nofollow;
  nofollow.host = kNofollowHost;
  nofollow.nofollow_pages = true;
  options.behaviours = {slow, busy, broken, open, nofollow};
  if (!run->StartServer(options)) return run;

  CrawlConfig config = run->Config();
  config.seeds.clear();
  for (const char* host : {kSlowHost, kBusyHost, kBrokenRobotsHost, kNoRobotsHost, kNofollowHost}) {
    config.seeds.push_back(run->server->site(false).HomepageUrl(host));
  }
  config.scope = ScopeMode::kSeedHosts;
  // Small back-off so the robots.txt retries take a fraction of a second.
  config.backoff_initial = 0.1;
  config.backoff_max = 0.5;
  run->Crawl(config);

  std::unique_ptr<storage::Store> store = OpenReadOnly(run->store);
  if (store) {
    EXPECT_TRUE(store
                    ->ForEachEdge([&](const storage::EdgeView& e) {
                      run->edges.push_back({std::string(e.source), std::string(e.target),
                                            e.followed, std::string(SkipReasonName(e.reason))});
                      return true;
                    })
                    .ok());
  }
  return run;
}

class Politeness : public ::testing::Test {
 protected:
  static PolitenessRun& run() {
    static std::unique_ptr<PolitenessRun> shared = RunOnce();
    return *shared;
  }
  // Every page of `host` (homepage and articles) as stored.
  static std::set<std::string> AllPages(const std::string& host) {
    std::set<std::string> urls;
    for (const auto& path : PagePathsOf(host)) urls.insert(run().Url(host, path));
    return urls;
  }
  // The site of a behaviour host does not depend on its misbehaviour.
  static std::vector<std::string> PagePathsOf(const std::string& host) {
    fixture::HostBehaviour b;
    b.host = host;
    return fixture::HostBehaviours({b}).PagePaths(host);
  }
  static std::set<std::string> FetchedOn(const std::string& host) {
    std::set<std::string> out;
    const std::string prefix = run().Url(host, "/");
    for (const auto& url : run().stored.fetched) {
      if (url.rfind(prefix, 0) == 0) out.insert(url);
    }
    return out;
  }
};

TEST_F(Politeness, CrawlDelayIsNeverShortenedEvenWithMinDelayZero) {
  ASSERT_TRUE(run().server);
  const auto requests = run().On(kSlowHost);
  ASSERT_GE(requests.size(), 2u + PagePathsOf(kSlowHost).size() - 1);
  double smallest = 1e9;
  for (size_t i = 1; i < requests.size(); ++i) {
    const double gap = Seconds(requests[i].started - requests[i - 1].responding);
    smallest = std::min(smallest, gap);
    // The gap after robots.txt counts too: the delay it asks for applies
    // from that response on.
    EXPECT_GE(gap, kCrawlDelay) << requests[i - 1].target << " -> " << requests[i].target;
  }
  std::printf("[ politeness ] %s: %zu requests, smallest gap %.3f s\n", kSlowHost, requests.size(),
              smallest);
  RecordProperty("smallest_gap_ms", static_cast<int>(smallest * 1000));
  EXPECT_TRUE(SameUrls(FetchedOn(kSlowHost), AllPages(kSlowHost)));
}

TEST_F(Politeness, RetryAfterIsHonouredAndTheHostIsCrawledAfterwards) {
  ASSERT_TRUE(run().server);
  const auto requests = run().On(kBusyHost);
  auto busy =
      std::find_if(requests.begin(), requests.end(), [](const auto& r) { return r.status == 503; });
  ASSERT_NE(busy, requests.end());
  ASSERT_NE(busy + 1, requests.end()) << "nothing fetched after the 503";
  const double wait = Seconds((busy + 1)->started - busy->responding);
  std::printf("[ politeness ] %s: next request %.3f s after the 503 (Retry-After: %d)\n", kBusyHost,
              wait, kRetryAfter);
  EXPECT_GE(wait, kRetryAfter);
  for (auto it = busy + 1; it != requests.end(); ++it) {
    EXPECT_EQ(it->status, 200u) << it->target;
  }
  // Every page is stored with 200: the one that got 503 was queued again
  // (max_retries) and fetched after the wait, like the others.
  EXPECT_TRUE(SameUrls(FetchedOn(kBusyHost), AllPages(kBusyHost)));
  const std::string failed_url = run().Url(kBusyHost, busy->target);
  ASSERT_TRUE(run().stored.pages.count(failed_url));
  EXPECT_EQ(run().stored.pages.at(failed_url).http_status, 200);
  EXPECT_EQ(std::count_if(requests.begin(), requests.end(),
                          [&](const auto& r) { return r.target == busy->target; }),
            2);
}

TEST_F(Politeness, NoPageRequestsWhileRobotsTxtFailsThenTheHostIsCrawled) {
  ASSERT_TRUE(run().server);
  const auto requests = run().On(kBrokenRobotsHost);
  auto robots_ok = std::find_if(requests.begin(), requests.end(), [](const auto& r) {
    return r.target == "/robots.txt" && r.status == 200;
  });
  ASSERT_NE(robots_ok, requests.end()) << "robots.txt never fetched successfully";
  int failed_robots = 0;
  for (const auto& r : requests) {
    if (r.target == "/robots.txt" && r.status == 500) ++failed_robots;
    if (r.target != "/robots.txt") {
      EXPECT_GE(r.started, robots_ok->responding)
          << r.target << " requested while robots.txt failed";
    }
  }
  EXPECT_EQ(failed_robots, kRobotsFailures);
  std::printf("[ politeness ] %s: robots.txt succeeded %.3f s after the first 500\n",
              kBrokenRobotsHost, Seconds(robots_ok->responding - requests.front().responding));
  EXPECT_TRUE(SameUrls(FetchedOn(kBrokenRobotsHost), AllPages(kBrokenRobotsHost)));
  for (const auto& url : run().stored.robots_denied) {
    EXPECT_EQ(url.find(kBrokenRobotsHost), std::string::npos) << url;
  }
}

TEST_F(Politeness, MissingRobotsTxtAllowsEverything) {
  ASSERT_TRUE(run().server);
  const auto requests = run().On(kNoRobotsHost);
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.front().target, "/robots.txt");
  EXPECT_EQ(requests.front().status, 404u);
  EXPECT_TRUE(SameUrls(FetchedOn(kNoRobotsHost), AllPages(kNoRobotsHost)));
  for (const auto& url : run().stored.robots_denied) {
    EXPECT_EQ(url.find(kNoRobotsHost), std::string::npos) << url;
  }
}

TEST_F(Politeness, NofollowPagesGiveEdgesButNoNewUrls) {
  ASSERT_TRUE(run().server);
  const std::string home = run().Url(kNofollowHost, "/");
  EXPECT_EQ(FetchedOn(kNofollowHost), std::set<std::string>{home});
  int article_edges = 0;
  for (const auto& e : run().edges) {
    if (e.source != home) continue;
    ++article_edges;
    EXPECT_FALSE(e.followed) << e.target;
    EXPECT_EQ(e.reason, "nofollow") << e.target;
  }
  EXPECT_EQ(article_edges, static_cast<int>(PagePathsOf(kNofollowHost).size()) - 1);
  // No new URL: nothing else of the host was requested, recorded or left queued.
  for (const auto& r : run().On(kNofollowHost)) {
    EXPECT_TRUE(r.target == "/robots.txt" || r.target == "/") << r.target;
  }
  for (const auto& [url, page] : run().stored.pages) {
    if (url.find(kNofollowHost) != std::string::npos) {
      EXPECT_EQ(url, home);
    }
  }
}

TEST_F(Politeness, EveryFetchRecordsItsStartAndEndTime) {
  ASSERT_TRUE(run().server);
  ASSERT_FALSE(run().stored.pages.empty());
  for (const auto& [url, page] : run().stored.pages) {
    EXPECT_GT(page.fetch_start_ms, 0) << url;
    EXPECT_LE(page.fetch_start_ms, page.fetch_end_ms) << url;
  }
}

TEST_F(Politeness, StatusHostsListsCountsDelaysAndRobotsState) {
  ASSERT_TRUE(run().server);
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"status", "--store", run().store, "--hosts"}, &out, &err), 0) << err;
  std::map<std::string, std::string> lines;
  size_t start = 0;
  while (start < out.size()) {
    size_t end = out.find('\n', start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    start = end + 1;
    const std::string host = line.substr(0, line.find(' '));
    if (host.find(".lejournal.test") != std::string::npos) lines[host] = line;
  }
  ASSERT_EQ(lines.size(), 5u) << out;
  // host fetched no-resp queued state delay why robots.txt parked
  auto fields = [](const std::string& line) {
    std::vector<std::string> f;
    size_t i = 0;
    while (f.size() < 8) {
      i = line.find_first_not_of(' ', i);
      if (i == std::string::npos) break;
      size_t j = line.find(' ', i);
      f.push_back(line.substr(i, j - i));
      i = j;
    }
    return f;
  };
  // Counts come from the store: exact for every host.
  for (const auto& [host, line] : lines) {
    auto f = fields(line);
    ASSERT_GE(f.size(), 4u) << line;
    const size_t pages = host == kNofollowHost ? 1 : PagePathsOf(host).size();
    EXPECT_EQ(f[1], std::to_string(pages)) << line;
    EXPECT_EQ(f[2], "0") << line;
    EXPECT_EQ(f[3], "0") << line;
  }
  // Politeness state comes from the scheduler's host events, so every host
  // has a row, however quickly it was crawled, and all are done.
  for (const auto& [host, line] : lines) {
    auto f = fields(line);
    ASSERT_GE(f.size(), 8u) << line;
    EXPECT_EQ(f[4], "done") << line;
  }
  EXPECT_EQ(fields(lines[kNoRobotsHost])[7], "unavailable");  // "unavailable (allow all)"
  EXPECT_EQ(fields(lines[kBrokenRobotsHost])[7], "parsed");   // after its failures
  auto slow = fields(lines[kSlowHost]);
  ASSERT_EQ(slow.size(), 8u) << lines[kSlowHost];
  EXPECT_EQ(slow[4], "done");
  EXPECT_EQ(slow[5], "0.30s");
  EXPECT_EQ(slow[6], "crawl-delay");
  EXPECT_EQ(slow[7], "parsed");
  std::printf("%s", out.c_str());
}

}  // namespace
}  // namespace nc::testing
