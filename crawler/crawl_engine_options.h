#pragma once
// What the engine adds to the options its pieces build from CrawlConfig
// themselves (HttpClientOptions(config), SchedulerOptions(config)): a fresh
// jitter seed per run, and the worker pool size.

#include "config/crawl_config.h"
#include "crawler/fetch/http_client.h"
#include "frontier/scheduler.h"

namespace nc {

// SchedulerOptions(c) with a jitter seed from std::random_device.
SchedulerOptions MakeSchedulerOptions(const CrawlConfig& c);
// parse_threads, or one per core (at least one).
unsigned WorkerCount(const CrawlConfig& c);

}  // namespace nc
