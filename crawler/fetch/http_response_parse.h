#pragma once
// One HTTP/1.1 response parsed from bytes, with the parser configuration the
// HttpClient uses on the network (header limit, capped body, interim 1xx
// responses skipped). The pure entry point exists for the fuzz target
// tests/fuzz/fuzz_http_response.cc and for tests. Safe from any thread.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc {

// Largest status line plus header fields accepted (bytes).
inline constexpr uint32_t kMaxResponseHeaderBytes = 64 * 1024;

struct ParsedResponse {
  unsigned status = 0;
  std::string raw_headers;   // status line and fields as received, CRLF separated
  std::string content_type;  // "" when absent, likewise below
  std::string content_encoding;
  std::string location;
  std::string retry_after;
  std::string x_robots_tag;  // every X-Robots-Tag value joined with ", "
  std::string etag;           // ETag ("" if absent)
  std::string last_modified;  // Last-Modified ("" if absent)
  std::string body;          // de-chunked, at most max_body bytes
  bool truncated = false;    // the body had more than max_body bytes
  bool keep_alive = false;   // the connection may carry another request
};

// Parses `bytes` as everything the server sent before closing the
// connection. Errors: "http.protocol" (malformed; Beast's message),
// "http.incomplete" (the bytes end inside the response).
Result<ParsedResponse> ParseHttpResponse(std::string_view bytes, uint64_t max_body);

}  // namespace nc
