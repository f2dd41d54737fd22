#pragma once
// Removes HTTP Content-Encoding (gzip, x-gzip, deflate as zlib or raw, br,
// identity; stacked encodings in reverse order), every coding under the same
// output bound. Runs on worker threads.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc {

struct DecodedBody {
  std::string bytes;
  bool truncated = false;  // output cut at max_bytes
  // Bytes of the body as received that were decoded to make `bytes`: all
  // of them unless the output was cut at max_bytes, when a bomb has used
  // only its first few KiB. The inflation ratio of what was decoded.
  uint64_t consumed_bytes = 0;
};

// Unknown encodings and corrupt streams are errors ("content: gzip: invalid
// stored block lengths"). `body` is consumed: for identity it is moved, not copied.
Result<DecodedBody> DecodeContent(std::string_view content_encoding, std::string body,
                                  uint64_t max_bytes);
// Same, for a body that the network already cut (FetchResult::truncated): a
// compressed stream that ends early is then decoded as far as it goes and
// marked truncated instead of being an error.
Result<DecodedBody> DecodeContent(std::string_view content_encoding, std::string body,
                                  uint64_t max_bytes, bool input_truncated);

// True when `body` starts with the gzip magic bytes (1f 8b, RFC 1952 2.3.1).
bool HasGzipMagic(std::string_view body);

}  // namespace nc
