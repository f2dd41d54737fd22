#pragma once
// CrawlEngine: the crawl loop. It wires the politeness scheduler, the HTTP
// client, the page-processing workers and the batched storage writer:
//
//   scheduler.Next() ─► HttpClient::Get ─► worker: PageProcessor::Process
//        ▲                                        │ PageRecord or RetryLater
//        └── Enqueue(new URLs) ◄── BatchWriter commit (one LMDB txn per batch)
//
// Threads: the caller's thread runs the io_context (network, scheduler,
// timers, signals); `parse_threads` workers decode, parse and compress; the
// BatchWriter thread commits. Scheduler and counters are touched only on the
// network thread; the other threads hand results back with asio::post.

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.h"
#include "common/error_log.h"
#include "common/result.h"
#include "config/crawl_config.h"
#include "crawler/worker_backlog.h"
#include "storage/store.h"

namespace nc::observe {
class CrawlStats;
}

namespace nc {

class ClusterFeed;

struct CrawlProgress {
  uint64_t fetched = 0;        // page fetches finished (any status or error)
  uint64_t committed = 0;      // page records committed to the store
  uint64_t errors = 0;         // fetches that got no HTTP response
  uint64_t robots_denied = 0;
  uint64_t enqueued = 0;       // URLs added to the frontier this run
  uint64_t bytes = 0;          // response bytes received (as transferred)
  size_t in_flight = 0;
  size_t hosts = 0;
  double elapsed_seconds = 0;
  // Pages of [[site]] hosts whose links the selector engine could not align
  // with ours: they kept their heuristic roles (set at the end of a run).
  uint64_t selector_fallbacks = 0;
  // Watch mode: pages watched, their re-polls committed this run, and how
  // many of those were answered 304 Not Modified.
  uint64_t watched_pages = 0;
  uint64_t repolls = 0;
  uint64_t not_modified = 0;
  // URLs that ended this run as failures, by FailureLabel (common/
  // failure_reason.h: "dns", "http-404", "robots-denied"...): set at the end
  // of a run. Retried attempts are not counted, only each URL's outcome.
  std::map<std::string, uint64_t> failures;
  // How the bound on bodies waiting for the workers ([storage]
  // worker_backlog_mib) held fetching, and how long a worker had nothing
  // queued: set at the end of a run (`crawl -v` prints them).
  WorkerBacklog::Counters backlog;
  // Seconds the dispatcher waited, by what held it: the connection bound,
  // the pages between dispatch and commit (writer behind), the worker
  // backlog, or the scheduler (no host ready, or nothing queued). Set at the
  // end of a run (`crawl -v` prints them).
  struct DispatcherWaits {
    double connections = 0, outstanding = 0, backlog = 0, scheduler = 0;
  } waits;
};

struct CrawlOutcome {
  enum class End { kFinished, kPageLimit, kInterrupted };
  End end = End::kFinished;
  // kPageLimit: URLs were still queued (the job is left "interrupted").
  bool urls_left = false;
  CrawlProgress progress;
  // Store reads the scheduler failed and went on from (bounded; see
  // PolitenessScheduler::errors): for the end-of-crawl summary.
  ErrorLog scheduler_errors;
};

class CrawlEngine {
 public:
  // `store` must outlive the engine. `on_progress` (optional) is called about
  // once a second (SetProgressInterval) on the network thread.
  CrawlEngine(CrawlConfig config, storage::Store& store, const Clock& clock,
              std::function<void(const CrawlProgress&)> on_progress = {});
  ~CrawlEngine();

  // Crawls until the frontier is exhausted, max_pages is reached, or Stop()
  // (or SIGINT/SIGTERM when `handle_signals`) ends it. With crawl.watch
  // set, an empty frontier does not end it: the watched pages are polled
  // again when due, until watch_cycles re-polls of each (or forever).
  // Blocks the caller.
  // A failed commit ends it with that "store.*" error; an exception inside
  // the engine's own coroutines ends it with a "crawl.internal" error. Either
  // way what was committed stays, and the job is left "interrupted".
  Result<CrawlOutcome> Run(bool handle_signals);
  // Thread-safe: stop taking new URLs, let in-flight fetches finish, commit.
  void Stop();

  // Optional, before Run(): fetches, commits, host events and, on each
  // progress tick, the engine's gauges go to `stats` (crawler/observe/),
  // which must outlive Run(). With stats set the tick runs even without
  // on_progress.
  void SetStats(observe::CrawlStats* stats);
  // How often on_progress is called and the gauges set (default 1 s).
  void SetProgressInterval(Duration interval);

  // Optional, before Run(): crawl as a node of a cluster job
  // (crawler/cluster_feed.h, docs/scale-out.md). Seeds and followed links
  // are published to the job instead of queued here; this node fetches the
  // URLs the feed pulls from its partitions, the feed acknowledges them
  // after their commit, and the run ends when the whole job is finished
  // (or on Stop). Run() finishes the feed (acks, leases given up) before it
  // returns. `feed` must outlive Run().
  void SetCluster(ClusterFeed* feed);

  // Test seam: called on the network thread at the start of each page
  // fetch, with its URL. A hook that throws stands for a failure inside the
  // fetch coroutine (a bad_alloc, a bug). Set before Run().
  void SetBeforeFetchPageHookForTesting(std::function<void(const std::string& url)> hook);
  // Test seam: called on a worker thread before each fetched page is
  // processed, with its URL. A hook that throws stands for a bug in page
  // processing: that URL is recorded as failed ("internal"), and the crawl
  // goes on. Set before Run().
  void SetBeforeProcessHookForTesting(std::function<void(const std::string& url)> hook);
  // Test seam (hermetic DNS tests): the HTTP client asks `lookup` instead of
  // the system resolver (HttpClientOptions::name_lookup). Set before Run().
  void SetNameLookupForTesting(
      std::function<std::optional<std::vector<std::string>>(const std::string& host)> lookup);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nc
