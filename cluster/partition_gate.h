#pragma once
// PartitionGates: whether this node may start a request to a host of a
// partition at this moment, shared between the node's cluster loop, which
// opens and closes each partition's gate as its lease is taken, renewed,
// drained, released or lost, and the crawl engine's network thread, which
// asks at the moment each request would start (docs/scale-out.md, "Leases"
// and "The engine's cluster mode"). A partition's hosts may be fetched by
// another node from its release on, whatever this node's scheduler still
// holds (a resumed store's queue, a URL pulled before the release), so the
// check is per request, not per URL handed over.
//
// Per partition, the window of its lease in which requests may start
// ([from, until) on the steady clock: after the takeover delay, before the
// lease's last request deadline) and the count of requests started and not
// ended. Enter() counts the request first and then reads the window;
// Close() shuts the window first and then reads the count. With
// sequentially consistent atomics one of them sees the other: either
// Enter() fails, or Close()'s caller sees the request in flight and waits
// for it to end before it gives the lease up.
//
// Threads: any; lock-free.

#include <atomic>
#include <cstdint>
#include <memory>

#include "common/clock.h"

namespace nc::cluster {

class PartitionGates {
 public:
  // Every gate starts closed.
  explicit PartitionGates(uint32_t partitions);

  uint32_t partitions() const { return partitions_; }

  // Requests to the partition's hosts may start in [from, until). The
  // cluster loop, when the lease is taken or renewed.
  void Open(uint32_t partition, SteadyTime from, SteadyTime until);
  // No request to the partition's hosts starts from now on. Returns the
  // requests still in flight: the lease may be given up once that is 0.
  uint32_t Close(uint32_t partition);
  uint32_t InFlight(uint32_t partition) const;
  bool IsOpen(uint32_t partition, SteadyTime now) const;

  // The engine, at the moment a request would start: true, counting it in
  // flight until Leave(), when `now` is in the partition's window; false
  // (nothing counted) otherwise, or for a partition out of range.
  bool Enter(uint32_t partition, SteadyTime now);
  // The request Enter() counted has ended (its response is in, or it failed).
  void Leave(uint32_t partition);

 private:
  struct Gate {
    std::atomic<Duration::rep> from{0};
    std::atomic<Duration::rep> until{0};  // until <= from: closed
    std::atomic<uint32_t> in_flight{0};
  };
  const uint32_t partitions_;
  std::unique_ptr<Gate[]> gates_;
};

}  // namespace nc::cluster
