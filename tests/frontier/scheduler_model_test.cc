// PolitenessScheduler: a randomized model check of the politeness
// invariants (delays, back-off, parking, in-flight and global rate limits,
// robots.txt first, nothing lost). Kept apart from scheduler_test.cc, whose
// tests each check one behaviour by hand, because it is one long test with
// its own model of the scheduler. Time comes from a ManualClock; nothing sleeps.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "frontier/backoff.h"
#include "frontier/scheduler.h"
#include "tests/frontier/fake_frontier_source.h"

namespace nc {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

struct HostPlan {
  std::string key;
  std::string origin;
  RobotsOutcome::Kind robots = RobotsOutcome::Kind::kParsed;
  double crawl_delay = 0;  // 0: none in robots.txt
  bool disallow_private = false;
  bool skipped = false;  // Crawl-delay above the cap under CrawlDelayPolicy::kSkip
};

// Drives the scheduler with random enqueues, dispatches, completions (with
// network errors, 5xx, 429/503 with and without Retry-After) and clock
// moves, against a model of what politeness allows: the model computes a
// lower bound of each host's next allowed time (delay, adaptive delay, the
// smallest jittered back-off, Retry-After, parking). Checks: no request
// starts before it, in-flight never exceeds the limit, the global rate cap
// holds, robots.txt precedes pages of an origin, denials are only of
// disallowed URLs, skipped hosts get no page request, and every other URL
// comes out exactly once — none lost to errors or parking.
void RunModelCheck(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };

  SchedulerOptions options;
  options.min_delay_seconds = std::array{0.0, 0.5, 1.0, 2.0}[pick(4)];
  options.max_in_flight_per_host = 1 + pick(3);
  options.queue_per_host = 1 + pick(4);
  options.max_crawl_delay_seconds = 10;
  options.max_retry_after_seconds = 60;
  options.robots_ttl_seconds = 120;  // robots.txt is fetched again during the run
  options.remembered_hosts = pick(2) == 0 ? 0 : 8;
  options.adaptive_factor = std::array{0.0, 0.0, 0.5, 2.0}[pick(4)];
  options.crawl_delay_policy = pick(2) == 0 ? SchedulerOptions::CrawlDelayPolicy::kClamp
                                            : SchedulerOptions::CrawlDelayPolicy::kSkip;
  options.backoff_initial_seconds = std::array{0.5, 2.0}[pick(2)];
  options.backoff_max_seconds = 20;
  options.backoff_jitter = 0.25;
  options.jitter_seed = seed;
  options.park_after_failures = std::array{0u, 2u, 3u}[pick(3)];
  options.park_seconds = 10;
  options.max_park_seconds = 40;
  options.robots_max_attempts = 1 + pick(3);
  options.max_requests_per_second = std::array{0.0, 0.0, 5.0, 50.0}[pick(4)];
  options.global_burst = 1 + pick(2);
  ManualClock clock;
  clock.Set(SteadyTime(seconds(1'000'000)));
  FakeFrontierSource source;
  PolitenessScheduler s(options, clock, source);
  const JitteredBackoff backoff_bounds(options.backoff_initial_seconds, options.backoff_max_seconds,
                                       options.backoff_jitter, 0);
  const bool skip_policy = options.crawl_delay_policy == SchedulerOptions::CrawlDelayPolicy::kSkip;

  std::vector<HostPlan> plans;
  const int host_count = 3 + pick(15);
  for (int i = 0; i < host_count; ++i) {
    HostPlan plan;
    plan.key = "h" + std::to_string(i) + ".test";
    plan.origin = (i % 3 == 0 ? "http://" : "https://") + plan.key;
    const int kind = pick(10);
    plan.robots = kind == 0   ? RobotsOutcome::Kind::kUnreachable
                  : kind == 1 ? RobotsOutcome::Kind::kUnavailable
                              : RobotsOutcome::Kind::kParsed;
    plan.crawl_delay = std::array{0.0, 0.0, 3.0, 50.0}[pick(4)];
    plan.disallow_private = pick(2) == 0;
    plan.skipped = skip_policy && plan.robots == RobotsOutcome::Kind::kParsed &&
                   plan.crawl_delay > options.max_crawl_delay_seconds;
    plans.push_back(plan);
  }
  auto plan_of = [&](std::string_view key) -> const HostPlan& {
    return *std::find_if(plans.begin(), plans.end(),
                         [&](const HostPlan& p) { return p.key == key; });
  };

  struct HostModel {
    SteadyTime allowed{};  // lower bound of the scheduler's next allowed time
    uint32_t in_flight = 0;
    bool robots_known = false;  // a robots.txt answer was given since the host was created
    uint32_t failures = 0;      // in a row, as the scheduler counts them
    uint32_t times_parked = 0;
    uint32_t robots_failures = 0;  // robots.txt attempts failed in a row
  };
  std::map<std::string, HostModel> model;
  // The scheduler forgets the failure streak of a host it drops from memory.
  auto sync_dropped_hosts = [&] {
    std::set<std::string> held;
    for (const HostSnapshot& snap : s.Snapshot(SIZE_MAX)) held.insert(snap.host_key);
    for (auto& [key, host] : model) {
      if (held.count(key) == 0) host.failures = host.times_parked = host.robots_failures = 0;
    }
  };
  struct Request {
    std::string host;
    std::string origin;
    bool robots;
    SteadyTime started;
    uint64_t seq;
  };
  std::vector<Request> in_flight;
  std::vector<SteadyTime> request_starts;  // for the global rate cap
  const Duration rate_interval = options.max_requests_per_second > 0
                                     ? std::chrono::ceil<Duration>(std::chrono::duration<double>(
                                           1.0 / options.max_requests_per_second))
                                     : Duration::zero();
  std::map<uint64_t, std::string> url_of_seq;
  std::map<uint64_t, std::string> host_of_seq;
  std::map<uint64_t, int> times_out;
  std::vector<std::pair<std::string, QueuedUrl>> announced;  // host, URL
  uint64_t seq = 0;

  // Lower bound of the host's next allowed time after `feedback`; updates the streak.
  auto expected_next = [&](const HostPlan& plan, HostModel& host, bool robots,
                           const FetchFeedback& feedback) {
    double delay = options.min_delay_seconds;
    if (plan.robots == RobotsOutcome::Kind::kParsed) {
      delay = std::max(delay, std::min(plan.crawl_delay, options.max_crawl_delay_seconds));
    }
    delay =
        std::max(delay, options.adaptive_factor * ToSeconds(feedback.finished - feedback.started));
    const int status = feedback.http_status;
    const bool failure = robots ? plan.robots == RobotsOutcome::Kind::kUnreachable
                                : status == 0 || status >= 500 || status == 429;
    SteadyTime next = feedback.finished + FromSeconds(delay);
    // The robots_max_attempts-th failure is the final verdict (disallow
    // all): it neither backs off nor parks, and the failure streak ends.
    const bool final_robots_failure =
        robots && failure && ++host.robots_failures >= options.robots_max_attempts;
    if (robots && (!failure || final_robots_failure)) host.robots_failures = 0;
    if (!failure || final_robots_failure) {
      host.failures = host.times_parked = 0;
      return next;
    }
    ++host.failures;
    if ((status == 429 || status == 503) && feedback.retry_after_seconds) {
      next = std::max(next,
                      feedback.finished + FromSeconds(std::min(*feedback.retry_after_seconds,
                                                               options.max_retry_after_seconds)));
    } else {
      next = feedback.finished + FromSeconds(delay + backoff_bounds.LowerBound(host.failures)) -
             std::chrono::microseconds(1);  // rounding of the jittered sum
    }
    if (options.park_after_failures > 0 && host.failures >= options.park_after_failures) {
      ++host.times_parked;
      next = std::max(next, feedback.finished + FromSeconds(ExponentialSeconds(
                                                    options.park_seconds, options.max_park_seconds,
                                                    host.times_parked)));
    }
    return next;
  };

  auto drain = [&] {
    while (auto d = s.Next()) {
      const HostPlan& plan = plan_of(d->host_key);
      HostModel& host = model[d->host_key];
      EXPECT_EQ(d->origin, plan.origin);
      if (d->kind == Dispatch::Kind::kRobotsDenied) {
        const bool private_path = d->url.url.find("/private/") != std::string::npos;
        const bool should_deny =
            plan.robots == RobotsOutcome::Kind::kUnreachable ||
            (plan.robots == RobotsOutcome::Kind::kParsed && plan.disallow_private && private_path);
        EXPECT_TRUE(should_deny) << d->url.url;
        ++times_out[d->url.seq];
        source.MarkDone(d->host_key, d->url.seq);
        continue;
      }
      ASSERT_GE(clock.Now(), host.allowed) << "request to " << d->host_key << " too early";
      ASSERT_LT(host.in_flight, options.max_in_flight_per_host) << d->host_key;
      request_starts.push_back(clock.Now());
      const size_t burst = options.global_burst;
      if (rate_interval > Duration::zero() && request_starts.size() > burst) {
        ASSERT_GE(request_starts.back() - request_starts[request_starts.size() - 1 - burst],
                  rate_interval)
            << "global rate cap exceeded";
      }
      ++host.in_flight;
      const bool robots = d->kind == Dispatch::Kind::kFetchRobots;
      if (!robots) {
        EXPECT_TRUE(host.robots_known || !options.obey_robots) << d->url.url;
        EXPECT_FALSE(plan.skipped) << "page of a skipped host " << d->url.url;
        const bool private_path = d->url.url.find("/private/") != std::string::npos;
        EXPECT_FALSE(
            plan.robots == RobotsOutcome::Kind::kUnreachable ||
            (plan.robots == RobotsOutcome::Kind::kParsed && plan.disallow_private && private_path))
            << "fetched a disallowed URL " << d->url.url;
        EXPECT_EQ(url_of_seq[d->url.seq], d->url.url);
        ++times_out[d->url.seq];
      }
      in_flight.push_back({d->host_key, d->origin, robots, clock.Now(), d->url.seq});
    }
    sync_dropped_hosts();
  };

  auto complete = [&](size_t index) {
    const Request request = in_flight[index];
    in_flight.erase(in_flight.begin() + static_cast<ptrdiff_t>(index));
    const HostPlan& plan = plan_of(request.host);
    HostModel& host = model[request.host];
    FetchFeedback feedback;
    feedback.started = request.started;
    feedback.finished = clock.Now();
    feedback.http_status = std::array{200, 200, 200, 404, 500, 503, 429, 0}[pick(8)];
    if (pick(2) == 0) feedback.retry_after_seconds = std::array{0.0, 5.0, 30.0, 1e6}[pick(4)];
    if (request.robots) {  // statuses as the engine reports them for each outcome
      feedback.http_status = plan.robots == RobotsOutcome::Kind::kParsed        ? 200
                             : plan.robots == RobotsOutcome::Kind::kUnavailable ? 404
                                                                                : 503;
    }
    --host.in_flight;
    host.allowed = std::max(host.allowed, expected_next(plan, host, request.robots, feedback));
    if (request.robots) {
      host.robots_known = true;
      std::string body = "User-agent: *\n";
      if (plan.crawl_delay > 0) body += "Crawl-delay: " + std::to_string(plan.crawl_delay) + "\n";
      if (plan.disallow_private) body += "Disallow: /private/\n";
      s.OnRobotsFetched(request.host, request.origin, {plan.robots, body}, feedback);
    } else {
      source.MarkDone(request.host, request.seq);  // the engine commits the page first
      s.OnFetchFinished(request.host, feedback);
    }
    sync_dropped_hosts();
  };

  for (int step = 0; step < 600; ++step) {
    switch (pick(6)) {
      case 0:
      case 1: {
        const HostPlan& plan = plans[pick(host_count)];
        QueuedUrl url{
            ++seq, plan.origin + (pick(3) == 0 ? "/private/" : "/p/") + std::to_string(seq), 0, 0};
        url_of_seq[url.seq] = url.url;
        host_of_seq[url.seq] = plan.key;
        source.Add(plan.key, url);
        s.Enqueue(plan.key, url);
        announced.emplace_back(plan.key, url);
        if (pick(5) == 0) {  // a stale announcement must be ignored
          const auto& [old_host, old_url] = announced[pick(static_cast<int>(announced.size()))];
          s.Enqueue(old_host, old_url);
        }
        sync_dropped_hosts();
        break;
      }
      case 2:
        drain();
        break;
      case 3:
      case 4:
        if (!in_flight.empty()) complete(pick(static_cast<int>(in_flight.size())));
        break;
      case 5:
        clock.Advance(milliseconds(pick(3000)));
        break;
    }
    if (testing::Test::HasFatalFailure()) return;
    ASSERT_EQ(s.InFlight(), in_flight.size());
  }

  // Run to completion: answer everything, move the clock to each wakeup.
  for (int round = 0; round < 100'000 && !s.Idle(); ++round) {
    drain();
    if (testing::Test::HasFatalFailure()) return;
    while (!in_flight.empty()) complete(0);
    drain();
    if (testing::Test::HasFatalFailure()) return;
    if (in_flight.empty() && !s.Idle()) {
      const auto wakeup = s.NextWakeup();
      ASSERT_TRUE(wakeup.has_value()) << "not idle, nothing in flight, and no wakeup";
      clock.Set(std::max(clock.Now(), *wakeup));
    }
  }
  ASSERT_TRUE(s.Idle());
  clock.Advance(seconds(3600));  // past every delay and park: idle hosts are forgotten
  EXPECT_FALSE(s.Next().has_value());
  // Only skipped hosts with URLs stay, parked, their URLs still in the store.
  size_t skipped_with_work = 0;
  for (const HostPlan& plan : plans) {
    if (plan.skipped && source.PendingCount(plan.key) > 0) ++skipped_with_work;
  }
  EXPECT_EQ(s.HostCount(), skipped_with_work);
  for (const HostSnapshot& snap : s.Snapshot(SIZE_MAX)) {
    EXPECT_NE(snap.parked_reason.find("crawl-delay 50s above max 10s"), std::string::npos)
        << snap.host_key << ": " << snap.parked_reason;
  }
  EXPECT_TRUE(s.errors().empty());
  for (const auto& [url_seq, url] : url_of_seq) {
    EXPECT_EQ(times_out[url_seq], plan_of(host_of_seq[url_seq]).skipped ? 0 : 1) << url;
  }
}

TEST(SchedulerModelTest, PolitenessInvariantsHoldForRandomRuns) {
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    RunModelCheck(seed);
    if (testing::Test::HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace nc
