#include "cluster/partition_gate.h"

namespace nc::cluster {

PartitionGates::PartitionGates(uint32_t partitions)
    : partitions_(partitions), gates_(std::make_unique<Gate[]>(partitions)) {}

void PartitionGates::Open(uint32_t partition, SteadyTime from, SteadyTime until) {
  if (partition >= partitions_) return;
  Gate& gate = gates_[partition];
  // A reader between the two stores sees either the old window or a mix
  // that is empty or narrower than the new one: never wider than allowed.
  gate.from.store(from.time_since_epoch().count());
  gate.until.store(until.time_since_epoch().count());
}

uint32_t PartitionGates::Close(uint32_t partition) {
  if (partition >= partitions_) return 0;
  Gate& gate = gates_[partition];
  gate.until.store(gate.from.load());  // first: see the header
  return gate.in_flight.load();
}

uint32_t PartitionGates::InFlight(uint32_t partition) const {
  return partition < partitions_ ? gates_[partition].in_flight.load() : 0;
}

bool PartitionGates::IsOpen(uint32_t partition, SteadyTime now) const {
  if (partition >= partitions_) return false;
  const Gate& gate = gates_[partition];
  const Duration::rep at = now.time_since_epoch().count();
  return gate.from.load() <= at && at < gate.until.load();
}

bool PartitionGates::Enter(uint32_t partition, SteadyTime now) {
  if (partition >= partitions_) return false;
  Gate& gate = gates_[partition];
  gate.in_flight.fetch_add(1);  // first: see the header
  if (IsOpen(partition, now)) return true;
  gate.in_flight.fetch_sub(1);
  return false;
}

void PartitionGates::Leave(uint32_t partition) {
  if (partition < partitions_) gates_[partition].in_flight.fetch_sub(1);
}

}  // namespace nc::cluster
