#include "frontier/host_heap.h"

namespace nc {

bool HostHeap::Before(const HostState& a, const HostState& b) const {
  const HeapSlot& x = a.*slot_;
  const HeapSlot& y = b.*slot_;
  if (x.time != y.time) return x.time < y.time;
  return x.order < y.order;
}

void HostHeap::Place(size_t index, HostState* host) {
  heap_[index] = host;
  (host->*slot_).index = index;
}

void HostHeap::Set(HostState& host, SteadyTime at) {
  HeapSlot& slot = host.*slot_;
  if (Contains(host) && slot.time == at) return;  // keep its place among equals
  slot.time = at;
  slot.order = next_order_++;
  if (!Contains(host)) {
    heap_.push_back(&host);
    slot.index = heap_.size() - 1;
  }
  SiftUp(slot.index);
  SiftDown(slot.index);
}

void HostHeap::Remove(HostState& host) {
  if (!Contains(host)) return;
  const size_t index = (host.*slot_).index;
  HostState* last = heap_.back();
  heap_.pop_back();
  (host.*slot_).index = HeapSlot::kNotInHeap;
  if (last == &host) return;
  Place(index, last);
  SiftUp(index);
  SiftDown((last->*slot_).index);
}

void HostHeap::SiftUp(size_t index) {
  HostState* host = heap_[index];
  while (index > 0) {
    const size_t parent = (index - 1) / 2;
    if (!Before(*host, *heap_[parent])) break;
    Place(index, heap_[parent]);
    index = parent;
  }
  Place(index, host);
}

void HostHeap::SiftDown(size_t index) {
  HostState* host = heap_[index];
  const size_t n = heap_.size();
  while (true) {
    size_t child = 2 * index + 1;
    if (child >= n) break;
    if (child + 1 < n && Before(*heap_[child + 1], *heap_[child])) ++child;
    if (!Before(*heap_[child], *host)) break;
    Place(index, heap_[child]);
    index = child;
  }
  Place(index, host);
}

}  // namespace nc
