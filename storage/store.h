#pragma once
// Store: the LMDB environment of one crawl job and every read and write the
// crawler, `status`, `cat` and the exporters make. Layouts: storage/README.md.
// The records it commits are in records.h; the thread that commits the
// crawl's results is BatchWriter (batch_writer.h).
//
// Ownership: one Store per process per directory (an exclusive lock file
// enforces one writer process).
//
// Threads: every call may be made from any thread; each write is its own
// write transaction, and LMDB runs one at a time (a second writer waits).
// In a crawl:
//  - CommitBatch (and Sync under SyncMode::kPeriodic): the BatchWriter
//    thread only, the one writer of crawl results;
//  - AddSeeds, PendingHosts, SetMaxUrlsPerHost, PutMeta: the crawl's
//    thread, before and after it runs the network loop;
//  - PutMeta: also worker threads (the periodic host snapshot), never from
//    inside the network loop, since a write transaction may wait for a
//    batch's;
//  - LoadPending, LoadRobots, LoadHostState (FrontierSource): the network
//    loop, through the scheduler.
// Reads use their own read-only transaction each and run concurrently with
// the writer and with each other.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "config/crawl_modes.h"
#include "frontier/watch_schedule.h"
#include "frontier/frontier_source.h"
#include "frontier/link.h"
#include "storage/records.h"

namespace nc::storage {

inline constexpr uint32_t kSchemaVersion = 2;

struct StoredPage {
  std::string url;
  FetchKind kind = FetchKind::kFetched;
  uint16_t http_status = 0;
  std::string error;
  FailureReason reason = FailureReason::kNone;  // PageRecord::reason
  uint32_t attempts = 0;  // PageRecord::attempts; 0 in pages stored before it existed
  int64_t fetch_start_ms = 0, fetch_end_ms = 0;
  uint32_t depth = 0;
  std::string content_type;
  std::string charset;  // PageRecord::charset; "" in pages stored before it existed
  std::string response_headers;
  std::string body;  // decompressed
  bool body_truncated = false;
  // The exchange as it happened (PageRecord::request...): false and empty
  // for pages stored before it was kept (page formats 1 to 3).
  bool exchange_recorded = false;
  std::string request;
  std::string peer_address;
  std::string body_as_received;  // when exchange_recorded: as transferred, before content-decoding
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

// When a commit reaches the disk (README "Durability"); the config's enum
// (config/crawl_modes.h), so storage.sync needs no translation. A process
// crash (kill -9) loses no commit in any mode: the OS has the written pages.
// kPeriodic: Store::Sync() by the BatchWriter every interval, and at close.
using SyncMode = ::nc::SyncMode;

struct OpenOptions {
  bool read_only = false;      // status, export, cat: no lock taken, no writes
  uint64_t max_map_mib = 65536;
  // Map size of a new store; it doubles (up to max_map_mib) whenever a write
  // transaction fills it. Tests set it low to exercise growth.
  uint64_t initial_map_mib = 64;
  SyncMode sync = SyncMode::kBatch;
};

class Store : public FrontierSource {
 public:
  // Errors: "store DIR: not a newscrawl store (...)", "store DIR: schema
  // version 7, this newscrawl reads 1", "store DIR: in use by another
  // newscrawl process (pid 123)", "store DIR: no such store".
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& dir, OpenMode mode,
                                             const OpenOptions& options);
  ~Store() override;

  // --- job metadata ---
  // In a write transaction of its own: it waits while a batch commits.
  Status PutMeta(std::string_view key, std::string_view value);
  Result<std::optional<std::string>> GetMeta(std::string_view key) const;

  // --- frontier ---
  // Adds URLs (seeds) that are not yet queued or done; like outlinks, only
  // records with `follow` set are enqueued. Returns what was enqueued.
  // Seeds with `follow` set are watched pages (watch mode); `now_ms` (wall
  // clock) is the first-seen time of new ones.
  Result<CommitReport> AddSeeds(std::span<const OutlinkRecord> seeds, int64_t now_ms = 0);
  // A cluster node's intake (crawl --cluster): the URLs it pulled from the
  // job's partitions it owns, added as AddSeeds adds seeds (same checks,
  // same report) but not watched: they are the job's URLs, not this node's
  // seeds, and their fetch commits as any page's.
  Result<CommitReport> AddClusterUrls(std::span<const OutlinkRecord> urls, int64_t now_ms = 0);
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
  // Watch mode's revisit policy, applied when a watched page's fetch is
  // committed (frontier/watch_schedule.h). Call before the writes it should
  // govern, before the BatchWriter starts. Default: no intervals.
  void SetWatchSchedule(const WatchSchedule& schedule);
  // URLs admitted to the frontier under `host_key` so far.
  Result<uint64_t> AdmittedUrls(std::string_view host_key) const;

  // --- crawl results: one write transaction for the batch ---
  // Called by the BatchWriter thread. Records are written in order; what
  // each kind writes is in storage/README.md, "Transactions". `host_states`
  // are written in the same transaction (a healthy state deletes the host's
  // record, so the database holds troubled hosts only).
  Result<CommitReport> CommitBatch(std::span<const BatchRecord> batch,
                                   std::span<const HostStateRecord> host_states = {});

  // --- robots.txt and politeness state ---
  // The last robots.txt seen for an origin, in a write transaction of its
  // own (the crawler records robots.txt through CommitBatch, RobotsAnswer).
  // An unreachable answer (status 0, 429, 5xx) does not replace a recorded
  // usable one (2xx, 3xx, 4xx): those rules stay the cache RFC 9309 2.4
  // allows to keep using.
  Status PutRobots(std::string_view origin, int http_status, std::string_view body,
                   int64_t fetched_ms);
  // FrontierSource: what earlier runs recorded, for the scheduler; readers
  // (status, tests) call them too.
  // The last robots.txt recorded for `origin` (nullopt: none).
  Result<std::optional<RobotsRecord>> LoadRobots(std::string_view origin) override;
  // The persisted politeness state of a host key (nullopt: healthy or unknown).
  Result<std::optional<PersistedHostState>> LoadHostState(std::string_view host_key) override;
  // Every host key with a persisted state, in key order (status output).
  Status ForEachHostState(
      const std::function<bool(std::string_view host_key, const PersistedHostState&)>& fn) const;

  // --- watch mode (storage/store_watch.cc) ---
  // Every watched page, in url id order (the engine at start, status).
  Status ForEachWatched(const std::function<bool(const WatchedPage&)>& fn) const;
  // When `url` was first seen and the URL of the page that announced it
  // ("" for a seed); nullopt for an unknown URL or one recorded before
  // first-seen times existed.
  struct FirstSeen {
    int64_t first_seen_ms = 0;
    std::string announced_by;
  };
  Result<std::optional<FirstSeen>> GetFirstSeen(std::string_view url) const;
  // The recorded fetches of watched page `url`, oldest first: when, the
  // status (304: not modified, no body), and the version's body ("" when
  // the fetch stored none).
  struct Version {
    int64_t fetch_ms = 0;
    uint16_t http_status = 0;
    std::string body_hash;  // SHA-256 (32 bytes) of the stored frame, or ""
  };
  Result<std::vector<Version>> Versions(std::string_view url) const;
  // The decompressed body of a version (by Version::body_hash).
  Result<std::optional<std::string>> VersionBody(std::string_view body_hash) const;
  // Distinct version bodies stored (identical versions are stored once).
  Result<uint64_t> VersionBodyCount() const;

  // --- articles (storage/store_articles.cc) ---
  // The stored article of `url`, encoded (crawler/article_record.h);
  // nullopt when the page has none (or the store predates articles).
  Result<std::optional<std::string>> GetArticle(std::string_view url) const;
  struct ArticleEntry {
    std::string_view url;
    int64_t fetch_start_ms = 0;  // of the page it was extracted from
    std::string_view value;      // encoded
    std::string_view page_body_zstd;  // its page's body frame (a version-3 article reads it)
  };
  // Every stored article in url id order, in one read transaction (views
  // valid during the call); stop early by returning false.
  Status ForEachArticle(const std::function<bool(const ArticleEntry&)>& fn) const;
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
  // FrontierLoader (storage/frontier_loader.h) writes chunks of seeds in its own transactions.
  friend class FrontierLoader;

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
  // AddSeeds and AddClusterUrls: `watched` marks the followed ones watched.
  Result<CommitReport> AddToFrontier(std::span<const OutlinkRecord> urls, int64_t now_ms,
                                     bool watched);
  std::unique_ptr<Impl> impl_;
};

}  // namespace nc::storage
