#pragma once
// Slices of an absolute URL, "scheme://authority" then the request target
// (path and query) then "#fragment", as views into the text. No validation
// and no decoding: the frontier's URLs are normalized already
// (frontier/url.h), and a caller taking other text checks the parts itself
// (crawler/fetch/http_target.cc). Pure, any thread.

#include <algorithm>
#include <string_view>

namespace nc {

struct UrlParts {
  std::string_view scheme;     // before "://", as written; empty when there is no "://"
  std::string_view authority;  // after "://" up to the first '/', '?' or '#'
  std::string_view origin;     // "scheme://authority": the URL up to the target
  std::string_view target;     // path and query, up to '#'; may be empty or start with '?'
  std::string_view fragment;   // after '#' (without it); empty when there is none
};

// Without "://" the authority starts at the beginning of `url`.
constexpr UrlParts SplitUrl(std::string_view url) {
  UrlParts parts;
  const size_t scheme_end = url.find("://");
  size_t authority_begin = 0;
  if (scheme_end != std::string_view::npos) {
    parts.scheme = url.substr(0, scheme_end);
    authority_begin = scheme_end + 3;
  }
  const size_t authority_end = std::min(url.find_first_of("/?#", authority_begin), url.size());
  parts.authority = url.substr(authority_begin, authority_end - authority_begin);
  parts.origin = url.substr(0, authority_end);
  const size_t hash = url.find('#', authority_end);
  parts.target = url.substr(authority_end, std::min(hash, url.size()) - authority_end);
  if (hash != std::string_view::npos) parts.fragment = url.substr(hash + 1);
  return parts;
}

}  // namespace nc
