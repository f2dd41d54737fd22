#pragma once
// WorkerBacklog: the bytes of fetched bodies handed to the crawl's worker
// threads and not yet processed, bounded so that a crawl whose workers are
// its bottleneck stops fetching instead of queueing bodies (on B1 with
// articles on, up to ~950 bodies, 37 MB, waited for two workers:
// tests/bench/README.md, "Peak RSS (session 11, branch perfstore)").
//
// Threads: Add and Full on the network thread (the dispatcher), Done on the
// worker threads. When Full() has said true, the Done() that brings the
// bytes under the bound returns true once, and its caller wakes the
// dispatcher; no wake-up is lost between the two threads. (A Done() may
// also ask for one after a Full() that looked twice and said false: an
// extra wake-up of the dispatcher, which only looks again.)

#include <atomic>
#include <cstddef>

namespace nc {

class WorkerBacklog {
 public:
  explicit WorkerBacklog(size_t bound_bytes) : bound_(bound_bytes) {}

  // A fetched body of `bytes` goes to the workers.
  void Add(size_t bytes) { bytes_ += bytes; }
  // Whether the bound is reached, so no fetch should start now. When true,
  // the Done() that goes under the bound returns true.
  bool Full();
  // A body of `bytes` was processed (its page record built); true when the
  // caller must wake the dispatcher, which waits for this.
  bool Done(size_t bytes);

  size_t bytes() const { return bytes_.load(); }

 private:
  const size_t bound_;
  std::atomic<size_t> bytes_{0};
  std::atomic<bool> waiting_{false};  // Full() said true and no Done() answered it yet
};

}  // namespace nc
