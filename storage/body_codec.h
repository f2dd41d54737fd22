#pragma once
// Page bodies as zstd frames: how PageRecord::body_zstd is made and read
// back. Any thread: the crawler compresses on its worker threads, readers
// decompress wherever they run; each thread keeps its own zstd contexts.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc::storage {

// One zstd frame (with a content checksum) of `body` at zstd `level`; ""
// for an empty body.
std::string CompressBody(std::string_view body, int level);
// Bodies are capped by the crawler far below this; the cap only stops a
// corrupt or hostile frame from claiming gigabytes of memory.
inline constexpr uint64_t kMaxDecompressedBytes = uint64_t{1} << 30;

// The body of `frame` ("" for ""). Errors: "body.corrupt" (not zstd, a
// damaged or truncated frame, a checksum mismatch), "body.too_large" (more
// than `max_bytes`).
Result<std::string> DecompressBody(std::string_view frame,
                                   uint64_t max_bytes = kMaxDecompressedBytes);

}  // namespace nc::storage
