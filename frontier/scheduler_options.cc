// SchedulerOptions from CrawlConfig: the one place that maps the user's
// politeness keys to the scheduler's fields, so each default is
// CrawlConfig's alone.
#include <algorithm>

#include "frontier/scheduler.h"

namespace nc {

SchedulerOptions::SchedulerOptions() : SchedulerOptions(CrawlConfig()) {}

SchedulerOptions::SchedulerOptions(const CrawlConfig& config)
    : min_delay_seconds(config.min_delay),
      max_in_flight_per_host(config.max_in_flight_per_host),
      obey_robots(config.obey_robots),
      max_crawl_delay_seconds(config.max_crawl_delay),
      crawl_delay_policy(config.crawl_delay_policy),
      adaptive_factor(config.adaptive_factor),
      backoff_initial_seconds(config.backoff_initial),
      backoff_max_seconds(config.backoff_max),
      park_after_failures(config.park_after_failures),
      park_seconds(config.park_seconds),
      max_retry_after_seconds(config.max_retry_after),
      robots_ttl_seconds(config.robots_ttl),
      robots_max_attempts(config.robots_max_attempts),
      max_requests_per_second(config.max_requests_per_second) {
  // The park period grows while a host keeps failing; keep the default cap
  // unless the first period is already longer.
  max_park_seconds = std::max(max_park_seconds, park_seconds);
}

}  // namespace nc
