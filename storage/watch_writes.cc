#include "storage/watch_writes.h"

#include "storage/watch_schema.h"

namespace nc::storage {

Result<std::optional<WatchedPage>> WatchWrites::Get(uint64_t id) {
  if (!enabled()) return std::optional<WatchedPage>();
  Result<std::optional<std::string_view>> bytes = core_.dbs.watch.Get(txn_, schema::IdKey(id));
  if (!bytes) return bytes.error();
  if (!*bytes) return std::optional<WatchedPage>();
  Result<WatchedPage> entry = schema::DecodeWatchValue(**bytes);
  if (!entry) return core_.Corrupt("watch value of url id " + std::to_string(id), entry.error());
  return std::optional<WatchedPage>(std::move(*entry));
}

Status WatchWrites::Put(uint64_t id, const WatchedPage& page) {
  if (Status s = core_.dbs.watch.Put(txn_, schema::IdKey(id), schema::EncodeWatchValue(page)); !s) {
    return s;
  }
  report_.watched.push_back(page);
  return Status::Ok();
}

Status WatchWrites::Mark(uint64_t id, const std::string& url, const std::string& host_key,
                         uint32_t depth, uint64_t pending_seq) {
  if (!enabled()) return Status::Ok();
  Result<std::optional<WatchedPage>> known = Get(id);
  if (!known) return known.error();
  if (*known) return Status::Ok();
  WatchedPage page;
  page.url = url;
  page.host_key = host_key;
  page.depth = depth;
  page.pending_seq = pending_seq;
  return Put(id, page);
}

Status WatchWrites::RecordFetch(uint64_t id, WatchedPage entry, const PageRecord& page,
                                bool stored, uint64_t new_links) {
  const bool repoll = entry.last_fetch_ms != 0;
  entry.pending_seq = 0;
  entry.last_fetch_ms = page.fetch_end_ms;
  entry.new_links = new_links;
  if (repoll) {
    ++entry.polls;
    ++report_.repolls_fetched;
  }
  if (!stored && page.http_status == 304) ++entry.not_modified;
  if (entry.article) {
    entry.interval_ms = schedule_.article_revisit_ms;  // fixed: articles change seldom
  } else if (schedule_.initial_ms > 0) {
    entry.interval_ms = schedule_.Next(entry.interval_ms, new_links);
  }
  entry.next_poll_ms = entry.interval_ms > 0 ? page.fetch_end_ms + entry.interval_ms : 0;
  schema::VersionValue version;
  version.http_status = page.kind == FetchKind::kFetched ? page.http_status : 0;
  if (stored) {
    entry.etag = page.etag;
    entry.last_modified = page.last_modified;
    if (!page.body_zstd.empty()) {
      std::string hash = schema::BodyHash(page.body_zstd);
      Result<std::optional<std::string_view>> have = core_.dbs.bodies.Get(txn_, hash);
      if (!have) return have.error();
      if (!*have) {
        if (Status s = core_.dbs.bodies.Put(txn_, hash, page.body_zstd); !s) return s;
      }
      if (repoll && hash != entry.body_hash) ++entry.changes;
      entry.body_hash = hash;
      version.body_hash = std::move(hash);
    }
  }
  if (Status s = core_.dbs.versions.Put(txn_, schema::VersionKey(id, page.fetch_end_ms),
                                        schema::EncodeVersionValue(version));
      !s) {
    return s;
  }
  entry.url = page.url;
  return Put(id, entry);
}

Status WatchWrites::WatchArticle(uint64_t id, const PageRecord& page) {
  if (!enabled() || schedule_.article_revisit_ms <= 0) return Status::Ok();
  if (page.kind != FetchKind::kFetched || page.http_status < 200 || page.http_status > 299) {
    return Status::Ok();
  }
  WatchedPage entry;
  entry.host_key = page.host_key;
  entry.depth = page.depth;
  entry.article = true;
  return RecordFetch(id, std::move(entry), page, /*stored=*/true, /*new_links=*/0);
}

Status WatchWrites::FirstSeen(uint64_t id, int64_t seen_ms, uint64_t announcer_id) {
  if (!enabled()) return Status::Ok();
  return core_.dbs.first_seen.Put(txn_, schema::IdKey(id),
                                  schema::EncodeFirstSeenValue({seen_ms, announcer_id}),
                                  MDB_APPEND);
}

}  // namespace nc::storage
