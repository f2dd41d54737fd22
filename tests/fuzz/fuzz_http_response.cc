// Fuzzes HTTP/1.1 response parsing with the configuration HttpClient uses
// on the network (crawler/fetch/http_response_parse.h): header limit, capped body,
// interim responses. The first byte picks a small body cap so truncation
// paths are reached as often as complete bodies.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "crawler/fetch/http_response_parse.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint64_t max_body = data[0] < 128 ? data[0] : (uint64_t{1} << 20);
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  auto parsed = nc::ParseHttpResponse(bytes, max_body);
  if (parsed.ok()) {
    // The cap holds whatever the input says.
    if (parsed->body.size() > max_body) std::abort();
    if (parsed->truncated && parsed->keep_alive) std::abort();
  } else if (parsed.error().message.empty()) {
    std::abort();
  }
  return 0;
}
