#include "storage/url_id_cache.h"

#include <utility>

namespace nc::storage {

const schema::UrlIdValue* UrlIdCache::Find(std::string_view url) {
  if (auto it = current_.find(url); it != current_.end()) return &it->second;
  auto old = old_.find(url);
  if (old == old_.end()) return nullptr;
  // Met again: back into the current generation, moving the node itself.
  const size_t url_bytes = old->first.size();
  Map::node_type node = old_.extract(old);
  old_bytes_ -= url_bytes + kEntryOverhead;
  Reserve(url_bytes);
  return &current_.insert(std::move(node)).position->second;
}

void UrlIdCache::Put(std::string_view url, schema::UrlIdValue value) {
  if (auto it = current_.find(url); it != current_.end()) {
    it->second = value;
    return;
  }
  if (auto old = old_.find(url); old != old_.end()) {
    old_bytes_ -= old->first.size() + kEntryOverhead;
    old_.erase(old);
  }
  Reserve(url.size());
  current_.emplace(std::string(url), value);
}

void UrlIdCache::Reserve(size_t url_bytes) {
  const size_t entry = url_bytes + kEntryOverhead;
  if (current_bytes_ + entry > generation_bytes_ && !current_.empty()) {
    old_ = std::move(current_);
    old_bytes_ = current_bytes_;
    current_ = Map();
    current_bytes_ = 0;
  }
  current_bytes_ += entry;
}

void UrlIdCache::Clear() {
  current_ = Map();
  old_ = Map();
  current_bytes_ = old_bytes_ = 0;
}

}  // namespace nc::storage
