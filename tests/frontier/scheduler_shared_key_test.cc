// Several origins under one politeness key (host_key = "domain" or "ip"):
// each origin's robots.txt is fetched before any of its pages, its rules
// apply to its own URLs only, and the key's in-flight limit and delay hold
// across the origins together. Time comes from a ManualClock.
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "frontier/scheduler.h"
#include "tests/frontier/fake_frontier_source.h"

namespace nc {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kKey[] = "lejournal.test";  // what host_key = "domain" gives both hosts
constexpr char kWww[] = "http://www.lejournal.test";
constexpr char kSport[] = "https://sport.lejournal.test:8443";

struct Step {
  Dispatch::Kind kind;
  std::string origin;
  std::string url;
};

TEST(SchedulerSharedKey, EachOriginsRobotsTxtComesFirstAndItsRulesApplyToItsUrlsOnly) {
  ManualClock clock;
  clock.Set(SteadyTime(seconds(1000)));
  FakeFrontierSource source;
  SchedulerOptions options;
  options.min_delay_seconds = 1.0;
  options.max_in_flight_per_host = 1;
  PolitenessScheduler s(options, clock, source);

  // Each origin disallows a path the other allows.
  const std::map<std::string, std::string> robots = {
      {kWww, "User-agent: *\nDisallow: /prive/\n"},
      {kSport, "User-agent: *\nDisallow: /direct/\n"},
  };
  uint64_t seq = 0;
  for (const std::string& url :
       {std::string(kWww) + "/a", std::string(kSport) + "/b", std::string(kWww) + "/prive/c",
        std::string(kSport) + "/prive/d", std::string(kWww) + "/direct/e",
        std::string(kSport) + "/direct/f", std::string(kSport) + "/g"}) {
    QueuedUrl queued{++seq, url, 0, 0};
    source.Add(kKey, queued);
    s.Enqueue(kKey, queued);
  }

  std::vector<Step> steps;
  SteadyTime last_end{};
  for (int guard = 0; !s.Idle() && guard < 200; ++guard) {
    std::optional<Dispatch> d = s.Next();
    if (!d) {
      std::optional<SteadyTime> wakeup = s.NextWakeup();
      ASSERT_TRUE(wakeup.has_value()) << "work left but no wake-up";
      clock.Set(*wakeup);
      continue;
    }
    EXPECT_EQ(d->host_key, kKey);
    steps.push_back({d->kind, d->origin, d->url.url});
    if (d->kind == Dispatch::Kind::kRobotsDenied) {
      source.MarkDone(kKey, d->url.seq);
      continue;
    }
    // One budget for both origins: never two requests at once, and each
    // starts at least min_delay after the previous response, whatever origin.
    EXPECT_EQ(s.InFlight(), 1u);
    EXPECT_FALSE(s.Next().has_value());
    if (last_end != SteadyTime{}) {
      EXPECT_GE(clock.Now() - last_end, seconds(1)) << d->origin;
    }
    FetchFeedback feedback;
    feedback.started = clock.Now();
    clock.Advance(milliseconds(100));
    feedback.finished = clock.Now();
    feedback.http_status = 200;
    if (d->kind == Dispatch::Kind::kFetchRobots) {
      s.OnRobotsFetched(kKey, d->origin, {RobotsOutcome::Kind::kParsed, robots.at(d->origin)},
                        feedback);
    } else {
      source.MarkDone(kKey, d->url.seq);
      s.OnFetchFinished(kKey, feedback);
    }
    last_end = clock.Now();
  }
  ASSERT_TRUE(s.Idle());

  std::map<std::string, size_t> robots_at;
  std::set<std::string> fetched, denied;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    if (step.kind == Dispatch::Kind::kFetchRobots) {
      EXPECT_TRUE(robots_at.emplace(step.origin, i).second) << "robots.txt twice: " << step.origin;
      continue;
    }
    // Pages and denials of an origin only after its own robots.txt.
    ASSERT_TRUE(robots_at.count(step.origin))
        << step.url << " before robots.txt of " << step.origin;
    (step.kind == Dispatch::Kind::kFetchPage ? fetched : denied).insert(step.url);
  }
  EXPECT_EQ(robots_at.size(), 2u);
  EXPECT_EQ(denied, (std::set<std::string>{std::string(kWww) + "/prive/c",
                                           std::string(kSport) + "/direct/f"}));
  EXPECT_EQ(fetched,
            (std::set<std::string>{std::string(kWww) + "/a", std::string(kSport) + "/b",
                                   std::string(kSport) + "/prive/d",
                                   std::string(kWww) + "/direct/e", std::string(kSport) + "/g"}));
}

}  // namespace
}  // namespace nc
