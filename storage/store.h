#pragma once
// Store: the LMDB environment of one crawl job and every read and write the
// crawler, `status`, `cat` and the exporters make. Layouts: storage/README.md.
//
// Ownership: one Store per process per directory (an exclusive lock file
// enforces one writer process). Writes go through CommitBatch, called by the
// BatchWriter thread only (LMDB allows one write transaction at a time); read
// functions may be called from any thread concurrently (each uses its own
// read-only transaction).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "frontier/link.h"
#include "frontier/scheduler.h"

namespace nc::storage {

inline constexpr uint32_t kSchemaVersion = 2;

// An outlink of a fetched page, as decided by the crawler's follow policy.
struct OutlinkRecord {
  std::string target;        // canonical key (absolute URL)
  std::string host_key;      // of the target
  std::string anchor_text;
  LinkRole role = LinkRole::kOther;
  bool follow = false;       // policy wants it fetched (enqueued unless already known-queued)
  SkipReason reason = SkipReason::kNone;  // why not, when !follow
  uint32_t depth = 0;        // depth the target gets if enqueued
  uint32_t redirects = 0;    // redirect hops the target gets if enqueued
};

enum class FetchKind : uint8_t {
  kFetched = 0,        // an HTTP response was received (any status)
  kFailed = 1,         // network/TLS/protocol error: `error` says which
  kRobotsDenied = 2,   // not fetched: robots.txt disallows it
};

// One finished frontier entry: written with its edges, its new URLs and the
// removal of its frontier entry in one transaction.
struct PageRecord {
  std::string url;          // canonical key
  std::string host_key;
  uint64_t frontier_seq = 0;
  uint32_t depth = 0;
  uint32_t redirects = 0;   // redirect hops that led to this URL
  FetchKind kind = FetchKind::kFetched;
  uint16_t http_status = 0;
  std::string error;        // for kFailed: "timeout: read", "tls: certificate verify failed", ...
  int64_t fetch_start_ms = 0;  // wall clock
  int64_t fetch_end_ms = 0;
  std::string content_type;
  std::string response_headers;  // raw header block
  uint64_t body_size = 0;        // decoded size
  std::string body_zstd;         // zstd frame of the decoded body ("" when no body)
  bool body_truncated = false;
  std::vector<OutlinkRecord> links;
  // The fetch failed transiently (timeout, connection error, 429, 5xx) and
  // may be tried again: instead of recording the page, the commit replaces
  // its frontier entry by a new one (new seq, attempts + 1), so the URL is
  // fetched again later, after the host's back-off. Only the final outcome
  // of a URL is stored as its page.
  bool retry = false;
  uint32_t attempts = 0;  // of the URL before this fetch (QueuedUrl::attempts)
  // Not a fetch result: only `url`'s outlinks (`links`) are recorded, with
  // their new frontier entries, as for a page; no page record is written,
  // no frontier entry is removed, and `url` keeps its state (known when
  // new). For links found outside a page fetch: the Sitemap: lines of a
  // robots.txt. They replace earlier edges of `url`. Not counted in
  // CommitReport::pages. Only `url` and `links` are read.
  bool links_only = false;
  // With links_only: the robots.txt fetch these links came from, recorded
  // as PutRobots would, in the same transaction as its Sitemap: links. A
  // resume that uses the stored robots.txt instead of fetching it again
  // therefore always finds its sitemaps queued too. A record with `robots`
  // and no links leaves the URL's earlier edges alone.
  struct RobotsFetch {
    std::string origin;
    int http_status = 0;  // 0: no usable answer (network error, undecodable body)
    std::string body;
    int64_t fetched_ms = 0;
  };
  std::optional<RobotsFetch> robots;
};

// What a committed batch changed, for the scheduler.
struct CommitReport {
  struct Enqueued {
    std::string host_key;
    QueuedUrl url;
  };
  std::vector<Enqueued> enqueued;  // new frontier entries, in seq order
  uint64_t pages = 0;              // PageRecords committed (links_only ones not counted)
};

struct StoredPage {
  std::string url;
  FetchKind kind = FetchKind::kFetched;
  uint16_t http_status = 0;
  std::string error;
  int64_t fetch_start_ms = 0, fetch_end_ms = 0;
  uint32_t depth = 0;
  std::string content_type;
  std::string response_headers;
  std::string body;  // decompressed
  bool body_truncated = false;
};

struct EdgeView {
  std::string_view source;
  std::string_view target;
  LinkRole role;
  std::string_view anchor_text;
  bool followed;
  SkipReason reason;
};

struct StoreStats {
  std::string job_state;           // "running", "interrupted", "finished", "new"
  bool locked_by_other_process = false;
  uint64_t pages_by_status_class[6] = {};  // index 0: no response/errors, 1..5: 1xx..5xx
  uint64_t robots_denied = 0;
  uint64_t urls_queued = 0;
  uint64_t urls_known = 0;
  uint64_t hosts = 0;
  uint64_t edges = 0;
  uint64_t body_bytes = 0;         // decoded bytes of stored bodies
  uint64_t stored_bytes = 0;       // compressed bytes of stored bodies
};

enum class OpenMode {
  kCreate,        // new store; fails if DIR already holds one
  kOpenOrCreate,  // crawl: continue if it exists
  kOpenExisting,  // resume, status, export, cat: fails if DIR is not a newscrawl store
};

// When a commit reaches the disk (README "Durability"). A process crash
// (kill -9) loses no commit in any mode: the OS has the written pages.
enum class SyncMode {
  kBatch,     // default LMDB: fsync of the data, then of the meta page, per commit
  kMeta,      // MDB_NOMETASYNC: data fsynced per commit, meta page at the next one
  kPeriodic,  // MDB_NOSYNC: Store::Sync() by the BatchWriter every interval, and at close
};
// "batch", "meta", "periodic" (CrawlConfig::sync); nullopt for anything else.
std::optional<SyncMode> ParseSyncMode(std::string_view name);

struct OpenOptions {
  bool read_only = false;      // status, export, cat: no lock taken, no writes
  uint64_t max_map_mib = 65536;
  // Map size of a new store; it doubles (up to max_map_mib) whenever a write
  // transaction fills it. Tests set it low to exercise growth.
  uint64_t initial_map_mib = 64;
  SyncMode sync = SyncMode::kBatch;
};

// The last robots.txt fetch of an origin (PutRobots).
using StoredRobots = RobotsRecord;

// A host's politeness state to persist with a batch (see BatchWriter).
struct HostStateRecord {
  std::string host_key;
  PersistedHostState state;  // a healthy state deletes the host's record
};

class Store : public FrontierSource {
 public:
  // Errors: "store DIR: not a newscrawl store (...)", "store DIR: schema
  // version 7, this newscrawl reads 1", "store DIR: in use by another
  // newscrawl process (pid 123)", "store DIR: no such store".
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& dir, OpenMode mode,
                                             const OpenOptions& options);
  ~Store() override;

  // --- job metadata (own write transaction) ---
  Status PutMeta(std::string_view key, std::string_view value);
  Result<std::optional<std::string>> GetMeta(std::string_view key) const;

  // --- frontier ---
  // Adds URLs (seeds) that are not yet queued or done; like outlinks, only
  // records with `follow` set are enqueued. Returns what was enqueued.
  Result<CommitReport> AddSeeds(std::span<const OutlinkRecord> seeds);
  Result<std::vector<QueuedUrl>> LoadPending(std::string_view host_key, uint64_t after_seq,
                                             size_t limit) override;
  // Every host with at least one pending URL (resume).
  Result<std::vector<std::string>> PendingHosts() const;
  // Pages recorded so far (counts toward max_pages on resume).
  Result<uint64_t> PagesRecorded() const;

  // crawl.max_pages_per_host: a link (or seed) whose target would be the
  // (max+1)th URL admitted to the frontier under its host key is recorded
  // as not followed, reason limit. 0 = no limit (the default). The count
  // is kept in the store (host_counts), so it holds across resume. Set it
  // before the writes it should govern; it may be called from any thread.
  void SetMaxUrlsPerHost(uint64_t max);
  // URLs admitted to the frontier under `host_key` so far.
  Result<uint64_t> AdmittedUrls(std::string_view host_key) const;

  // --- the writer's one entry point: one write transaction for the batch ---
  // `host_states` are written in the same transaction (a healthy state
  // deletes the host's record, so the database holds troubled hosts only).
  Result<CommitReport> CommitBatch(std::span<PageRecord> batch,
                                   std::span<const HostStateRecord> host_states = {});
  // Host state: the last robots.txt seen for an origin. An unreachable
  // answer (status 0, 429, 5xx) does not replace a recorded usable one (2xx,
  // 3xx, 4xx): those rules stay the cache RFC 9309 2.4 allows to keep using.
  Status PutRobots(std::string_view origin, int http_status, std::string_view body,
                   int64_t fetched_ms);
  Result<std::optional<StoredRobots>> GetRobots(std::string_view origin) const;
  // The persisted politeness state of a host key (nullopt: healthy or unknown).
  Result<std::optional<PersistedHostState>> GetHostState(std::string_view host_key) const;
  // Every host key with a persisted state, in key order (status output).
  Status ForEachHostState(
      const std::function<bool(std::string_view host_key, const PersistedHostState&)>& fn) const;

  // FrontierSource: what earlier runs recorded, for the scheduler (reads only).
  Result<std::optional<RobotsRecord>> LoadRobots(std::string_view origin) override {
    return GetRobots(origin);
  }
  Result<std::optional<PersistedHostState>> LoadHostState(std::string_view host_key) override {
    return GetHostState(host_key);
  }

  // --- readers ---
  Result<std::optional<StoredPage>> GetPage(std::string_view url) const;
  // Streams every edge in (source, ordinal) order; stop early by returning false.
  Status ForEachEdge(const std::function<bool(const EdgeView&)>& fn) const;
  Result<StoreStats> Stats() const;
  // Every stored page URL (tests, exports).
  Status ForEachPageUrl(const std::function<bool(std::string_view url, uint16_t status)>& fn) const;

  const std::filesystem::path& dir() const;

  // StoreSnapshot (storage/snapshot.h) holds one read transaction of this store.
  friend class StoreSnapshot;

  // --- durability ---
  // Forces every committed transaction to disk (mdb_env_sync(env, 1)): how
  // SyncMode::kPeriodic makes its commits durable. Any thread.
  Status Sync();
  // Sync() calls that succeeded, for tests of the periodic mode.
  uint64_t SyncCount() const;
  // The flags of the LMDB environment (mdb_env_get_flags), for tests.
  unsigned LmdbFlags() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Groups PageRecords submitted from any thread into CommitBatch calls on its
// own thread: a batch closes at `max_batch` records or `max_delay_ms` after
// its first record. After each commit, `on_commit` runs on the writer thread.
// A failed commit calls `on_error` and stops the writer (nothing partial is
// committed: the batch's fetches stay pending and are redone on resume).
class BatchWriter {
 public:
  struct Options {
    size_t max_batch = 64;
    uint32_t max_delay_ms = 200;
    // For SyncMode::kPeriodic: after a commit, and while idle with commits not
    // yet synced, Store::Sync() once `sync_interval_ms` have passed since the
    // last sync; and once more when the writer stops. 0: never (the store
    // syncs each commit itself).
    uint32_t sync_interval_ms = 0;
    // Time source of the sync schedule (tests inject a ManualClock); null:
    // the steady clock.
    const Clock* clock = nullptr;
  };
  BatchWriter(Store& store, Options options, std::function<void(CommitReport)> on_commit,
              std::function<void(Error)> on_error);
  ~BatchWriter();  // Flush()es
  void Submit(PageRecord record);
  // Writes `state` with the next batch (which it starts, like a record, if
  // none is waiting). Only the latest state of each host is kept until then,
  // so memory holds at most one entry per host that changed since.
  void SubmitHostState(std::string host_key, PersistedHostState state);
  // Blocks until everything submitted so far is committed (or failed).
  void Flush();
  // While eager, a record is committed as soon as the writer is free (with
  // whatever else is queued by then) instead of waiting for a full batch or
  // max_delay_ms. The crawler turns it on when it has nothing to fetch but
  // results waiting to commit: their new URLs are what it waits for.
  // Any thread; cheap to call repeatedly with the same value.
  void SetEager(bool eager);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// zstd helpers shared by the crawler (compress on worker threads) and readers.
std::string CompressBody(std::string_view body, int level);
Result<std::string> DecompressBody(std::string_view frame);

}  // namespace nc::storage
