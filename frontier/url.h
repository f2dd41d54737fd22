#pragma once
// URL parsing, resolution and canonical keys for http(s) URLs. Pure
// functions, safe from any thread. Boost.URL parses IPv6 literals;
// resolution itself is done in url.cc (see why there).
//
// Resolution is the WHATWG URL parser for http and https, so the URL we
// request is the one a browser would: surrounding spaces trimmed,
// tabs/newlines removed, backslashes read as slashes, host lower-cased
// (IDN to Punycode, IPv4 in dotted decimal: "0x7f.1" is 127.0.0.1), default
// port dropped, dot segments removed, and each component percent-encoded
// with its WHATWG set: spaces, controls, non-ASCII and " < > everywhere,
// plus ? ` { } in the path, ' in the query, ` in the fragment. Escapes are
// kept exactly as written, valid or not ("%7E" stays "%7E", "%zz" stays
// "%zz"). Every result is printable ASCII without spaces, so it goes into a
// request line as it is. frontier/README.md lists where we differ from
// WHATWG (urltestdata.json) and why.
//
// On purpose: userinfo ("user:pass@") is dropped (a crawler does not send
// credentials found in pages), one trailing dot of the host is removed, and
// hosts must be DNS names (letters, digits, '-', '_', non-empty labels of
// at most 63 bytes). Non-http(s) results (mailto:, javascript:, ...) and
// invalid hosts or ports are errors with a reason.
//
// Url::spec and the canonical key are not two spellings of one URL: the
// key (spec without fragment and tracking parameters) is what the frontier
// stores, deduplicates and later requests, so it must not decode or re-case
// anything the page wrote.
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
// The crawl key: the URL without fragment and without stripped parameters
// (matched on their decoded names: "utm%5Fsource" is utm_source). It is also
// the URL the crawler requests, so nothing else is changed.
std::string CanonicalKey(const Url& url, const CanonicalOptions& options);
// The politeness key: the lower-case host name.
std::string HostKey(const Url& url);
// scheme://host[:port] with the port only when not the default.
std::string Origin(const Url& url);

}  // namespace nc
