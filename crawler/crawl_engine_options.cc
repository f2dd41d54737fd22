#include "crawler/crawl_engine_options.h"

#include <algorithm>
#include <random>
#include <thread>

#include "common/version.h"

namespace nc {

HttpClientOptions ClientOptions(const CrawlConfig& c) {
  HttpClientOptions o;
  o.user_agent = c.user_agent.empty() ? kDefaultUserAgent : c.user_agent;
  o.connect_timeout_seconds = c.connect_timeout;
  o.read_timeout_seconds = c.read_timeout;
  o.total_timeout_seconds = c.total_timeout;
  o.max_body_bytes = c.max_body_bytes;
  o.ca_file = c.ca_file;
  o.verify_tls = c.verify_tls;
  o.resolve = c.resolve;
  o.allow_private_networks = c.allow_private_networks;
  // 0: twice max_connections, what the former bound (max_connections in
  // flight plus as many idle) allowed. Idle ones may use the whole budget.
  o.max_open_connections = c.max_open_connections != 0 ? c.max_open_connections
                                                       : 2 * static_cast<size_t>(c.max_connections);
  o.max_idle_connections = o.max_open_connections;
  return o;
}

SchedulerOptions MakeSchedulerOptions(const CrawlConfig& c) {
  SchedulerOptions o;
  o.min_delay_seconds = c.min_delay;
  o.max_in_flight_per_host = c.max_in_flight_per_host;
  o.obey_robots = c.obey_robots;
  o.robots_product_token = kRobotsProductToken;
  o.max_crawl_delay_seconds = c.max_crawl_delay;
  o.crawl_delay_policy = c.crawl_delay_policy == "skip"
                             ? SchedulerOptions::CrawlDelayPolicy::kSkip
                             : SchedulerOptions::CrawlDelayPolicy::kClamp;
  o.adaptive_factor = c.adaptive_factor;
  o.backoff_initial_seconds = c.backoff_initial;
  o.backoff_max_seconds = c.backoff_max;
  o.park_after_failures = c.park_after_failures;
  o.park_seconds = c.park_seconds;
  // The park period grows while a host keeps failing; keep the default cap
  // unless the first period is already longer.
  o.max_park_seconds = std::max(o.max_park_seconds, c.park_seconds);
  o.max_retry_after_seconds = c.max_retry_after;
  o.robots_ttl_seconds = c.robots_ttl;
  o.robots_max_attempts = c.robots_max_attempts;
  o.robots_max_wait_seconds = c.robots_max_wait;
  o.max_requests_per_second = c.max_requests_per_second;
  // Real crawls get fresh back-off jitter each run so that many crawlers
  // hitting one failing host do not retry in lock-step.
  o.jitter_seed = std::random_device{}();
  return o;
}

unsigned WorkerCount(const CrawlConfig& c) {
  if (c.parse_threads > 0) return c.parse_threads;
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 ? cores - 1 : 1;
}

}  // namespace nc
