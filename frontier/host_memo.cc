#include "frontier/host_memo.h"

#include <utility>

namespace nc {

std::optional<uint64_t> HostMemo::Remember(std::string_view host_key, Entry entry) {
  if (capacity_ == 0) return entry.KnownUpToSeq();
  if (auto it = index_.find(host_key); it != index_.end()) {
    const Lru::iterator node = it->second;
    index_.erase(it);  // first: its key views the node's string
    lru_.erase(node);
  }
  lru_.emplace_front(std::string(host_key), std::move(entry));
  index_.emplace(lru_.front().first, lru_.begin());
  if (lru_.size() <= capacity_) return std::nullopt;
  const uint64_t forgotten_seq = lru_.back().second.KnownUpToSeq();
  index_.erase(lru_.back().first);
  lru_.pop_back();
  return forgotten_seq;
}

std::optional<HostMemo::Entry> HostMemo::Take(std::string_view host_key) {
  auto it = index_.find(host_key);
  if (it == index_.end()) return std::nullopt;
  const Lru::iterator node = it->second;
  index_.erase(it);  // first: its key views the node's string
  Entry entry = std::move(node->second);
  lru_.erase(node);
  return entry;
}

}  // namespace nc
