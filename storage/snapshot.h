#pragma once
// StoreSnapshot: one read-only LMDB transaction held for the life of the
// object, so that an export making several passes (the URLs, then the
// edges) sees one consistent state while a crawl keeps committing. Every
// view it hands out points into the memory map and stays valid only during
// the callback that receives it; nothing is accumulated, so memory does not
// grow with the store.
//
// Memory: a pass touches every page of the store's memory map; the
// snapshot regularly drops those pages from the process (madvise
// MADV_DONTNEED on the read-only shared map: they stay in the page cache),
// so the RSS of an export does not grow with the store file either.
//
// A long snapshot keeps LMDB from reusing the pages it sees: a crawl that
// runs meanwhile grows the store file a little more than it would have.
//
// Thread safety: one thread at a time (the transaction is MDB_NOTLS, so any
// one thread); several snapshots may coexist, also with a writer process.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "frontier/link.h"
#include "storage/store.h"

namespace nc::storage {

struct StoreCore;
struct ReadTxn;

// A `pages` record, undecoded body included (DecompressBody reads it).
struct PageView {
  FetchKind kind = FetchKind::kFetched;
  uint16_t http_status = 0;
  uint32_t depth = 0;
  int64_t fetch_start_ms = 0, fetch_end_ms = 0;
  uint64_t body_size = 0;  // decoded
  bool body_truncated = false;
  std::string_view error, content_type, response_headers, body_zstd;
  FailureReason reason = FailureReason::kNone;  // PageRecord::reason
  uint32_t attempts = 0;                        // 0: stored before it was kept
  // schema::PageHeader's exchange fields (page format 4; false and empty before).
  bool exchange_recorded = false;
  std::string_view request, peer_address;
  bool received_body_differs = false;  // else the body as received is the decoded body
  std::string_view received_body;
};

// What the store knows of one URL.
enum class UrlStatus : uint8_t { kKnown, kQueued, kPage };
struct UrlView {
  uint64_t id = 0;  // the store's url id: stable for the life of the store
  std::string_view url;
  UrlStatus status = UrlStatus::kKnown;
  const PageView* page = nullptr;  // set when status == kPage
};

struct EdgeIdsView {
  uint64_t source_id = 0, target_id = 0;
  uint64_t ordinal = 0;  // position among the source's outlinks, from 0
  std::string_view source, target;
  LinkRole role = LinkRole::kOther;
  std::string_view anchor_text;
  bool followed = false;
  SkipReason reason = SkipReason::kNone;
};

// What the exporters and graph-stats read: one store (StoreSnapshot) or the
// union of several (MergedSnapshot, storage/snapshot_merged.h). Views are
// valid during the callback that receives them.
class GraphSource {
 public:
  virtual ~GraphSource() = default;
  // The URL pass's cost/precision trade-off (StoreSnapshot::ForEachUrl).
  enum class UrlPass { kAll, kPagesOnly, kWithoutState };
  virtual Status ForEachUrl(const std::function<bool(const UrlView&)>& fn,
                            UrlPass pass = UrlPass::kAll) const = 0;
  virtual Status ForEachEdge(const std::function<bool(const EdgeIdsView&)>& fn) const = 0;
  // The ids and role of every edge, in ForEachEdge's order. By default
  // ForEachEdge projected; a source that can skip the URL lookups overrides it.
  virtual Status ForEachEdgeId(
      const std::function<bool(uint64_t source_id, uint64_t target_id, LinkRole role)>& fn)
      const;
  // The outlinks and the page record of the URL a UrlView or EdgeIdsView
  // named as (`id`, `url`): one store finds it by id, a merge by URL.
  virtual Status ForEachOutlinkOf(uint64_t id, std::string_view url,
                                  const std::function<bool(const EdgeIdsView&)>& fn) const = 0;
  virtual Result<std::optional<PageView>> PageRecordOf(uint64_t id,
                                                       std::string_view url) const = 0;
  // When the URL was first seen, wall clock ms (watch mode's first_seen;
  // nullopt for URLs recorded before stores kept it). A merge: the earliest.
  virtual Result<std::optional<int64_t>> FirstSeenOf(uint64_t id, std::string_view url) const = 0;
};

class StoreSnapshot final : public GraphSource {
 public:
  static Result<StoreSnapshot> Begin(const Store& store);
  StoreSnapshot(StoreSnapshot&&) noexcept;
  StoreSnapshot& operator=(StoreSnapshot&&) noexcept;
  ~StoreSnapshot() override;

  // Every URL in id order (the order of first sight), with its page record
  // when it has one. Return false from `fn` to stop. The url_ids lookup
  // that tells queued from known for a URL without a page record is the
  // costly part: kPagesOnly skips those URLs, kWithoutState reports them
  // all as kKnown.
  Status ForEachUrl(const std::function<bool(const UrlView&)>& fn,
                    UrlPass pass = UrlPass::kAll) const override;
  // Every edge in (source id, ordinal) order.
  Status ForEachEdge(const std::function<bool(const EdgeIdsView&)>& fn) const override;
  // Every edge's ids and role only, in the same order: no URL lookups, for
  // passes that need the graph's shape (graph-stats PageRank).
  Status ForEachEdgeId(
      const std::function<bool(uint64_t source_id, uint64_t target_id, LinkRole role)>& fn)
      const override;
  Status ForEachOutlinkOf(uint64_t id, std::string_view /*url*/,
                          const std::function<bool(const EdgeIdsView&)>& fn) const override {
    return ForEachOutlink(id, fn);
  }
  Result<std::optional<PageView>> PageRecordOf(uint64_t id,
                                               std::string_view /*url*/) const override {
    return PageOf(id);
  }
  // The outlinks of one source, in page order.
  Status ForEachOutlink(uint64_t source_id,
                        const std::function<bool(const EdgeIdsView&)>& fn) const;
  // The page record of `id` (nullopt: none).
  Result<std::optional<PageView>> PageOf(uint64_t id) const;
  // When `id` was first seen, wall clock ms (watch mode's first_seen;
  // nullopt for URLs recorded before it existed).
  Result<std::optional<int64_t>> FirstSeenOf(uint64_t id) const;
  Result<std::optional<int64_t>> FirstSeenOf(uint64_t id, std::string_view /*url*/) const override {
    return FirstSeenOf(id);
  }
  // Counts of the snapshot: URLs (entries of url_ids) and edges.
  Result<uint64_t> UrlCount() const;
  Result<uint64_t> EdgeCount() const;

 private:
  friend class MergedSnapshot;  // reads each store's tables in a k-way merge
  StoreSnapshot(const StoreCore* core, std::unique_ptr<ReadTxn> read);
  Status ForEachEdgeOfValue(uint64_t source_id, std::string_view value,
                            const std::function<bool(const EdgeIdsView&)>& fn,
                            bool* stopped) const;

  // Counts `records` read (a point lookup weighs more: snapshot.cc); past
  // kRecordsPerRelease, drops the map pages this process has touched from
  // its RSS (they stay in the page cache) and starts counting again. Views
  // handed out stay valid: a dropped page faults back in on access.
  void ReleaseResidentPages(uint64_t records) const;

  const StoreCore* core_ = nullptr;
  std::unique_ptr<ReadTxn> read_;
  void* map_address_ = nullptr;  // the read-only mapping of data.mdb
  size_t map_size_ = 0;          // 0: unknown, nothing is released
  mutable uint64_t records_since_release_ = 0;
};

}  // namespace nc::storage
