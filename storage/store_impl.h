#pragma once
// StoreCore (= Store::Impl), shared by the files that implement Store:
// store_open.cc (open), store.cc (core, metadata, readers) and
// store_write.cc (seeds, batches, robots). It is a namespace-level type so
// that helpers in those files can take it; Store::Impl only names it.
//
// Map growth: LMDB may only change the map size while no transaction of the
// process is open, yet readers run on other threads. So every transaction is
// opened under `map_mu` held shared, and Grow() takes it exclusively.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>

#include "common/result.h"
#include "frontier/watch_schedule.h"
#include "storage/lmdb.h"
#include "storage/resident_map.h"
#include "storage/schema.h"
#include "storage/store.h"
#include "storage/store_lock.h"
#include "storage/url_id_cache.h"

namespace nc::storage {

inline constexpr uint64_t kMiB = uint64_t{1} << 20;
// The LMDB data file in a store directory.
inline constexpr const char* kDataFile = "data.mdb";

struct Dbs {
  lmdb::Dbi meta, url_ids, urls, frontier, pages, links, hosts, host_counts;
  lmdb::Dbi host_state;
  // False only in a read-only open of a store whose host_state database is
  // missing (one made while host_state was being introduced): reads then
  // find no host state.
  bool has_host_state = false;
  // Watch mode (storage/watch_schema.h): the same, for stores made before it.
  lmdb::Dbi watch, first_seen, versions, bodies;
  bool has_watch = false;
  // `articles` (schema.h) and `article_log` (article_log.h): likewise.
  lmdb::Dbi articles, article_log;
  bool has_articles = false;
  bool has_article_log = false;
};

// A read-only transaction and the shared hold on the map size it needs.
// Member order matters: the transaction ends before the lock is released.
struct ReadTxn {
  std::shared_lock<std::shared_mutex> map_hold;
  lmdb::Txn txn;
};

struct StoreCore {
  StoreCore(std::filesystem::path dir_in, bool read_only_in, uint64_t max_map_bytes_in,
            SyncMode sync_in, bool write_map_in = false)
      : dir(std::move(dir_in)),
        prefix("store " + dir.string() + ": "),
        read_only(read_only_in),
        max_map_bytes(max_map_bytes_in),
        sync(sync_in),
        write_map(write_map_in && !read_only_in) {}
  // A store that syncs only on request flushes what it committed at close.
  ~StoreCore();

  // Prefixes lmdb and codec errors with "store DIR: " (once), and turns a
  // full disk into a clear "store.disk_full" error.
  Error Context(const Error& error) const;
  Error Corrupt(std::string_view what, const Error& cause) const;

  Result<ReadTxn> BeginRead() const;
  // Runs `fn(txn)` in a write transaction and commits it. When the map is
  // full, the transaction is aborted, the map grown and `fn` run again from
  // scratch, so `fn` must reset any output it builds.
  template <class Fn>
  Status Write(Fn&& fn);
  Status Grow(uint64_t map_bytes_at_failure);
  // write_map: disk blocks for the first `map_bytes` of data.mdb, so that no
  // write into the map can meet a full disk (SIGBUS). A "store.disk_full" or
  // "store.file_too_large" error when they cannot be had; nothing is written.
  Status PreallocateMap(uint64_t map_bytes);
  // write_map: data.mdb back to its used pages (LMDB sized it to the map).
  void TrimMapToUsedPages();

  // Reads the counters of the transaction's snapshot.
  Result<schema::Counters> LoadCounters(const lmdb::Txn& txn) const;
  // The url of `id` in `urls`; an Error when missing (ids come from the store).
  Result<std::string_view> UrlOf(const lmdb::Txn& txn, uint64_t id) const;
  // url_ids lookup of `url` under `key` (schema::UrlIdKey(url)), with the
  // SHA-256 form checked against `urls`.
  Result<std::optional<schema::UrlIdValue>> LookupUrl(const lmdb::Txn& txn, std::string_view url,
                                                      std::string_view key) const;
  // The same with the key made here: for readers that look up one URL (an
  // empty url is not stored: nullopt).
  Result<std::optional<schema::UrlIdValue>> LookupUrl(const lmdb::Txn& txn,
                                                      std::string_view url) const;
  // Walks `db`, whose keys are be64 url ids, in key order, calling
  // `fn(id, value) -> Result<bool>` until it returns false (stop, OK) or an
  // Error. `name` names the database in the error for a malformed key.
  template <class Fn>
  Status ForEachById(const lmdb::Txn& txn, const lmdb::Dbi& db, std::string_view name,
                     Fn&& fn) const;

  const std::filesystem::path dir;
  const std::string prefix;  // "store DIR: "
  const bool read_only;
  const uint64_t max_map_bytes;
  const SyncMode sync;
  const bool write_map;  // opened by FrontierLoader::OpenStore (MDB_WRITEMAP)
  // Store::SetMaxUrlsPerHost; read by the writer in each write transaction.
  std::atomic<uint64_t> max_urls_per_host{0};
  // Store::SetWatchSchedule; set before the writer thread starts, then read
  // by write transactions only.
  WatchSchedule watch_schedule;

  // Destroyed after `env` (declared before it): the lock outlives the map.
  std::optional<StoreLock> lock;  // writers only
  std::optional<OpenDirRegistration> registration;
  // mutable: const readers adopt a map grown by another process.
  mutable lmdb::Env env;
  Dbs dbs;  // set once by Open

  mutable std::shared_mutex map_mu;
  uint64_t map_bytes = 0;  // guarded by map_mu

  // After a write commits: drops the map's pages from this process's RSS
  // (storage/resident_map.h). A write transaction's B-tree reads fault in
  // pages of the map, and the kernel maps up to 16 cached neighbours per
  // fault (fault-around), mostly body pages just written with pwrite:
  // without this a crawl's RSS grew like its store file (234 of 270 MB
  // file-backed on the 31k-page bench). Takes map_mu shared.
  void ReleaseResidentMapAfterWrite();
  // And every so many B-tree operations within a write transaction: a
  // catch-up commit of hundreds of pages otherwise mapped 50-80 MB of the
  // file before its end (B1, tests/bench/README.md "Peak RSS (session 11)").
  // Dropping pages of a shared file mapping is safe mid-transaction: the
  // addresses stay valid and fault back in from the page cache. 250, not
  // 1,000: B1 peak RSS 96-103 MB instead of 123-140 (data.mdb's pages
  // between two releases), the same pages/s, CPU +4.5 % at the median of
  // 9 and 10 runs on a loaded machine (tests/bench/README.md, session 12).
  static constexpr uint32_t kReleaseMapEveryOperations = 250;
  std::atomic<uint64_t> syncs{0};  // successful Store::Sync() calls

  // Held by Write() from before its transaction begins until after it
  // commits or aborts (LMDB serialises write transactions anyway, so this
  // adds no waiting): it guards url_cache, which a transaction writes
  // through and which must be cleared before the next one when it does not
  // commit. Taken while map_mu is held shared, never the other way round:
  // a thread that has a read transaction open (map_mu shared) may write,
  // and Grow() takes map_mu exclusively without it.
  std::mutex write_mu;
  // Two generations of 16 MiB: B1's ~40k URLs fit in one; a 10 M-URL crawl
  // keeps its recent and often-met URLs in at most 32 MiB.
  static constexpr size_t kUrlCacheGenerationBytes = 16 * kMiB;
  UrlIdCache url_cache{kUrlCacheGenerationBytes};  // guarded by write_mu
};

template <class Fn>
Status StoreCore::Write(Fn&& fn) {
  if (read_only) return MakeError("store.read_only", prefix + "opened read-only");
  while (true) {
    uint64_t attempt_map_bytes = 0;
    Status status;
    {
      std::shared_lock hold(map_mu);
      std::lock_guard writing(write_mu);
      attempt_map_bytes = map_bytes;
      Result<lmdb::Txn> txn = lmdb::Txn::Begin(env.get(), 0);
      if (!txn) return Context(txn.error());
      // Inside the transaction too (map_mu is held: the map cannot move).
      FileMapping mapping;
      lmdb::OperationTick release_every(kReleaseMapEveryOperations, [&] {
        if (mapping.size == 0) mapping = FindFileMapping(dir / kDataFile);
        ReleaseResidentPages(mapping);
      });
      status = fn(*txn);
      if (status) status = txn->Commit();
      // It may hold what the transaction wrote; cleared before the next
      // writer can begin.
      if (!status) url_cache.Clear();
    }  // an uncommitted transaction aborts here, before the map may grow
    if (status) {
      ReleaseResidentMapAfterWrite();
      return status;
    }
    if (status.error().code != lmdb::kMapFullCode) return Context(status.error());
    if (Status grown = Grow(attempt_map_bytes); !grown) return grown;
  }
}

template <class Fn>
Status StoreCore::ForEachById(const lmdb::Txn& txn, const lmdb::Dbi& db, std::string_view name,
                              Fn&& fn) const {
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, db);
  if (!cursor) return Context(cursor.error());
  Result<std::optional<lmdb::Cursor::Entry>> entry = cursor->Get(MDB_FIRST);
  while (true) {
    if (!entry) return Context(entry.error());
    if (!*entry) return Status::Ok();
    auto [key, value] = **entry;
    if (key.size() != 8) {
      return MakeError("store.corrupt", prefix + std::string(name) + ": key of " +
                                            std::to_string(key.size()) + " bytes");
    }
    Result<bool> go_on = fn(schema::DecodeIdKey(key), value);
    if (!go_on) return go_on.error();
    if (!*go_on) return Status::Ok();
    entry = cursor->Get(MDB_NEXT);
  }
}

struct Store::Impl : StoreCore {
  using StoreCore::StoreCore;
};

}  // namespace nc::storage
