#pragma once
// Splits an absolute http(s) URL into what one HTTP/1.1 request needs: where
// to connect, the Host header, the request target and the connection-pool
// key. The crawl engine hands over URLs already normalised by
// frontier/url.h; this parser only has to be strict enough that nothing
// unsafe (CR, LF, spaces, credentials) reaches the request line. Pure.

#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace nc {

struct HttpTarget {
  bool https = false;
  std::string host;         // lower-case; IPv6 literal without brackets
  uint16_t port = 0;        // effective port (80/443 when not written)
  bool host_is_ip = false;  // an address literal: no DNS, no SNI
  std::string host_header;  // host[:port] as sent; port only when not the default
  std::string target;       // path and query, never empty; fragment removed
  std::string origin;       // "scheme://host:port", key of the connection pool
};

// Errors use code "url.invalid" and say what is wrong.
Result<HttpTarget> ParseHttpTarget(std::string_view url);

}  // namespace nc
