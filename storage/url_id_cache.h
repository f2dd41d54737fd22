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
// the old generation copies the entry into the current one. So URLs met
// again and again stay, and the 10 M-URL crawl holds at most
// 2 x generation_bytes whatever the store's size.
//
// Layout (session 13): each generation is an open-addressing table
// (boost::unordered_flat_map) of string_views into the generation's own
// arena of URL bytes, so an entry costs no allocation of its own and a
// look-up touches the table's metadata, one slot and the URL's bytes,
// where std::unordered_map<std::string, ...> chased a bucket, a node and
// the string's heap buffer (tests/bench/README.md, "Writer CPU (session
// 13)"). A URL's hash is computed once per call and used for both
// generations.
//
// Not thread-safe: StoreCore guards it with its write mutex (the writer's
// transactions are serialised anyway).

#include <boost/unordered/unordered_flat_map.hpp>
#include <cstddef>
#include <string_view>

#include "common/string_arena.h"
#include "storage/schema.h"

namespace nc::storage {

class UrlIdCache {
 public:
  // Heap bytes of one entry beside its URL: its slot (a string_view and
  // the value, 32 bytes, and a metadata byte) in a table reserved once for
  // the generation's expected entries (so never fuller than 0.875), with
  // room for the table's rounding to a power of two.
  static constexpr size_t kEntryOverhead = 80;

  explicit UrlIdCache(size_t generation_bytes) : generation_bytes_(generation_bytes) {}

  // The cached entry of `url`, or null. Valid until the next call.
  const schema::UrlIdValue* Find(std::string_view url);
  // Records `url`'s entry as the store now holds it (inserted or replaced).
  void Put(std::string_view url, schema::UrlIdValue value);
  // Forgets everything (a transaction that wrote through did not commit).
  void Clear();

  size_t entries() const { return current_.map.size() + old_.map.size(); }
  // The estimated heap bytes held (both generations).
  size_t bytes() const { return current_.bytes + old_.bytes; }

 private:
  // A URL with its hash, computed once per Find or Put.
  struct Probe {
    std::string_view url;
    size_t hash;
  };
  struct Hash {
    using is_transparent = void;
    static size_t Of(std::string_view s);
    size_t operator()(std::string_view s) const { return Of(s); }
    size_t operator()(const Probe& p) const { return p.hash; }
  };
  struct Equal {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    bool operator()(const Probe& a, std::string_view b) const { return a.url == b; }
    bool operator()(std::string_view a, const Probe& b) const { return a == b.url; }
  };
  using Map = boost::unordered_flat_map<std::string_view, schema::UrlIdValue, Hash, Equal>;

  // One generation: its table and the bytes its keys point into.
  struct Generation {
    Map map;
    StringArena keys;  // 64 KB chunks (~800 B1 URLs): rare allocations, small against a generation
    size_t bytes = 0;  // estimated, as kEntryOverhead says
  };

  // Inserts `url` into the current generation, which it first makes room
  // in (the caller knows it is in neither).
  schema::UrlIdValue* Insert(const Probe& probe, schema::UrlIdValue value);

  const size_t generation_bytes_;
  Generation current_, old_;
};

}  // namespace nc::storage
