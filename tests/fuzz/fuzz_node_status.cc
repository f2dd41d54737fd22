// Fuzz target for a node's status value (cluster/node_status.h), read from
// the job's KV bucket by `status --cluster`. Checks that a value either
// fails with the node-status error code or decodes to a status that encodes
// and decodes back to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cluster/node_status.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view value(reinterpret_cast<const char*>(data), size);
  auto decoded = nc::cluster::DecodeNodeStatus(value);
  if (!decoded.ok()) {
    if (decoded.error().code != "cluster.bad_node_status") std::abort();
    return 0;
  }
  auto again = nc::cluster::DecodeNodeStatus(nc::cluster::EncodeNodeStatus(*decoded));
  if (!again.ok() || !(*again == *decoded)) std::abort();
  return 0;
}
