#pragma once
// Watch mode's list of watched pages for one run (issue 14): the committed
// state of each (storage::WatchedPage), when it is next due on the steady
// clock, whether a fetch of it is on its way, and how many re-polls this run
// made (watch_cycles). Watched pages are the seeds, section pages, feeds and
// sitemaps, and, with crawl.revisit_articles_after, every article fetched
// while watching: so the list may hold one entry per article, and due pages
// come from a heap (a wake-up costs O(log n) per due page, not a scan).
//
// Pure bookkeeping: the caller passes the clocks' readings, so tests drive
// it with any times. Not thread-safe: the crawl engine's network thread.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "storage/records.h"

namespace nc {

class WatchList {
 public:
  // `cycles`: re-polls of every watched page after which watching ends
  // (crawl.watch_cycles; 0: never).
  explicit WatchList(uint32_t cycles) : cycles_(cycles) {}

  // What a batch of commits changed in this run's re-poll counts.
  struct Polled {
    uint64_t repolls = 0;
    uint64_t not_modified = 0;
  };
  // The committed state of `pages` (a commit's CommitReport::watched, or
  // all of them at start-up), read at `now` / `wall_now_ms`.
  Polled Update(std::vector<storage::WatchedPage> pages, SteadyTime now, int64_t wall_now_ms);

  // Appends to `due` the URLs due at `now`, and marks them awaiting (not
  // due again until a commit updates them); returns when the next page
  // not yet due becomes due.
  std::optional<SteadyTime> TakeDue(SteadyTime now, std::vector<std::string>& due);

  // Whether watching keeps the job alive: a watched page that is not an
  // article still has re-polls to make (articles are re-fetched while the
  // job watches, they do not prolong it).
  bool Continues() const;

  // The committed state of `url`, if watched.
  const storage::WatchedPage* Find(std::string_view url) const;
  size_t size() const { return slots_.size(); }

 private:
  struct Slot {
    storage::WatchedPage page;
    SteadyTime due{};             // page.next_poll_ms on the steady clock
    bool awaiting = false;        // a re-poll or first fetch is queued, not committed
    uint32_t polls_this_run = 0;  // re-polls committed in this run (watch_cycles)
    uint64_t generation = 0;      // which heap entry is this slot's current one
  };
  struct DueEntry {
    SteadyTime due;
    uint64_t generation;
    std::string url;
    bool operator>(const DueEntry& other) const { return due > other.due; }
  };
  bool CyclesDone(const Slot& slot) const { return cycles_ != 0 && slot.polls_this_run >= cycles_; }

  const uint32_t cycles_;
  std::map<std::string, Slot, std::less<>> slots_;
  // One live entry per slot that is not awaiting and has re-polls left;
  // stale entries (an older generation) are dropped when they surface.
  std::priority_queue<DueEntry, std::vector<DueEntry>, std::greater<>> heap_;
  uint64_t next_generation_ = 1;
  // Watched pages that are not articles and have re-polls left this run.
  uint64_t pages_with_cycles_left_ = 0;
};

}  // namespace nc
