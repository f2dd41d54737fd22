#include "crawler/worker_backlog.h"

#include <algorithm>

namespace nc {

WorkerBacklog::WorkerBacklog(Limits limits, const Clock* clock) : limits_(limits), clock_(clock) {}

void WorkerBacklog::Tick() {
  if (clock_ == nullptr) return;
  const SteadyTime now = clock_->Now();
  if (started_ && pages_ < limits_.workers)
    counters_.starved_seconds += ToSeconds(now - last_change_);
  started_ = true;
  last_change_ = now;
}

void WorkerBacklog::Add(size_t bytes) {
  std::lock_guard lock(mutex_);
  Tick();
  bytes_ += bytes;
  ++pages_;
  counters_.peak_pages = std::max(counters_.peak_pages, pages_);
  counters_.peak_bytes = std::max(counters_.peak_bytes, bytes_);
}

bool WorkerBacklog::Full() {
  std::lock_guard lock(mutex_);
  if (!AtBound()) return false;
  if (!waiting_) {
    waiting_ = true;
    ++counters_.holds;
    counters_.pages_at_holds += pages_;
    if (clock_ != nullptr) held_since_ = clock_->Now();
  }
  return true;
}

bool WorkerBacklog::Done(size_t bytes) {
  std::lock_guard lock(mutex_);
  Tick();
  bytes_ -= std::min(bytes_, bytes);
  if (pages_ > 0) --pages_;
  if (!waiting_ || AtBound()) return false;
  waiting_ = false;
  if (clock_ != nullptr) counters_.held_seconds += ToSeconds(clock_->Now() - held_since_);
  return true;
}

size_t WorkerBacklog::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

size_t WorkerBacklog::pages() const {
  std::lock_guard lock(mutex_);
  return pages_;
}

WorkerBacklog::Counters WorkerBacklog::counters() const {
  std::lock_guard lock(mutex_);
  return counters_;
}

}  // namespace nc
