#include "crawler/crawl_engine_options.h"

#include <random>
#include <thread>

namespace nc {

SchedulerOptions MakeSchedulerOptions(const CrawlConfig& c) {
  SchedulerOptions o(c);
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
