#include "crawler/crawl_engine.h"

#include <algorithm>
#include <csignal>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <thread>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "common/version.h"
#include "crawler/content_decoding.h"
#include "crawler/host_snapshot_text.h"
#include "crawler/http_client.h"
#include "crawler/page_processor.h"
#include "crawler/retry_after.h"
#include "frontier/scheduler.h"
#include "frontier/scope.h"
#include "frontier/url.h"

namespace nc {
namespace asio = boost::asio;

namespace {

// robots.txt: read at most this much (RFC 9309 2.5 asks for at least 500 KiB).
constexpr uint64_t kRobotsMaxBytes = 500 * 1024;
// RFC 9309 2.3.1.2: follow at least five consecutive redirects.
constexpr int kRobotsMaxRedirects = 5;
// After a stop request, fetches in flight get this long to finish (and be
// committed, so they are not fetched again on resume) before they are
// cancelled (and left pending, so they are).
constexpr auto kStopGrace = std::chrono::seconds(5);
// The scheduler's host snapshot, for `status --hosts`: collected often
// enough to catch a host between its first and last fetch (the scheduler
// forgets a host soon after its work is done), written to store meta every
// few collections (a write transaction each), listing a bounded number of
// hosts: it is for a person reading status.
constexpr auto kHostSnapshotCollectInterval = std::chrono::milliseconds(250);
constexpr int kHostSnapshotWriteEvery = 8;  // collections: every 2 s
constexpr size_t kHostSnapshotMaxHosts = 1000;

HttpClientOptions ClientOptions(const CrawlConfig& c) {
  HttpClientOptions o;
  o.user_agent = c.user_agent.empty() ? kDefaultUserAgent : c.user_agent;
  o.connect_timeout_seconds = c.connect_timeout;
  o.read_timeout_seconds = c.read_timeout;
  o.total_timeout_seconds = c.total_timeout;
  o.max_body_bytes = c.max_body_bytes;
  o.ca_file = c.ca_file;
  o.verify_tls = c.verify_tls;
  o.resolve = c.resolve;
  o.max_idle_connections = c.max_connections;
  return o;
}

SchedulerOptions MakeSchedulerOptions(const CrawlConfig& c) {
  SchedulerOptions o;
  o.min_delay_seconds = c.min_delay;
  o.max_in_flight_per_host = c.max_in_flight_per_host;
  o.obey_robots = c.obey_robots;
  o.robots_product_token = kRobotsProductToken;
  o.max_crawl_delay_seconds = c.max_crawl_delay;
  o.crawl_delay_policy = c.crawl_delay_policy == "skip"
                             ? SchedulerOptions::CrawlDelayPolicy::kSkip
                             : SchedulerOptions::CrawlDelayPolicy::kClamp;
  o.adaptive_factor = c.adaptive_factor;
  o.backoff_initial_seconds = c.backoff_initial;
  o.backoff_max_seconds = c.backoff_max;
  o.park_after_failures = c.park_after_failures;
  o.park_seconds = c.park_seconds;
  // The park period grows while a host keeps failing; keep the default cap
  // unless the first period is already longer.
  o.max_park_seconds = std::max(o.max_park_seconds, c.park_seconds);
  o.max_retry_after_seconds = c.max_retry_after;
  o.robots_ttl_seconds = c.robots_ttl;
  o.robots_max_attempts = c.robots_max_attempts;
  o.max_requests_per_second = c.max_requests_per_second;
  // Real crawls get fresh back-off jitter each run so that many crawlers
  // hitting one failing host do not retry in lock-step.
  o.jitter_seed = std::random_device{}();
  return o;
}

unsigned WorkerCount(const CrawlConfig& c) {
  if (c.parse_threads > 0) return c.parse_threads;
  unsigned cores = std::thread::hardware_concurrency();
  return cores > 1 ? cores - 1 : 1;
}

}  // namespace

struct CrawlEngine::Impl {
  Impl(CrawlConfig c, storage::Store& s, const Clock& k, std::function<void(const CrawlProgress&)> p)
      : config(std::move(c)), store(s), clock(k), on_progress(std::move(p)) {}

  // --- fixed after Run() starts ---
  CrawlConfig config;
  storage::Store& store;
  const Clock& clock;
  std::function<void(const CrawlProgress&)> on_progress;
  std::vector<Url> seed_urls;
  std::unique_ptr<CrawlScope> scope;
  std::unique_ptr<PageProcessor> processor;

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
  uint64_t pages_dispatched = 0;  // toward max_pages, including earlier runs of the job
  uint64_t outstanding = 0;       // page records between dispatch and commit
  size_t in_flight = 0;           // requests on the network (robots.txt included)
  CrawlProgress progress;
  SteadyTime started{};
  // Last state seen of every host snapshotted this run (at most
  // kHostSnapshotMaxHosts), so hosts the scheduler has dropped from memory
  // still show in `status --hosts` with their last delay and robots state.
  std::map<std::string, HostSnapshotRow> host_rows;

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

  Status Prepare();
  asio::awaitable<void> Dispatcher();
  asio::awaitable<void> FetchPage(Dispatch d);
  asio::awaitable<void> FetchRobots(Dispatch d);
  asio::awaitable<void> ProgressTicker();
  asio::awaitable<void> HostSnapshotTicker();
  void CollectHostSnapshot();
  std::string HostSnapshotText();
  void SubmitRobotsDenied(const Dispatch& d);
  void OnCommit(storage::CommitReport report);
};

Status CrawlEngine::Impl::Prepare() {
  if (Status s = ValidateConfig(config); !s.ok()) return s;
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
    seed.host_key = HostKey(*url);
    seed.role = LinkRole::kHeadline;
    seed.follow = true;
    seeds.push_back(std::move(seed));
  }
  if (seed_urls.empty()) return MakeError("config.seed", "no seed URL: give at least one --seed");
  scope = std::make_unique<CrawlScope>(seed_urls, config.scope);
  processor = std::make_unique<PageProcessor>(config, *scope);

  auto added = store.AddSeeds(seeds);
  if (!added.ok()) return added.error();
  progress.enqueued += added->enqueued.size();
  // Fetches of earlier runs of this job count toward max_pages (robots-denied
  // records are not fetches).
  auto stats = store.Stats();
  if (!stats.ok()) return stats.error();
  for (uint64_t n : stats->pages_by_status_class) pages_dispatched += n;

  scheduler = std::make_unique<PolitenessScheduler>(MakeSchedulerOptions(config), clock, store);
  auto hosts = store.PendingHosts();
  if (!hosts.ok()) return hosts.error();
  for (const auto& host : *hosts) scheduler->AddStoredHost(host);

  client = std::make_unique<HttpClient>(ioc.get_executor(), ClientOptions(config), clock);
  workers = std::make_unique<asio::thread_pool>(WorkerCount(config));
  writer = std::make_unique<storage::BatchWriter>(
      store,
      storage::BatchWriter::Options{config.commit_batch_pages, config.commit_interval_ms},
      [this](storage::CommitReport report) {
        asio::post(ioc, [this, report = std::move(report)]() mutable { OnCommit(std::move(report)); });
      },
      [this](Error error) {
        asio::post(ioc, [this, error = std::move(error)]() mutable {
          fatal = std::move(error);
          BeginStop();
        });
      });
  return Status::Ok();
}

void CrawlEngine::Impl::OnCommit(storage::CommitReport report) {
  for (auto& e : report.enqueued) scheduler->Enqueue(e.host_key, std::move(e.url));
  progress.enqueued += report.enqueued.size();
  progress.committed += report.pages;
  outstanding -= std::min<uint64_t>(outstanding, report.pages);
  Wake();
}

void CrawlEngine::Impl::SubmitRobotsDenied(const Dispatch& d) {
  storage::PageRecord record;
  record.url = d.url.url;
  record.host_key = d.host_key;
  record.frontier_seq = d.url.seq;
  record.depth = d.url.depth;
  record.kind = storage::FetchKind::kRobotsDenied;
  record.fetch_start_ms = record.fetch_end_ms = clock.WallMillis();
  ++outstanding;
  ++progress.robots_denied;
  writer->Submit(std::move(record));
}

asio::awaitable<void> CrawlEngine::Impl::Dispatcher() {
  for (;;) {
    while (!stopping && in_flight < config.max_connections && outstanding < MaxOutstanding()) {
      if (config.max_pages != 0 && pages_dispatched >= config.max_pages) {
        page_limit_reached = true;
        break;
      }
      std::optional<Dispatch> next = scheduler->Next();
      if (!next) break;
      switch (next->kind) {
        case Dispatch::Kind::kFetchRobots:
          ++in_flight;
          asio::co_spawn(ioc, FetchRobots(std::move(*next)), asio::detached);
          break;
        case Dispatch::Kind::kFetchPage:
          ++in_flight;
          ++outstanding;
          ++pages_dispatched;
          asio::co_spawn(ioc, FetchPage(std::move(*next)), asio::detached);
          break;
        case Dispatch::Kind::kRobotsDenied:
          SubmitRobotsDenied(*next);
          break;
      }
    }
    const bool drained = in_flight == 0 && outstanding == 0;
    if (fatal && in_flight == 0) break;  // the writer failed: nothing more can be committed
    if (drained && (stopping || page_limit_reached || scheduler->Idle())) break;

    if (wake_pending) {
      wake_pending = false;
      continue;
    }
    std::optional<SteadyTime> wakeup = stopping ? std::nullopt : scheduler->NextWakeup();
    // The scheduler's clock may be a test clock: convert its wake-up time into
    // a real delay for the timer.
    auto delay = wakeup ? *wakeup - clock.Now() : Duration(std::chrono::seconds(1));
    if (delay < Duration::zero()) delay = Duration::zero();
    wake_timer.expires_after(delay);
    co_await wake_timer.async_wait(asio::as_tuple(asio::use_awaitable));
    wake_pending = false;
  }
  stop_timer.cancel();
  ioc.stop();
}

asio::awaitable<void> CrawlEngine::Impl::FetchPage(Dispatch d) {
  FetchResult result = co_await client->Get(d.url.url);
  --in_flight;
  if (result.error == FetchError::kCancelled) {
    // Abandoned at shutdown: not recorded, so the URL stays pending in the
    // store and is fetched on resume.
    --outstanding;
    Wake();
    co_return;
  }
  FetchFeedback feedback;
  feedback.started = result.started;
  feedback.finished = result.finished;
  feedback.http_status = static_cast<int>(result.http_status);
  if (result.http_status == 429 || result.http_status == 503) {
    feedback.retry_after_seconds = ParseRetryAfter(result.retry_after, clock.WallMillis());
  }
  scheduler->OnFetchFinished(d.host_key, feedback);
  ++progress.fetched;
  if (result.error != FetchError::kNone) ++progress.errors;
  progress.bytes += result.body.size();

  FetchContext context{std::move(d.host_key), std::move(d.url)};
  asio::post(*workers, [this, context = std::move(context), result = std::move(result)]() mutable {
    writer->Submit(processor->Process(context, std::move(result)));
  });
  Wake();
}

asio::awaitable<void> CrawlEngine::Impl::FetchRobots(Dispatch d) {
  std::string url = d.origin + "/robots.txt";
  FetchResult result;
  SteadyTime started = clock.Now();
  for (int hop = 0;; ++hop) {
    result = co_await client->Get(url);
    const bool redirect = result.error == FetchError::kNone && result.http_status >= 300 &&
                          result.http_status < 400 && !result.location.empty();
    if (!redirect || hop == kRobotsMaxRedirects) break;
    auto base = ParseUrl(url);
    auto next = base.ok() ? ResolveUrl(*base, result.location) : Result<Url>(base.error());
    if (!next.ok()) break;
    url = next->spec;
  }
  --in_flight;
  if (result.error == FetchError::kCancelled) {  // shutdown: nothing learnt
    Wake();
    co_return;
  }

  RobotsOutcome outcome;
  const unsigned status = result.http_status;
  if (result.error != FetchError::kNone || status >= 500 || status == 429) {
    outcome.kind = RobotsOutcome::Kind::kUnreachable;
  } else if (status >= 200 && status < 300) {
    auto decoded = DecodeContent(result.content_encoding, std::move(result.body), kRobotsMaxBytes);
    if (decoded.ok()) {
      outcome.kind = RobotsOutcome::Kind::kParsed;
      outcome.body = std::move(decoded->bytes);
    } else {
      outcome.kind = RobotsOutcome::Kind::kUnreachable;
    }
  } else {
    // 3xx after too many hops and 4xx: "unavailable", everything allowed.
    outcome.kind = RobotsOutcome::Kind::kUnavailable;
  }
  FetchFeedback feedback;
  feedback.started = started;
  feedback.finished = result.error == FetchError::kNone ? result.finished : clock.Now();
  feedback.http_status = static_cast<int>(status);

  // Keep what robots.txt said in host state, off the network thread: the
  // write transaction may wait for the batch writer's.
  asio::post(*workers, [this, origin = d.origin, status, body = outcome.body,
                        when = clock.WallMillis()] {
    (void)store.PutRobots(origin, static_cast<int>(status), body, when);
  });
  scheduler->OnRobotsFetched(d.host_key, d.origin, std::move(outcome), feedback);
  Wake();
}

asio::awaitable<void> CrawlEngine::Impl::ProgressTicker() {
  asio::steady_timer timer(ioc);
  for (;;) {
    timer.expires_after(std::chrono::seconds(1));
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    progress.in_flight = in_flight;
    progress.hosts = scheduler->HostCount();
    progress.elapsed_seconds = ToSeconds(clock.Now() - started);
    on_progress(progress);
  }
}

void CrawlEngine::Impl::CollectHostSnapshot() {
  for (auto& [key, row] : host_rows) {
    row.active = false;
    row.host.queued_in_memory = 0;
    row.host.in_flight = 0;
    row.wait_seconds = 0;
  }
  const SteadyTime now = clock.Now();
  for (HostSnapshot& h : scheduler->Snapshot(kHostSnapshotMaxHosts)) {
    auto it = host_rows.find(h.host_key);
    if (it == host_rows.end()) {
      if (host_rows.size() >= kHostSnapshotMaxHosts) continue;
      it = host_rows.emplace(h.host_key, HostSnapshotRow{}).first;
    }
    it->second.wait_seconds = std::max(0.0, ToSeconds(h.next_allowed - now));
    it->second.active = true;
    it->second.host = std::move(h);
  }
}

std::string CrawlEngine::Impl::HostSnapshotText() {
  CollectHostSnapshot();
  std::vector<HostSnapshotRow> rows;
  rows.reserve(host_rows.size());
  for (const auto& [key, row] : host_rows) rows.push_back(row);
  return EncodeHostSnapshot(rows, clock.WallMillis());
}

asio::awaitable<void> CrawlEngine::Impl::HostSnapshotTicker() {
  asio::steady_timer timer(ioc);
  for (int tick = 1;; ++tick) {
    timer.expires_after(kHostSnapshotCollectInterval);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    if (tick % kHostSnapshotWriteEvery != 0) {
      CollectHostSnapshot();
      continue;
    }
    // PutMeta opens a write transaction, which may wait for the batch
    // writer's: never on the network thread.
    asio::post(*workers, [this, text = HostSnapshotText()] {
      (void)store.PutMeta(kHostSnapshotMetaKey, text);
    });
  }
}

CrawlEngine::CrawlEngine(CrawlConfig config, storage::Store& store, const Clock& clock,
                         std::function<void(const CrawlProgress&)> on_progress)
    : impl_(std::make_unique<Impl>(std::move(config), store, clock, std::move(on_progress))) {}

CrawlEngine::~CrawlEngine() = default;

void CrawlEngine::Stop() {
  asio::post(impl_->ioc, [impl = impl_.get()] { impl->BeginStop(); });
}

Result<CrawlOutcome> CrawlEngine::Run(bool handle_signals) {
  Impl& m = *impl_;
  if (Status s = m.Prepare(); !s.ok()) return s.error();
  if (Status s = m.store.PutMeta("job_state", "running"); !s.ok()) return s.error();
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
  }
  asio::co_spawn(m.ioc, m.Dispatcher(), asio::detached);
  if (m.on_progress) asio::co_spawn(m.ioc, m.ProgressTicker(), asio::detached);
  asio::co_spawn(m.ioc, m.HostSnapshotTicker(), asio::detached);
  m.ioc.run();

  m.workers->join();
  m.writer->Flush();
  m.writer.reset();
  m.client.reset();
  // The network thread has stopped and the workers are joined: the scheduler
  // may be read here, and this write lands after any periodic one.
  (void)m.store.PutMeta(kHostSnapshotMetaKey, m.HostSnapshotText());

  m.progress.in_flight = 0;
  m.progress.hosts = m.scheduler->HostCount();
  m.progress.elapsed_seconds = ToSeconds(m.clock.Now() - m.started);
  CrawlOutcome outcome;
  outcome.progress = m.progress;
  if (m.fatal) {
    (void)m.store.PutMeta("job_state", "interrupted");
    return *m.fatal;
  }
  if (m.stopping) {
    outcome.end = CrawlOutcome::End::kInterrupted;
  } else if (m.page_limit_reached) {
    outcome.end = CrawlOutcome::End::kPageLimit;
  }
  const char* state = outcome.end == CrawlOutcome::End::kInterrupted ? "interrupted" : "finished";
  if (Status s = m.store.PutMeta("job_state", state); !s.ok()) return s.error();
  return outcome;
}

}  // namespace nc
