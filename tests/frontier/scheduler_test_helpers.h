// Small builders shared by the PolitenessScheduler tests.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <string>

#include "common/clock.h"
#include "frontier/scheduler.h"

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

// The scheduler's snapshot of `host`; a test failure when it holds no such host.
inline HostSnapshot SnapshotOf(const PolitenessScheduler& scheduler, const std::string& host) {
  for (HostSnapshot& snap : scheduler.Snapshot(1000)) {
    if (snap.host_key == host) return snap;
  }
  ADD_FAILURE() << host << " not held";
  return {};
}

}  // namespace nc
