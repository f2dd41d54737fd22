#include "frontier/host_keyer.h"

#include <arpa/inet.h>

#include "frontier/scope.h"

namespace nc {
namespace {

std::string OverrideKey(std::string_view host, uint16_t port) {
  return std::string(host) + ":" + std::to_string(port);
}

std::string StripBrackets(std::string_view text) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  return std::string(text);
}

}  // namespace

std::optional<std::string> AddressKey(std::string_view address) {
  const std::string bare = StripBrackets(address);
  char text[INET6_ADDRSTRLEN] = {};
  in_addr v4{};
  if (inet_pton(AF_INET, bare.c_str(), &v4) == 1 &&
      inet_ntop(AF_INET, &v4, text, sizeof text) != nullptr) {
    return std::string(text);
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, bare.c_str(), &v6) == 1 &&
      inet_ntop(AF_INET6, &v6, text, sizeof text) != nullptr) {
    return "[" + std::string(text) + "]";
  }
  return std::nullopt;
}

HostKeyerOptions HostKeyerOptions::FromConfig(const CrawlConfig& config, NameLookup lookup) {
  HostKeyerOptions o;
  o.lookup = std::move(lookup);
  o.mode = config.host_key;
  o.resolve = config.resolve;
  return o;
}

HostKeyer::HostKeyer(HostKeyerOptions options) : options_(std::move(options)) {
  for (const ResolveOverride& r : options_.resolve) {
    if (auto key = AddressKey(r.address)) overrides_.emplace(OverrideKey(r.host, r.port), *key);
  }
}

std::string HostKeyer::Key(const Url& url) const {
  switch (options_.mode) {
    case HostKeyMode::kHost:
      return HostKey(url);
    case HostKeyMode::kDomain:
      return std::string(CrawlScope::DomainKey(url.host));
    case HostKeyMode::kIp:
      return IpKey(url);
  }
  return HostKey(url);
}

std::string HostKeyer::IpKey(const Url& url) const {
  if (auto it = overrides_.find(OverrideKey(url.host, url.port)); it != overrides_.end()) {
    return it->second;
  }
  if (auto literal = AddressKey(url.host)) return *literal;
  if (!options_.lookup) return url.host;  // no resolver: the name is its own key
  return LookupCached(url.host);
}

std::string HostKeyer::LookupCached(const std::string& host) const {
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(host); it != cache_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
  }
  // Unlocked: a lookup may take seconds and must not hold up other threads.
  std::optional<std::string> address = options_.lookup(host);
  std::optional<std::string> key = address ? AddressKey(*address) : std::nullopt;
  std::string result = key ? *key : host;  // unresolved: its own key (see header)
  if (options_.cache_capacity == 0) return result;

  std::lock_guard lock(mutex_);
  if (auto it = cache_.find(host); it != cache_.end()) {
    // Another thread resolved it meanwhile: keep one answer for the host.
    lru_.splice(lru_.begin(), lru_, it->second);
    return it->second->second;
  }
  lru_.emplace_front(host, result);
  cache_.emplace(host, lru_.begin());
  if (cache_.size() > options_.cache_capacity) {
    cache_.erase(lru_.back().first);
    lru_.pop_back();
  }
  return result;
}

size_t HostKeyer::CachedHosts() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

}  // namespace nc
