#pragma once
// IoThread: one background thread that runs the observers' file and stderr
// writes (events.jsonl, the status file, progress lines), so the engine's
// network thread never waits on the disk. Measured on the B1-sized crawl
// (tests/bench/README.md, "bench_observe_overhead.sh"): with LMDB's
// fdatasync on the same ext4 file system, an append to events.jsonl waited
// for the journal commit, 2.2 ms per 4 KiB write on average (20 ms at most),
// 3.7 s of a 21 s crawl spent in write(2) on the network thread.
//
// Jobs run one at a time, in the order posted. Memory is bounded: when
// `max_pending` jobs wait (the disk far behind), Post waits for room.
//
// Thread safety: Post and Drain from any thread except the IoThread's own
// (a job must not Post or Drain: Drain would wait for itself).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace nc::observe {

class IoThread {
 public:
  explicit IoThread(size_t max_pending = 256);
  // Runs every job posted, then joins.
  ~IoThread();
  IoThread(const IoThread&) = delete;
  IoThread& operator=(const IoThread&) = delete;

  void Post(std::function<void()> job);
  // Returns once no job waits or runs, so every job posted before the call
  // has run.
  void Drain();

 private:
  void Run();

  const size_t max_pending_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::function<void()>> jobs_;  // guarded by mutex_
  bool running_job_ = false;                // guarded by mutex_
  bool stopping_ = false;                   // guarded by mutex_
  std::thread thread_;                      // last: starts after the fields above
};

}  // namespace nc::observe
