#pragma once
// HostKeyer: the politeness key of a URL ([politeness] host_key). The
// scheduler limits requests in flight and spaces requests per key, and the
// durable frontier stores pending URLs under it, so every URL of one key
// shares one politeness budget:
//
//   host    the lower-case host name (HostKey in frontier/url.h). Default.
//   domain  the registrable domain (public suffix list, via libpsl):
//           www.x.fr and sport.x.fr share a budget. IP literals and hosts
//           without a registrable domain ("localhost", a bare public suffix)
//           key as themselves.
//   ip      the address the host name resolves to, so names served by one
//           machine share its budget. --resolve overrides (host:port) come
//           first, then the injected NameLookup (the crawler passes the
//           system resolver, crawler/name_resolver.h: the frontier does no
//           network I/O of its own). IP-literal hosts
//           key as themselves. The key is the address written as a URL host
//           writes it ("127.0.0.1", "[::1]"), so http://127.0.0.1/ and a name
//           resolving to 127.0.0.1 share a key.
//
// In ip mode a name that does not resolve (or any name, when no lookup is
// given) keys as its host name: the fetch then fails with the DNS error as
// before, and the host shares its budget with no one (we know of no server
// it shares). A host name cannot collide
// with an address key: url.cc rejects names ending in a numeric label and
// IPv6 keys are bracketed.
//
// Resolution results (answers and failures) are cached per host name in a
// bounded LRU map, with no expiry: the key only groups URLs for politeness
// (the HTTP client resolves again for connecting), and a stable key keeps a
// host's URLs in one frontier bucket for the whole run. Lookups block, so
// Key() runs on worker threads or at set-up, never on the network thread.
//
// Thread safety: Key() may be called from any number of threads at once.

#include <cstddef>
#include <functional>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"
#include "config/crawl_config.h"
#include "frontier/url.h"

namespace nc {

// The first address of `host` as text ("192.0.2.1", "2001:db8::1"), or
// nothing when it does not resolve. May block; must be safe to call from
// several threads at once.
using NameLookup = std::function<std::optional<std::string>(const std::string& host)>;

struct HostKeyerOptions {
  HostKeyMode mode = HostKeyMode::kHost;
  // --resolve overrides; consulted before `lookup` in ip mode.
  std::vector<ResolveOverride> resolve;
  // Host names whose resolution is remembered (least recently used dropped first).
  size_t cache_capacity = 4096;
  // Resolves names in ip mode. Null: no resolution (names key as
  // themselves). Tests inject a fake: no real DNS in tests.
  NameLookup lookup;

  // host_key and resolve of the job's config (host_key already validated),
  // resolving names with `lookup`.
  static HostKeyerOptions FromConfig(const CrawlConfig& config, NameLookup lookup);
};

class HostKeyer {
 public:
  explicit HostKeyer(HostKeyerOptions options);
  HostKeyer(const HostKeyer&) = delete;
  HostKeyer& operator=(const HostKeyer&) = delete;

  std::string Key(const Url& url) const;
  HostKeyMode mode() const { return options_.mode; }
  // Host names in the resolution cache (tests: the bound holds).
  size_t CachedHosts() const;

 private:
  std::string IpKey(const Url& url) const;
  std::string LookupCached(const std::string& host) const;

  const HostKeyerOptions options_;
  // "host:port" → address key, from --resolve. Immutable after construction.
  std::unordered_map<std::string, std::string> overrides_;

  // Host name → key, most recently used first. Guarded by mutex_; the lookup
  // itself runs unlocked (two threads may resolve one name at once; both get
  // the same answer, one insert wins).
  mutable std::mutex mutex_;
  mutable std::list<std::pair<std::string, std::string>> lru_;
  mutable std::unordered_map<std::string, std::list<std::pair<std::string, std::string>>::iterator>
      cache_;
};

// The address text as a URL host writes it: IPv4 dotted decimal, IPv6
// canonical (RFC 5952) in brackets. Nothing if `address` is not an address.
std::optional<std::string> AddressKey(std::string_view address);

}  // namespace nc
