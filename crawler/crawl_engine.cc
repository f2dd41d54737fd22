// The crawl loop: set-up from config and store, the dispatcher that turns
// scheduler decisions into fetches, page fetches, and the commit feedback
// that feeds new URLs back to the scheduler.
#include "crawler/crawl_engine.h"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <csignal>
#include <iostream>

#include "crawler/crawl_engine_impl.h"
#include "crawler/crawl_engine_options.h"
#include "crawler/crawl_job.h"
#include "crawler/crawl_observe.h"
#include "crawler/name_resolver.h"
#include "crawler/fetch_feedback.h"
#include "storage/schema.h"

namespace nc {
namespace {

namespace schema = storage::schema;

std::string Describe(const std::exception_ptr& failure) {
  try {
    std::rethrow_exception(failure);
  } catch (const std::exception& e) {
    return e.what();
  } catch (...) {
    return "an exception that is not a std::exception";
  }
}

// The record of a page whose processing threw: a failure of that URL, so
// it is not fetched again (a bug would only throw again) and the crawl goes on.
storage::PageRecord InternalFailure(const FetchContext& context, int64_t started_ms,
                                    int64_t finished_ms, std::string_view what) {
  storage::PageRecord record = PageRecordOf(context);
  record.fetch_start_ms = started_ms;
  record.fetch_end_ms = finished_ms;
  record.kind = storage::FetchKind::kFailed;
  record.reason = FailureReason::kInternal;
  record.error = "internal: processing the response threw: " + std::string(what);
  return record;
}

// A record waits for the writer, hundreds of them when it falls behind, so
// it should hold its bytes and not its builders' reserves: on B1 an article
// record of ~1.5 KB once came with ~35 KB of capacity (its encoder reserved
// for the paragraphs' text, then wrote references into the body; fixed in
// PutFields). This guard keeps any builder's reserve out of the queue:
// strings with more than kSlackBytes spare are copied to their size.
constexpr size_t kSlackBytes = 1024;
void ReleaseSlack(std::string& s) {
  if (s.capacity() - s.size() > kSlackBytes) s.shrink_to_fit();
}
void ReleaseSlack(storage::PageRecord& page) {
  for (std::string* s : {&page.article, &page.body_zstd, &page.received_body,
                         &page.response_headers, &page.request}) {
    ReleaseSlack(*s);
  }
}
void ReleaseSlack(storage::BatchRecord& record) {
  if (auto* page = std::get_if<storage::PageRecord>(&record)) ReleaseSlack(*page);
  if (auto* retry = std::get_if<storage::RetryLater>(&record)) ReleaseSlack(retry->page);
}

}  // namespace

// A failure inside a coroutine (a bug, a bad_alloc) would otherwise vanish
// and leave its counts behind, so the dispatcher would wait forever. It ends
// the crawl as a failed commit does: `fatal`, then the graceful stop (what
// is in flight finishes or is cancelled; what reached the writer is
// committed). The dispatcher waits for live_fetches, not in_flight, since a
// failed fetch never gave its in_flight back; if the dispatcher itself
// failed, the last fetch to end stops the loop.
void CrawlEngine::Impl::OnCoroutineEnd(Task task, const char* name,
                                       const std::exception_ptr& failure) {
  if (task == Task::kFetch) --live_fetches;
  if (failure) {
    if (!fatal) {
      fatal = MakeError("crawl.internal", std::string("internal error in ") + name + ": " +
                                              Describe(failure) + "; the crawl stopped");
    }
    if (task == Task::kDispatcher) dispatcher_failed = true;
    BeginStop();
  }
  if (dispatcher_failed) {
    if (live_fetches == 0) {
      stop_timer.cancel();
      ioc.stop();
    }
    return;
  }
  if (task == Task::kFetch || failure) Wake();
}

Status CrawlEngine::Impl::Prepare() {
  if (Status s = ValidateConfig(config); !s.ok()) return s;
  if (Status s = CheckJobHostKeyMode(store, config); !s.ok()) return s;
  host_keyer = std::make_unique<HostKeyer>(HostKeyerOptions::FromConfig(config, SystemNameLookup));
  std::vector<storage::OutlinkRecord> seeds;
  CanonicalOptions canonical;
  for (const auto& text : config.seeds) {
    auto url = ParseUrl(text);
    if (!url.ok()) {
      return MakeError("config.seed", "seed '" + text + "': " + url.error().message);
    }
    seed_urls.push_back(*url);
    storage::OutlinkRecord seed;
    seed.target = CanonicalKey(*url, canonical);
    seed.host_key = host_keyer->Key(*url);
    seed.role = LinkRole::kHeadline;
    seed.follow = true;
    seeds.push_back(std::move(seed));
  }
  // A job made by `seed-load` may have no seed URL of its own: its URLs are
  // in the store's frontier already.
  if (seed_urls.empty()) {
    auto stats = store.Stats();
    if (!stats.ok()) return stats.error();
    if (stats->urls_queued == 0) {
      return MakeError("config.seed", "no seed URL: give at least one --seed");
    }
  }
  scope = std::make_unique<CrawlScope>(seed_urls, config.scope);
  auto made = PageProcessor::Create(config, *scope, host_keyer.get());  // [[site]] selector errors
  if (!made.ok()) return made.error();
  processor = std::move(*made);

  store.SetMaxUrlsPerHost(config.max_pages_per_host);
  watching = config.watch > 0;
  if (watching) {
    store.SetWatchSchedule(WatchSchedule::FromConfig(config));
    watched = std::make_unique<WatchList>(config.watch_cycles);
  }
  if (cluster == nullptr) {  // a cluster node's seeds go to the job (StartCluster)
    auto added = store.AddSeeds(seeds, clock.WallMillis());
    if (!added.ok()) return added.error();
    progress.enqueued += added->enqueued.size();
  }
  // Fetches of earlier runs of this job count toward max_pages (robots-denied
  // records are not fetches).
  auto stats = store.Stats();
  if (!stats.ok()) return stats.error();
  for (uint64_t n : stats->pages_by_status_class) pages_dispatched += n;
  if (crawl_stats) {
    crawl_stats->OnRunStarted(pages_dispatched > 0, pages_dispatched, stats->urls_queued);
  }

  scheduler = std::make_unique<PolitenessScheduler>(MakeSchedulerOptions(config), clock, store);
  scheduler->SetObserver(this);  // status rows and host state (crawl_host_snapshot.cc)
  // A cluster node fetches only what it pulls from its partitions now; what
  // an earlier run left queued here is the job's, in its stream.
  auto hosts = cluster == nullptr ? store.PendingHosts()
                                  : Result<std::vector<std::string>>(std::vector<std::string>());
  if (!hosts.ok()) return hosts.error();
  for (const auto& host : *hosts) scheduler->AddStoredHost(host);
  if (watching) {
    if (Status s = LoadWatched(); !s.ok()) return s;
  }

  HttpClientOptions client_options(config);
  client_options.name_lookup = name_lookup;
  client = std::make_unique<HttpClient>(ioc.get_executor(), std::move(client_options), clock);
  workers = std::make_unique<asio::thread_pool>(WorkerCount(config));
  writer = std::make_unique<storage::BatchWriter>(
      store,
      storage::BatchWriter::Options{
          .max_batch = config.commit_batch_pages,
          .max_delay_ms = config.commit_interval_ms,
          // A writer behind the fetches commits its backlog at once (bounded
          // by MaxOutstanding anyway). Not for a cluster node: its
          // committed-but-unacknowledged window stays one batch
          // (docs/scale-out.md, refetch bound).
          .max_catch_up_batch = cluster == nullptr ? MaxOutstanding() : 0,
          // sync = "periodic": the store does not sync its commits; the writer does.
          .sync_interval_ms = config.sync == SyncMode::kPeriodic ? config.sync_interval_ms : 0u},
      [this](storage::CommitReport report) {
        if (cluster != nullptr) OnClusterCommit(report);
        asio::post(ioc, [this, report = std::move(report)]() mutable { OnCommit(std::move(report)); });
      },
      [this](Error error) {
        asio::post(ioc, [this, error = std::move(error)]() mutable {
          fatal = std::move(error);
          BeginStop();
        });
      });
  return cluster == nullptr ? Status::Ok() : StartCluster(seeds);
}

void CrawlEngine::Impl::OnCommit(storage::CommitReport report) {
  // A cluster node's new URLs went to the job (OnClusterCommit); they come
  // back through its intake to whichever node owns their host.
  if (cluster == nullptr) {
    for (auto& e : report.enqueued) scheduler->Enqueue(e.host_key, std::move(e.url));
  }
  progress.enqueued += report.enqueued.size();
  progress.committed += report.pages;
  if (crawl_stats) {
    crawl_stats->OnCommit(report.pages, report.enqueued.size(), report.commit_seconds);
  }
  outstanding -= std::min<uint64_t>(outstanding, report.pages);
  repolls_committed += report.repolls;
  if (watching) OnWatchedCommitted(std::move(report.watched));
  Wake();
}

void CrawlEngine::Impl::SubmitNotFetched(const Dispatch& d) {
  storage::PageRecord record;
  record.url = d.url.url;
  record.host_key = d.host_key;
  record.frontier_seq = d.url.seq;
  record.depth = d.url.depth;
  record.kind = storage::FetchKind::kRobotsDenied;
  record.fetch_start_ms = record.fetch_end_ms = clock.WallMillis();
  ++outstanding;
  const bool refused = d.kind == Dispatch::Kind::kRefused;
  if (crawl_stats && refused) {
    crawl_stats->OnPageFetched(d.url.url, d.host_key, 0, 0, 0.0, "connect", d.reason);
  } else if (crawl_stats) {
    crawl_stats->OnRobotsDenied(d.url.url, d.host_key, d.reason);
  }
  if (!d.reason.empty()) {
    // robots.txt could not be fetched, or the origin refuses connections (a
    // dead host): a failure with its reason, so a person sees why, not a
    // verdict of the site's rules.
    record.kind = storage::FetchKind::kFailed;
    record.error = d.reason;
    record.reason = d.failure != FailureReason::kNone ? d.failure
                                                      : FailureReason::kRobotsUnreachable;
    ++progress.errors;
  } else {
    record.reason = FailureReason::kRobotsDenied;
    ++progress.robots_denied;
  }
  // Not fetched now; a refused URL may have been tried before.
  record.attempts = refused ? d.url.attempts : 0;
  storage::BatchRecord batch_record = std::move(record);
  CountFailure(batch_record);
  writer->Submit(std::move(batch_record));
}

asio::awaitable<void> CrawlEngine::Impl::Dispatcher() {
  for (;;) {
    const std::optional<SteadyTime> watch_wakeup = SubmitDueRepolls();
    // The default socket bound follows the hosts in rotation, so that each
    // can keep its connection across its delay (crawler/fetch/open_file_limit.h).
    client->SetHostsInRotation(scheduler->HostCount());
    while (!stopping && in_flight < config.max_connections && outstanding < MaxOutstanding() &&
           !backlog.Full()) {
      if (config.max_pages != 0 && pages_dispatched >= config.max_pages) {
        page_limit_reached = true;
        break;
      }
      std::optional<Dispatch> next = scheduler->Next();
      if (!next) break;
      if (cluster != nullptr && !AdmitClusterDispatch(*next)) continue;
      switch (next->kind) {
        case Dispatch::Kind::kFetchRobots:
          ++in_flight;
          ++live_fetches;
          asio::co_spawn(ioc, FetchRobots(std::move(*next)), Ended(Task::kFetch, "FetchRobots"));
          break;
        case Dispatch::Kind::kFetchPage:
          ++in_flight;
          ++outstanding;
          ++pages_dispatched;
          ++live_fetches;
          asio::co_spawn(ioc, FetchPage(std::move(*next)), Ended(Task::kFetch, "FetchPage"));
          break;
        case Dispatch::Kind::kRobotsDenied:
        case Dispatch::Kind::kRefused:
          SubmitNotFetched(*next);
          break;
      }
    }
    // Nothing to fetch now or later except what the results still on their
    // way to the store will add: commit those at once rather than after
    // commit_interval_ms, or the crawl idles between discovery waves.
    // Re-polls are queued through the writer: commit them at once too.
    const bool repolls_pending = repolls_submitted != repolls_committed;
    writer->SetEager((outstanding > 0 && !stopping && !scheduler->NextWakeup()) ||
                     repolls_pending);
    const bool drained = in_flight == 0 && outstanding == 0 && !repolls_pending;
    // The writer or a coroutine failed: end once no fetch is left running.
    if (fatal && live_fetches == 0) break;
    if (drained && (stopping || page_limit_reached ||
                    (scheduler->Idle() && !WatchContinues() && !ClusterContinues()))) {
      break;
    }

    if (wake_pending) {
      wake_pending = false;
      continue;
    }
    // At the connection or outstanding bound a ready host cannot be served
    // until a fetch ends, a batch commits or (the byte bound) a worker
    // brings the backlog under it, and each calls Wake(): waiting
    // for the scheduler's (past) wake-up time here would spin on zero-delay
    // timers, two timerfd_settime and an epoll_wait each, ~20 per page.
    const bool at_connections = in_flight >= config.max_connections;
    const bool at_outstanding = outstanding >= MaxOutstanding();
    const bool at_backlog = !at_connections && !at_outstanding && backlog.Full();
    const bool at_capacity = at_connections || at_outstanding || at_backlog;
    std::optional<SteadyTime> wakeup =
        stopping || at_capacity ? std::nullopt : scheduler->NextWakeup();
    if (!stopping && watch_wakeup && (!wakeup || *watch_wakeup < *wakeup)) wakeup = watch_wakeup;
    // The scheduler's clock may be a test clock: convert its wake-up time into
    // a real delay for the timer.
    auto delay = wakeup ? *wakeup - clock.Now() : Duration(std::chrono::seconds(1));
    if (delay < Duration::zero()) delay = Duration::zero();
    wake_timer.expires_after(delay);
    const SteadyTime wait_start = clock.Now();
    co_await wake_timer.async_wait(asio::as_tuple(asio::use_awaitable));
    wake_pending = false;
    // What held it, for `crawl -v` (the first bound that applies).
    const double waited = ToSeconds(clock.Now() - wait_start);
    auto& w = progress.waits;
    (at_connections   ? w.connections
     : at_outstanding ? w.outstanding
     : at_backlog     ? w.backlog
                      : w.scheduler) += waited;
  }
  stop_timer.cancel();
  ioc.stop();
}

storage::BatchRecord CrawlEngine::Impl::ProcessOnWorker(const FetchContext& context,
                                                        FetchResult result) {
  const int64_t started_ms = result.started_wall_ms;
  const int64_t finished_ms = result.finished_wall_ms;
  storage::BatchRecord record;
  try {
    if (before_process) before_process(context.url.url);
    record = processor->Process(context, std::move(result));
  } catch (const std::exception& e) {
    record = InternalFailure(context, started_ms, finished_ms, e.what());
  } catch (...) {
    record = InternalFailure(context, started_ms, finished_ms, "unknown exception");
  }
  CountFailure(record);
  return record;
}

void CrawlEngine::Impl::CountFailure(const storage::BatchRecord& record) {
  const auto* page = std::get_if<storage::PageRecord>(&record);
  if (page == nullptr || page->reason == FailureReason::kNone) return;
  const std::string label = FailureLabel(page->reason, page->http_status);
  std::lock_guard lock(failures_mutex);
  ++failures[label];
}

asio::awaitable<void> CrawlEngine::Impl::FetchPage(Dispatch d) {
  if (before_fetch_page) before_fetch_page(d.url.url);
  const HttpClient::Conditional conditional = ConditionalFor(d.url.url);
  FetchResult result = co_await client->Get(d.url.url, conditional);
  EndClusterRequest(d.host_key);
  --in_flight;
  if (result.error == FetchError::kCancelled) {
    // Abandoned at shutdown: not recorded, so the URL stays pending in the
    // store and is fetched on resume.
    --outstanding;
    Wake();
    co_return;
  }
  scheduler->OnFetchFinished(d.host_key, FeedbackOf(result, clock.WallMillis()), d.origin);
  ++progress.fetched;
  if (crawl_stats) ReportPageFetch(*crawl_stats, d, result);
  if (result.error != FetchError::kNone) ++progress.errors;
  progress.bytes += result.body.size();

  FetchContext context{std::move(d.host_key), std::move(d.url)};
  const size_t body_bytes = result.body.size();
  backlog.Add(body_bytes);
  asio::post(*workers, [this, body_bytes, context = std::move(context),
                        result = std::move(result)]() mutable {
    storage::BatchRecord record = ProcessOnWorker(context, std::move(result));
    if (backlog.Done(body_bytes)) asio::post(ioc, [this] { Wake(); });
    ReleaseSlack(record);
    if (cluster != nullptr && !RouteClusterLinks(record)) return;
    writer->Submit(std::move(record));
  });
  Wake();
}

CrawlEngine::CrawlEngine(CrawlConfig config, storage::Store& store, const Clock& clock,
                         std::function<void(const CrawlProgress&)> on_progress)
    : impl_(std::make_unique<Impl>(std::move(config), store, clock, std::move(on_progress))) {}

CrawlEngine::~CrawlEngine() = default;

void CrawlEngine::SetNameLookupForTesting(
    std::function<std::optional<std::vector<std::string>>(const std::string& host)> lookup) {
  impl_->name_lookup = std::move(lookup);
}

void CrawlEngine::SetBeforeProcessHookForTesting(
    std::function<void(const std::string& url)> hook) {
  impl_->before_process = std::move(hook);
}

void CrawlEngine::SetBeforeFetchPageHookForTesting(
    std::function<void(const std::string& url)> hook) {
  impl_->before_fetch_page = std::move(hook);
}

void CrawlEngine::SetCluster(ClusterFeed* feed) { impl_->cluster = feed; }

void CrawlEngine::SetStats(observe::CrawlStats* stats) { impl_->crawl_stats = stats; }

void CrawlEngine::SetProgressInterval(Duration interval) { impl_->progress_interval = interval; }

void CrawlEngine::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginStop(); });
}

Result<CrawlOutcome> CrawlEngine::Run(bool handle_signals) {
  Impl& m = *impl_;
  if (Status s = m.Prepare(); !s.ok()) return s.error();
  if (Status s = m.store.PutMeta(schema::kJobStateKey, schema::kJobStateRunning); !s.ok())
    return s.error();
  m.started = m.clock.Now();

  asio::signal_set signals(m.ioc);
  if (handle_signals) {
    signals.add(SIGINT);
    signals.add(SIGTERM);
    signals.async_wait([&](const boost::system::error_code& ec, int) {
      if (ec) return;
      std::cerr << "\nnewscrawl: stopping — finishing " << m.in_flight
                << " fetch(es) in flight and committing; press Ctrl-C again to quit at once\n";
      m.BeginStop();
      // A second signal quits at once. What was committed stays committed
      // (each batch is one LMDB transaction), so the store is still resumable.
      signals.async_wait([](const boost::system::error_code& ec2, int) {
        if (!ec2) std::_Exit(130);
      });
    });
    // A caller may have held these back while it set up (a cluster node
    // joining its job, crawler/cli/cluster_crawl_command.cc): from here the
    // handler above takes them, one already pending included.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_UNBLOCK, &stop_signals, nullptr);
  }
  using Task = Impl::Task;
  asio::co_spawn(m.ioc, m.Dispatcher(), m.Ended(Task::kDispatcher, "the dispatcher"));
  if (m.on_progress || m.crawl_stats) {
    asio::co_spawn(m.ioc, m.ProgressTicker(), m.Ended(Task::kTicker, "the progress report"));
  }
  asio::co_spawn(m.ioc, m.HostSnapshotTicker(), m.Ended(Task::kTicker, "the host snapshot"));
  m.ioc.run();

  m.workers->join();
  m.writer->Flush();
  m.writer.reset();
  if (m.cluster != nullptr) {
    // After the last commit: its URLs are acknowledged before the leases go.
    if (Status left = m.cluster->Finish(); !left.ok()) {
      std::cerr << "newscrawl: cluster: " << left.error().message << "\n";
    }
  }
  m.client.reset();
  // The network thread has stopped and the workers are joined: the scheduler
  // may be read here, and this write lands after any periodic one.
  (void)m.store.PutMeta(schema::kHostSnapshotKey, m.HostSnapshotText());
  m.in_flight = 0;
  m.UpdateStatsGauges();  // the final figures, after the last commit

  m.progress.in_flight = 0;
  m.progress.hosts = m.scheduler->HostCount();
  m.progress.elapsed_seconds = ToSeconds(m.clock.Now() - m.started);
  m.progress.selector_fallbacks = m.processor->selector_fallbacks();
  m.progress.watched_pages = m.watched ? m.watched->size() : 0;
  m.progress.backlog = m.backlog.counters();
  {
    std::lock_guard lock(m.failures_mutex);
    m.progress.failures = m.failures;
  }
  CrawlOutcome outcome;
  outcome.progress = m.progress;
  outcome.scheduler_errors = m.scheduler->errors();
  if (m.fatal) {
    (void)m.store.PutMeta(schema::kJobStateKey, schema::kJobStateInterrupted);
    return *m.fatal;
  }
  if (m.stopping) {
    outcome.end = CrawlOutcome::End::kInterrupted;
  } else if (m.page_limit_reached) {
    outcome.end = CrawlOutcome::End::kPageLimit;
  }
  // A run cut by max_pages with URLs still queued is not finished: resume
  // (with a higher --max-pages) goes on with them.
  const bool unfinished = outcome.end == CrawlOutcome::End::kInterrupted ||
                          (outcome.end == CrawlOutcome::End::kPageLimit && !m.scheduler->Idle());
  outcome.urls_left = outcome.end == CrawlOutcome::End::kPageLimit && unfinished;
  const std::string_view state =
      unfinished ? schema::kJobStateInterrupted : schema::kJobStateFinished;
  if (Status s = m.store.PutMeta(schema::kJobStateKey, state); !s.ok()) return s.error();
  return outcome;
}

}  // namespace nc
