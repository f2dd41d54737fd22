// Fuzz target for a node's status value (cluster/node_status.h), read from
// the job's KV bucket by `status --cluster`. Checks that a value either
// fails with the node-status error code or decodes to a status that encodes
// and decodes back to itself.
#include <cstdint>
#include <string_view>

#include "cluster/node_status.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view value = nc::fuzz::InputText(data, size);
  auto decoded = nc::cluster::DecodeNodeStatus(value);
  if (!nc::fuzz::DecodedOrFailedWith(decoded, "cluster.bad_node_status")) return 0;
  auto again = nc::cluster::DecodeNodeStatus(nc::cluster::EncodeNodeStatus(*decoded));
  Check(again.ok() && *again == *decoded);
  return 0;
}
