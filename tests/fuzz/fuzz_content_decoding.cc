// Fuzzes Content-Encoding removal (crawler/extract/content_decoding.h). The first
// byte picks the encoding list (bits 0-2, and bit 4 for the brotli lists) and
// whether the body counts as cut by the network (bit 3); the output cap is
// small so bomb handling is exercised.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "crawler/extract/content_decoding.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  static const char* const kEncodings[] = {
      "gzip",      "deflate", "x-gzip",      "gzip, gzip",  "deflate, gzip",
      "identity",  "",        "br",          "br, gzip",    "gzip, br",
      "br, br",    "BR",      "br, deflate", "deflate, br", "identity, br",
      "x-gzip, br"};
  const char* encoding = kEncodings[(data[0] & 7) | ((data[0] & 0x10) >> 1)];
  const bool input_truncated = (data[0] & 8) != 0;
  constexpr uint64_t kMaxBytes = 256 * 1024;
  std::string body(reinterpret_cast<const char*>(data + 1), size - 1);
  auto decoded = nc::DecodeContent(encoding, std::move(body), kMaxBytes, input_truncated);
  if (decoded.ok() && decoded->bytes.size() > kMaxBytes) std::abort();
  return 0;
}
