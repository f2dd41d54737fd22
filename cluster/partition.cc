#include "cluster/partition.h"

#include "common/stable_hash.h"

namespace nc::cluster {

uint64_t StableHash64(std::string_view text) { return Fnv1a64(text); }

uint32_t PartitionOf(std::string_view host_key, uint32_t partitions) {
  return partitions == 0 ? 0 : static_cast<uint32_t>(StableHash64(host_key) % partitions);
}

}  // namespace nc::cluster
