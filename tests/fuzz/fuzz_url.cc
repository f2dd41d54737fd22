// Fuzzes URL parsing, resolution, canonical keys and scope. Input: a base URL,
// a newline, then an href (without a newline the whole input is parsed as
// an absolute URL). Checks the promises of frontier/url.h on every result.
#include <cstdint>
#include <string>
#include <string_view>

#include "common/url_parts.h"
#include "config/crawl_config.h"
#include "frontier/scope.h"
#include "frontier/url.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

void CheckUrl(const nc::Url& url) {
  Check(url.spec.size() <= nc::kMaxUrlLength);
  Check(url.scheme == "http" || url.scheme == "https");
  Check(!url.host.empty());
  Check(!url.target.empty() && url.target[0] == '/');
  Check(url.target.find('#') == std::string::npos);
  // Every result is printable ASCII: it goes into a request line as it is.
  for (char c : url.spec) Check(c > 0x20 && c < 0x7f);
  // Normalization is idempotent.
  auto again = nc::ParseUrl(url.spec);
  Check(again.ok() && again->spec == url.spec && again->host == url.host &&
        again->port == url.port && again->target == url.target);
  nc::CanonicalOptions options;
  const std::string key = nc::CanonicalKey(url, options);
  Check(key.find('#') == std::string::npos && key.size() <= url.spec.size());
  options.sort_query = true;
  Check(nc::CanonicalKey(url, options).size() == key.size());
  Check(nc::Origin(url).size() < url.spec.size());
  // Userinfo is in the spec only: never in the key, the host, the target or
  // the spec without it, and the key does not depend on it.
  const std::string without = nc::SpecWithoutUserinfo(url);
  Check(nc::SplitUrl(key).authority.find('@') == std::string_view::npos);
  Check(nc::SplitUrl(without).authority.find('@') == std::string_view::npos);
  Check(url.host.find('@') == std::string::npos);
  auto stripped = nc::ParseUrl(without);
  Check(stripped.ok() && stripped->spec == without &&
        nc::CanonicalKey(*stripped, nc::CanonicalOptions{}) == key);
  // The shared slicer agrees with the parser's own fields.
  const nc::UrlParts parts = nc::SplitUrl(url.spec);
  Check(parts.scheme == url.scheme && nc::SplitUrl(without).origin == nc::Origin(url) &&
        parts.target == url.target);
  const nc::CrawlScope scope({url}, nc::ScopeMode::kSeedDomains);
  Check(scope.Contains(url));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input = nc::fuzz::InputText(data, size);
  const size_t newline = input.find('\n');
  if (newline == std::string_view::npos) {
    if (auto url = nc::ParseUrl(input); url.ok()) CheckUrl(*url);
    return 0;
  }
  auto base = nc::ParseUrl(input.substr(0, newline));
  if (!base.ok()) return 0;
  CheckUrl(*base);
  auto resolved = nc::ResolveUrl(*base, input.substr(newline + 1));
  if (resolved.ok()) {
    CheckUrl(*resolved);
  } else {
    Check(!resolved.error().code.empty() && !resolved.error().message.empty());
  }
  // The crawler's per-page path (UrlResolver, one Url reused from link to
  // link: here from input to input) gives exactly what ResolveUrl gives.
  static nc::Url reused;
  const nc::Status into = nc::UrlResolver(*base).ResolveInto(input.substr(newline + 1), reused);
  Check(into.ok() == resolved.ok());
  if (resolved.ok()) {
    Check(reused.spec == resolved->spec && reused.scheme == resolved->scheme &&
          reused.host == resolved->host && reused.port == resolved->port &&
          reused.target == resolved->target);
  } else {
    Check(into.error().code == resolved.error().code);
  }
  return 0;
}
