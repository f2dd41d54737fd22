#pragma once
// Translation of the user's CrawlConfig into the options of the pieces the
// engine wires together (HTTP client, politeness scheduler, worker pool).

#include "config/crawl_config.h"
#include "crawler/fetch/http_client.h"
#include "frontier/scheduler.h"

namespace nc {

HttpClientOptions ClientOptions(const CrawlConfig& c);
SchedulerOptions MakeSchedulerOptions(const CrawlConfig& c);
// parse_threads, or one less than the cores (at least one).
unsigned WorkerCount(const CrawlConfig& c);

}  // namespace nc
