#pragma once
// MergedSnapshot: the union of several stores (for example the stores of the
// nodes of a cluster job) read as one graph, for `export` and `graph-stats`
// with several --store. It holds one StoreSnapshot per store and streams a
// k-way merge of their url_ids cursors, which LMDB keeps sorted by URL (a
// long URL's key is its prefix and SHA-256: the same in every store), so a
// URL known to several stores is met once, with every store's id for it.
//
// The union it presents:
// - one node per URL. Its id is MergedUrlId(url), a hash of the URL, so the
//   same URL has the same id whichever stores are merged (a store's own url
//   ids differ between stores and cannot be used);
// - a page fetched in several stores is the page record with the latest
//   fetch start (the `fetched_at` exports write); on a tie, the store given
//   first. A URL with no page record anywhere is queued when a store
//   queued it, else known;
// - a URL's outlinks are the union of its outlinks in every store, by
//   (target URL, role): an edge recorded in several stores is written once.
//   As a multiset union: a page that links twice to the same target with
//   the same role keeps its two edges (as a one-store export does), so
//   the count of each (source, target, role) is the largest of any one
//   store. The chosen page's links come first, in page order, then those
//   only other stores recorded; an edge's ordinal is its position there.
// URLs come in url_ids key order (byte order of the URL), not id order;
// edges by source: the sources of the first store in its id order, then
// those only later stores have outlinks for.
//
// Memory: one cursor per store and the outlinks of one source URL at a
// time; nothing grows with the stores. The edge pass reads each store's
// links table in turn and looks the source up in the other stores.
//
// Thread safety: as StoreSnapshot (one thread at a time).

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "storage/snapshot.h"
#include "storage/store.h"

namespace nc::storage {

// The node id of `url` in a merged export: 63 bits of a hash of the URL,
// never 0. Two distinct URLs share an id with probability about
// N^2 / 2^64 for N URLs (1 in 180,000 at ten million URLs).
uint64_t MergedUrlId(std::string_view url);

class MergedSnapshot final : public GraphSource {
 public:
  // One snapshot per store, in the order given (the tie order). The same
  // Store twice is an "export.usage" error.
  static Result<MergedSnapshot> Begin(const std::vector<const Store*>& stores);
  MergedSnapshot(MergedSnapshot&&) noexcept = default;
  MergedSnapshot& operator=(MergedSnapshot&&) noexcept = default;

  Status ForEachUrl(const std::function<bool(const UrlView&)>& fn,
                    UrlPass pass = UrlPass::kAll) const override;
  // Every URL's merged outlinks, in the order said above.
  Status ForEachEdge(const std::function<bool(const EdgeIdsView&)>& fn) const override;
  // By URL (`id` is ignored).
  Status ForEachOutlinkOf(uint64_t id, std::string_view url,
                          const std::function<bool(const EdgeIdsView&)>& fn) const override;
  Result<std::optional<PageView>> PageRecordOf(uint64_t id, std::string_view url) const override;
  Result<std::optional<int64_t>> FirstSeenOf(uint64_t id, std::string_view url) const override;

  // One store's id of a URL, with the url_ids state.
  struct Member {
    size_t store = 0;
    uint64_t id = 0;
    bool queued = false;
  };

 private:
  explicit MergedSnapshot(std::vector<StoreSnapshot> snapshots)
      : snapshots_(std::move(snapshots)) {}
  // The k-way merge: `fn(url, members)` once per distinct URL, members in
  // store order. Return false to stop.
  Status ForEachUrlGroup(
      const std::function<bool(std::string_view url, const std::vector<Member>&)>& fn) const;
  // The members of one URL, found by point lookups.
  Result<std::vector<Member>> MembersOf(std::string_view url) const;
  // The chosen page record among `members` (nullopt: none has one) and the
  // index in `members` of its store.
  Result<std::optional<PageView>> ChosenPage(const std::vector<Member>& members,
                                             size_t* chosen) const;
  // The merged outlinks of `url`, the chosen store's first.
  Status ForEachMergedOutlink(std::string_view url, const std::vector<Member>& members,
                              size_t chosen,
                              const std::function<bool(const EdgeIdsView&)>& fn,
                              bool* stopped) const;

  std::vector<StoreSnapshot> snapshots_;
};

}  // namespace nc::storage
