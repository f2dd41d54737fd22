#pragma once
// A node's own counts in its job, kept under `node.NODE` of the job's KV
// bucket for `newscrawl status --cluster` (docs/scale-out.md): one line
// "v1 PULLED ACKED PUBLISHED SEEN_ABSORBED STATE". The value comes from the
// job's bucket, which anyone with the job's credentials can write, so
// decoding treats it as outside input: a bad value is an error for that
// node, never an assertion. Fuzzed by tests/fuzz/fuzz_node_status.cc.
//
// Pure: any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc::cluster {

struct NodeStatus {
  uint64_t pulled = 0;     // URLs pulled from owned partitions
  uint64_t acked = 0;      // of them, acknowledged (fetched and committed, or absorbed)
  uint64_t published = 0;  // URLs this node published to the job (each once per node)
  uint64_t seen_absorbed = 0;  // pulled URLs the seen log showed fetched by an earlier owner
  // "running", "finished" (the job ended), "left" (stopped: SIGINT, error).
  std::string state = "running";
  bool operator==(const NodeStatus&) const = default;
};

// The key of node `node_id` in the job's bucket.
std::string NodeStatusKey(std::string_view node_id);

std::string EncodeNodeStatus(const NodeStatus& status);
Result<NodeStatus> DecodeNodeStatus(std::string_view value);

}  // namespace nc::cluster
