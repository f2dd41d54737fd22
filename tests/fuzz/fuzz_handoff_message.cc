// Fuzz target for the URL hand-off message body (cluster/handoff_message.h),
// which arrives from other nodes of a cluster job. Checks that a body either
// fails with the hand-off error code or decodes to a value that encodes and
// decodes back to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cluster/handoff_message.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto decoded = nc::cluster::DecodeHandoffUrl(body);
  if (!decoded.ok()) {
    if (decoded.error().code != "cluster.bad_handoff") std::abort();
    return 0;
  }
  if (decoded->url.size() > nc::cluster::kMaxHandoffUrlBytes) std::abort();
  // Leading zeros ("v1 01 0 ...") decode too, so compare values, not bytes.
  auto again = nc::cluster::DecodeHandoffUrl(nc::cluster::EncodeHandoffUrl(*decoded));
  if (!again.ok() || !(*again == *decoded)) std::abort();
  return 0;
}
