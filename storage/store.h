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
};

// What a committed batch changed, for the scheduler.
struct CommitReport {
  struct Enqueued {
    std::string host_key;
    QueuedUrl url;
  };
  std::vector<Enqueued> enqueued;  // new frontier entries, in seq order
  uint64_t pages = 0;              // PageRecords committed
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

struct OpenOptions {
  bool read_only = false;      // status, export, cat: no lock taken, no writes
  uint64_t max_map_mib = 65536;
  // Map size of a new store; it doubles (up to max_map_mib) whenever a write
  // transaction fills it. Tests set it low to exercise growth.
  uint64_t initial_map_mib = 64;
};

// The last robots.txt fetch of an origin (PutRobots).
struct StoredRobots {
  int http_status = 0;
  int64_t fetched_ms = 0;
  std::string body;
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
  Result<CommitReport> CommitBatch(std::span<PageRecord> batch);
  // Host state: the last robots.txt seen for an origin.
  Status PutRobots(std::string_view origin, int http_status, std::string_view body,
                   int64_t fetched_ms);
  Result<std::optional<StoredRobots>> GetRobots(std::string_view origin) const;

  // --- readers ---
  Result<std::optional<StoredPage>> GetPage(std::string_view url) const;
  // Streams every edge in (source, ordinal) order; stop early by returning false.
  Status ForEachEdge(const std::function<bool(const EdgeView&)>& fn) const;
  Result<StoreStats> Stats() const;
  // Every stored page URL (tests, exports).
  Status ForEachPageUrl(const std::function<bool(std::string_view url, uint16_t status)>& fn) const;

  const std::filesystem::path& dir() const;

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
  };
  BatchWriter(Store& store, Options options, std::function<void(CommitReport)> on_commit,
              std::function<void(Error)> on_error);
  ~BatchWriter();  // Flush()es
  void Submit(PageRecord record);
  // Blocks until everything submitted so far is committed (or failed).
  void Flush();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// zstd helpers shared by the crawler (compress on worker threads) and readers.
std::string CompressBody(std::string_view body, int level);
Result<std::string> DecompressBody(std::string_view frame);

}  // namespace nc::storage
