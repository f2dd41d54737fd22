#pragma once
// An indexed binary min-heap of hosts keyed by time: the scheduler's "ready"
// heap (when a host may next be contacted: Mercator's back-queue selector) and
// its "cooling" heap (when an idle host may be forgotten). Each HostState
// keeps its position in a HeapSlot member, so changing a host's time or
// removing it is O(log n) without a search, and the heap holds exactly its
// members (no stale entries). Does not own the hosts. Not thread-safe.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/clock.h"
#include "frontier/host_state.h"

namespace nc {

class HostHeap {
 public:
  // `slot`: which HeapSlot of HostState this heap uses.
  explicit HostHeap(HeapSlot HostState::*slot) : slot_(slot) {}

  bool Contains(const HostState& host) const { return (host.*slot_).index != HeapSlot::kNotInHeap; }
  // Inserts `host` with time `at`, or moves it there. Hosts with equal times
  // come out in the order they were (re)keyed.
  void Set(HostState& host, SteadyTime at);
  void Remove(HostState& host);
  // The host with the earliest time, and that time; the heap must not be empty.
  HostState& Top() const { return *heap_.front(); }
  SteadyTime TopTime() const { return (heap_.front()->*slot_).time; }
  bool empty() const { return heap_.empty(); }
  size_t size() const { return heap_.size(); }

 private:
  bool Before(const HostState& a, const HostState& b) const;
  void Place(size_t index, HostState* host);
  void SiftUp(size_t index);
  void SiftDown(size_t index);

  HeapSlot HostState::*const slot_;
  std::vector<HostState*> heap_;
  uint64_t next_order_ = 0;
};

}  // namespace nc
