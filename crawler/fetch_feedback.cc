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
  feedback.refused_locally = result.error == FetchError::kPrivateAddress;
  return feedback;
}

}  // namespace nc
