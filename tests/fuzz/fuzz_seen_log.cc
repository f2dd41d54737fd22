// Fuzz target for a seen-log message body (cluster/seen_log.h), which comes
// from the job's subjects. Checks that a body either fails with the
// seen-log error code or decodes to digests that encode back to the same
// bytes.
#include <cstdint>
#include <string_view>

#include "cluster/seen_log.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = nc::fuzz::InputText(data, size);
  auto decoded = nc::cluster::DecodeSeenDigests(body);
  if (!nc::fuzz::DecodedOrFailedWith(decoded, "cluster.bad_seen_log")) return 0;
  Check(nc::cluster::EncodeSeenDigests(*decoded) == body);
  return 0;
}
