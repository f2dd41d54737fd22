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
// Userinfo ("user:pass@") is parsed as WHATWG does and kept in Url::spec
// (the WHATWG href: percent-encoded with the userinfo set, an empty
// password without its ':', nothing when both are empty), so relative links
// of such a page resolve as in a browser. It is never sent and never
// stored: Url::host and Url::target (the Host header and request line) never
// hold it, CanonicalKey() drops it (`http://a:b@x/` and `http://x/` are one
// key), and whatever else keeps or exports a URL uses the key or
// SpecWithoutUserinfo(). A crawler must not log into accounts with
// credentials it found in someone else's page, nor spread them.
//
// On purpose: one trailing dot of the host is removed, and hosts must be
// DNS names (letters, digits, '-', '_', non-empty labels of at most 63
// bytes). Non-http(s) results (mailto:, javascript:, ...) and invalid hosts
// or ports are errors with a reason.
//
// Url::spec and the canonical key are not two spellings of one URL: the
// key (spec without userinfo, fragment and tracking parameters) is what the
// frontier stores, deduplicates and later requests, so it must not decode
// or re-case anything the page wrote.
//
// Error codes: url.unsupported_scheme, url.not_absolute (ParseUrl without a
// scheme), url.invalid_host, url.invalid_port, url.too_long, url.invalid_base.

#include <cstddef>
#include <cstdint>
#include <optional>
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
  std::string spec;    // the WHATWG href: userinfo and fragment included if any
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

// ResolveUrl for many references against one base (the links of a page):
// the base is read once, not once per link, and ResolveInto reuses the
// output's buffers. Same results as ResolveUrl. `base` must outlive it.
class UrlResolver {
 public:
  explicit UrlResolver(const Url& base);
  Result<Url> Resolve(std::string_view href) const;
  // On error `out` holds nothing meaningful. `out` must not be the base.
  Status ResolveInto(std::string_view href, Url& out) const;
  // The base's spec up to its path ("https://u@x.test:8080"), all that a
  // path-absolute reference ("/a", not "//a") takes from the base; empty
  // when the base is not absolute.
  std::string_view origin_spec() const {
    return valid_ ? std::string_view(base_.spec).substr(0, path_start_) : std::string_view();
  }

 private:
  friend Result<Url> ParseUrl(std::string_view text);
  // `base` null: `input` must be absolute (ParseUrl).
  static Status Resolve(const UrlResolver* base, std::string_view input, Url& url);
  Status BuildRelative(std::string_view ref, Url& url) const;
  // What follows the authority at the start of `rest` (an absolute
  // reference after "scheme://") when it is written as the base's own.
  std::optional<std::string_view> AfterOwnAuthority(std::string_view rest) const;
  // The base's origin, then `after` (what follows an authority: path, query,
  // fragment, each optional).
  Status BuildOnBaseOrigin(std::string_view after, Url& url) const;

  const Url& base_;
  bool valid_ = false;         // an absolute base with a path
  size_t path_start_ = 0;      // base_.spec: end of "scheme://authority"
  size_t path_end_ = 0;        // ... where "?query" or "#fragment" starts
  size_t fragment_start_ = 0;  // ... where "#fragment" starts (the size without one)
  size_t directory_end_ = 0;   // ... the path's last '/'
  // The base's authority as its spec writes it ("www.x.test:8080"), empty
  // when it has userinfo. An absolute href whose authority is written the
  // same way, with the base's scheme, has the base's host and port: most
  // links of a page name its own site, and skip parsing the host again.
  std::string_view authority_;
};
// The crawl key: the URL without userinfo, fragment and stripped parameters
// (matched on their decoded names: "utm%5Fsource" is utm_source). It is also
// the URL the crawler requests, so nothing else is changed.
std::string CanonicalKey(const Url& url, const CanonicalOptions& options);
// Url::spec without "user:pass@" (fragment and query kept): the form of a
// full URL that may be stored or exported (article links, tool output).
std::string SpecWithoutUserinfo(const Url& url);
// The politeness key: the lower-case host name.
std::string HostKey(const Url& url);
// scheme://host[:port] with the port only when not the default.
std::string Origin(const Url& url);

}  // namespace nc
