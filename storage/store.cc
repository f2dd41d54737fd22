// Store: the shared core (errors in context, transactions, map growth),
// job metadata and the read side. Opening is in store_open.cc; writes
// (seeds, batches, robots) are in store_write.cc.

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

#include "storage/body_codec.h"
#include "storage/codec.h"
#include "storage/resident_map.h"
#include "storage/store_impl.h"

namespace nc::storage {
namespace fs = std::filesystem;
namespace {

enum class ShortWriteCause { kUnknown, kFileSizeLimit, kDiskFull };

// Why a write to the data file of `dir` was cut short, judged after the fact:
// data.mdb is within a page batch of RLIMIT_FSIZE, or the file system has
// (almost) no space left for this user.
ShortWriteCause DiagnoseShortWrite(const fs::path& dir) {
  constexpr uint64_t kSlack = 4 * kMiB;  // more than one commit writes at once, typically
  std::error_code ec;
  const uint64_t size = fs::file_size(dir / kDataFile, ec);
  rlimit limit{};
  if (!ec && getrlimit(RLIMIT_FSIZE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY &&
      size + kSlack >= limit.rlim_cur) {
    return ShortWriteCause::kFileSizeLimit;
  }
  struct statvfs vfs{};
  if (statvfs(dir.c_str(), &vfs) == 0 &&
      static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize < kSlack) {
    return ShortWriteCause::kDiskFull;
  }
  return ShortWriteCause::kUnknown;
}

}  // namespace

// --- Impl ---

StoreCore::~StoreCore() {
  // mdb_env_close does not sync: with MDB_NOSYNC, the last commits would
  // reach the disk only when the OS writes them back.
  if (env.get() != nullptr && !read_only && sync == SyncMode::kPeriodic) {
    mdb_env_sync(env.get(), 1);
  }
  if (env.get() != nullptr && write_map) TrimMapToUsedPages();
}

Status StoreCore::PreallocateMap(uint64_t map_bytes) {
  int fd = -1;
  if (Status s = lmdb::Check("mdb_env_get_fd", mdb_env_get_fd(env.get(), &fd)); !s) {
    return Context(s.error());
  }
  // What the file system must still find, against what it has: the same
  // verdict posix_fallocate would reach, with the figures to say why.
  struct stat file{};
  struct statvfs vfs{};
  if (fstat(fd, &file) == 0 && statvfs(dir.c_str(), &vfs) == 0) {
    const uint64_t held = static_cast<uint64_t>(file.st_blocks) * 512;
    const uint64_t missing = map_bytes > held ? map_bytes - held : 0;
    const uint64_t available = static_cast<uint64_t>(vfs.f_bavail) * vfs.f_frsize;
    if (missing > available) {
      return MakeError("store.disk_full",
                       prefix + "disk full: the map of data.mdb (MDB_WRITEMAP) needs " +
                           std::to_string(map_bytes / kMiB) + " MiB on disk, " +
                           std::to_string(missing / kMiB) + " MiB more than it holds, and " +
                           std::to_string(available / kMiB) +
                           " MiB are free; free disk space (what is committed is kept), then "
                           "load again");
    }
  }
  const int error = posix_fallocate(fd, 0, static_cast<off_t>(map_bytes));
  if (error == 0) return Status::Ok();
  const std::string why = "posix_fallocate of data.mdb to " + std::to_string(map_bytes / kMiB) +
                          " MiB (MDB_WRITEMAP): " + std::system_category().message(error);
  if (error == ENOSPC) {
    return MakeError("store.disk_full", prefix + "disk full (" + why +
                                            "); free disk space (what is committed is kept), "
                                            "then load again");
  }
  if (error == EFBIG) {
    return MakeError("store.file_too_large",
                     prefix + "file size limit reached (" + why +
                         "): the process may not grow data.mdb further (ulimit -f); raise the "
                         "limit, then load again");
  }
  return MakeError("store.io", prefix + "cannot reserve disk space (" + why + ")");
}

void StoreCore::TrimMapToUsedPages() {
  int fd = -1;
  MDB_envinfo info;
  MDB_stat stat;
  if (mdb_env_get_fd(env.get(), &fd) != 0 || mdb_env_info(env.get(), &info) != 0 ||
      mdb_env_stat(env.get(), &stat) != 0) {
    return;
  }
  // Pages past the last one of the last commit belong to no snapshot (LMDB
  // never gives the file back), so no reader can need them; a store left
  // longer by a failed truncate only wastes the preallocated space.
  const uint64_t used = (uint64_t{info.me_last_pgno} + 1) * stat.ms_psize;
  if (ftruncate(fd, static_cast<off_t>(used)) != 0) {
    std::fprintf(stderr, "newscrawl: %sdata.mdb kept at its map size (%s)\n", prefix.c_str(),
                 std::system_category().message(errno).c_str());
  }
}

Error StoreCore::Context(const Error& error) const {
  // A failed write aborts its transaction: what was committed before stays,
  // so the advice is always to fix the cause and resume.
  if (error.code == lmdb::kDiskFullCode) {
    return MakeError("store.disk_full", prefix + "disk full (" + error.message +
                                            "); free disk space, then resume");
  }
  // LMDB turns a short write (what a filling disk or a file size limit
  // usually gives) into EIO, losing errno: name the likely cause.
  if (error.code == "lmdb.io") {
    switch (DiagnoseShortWrite(dir)) {
      case ShortWriteCause::kFileSizeLimit:
        return MakeError("store.file_too_large",
                         prefix + "file size limit reached (" + error.message +
                             "): the process may not grow data.mdb further (ulimit -f); "
                             "raise the limit, then resume");
      case ShortWriteCause::kDiskFull:
        return MakeError("store.disk_full", prefix + "disk full (" + error.message +
                                                "); free disk space, then resume");
      case ShortWriteCause::kUnknown:
        break;
    }
    return MakeError("store.io", prefix + "I/O error, possibly a full disk (" + error.message +
                                     "); check the disk and free space, then resume");
  }
  if (error.code == "lmdb.file_too_large") {
    return MakeError("store.file_too_large",
                     prefix + "file size limit reached (" + error.message +
                         "): the process may not grow data.mdb further (ulimit -f); "
                         "raise the limit, then resume");
  }
  if (error.message.starts_with(prefix)) return error;
  return MakeError(error.code, prefix + error.message);
}

Error StoreCore::Corrupt(std::string_view what, const Error& cause) const {
  return MakeError("store.corrupt", prefix + std::string(what) + ": " + cause.message);
}

Result<ReadTxn> StoreCore::BeginRead() const {
  while (true) {
    std::shared_lock hold(map_mu);
    Result<lmdb::Txn> txn = lmdb::Txn::Begin(env.get(), MDB_RDONLY);
    if (txn) return ReadTxn{std::move(hold), std::move(*txn)};
    if (txn.error().code != "lmdb.map_resized") return Context(txn.error());
    // Another process grew the map: adopt its size, with no txn open here.
    hold.unlock();
    std::unique_lock resize(map_mu);
    if (Status s = env.SetMapSize(0); !s) return Context(s.error());
  }
}

Status StoreCore::Grow(uint64_t map_bytes_at_failure) {
  std::unique_lock resize(map_mu);
  if (map_bytes > map_bytes_at_failure) return Status::Ok();  // grown meanwhile
  if (map_bytes >= max_map_bytes) {
    const uint64_t mib = max_map_bytes / kMiB;
    return MakeError("store.full", prefix + "store full: the map reached max_store_mib = " +
                                       std::to_string(mib) +
                                       " MiB; nothing committed is lost: resume with a larger "
                                       "--max-store-mib (e.g. " +
                                       std::to_string(2 * mib) + ")");
  }
  uint64_t next = std::min(max_map_bytes, map_bytes * 2);
  // Before LMDB sizes the file to the new map (write_map).
  if (write_map) {
    if (Status s = PreallocateMap(next); !s) return s;
  }
  if (Status s = env.SetMapSize(next); !s) return Context(s.error());
  Result<MDB_envinfo> info = env.Info();
  map_bytes = info ? info->me_mapsize : next;
  return Status::Ok();
}

void StoreCore::ReleaseResidentMapAfterWrite() {
  // After every commit: the next transaction faults back in only the pages
  // it reads (B-tree branches and the leaves it touches), each fault mapping
  // up to 16 cached neighbours (fault-around; MADV_RANDOM does not stop it
  // on Linux 6.18) or a whole large folio. On B1, with the writer's URL
  // cache: peak RSS 257-285 -> 195-208 MB for +0-5% CPU (+35k minor
  // faults), where releasing every 16 MiB of growth kept 130-150 MB of the
  // file mapped (tests/bench/README.md, "Writer and RSS"). Before the cache
  // the same cost +48% CPU (session 6): every outlink look-up refaulted.
  // Held shared throughout: Grow remaps the map only under the exclusive lock.
  std::shared_lock hold(map_mu);
  ReleaseResidentPages(FindFileMapping(dir / kDataFile));
}

Result<schema::Counters> StoreCore::LoadCounters(const lmdb::Txn& txn) const {
  Result<std::optional<std::string_view>> bytes = dbs.meta.Get(txn, schema::kCountersKey);
  if (!bytes) return Context(bytes.error());
  if (!*bytes) return MakeError("store.corrupt", prefix + "damaged store (no counters in meta)");
  Result<schema::Counters> counters = schema::DecodeCounters(**bytes);
  if (!counters) return Corrupt("meta", counters.error());
  return counters;
}

Result<std::string_view> StoreCore::UrlOf(const lmdb::Txn& txn, uint64_t id) const {
  Result<std::optional<std::string_view>> url = dbs.urls.Get(txn, schema::IdKey(id));
  if (!url) return Context(url.error());
  if (!*url) {
    return MakeError("store.corrupt",
                     prefix + "damaged store (url id " + std::to_string(id) + " missing in urls)");
  }
  return **url;
}

Result<std::optional<schema::UrlIdValue>> StoreCore::LookupUrl(const lmdb::Txn& txn,
                                                               std::string_view url,
                                                               std::string_view key) const {
  Result<std::optional<std::string_view>> bytes = dbs.url_ids.Get(txn, key);
  if (!bytes) return Context(bytes.error());
  if (!*bytes) return std::optional<schema::UrlIdValue>();
  Result<schema::UrlIdValue> value = schema::DecodeUrlIdValue(**bytes);
  if (!value) return Corrupt("url_ids", value.error());
  if (schema::IsHashedUrlIdKey(key)) {
    Result<std::string_view> stored = UrlOf(txn, value->id);
    if (!stored) return stored.error();
    if (*stored != url) {
      return MakeError("store.corrupt", prefix + "url_ids: hashed key of url id " +
                                            std::to_string(value->id) + " names a different URL");
    }
  }
  return std::optional<schema::UrlIdValue>(*value);
}

Result<std::optional<schema::UrlIdValue>> StoreCore::LookupUrl(const lmdb::Txn& txn,
                                                               std::string_view url) const {
  if (url.empty()) return std::optional<schema::UrlIdValue>();
  std::string key_buffer;
  return LookupUrl(txn, url, schema::UrlIdKey(url, &key_buffer));
}

// --- Store ---

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

const fs::path& Store::dir() const { return impl_->dir; }

Status Store::Sync() {
  if (impl_->read_only) return Status::Ok();
  if (Status s = lmdb::Check("mdb_env_sync", mdb_env_sync(impl_->env.get(), 1)); !s) {
    return impl_->Context(s.error());
  }
  ++impl_->syncs;
  return Status::Ok();
}

uint64_t Store::SyncCount() const { return impl_->syncs.load(); }

unsigned Store::LmdbFlags() const {
  unsigned flags = 0;
  mdb_env_get_flags(impl_->env.get(), &flags);
  return flags;
}

// --- meta ---

Status Store::PutMeta(std::string_view key, std::string_view value) {
  if (key == schema::kSchemaKey || key == schema::kCountersKey) {
    return MakeError("store.reserved", impl_->prefix + "meta key '" + std::string(key) +
                                           "' is written by the store itself");
  }
  if (key.empty() || key.size() > schema::kMaxKeyBytes) {
    return MakeError("store.invalid", impl_->prefix + "meta key must be 1 to 511 bytes");
  }
  return impl_->Write([&](lmdb::Txn& txn) { return impl_->dbs.meta.Put(txn, key, value); });
}

Result<std::optional<std::string>> Store::GetMeta(std::string_view key) const {
  if (key.empty() || key.size() > schema::kMaxKeyBytes) return std::optional<std::string>();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<std::optional<std::string_view>> value = impl_->dbs.meta.Get(read->txn, key);
  if (!value) return impl_->Context(value.error());
  if (!*value) return std::optional<std::string>();
  return std::optional<std::string>(std::string(**value));
}

// --- frontier reads ---

Result<std::vector<QueuedUrl>> Store::LoadPending(std::string_view host_key, uint64_t after_seq,
                                                  size_t limit) {
  std::vector<QueuedUrl> out;
  if (limit == 0 || after_seq == UINT64_MAX) return out;
  if (host_key.find('\0') != std::string_view::npos) {
    return MakeError("store.invalid", impl_->prefix + "host key contains a NUL byte");
  }
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, impl_->dbs.frontier);
  if (!cursor) return impl_->Context(cursor.error());
  const std::string prefix = schema::FrontierPrefix(host_key);
  Result<std::optional<lmdb::Cursor::Entry>> entry =
      cursor->Seek(schema::FrontierKey(host_key, after_seq + 1));
  while (true) {
    if (!entry) return impl_->Context(entry.error());
    if (!*entry || out.size() >= limit) break;
    auto [key, value] = **entry;
    if (!key.starts_with(prefix)) break;
    if (key.size() != prefix.size() + 8) {
      return MakeError("store.corrupt", impl_->prefix + "frontier: key of " +
                                            std::to_string(key.size()) + " bytes for host '" +
                                            std::string(host_key) + "'");
    }
    Result<schema::FrontierValue> fv = schema::DecodeFrontierValue(value);
    if (!fv) return impl_->Corrupt("frontier", fv.error());
    Result<std::string_view> url = impl_->UrlOf(txn, fv->url_id);
    if (!url) return url.error();
    out.push_back(QueuedUrl{codec::DecodeFixed64BE(key.data() + prefix.size()), std::string(*url),
                            fv->depth, fv->redirects, fv->attempts, std::move(fv->redirect_chain)});
    entry = cursor->Get(MDB_NEXT);
  }
  return out;
}

Result<std::vector<std::string>> Store::PendingHosts() const {
  std::vector<std::string> hosts;
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(read->txn, impl_->dbs.frontier);
  if (!cursor) return impl_->Context(cursor.error());
  // One seek per host, past all of its entries: O(hosts log n), not O(n).
  Result<std::optional<lmdb::Cursor::Entry>> entry = cursor->Get(MDB_FIRST);
  while (true) {
    if (!entry) return impl_->Context(entry.error());
    if (!*entry) break;
    std::string_view key = (*entry)->first;
    size_t nul = key.find('\0');
    if (nul == std::string_view::npos) {
      return MakeError("store.corrupt", impl_->prefix + "frontier: key without host separator");
    }
    hosts.emplace_back(key.substr(0, nul));
    std::string next = hosts.back();
    next.push_back('\x01');
    entry = cursor->Seek(next);
  }
  return hosts;
}

Result<uint64_t> Store::PagesRecorded() const {
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<MDB_stat> stat = impl_->dbs.pages.Stat(read->txn);
  if (!stat) return impl_->Context(stat.error());
  return static_cast<uint64_t>(stat->ms_entries);
}

// --- readers ---

Result<std::optional<StoredPage>> Store::GetPage(std::string_view url) const {
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  Result<std::optional<schema::UrlIdValue>> id = impl_->LookupUrl(txn, url);
  if (!id) return id.error();
  if (!*id || (*id)->state != schema::UrlState::kDone) return std::optional<StoredPage>();
  Result<std::optional<std::string_view>> bytes =
      impl_->dbs.pages.Get(txn, schema::IdKey((*id)->id));
  if (!bytes) return impl_->Context(bytes.error());
  if (!*bytes) return std::optional<StoredPage>();
  const std::string what = "pages value of url id " + std::to_string((*id)->id);
  Result<schema::DecodedPage> page = schema::DecodePage(**bytes);
  if (!page) return impl_->Corrupt(what, page.error());
  Result<std::string> body = DecompressBody(page->body_zstd);
  if (!body) return impl_->Corrupt(what, body.error());
  const schema::PageHeader& h = page->header;
  StoredPage out;
  out.url = std::string(url);
  out.kind = h.kind;
  out.http_status = h.http_status;
  out.error = std::string(h.error);
  out.reason = h.reason;
  out.attempts = h.attempts;
  out.fetch_start_ms = h.fetch_start_ms;
  out.fetch_end_ms = h.fetch_end_ms;
  out.depth = h.depth;
  out.content_type = std::string(h.content_type);
  out.response_headers = std::string(h.response_headers);
  out.charset = std::string(h.charset);
  out.body = std::move(*body);
  out.body_truncated = h.body_truncated;
  out.exchange_recorded = h.exchange_recorded;
  out.request = std::string(h.request);
  out.peer_address = std::string(h.peer_address);
  if (h.exchange_recorded) {
    out.body_as_received = h.received_body_differs ? std::string(h.received_body) : out.body;
  }
  return std::optional<StoredPage>(std::move(out));
}

Status Store::ForEachEdge(const std::function<bool(const EdgeView&)>& fn) const {
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  return impl_->ForEachById(
      txn, impl_->dbs.links, "links", [&](uint64_t id, std::string_view value) -> Result<bool> {
        Result<std::string_view> source = impl_->UrlOf(txn, id);
        if (!source) return source.error();
        schema::EdgeReader reader(value);
        schema::EdgeRecord edge;
        while (reader.Next(&edge)) {
          Result<std::string_view> target = impl_->UrlOf(txn, edge.target_id);
          if (!target) return target.error();
          if (!fn(EdgeView{*source, *target, edge.role, edge.anchor_text, edge.followed,
                           edge.reason})) {
            return false;
          }
        }
        if (Status s = reader.Finish(); !s) {
          return impl_->Corrupt("links value of url id " + std::to_string(id), s.error());
        }
        return true;
      });
}

Status Store::ForEachPageUrl(
    const std::function<bool(std::string_view url, uint16_t status)>& fn) const {
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  return impl_->ForEachById(
      txn, impl_->dbs.pages, "pages", [&](uint64_t id, std::string_view value) -> Result<bool> {
        Result<schema::DecodedPage> page = schema::DecodePage(value);
        if (!page) {
          return impl_->Corrupt("pages value of url id " + std::to_string(id), page.error());
        }
        Result<std::string_view> url = impl_->UrlOf(txn, id);
        if (!url) return url.error();
        return fn(*url, page->header.http_status);
      });
}

Result<std::optional<RobotsRecord>> Store::LoadRobots(std::string_view origin) {
  if (origin.empty() || origin.size() > schema::kMaxKeyBytes) return std::optional<RobotsRecord>();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<std::optional<std::string_view>> bytes = impl_->dbs.hosts.Get(read->txn, origin);
  if (!bytes) return impl_->Context(bytes.error());
  if (!*bytes) return std::optional<RobotsRecord>();
  Result<schema::HostValue> host = schema::DecodeHostValue(**bytes);
  if (!host) return impl_->Corrupt("hosts value of " + std::string(origin), host.error());
  return std::optional<RobotsRecord>(RobotsRecord{host->robots_http_status, host->robots_fetched_ms,
                                                  std::string(host->robots_body)});
}

Result<std::optional<PersistedHostState>> Store::LoadHostState(std::string_view host_key) {
  if (!impl_->dbs.has_host_state || host_key.empty() || host_key.size() > schema::kMaxKeyBytes) {
    return std::optional<PersistedHostState>();
  }
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<std::optional<std::string_view>> bytes = impl_->dbs.host_state.Get(read->txn, host_key);
  if (!bytes) return impl_->Context(bytes.error());
  if (!*bytes) return std::optional<PersistedHostState>();
  Result<PersistedHostState> state = schema::DecodeHostStateValue(**bytes);
  if (!state) return impl_->Corrupt("host_state value of " + std::string(host_key), state.error());
  return std::optional<PersistedHostState>(std::move(*state));
}

Status Store::ForEachHostState(
    const std::function<bool(std::string_view, const PersistedHostState&)>& fn) const {
  if (!impl_->dbs.has_host_state) return Status::Ok();
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(read->txn, impl_->dbs.host_state);
  if (!cursor) return impl_->Context(cursor.error());
  for (auto entry = cursor->Get(MDB_FIRST);; entry = cursor->Get(MDB_NEXT)) {
    if (!entry) return impl_->Context(entry.error());
    if (!*entry) break;
    const auto& [key, value] = **entry;
    Result<PersistedHostState> state = schema::DecodeHostStateValue(value);
    if (!state) return impl_->Corrupt("host_state value of " + std::string(key), state.error());
    if (!fn(key, *state)) break;
  }
  return Status::Ok();
}

Result<StoreStats> Store::Stats() const {
  StoreStats stats;
  if (impl_->read_only) {
    Result<bool> held = StoreLock::HeldByOther(impl_->dir);
    if (!held) return held.error();
    stats.locked_by_other_process = *held;
  }
  Result<ReadTxn> read = impl_->BeginRead();
  if (!read) return read.error();
  const lmdb::Txn& txn = read->txn;
  Result<std::optional<std::string_view>> state = impl_->dbs.meta.Get(txn, schema::kJobStateKey);
  if (!state) return impl_->Context(state.error());
  stats.job_state = *state ? std::string(**state) : "new";
  Result<schema::Counters> counters = impl_->LoadCounters(txn);
  if (!counters) return counters.error();
  std::copy(std::begin(counters->pages_by_status_class), std::end(counters->pages_by_status_class),
            std::begin(stats.pages_by_status_class));
  stats.robots_denied = counters->robots_denied;
  stats.body_bytes = counters->body_bytes;
  stats.stored_bytes = counters->stored_bytes;
  stats.edges = counters->edges;
  // Entry counts are kept by LMDB in each database's root: free and exact.
  struct {
    const lmdb::Dbi* dbi;
    uint64_t* out;
  } const entry_counts[] = {{&impl_->dbs.frontier, &stats.urls_queued},
                            {&impl_->dbs.url_ids, &stats.urls_known},
                            {&impl_->dbs.hosts, &stats.hosts}};
  for (const auto& count : entry_counts) {
    Result<MDB_stat> stat = count.dbi->Stat(txn);
    if (!stat) return impl_->Context(stat.error());
    *count.out = stat->ms_entries;
  }
  return stats;
}

}  // namespace nc::storage
