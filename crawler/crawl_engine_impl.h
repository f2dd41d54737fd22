#pragma once
// CrawlEngine's private state, shared by the files that implement it:
// crawl_engine.cc (set-up, dispatch loop, page fetches, commits),
// crawl_watch.cc (watch mode: re-polls of watched pages),
// crawl_robots_fetch.cc (robots.txt of each origin) and
// crawl_host_snapshot.cc (progress and `status --hosts` snapshots).
// Included only by those files.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <exception>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "crawler/cluster_feed.h"
#include "crawler/crawl_engine.h"
#include "crawler/crawl_engine_options.h"
#include "crawler/fetch/http_client.h"
#include "crawler/host_snapshot_text.h"
#include "crawler/page_processor.h"
#include "crawler/watch_list.h"
#include "crawler/worker_backlog.h"
#include "frontier/host_keyer.h"
#include "frontier/scheduler.h"
#include "frontier/scope.h"
#include "frontier/url.h"
#include "storage/batch_writer.h"
#include "storage/store.h"

namespace nc {
namespace asio = boost::asio;

// After a stop request, fetches in flight get this long to finish (and be
// committed, so they are not fetched again on resume) before they are
// cancelled (and left pending, so they are).
constexpr auto kStopGrace = std::chrono::seconds(5);
// The per-host rows of `status --hosts`: kept up to date from the
// scheduler's host events (SchedulerObserver, never a scan of its hosts),
// written to store meta every few seconds (a write transaction each, off the
// network thread), for a bounded number of hosts: it is for a person
// reading status.
constexpr auto kHostSnapshotWriteInterval = std::chrono::seconds(2);
constexpr size_t kHostSnapshotMaxHosts = 1000;
// Bodies fetched and not yet processed by a worker, above which no new page
// fetch starts: [storage] worker_backlog_mib, once at least two bodies per
// worker wait (so that large bodies never starve a worker). With articles
// on the workers are the crawl's bottleneck, and on B1 the count bound alone
// (MaxOutstanding, 1,152 pages) let up to ~950 bodies of ~40 KB (37 MB) wait
// for them, which made them no faster (tests/bench/README.md, sessions 11
// and 12 of perfstore and perfrss).
inline WorkerBacklog::Limits BacklogLimits(const CrawlConfig& config) {
  const size_t workers = WorkerCount(config);
  return {.bound_bytes = size_t{config.worker_backlog_mib} << 20,
          .floor_pages = 2 * workers,
          .workers = workers};
}

struct CrawlEngine::Impl final : SchedulerObserver {
  Impl(CrawlConfig c, storage::Store& s, const Clock& k, std::function<void(const CrawlProgress&)> p)
      : config(std::move(c)), store(s), clock(k), on_progress(std::move(p)) {}

  // --- fixed after Run() starts ---
  CrawlConfig config;
  storage::Store& store;
  const Clock& clock;
  std::function<void(const CrawlProgress&)> on_progress;
  std::vector<Url> seed_urls;
  std::unique_ptr<CrawlScope> scope;
  std::unique_ptr<HostKeyer> host_keyer;  // seeds here, outlinks in PageProcessor
  std::unique_ptr<PageProcessor> processor;
  std::function<void(const std::string&)> before_fetch_page;  // test seam, may be empty
  observe::CrawlStats* crawl_stats = nullptr;  // may be null; thread-safe (crawler/observe/)
  Duration progress_interval = std::chrono::seconds(1);
  std::function<void(const std::string&)> before_process;     // test seam, may be empty
  decltype(HttpClientOptions::name_lookup) name_lookup;       // test seam, may be empty

  // --- any thread (workers and the network thread count URL outcomes) ---
  // The record of one fetched page, built on a worker: an exception from
  // processing (a bug) becomes that URL's failure, never the process's end.
  storage::BatchRecord ProcessOnWorker(const FetchContext& context, FetchResult result);
  void CountFailure(const storage::BatchRecord& record);
  // Bodies posted to the workers and not yet processed: no page fetch
  // starts while they are at BacklogLimits; the worker that brings them
  // under it wakes the dispatcher.
  WorkerBacklog backlog{BacklogLimits(config), &clock};
  std::mutex failures_mutex;
  std::map<std::string, uint64_t> failures;  // guarded by failures_mutex

  asio::io_context ioc{1};
  asio::steady_timer wake_timer{ioc};
  std::unique_ptr<asio::thread_pool> workers;
  std::unique_ptr<storage::BatchWriter> writer;

  // --- network thread only ---
  std::unique_ptr<PolitenessScheduler> scheduler;
  std::unique_ptr<HttpClient> client;
  bool wake_pending = false;
  bool stopping = false;
  bool page_limit_reached = false;
  std::optional<Error> fatal;
  size_t live_fetches = 0;         // FetchPage/FetchRobots coroutines not yet ended
  bool dispatcher_failed = false;  // then the last fetch to end stops the loop
  uint64_t pages_dispatched = 0;  // toward max_pages, including earlier runs of the job
  uint64_t outstanding = 0;       // page records between dispatch and commit
  size_t in_flight = 0;           // requests on the network (robots.txt included)
  CrawlProgress progress;
  SteadyTime started{};
  // Last state reported of the first kHostSnapshotMaxHosts hosts seen this
  // run, so hosts the scheduler has dropped from memory still show in
  // `status --hosts` with their last delay and robots state.
  std::map<std::string, HostSnapshotRow, std::less<>> host_rows;

  // --- watch mode (crawl_watch.cc), network thread only ---
  bool watching = false;  // config.watch > 0
  std::unique_ptr<WatchList> watched;  // set when watching (crawler/watch_list.h)
  uint64_t repolls_submitted = 0;  // Repoll records handed to the writer
  uint64_t repolls_committed = 0;
  Status LoadWatched();
  void OnWatchedCommitted(std::vector<storage::WatchedPage> pages);
  // Submits a Repoll for every due page; returns the earliest time a page
  // not yet due becomes due.
  std::optional<SteadyTime> SubmitDueRepolls();
  // Whether watching keeps the crawl alive once its frontier is empty.
  bool WatchContinues() const;
  // The validators to send when fetching `url` (a watched page fetched before).
  HttpClient::Conditional ConditionalFor(std::string_view url) const;

  // --- cluster mode (crawl_cluster.cc); cluster is null in a single-node crawl ---
  ClusterFeed* cluster = nullptr;  // fixed before Run(); thread-safe (cluster_feed.h)
  bool cluster_finished = false;   // network thread: the feed said the job is done
  // Prepare's end: publish the seeds, start pulling (intake comes to IntakeClusterUrls).
  Status StartCluster(const std::vector<storage::OutlinkRecord>& seeds);
  // Network thread: pulled URLs into the store's frontier and the scheduler.
  void IntakeClusterUrls(std::vector<ClusterIntakeUrl> urls);
  // Worker thread: a page's followed links go to the job before its record
  // goes to the writer (false: they could not; the crawl stops).
  bool RouteClusterLinks(storage::BatchRecord& record);
  // Writer thread, after a commit: what it queued goes to the job; its
  // recorded URLs are acknowledged.
  void OnClusterCommit(storage::CommitReport& report);
  bool ClusterContinues() const { return cluster != nullptr && !cluster_finished; }
  // Network thread, at the moment `d` would start: whether this node may
  // make it (ClusterFeed::BeginRequest; a request is then counted in flight
  // until EndClusterRequest). When not, the dispatch is withdrawn from the
  // scheduler and its URL stays queued in the store, unfetched: it is the
  // job's, in the stream, for the partition's owner.
  bool AdmitClusterDispatch(const Dispatch& d);
  void EndClusterRequest(std::string_view host_key) {
    if (cluster != nullptr) cluster->EndRequest(host_key);
  }

  asio::steady_timer stop_timer{ioc};

  // Stops taking new URLs; in-flight fetches get kStopGrace, then are cancelled.
  void BeginStop() {
    if (stopping) return;
    stopping = true;
    stop_timer.expires_after(kStopGrace);
    stop_timer.async_wait([this](const boost::system::error_code& ec) {
      if (!ec && client) client->Shutdown();
    });
    Wake();
  }

  // Wakes the dispatcher. Network thread only.
  void Wake() {
    wake_pending = true;
    wake_timer.cancel();
  }

  size_t MaxOutstanding() const {
    // Bounded buffers between network, workers and writer: a slow disk slows
    // fetching instead of growing memory.
    return 4 * static_cast<size_t>(config.max_connections) + 2 * config.commit_batch_pages;
  }

  // What a spawned coroutine is, for OnCoroutineEnd.
  enum class Task { kDispatcher, kFetch, kTicker };
  // The completion handler of every coroutine the engine spawns, in place of
  // asio::detached (which drops exceptions): see OnCoroutineEnd.
  auto Ended(Task task, const char* name) {
    return [this, task, name](const std::exception_ptr& failure) {
      OnCoroutineEnd(task, name, failure);
    };
  }
  void OnCoroutineEnd(Task task, const char* name, const std::exception_ptr& failure);

  Status Prepare();
  asio::awaitable<void> Dispatcher();
  asio::awaitable<void> FetchPage(Dispatch d);
  asio::awaitable<void> FetchRobots(Dispatch d);
  // The periodic tasks (crawl_host_snapshot.cc): each calls its step through
  // Every until the io_context stops.
  asio::awaitable<void> Every(Duration interval, void (Impl::*step)());
  asio::awaitable<void> ProgressTicker();
  void ReportProgress();
  // The gauges only this thread knows, into crawl_stats.
  void UpdateStatsGauges();
  asio::awaitable<void> HostSnapshotTicker();
  void WriteHostSnapshot();
  std::string HostSnapshotText() const;
  // SchedulerObserver (crawl_host_snapshot.cc), network thread.
  void OnHostSnapshot(const HostSnapshot& snapshot) override;
  void OnHostStateChanged(std::string_view host_key, const PersistedHostState& state) override;
  // A URL recorded without a request: robots.txt denies it, could not be
  // fetched, or its origin refuses connections (Dispatch::Kind::kRefused).
  void SubmitNotFetched(const Dispatch& d);
  void SubmitRobotsRecord(const std::string& origin, int http_status, const RobotsOutcome& outcome);
  void OnCommit(storage::CommitReport report);
};

}  // namespace nc
