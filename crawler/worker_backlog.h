#pragma once
// WorkerBacklog: the fetched bodies handed to the crawl's worker threads and
// not yet processed, bounded in bytes so that a crawl whose workers are its
// bottleneck stops fetching instead of queueing bodies (on B1 with articles
// on, up to ~950 bodies, 37 MB, waited for two workers:
// tests/bench/README.md, "Peak RSS (session 11, branch perfstore)"). The
// byte bound applies only once a floor of pages waits, so that a few large
// bodies never leave a worker with nothing to do.
//
// It also counts, for the end-of-crawl summary and the benchmarks, how often
// and how long the bound held the dispatcher, and how long some worker had
// nothing queued for it (tests/bench/README.md, "Session 12 (branch perfrss)").
//
// Threads: Add and Full on the network thread (the dispatcher), Done on the
// worker threads, counters() on any. When Full() has said true, the Done()
// that brings the backlog under the bound returns true once, and its caller
// wakes the dispatcher; no wake-up is lost between the threads (one mutex
// orders them; it is taken three times per page, never contended for long).

#include <cstddef>
#include <cstdint>
#include <mutex>

#include "common/clock.h"

namespace nc {

class WorkerBacklog {
 public:
  struct Limits {
    size_t bound_bytes = 0;  // no fetch starts while this many bytes wait...
    size_t floor_pages = 0;  // ...and at least this many bodies do
    size_t workers = 1;      // fewer bodies than this waiting: a worker idles
  };
  struct Counters {
    uint64_t holds = 0;           // times Full() stopped a dispatcher that was not stopped
    double held_seconds = 0;      // from each such stop to the Done() that ended it
    uint64_t pages_at_holds = 0;  // bodies waiting at those stops, summed (mean: / holds)
    double starved_seconds = 0;   // time with fewer bodies waiting than workers
    size_t peak_pages = 0;        // most bodies waiting at once
    size_t peak_bytes = 0;
  };

  // `clock` (may be null: no durations) times the counters only.
  explicit WorkerBacklog(Limits limits, const Clock* clock = nullptr);
  explicit WorkerBacklog(size_t bound_bytes) : WorkerBacklog(Limits{.bound_bytes = bound_bytes}) {}

  // A fetched body of `bytes` goes to the workers.
  void Add(size_t bytes);
  // Whether the bound is reached, so no fetch should start now. When true,
  // the Done() that goes under the bound returns true.
  bool Full();
  // A body of `bytes` was processed (its page record built); true when the
  // caller must wake the dispatcher, which waits for this.
  bool Done(size_t bytes);

  size_t bytes() const;
  size_t pages() const;
  Counters counters() const;

 private:
  bool AtBound() const { return bytes_ >= limits_.bound_bytes && pages_ >= limits_.floor_pages; }
  // Accounts the time since the last change to the starved total; mutex_ held.
  void Tick();

  const Limits limits_;
  const Clock* const clock_;
  mutable std::mutex mutex_;
  size_t bytes_ = 0;      // guarded by mutex_
  size_t pages_ = 0;      // guarded by mutex_
  bool waiting_ = false;  // Full() said true and no Done() answered it yet
  SteadyTime held_since_{};
  SteadyTime last_change_{};
  bool started_ = false;  // the first Add starts the starved clock
  Counters counters_;     // guarded by mutex_
};

}  // namespace nc
