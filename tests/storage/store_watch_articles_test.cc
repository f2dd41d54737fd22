// crawl.revisit_articles_after (issue 14, storage side): with it set, an
// article committed while watching becomes a watched page of its own, due
// that long after its fetch; its re-poll is queued once; a 304 is recorded
// as a visit (no new body); a changed body is stored as a new version and
// an unchanged one is not stored again. With 0, nothing of that happens.
// The clock is the records' own fetch times: no test waits.

#include <gtest/gtest.h>

#include "frontier/watch_schedule.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

constexpr int64_t kRevisitMs = 60'000;
constexpr char kHome[] = "https://www.x.test/";
constexpr char kArticle[] = "https://www.x.test/2026/12/05/a.html";

class StoreWatchArticlesTest : public StoreTest {
 protected:
  void Watch(int64_t article_revisit_ms) {
    WatchSchedule schedule;
    schedule.initial_ms = 10'000;
    schedule.min_ms = 2'500;
    schedule.max_ms = 80'000;
    schedule.article_revisit_ms = article_revisit_ms;
    store_->SetWatchSchedule(schedule);
  }

  // Crawls the homepage, which links to the article, then the article
  // (fetched at `fetch_end_ms`, ETag "v1"); returns the article's commit.
  CommitReport CrawlHomeAndArticle(int64_t fetch_end_ms) {
    const QueuedUrl home = AddSeed(kHome);
    CommitReport home_commit = Commit(AsBatch({Page("www.x.test", home, {Link(kArticle, true)})}));
    EXPECT_EQ(home_commit.enqueued.size(), 1u);
    if (home_commit.enqueued.empty()) return {};
    PageRecord article = Page("www.x.test", home_commit.enqueued[0].url, {}, "<p>first</p>");
    article.fetch_end_ms = fetch_end_ms;
    article.etag = "\"v1\"";
    article.last_modified = "Sat, 05 Dec 2026 08:00:00 GMT";
    return Commit(AsBatch({article}));
  }

  // Queues the article's re-poll; returns its frontier entry.
  std::optional<QueuedUrl> Repoll() {
    CommitReport report = Commit({BatchRecord(storage::Repoll{kArticle})});
    if (report.enqueued.size() != 1) return std::nullopt;
    return report.enqueued[0].url;
  }

  std::optional<WatchedPage> WatchEntry(const std::string& url) {
    std::optional<WatchedPage> found;
    EXPECT_TRUE(store_->ForEachWatched([&](const WatchedPage& page) {
      if (page.url == url) found = page;
      return true;
    }).ok());
    return found;
  }

  uint64_t BodyCount() {
    Result<uint64_t> count = store_->VersionBodyCount();
    EXPECT_TRUE(count.ok());
    return count.ok() ? *count : 0;
  }

  std::vector<Store::Version> Versions() {
    Result<std::vector<Store::Version>> versions = store_->Versions(kArticle);
    EXPECT_TRUE(versions.ok());
    return versions.ok() ? *versions : std::vector<Store::Version>{};
  }
};

TEST_F(StoreWatchArticlesTest, AnArticleIsDueOnceItsLastFetchIsOlderThanTheInterval) {
  Watch(kRevisitMs);
  const int64_t fetched = 1'700'000'100'000;
  CommitReport report = CrawlHomeAndArticle(fetched);
  ASSERT_EQ(report.watched.size(), 1u);
  const WatchedPage& entry = report.watched[0];
  EXPECT_EQ(entry.url, kArticle);
  EXPECT_TRUE(entry.article);
  EXPECT_EQ(entry.last_fetch_ms, fetched);
  EXPECT_EQ(entry.interval_ms, kRevisitMs);
  EXPECT_EQ(entry.next_poll_ms, fetched + kRevisitMs);
  EXPECT_EQ(entry.etag, "\"v1\"");  // sent back as If-None-Match
  EXPECT_EQ(entry.polls, 0u);
  // The state survives a reopen as it was committed (format 2, kind byte).
  std::optional<WatchedPage> stored = WatchEntry(kArticle);
  ASSERT_TRUE(stored);
  EXPECT_EQ(*stored, entry);
  // The home page stays an adaptive watched page, not an article.
  std::optional<WatchedPage> home = WatchEntry(kHome);
  ASSERT_TRUE(home);
  EXPECT_FALSE(home->article);
  // The first version is kept, so a later change does not lose it.
  ASSERT_EQ(Versions().size(), 1u);
  EXPECT_FALSE(Versions()[0].body_hash.empty());

  // Due: the re-poll queues the article once, even if asked twice.
  std::optional<QueuedUrl> queued = Repoll();
  ASSERT_TRUE(queued);
  EXPECT_EQ(queued->url, kArticle);
  EXPECT_EQ(PendingUrls("www.x.test"), std::vector<std::string>{kArticle});
  EXPECT_FALSE(Repoll());
}

TEST_F(StoreWatchArticlesTest, A304IsRecordedAsUnchangedWithNoNewBody) {
  Watch(kRevisitMs);
  const int64_t fetched = 1'700'000'100'000;
  CrawlHomeAndArticle(fetched);
  const uint64_t bodies = BodyCount();
  std::optional<QueuedUrl> queued = Repoll();
  ASSERT_TRUE(queued);

  PageRecord not_modified = Page("www.x.test", *queued, {}, "");
  not_modified.http_status = 304;
  not_modified.body_zstd.clear();
  not_modified.body_size = 0;
  not_modified.fetch_end_ms = fetched + kRevisitMs + 1'000;
  CommitReport report = Commit(AsBatch({not_modified}));
  ASSERT_EQ(report.watched.size(), 1u);
  const WatchedPage& entry = report.watched[0];
  EXPECT_EQ(entry.polls, 1u);
  EXPECT_EQ(entry.not_modified, 1u);
  EXPECT_EQ(entry.changes, 0u);
  EXPECT_EQ(entry.etag, "\"v1\"");  // the validators of the stored version stay
  EXPECT_EQ(entry.next_poll_ms, not_modified.fetch_end_ms + kRevisitMs);
  EXPECT_EQ(BodyCount(), bodies);
  const std::vector<Store::Version> versions = Versions();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[1].http_status, 304);
  EXPECT_TRUE(versions[1].body_hash.empty());
  // The page is still the version fetched first.
  Result<std::optional<StoredPage>> page = store_->GetPage(kArticle);
  ASSERT_TRUE(page.ok() && *page);
  EXPECT_EQ((*page)->http_status, 200);
  EXPECT_EQ((*page)->body, "<p>first</p>");
  EXPECT_TRUE(PendingUrls("www.x.test").empty());
}

TEST_F(StoreWatchArticlesTest, AChangedBodyIsANewVersionAndAnUnchangedOneIsNot) {
  Watch(kRevisitMs);
  int64_t fetched = 1'700'000'100'000;
  CrawlHomeAndArticle(fetched);
  const uint64_t bodies = BodyCount();

  // A server without validators sends the same body again: no new version.
  std::optional<QueuedUrl> queued = Repoll();
  ASSERT_TRUE(queued);
  PageRecord same = Page("www.x.test", *queued, {}, "<p>first</p>");
  fetched += kRevisitMs + 1'000;
  same.fetch_end_ms = fetched;
  CommitReport report = Commit(AsBatch({same}));
  ASSERT_EQ(report.watched.size(), 1u);
  EXPECT_EQ(report.watched[0].changes, 0u);
  EXPECT_EQ(BodyCount(), bodies);

  // The article was corrected: stored as a new version.
  queued = Repoll();
  ASSERT_TRUE(queued);
  PageRecord changed = Page("www.x.test", *queued, {}, "<p>first, corrected</p>");
  fetched += kRevisitMs + 1'000;
  changed.fetch_end_ms = fetched;
  changed.etag = "\"v2\"";
  report = Commit(AsBatch({changed}));
  ASSERT_EQ(report.watched.size(), 1u);
  EXPECT_EQ(report.watched[0].changes, 1u);
  EXPECT_EQ(report.watched[0].polls, 2u);
  EXPECT_EQ(report.watched[0].etag, "\"v2\"");
  EXPECT_EQ(BodyCount(), bodies + 1);
  const std::vector<Store::Version> versions = Versions();
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].body_hash, versions[1].body_hash);
  EXPECT_NE(versions[1].body_hash, versions[2].body_hash);
  Result<std::optional<std::string>> first = store_->VersionBody(versions[0].body_hash);
  ASSERT_TRUE(first.ok() && *first);
  EXPECT_EQ(**first, "<p>first</p>");
  Result<std::optional<StoredPage>> page = store_->GetPage(kArticle);
  ASSERT_TRUE(page.ok() && *page);
  EXPECT_EQ((*page)->body, "<p>first, corrected</p>");
}

TEST_F(StoreWatchArticlesTest, WithZeroArticlesAreNeverWatchedNorQueuedAgain) {
  Watch(0);
  CommitReport report = CrawlHomeAndArticle(1'700'000'100'000);
  EXPECT_TRUE(report.watched.empty());
  EXPECT_FALSE(WatchEntry(kArticle));
  EXPECT_TRUE(Versions().empty());
  EXPECT_FALSE(Repoll());
  EXPECT_TRUE(PendingUrls("www.x.test").empty());
}

TEST_F(StoreWatchArticlesTest, AFailedOrErrorPageIsNotWatchedAsAnArticle) {
  Watch(kRevisitMs);
  const QueuedUrl home = AddSeed(kHome);
  CommitReport home_commit = Commit(AsBatch({Page("www.x.test", home, {Link(kArticle, true)})}));
  ASSERT_EQ(home_commit.enqueued.size(), 1u);
  PageRecord gone = Page("www.x.test", home_commit.enqueued[0].url, {}, "gone");
  gone.http_status = 404;
  CommitReport report = Commit(AsBatch({gone}));
  EXPECT_TRUE(report.watched.empty());
  EXPECT_FALSE(WatchEntry(kArticle));
}

}  // namespace
}  // namespace nc::storage::testing
