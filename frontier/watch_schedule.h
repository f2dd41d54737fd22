#pragma once
// Watch mode's revisit policy: the interval of a watched page (a seed, a
// section page, a feed or a sitemap) after each poll. Pure; any thread. The
// store applies it in the write transaction that records the poll
// (storage/watch_writes.h), so the interval and the page commit together.

#include <algorithm>
#include <cstdint>

#include "config/crawl_config.h"

namespace nc {

struct WatchSchedule {
  int64_t initial_ms = 0;  // crawl.watch; 0: not watching (no interval set)
  int64_t min_ms = 0;      // crawl.watch_min_interval (0: initial / 4)
  int64_t max_ms = 0;      // crawl.watch_max_interval (0: initial × 8)
  // crawl.revisit_articles_after; 0: articles are never fetched again (the
  // store does not watch them).
  int64_t article_revisit_ms = 0;

  static WatchSchedule FromConfig(const CrawlConfig& config) {
    WatchSchedule s;
    s.initial_ms = static_cast<int64_t>(config.watch * 1000.0);
    s.min_ms = config.watch_min_interval > 0
                   ? static_cast<int64_t>(config.watch_min_interval * 1000.0)
                   : s.initial_ms / 4;
    s.max_ms = config.watch_max_interval > 0
                   ? static_cast<int64_t>(config.watch_max_interval * 1000.0)
                   : s.initial_ms * 8;
    s.min_ms = std::max<int64_t>(s.min_ms, 1);
    s.max_ms = std::max(s.max_ms, s.min_ms);
    s.article_revisit_ms = static_cast<int64_t>(config.revisit_articles_after * 1000.0);
    return s;
  }

  // The interval after a poll: the first fetch starts at `initial_ms`; then
  // a poll that brought new headlines halves it (news is coming in: look
  // more often), one that brought none grows it by half, within [min, max].
  // current_ms 0: the page was never polled with an interval.
  int64_t Next(int64_t current_ms, uint64_t new_headlines) const {
    int64_t next = initial_ms;
    if (current_ms > 0) next = new_headlines > 0 ? current_ms / 2 : current_ms + current_ms / 2;
    return std::clamp(next, min_ms, max_ms);
  }
};

}  // namespace nc
