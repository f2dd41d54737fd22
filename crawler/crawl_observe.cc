#include "crawler/crawl_observe.h"

#include "crawler/fetch_feedback.h"

namespace nc {

// The stored reason's name (common/failure_reason.h) when the client gave
// one, so metrics, events and `status --failed` use the same words.
std::string_view FailureKindOf(const FetchResult& result) {
  if (result.reason != FailureReason::kNone) return FailureReasonName(result.reason);
  return FetchErrorName(result.error);
}

std::string FailureTextOf(const FetchResult& result) {
  // The scheduler's wording, so status --hosts, the records and the
  // event log say the same.
  FetchFeedback feedback;
  DescribeFailure(result, feedback);
  return feedback.failure_reason;
}

void ReportPageFetch(observe::CrawlStats& stats, const Dispatch& dispatch,
                     const FetchResult& result) {
  const bool failed = result.error != FetchError::kNone;
  stats.OnPageFetched(dispatch.url.url, dispatch.host_key,
                      failed ? 0 : static_cast<int>(result.http_status), result.body.size(),
                      ToSeconds(result.finished - result.started),
                      failed ? FailureKindOf(result) : std::string_view(),
                      failed ? FailureTextOf(result) : std::string());
}

}  // namespace nc
