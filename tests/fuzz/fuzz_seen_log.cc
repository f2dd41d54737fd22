// Fuzz target for a seen-log message body (cluster/seen_log.h), which comes
// from the job's subjects. Checks that a body either fails with the
// seen-log error code or decodes to digests that encode back to the same
// bytes.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "cluster/seen_log.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  auto decoded = nc::cluster::DecodeSeenDigests(body);
  if (!decoded.ok()) {
    if (decoded.error().code != "cluster.bad_seen_log") std::abort();
    return 0;
  }
  if (nc::cluster::EncodeSeenDigests(*decoded) != body) std::abort();
  return 0;
}
