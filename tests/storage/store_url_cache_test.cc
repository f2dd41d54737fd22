// The writer's url_ids cache across transactions (storage/url_id_cache.h):
// what a batch that did not commit wrote through it must not be believed
// by the next one.

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using StoreUrlCacheTest = StoreTest;

bool Contains(const std::vector<std::string>& urls, const std::string& url) {
  return std::find(urls.begin(), urls.end(), url) != urls.end();
}

TEST_F(StoreUrlCacheTest, ABatchThatFailsLeavesNoTraceInTheNextOne) {
  const QueuedUrl a = AddSeed("https://a.test/");
  const QueuedUrl b = AddSeed("https://a.test/b");
  const std::string x = "https://a.test/x";
  // Page a queues x, then page b's empty link fails the whole batch.
  PageRecord bad = Page("a.test", b, {Link("", true)});
  Result<CommitReport> failed =
      store_->CommitBatch(AsBatch({Page("a.test", a, {Link(x, true)}), bad}));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(Stats().urls_known, 2u);

  // The same page again: x is new to the store, so it is queued now.
  CommitReport report = Commit(AsBatch({Page("a.test", a, {Link(x, true)})}));
  ASSERT_EQ(report.enqueued.size(), 1u);
  EXPECT_EQ(report.enqueued[0].url.url, x);
  EXPECT_TRUE(Contains(PendingUrls("a.test"), x));
  EXPECT_EQ(Stats().urls_known, 3u);
}

TEST_F(StoreUrlCacheTest, AUrlQueuedByOneBatchIsNotQueuedAgainByTheNext) {
  const QueuedUrl a = AddSeed("https://a.test/");
  const QueuedUrl b = AddSeed("https://a.test/b");
  const std::string x = "https://a.test/x";
  EXPECT_EQ(Commit(AsBatch({Page("a.test", a, {Link(x, false)})})).enqueued.size(), 0u);
  EXPECT_EQ(Commit(AsBatch({Page("a.test", b, {Link(x, true)})})).enqueued.size(), 1u);
  // Reopened (an empty cache) and from the cache: the same answer.
  const QueuedUrl c = AddSeed("https://a.test/c");
  EXPECT_EQ(Commit(AsBatch({Page("a.test", c, {Link(x, true)})})).enqueued.size(), 0u);
  store_.reset();
  store_ = OpenStore(OpenMode::kOpenExisting);
  ASSERT_TRUE(store_);
  EXPECT_EQ(Commit(AsBatch({Page("a.test", c, {Link(x, true)})})).enqueued.size(), 0u);
  EXPECT_EQ(PendingUrls("a.test"), std::vector<std::string>{x});
}

}  // namespace
}  // namespace nc::storage::testing
