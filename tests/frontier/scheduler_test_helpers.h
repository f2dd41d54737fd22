// Small builders shared by the PolitenessScheduler tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "common/clock.h"
#include "frontier/scheduler.h"
#include "tests/frontier/fake_frontier_source.h"

namespace nc {

// The feedback of a fetch answered with `status` that started 100 ms before
// `clock`'s now and finished now.
inline FetchFeedback FeedbackNow(const Clock& clock, int status,
                                 std::optional<double> retry_after = std::nullopt) {
  FetchFeedback feedback;
  feedback.started = clock.Now() - std::chrono::milliseconds(100);
  feedback.finished = clock.Now();
  feedback.http_status = status;
  feedback.retry_after_seconds = retry_after;
  return feedback;
}

// Options with the round figures the back-off tests compute with: 1 s
// between requests to a host, and a back-off of 2 s doubling up to 600 s,
// drawn with `jitter` (0: exact).
inline SchedulerOptions RoundBackoffOptions(bool obey_robots, double jitter) {
  SchedulerOptions options;
  options.obey_robots = obey_robots;
  options.min_delay_seconds = 1.0;
  options.backoff_initial_seconds = 2.0;
  options.backoff_max_seconds = 600.0;
  options.backoff_jitter = jitter;
  return options;
}

// The scheduler's snapshot of `host`; a test failure when it holds no such host.
inline HostSnapshot SnapshotOf(const PolitenessScheduler& scheduler, const std::string& host) {
  for (HostSnapshot& snap : scheduler.Snapshot(1000)) {
    if (snap.host_key == host) return snap;
  }
  ADD_FAILURE() << host << " not held";
  return {};
}

// What every PolitenessScheduler test holds: a manual clock (its steady time
// starts at `start`, so that times before it stay positive), an in-memory
// store and the scheduler under test. Nothing sleeps.
class SchedulerFixture : public testing::Test {
 protected:
  explicit SchedulerFixture(std::chrono::seconds start = std::chrono::seconds(5000)) {
    clock_.Set(SteadyTime(start));
  }

  PolitenessScheduler& Make(SchedulerOptions options) {
    scheduler_ = std::make_unique<PolitenessScheduler>(std::move(options), clock_, source_);
    return *scheduler_;
  }

  // Commits `url` to the fake store, then tells the scheduler, as the engine does.
  QueuedUrl Add(const std::string& host, const std::string& url) {
    QueuedUrl queued{++seq_, url, 0, 0};
    source_.Add(host, queued);
    scheduler_->Enqueue(host, queued);
    return queued;
  }

  FetchFeedback Feedback(int status, std::optional<double> retry_after = std::nullopt) const {
    return FeedbackNow(clock_, status, retry_after);
  }

  HostSnapshot SnapshotOf(const std::string& host) const {
    return nc::SnapshotOf(*scheduler_, host);
  }

  ManualClock clock_;
  FakeFrontierSource source_;
  std::unique_ptr<PolitenessScheduler> scheduler_;
  uint64_t seq_ = 0;
};

}  // namespace nc
