// Views of the crawl for people: the progress callback, and the per-host
// rows that `newscrawl status --hosts` reads from store meta, kept from the
// scheduler's host events (SchedulerObserver) and written every few
// seconds; the same events hand changed host state to the batch writer.
#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/crawl_engine_impl.h"
#include "crawler/observe/crawl_stats.h"
#include "storage/schema.h"

namespace nc {

// `interval` by value: a Duration is trivially destructible, so GCC 12's
// double destruction of by-value coroutine parameters does it no harm.
asio::awaitable<void> CrawlEngine::Impl::Every(Duration interval, void (Impl::*step)()) {
  asio::steady_timer timer(ioc);
  for (;;) {
    timer.expires_after(interval);
    auto [ec] = co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
    if (ec) co_return;
    (this->*step)();
  }
}

asio::awaitable<void> CrawlEngine::Impl::ProgressTicker() {
  return Every(progress_interval, &Impl::ReportProgress);
}

void CrawlEngine::Impl::ReportProgress() {
  progress.in_flight = in_flight;
  progress.hosts = scheduler->HostCount();
  progress.elapsed_seconds = ToSeconds(clock.Now() - started);
  UpdateStatsGauges();
  if (on_progress) on_progress(progress);
}

void CrawlEngine::Impl::UpdateStatsGauges() {
  if (crawl_stats == nullptr) return;
  observe::CrawlStats::Gauges gauges;
  gauges.in_flight = in_flight;
  gauges.hosts_in_memory = scheduler->HostCount();
  // Entry counts and counters of one read transaction: cheap, and what the
  // store holds now (the frontier's size, not a running total of additions).
  if (auto stats = store.Stats(); stats.ok()) {
    gauges.queued_now = stats->urls_queued;
    // Fetch records, as `status` counts "pages" (robots-denied apart).
    for (uint64_t n : stats->pages_by_status_class) gauges.stored_pages += n;
    gauges.stored_bytes = stats->stored_bytes;
  }
  crawl_stats->SetGauges(gauges);
}

void CrawlEngine::Impl::OnHostSnapshot(const HostSnapshot& snapshot) {
  if (crawl_stats) crawl_stats->OnHostSnapshot(snapshot);
  auto it = host_rows.find(snapshot.host_key);
  if (it == host_rows.end()) {
    if (host_rows.size() >= kHostSnapshotMaxHosts) return;
    it = host_rows.emplace(snapshot.host_key, HostSnapshotRow{}).first;
  }
  it->second.host = snapshot;
  it->second.active = snapshot.held;
}

void CrawlEngine::Impl::OnHostStateChanged(std::string_view host_key,
                                           const PersistedHostState& state) {
  // Into the next batch transaction: the network thread never writes.
  if (writer) writer->SubmitHostState(std::string(host_key), state);
}

std::string CrawlEngine::Impl::HostSnapshotText() const {
  // Rows hold the state of each host's last change; what depends on the
  // time (the wait, whether a park still holds) is worked out now.
  const SteadyTime now = clock.Now();
  std::vector<HostSnapshotRow> rows;
  rows.reserve(host_rows.size());
  for (const auto& [key, stored] : host_rows) {
    HostSnapshotRow& row = rows.emplace_back(stored);
    row.wait_seconds = row.active ? std::max(0.0, ToSeconds(row.host.next_allowed - now)) : 0.0;
    if (row.host.parked_until <= now) row.host.parked_reason.clear();
  }
  return EncodeHostSnapshot(rows, clock.WallMillis());
}

asio::awaitable<void> CrawlEngine::Impl::HostSnapshotTicker() {
  return Every(kHostSnapshotWriteInterval, &Impl::WriteHostSnapshot);
}

void CrawlEngine::Impl::WriteHostSnapshot() {
  // PutMeta opens a write transaction, which may wait for the batch
  // writer's: never on the network thread.
  asio::post(*workers, [this, text = HostSnapshotText()] {
    (void)store.PutMeta(storage::schema::kHostSnapshotKey, text);
  });
}

}  // namespace nc
