#include "crawler/worker_backlog.h"

namespace nc {

bool WorkerBacklog::Full() {
  if (bytes_.load() < bound_) return false;
  waiting_.store(true);
  // A Done() that went under the bound before `waiting_` was set did not
  // see it: look again. Both are sequentially consistent, so either this
  // load sees that Done's bytes or that Done's exchange sees the flag.
  return bytes_.load() >= bound_;
}

bool WorkerBacklog::Done(size_t bytes) {
  const size_t left = bytes_.fetch_sub(bytes) - bytes;
  return left < bound_ && waiting_.exchange(false);
}

}  // namespace nc
