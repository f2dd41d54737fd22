// Watch mode (issue 14): after the crawl, the watched pages (seeds, section
// pages, feeds and sitemaps; the store marks them as it commits their
// links) are fetched again when due, through the same scheduler and commit
// path as every page. A due page becomes a Repoll record; its commit queues
// a frontier entry (so a kill -9 after it still fetches the page on
// resume, once); the fetch goes out conditional on the stored validators;
// its commit updates the page's interval and history and queues the new
// links it found, which the scheduler then fetches like any others.
//
// Network thread only (CrawlEngine::Impl).

#include <algorithm>

#include "crawler/crawl_engine_impl.h"

namespace nc {

Status CrawlEngine::Impl::LoadWatched() {
  std::vector<storage::WatchedPage> pages;
  Status status = store.ForEachWatched([&](const storage::WatchedPage& page) {
    pages.push_back(page);
    return true;
  });
  if (!status.ok()) return status;
  OnWatchedCommitted(std::move(pages));
  return Status::Ok();
}

void CrawlEngine::Impl::OnWatchedCommitted(std::vector<storage::WatchedPage> pages) {
  const SteadyTime now = clock.Now();
  const int64_t wall_now = clock.WallMillis();
  for (storage::WatchedPage& page : pages) {
    WatchSlot& slot = watched[page.url];
    if (page.polls > slot.page.polls && slot.page.last_fetch_ms != 0) {
      const uint64_t polled = page.polls - slot.page.polls;
      slot.polls_this_run += static_cast<uint32_t>(polled);
      progress.repolls += polled;
      progress.not_modified += page.not_modified - std::min(page.not_modified,
                                                            slot.page.not_modified);
    }
    // Waiting for a fetch to commit: the first one (pending_seq, or the
    // crawl has it queued) or a re-poll.
    slot.awaiting = page.pending_seq != 0;
    slot.due = now + std::chrono::milliseconds(std::max<int64_t>(page.next_poll_ms - wall_now, 0));
    if (page.next_poll_ms == 0) slot.due = now;
    slot.page = std::move(page);
  }
}

std::optional<SteadyTime> CrawlEngine::Impl::SubmitDueRepolls() {
  if (!watching || stopping || page_limit_reached || fatal) return std::nullopt;
  const SteadyTime now = clock.Now();
  std::optional<SteadyTime> earliest;
  for (auto& [url, slot] : watched) {
    if (slot.awaiting) continue;
    if (config.watch_cycles != 0 && slot.polls_this_run >= config.watch_cycles) continue;
    if (slot.due > now) {
      if (!earliest || slot.due < *earliest) earliest = slot.due;
      continue;
    }
    slot.awaiting = true;
    ++repolls_submitted;
    writer->Submit(storage::Repoll{url});
  }
  return earliest;
}

bool CrawlEngine::Impl::WatchContinues() const {
  if (!watching || stopping || page_limit_reached || fatal || watched.empty()) return false;
  if (config.watch_cycles == 0) return true;
  return std::any_of(watched.begin(), watched.end(), [&](const auto& entry) {
    return entry.second.polls_this_run < config.watch_cycles;
  });
}

HttpClient::Conditional CrawlEngine::Impl::ConditionalFor(std::string_view url) const {
  const auto it = watched.find(url);
  if (it == watched.end() || it->second.page.last_fetch_ms == 0) return {};
  return {it->second.page.etag, it->second.page.last_modified};
}

}  // namespace nc
