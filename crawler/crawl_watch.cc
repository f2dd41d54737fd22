// Watch mode (issue 14): after the crawl, the watched pages (seeds, section
// pages, feeds and sitemaps; the store marks them as it commits their
// links) are fetched again when due, through the same scheduler and commit
// path as every page. A due page becomes a Repoll record; its commit queues
// a frontier entry (so a kill -9 after it still fetches the page on
// resume, once); the fetch goes out conditional on the stored validators;
// its commit updates the page's interval and history and queues the new
// links it found, which the scheduler then fetches like any others. With
// crawl.revisit_articles_after, the store also watches each article it
// commits, due again that long after its fetch (crawler/watch_list.h).
//
// Network thread only (CrawlEngine::Impl).

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
  const WatchList::Polled polled =
      watched->Update(std::move(pages), clock.Now(), clock.WallMillis());
  progress.repolls += polled.repolls;
  progress.not_modified += polled.not_modified;
}

std::optional<SteadyTime> CrawlEngine::Impl::SubmitDueRepolls() {
  if (!watching || stopping || page_limit_reached || fatal) return std::nullopt;
  std::vector<std::string> due;
  const std::optional<SteadyTime> earliest = watched->TakeDue(clock.Now(), due);
  for (std::string& url : due) {
    ++repolls_submitted;
    writer->Submit(storage::Repoll{std::move(url)});
  }
  return earliest;
}

bool CrawlEngine::Impl::WatchContinues() const {
  if (!watching || stopping || page_limit_reached || fatal) return false;
  return watched->Continues();
}

HttpClient::Conditional CrawlEngine::Impl::ConditionalFor(std::string_view url) const {
  if (!watching) return {};
  const storage::WatchedPage* page = watched->Find(url);
  if (page == nullptr || page->last_fetch_ms == 0) return {};
  return {page->etag, page->last_modified};
}

}  // namespace nc
