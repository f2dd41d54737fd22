#include "storage/snapshot.h"

#include <string>

#include "storage/lmdb.h"
#include "storage/resident_map.h"
#include "storage/schema.h"
#include "storage/store_impl.h"
#include "storage/watch_schema.h"

namespace nc::storage {
namespace {

PageView ToPageView(const schema::DecodedPage& page) {
  const schema::PageHeader& h = page.header;
  return PageView{h.kind,         h.http_status,   h.depth,        h.fetch_start_ms,
                  h.fetch_end_ms, h.body_size,     h.body_truncated, h.error,
                  h.content_type, h.response_headers, page.body_zstd,
                  h.reason,       h.attempts,      h.exchange_recorded, h.request,
                  h.peer_address, h.received_body_differs, h.received_body};
}

// Records read between two releases of the map's resident pages.
constexpr uint64_t kRecordsPerRelease = 2048;
// A point lookup (url_ids by URL, pages or links by id) lands on a leaf
// far from the previous one, and the kernel maps up to 16 cached pages
// around each faulting page (fault-around, 64 KiB), so such a lookup counts
// as several sequentially read records. Without this weight the URL pass
// reached the whole store file in RSS (71-77 MB on the 76 MB bench store);
// with 8, RSS stays near 34 MB whatever the store's size (at most ~256
// lookups of 64 KiB between releases) for ~1.9x the CPU of the node pass
// (pages faulted in again after each release); 16 gave 25 MB for ~2.7x.
// Edge targets are looked up in `urls`, small and shared by every edge:
// they count 1.
constexpr uint64_t kPointLookupWeight = 8;

}  // namespace

Status GraphSource::ForEachEdgeId(
    const std::function<bool(uint64_t source_id, uint64_t target_id, LinkRole role)>& fn) const {
  return ForEachEdge([&](const EdgeIdsView& edge) {
    return fn(edge.source_id, edge.target_id, edge.role);
  });
}

void StoreSnapshot::ReleaseResidentPages(uint64_t records) const {
  records_since_release_ += records;
  if (records_since_release_ < kRecordsPerRelease) return;
  records_since_release_ = 0;
  // A pass over the store touches every page of the map, which would make
  // the process's RSS as large as the store file. The mapping is read-only
  // and shared, so dropping the pages from this process loses nothing: they
  // stay in the page cache, and a later access faults them back in.
  storage::ReleaseResidentPages(FileMapping{map_address_, map_size_});
}

StoreSnapshot::StoreSnapshot(const StoreCore* core, std::unique_ptr<ReadTxn> read)
    : core_(core), read_(std::move(read)) {}
StoreSnapshot::StoreSnapshot(StoreSnapshot&&) noexcept = default;
StoreSnapshot& StoreSnapshot::operator=(StoreSnapshot&&) noexcept = default;
StoreSnapshot::~StoreSnapshot() = default;

Result<StoreSnapshot> StoreSnapshot::Begin(const Store& store) {
  const StoreCore* core = store.impl_.get();
  Result<ReadTxn> read = core->BeginRead();
  if (!read) return read.error();
  StoreSnapshot snapshot(core, std::make_unique<ReadTxn>(std::move(*read)));
  const FileMapping mapping = FindFileMapping(core->dir / kDataFile);
  snapshot.map_address_ = mapping.address;
  snapshot.map_size_ = mapping.size;
  return snapshot;
}

Status StoreSnapshot::ForEachUrl(const std::function<bool(const UrlView&)>& fn,
                                 UrlPass pass) const {
  const lmdb::Txn& txn = read_->txn;
  // urls and pages are both keyed by be64 id: one pass over each, merged.
  Result<lmdb::Cursor> urls = lmdb::Cursor::Open(txn, core_->dbs.urls);
  if (!urls) return core_->Context(urls.error());
  Result<lmdb::Cursor> pages = lmdb::Cursor::Open(txn, core_->dbs.pages);
  if (!pages) return core_->Context(pages.error());
  Result<std::optional<lmdb::Cursor::Entry>> page_entry = pages->Get(MDB_FIRST);
  Result<std::optional<lmdb::Cursor::Entry>> url_entry = urls->Get(MDB_FIRST);
  std::string id_key_buffer;
  while (true) {
    if (!url_entry) return core_->Context(url_entry.error());
    if (!page_entry) return core_->Context(page_entry.error());
    if (!*url_entry) break;
    auto [key, url] = **url_entry;
    if (key.size() != 8) {
      return MakeError("store.corrupt",
                       core_->prefix + "urls: key of " + std::to_string(key.size()) + " bytes");
    }
    UrlView view;
    view.id = schema::DecodeIdKey(key);
    view.url = url;
    // Skip page records of ids below this one (none in a sound store).
    while (*page_entry && (*page_entry)->first < key) page_entry = pages->Get(MDB_NEXT);
    if (!page_entry) return core_->Context(page_entry.error());
    PageView page;
    if (*page_entry && (*page_entry)->first == key) {
      Result<schema::DecodedPage> decoded = schema::DecodePage((*page_entry)->second);
      if (!decoded) {
        return core_->Corrupt("pages value of url id " + std::to_string(view.id),
                              decoded.error());
      }
      page = ToPageView(*decoded);
      view.status = UrlStatus::kPage;
      view.page = &page;
    } else if (pass == UrlPass::kPagesOnly) {
      url_entry = urls->Get(MDB_NEXT);
      continue;
    } else if (pass == UrlPass::kAll) {
      Result<std::optional<schema::UrlIdValue>> state =
          core_->LookupUrl(txn, url, schema::UrlIdKey(url, &id_key_buffer));
      if (!state) return state.error();
      if (*state && (*state)->state == schema::UrlState::kQueued) view.status = UrlStatus::kQueued;
    }
    if (!fn(view)) return Status::Ok();
    ReleaseResidentPages(view.status == UrlStatus::kPage ? 1 : kPointLookupWeight);
    url_entry = urls->Get(MDB_NEXT);
  }
  return Status::Ok();
}

Status StoreSnapshot::ForEachEdgeOfValue(uint64_t source_id, std::string_view value,
                                         const std::function<bool(const EdgeIdsView&)>& fn,
                                         bool* stopped) const {
  const lmdb::Txn& txn = read_->txn;
  Result<std::string_view> source = core_->UrlOf(txn, source_id);
  if (!source) return source.error();
  schema::EdgeReader reader(value);
  schema::EdgeRecord edge;
  for (uint64_t ordinal = 0; reader.Next(&edge); ++ordinal) {
    Result<std::string_view> target = core_->UrlOf(txn, edge.target_id);
    if (!target) return target.error();
    if (!fn(EdgeIdsView{source_id, edge.target_id, ordinal, *source, *target, edge.role, edge.anchor_text,
                        edge.followed, edge.reason})) {
      *stopped = true;
      return Status::Ok();
    }
  }
  if (Status s = reader.Finish(); !s) {
    return core_->Corrupt("links value of url id " + std::to_string(source_id), s.error());
  }
  return Status::Ok();
}

Status StoreSnapshot::ForEachEdge(const std::function<bool(const EdgeIdsView&)>& fn) const {
  return core_->ForEachById(
      read_->txn, core_->dbs.links, "links",
      [&](uint64_t source_id, std::string_view value) -> Result<bool> {
        bool stopped = false;
        if (Status s = ForEachEdgeOfValue(source_id, value, fn, &stopped); !s) return s.error();
        if (stopped) return false;
        ReleaseResidentPages(schema::EdgeReader(value).count());
        return true;
      });
}

Status StoreSnapshot::ForEachEdgeId(
    const std::function<bool(uint64_t source_id, uint64_t target_id, LinkRole role)>& fn) const {
  return core_->ForEachById(
      read_->txn, core_->dbs.links, "links",
      [&](uint64_t source_id, std::string_view value) -> Result<bool> {
        schema::EdgeReader reader(value);
        schema::EdgeRecord edge;
        while (reader.Next(&edge)) {
          if (!fn(source_id, edge.target_id, edge.role)) return false;
        }
        if (Status s = reader.Finish(); !s) {
          return core_->Corrupt("links value of url id " + std::to_string(source_id), s.error());
        }
        ReleaseResidentPages(reader.count());
        return true;
      });
}

Status StoreSnapshot::ForEachOutlink(uint64_t source_id,
                                     const std::function<bool(const EdgeIdsView&)>& fn) const {
  Result<std::optional<std::string_view>> value =
      core_->dbs.links.Get(read_->txn, schema::IdKey(source_id));
  if (!value) return core_->Context(value.error());
  ReleaseResidentPages(kPointLookupWeight);
  if (!*value) return Status::Ok();
  ReleaseResidentPages(schema::EdgeReader(**value).count());
  bool stopped = false;
  return ForEachEdgeOfValue(source_id, **value, fn, &stopped);
}

Result<std::optional<PageView>> StoreSnapshot::PageOf(uint64_t id) const {
  Result<std::optional<std::string_view>> value =
      core_->dbs.pages.Get(read_->txn, schema::IdKey(id));
  if (!value) return core_->Context(value.error());
  ReleaseResidentPages(kPointLookupWeight);
  if (!*value) return std::optional<PageView>();
  Result<schema::DecodedPage> decoded = schema::DecodePage(**value);
  if (!decoded) return core_->Corrupt("pages value of url id " + std::to_string(id), decoded.error());
  return std::optional<PageView>(ToPageView(*decoded));
}

Result<std::optional<int64_t>> StoreSnapshot::FirstSeenOf(uint64_t id) const {
  if (!core_->dbs.has_watch) return std::optional<int64_t>();
  Result<std::optional<std::string_view>> value =
      core_->dbs.first_seen.Get(read_->txn, schema::IdKey(id));
  if (!value) return core_->Context(value.error());
  if (!*value) return std::optional<int64_t>();
  Result<schema::FirstSeenValue> decoded = schema::DecodeFirstSeenValue(**value);
  if (!decoded) {
    return core_->Corrupt("first_seen value of url id " + std::to_string(id), decoded.error());
  }
  return std::optional<int64_t>(decoded->first_seen_ms);
}

Result<uint64_t> StoreSnapshot::UrlCount() const {
  Result<MDB_stat> stat = core_->dbs.url_ids.Stat(read_->txn);
  if (!stat) return core_->Context(stat.error());
  return static_cast<uint64_t>(stat->ms_entries);
}

Result<uint64_t> StoreSnapshot::EdgeCount() const {
  Result<schema::Counters> counters = core_->LoadCounters(read_->txn);
  if (!counters) return counters.error();
  return counters->edges;
}

}  // namespace nc::storage
