#pragma once
// What the politeness scheduler is told about a finished fetch (page or
// robots.txt): timing, status, Retry-After, and whether the request left
// this machine at all. One mapping from FetchResult for both kinds of fetch.
// Pure; any thread (the engine calls it on the network thread).

#include "common/clock.h"
#include "crawler/fetch/http_client.h"
#include "frontier/scheduler.h"

namespace nc {

// `now_wall_ms` dates a Retry-After given as an HTTP date.
FetchFeedback FeedbackOf(const FetchResult& result, int64_t now_wall_ms);
// Sets refused_locally, unreachable and failure_reason from `result`
// ("dns: name does not resolve", "connect: connection refused", else the
// client's detail).
void DescribeFailure(const FetchResult& result, FetchFeedback& feedback);

}  // namespace nc
