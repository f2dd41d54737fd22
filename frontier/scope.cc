#include "frontier/scope.h"

#include <libpsl.h>

#include <atomic>
#include <unordered_map>

namespace nc {
namespace {

// The built-in list, or the system file if libpsl was built without one.
// Loaded once and never freed: it lives as long as the process.
const psl_ctx_t* PublicSuffixList() {
  static const psl_ctx_t* const psl = [] {
    const psl_ctx_t* builtin = psl_builtin();
    return builtin ? builtin : static_cast<const psl_ctx_t*>(psl_latest(nullptr));
  }();
  return psl;
}

// libpsl would call 127.0.0.1's registrable domain "0.1".
bool IsIpLiteral(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;
  // Normalized IPv4 hosts are dotted decimal; a DNS name never ends in a
  // numeric label (url.cc turns those into IPv4 or rejects them).
  return !host.empty() && host.back() >= '0' && host.back() <= '9';
}

std::atomic<uint64_t> next_scope_id{1};

// Seed-domains decisions of the hosts seen on this thread. The links of a
// page name few hosts, each many times, and a public-suffix lookup costs
// about 8,000 instructions, more than the rest of a link's classification.
// A hash map, not a small direct-mapped array: with 16 slots two of the 7
// hosts of a B1 page shared a slot and evicted each other, and 1 link in 5
// paid the lookup (session 11). Bounded: cleared when it holds kMaxHosts,
// so a crawl over many hosts keeps at most that many. It holds one scope's
// answers (a thread asking another scope starts it afresh). Per thread, so
// no locking.
struct DomainMemo {
  static constexpr size_t kMaxHosts = 4096;
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  uint64_t scope_id = 0;
  std::unordered_map<std::string, bool, Hash, std::equal_to<>> in_scope;
};

thread_local uint64_t domain_lookups = 0;

}  // namespace

std::string_view CrawlScope::DomainKey(const std::string& host) {
  ++domain_lookups;
  if (IsIpLiteral(host)) return host;
  const psl_ctx_t* psl = PublicSuffixList();
  const char* domain = psl ? psl_registrable_domain(psl, host.c_str()) : nullptr;
  // psl_registrable_domain returns a pointer into `host` (no allocation).
  if (!domain) return host;
  return std::string_view(host).substr(static_cast<size_t>(domain - host.c_str()));
}

CrawlScope::KeySet CrawlScope::BuildKeys(const std::vector<Url>& seeds, ScopeMode mode) {
  KeySet keys;
  for (const Url& seed : seeds) {
    if (mode == ScopeMode::kSeedHosts) keys.insert(seed.host);
    if (mode == ScopeMode::kSeedDomains) keys.emplace(DomainKey(seed.host));
  }
  return keys;
}

CrawlScope::CrawlScope(const std::vector<Url>& seeds, ScopeMode mode)
    : mode_(mode), id_(next_scope_id.fetch_add(1)), keys_(BuildKeys(seeds, mode)) {}

uint64_t CrawlScope::DomainLookupsOnThisThread() { return domain_lookups; }

bool CrawlScope::ContainsDomainOf(const std::string& host) const {
  thread_local DomainMemo memo;
  if (memo.scope_id != id_ || memo.in_scope.size() >= DomainMemo::kMaxHosts) {
    memo.in_scope.clear();
    memo.scope_id = id_;
  }
  if (auto known = memo.in_scope.find(std::string_view(host)); known != memo.in_scope.end()) {
    return known->second;
  }
  const bool in_scope = keys_.find(DomainKey(host)) != keys_.end();
  memo.in_scope.emplace(host, in_scope);
  return in_scope;
}

bool CrawlScope::Contains(const Url& url) const {
  switch (mode_) {
    case ScopeMode::kAll:
      return url.scheme == "http" || url.scheme == "https";
    case ScopeMode::kSeedHosts:
      return keys_.find(std::string_view(url.host)) != keys_.end();
    case ScopeMode::kSeedDomains:
      return ContainsDomainOf(url.host);
  }
  return false;
}

}  // namespace nc
