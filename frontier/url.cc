#include "frontier/url.h"

#include <algorithm>
#include <array>
#include <cassert>
#include <optional>

#include "common/ascii.h"
#include "common/url_parts.h"
#include "frontier/url_bytes.h"
#include "frontier/url_host.h"

// Why not boost::urls::resolve / normalize: in Boost 1.81 they keep a leading
// "../" above the root ("http://a/b/../../g" -> "http://a/../g"), decode %2F
// into "/" while normalizing paths, and keep the base fragment for "?q"
// references; and RFC 3986 itself rejects what browsers send ("%zz", "|"
// in a path, "{" in a query). So resolution (the WHATWG URL parser for
// http(s), in one pass that writes the final string) is done here;
// Boost.URL parses IPv6 literals (url_host.cc).

namespace nc {
namespace {

// The byte classes and host parsing this file shares with url_host.cc.
using namespace url_detail;
using ascii::EqualsIgnoreCase;

// Appends `in` with every byte outside `allowed` written as %XX (upper-case
// hex, as WHATWG does). Nothing is decoded and '%' is always allowed, so
// "%7E", "%7e" and "%zz" reach the request line as the page wrote them.
void AppendEncoded(std::string& out, std::string_view in, uint8_t allowed) {
  const char* p = in.data();
  const char* end = p + in.size();
  while (p < end) {
    const char* run = p;
    while (p < end && Is(*p, allowed)) ++p;
    out.append(run, p);
    if (p == end) break;
    const auto b = static_cast<unsigned char>(*p);
    const char triplet[3] = {'%', kHexUpper[b >> 4], kHexUpper[b & 15]};
    out.append(triplet, 3);
    ++p;
  }
}

bool IsSingleDot(std::string_view s) {
  return s == "." || (s.size() == 3 && s[0] == '%' && s[1] == '2' && (s[2] | 0x20) == 'e');
}
bool IsDoubleDot(std::string_view s) {
  if (s == "..") return true;
  if (s.size() == 4)
    return (IsSingleDot(s.substr(0, 1)) && IsSingleDot(s.substr(1))) ||
           (IsSingleDot(s.substr(0, 3)) && s[3] == '.');
  return s.size() == 6 && IsSingleDot(s.substr(0, 3)) && IsSingleDot(s.substr(3));
}

// True when `rest` (a path after its leading slash) would come out of
// AppendSegments as written: every byte a path byte other than '\\', and no
// segment starting with '.' or '%' (so none is a dot segment, written or
// escaped). Most hrefs of a page are such paths ("/sport/2026/article.html").
bool IsPlainPath(std::string_view rest) {
  bool segment_start = true;
  for (const char c : rest) {
    if (!Is(c, kPathChar) || c == '\\') return false;
    if (segment_start && (c == '.' || c == '%')) return false;
    segment_start = c == '/';
  }
  return true;
}

// Appends the segments of `rest` (the path after its leading slash, segments
// separated by '/' or '\') to the path that starts at out[path_start],
// applying "." and ".." as the WHATWG path state does (a final dot segment
// leaves a trailing slash; ".." never climbs above the root).
void AppendSegments(std::string& out, size_t path_start, std::string_view rest) {
  if (IsPlainPath(rest)) {  // the common case, in one append
    out.push_back('/');
    out.append(rest);
    return;
  }
  size_t i = 0;
  for (;;) {
    size_t j = i;
    while (j < rest.size() && !IsSlash(rest[j])) ++j;
    const std::string_view segment = rest.substr(i, j - i);
    const bool last = j >= rest.size();
    if (IsDoubleDot(segment)) {
      if (out.size() > path_start) out.resize(out.rfind('/'));
      if (last) out.push_back('/');
    } else if (IsSingleDot(segment)) {
      if (last) out.push_back('/');
    } else {
      out.push_back('/');
      AppendEncoded(out, segment, kPathChar);
    }
    if (last) break;
    i = j + 1;
  }
  if (out.size() == path_start) out.push_back('/');
}

// Appends "?query#fragment" (each optional, `tail` starting with '?' or '#'
// or empty).
void AppendQueryAndFragment(std::string& out, std::string_view tail) {
  if (!tail.empty() && tail[0] == '?') {
    const size_t hash = tail.find('#');
    out.push_back('?');
    AppendEncoded(out, tail.substr(1, hash == std::string_view::npos ? tail.npos : hash - 1),
                  kQueryChar);
    tail = hash == std::string_view::npos ? std::string_view() : tail.substr(hash);
  }
  if (!tail.empty()) {  // starts with '#'; a later '#' is kept, as WHATWG does
    out.push_back('#');
    AppendEncoded(out, tail.substr(1), kFragmentChar);
  }
}

// Splits "path?query#fragment" where the path ends at the first '?' or '#'.
size_t PathEnd(std::string_view s) {
  // A plain loop: libstdc++'s find_first_of calls memchr once per byte.
  size_t i = 0;
  while (i < s.size() && !Is(s[i], kPathEndChar)) ++i;
  return i;
}


// Appends the userinfo of an authority (what comes before its last '@') as
// WHATWG serializes it: the first ':' splits username from password, each
// percent-encoded with the userinfo set (so an earlier '@' is "%40", a later
// ':' "%3A"); an empty password drops its ':', and nothing at all is written
// (not even the '@') when both are empty.
void AppendUserinfo(std::string& out, std::string_view userinfo) {
  const size_t colon = userinfo.find(':');
  const std::string_view username = userinfo.substr(0, colon);
  const std::string_view password =
      colon == std::string_view::npos ? std::string_view() : userinfo.substr(colon + 1);
  if (username.empty() && password.empty()) return;
  AppendEncoded(out, username, kUserinfoChar);
  if (!password.empty()) {
    out.push_back(':');
    AppendEncoded(out, password, kUserinfoChar);
  }
  out.push_back('@');
}

// Parses "[userinfo@]host[:port]". Writes the raw userinfo (empty when there
// is none; kept in the spec, never sent: see CanonicalKey), the canonical
// host and the effective port.
Status ParseAuthority(std::string_view authority, bool https, std::string_view& userinfo,
                      std::string& host, uint16_t& port) {
  userinfo = {};
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) {
    userinfo = authority.substr(0, at);
    authority.remove_prefix(at + 1);
  }
  std::string_view raw_host = authority;
  std::string_view raw_port;
  bool has_port = false;
  if (!authority.empty() && authority[0] == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      return UrlError("url.invalid_host", "unterminated IPv6 literal " + Quote(authority));
    }
    raw_host = authority.substr(0, close + 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':')
        return UrlError("url.invalid_host", "junk after IPv6 literal " + Quote(authority));
      raw_port = after.substr(1);
      has_port = true;
    }
  } else if (const size_t colon = authority.find(':'); colon != std::string_view::npos) {
    raw_host = authority.substr(0, colon);
    raw_port = authority.substr(colon + 1);
    has_port = true;
  }
  port = https ? 443 : 80;
  if (has_port && !raw_port.empty()) {
    uint32_t value = 0;
    for (char c : raw_port) {
      if (c < '0' || c > '9')
        return UrlError("url.invalid_port", "port " + Quote(raw_port) + " is not a number");
      value = value * 10 + static_cast<uint32_t>(c - '0');
      if (value > 65535)
        return UrlError("url.invalid_port", "port " + Quote(raw_port) + " is above 65535");
    }
    port = static_cast<uint16_t>(value);
  }
  return CanonicalizeHost(raw_host, host);
}

// Scheme at the start of `s` ("http" in "http:..."), or empty.
std::string_view SchemeOf(std::string_view s) {
  if (s.empty() || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z')) return {};
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == ':') return s.substr(0, i);
    if (!Is(s[i], kSchemeChar)) return {};
  }
  return {};
}

// Removes what browsers ignore: leading/trailing C0 controls and spaces, and
// tabs and newlines anywhere. Returns a view of `input` when nothing inside
// needs removing, else of `scratch`.
std::string_view Preprocess(std::string_view input, std::string& scratch) {
  while (!input.empty() && static_cast<unsigned char>(input.front()) <= 0x20)
    input.remove_prefix(1);
  while (!input.empty() && static_cast<unsigned char>(input.back()) <= 0x20) input.remove_suffix(1);
  if (std::none_of(input.begin(), input.end(),
                   [](char c) { return c == '\t' || c == '\n' || c == '\r'; })) {
    return input;
  }
  scratch.clear();
  for (char c : input) {
    if (c != '\t' && c != '\n' && c != '\r') scratch.push_back(c);
  }
  return scratch;
}

// Where the path starts in a normalized spec: the end of its origin.
size_t PathStart(const Url& url) { return SplitUrl(url.spec).origin.size(); }

// `url.spec` is built: checks its length and derives the request target.
Status Finish(Url& url, size_t path_start) {
  if (url.spec.size() > kMaxUrlLength) {
    return UrlError("url.too_long", "URL longer than " + std::to_string(kMaxUrlLength) + " bytes");
  }
  // The builder only emits printable ASCII (everything else is
  // percent-encoded), so the spec can go into a request line as it is.
  assert(
      std::all_of(url.spec.begin(), url.spec.end(), [](char c) { return c > 0x20 && c < 0x7f; }));
  const size_t hash = url.spec.find('#', path_start);
  url.target.assign(url.spec, path_start,
                    (hash == std::string::npos ? url.spec.size() : hash) - path_start);
  return Status::Ok();
}

// Where the authority at the start of `rest` ends: at a slash, '?' or '#'.
size_t AuthorityEnd(std::string_view rest) {
  size_t end = 0;
  while (end < rest.size() && !IsSlash(rest[end]) && rest[end] != '?' && rest[end] != '#') ++end;
  return end;
}

// Everything after the scheme for an absolute or scheme-relative reference:
// `rest` starts at the authority (leading slashes already skipped). Writes
// into `url`, whose buffers are reused.
Status BuildAbsolute(std::string_view scheme, std::string_view rest, size_t length_hint, Url& url) {
  url.scheme = scheme;
  const size_t authority_end = AuthorityEnd(rest);
  std::string_view userinfo;
  if (Status s = ParseAuthority(rest.substr(0, authority_end), url.https(), userinfo, url.host,
                                url.port);
      !s.ok()) {
    return s;
  }
  url.spec.clear();
  url.spec.reserve(length_hint + 16);
  url.spec.append(url.scheme).append("://");
  AppendUserinfo(url.spec, userinfo);
  url.spec.append(url.host);
  if (url.port != (url.https() ? 443 : 80)) url.spec.append(":").append(std::to_string(url.port));
  const size_t path_start = url.spec.size();
  const std::string_view after = rest.substr(authority_end);
  const size_t path_end = PathEnd(after);
  const std::string_view path = after.substr(0, path_end);
  AppendSegments(url.spec, path_start, path.empty() ? path : path.substr(1));
  AppendQueryAndFragment(url.spec, after.substr(path_end));
  return Finish(url, path_start);
}

}  // namespace

// What relative references need of the base, found once per base.
UrlResolver::UrlResolver(const Url& base) : base_(base) {
  path_start_ = PathStart(base);
  valid_ = path_start_ < base.spec.size() && !base.scheme.empty();
  if (!valid_) return;
  const std::string_view spec = base.spec;
  path_end_ = path_start_ + PathEnd(spec.substr(path_start_));
  const size_t hash = spec.find('#', path_end_);
  fragment_start_ = hash == std::string_view::npos ? spec.size() : hash;
  directory_end_ = spec.rfind('/', path_end_ - 1);
  const size_t authority_start = base.scheme.size() + 3;  // "scheme://"
  if (authority_start <= path_start_) {
    authority_ = spec.substr(authority_start, path_start_ - authority_start);
    if (authority_.find('@') != std::string_view::npos) authority_ = {};
  }
}

std::optional<std::string_view> UrlResolver::AfterOwnAuthority(std::string_view rest) const {
  if (!valid_ || authority_.empty()) return std::nullopt;
  const size_t end = AuthorityEnd(rest);
  if (rest.substr(0, end) != authority_) return std::nullopt;
  return rest.substr(end);
}

Status UrlResolver::BuildOnBaseOrigin(std::string_view after, Url& url) const {
  url.scheme = base_.scheme;
  url.host = base_.host;
  url.port = base_.port;
  url.spec.clear();
  url.spec.reserve(path_start_ + after.size() + 16);
  url.spec.append(std::string_view(base_.spec).substr(0, path_start_));
  const size_t path_end = PathEnd(after);
  const std::string_view path = after.substr(0, path_end);
  AppendSegments(url.spec, path_start_, path.empty() ? path : path.substr(1));
  AppendQueryAndFragment(url.spec, after.substr(path_end));
  return Finish(url, path_start_);
}

Status UrlResolver::BuildRelative(std::string_view ref, Url& url) const {
  if (!valid_) {
    return UrlError("url.invalid_base", "base URL " + Quote(base_.spec) + " is not absolute");
  }
  if (!ref.empty() && IsSlash(ref[0])) return BuildOnBaseOrigin(ref, url);  // "/path"
  const size_t path_end = PathEnd(ref);
  url.scheme = base_.scheme;
  url.host = base_.host;
  url.port = base_.port;
  url.spec.clear();
  url.spec.reserve(base_.spec.size() + ref.size() + 16);
  const std::string_view base_spec = base_.spec;
  if (path_end == 0) {
    // "", "?q" or "#f": base path, and base query unless replaced.
    const size_t keep = ref.empty() || ref[0] == '#' ? fragment_start_ : path_end_;
    url.spec.append(base_spec.substr(0, keep));
    AppendQueryAndFragment(url.spec, ref);
    return Finish(url, path_start_);
  }
  // Merge: the base path up to its last '/' (excluded), then the reference.
  url.spec.append(base_spec.substr(0, directory_end_));
  AppendSegments(url.spec, path_start_, ref.substr(0, path_end));
  AppendQueryAndFragment(url.spec, ref.substr(path_end));
  return Finish(url, path_start_);
}

Status UrlResolver::Resolve(const UrlResolver* base, std::string_view input, Url& url) {
  // Bounds the work on hostile input; the result is checked precisely later.
  if (input.size() > 4 * kMaxUrlLength) {
    return UrlError("url.too_long", "URL longer than " + std::to_string(kMaxUrlLength) + " bytes");
  }
  thread_local std::string scratch;
  const std::string_view text = Preprocess(input, scratch);
  const std::string_view scheme_text = SchemeOf(text);
  if (!scheme_text.empty()) {
    const bool http = EqualsIgnoreCase(scheme_text, "http");
    const bool https = EqualsIgnoreCase(scheme_text, "https");
    if (!http && !https) {
      return UrlError(
          "url.unsupported_scheme",
          "scheme '" + std::string(scheme_text.substr(0, 32)) + ":' is not http or https");
    }
    const std::string_view scheme = http ? "http" : "https";
    std::string_view rest = text.substr(scheme_text.size() + 1);
    const bool two_slashes = rest.size() >= 2 && IsSlash(rest[0]) && IsSlash(rest[1]);
    // WHATWG: "http:foo" relative to an http base is a relative reference.
    if (base && !two_slashes && base->base_.scheme == scheme) return base->BuildRelative(rest, url);
    while (!rest.empty() && IsSlash(rest.front())) rest.remove_prefix(1);
    if (base && base->base_.scheme == scheme) {
      if (const auto after = base->AfterOwnAuthority(rest)) {
        return base->BuildOnBaseOrigin(*after, url);
      }
    }
    return BuildAbsolute(scheme, rest, text.size(), url);
  }
  if (!base) {
    return UrlError("url.not_absolute",
                    "URL " + Quote(text) + " has no http:// or https:// scheme");
  }
  if (text.size() >= 2 && IsSlash(text[0]) && IsSlash(text[1])) {
    std::string_view rest = text;
    while (!rest.empty() && IsSlash(rest.front())) rest.remove_prefix(1);
    if (const auto after = base->AfterOwnAuthority(rest)) {
      return base->BuildOnBaseOrigin(*after, url);
    }
    return BuildAbsolute(base->base_.scheme, rest, text.size() + base->base_.scheme.size() + 1,
                         url);
  }
  return base->BuildRelative(text, url);
}

Status UrlResolver::ResolveInto(std::string_view href, Url& out) const {
  return Resolve(this, href, out);
}

Result<Url> UrlResolver::Resolve(std::string_view href) const {
  Url url;
  if (Status s = ResolveInto(href, url); !s.ok()) return s.error();
  return url;
}

namespace {

bool MatchesStripPattern(std::string_view name, const std::vector<std::string>& patterns) {
  for (const std::string& pattern : patterns) {
    if (!pattern.empty() && pattern.back() == '*') {
      const size_t n = pattern.size() - 1;
      if (name.size() >= n &&
          EqualsIgnoreCase(name.substr(0, n), std::string_view(pattern).substr(0, n))) {
        return true;
      }
    } else if (name.size() == pattern.size() && EqualsIgnoreCase(name, pattern)) {
      return true;
    }
  }
  return false;
}

std::string_view ParamName(std::string_view param) { return param.substr(0, param.find('=')); }

// Whether the parameter named `name` (as written: "utm%5Fsource" is
// "utm_source") is one the key leaves out.
bool IsStripped(std::string_view name, const std::vector<std::string>& patterns) {
  if (name.find('%') == std::string_view::npos) return MatchesStripPattern(name, patterns);
  std::string decoded;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (DecodeEscapeAt(name, i, c)) i += 2;
    decoded.push_back(c);
  }
  return MatchesStripPattern(decoded, patterns);
}

// Where "user:pass@" is in a spec built here ({begin, 0} without one). The
// userinfo set encodes '@', '/', '?' and '#', so the first '@' before any
// of those ends it.
struct UserinfoSpan {
  size_t begin = 0;
  size_t length = 0;
};
UserinfoSpan FindUserinfo(std::string_view spec) {
  const size_t scheme_end = spec.find("://");
  if (scheme_end == std::string_view::npos) return {};
  const size_t begin = scheme_end + 3;
  for (size_t i = begin; i < spec.size(); ++i) {
    const char c = spec[i];
    if (c == '@') return {begin, i + 1 - begin};
    if (c == '/' || c == '?' || c == '#') break;
  }
  return {begin, 0};
}

}  // namespace

Result<Url> ParseUrl(std::string_view text) {
  Url url;
  if (Status s = UrlResolver::Resolve(nullptr, text, url); !s.ok()) return s.error();
  return url;
}

Result<Url> ResolveUrl(const Url& base, std::string_view href) {
  return UrlResolver(base).Resolve(href);
}

std::string SpecWithoutUserinfo(const Url& url) {
  const UserinfoSpan userinfo = FindUserinfo(url.spec);
  if (userinfo.length == 0) return url.spec;
  std::string spec;
  spec.reserve(url.spec.size() - userinfo.length);
  spec.append(url.spec, 0, userinfo.begin).append(url.spec, userinfo.begin + userinfo.length);
  return spec;
}

std::string CanonicalKey(const Url& url, const CanonicalOptions& options) {
  const std::string_view spec = url.spec;
  const size_t hash = spec.find('#');
  const std::string_view no_fragment = spec.substr(0, hash);
  const size_t question = no_fragment.find('?');
  // Never the userinfo: the key is stored, exported and requested.
  const UserinfoSpan userinfo = FindUserinfo(spec);
  const std::string_view before_query = no_fragment.substr(0, question);
  std::string key;
  key.reserve(no_fragment.size());
  key.append(before_query.substr(0, userinfo.begin))
      .append(before_query.substr(userinfo.begin + userinfo.length));
  if (question == std::string_view::npos) return key;

  const std::string_view query = no_fragment.substr(question + 1);

  // Parameters kept, in order; a few fit without allocating.
  constexpr size_t kInline = 16;
  std::array<std::string_view, kInline> inline_params;
  std::vector<std::string_view> spilled;
  size_t count = 0;
  auto keep = [&](std::string_view param) {
    if (count < kInline) {
      inline_params[count] = param;
    } else {
      if (spilled.empty()) spilled.assign(inline_params.begin(), inline_params.end());
      spilled.push_back(param);
    }
    ++count;
  };
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string_view::npos) amp = query.size();
    const std::string_view param = query.substr(i, amp - i);
    if (!param.empty() && !IsStripped(ParamName(param), options.strip_params)) keep(param);
    i = amp + 1;
  }
  if (count == 0) return key;
  std::string_view* first = count <= kInline ? inline_params.data() : spilled.data();
  if (options.sort_query) {
    std::stable_sort(first, first + count, [](std::string_view a, std::string_view b) {
      return ParamName(a) < ParamName(b);
    });
  }
  for (size_t k = 0; k < count; ++k) {
    key.push_back(k == 0 ? '?' : '&');
    key.append(first[k]);
  }
  return key;
}

std::string HostKey(const Url& url) { return url.host; }

std::string Origin(const Url& url) {
  std::string origin;
  origin.reserve(url.scheme.size() + 3 + url.host.size() + 6);
  origin.append(url.scheme).append("://").append(url.host);
  if (url.port != (url.https() ? 443 : 80)) origin.append(":").append(std::to_string(url.port));
  return origin;
}

}  // namespace nc
