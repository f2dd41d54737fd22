// Store: watch mode's readers (watched pages, first sightings, version
// history) and its schedule setting. The writes are in watch_writes.cc,
// inside the batch transactions of store_write.cc. Any thread.

#include "storage/body_codec.h"
#include "storage/codec.h"
#include "storage/store_impl.h"
#include "storage/watch_schema.h"

namespace nc::storage {
namespace {

// The url id of `url` in `txn`, if known.
Result<std::optional<uint64_t>> IdOf(const StoreCore& core, const lmdb::Txn& txn,
                                     std::string_view url) {
  Result<std::optional<schema::UrlIdValue>> id = core.LookupUrl(txn, url);
  if (!id) return id.error();
  if (!*id) return std::optional<uint64_t>();
  return std::optional<uint64_t>((*id)->id);
}

}  // namespace

void Store::SetWatchSchedule(const WatchSchedule& schedule) { impl_->watch_schedule = schedule; }

Status Store::ForEachWatched(const std::function<bool(const WatchedPage&)>& fn) const {
  if (!impl_->dbs.has_watch) return Status::Ok();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  return impl_->ForEachById(
      txn, impl_->dbs.watch, "watch", [&](uint64_t id, std::string_view value) -> Result<bool> {
        const std::string what = "watch value of url id " + std::to_string(id);
        Result<WatchedPage> page = schema::DecodeWatchValue(value);
        if (!page) return impl_->Corrupt(what, page.error());
        Result<std::string_view> url = impl_->UrlOf(txn, id);
        if (!url) return url.error();
        page->url = std::string(*url);
        return fn(*page);
      });
}

Result<std::optional<Store::FirstSeen>> Store::GetFirstSeen(std::string_view url) const {
  if (!impl_->dbs.has_watch) return std::optional<FirstSeen>();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  Result<std::optional<uint64_t>> id = IdOf(*impl_, txn, url);
  if (!id) return id.error();
  if (!*id) return std::optional<FirstSeen>();
  Result<std::optional<std::string_view>> bytes =
      impl_->dbs.first_seen.Get(txn, schema::IdKey(**id));
  if (!bytes) return impl_->Context(bytes.error());
  if (!*bytes) return std::optional<FirstSeen>();
  Result<schema::FirstSeenValue> value = schema::DecodeFirstSeenValue(**bytes);
  if (!value) return impl_->Corrupt("first_seen value of url id " + std::to_string(**id), value.error());
  FirstSeen out;
  out.first_seen_ms = value->first_seen_ms;
  if (value->announcer_id != 0) {
    Result<std::string_view> announcer = impl_->UrlOf(txn, value->announcer_id);
    if (!announcer) return announcer.error();
    out.announced_by = std::string(*announcer);
  }
  return std::optional<FirstSeen>(std::move(out));
}

Result<std::vector<Store::Version>> Store::Versions(std::string_view url) const {
  std::vector<Version> versions;
  if (!impl_->dbs.has_watch) return versions;
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  Result<std::optional<uint64_t>> id = IdOf(*impl_, txn, url);
  if (!id) return id.error();
  if (!*id) return versions;
  const std::string prefix = schema::IdKey(**id);
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, impl_->dbs.versions);
  if (!cursor) return impl_->Context(cursor.error());
  Result<std::optional<lmdb::Cursor::Entry>> entry = cursor->Seek(prefix);
  while (true) {
    if (!entry) return impl_->Context(entry.error());
    if (!*entry) break;
    auto [key, value] = **entry;
    if (key.size() != 16 || !key.starts_with(prefix)) break;
    Result<schema::VersionValue> decoded = schema::DecodeVersionValue(value);
    if (!decoded) return impl_->Corrupt("versions value of url id " + std::to_string(**id), decoded.error());
    codec::Decoder time(key.substr(8));
    versions.push_back(Version{static_cast<int64_t>(time.Fixed64BE()), decoded->http_status,
                               std::move(decoded->body_hash)});
    entry = cursor->Get(MDB_NEXT);
  }
  return versions;
}

Result<std::optional<std::string>> Store::VersionBody(std::string_view body_hash) const {
  if (!impl_->dbs.has_watch || body_hash.empty()) return std::optional<std::string>();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<std::optional<std::string_view>> frame = impl_->dbs.bodies.Get(read->txn, body_hash);
  if (!frame) return impl_->Context(frame.error());
  if (!*frame) return std::optional<std::string>();
  Result<std::string> body = DecompressBody(**frame);
  if (!body) return impl_->Corrupt("bodies value", body.error());
  return std::optional<std::string>(std::move(*body));
}

Result<uint64_t> Store::VersionBodyCount() const {
  if (!impl_->dbs.has_watch) return uint64_t{0};
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<MDB_stat> stat = impl_->dbs.bodies.Stat(read->txn);
  if (!stat) return impl_->Context(stat.error());
  return static_cast<uint64_t>(stat->ms_entries);
}

}  // namespace nc::storage
