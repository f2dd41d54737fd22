#include "frontier/scheduler_feedback.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nc {
namespace {

std::optional<double> UsableRetryAfter(const FetchFeedback& feedback) {
  if (feedback.http_status != 429 && feedback.http_status != 503) return std::nullopt;
  if (!feedback.retry_after_seconds || !std::isfinite(*feedback.retry_after_seconds)) {
    return std::nullopt;
  }
  return std::max(0.0, *feedback.retry_after_seconds);
}

std::string Describe(const FetchFeedback& feedback, const std::optional<double>& retry_after) {
  if (feedback.http_status == 0) {
    return feedback.failure_reason.empty() ? "network error or timeout" : feedback.failure_reason;
  }
  std::string what = "HTTP " + std::to_string(feedback.http_status);
  if (retry_after) what += " Retry-After " + FormatSeconds(*retry_after) + "s";
  return what;
}

}  // namespace

std::string FormatSeconds(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3g", seconds);
  if (std::fabs(seconds) >= 1000) std::snprintf(buffer, sizeof buffer, "%.0f", seconds);
  return buffer;
}

FetchVerdict JudgePageFetch(const FetchFeedback& feedback) {
  FetchVerdict verdict;
  const int status = feedback.http_status;
  if (feedback.refused_locally) return verdict;
  verdict.failure = status <= 0 || status >= 500 || status == 429;
  if (!verdict.failure) return verdict;
  verdict.retry_after_seconds = UsableRetryAfter(feedback);
  verdict.what = Describe(feedback, verdict.retry_after_seconds);
  return verdict;
}

bool KeepAskingRobots(const SchedulerOptions& options, uint32_t failed_attempts,
                      const FetchFeedback& feedback, double waited_seconds,
                      double next_wait_seconds) {
  using Unreachable = FetchFeedback::Unreachable;
  if (failed_attempts >= options.robots_max_attempts) return false;
  if (feedback.http_status == 0 && feedback.unreachable == Unreachable::kNameDoesNotResolve) {
    return false;
  }
  if (feedback.http_status == 0 && feedback.unreachable == Unreachable::kConnectionRefused &&
      failed_attempts >= std::max<uint32_t>(1, options.refused_attempts)) {
    return false;
  }
  if (options.robots_max_wait_seconds > 0) {
    const double last_attempt = std::max(0.0, ToSeconds(feedback.finished - feedback.started));
    if (waited_seconds + next_wait_seconds + last_attempt > options.robots_max_wait_seconds) {
      return false;
    }
  }
  return true;
}

FetchVerdict JudgeRobotsFetch(RobotsOutcome::Kind outcome, const FetchFeedback& feedback) {
  FetchVerdict verdict;
  verdict.failure = outcome == RobotsOutcome::Kind::kUnreachable;
  if (!verdict.failure) return verdict;
  verdict.retry_after_seconds = UsableRetryAfter(feedback);
  verdict.what = "robots.txt unreachable (" + Describe(feedback, verdict.retry_after_seconds) + ")";
  return verdict;
}

}  // namespace nc
