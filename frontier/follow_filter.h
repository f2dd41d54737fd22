#pragma once
// FollowFilter: the user's own limits on what is followed, on top of scope
// and link roles — host allow/deny lists (crawl.allow_hosts,
// crawl.deny_hosts) and URL regexes (crawl.include, crawl.exclude).
//
// Hosts. A pattern is either a host name, which matches exactly that host,
// or "*." followed by a domain, which matches the domain itself and every
// host under it: "*.lejournal.test" matches lejournal.test,
// www.lejournal.test and a.b.lejournal.test, but not lejournal.test.evil or
// notlejournal.test. Including the domain itself is what wget --domains and
// Heritrix SURT prefixes ("http://(test,lejournal,") do; to keep only the
// subdomains, add the domain to deny_hosts. Matching is case-insensitive
// and ignores a trailing dot. deny_hosts wins over allow_hosts; an empty
// allow_hosts allows every host (scope still applies).
//
// URLs. Regexes use RE2 syntax (no backreferences; linear time, so a
// hostile URL cannot make a pattern backtrack for seconds) and search
// anywhere in the canonical URL ("https://host/path?query", no fragment,
// tracking parameters stripped): anchor with ^ and $ to match the whole
// URL. A URL is wanted when it matches at least one include pattern (or
// include is empty) and no exclude pattern. The patterns of each list are
// compiled into one alternation, so a check is one RE2 scan per list
// whatever the number of patterns.
//
// Thread safety: immutable after Create(); any thread may call the checks
// concurrently (RE2 matching is thread-safe).

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "common/result.h"
#include "config/crawl_config.h"

namespace re2 {
class RE2;
}

namespace nc {

class FollowFilter {
 public:
  // A filter that allows everything.
  FollowFilter();
  ~FollowFilter();
  FollowFilter(FollowFilter&&) noexcept;
  FollowFilter& operator=(FollowFilter&&) noexcept;

  // Errors (code "config.invalid") name the key and the item:
  // "key 'crawl.include[1]': invalid regex '(a': missing ): (a".
  static Result<FollowFilter> Create(const CrawlConfig& config);
  // The same checks without keeping the result (ValidateConfig-style use).
  static Status Validate(const CrawlConfig& config);

  // `host` is the lower-case host of a URL (Url::host).
  bool HostAllowed(std::string_view host) const;
  // `canonical_url` is CanonicalKey() of the URL.
  bool UrlWanted(std::string_view canonical_url) const;

  bool has_host_rules() const { return !allow_.empty() || !deny_.empty(); }
  bool has_url_rules() const { return include_ != nullptr || exclude_ != nullptr; }

 private:
  class HostSet {
   public:
    // "" when `pattern` is usable, else why not.
    std::string Add(std::string_view pattern);
    bool Matches(std::string_view host) const;
    bool empty() const { return exact_.empty() && domains_.empty(); }

   private:
    // Heterogeneous lookup: Matches() hashes views of the host, no copies.
    struct Hash {
      using is_transparent = void;
      size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using Set = std::unordered_set<std::string, Hash, std::equal_to<>>;
    Set exact_;    // "example.org"
    Set domains_;  // "lejournal.test" from "*.lejournal.test"
  };

  HostSet allow_;
  HostSet deny_;
  std::unique_ptr<re2::RE2> include_;  // null: no include patterns (everything included)
  std::unique_ptr<re2::RE2> exclude_;  // null: nothing excluded
};

}  // namespace nc
