// PolitenessScheduler under errors: exponential back-off with jitter,
// Retry-After, parking of failing hosts, robots.txt that cannot be fetched,
// robots.txt refresh, the adaptive delay, the Crawl-delay cap policies, the
// global rate cap, and the per-host snapshot that explains all of it. Time
// comes from a ManualClock; nothing sleeps.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "frontier/backoff.h"
#include "frontier/scheduler.h"
#include "tests/frontier/fake_frontier_source.h"
#include "tests/frontier/scheduler_test_helpers.h"

namespace nc {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class SchedulerBackoffTest : public SchedulerFixture {
 protected:
  static SchedulerOptions Options(bool obey_robots = false) {
    SchedulerOptions options = RoundBackoffOptions(obey_robots, /*jitter=*/0.25);
    options.jitter_seed = 42;
    options.park_after_failures = 0;
    return options;
  }

  void AddMany(const std::string& host, int n) {
    for (int i = 0; i < n; ++i) Add(host, "https://" + host + "/" + std::to_string(i));
  }

  // Dispatches the next page of `host` (which must be due now), answers it
  // with `status` 100 ms later, moves the clock to the host's next allowed
  // time and returns the wait after the response, in seconds.
  double FetchAndWait(const std::string& host, int status,
                      std::optional<double> retry_after = std::nullopt) {
    auto d = scheduler_->Next();
    EXPECT_TRUE(d.has_value());
    if (!d) return -1;
    EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
    source_.MarkDone(host, d->url.seq);
    clock_.Advance(milliseconds(100));
    const FetchFeedback feedback = Feedback(status, retry_after);
    scheduler_->OnFetchFinished(host, feedback);
    last_ = SnapshotOf(host);
    const SteadyTime allowed = last_.next_allowed;
    if (const auto wakeup = scheduler_->NextWakeup()) {
      EXPECT_EQ(*wakeup, allowed);
    }
    clock_.Set(allowed - Duration(1));
    EXPECT_FALSE(scheduler_->Next().has_value());  // nothing before the allowed time
    clock_.Set(allowed);
    return ToSeconds(allowed - feedback.finished);
  }

  void AnswerRobots(const Dispatch& d, RobotsOutcome::Kind kind, std::string body, int status) {
    ASSERT_EQ(d.kind, Dispatch::Kind::kFetchRobots);
    clock_.Advance(milliseconds(100));
    scheduler_->OnRobotsFetched(d.host_key, d.origin, {kind, std::move(body)}, Feedback(status));
  }

  // Takes the next dispatch, which must be a robots.txt fetch due now, and
  // answers it as AnswerRobots does.
  void AnswerNextRobots(RobotsOutcome::Kind kind, std::string body, int status) {
    auto d = scheduler_->Next();
    ASSERT_TRUE(d.has_value());
    AnswerRobots(*d, kind, std::move(body), status);
  }

  HostSnapshot last_;  // of the host, right after FetchAndWait's answer
};

TEST(BackoffTest, ExponentialSecondsDoublesAndIsCapped) {
  EXPECT_EQ(ExponentialSeconds(2, 600, 0), 0);
  EXPECT_EQ(ExponentialSeconds(2, 600, 1), 2);
  EXPECT_EQ(ExponentialSeconds(2, 600, 4), 16);
  EXPECT_EQ(ExponentialSeconds(2, 600, 10), 600);
  EXPECT_EQ(ExponentialSeconds(2, 600, 4'000'000'000u), 600);  // no overflow
}

TEST(BackoffTest, SameSeedSameSequenceWithinBounds) {
  JitteredBackoff a(2, 600, 0.25, 7), b(2, 600, 0.25, 7), c(2, 600, 0.25, 8);
  bool differs_from_other_seed = false;
  for (uint32_t n = 1; n <= 12; ++n) {
    const double x = a.Seconds(n);
    EXPECT_EQ(x, b.Seconds(n));
    differs_from_other_seed |= x != c.Seconds(n);
    EXPECT_GE(x, a.LowerBound(n));
    EXPECT_LE(x, a.UpperBound(n));
  }
  EXPECT_TRUE(differs_from_other_seed);
}

TEST_F(SchedulerBackoffTest, FailuresBackOffExponentiallyWithJitterWithinBounds) {
  Make(Options());
  AddMany("a.test", 12);
  std::vector<double> jitter_factors;
  // Network error, timeouts, 5xx and a bare 429/503 all count as failures.
  const int statuses[] = {0, 500, 503, 429, 502, 0, 0, 0, 0, 0, 0};
  for (uint32_t n = 1; n <= 11; ++n) {
    SCOPED_TRACE(n);
    const double wait = FetchAndWait("a.test", statuses[n - 1]);
    const double exponential = std::min(600.0, 2.0 * (1u << (n - 1)));
    // min_delay (1 s) + back-off within ±25 % of the exponential value.
    EXPECT_GE(wait, 1.0 + 0.75 * exponential - 1e-6);
    EXPECT_LE(wait, 1.0 + 1.25 * exponential + 1e-6);
    jitter_factors.push_back((wait - 1.0) / exponential);
    const HostSnapshot snap = SnapshotOf("a.test");
    EXPECT_EQ(snap.delay_reason, "back-off");
    EXPECT_EQ(snap.consecutive_failures, n);
    EXPECT_TRUE(snap.parked_reason.empty());  // parking is off
  }
  // The jitter really varies (with this seed), rather than sitting on a bound.
  EXPECT_NE(*std::min_element(jitter_factors.begin(), jitter_factors.end()),
            *std::max_element(jitter_factors.begin(), jitter_factors.end()));
}

TEST_F(SchedulerBackoffTest, SameSeedReplaysTheSameDelays) {
  std::vector<double> runs[2];
  for (auto& waits : runs) {
    clock_.Set(SteadyTime(seconds(5000)));
    Make(Options());
    AddMany("a.test", 5);
    for (int i = 0; i < 5; ++i) waits.push_back(FetchAndWait("a.test", 503));
    scheduler_.reset();
  }
  EXPECT_EQ(runs[0], runs[1]);
}

TEST_F(SchedulerBackoffTest, SuccessResetsTheBackoff) {
  auto& s = Make(Options());
  AddMany("a.test", 6);
  FetchAndWait("a.test", 500);
  FetchAndWait("a.test", 500);
  const double third = FetchAndWait("a.test", 0);
  EXPECT_GE(third, 1.0 + 0.75 * 8 - 1e-6);
  EXPECT_DOUBLE_EQ(FetchAndWait("a.test", 404), 1.0);  // a 4xx is a normal answer
  EXPECT_EQ(SnapshotOf("a.test").consecutive_failures, 0u);
  EXPECT_EQ(SnapshotOf("a.test").delay_reason, "min-delay");
  const double after_reset = FetchAndWait("a.test", 500);  // back to the first step
  EXPECT_GE(after_reset, 1.0 + 0.75 * 2 - 1e-6);
  EXPECT_LE(after_reset, 1.0 + 1.25 * 2 + 1e-6);
  EXPECT_TRUE(s.Next().has_value());
}

TEST_F(SchedulerBackoffTest, RetryAfterReplacesTheBackoffAndIsCapped) {
  SchedulerOptions options = Options();
  options.max_retry_after_seconds = 300;
  auto& s = Make(options);
  AddMany("a.test", 5);
  EXPECT_DOUBLE_EQ(FetchAndWait("a.test", 503, 120.0), 120.0);
  EXPECT_EQ(SnapshotOf("a.test").delay_reason, "retry-after");
  EXPECT_DOUBLE_EQ(FetchAndWait("a.test", 429, 1e9), 300.0);       // capped
  EXPECT_DOUBLE_EQ(FetchAndWait("a.test", 503, 0.2), 1.0);         // never below min_delay
  EXPECT_GE(FetchAndWait("a.test", 500, 120.0), 1.0 + 0.75 * 16);  // only 429/503 carry it
  EXPECT_EQ(SnapshotOf("a.test").consecutive_failures, 4u);        // Retry-After answers count too
  EXPECT_TRUE(s.Next().has_value());
}

TEST_F(SchedulerBackoffTest, HostParkedAfterConsecutiveFailuresKeepsItsUrls) {
  SchedulerOptions options = Options();
  options.park_after_failures = 3;
  options.park_seconds = 100;
  options.max_park_seconds = 150;
  auto& s = Make(options);
  AddMany("a.test", 6);
  FetchAndWait("a.test", 0);
  FetchAndWait("a.test", 0);
  EXPECT_EQ(FetchAndWait("a.test", 0), 100.0);  // parked: longer than the back-off
  HostSnapshot snap = last_;
  EXPECT_EQ(snap.parked_reason,
            "3 consecutive failures, last: network error or timeout; parked 100s");
  EXPECT_EQ(snap.queued_in_memory, 3u);

  // After the park, one try; failing again parks for longer (capped).
  EXPECT_EQ(FetchAndWait("a.test", 503, 120.0), 150.0);
  EXPECT_EQ(last_.parked_reason,
            "4 consecutive failures, last: HTTP 503 Retry-After 120s; parked 150s");
  EXPECT_FALSE(s.Idle());  // a parked host with URLs keeps the crawl alive

  // The host answers again: the park is over and the URLs are all fetched.
  EXPECT_EQ(FetchAndWait("a.test", 200), 1.0);
  snap = last_;
  EXPECT_TRUE(snap.parked_reason.empty());
  EXPECT_EQ(snap.consecutive_failures, 0u);
  EXPECT_EQ(FetchAndWait("a.test", 200), 1.0);  // the last of the 6 URLs
  EXPECT_EQ(last_.queued_in_memory, 0u);
  EXPECT_FALSE(s.Next().has_value());
  EXPECT_TRUE(s.Idle());
  EXPECT_EQ(s.HostCount(), 0u);
}

TEST_F(SchedulerBackoffTest, ParkingOneHostDoesNotHoldBackOthers) {
  SchedulerOptions options = Options();
  options.park_after_failures = 1;
  options.park_seconds = 1000;
  auto& s = Make(options);
  Add("bad.test", "https://bad.test/1");
  Add("bad.test", "https://bad.test/2");
  Add("good.test", "https://good.test/1");
  auto first = s.Next();
  auto second = s.Next();
  ASSERT_TRUE(first && second);
  s.OnFetchFinished("bad.test", Feedback(0));
  s.OnFetchFinished("good.test", Feedback(200));
  EXPECT_FALSE(SnapshotOf("bad.test").parked_reason.empty());
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(1000));  // good.test has nothing left
  Add("good.test", "https://good.test/2");
  clock_.Advance(seconds(1));
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->host_key, "good.test");
}

TEST_F(SchedulerBackoffTest, UnreachableRobotsMakesUrlsWaitThenRetrySucceeds) {
  auto& s = Make(Options(/*obey_robots=*/true));
  AddMany("a.test", 2);
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "fetching");
  AnswerRobots(*d, RobotsOutcome::Kind::kUnreachable, "", 500);
  HostSnapshot snap = SnapshotOf("a.test");
  EXPECT_EQ(snap.robots_state, "unreachable (retrying)");
  EXPECT_EQ(snap.delay_reason, "back-off");
  EXPECT_EQ(snap.queued_in_memory, 2u);  // waiting, not denied
  const SteadyTime retry = *s.NextWakeup();
  EXPECT_GE(retry, clock_.Now() + FromSeconds(1.0 + 0.75 * 2));
  clock_.Set(retry - milliseconds(1));
  EXPECT_FALSE(s.Next().has_value());
  clock_.Set(retry);

  AnswerNextRobots(RobotsOutcome::Kind::kParsed, "User-agent: *\nDisallow: /0\n", 200);
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "parsed");
  EXPECT_EQ(SnapshotOf("a.test").consecutive_failures, 0u);
  clock_.Set(*s.NextWakeup());
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);  // by the rules, not the outage
  EXPECT_EQ(d->url.url, "https://a.test/0");
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
  EXPECT_EQ(d->url.url, "https://a.test/1");
}

TEST_F(SchedulerBackoffTest, UnreachableRobotsDeniesAfterMaxAttempts) {
  SchedulerOptions options = Options(/*obey_robots=*/true);
  options.robots_max_attempts = 3;
  auto& s = Make(options);
  AddMany("a.test", 3);
  for (int attempt = 1; attempt <= 3; ++attempt) {
    SCOPED_TRACE(attempt);
    auto d = s.Next();
    ASSERT_TRUE(d.has_value());
    AnswerRobots(*d, RobotsOutcome::Kind::kUnreachable, "", 0);
    clock_.Set(*s.NextWakeup());
  }
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "unreachable (disallow all)");
  int denied = 0;
  while (auto d = s.Next()) {
    EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);
    ++denied;
  }
  EXPECT_EQ(denied, 3);
  EXPECT_TRUE(s.Idle());
}

TEST_F(SchedulerBackoffTest, StaleRobotsRulesAreFetchedAgainBeforeTheNextPage) {
  SchedulerOptions options = Options(/*obey_robots=*/true);
  options.robots_ttl_seconds = 10;
  auto& s = Make(options);
  AddMany("a.test", 3);
  AnswerNextRobots(RobotsOutcome::Kind::kParsed, "User-agent: *\nAllow: /\n", 200);
  clock_.Advance(seconds(1));
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchPage);
  clock_.Advance(seconds(10));  // rules are now older than the TTL
  s.OnFetchFinished("a.test", Feedback(200));
  clock_.Advance(seconds(1));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kFetchRobots);
  EXPECT_EQ(d->origin, "https://a.test");
  EXPECT_FALSE(s.Next().has_value());  // the page waits for the fresh rules
  AnswerRobots(*d, RobotsOutcome::Kind::kParsed, "User-agent: *\nDisallow: /\n", 200);
  clock_.Advance(seconds(1));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->kind, Dispatch::Kind::kRobotsDenied);  // the new rules apply
}

TEST_F(SchedulerBackoffTest, GlobalRequestsPerSecondCap) {
  SchedulerOptions options = Options();
  options.min_delay_seconds = 0;
  options.max_requests_per_second = 2;
  options.global_burst = 2;
  auto& s = Make(options);
  for (int i = 0; i < 6; ++i) Add("h" + std::to_string(i) + ".test", "https://x/");
  EXPECT_TRUE(s.Next().has_value());
  EXPECT_TRUE(s.Next().has_value());  // the burst
  EXPECT_FALSE(s.Next().has_value());
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + milliseconds(500));
  clock_.Advance(milliseconds(499));
  EXPECT_FALSE(s.Next().has_value());
  clock_.Advance(milliseconds(1));
  EXPECT_TRUE(s.Next().has_value());
  EXPECT_FALSE(s.Next().has_value());
  clock_.Advance(seconds(10));  // a long pause refills only up to the burst
  EXPECT_TRUE(s.Next().has_value());
  EXPECT_TRUE(s.Next().has_value());
  EXPECT_FALSE(s.Next().has_value());
  EXPECT_EQ(s.InFlight(), 5u);
}

TEST_F(SchedulerBackoffTest, AdaptiveDelayFollowsTheResponseTime) {
  SchedulerOptions options = Options();
  options.adaptive_factor = 2;
  auto& s = Make(options);
  AddMany("a.test", 3);
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  const SteadyTime started = clock_.Now();
  clock_.Advance(seconds(3));  // a slow answer
  s.OnFetchFinished("a.test", {started, clock_.Now(), 200, std::nullopt});
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(6));
  EXPECT_EQ(SnapshotOf("a.test").delay_reason, "adaptive");
  EXPECT_DOUBLE_EQ(SnapshotOf("a.test").delay_seconds, 6.0);
  clock_.Set(*s.NextWakeup());
  EXPECT_DOUBLE_EQ(FetchAndWait("a.test", 200), 1.0);  // 100 ms × 2 < min_delay
  EXPECT_EQ(SnapshotOf("a.test").delay_reason, "min-delay");
}

TEST_F(SchedulerBackoffTest, AdaptiveDelayIsOffByDefault) {
  EXPECT_EQ(SchedulerOptions{}.adaptive_factor, 0.0);
  auto& s = Make(Options());
  AddMany("a.test", 2);
  ASSERT_TRUE(s.Next().has_value());
  const SteadyTime started = clock_.Now();
  clock_.Advance(seconds(30));
  s.OnFetchFinished("a.test", {started, clock_.Now(), 200, std::nullopt});
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(1));
}

TEST_F(SchedulerBackoffTest, CrawlDelayAboveMaxIsClampedByDefault) {
  SchedulerOptions options = Options(/*obey_robots=*/true);
  options.max_crawl_delay_seconds = 30;
  auto& s = Make(options);
  AddMany("a.test", 2);
  AnswerNextRobots(RobotsOutcome::Kind::kParsed, "User-agent: *\nCrawl-delay: 100\n", 200);
  EXPECT_EQ(s.NextWakeup(), clock_.Now() + seconds(30));
  const HostSnapshot snap = SnapshotOf("a.test");
  EXPECT_EQ(snap.delay_reason, "crawl-delay");
  EXPECT_DOUBLE_EQ(snap.delay_seconds, 30.0);
  EXPECT_TRUE(snap.parked_reason.empty());
}

TEST_F(SchedulerBackoffTest, CrawlDelayAboveMaxSkipsTheHostWhenConfigured) {
  SchedulerOptions options = Options(/*obey_robots=*/true);
  options.max_crawl_delay_seconds = 30;
  options.crawl_delay_policy = SchedulerOptions::CrawlDelayPolicy::kSkip;
  auto& s = Make(options);
  AddMany("slow.test", 2);
  Add("ok.test", "https://ok.test/1");
  auto d = s.Next();
  ASSERT_TRUE(d.has_value());
  ASSERT_EQ(d->host_key, "slow.test");
  AnswerRobots(*d, RobotsOutcome::Kind::kParsed, "User-agent: *\nCrawl-delay: 100\n", 200);
  EXPECT_EQ(SnapshotOf("slow.test").parked_reason, "crawl-delay 100s above max 30s");
  AnswerNextRobots(RobotsOutcome::Kind::kParsed, "User-agent: *\nCrawl-delay: 30\n", 200);
  EXPECT_TRUE(SnapshotOf("ok.test").parked_reason.empty());  // at the cap is fine
  clock_.Advance(seconds(3600));
  d = s.Next();
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(d->url.url, "https://ok.test/1");
  EXPECT_FALSE(s.Next().has_value());  // never slow.test's pages
  s.OnFetchFinished("ok.test", Feedback(200));
  EXPECT_TRUE(s.Idle());  // a skipped host does not keep the crawl alive
  EXPECT_EQ(SnapshotOf("slow.test").queued_in_memory, 2u);
}

TEST_F(SchedulerBackoffTest, SnapshotReportsRobotsStatesAndIsBounded) {
  auto& s = Make(Options(/*obey_robots=*/true));
  Add("c.test", "https://c.test/1");
  Add("a.test", "https://a.test/1");
  Add("b.test", "https://b.test/1");
  std::vector<HostSnapshot> all = s.Snapshot(10);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].host_key, "a.test");  // by host key
  EXPECT_EQ(all[2].host_key, "c.test");
  EXPECT_EQ(all[0].robots_state, "unknown");
  EXPECT_EQ(all[0].queued_in_memory, 1u);
  EXPECT_EQ(s.Snapshot(2).size(), 2u);

  std::map<std::string, Dispatch> robots;
  while (auto d = s.Next()) robots[d->host_key] = *d;
  ASSERT_EQ(robots.size(), 3u);
  EXPECT_EQ(SnapshotOf("a.test").in_flight, 1u);
  AnswerRobots(robots["a.test"], RobotsOutcome::Kind::kParsed, "User-agent: *\n", 200);
  AnswerRobots(robots["b.test"], RobotsOutcome::Kind::kUnavailable, "", 404);
  EXPECT_EQ(SnapshotOf("a.test").robots_state, "parsed");
  EXPECT_EQ(SnapshotOf("b.test").robots_state, "unavailable (allow all)");
  EXPECT_EQ(SnapshotOf("c.test").robots_state, "fetching");
  EXPECT_EQ(SnapshotOf("b.test").next_allowed, clock_.Now() + seconds(1));
}

}  // namespace
}  // namespace nc
