// CrawlStats: counts by status class and reason, host states worked out at
// snapshot time from the scheduler's host events and the injected clock,
// and the events a crawl writes to events.jsonl.
#include "crawler/observe/crawl_stats.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "crawler/observe/event_log.h"
#include "tests/common/temp_dir.h"

namespace nc::observe {
namespace {

HostSnapshot Host(const std::string& key) {
  HostSnapshot h;
  h.host_key = key;
  return h;
}

std::string ReadAll(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(CrawlStats, CountsFetchesByStatusClassAndErrorsByReason) {
  ManualClock clock;
  CrawlStats stats(clock);
  stats.OnPageFetched("http://a.test/", "a.test", 200, 100, 0.02, "", "");
  stats.OnPageFetched("http://a.test/x", "a.test", 404, 10, 0.02, "", "");
  stats.OnPageFetched("http://b.test/", "b.test", 0, 0, 30, "timeout", "timeout: read");
  stats.OnPageFetched("http://b.test/y", "b.test", 0, 0, 0.001, "dns",
                      "dns: name does not resolve");
  stats.OnRobotsFetched(200, 50, 0.01);
  stats.OnRobotsDenied("http://a.test/private", "a.test", "");
  stats.OnCommit(3, 7, 0.004);

  const StatsSnapshot s = stats.Snapshot();
  EXPECT_EQ(s.pages_by_class[2], 1u);
  EXPECT_EQ(s.pages_by_class[4], 1u);
  EXPECT_EQ(s.pages_by_class[0], 2u);
  EXPECT_EQ(s.PagesFetched(), 4u);
  EXPECT_EQ(s.Errors(), 2u);
  EXPECT_EQ(s.errors_by_reason.at("timeout"), 1u);
  EXPECT_EQ(s.errors_by_reason.at("dns"), 1u);
  EXPECT_EQ(s.robots_requests, 1u);
  EXPECT_EQ(s.robots_denied, 1u);
  EXPECT_EQ(s.bytes, 160u);
  EXPECT_EQ(s.committed, 3u);
  EXPECT_EQ(s.enqueued, 7u);
  // Pages and robots.txt: 5 requests; 30 s falls in the 30 s bucket.
  EXPECT_EQ(s.fetch_latency.count, 5u);
  EXPECT_EQ(s.fetch_latency.buckets[kLatencyBucketBounds.size() - 1], 1u);
  EXPECT_EQ(s.commit_latency.count, 1u);
  ASSERT_EQ(s.recent_errors.size(), 2u);
  EXPECT_EQ(s.recent_errors.back().reason, "dns: name does not resolve");
}

TEST(CrawlStats, UnreachableRobotsTxtIsAFailureWithItsReason) {
  ManualClock clock;
  CrawlStats stats(clock);
  stats.OnRobotsDenied("http://dead.test/", "dead.test", "robots.txt unreachable (dns)");
  const StatsSnapshot s = stats.Snapshot();
  EXPECT_EQ(s.robots_denied, 0u);
  EXPECT_EQ(s.Errors(), 1u);
  EXPECT_EQ(s.errors_by_reason.at("robots-unreachable"), 1u);
}

TEST(CrawlStats, HostStatesComeFromEventsAndTheClock) {
  ManualClock clock;
  CrawlStats stats(clock);
  HostSnapshot active = Host("active.test");
  active.in_flight = 1;
  HostSnapshot waiting = Host("waiting.test");
  waiting.queued_in_memory = 3;
  waiting.next_allowed = clock.Now() + std::chrono::seconds(2);
  waiting.delay_seconds = 2;
  waiting.delay_reason = "crawl-delay";
  HostSnapshot parked = Host("parked.test");
  parked.queued_in_memory = 1;
  parked.parked_reason = "5 consecutive failures";
  parked.parked_until = clock.Now() + std::chrono::seconds(60);
  HostSnapshot done = Host("done.test");
  done.held = false;
  for (const auto& h : {active, waiting, parked, done}) stats.OnHostSnapshot(h);

  StatsSnapshot s = stats.Snapshot();
  EXPECT_EQ(s.hosts_active, 1u);
  EXPECT_EQ(s.hosts_waiting, 1u);
  EXPECT_EQ(s.hosts_parked, 1u);
  EXPECT_DOUBLE_EQ(s.max_delay_seconds, 2);
  EXPECT_EQ(s.hosts_by_delay_reason.at("crawl-delay"), 1u);
  ASSERT_EQ(s.hosts.size(), 4u);
  EXPECT_EQ(s.hosts.back().state, "done");  // held hosts first
  for (const HostRow& row : s.hosts) {
    if (row.host == "waiting.test") {
      EXPECT_DOUBLE_EQ(row.next_allowed_in_seconds, 2);
    }
    if (row.host == "parked.test") {
      EXPECT_EQ(row.parked_reason, "5 consecutive failures");
    }
  }

  // The park ends with time alone, no event: the host is waiting again.
  clock.Advance(std::chrono::seconds(61));
  s = stats.Snapshot();
  EXPECT_EQ(s.hosts_parked, 0u);
  EXPECT_EQ(s.hosts_waiting, 2u);
  EXPECT_DOUBLE_EQ(s.elapsed_seconds, 61);
}

TEST(CrawlStats, PerHostFetchCounts) {
  ManualClock clock;
  CrawlStats stats(clock);
  stats.OnHostSnapshot(Host("a.test"));
  stats.OnPageFetched("http://a.test/", "a.test", 200, 1, 0.1, "", "");
  stats.OnPageFetched("http://a.test/2", "a.test", 0, 0, 0.1, "connect", "connect: refused");
  const StatsSnapshot s = stats.Snapshot();
  ASSERT_EQ(s.hosts.size(), 1u);
  EXPECT_EQ(s.hosts[0].fetched, 2u);
  EXPECT_EQ(s.hosts[0].failed, 1u);
}

TEST(CrawlStats, WritesFetchedFailedDeniedParkedAndResumedEvents) {
  testing::TempDir dir;
  ManualClock clock;
  auto log = EventLog::Open(dir.path(), {});
  ASSERT_TRUE(log.ok());
  CrawlStats stats(clock);
  stats.SetEventLog(log->get());
  stats.OnRunStarted(/*resumed=*/true, 10, 4);
  stats.OnPageFetched("http://a.test/", "a.test", 200, 12, 0.5, "", "");
  stats.OnPageFetched("http://a.test/\"q\"", "a.test", 0, 0, 1, "timeout", "timeout: read");
  stats.OnRobotsDenied("http://a.test/private", "a.test", "");
  HostSnapshot parked = Host("a.test");
  parked.parked_reason = "5 consecutive failures";
  parked.parked_until = clock.Now() + std::chrono::seconds(600);
  stats.OnHostSnapshot(parked);
  stats.OnHostSnapshot(parked);  // still the same park: one event
  (*log)->Flush();

  const std::string t = "{\"t\":" + std::to_string(clock.WallMillis());
  EXPECT_EQ(ReadAll(dir / "events.jsonl"),
            t + ",\"event\":\"resumed\",\"pages_before\":10,\"queued\":4}\n" + t +
                ",\"event\":\"fetched\",\"url\":\"http://a.test/\",\"host\":\"a.test\","
                "\"status\":200,\"bytes\":12,\"ms\":500.0}\n" +
                t +
                ",\"event\":\"failed\",\"url\":\"http://a.test/\\\"q\\\"\",\"host\":\"a.test\","
                "\"reason\":\"timeout: read\",\"kind\":\"timeout\"}\n" +
                t +
                ",\"event\":\"robots-denied\",\"url\":\"http://a.test/private\","
                "\"host\":\"a.test\"}\n" +
                t +
                ",\"event\":\"parked\",\"host\":\"a.test\",\"reason\":\"5 consecutive "
                "failures\"}\n");
}

TEST(EventLog, RotatesBySizeKeepingNFiles) {
  testing::TempDir dir;
  EventLog::Options options;
  options.max_bytes = 100;
  options.keep_files = 2;
  auto log = EventLog::Open(dir.path(), options);
  ASSERT_TRUE(log.ok());
  const std::string members = "\"pad\":\"" + std::string(40, 'x') + "\"";  // ~70 bytes a line
  for (int i = 0; i < 5; ++i) (*log)->Write(i, "fetched", members, false);
  (*log)->Flush();
  // One line per file: the newest in events.jsonl, then .1, .2; older ones removed.
  EXPECT_NE(ReadAll(dir / "events.jsonl").find("{\"t\":4,"), std::string::npos);
  EXPECT_NE(ReadAll(dir / "events.jsonl.1").find("{\"t\":3,"), std::string::npos);
  EXPECT_NE(ReadAll(dir / "events.jsonl.2").find("{\"t\":2,"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir / "events.jsonl.3"));
}

TEST(EventLog, EchoLevelsPickEvents) {
  testing::TempDir dir;
  for (EchoLevel level : {EchoLevel::kNone, EchoLevel::kFailures, EchoLevel::kAll}) {
    std::vector<std::string> echoed;
    EventLog::Options options;
    options.echo = level;
    options.echo_sink = [&](std::string_view line) { echoed.emplace_back(line); };
    auto log = EventLog::Open(dir.path(), options);
    ASSERT_TRUE(log.ok());
    (*log)->Write(1, "fetched", "", /*notable=*/false);
    (*log)->Write(2, "failed", "", /*notable=*/true);
    const size_t expected = level == EchoLevel::kNone ? 0 : level == EchoLevel::kFailures ? 1 : 2;
    EXPECT_EQ(echoed.size(), expected);
    if (level == EchoLevel::kFailures) {
      EXPECT_EQ(echoed[0], "{\"t\":2,\"event\":\"failed\"}");
    }
  }
}

// -v / -vv print prose, the UTC time first; events.jsonl keeps the JSON.
TEST(EventLog, VerboseEchoIsProse) {
  testing::TempDir dir;
  std::vector<std::string> echoed;
  EventLog::Options options;
  options.echo = EchoLevel::kAll;
  options.echo_sink = [&](std::string_view line) { echoed.emplace_back(line); };
  auto log = EventLog::Open(dir.path(), options);
  ASSERT_TRUE(log.ok());
  ManualClock clock;  // wall clock 1700000000000 ms: 2023-11-14 22:13:20 UTC
  CrawlStats stats(clock);
  stats.SetEventLog(log->get());
  stats.OnRunStarted(/*resumed=*/true, 120, 30);
  stats.OnPageFetched("http://a.test/x", "a.test", 200, 12595, 0.0451, "", "");
  stats.OnPageFetched("http://a.test/y", "a.test", 0, 0, 0.002, "connect-refused",
                      "connect: connection refused");
  stats.OnRobotsDenied("http://a.test/private", "a.test", "");
  stats.OnRobotsDenied("http://b.test/", "b.test", "dns: name does not resolve");
  stats.OnPageFetched("http://a.test/small", "a.test", 404, 300, 0.01, "", "");
  EXPECT_EQ(echoed, (std::vector<std::string>{
                        "22:13:20 resumed: 120 pages fetched before, 30 URLs queued",
                        "22:13:20 fetched 200 http://a.test/x (12.3 KB in 45 ms)",
                        "22:13:20 failed http://a.test/y: connect-refused (connect: connection "
                        "refused)",
                        "22:13:20 robots.txt denies http://a.test/private",
                        "22:13:20 failed http://b.test/: robots-unreachable (dns: name does not "
                        "resolve)",
                        "22:13:20 fetched 404 http://a.test/small (300 B in 10 ms)",
                    }));
  (*log)->Flush();
  EXPECT_NE(ReadAll(dir.path() / "events.jsonl").find("\"event\":\"fetched\",\"url\":\"http://a.test/x\""),
            std::string::npos);
}

TEST(EventLog, UnwritableDirectoryIsAnError) {
  auto log = EventLog::Open("/nonexistent-newscrawl-dir", {});
  ASSERT_FALSE(log.ok());
  EXPECT_EQ(log.error().code, "observe.event_log");
}

}  // namespace
}  // namespace nc::observe

namespace nc::observe {
namespace {

bool HasRow(const StatsSnapshot& s, const std::string& host) {
  for (const HostRow& row : s.hosts) {
    if (row.host == host) return true;
  }
  return false;
}

// The host table holds 5,000 entries before it forgets a finished host to
// make room; with none finished it keeps every held host.
TEST(CrawlStats, FullHostTableForgetsAFinishedHostOnlyWhenThereIsOne) {
  ManualClock clock;
  CrawlStats stats(clock);
  for (int i = 0; i < 4999; ++i) stats.OnHostSnapshot(Host("h" + std::to_string(i)));
  stats.OnHostSnapshot(Host("done.test"));
  HostSnapshot dropped = Host("done.test");
  dropped.held = false;
  stats.OnHostSnapshot(dropped);
  EXPECT_TRUE(HasRow(stats.Snapshot(10'000), "done.test"));

  stats.OnHostSnapshot(Host("new.test"));  // full: the finished one goes
  StatsSnapshot s = stats.Snapshot(10'000);
  EXPECT_FALSE(HasRow(s, "done.test"));
  EXPECT_TRUE(HasRow(s, "new.test"));
  EXPECT_EQ(s.hosts.size(), 5000u);

  stats.OnHostSnapshot(Host("h1"));         // an update of a held host: still held
  stats.OnHostSnapshot(Host("new2.test"));  // full, none finished: kept
  s = stats.Snapshot(10'000);
  EXPECT_TRUE(HasRow(s, "new2.test"));
  EXPECT_EQ(s.hosts.size(), 5001u);
}

}  // namespace
}  // namespace nc::observe
