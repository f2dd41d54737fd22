#pragma once
// URL parsing, resolution and canonical keys for http(s) URLs, on Boost.URL.
// Pure functions, safe from any thread.
//
// Resolution behaves like a browser for http and https (WHATWG URL rules):
// surrounding spaces trimmed, tabs/newlines removed, backslashes read as
// slashes, spaces and non-ASCII percent-encoded, host lower-cased, default
// port dropped, dot segments removed. Non-http(s) results (mailto:,
// javascript:, ...) and invalid hosts or ports are errors with a reason.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace nc {

// An absolute, normalized http or https URL.
struct Url {
  std::string spec;    // full serialization, fragment included if any
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-case ASCII (IPv6 in brackets)
  uint16_t port = 0;   // effective port (80/443 when not written)
  std::string target;  // path + "?query" as sent in the request line, never empty ("/")

  bool https() const { return scheme == "https"; }
};

struct CanonicalOptions {
  // Query parameters removed from canonical keys: exact names, or prefixes
  // when ending in '*'. Default: common tracking parameters.
  std::vector<std::string> strip_params = {"utm_*", "fbclid", "gclid", "mc_cid", "mc_eid",
                                           "_ga",   "yclid",  "msclkid", "igshid"};
  // Sort query parameters by name. Default: false (order kept).
  bool sort_query = false;
};

// Parses an absolute http(s) URL.
Result<Url> ParseUrl(std::string_view text);
// Resolves `href` against `base` (itself absolute, e.g. the page or <base>).
Result<Url> ResolveUrl(const Url& base, std::string_view href);
// The crawl key: the URL without fragment and without stripped parameters.
std::string CanonicalKey(const Url& url, const CanonicalOptions& options);
// The politeness key: the lower-case host name.
std::string HostKey(const Url& url);
// scheme://host[:port] with the port only when not the default.
std::string Origin(const Url& url);

}  // namespace nc
