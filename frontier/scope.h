#pragma once
// CrawlScope: which hosts a crawl may fetch, decided from the seed URLs and
// the configured ScopeMode. Built once at start, immutable afterwards, so any
// thread may call Contains() without locking (the seed-domains memo below is
// per thread).

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "config/crawl_config.h"
#include "frontier/url.h"

namespace nc {

class CrawlScope {
 public:
  // seed-hosts: a URL is in scope when its host equals a seed's host.
  // seed-domains: when its registrable domain (public suffix list, via
  //   libpsl) equals a seed's; IP literals and hosts without a registrable
  //   domain ("localhost", a bare public suffix) must match exactly.
  // all: every http(s) URL.
  // Scheme and port never matter.
  CrawlScope(const std::vector<Url>& seeds, ScopeMode mode);

  bool Contains(const Url& url) const;
  ScopeMode mode() const { return mode_; }

  // What Contains() compares for `host` in seed-domains mode: the
  // registrable domain, or the host itself when it has none. `host` must be
  // NUL-terminated (std::string::c_str()); the view points into it.
  static std::string_view DomainKey(const std::string& host);

  // How many times DomainKey (a public-suffix lookup) ran on the calling
  // thread: tests check that Contains() asks it once per host, not per link.
  static uint64_t DomainLookupsOnThisThread();

 private:
  // Heterogeneous lookup so Contains() hashes a string_view without copying.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using KeySet = std::unordered_set<std::string, Hash, std::equal_to<>>;
  static KeySet BuildKeys(const std::vector<Url>& seeds, ScopeMode mode);

  bool ContainsDomainOf(const std::string& host) const;

  const ScopeMode mode_;
  // Tells this scope's entries in the per-thread memo from those of scopes
  // destroyed earlier (an address could be reused; an id is not).
  const uint64_t id_;
  // Seed hosts (seed-hosts) or seed domain keys (seed-domains).
  const KeySet keys_;
};

}  // namespace nc
