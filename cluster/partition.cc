#include "cluster/partition.h"

namespace nc::cluster {

uint64_t StableHash64(std::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

uint32_t PartitionOf(std::string_view host_key, uint32_t partitions) {
  return partitions == 0 ? 0 : static_cast<uint32_t>(StableHash64(host_key) % partitions);
}

}  // namespace nc::cluster
