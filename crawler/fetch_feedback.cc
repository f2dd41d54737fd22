#include "crawler/fetch_feedback.h"

#include "crawler/fetch/retry_after.h"

namespace nc {

FetchFeedback FeedbackOf(const FetchResult& result, int64_t now_wall_ms) {
  FetchFeedback feedback;
  feedback.started = result.started;
  feedback.finished = result.finished;
  feedback.http_status = static_cast<int>(result.http_status);
  if (result.http_status == 429 || result.http_status == 503) {
    feedback.retry_after_seconds = ParseRetryAfter(result.retry_after, now_wall_ms);
  }
  DescribeFailure(result, feedback);
  return feedback;
}

void DescribeFailure(const FetchResult& result, FetchFeedback& feedback) {
  feedback.refused_locally = result.error == FetchError::kPrivateAddress;
  if (result.error == FetchError::kNone) return;
  feedback.failure = result.reason;
  switch (result.host_failure) {
    case HostFailure::kNameDoesNotResolve:
      feedback.unreachable = FetchFeedback::Unreachable::kNameDoesNotResolve;
      feedback.failure_reason = "dns: name does not resolve";
      return;
    case HostFailure::kConnectionRefused:
      feedback.unreachable = FetchFeedback::Unreachable::kConnectionRefused;
      feedback.failure_reason = "connect: connection refused";
      return;
    case HostFailure::kNone:
      break;
  }
  feedback.failure_reason = result.error_detail.empty() ? FetchErrorName(result.error)
                                                        : result.error_detail;
}

}  // namespace nc
