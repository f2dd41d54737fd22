#pragma once
// The engine's reports to observe::CrawlStats, kept out of the crawl loop:
// what a finished fetch says about the crawl's health, and the failure
// reason as the metrics, the status page and events.jsonl name it.
// Network thread (as the engine's other calls).

#include <string>
#include <string_view>

#include "crawler/fetch/http_client.h"
#include "crawler/observe/crawl_stats.h"
#include "frontier/scheduler.h"

namespace nc {

// The short name of why a fetch got no response: a metric label
// ("timeout", "dns", "connect", "tls", ...). THE one place that names
// failure kinds for observation: when storage gains a stored failure-reason
// enum (issue 11), this returns its name.
std::string_view FailureKindOf(const FetchResult& result);
// What a person reads about that failure ("connect: connection refused").
std::string FailureTextOf(const FetchResult& result);

// A page fetch of `dispatch` ended with `result` (not cancelled).
void ReportPageFetch(observe::CrawlStats& stats, const Dispatch& dispatch,
                     const FetchResult& result);

}  // namespace nc
