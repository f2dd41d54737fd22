#pragma once
// Which partition a host key belongs to. Every node of a job must compute the
// same answer for ever (the job records the partition count once), so the
// hash is spelled out here (FNV-1a, 64 bit) instead of std::hash, which may
// differ between builds.
//
// Pure: any thread.

#include <cstdint>
#include <string_view>

namespace nc::cluster {

uint64_t StableHash64(std::string_view text);

// Partition of `host_key` among `partitions` (> 0).
uint32_t PartitionOf(std::string_view host_key, uint32_t partitions);

}  // namespace nc::cluster
