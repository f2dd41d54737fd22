// Store::Open: from a directory path to an open store, in steps: the
// directory, the writer lock, the LMDB environment, then the databases
// (checked, or created for a new store). README.md, "Opening", lists what
// each directory state gives.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <system_error>
#include <tuple>

#include "storage/article_log.h"
#include "storage/frontier_loader.h"
#include "storage/store_impl.h"
#include "storage/watch_schema.h"

namespace nc::storage {
namespace fs = std::filesystem;
namespace {

// Files a store directory may hold before data.mdb exists: our lock file,
// and LMDB's lock file from an open that failed before the first commit.
bool OnlyStoreLeftovers(const fs::path& dir, std::error_code& ec) {
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (name != "lock" && name != "lock.mdb") return false;
  }
  return !ec;
}

// Makes the creation of `dir` and of its data files durable: fsync on a file
// does not persist the directory entry that names it. Best effort: a failure
// here only matters on power loss before the first commit.
void SyncDirectoryEntries(const fs::path& dir) {
  for (const fs::path& path : {dir, dir.parent_path()}) {
    if (path.empty()) continue;
    int fd = open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) continue;
    fsync(fd);
    close(fd);
  }
}

Error NotAStore(const std::string& prefix, std::string_view why) {
  return MakeError("store.not_a_store",
                   prefix + "not a newscrawl store (" + std::string(why) + ")");
}

// The named databases, in the order Open creates and opens them.
struct DbSpec {
  const char* name;
  lmdb::Dbi Dbs::*member;
};
constexpr DbSpec kDbSpecs[] = {
    {schema::kMetaDb, &Dbs::meta},   {schema::kUrlIdsDb, &Dbs::url_ids},
    {schema::kUrlsDb, &Dbs::urls},   {schema::kFrontierDb, &Dbs::frontier},
    {schema::kPagesDb, &Dbs::pages}, {schema::kLinksDb, &Dbs::links},
    {schema::kHostsDb, &Dbs::hosts}, {schema::kHostCountsDb, &Dbs::host_counts},
};

// Watch mode's databases came after schema 2 was released: like host_state,
// a writable open creates them and a read-only open of an older store finds
// none (has_watch false: no watched pages, no history).
Status OpenWatchDbs(lmdb::Txn& txn, bool writable, Dbs& dbs) {
  const std::pair<const char*, lmdb::Dbi Dbs::*> specs[] = {
      {schema::kWatchDb, &Dbs::watch},
      {schema::kFirstSeenDb, &Dbs::first_seen},
      {schema::kVersionsDb, &Dbs::versions},
      {schema::kBodiesDb, &Dbs::bodies}};
  for (const auto& [name, member] : specs) {
    Result<std::optional<lmdb::Dbi>> dbi = lmdb::Dbi::Open(txn, name, writable ? MDB_CREATE : 0);
    if (!dbi) return dbi.error();
    if (!*dbi) return Status::Ok();
    dbs.*member = **dbi;
  }
  dbs.has_watch = true;
  return Status::Ok();
}

// `articles` came later still, and `article_log` (storage/article_log.h)
// after it: the same rule, each on its own.
Status OpenArticlesDb(lmdb::Txn& txn, bool writable, Dbs& dbs) {
  const std::tuple<const char*, lmdb::Dbi Dbs::*, bool Dbs::*> specs[] = {
      {schema::kArticlesDb, &Dbs::articles, &Dbs::has_articles},
      {article_log::kDb, &Dbs::article_log, &Dbs::has_article_log}};
  for (const auto& [name, member, has] : specs) {
    Result<std::optional<lmdb::Dbi>> dbi = lmdb::Dbi::Open(txn, name, writable ? MDB_CREATE : 0);
    if (!dbi) return dbi.error();
    if (!*dbi) continue;
    dbs.*member = **dbi;
    dbs.*has = true;
  }
  return Status::Ok();
}

// Creates every database and the store's own meta keys, in `txn`.
Status InitializeSchema(lmdb::Txn& txn, Dbs& dbs) {
  for (const DbSpec& spec : kDbSpecs) {
    Result<std::optional<lmdb::Dbi>> dbi = lmdb::Dbi::Open(txn, spec.name, MDB_CREATE);
    if (!dbi) return dbi.error();
    dbs.*spec.member = **dbi;
  }
  Result<std::optional<lmdb::Dbi>> host_state =
      lmdb::Dbi::Open(txn, schema::kHostStateDb, MDB_CREATE);
  if (!host_state) return host_state.error();
  dbs.host_state = **host_state;
  dbs.has_host_state = true;
  if (Status s = OpenWatchDbs(txn, true, dbs); !s) return s;
  if (Status s = OpenArticlesDb(txn, true, dbs); !s) return s;
  if (Status s = dbs.meta.Put(txn, schema::kSchemaKey, std::to_string(kSchemaVersion)); !s) {
    return s;
  }
  return dbs.meta.Put(txn, schema::kCountersKey, schema::EncodeCounters(schema::Counters{}));
}

// Checks that `txn` sees a newscrawl store of our schema and opens its
// databases. `meta` was found by the caller.
Status OpenSchema(const std::string& prefix, lmdb::Txn& txn, lmdb::Dbi meta, bool writable,
                  Dbs& dbs) {
  Result<std::optional<std::string_view>> version = meta.Get(txn, schema::kSchemaKey);
  if (!version) return version.error();
  if (!*version) return NotAStore(prefix, "no schema version in meta");
  std::string_view text = **version;
  uint64_t number = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return NotAStore(prefix, "unreadable schema version '" + std::string(text.substr(0, 40)) + "'");
  }
  if (number != kSchemaVersion) {
    return MakeError("store.schema", prefix + "schema version " + std::string(text) +
                                         ", this newscrawl reads " +
                                         std::to_string(kSchemaVersion));
  }
  for (const DbSpec& spec : kDbSpecs) {
    Result<std::optional<lmdb::Dbi>> dbi = lmdb::Dbi::Open(txn, spec.name, 0);
    if (!dbi) return dbi.error();
    if (!*dbi) {
      return MakeError("store.corrupt",
                       prefix + "damaged store (no '" + std::string(spec.name) + "' database)");
    }
    dbs.*spec.member = **dbi;
  }
  // host_state came after schema 1 was released: an older store gets it on
  // its first writable open (no version bump: old stores stay readable, and
  // an older newscrawl simply ignores it).
  Result<std::optional<lmdb::Dbi>> host_state =
      lmdb::Dbi::Open(txn, schema::kHostStateDb, writable ? MDB_CREATE : 0);
  if (!host_state) return host_state.error();
  if (*host_state) {
    dbs.host_state = **host_state;
    dbs.has_host_state = true;
  }
  if (Status s = OpenWatchDbs(txn, writable, dbs); !s) return s;
  return OpenArticlesDb(txn, writable, dbs);
}

// The directory exists (created unless `must_exist`) and holds a store, or
// nothing but the leftovers of a creation that stopped early.
Status PrepareDirectory(const fs::path& dir, const std::string& prefix, bool must_exist) {
  std::error_code ec;
  fs::file_status status = fs::status(dir, ec);
  if (!fs::exists(status)) {
    if (must_exist) return MakeError("store.not_found", prefix + "no such store");
    fs::create_directories(dir, ec);
    if (ec) return MakeError("store.io", prefix + "cannot create directory: " + ec.message());
  } else if (!fs::is_directory(status)) {
    return NotAStore(prefix, "not a directory");
  }
  if (fs::exists(dir / kDataFile, ec)) return Status::Ok();
  if (must_exist) return NotAStore(prefix, "no data.mdb");
  bool leftovers_only = OnlyStoreLeftovers(dir, ec);
  if (ec) return MakeError("store.io", prefix + "cannot list directory: " + ec.message());
  if (!leftovers_only) {
    return NotAStore(prefix, "the directory holds other files and no data.mdb");
  }
  return Status::Ok();
}

// A writer takes the directory's lock file (one writer process); every open
// registers the directory (once per process: LMDB's locks are per process).
Status ClaimDirectory(StoreCore& core) {
  if (!core.read_only) {
    Result<StoreLock> lock = StoreLock::Acquire(core.dir);
    if (!lock) return lock.error();
    core.lock.emplace(std::move(*lock));
  }
  Result<OpenDirRegistration> registration = OpenDirRegistration::Register(core.dir);
  if (!registration) return registration.error();
  core.registration.emplace(std::move(*registration));
  return Status::Ok();
}

// README.md, "Durability flags". Read-only opens ignore the sync mode.
unsigned EnvironmentFlags(const OpenOptions& options, bool write_map) {
  if (options.read_only) return MDB_NOTLS | MDB_RDONLY;
  // MDB_WRITEMAP always with every commit synced: LMDB keeps a store intact
  // through a crash under MDB_NOSYNC only without MDB_WRITEMAP, and a load
  // commits once per 500k-URL chunk, so the syncs cost nothing measurable.
  if (write_map) return MDB_NOTLS | MDB_WRITEMAP;
  switch (options.sync) {
    case SyncMode::kBatch:
      break;
    case SyncMode::kMeta:
      return MDB_NOTLS | MDB_NOMETASYNC;
    case SyncMode::kPeriodic:
      return MDB_NOTLS | MDB_NOSYNC;
  }
  return MDB_NOTLS;
}

Status OpenEnvironmentWithFlags(StoreCore& core, uint64_t initial_map_bytes, unsigned flags) {
  Result<lmdb::Env> env = lmdb::Env::Create(schema::kMaxDbs, initial_map_bytes);
  if (!env) return core.Context(env.error());
  core.env = std::move(*env);
  if (Status s = core.env.Open(core.dir, flags); !s) {
    const std::string& code = s.error().code;
    if (code == "lmdb.invalid" || code == "lmdb.version_mismatch") {
      return NotAStore(core.prefix, s.error().message);
    }
    return s;
  }
  return Status::Ok();
}

// A read-only open of a store this user cannot write: LMDB's reader table
// (lock.mdb) cannot be opened for writing, which it needs even with
// MDB_RDONLY (it only does without on a read-only file system). With no
// crawl writing to the store (no holder of DIR/lock), the environment is
// opened without the reader table (MDB_NOLOCK): a reader then only needs
// what no writer will overwrite, which holds while no crawl runs. With a
// crawl writing, reading without registering could meet pages being
// reused, so the open is refused with what to do instead.
Status OpenUnwritableForReading(StoreCore& core) {
  const std::string data = (core.dir / kDataFile).string();
  if (access(data.c_str(), R_OK) != 0) {
    const int error = errno;
    return MakeError("store.permission", core.prefix + "cannot read data.mdb: " +
                                             std::system_category().message(error));
  }
  Result<bool> writing = StoreLock::HeldByOther(core.dir);
  if (writing && *writing) {
    return MakeError("store.permission", core.prefix +
                                             "cannot be read while a crawl writes to it: this user "
                                             "cannot write its lock.mdb (reader table); run as the "
                                             "store's owner, or after the crawl");
  }
  if (Status s = OpenEnvironmentWithFlags(core, 0, MDB_NOTLS | MDB_RDONLY | MDB_NOLOCK); !s) {
    return s.error().code == "lmdb.permission_denied"
               ? MakeError("store.permission",
                           core.prefix + "permission denied: " + s.error().message)
               : core.Context(s.error());
  }
  return Status::Ok();
}

// The LMDB environment of the directory, with the map size and flags of
// `options`.
Status OpenEnvironment(StoreCore& core, const OpenOptions& options) {
  // A read-only open takes the map size recorded in the file.
  const uint64_t initial =
      core.read_only
          ? 0
          : std::min(std::max<uint64_t>(options.initial_map_mib, 1) * kMiB, core.max_map_bytes);
  Status s = OpenEnvironmentWithFlags(core, initial, EnvironmentFlags(options, core.write_map));
  if (s || s.error().code == "store.not_a_store") return s;
  if (s.error().code == "lmdb.permission_denied") {
    if (core.read_only) return OpenUnwritableForReading(core);
    return MakeError("store.permission", core.prefix + "this user cannot write the store (" +
                                             s.error().message +
                                             "); status, export and cat can still read it");
  }
  return core.Context(s.error());
}

// An environment without a meta database: a store whose creation stopped
// before its first commit is initialised in `txn`, unless `must_exist`;
// anything else in it is not ours.
Status InitializeEmptyEnvironment(StoreCore& core, lmdb::Txn& txn, bool must_exist) {
  Result<std::optional<lmdb::Dbi>> main = lmdb::Dbi::Open(txn, nullptr, 0);
  if (!main) return core.Context(main.error());
  Result<MDB_stat> stat = (*main)->Stat(txn);
  if (!stat) return core.Context(stat.error());
  if (stat->ms_entries != 0 || must_exist) return NotAStore(core.prefix, "no meta database");
  if (Status s = InitializeSchema(txn, core.dbs); !s) return core.Context(s.error());
  return Status::Ok();
}

// In one transaction: the databases of an existing store, its schema
// checked, or those of a new store, created. Returns whether it created them.
Result<bool> OpenDatabases(StoreCore& core, OpenMode mode, bool must_exist) {
  Result<lmdb::Txn> txn = lmdb::Txn::Begin(core.env.get(), core.read_only ? MDB_RDONLY : 0);
  if (!txn) return core.Context(txn.error());
  Result<std::optional<lmdb::Dbi>> meta = lmdb::Dbi::Open(*txn, schema::kMetaDb, 0);
  if (!meta) {
    // A named database that is not one (a foreign LMDB file) fails here.
    if (meta.error().code == "lmdb.incompatible") return NotAStore(core.prefix, "no meta database");
    return core.Context(meta.error());
  }
  const bool created = !*meta;
  if (created) {
    if (Status s = InitializeEmptyEnvironment(core, *txn, must_exist); !s) return s.error();
  } else if (mode == OpenMode::kCreate) {
    return MakeError("store.exists", core.prefix + "already holds a newscrawl store");
  } else if (Status s = OpenSchema(core.prefix, *txn, **meta, !core.read_only, core.dbs); !s) {
    return core.Context(s.error());
  }
  // Committing (even a read-only txn) keeps the database handles open.
  if (Status s = txn->Commit(); !s) return core.Context(s.error());
  return created;
}

// Opens the store of `dir` into a new `CoreImpl` (Store::Impl, named by the
// callers that may: Store::Open and its friend FrontierLoader::OpenStore).
template <class CoreImpl>
Result<std::unique_ptr<CoreImpl>> OpenCore(const fs::path& dir, OpenMode mode,
                                           const OpenOptions& options, bool write_map) {
  const std::string prefix = "store " + dir.string() + ": ";
  const bool must_exist = mode == OpenMode::kOpenExisting || options.read_only;
  if (Status s = PrepareDirectory(dir, prefix, must_exist); !s) return s.error();
  const uint64_t max_map_bytes = std::max<uint64_t>(options.max_map_mib, 1) * kMiB;
  auto impl = std::make_unique<CoreImpl>(dir, options.read_only, max_map_bytes, options.sync,
                                         write_map);
  if (Status s = ClaimDirectory(*impl); !s) return s.error();
  if (Status s = OpenEnvironment(*impl, options); !s) return s.error();
  if (impl->write_map) {
    // Before the first write into the map (creating the databases writes).
    Result<MDB_envinfo> mapped = impl->env.Info();
    if (!mapped) return impl->Context(mapped.error());
    if (Status s = impl->PreallocateMap(mapped->me_mapsize); !s) return s.error();
  }
  Result<bool> created = OpenDatabases(*impl, mode, must_exist);
  if (!created) return created.error();
  if (*created) SyncDirectoryEntries(dir);
  Result<MDB_envinfo> info = impl->env.Info();
  if (!info) return impl->Context(info.error());
  impl->map_bytes = info->me_mapsize;
  return impl;
}

}  // namespace

Result<std::unique_ptr<Store>> Store::Open(const fs::path& dir, OpenMode mode,
                                           const OpenOptions& options) {
  Result<std::unique_ptr<Impl>> impl = OpenCore<Impl>(dir, mode, options, false);
  if (!impl) return impl.error();
  return std::unique_ptr<Store>(new Store(std::move(*impl)));
}

Result<std::unique_ptr<Store>> FrontierLoader::OpenStore(const fs::path& dir, OpenMode mode,
                                                         const OpenOptions& options) {
  Result<std::unique_ptr<Store::Impl>> impl =
      OpenCore<Store::Impl>(dir, mode, options, !options.read_only);
  if (!impl) return impl.error();
  return std::unique_ptr<Store>(new Store(std::move(*impl)));
}

}  // namespace nc::storage
