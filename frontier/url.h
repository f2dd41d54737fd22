#pragma once
// URL parsing, resolution and canonical keys for http(s) URLs. Pure
// functions, safe from any thread. Boost.URL parses IPv6 literals and is the
// RFC 3986 grammar every result is checked against (debug builds, tests,
// fuzz_url); resolution itself is done in url.cc (see why there).
//
// Resolution behaves like a browser for http and https (WHATWG URL rules):
// surrounding spaces trimmed, tabs/newlines removed, backslashes read as
// slashes, spaces and non-ASCII percent-encoded, host lower-cased, default
// port dropped, dot segments removed. Non-http(s) results (mailto:,
// javascript:, ...) and invalid hosts or ports are errors with a reason.
//
// Beyond that: percent-encoding is normalized (hex upper-cased, unreserved
// characters decoded, %2F and other reserved ones kept encoded), characters
// RFC 3986 forbids (| ^ " < > { } ` [ ] \ in query...) are percent-encoded so
// every result parses as an RFC 3986 URI, userinfo is dropped (never sent),
// one trailing dot of the host is removed, IPv4 hosts are written in dotted
// decimal (WHATWG rules: "0x7f.1" is 127.0.0.1), IDN hosts become Punycode.
//
// Error codes: url.unsupported_scheme, url.not_absolute (ParseUrl without a
// scheme), url.invalid_host, url.invalid_port, url.too_long, url.invalid_base.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace nc {

// Longest serialized URL accepted (bytes, fragment included); longer ones
// are errors ("url.too_long"): they are almost always crawler traps.
inline constexpr size_t kMaxUrlLength = 8192;

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
