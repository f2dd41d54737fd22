#include "frontier/scope.h"

#include <libpsl.h>

#include <array>
#include <atomic>

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

// Seed-domains decisions of the hosts seen last on this thread. The links of
// a page name few hosts, each many times, and a public-suffix lookup costs
// more than the rest of a link's classification: with 16 direct-mapped
// entries almost every link is a hit. Per thread, so no locking.
struct DomainMemo {
  struct Entry {
    uint64_t scope_id = 0;
    std::string host;
    bool in_scope = false;
  };
  std::array<Entry, 16> entries;
  Entry& Slot(std::string_view host) {
    return entries[std::hash<std::string_view>{}(host) % entries.size()];
  }
};

}  // namespace

std::string_view CrawlScope::DomainKey(const std::string& host) {
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

bool CrawlScope::ContainsDomainOf(const std::string& host) const {
  thread_local DomainMemo memo;
  DomainMemo::Entry& slot = memo.Slot(host);
  if (slot.scope_id == id_ && slot.host == host) return slot.in_scope;
  slot.scope_id = id_;
  slot.host = host;
  slot.in_scope = keys_.find(DomainKey(host)) != keys_.end();
  return slot.in_scope;
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
