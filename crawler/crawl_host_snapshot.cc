// Periodic views of the crawl for people: the progress callback and the
// per-host snapshot that `newscrawl status --hosts` reads from store meta.
#include <algorithm>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "crawler/crawl_engine_impl.h"

namespace nc {

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

}  // namespace nc
