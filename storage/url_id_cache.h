#pragma once
// UrlIdCache: the writer's memory of `url_ids` entries (URL -> state and
// id) across write transactions, so that the outlinks of a page that are
// already known (navigation, section headlines: most of them) are answered
// from a hash table instead of a B-tree search through the map. On B1 those
// searches were a quarter of the writer's instructions and most of the
// data.mdb pages the crawl mapped (tests/bench/README.md, "Writer and RSS").
//
// It is only ever as new as the store: StoreCore::Write clears it when a
// transaction does not commit (an error, or a map-full retry), since the
// entries that transaction wrote through were undone. Found entries are
// always ones the store holds; a URL not found is looked up in the store.
//
// Bounded: two generations of at most `generation_bytes` each (estimated
// as the URL's length plus kEntryOverhead). When the current generation is
// full it becomes the old one and the former old one is dropped; a hit in
// the old generation moves the entry back to the current one (no copy). So
// URLs met again and again stay, and the 10 M-URL crawl holds at most
// 2 x generation_bytes whatever the store's size.
//
// Not thread-safe: StoreCore guards it with its write mutex (the writer's
// transactions are serialised anyway).

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/schema.h"

namespace nc::storage {

class UrlIdCache {
 public:
  // Heap bytes of one entry beside its URL: the hash node (next pointer,
  // cached hash, std::string, value) and the allocator's headers of the
  // node and of a URL longer than the inline buffer.
  static constexpr size_t kEntryOverhead = 96;

  explicit UrlIdCache(size_t generation_bytes) : generation_bytes_(generation_bytes) {}

  // The cached entry of `url`, or null. Valid until the next call.
  const schema::UrlIdValue* Find(std::string_view url);
  // Records `url`'s entry as the store now holds it (inserted or replaced).
  void Put(std::string_view url, schema::UrlIdValue value);
  // Forgets everything (a transaction that wrote through did not commit).
  void Clear();

  size_t entries() const { return current_.size() + old_.size(); }
  // The estimated heap bytes held (both generations).
  size_t bytes() const { return current_bytes_ + old_bytes_; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  using Map = std::unordered_map<std::string, schema::UrlIdValue, Hash, std::equal_to<>>;

  // Makes room for one entry of `url_bytes` in the current generation.
  void Reserve(size_t url_bytes);

  const size_t generation_bytes_;
  Map current_, old_;
  size_t current_bytes_ = 0, old_bytes_ = 0;
};

}  // namespace nc::storage
