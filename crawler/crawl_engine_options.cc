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
  // One per core, not one per core minus the network thread's: the network
  // and writer threads wait more than they run, and on B1 (2 cores, articles
  // on) two workers took the crawl from 19.9 to 14.0 s (medians of 3
  // alternating runs) at no more CPU per page (tests/bench/README.md, session 9).
  const unsigned cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

}  // namespace nc
