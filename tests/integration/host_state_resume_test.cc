// Politeness state across an interrupted crawl (issues 3 and 5), checked
// from the fixture server's request log: a resumed crawl does not ask for
// robots.txt again while the recorded one is younger than robots_ttl, and a
// host parked before the interruption gets no request before its park time
// after the resume. `status --hosts --json` is checked on the parked host.
//
// The crawl is interrupted with CrawlEngine::Stop() (what SIGINT does) once
// the server has seen enough requests; the waits only poll for that, and
// every timing check is an ordering of server-side timestamps.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "storage/schema.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr char kFailingHost[] = "panne.lejournal.test";  // two 503 + Retry-After, then fine
constexpr double kParkSeconds = 3;

// Crawls `config` into `store_dir` on a thread and stops the engine once
// the server has answered `requests` requests (or the crawl ended first).
CrawlOutcome CrawlUntilRequests(const CrawlConfig& config, const std::string& store_dir,
                                const fixture::FixtureServer& server, size_t requests) {
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenOrCreate, {});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return {};
  (void)(*store)->PutMeta(storage::schema::kConfigKey, ConfigToToml(config));
  SystemClock clock;
  CrawlEngine engine(config, **store, clock);
  std::atomic<bool> done{false};
  Result<CrawlOutcome> outcome = MakeError("test", "not run");
  std::thread crawl([&] {
    outcome = engine.Run(/*handle_signals=*/false);
    done = true;
  });
  // Polls for a condition; bounded so a broken crawl fails instead of hanging.
  for (int i = 0; i < 40000 && !done && server.RequestCount() < requests; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  engine.Stop();
  crawl.join();
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
  return outcome.ok() ? *outcome : CrawlOutcome{};
}

std::unique_ptr<fixture::FixtureServer> StartServer(const TempDir& dir,
                                                    std::vector<fixture::HostBehaviour> hosts) {
  fixture::ServerOptions options;
  options.behaviours = std::move(hosts);
  auto server = fixture::FixtureServer::Start(options, dir.path());
  EXPECT_TRUE(server.ok()) << (server.ok() ? "" : server.error().message);
  return server.ok() ? std::move(*server) : nullptr;
}

TEST(HostStateResume, RobotsTxtIsNotRequestedAgainOnResume) {
  TempDir dir;
  auto server = StartServer(dir, {});
  ASSERT_TRUE(server);
  CrawlConfig config = FixtureConfig(*server, /*tls=*/false, /*min_delay=*/0.05);
  const std::string store_dir = (dir / "store").string();

  CrawlOutcome first = CrawlUntilRequests(config, store_dir, *server, 12);
  ASSERT_EQ(first.end, CrawlOutcome::End::kInterrupted) << "the crawl ended before the stop";
  const std::vector<fixture::RequestRecord> before = server->Requests();
  std::set<std::string> robots_fetched;  // hosts whose robots.txt the first run has
  for (const auto& r : before) {
    if (r.target == "/robots.txt") robots_fetched.insert(r.host);
  }
  ASSERT_FALSE(robots_fetched.empty());

  CrawlOutcome resumed = CrawlInProcess(config, store_dir);
  EXPECT_EQ(resumed.end, CrawlOutcome::End::kFinished);
  const std::vector<fixture::RequestRecord> all = server->Requests();
  ASSERT_GT(all.size(), before.size());
  std::map<std::string, int> pages_after;  // page requests of the resume on those hosts
  for (size_t i = before.size(); i < all.size(); ++i) {
    const auto& r = all[i];
    if (!robots_fetched.count(r.host)) continue;
    EXPECT_NE(r.target, "/robots.txt") << r.host << ": robots.txt requested again on resume";
    ++pages_after[r.host];
  }
  // Otherwise the check above would hold for a resume that did nothing.
  EXPECT_FALSE(pages_after.empty()) << "the resume fetched nothing on hosts with a recorded robots.txt";
  // And the crawl is complete: the recorded rules were applied, not skipped.
  StoredCrawl stored = ReadStore(store_dir);
  auto expected = server->site(false).ExpectedFetchedUrls(config.seeds);
  EXPECT_TRUE(SameUrls(stored.fetched, {expected.begin(), expected.end()}));
}

// Runs `python3 -c script store_dir_json_file` and returns its output.
std::string RunPython(const std::string& script, const std::string& arg) {
  const std::string command = "python3 -c '" + script + "' '" + arg + "' 2>&1";
  std::string out;
  if (RunShell(command, &out) != 0) out = "python3 failed: " + out;
  return out;
}

TEST(HostStateResume, ParkedHostIsNotContactedBeforeItsParkTimeAfterResume) {
  TempDir dir;
  fixture::HostBehaviour failing;
  failing.host = kFailingHost;
  failing.fail_first_n = 2;
  failing.retry_after_seconds = 1;
  auto server = StartServer(dir, {failing});
  ASSERT_TRUE(server);
  CrawlConfig config = FixtureConfig(*server, /*tls=*/false, /*min_delay=*/0.05);
  config.seeds = {server->site(false).HomepageUrl(kFailingHost)};
  config.scope = ScopeMode::kSeedHosts;
  config.park_after_failures = 2;
  config.park_seconds = kParkSeconds;
  const std::string store_dir = (dir / "store").string();

  // robots.txt, the homepage, then two articles answered 503: the second
  // failure parks the host. Stop then (the answer in flight is finished).
  CrawlOutcome first = CrawlUntilRequests(config, store_dir, *server, 4);
  ASSERT_EQ(first.end, CrawlOutcome::End::kInterrupted);
  const size_t requests_before = server->Requests().size();
  ASSERT_EQ(requests_before, 4u);

  // The park is in the store, in wall time.
  storage::OpenOptions read_only;
  read_only.read_only = true;
  int64_t parked_until_ms = 0;
  {
    auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting, read_only);
    ASSERT_TRUE(store.ok()) << store.error().message;
    auto state = (*store)->LoadHostState(kFailingHost);
    ASSERT_TRUE(state.ok()) << state.error().message;
    ASSERT_TRUE(state->has_value()) << "no host state stored for the parked host";
    EXPECT_EQ((*state)->consecutive_failures, 2u);
    EXPECT_EQ((*state)->times_parked, 1u);
    EXPECT_NE((*state)->park_reason.find("2 consecutive failures, last: HTTP 503 Retry-After 1s"),
              std::string::npos)
        << (*state)->park_reason;
    parked_until_ms = (*state)->parked_until_ms;
  }
  SystemClock clock;
  const int64_t wall_now = clock.WallMillis();
  const auto steady_now = std::chrono::steady_clock::now();
  ASSERT_GT(parked_until_ms, wall_now) << "the park is over before the resume could start";
  // 5 ms: the store keeps whole milliseconds.
  const auto parked_until =
      steady_now + std::chrono::milliseconds(parked_until_ms - wall_now) - std::chrono::milliseconds(5);

  // status --hosts --json is valid JSON with the parked host's state.
  std::string json, err;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store_dir, "--hosts", "--json"}, &json, &err), 0)
      << err;
  const std::string json_file = (dir / "status.json").string();
  std::ofstream(json_file) << json;
  const std::string fields = RunPython(
      "import json,sys\n"
      "d = json.load(open(sys.argv[1]))\n"
      "h = [r for r in d[\"per_host\"] if r[\"host\"] == \"" + std::string(kFailingHost) + "\"][0]\n"
      "s = h[\"stored_state\"]\n"
      "print(h[\"fetched\"], h[\"queued\"], h[\"no_response\"], h[\"state\"], h[\"delay_reason\"],\n"
      "      h[\"consecutive_failures\"], h[\"robots_state\"], h[\"parked_reason\"] is not None,\n"
      "      s[\"consecutive_failures\"], s[\"times_parked\"], s[\"parked_until_ms\"])\n",
      json_file);
  // One page (the homepage) stored, 4 articles pending (2 of them requeued
  // for retry), the host held at the stop and parked.
  EXPECT_EQ(fields, "1 4 0 active retry-after 2 parsed True 2 1 " + std::to_string(parked_until_ms) +
                        "\n")
      << json;

  // Resume: nothing on the parked host before its time; then it is crawled.
  CrawlOutcome resumed = CrawlInProcess(config, store_dir);
  EXPECT_EQ(resumed.end, CrawlOutcome::End::kFinished);
  const std::vector<fixture::RequestRecord> all = server->Requests();
  size_t after = 0;
  for (size_t i = requests_before; i < all.size(); ++i) {
    if (all[i].host != kFailingHost) continue;
    ++after;
    EXPECT_NE(all[i].target, "/robots.txt");
    EXPECT_GE(all[i].started, parked_until)
        << all[i].target << " requested "
        << std::chrono::duration<double>(parked_until - all[i].started).count()
        << " s before the end of the park";
  }
  EXPECT_EQ(after, 4u);  // the four articles
  StoredCrawl stored = ReadStore(store_dir);
  EXPECT_EQ(stored.fetched.size(), 5u);
  for (const auto& [url, page] : stored.pages) EXPECT_EQ(page.http_status, 200) << url;
  // The host recovered: its stored state was cleared.
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting, read_only);
  ASSERT_TRUE(store.ok());
  EXPECT_FALSE((*store)->LoadHostState(kFailingHost)->has_value());
}

}  // namespace
}  // namespace nc::testing
