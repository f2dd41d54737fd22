// host_key = "domain" and "ip" end to end (issue 3): the fixture's hosts
// (www. and sport.lejournal.test, one loopback server, mapped with
// --resolve) share one politeness budget. Checked on the server's request
// log: no two requests to the key closer than min_delay (from the first
// response byte of one to the head of the next, as in fixture_crawl_test),
// never more than max_in_flight_per_host at once over all the hosts, and
// still exactly the expected pages. Then: a job's mode cannot change.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/shared_run_suite.h"

namespace nc::testing {
namespace {

constexpr double kMinDelay = 0.05;

std::unique_ptr<FixtureRun> RunOnce(const std::string& mode) {
  auto run = std::make_unique<FixtureRun>();
  if (!run->StartServer()) return run;
  CrawlConfig config = run->Config(/*tls=*/false, kMinDelay);
  config.host_key = *ParseMode<HostKeyMode>(mode);
  config.max_in_flight_per_host = 1;
  run->Crawl(config);
  // In the order their heads arrived.
  std::sort(run->requests.begin(), run->requests.end(),
            [](const auto& a, const auto& b) { return a.started < b.started; });
  return run;
}

class HostKeyCrawl
    : public SharedRunsSuite<std::string, FixtureRun, ::testing::TestWithParam<std::string>> {
 protected:
  FixtureRun& run() { return RunFor(GetParam(), RunOnce); }
};

TEST_P(HostKeyCrawl, FetchesExactlyTheExpectedUrls) {
  ASSERT_TRUE(run().server);
  EXPECT_TRUE(SameUrls(run().stored.fetched, run().ExpectedUrls()));
  EXPECT_TRUE(run().stored.failed.empty());
  EXPECT_EQ(run().outcome.end, CrawlOutcome::End::kFinished);
}

TEST_P(HostKeyCrawl, BothHostsTogetherAreSpacedByMinDelay) {
  ASSERT_TRUE(run().server);
  const auto& requests = run().requests;
  std::set<std::string> hosts;
  for (const auto& r : requests) hosts.insert(r.host);
  ASSERT_GE(hosts.size(), 2u) << "the check needs requests to several hosts of one key";
  const auto min_delay = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(kMinDelay));
  size_t host_switches = 0;
  for (size_t i = 1; i < requests.size(); ++i) {
    EXPECT_GE(requests[i].started - requests[i - 1].responding, min_delay)
        << requests[i - 1].host << requests[i - 1].target << " then " << requests[i].host
        << requests[i].target;
    if (requests[i].host != requests[i - 1].host) ++host_switches;
  }
  EXPECT_GT(host_switches, 0u);  // the hosts really were interleaved under one key
}

TEST_P(HostKeyCrawl, NeverMoreThanMaxInFlightPerHostOverAllHosts) {
  ASSERT_TRUE(run().server);
  // A request is in flight on the server from its head to its first response
  // byte; count the most that overlap.
  std::vector<std::pair<std::chrono::steady_clock::time_point, int>> events;
  for (const auto& r : run().requests) {
    events.emplace_back(r.started, +1);
    events.emplace_back(r.responding, -1);
  }
  std::sort(events.begin(), events.end());  // at equal times, ends (-1) first
  int in_flight = 0, peak = 0;
  for (const auto& [when, delta] : events) peak = std::max(peak, in_flight += delta);
  EXPECT_EQ(peak, 1);
}

TEST_P(HostKeyCrawl, EachHostsRobotsTxtIsItsFirstRequest) {
  ASSERT_TRUE(run().server);
  std::set<std::string> seen;
  for (const auto& r : run().requests) {
    if (seen.insert(r.host).second) {
      EXPECT_EQ(r.target, "/robots.txt") << r.host;
    }
  }
}

TEST_P(HostKeyCrawl, AnotherModeIsRefusedOnResumeAndOnCrawlAndTheJobIsUnchanged) {
  ASSERT_TRUE(run().server);
  const std::string other = GetParam() == "ip" ? "domain" : "ip";
  std::string out, err;
  EXPECT_EQ(RunNewscrawl({"resume", "--store", run().store, "--host-key", other, "-q"}, &out, &err),
            2)
      << err;
  EXPECT_NE(err.find("host_key \"" + GetParam() + "\""), std::string::npos) << err;
  EXPECT_NE(err.find("--host-key " + GetParam()), std::string::npos) << err;

  // `crawl` on the existing store without --host-key means "host": refused too,
  // before the stored config is touched.
  const size_t requests_before = run().server->RequestCount();
  std::vector<std::string> crawl = run().HomepageCrawlArgs(run().store);
  crawl.push_back("-q");
  EXPECT_EQ(RunNewscrawl(crawl, &out, &err), 2) << err;
  EXPECT_NE(err.find("host_key \"" + GetParam() + "\""), std::string::npos) << err;
  EXPECT_EQ(run().server->RequestCount(), requests_before);

  // The stored mode is used when none is given: the job resumes (and, being
  // finished, has nothing to fetch).
  EXPECT_EQ(RunNewscrawl({"resume", "--store", run().store, "-q"}, &out, &err), 0) << err;
  EXPECT_EQ(run().server->RequestCount(), requests_before);
}

TEST_P(HostKeyCrawl, StatusHostsCountsEveryPageUnderTheKey) {
  ASSERT_TRUE(run().server);
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"status", "--store", run().store, "--hosts"}, &out, &err), 0) << err;
  const std::string key = GetParam() == "ip" ? "127.0.0.1" : "lejournal.test";
  const size_t row = out.find("\n" + key + " ");
  ASSERT_NE(row, std::string::npos) << out;
  // host, then the fetched count.
  const std::string line = out.substr(row + 1, out.find('\n', row + 1) - row - 1);
  EXPECT_EQ(std::stoull(line.substr(key.size())), run().stored.fetched.size()) << line;
  EXPECT_EQ(out.find("\nwww.lejournal.test "), std::string::npos) << out;
  EXPECT_EQ(out.find("\nsport.lejournal.test "), std::string::npos) << out;
}

INSTANTIATE_TEST_SUITE_P(SharedBudget, HostKeyCrawl, ::testing::Values("domain", "ip"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace nc::testing
