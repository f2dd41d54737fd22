// Fuzz target for the URL hand-off message body (cluster/handoff_message.h),
// which arrives from other nodes of a cluster job. Checks that a body either
// fails with the hand-off error code or decodes to a value that encodes and
// decodes back to itself.
#include <cstdint>
#include <string_view>

#include "cluster/handoff_message.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = nc::fuzz::InputText(data, size);
  auto decoded = nc::cluster::DecodeHandoffUrl(body);
  if (!nc::fuzz::DecodedOrFailedWith(decoded, "cluster.bad_handoff")) return 0;
  Check(decoded->url.size() <= nc::cluster::kMaxHandoffUrlBytes);
  // Leading zeros ("v1 01 0 ...") decode too, so compare values, not bytes.
  auto again = nc::cluster::DecodeHandoffUrl(nc::cluster::EncodeHandoffUrl(*decoded));
  Check(again.ok() && *again == *decoded);
  return 0;
}
