// crawl.max_pages_per_host: the per-host count of URLs admitted to the
// frontier (host_counts), kept in the batch transaction, refusing beyond the
// cap with reason "limit", across batches and reopen.

#include <gmock/gmock.h>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::ElementsAre;

class StoreHostCapTest : public StoreTest {
 protected:
  uint64_t Admitted(const std::string& host_key) {
    Result<uint64_t> n = store_->AdmittedUrls(host_key);
    EXPECT_TRUE(n.ok()) << n.error().message;
    return n.ok() ? *n : 0;
  }

  // (target, followed, reason) of every edge, in order.
  std::vector<std::tuple<std::string, bool, SkipReason>> Edges() {
    std::vector<std::tuple<std::string, bool, SkipReason>> edges;
    Status s = store_->ForEachEdge([&](const EdgeView& e) {
      edges.emplace_back(std::string(e.target), e.followed, e.reason);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.error().message;
    return edges;
  }
};

TEST_F(StoreHostCapTest, UnlimitedByDefaultButCounted) {
  QueuedUrl home = AddSeed("https://a.test/");
  Commit({Page("a.test", home,
               {Link("https://a.test/1", true), Link("https://a.test/2", true),
                Link("https://b.test/1", true), Link("https://a.test/3", false)})});
  EXPECT_EQ(Admitted("a.test"), 3u);  // the seed, /1 and /2; /3 was not followed
  EXPECT_EQ(Admitted("b.test"), 1u);
  EXPECT_EQ(Admitted("c.test"), 0u);
}

TEST_F(StoreHostCapTest, RefusesBeyondTheCapWithReasonLimit) {
  store_->SetMaxUrlsPerHost(3);
  QueuedUrl home = AddSeed("https://a.test/");  // 1 of 3
  CommitReport report = Commit({Page(
      "a.test", home,
      {Link("https://a.test/1", true), Link("https://b.test/1", true), Link("https://a.test/2", true),
       Link("https://a.test/3", true), Link("https://a.test/1", true)})});
  std::vector<std::string> enqueued;
  for (const auto& e : report.enqueued) enqueued.push_back(e.url.url);
  EXPECT_THAT(enqueued, ElementsAre("https://a.test/1", "https://b.test/1", "https://a.test/2"));
  EXPECT_THAT(Edges(),
              ElementsAre(std::tuple("https://a.test/1", true, SkipReason::kNone),
                          std::tuple("https://b.test/1", true, SkipReason::kNone),
                          std::tuple("https://a.test/2", true, SkipReason::kNone),
                          std::tuple("https://a.test/3", false, SkipReason::kLimit),
                          // Already queued: followed, and not counted again.
                          std::tuple("https://a.test/1", true, SkipReason::kNone)));
  EXPECT_EQ(Admitted("a.test"), 3u);
  EXPECT_EQ(Admitted("b.test"), 1u);
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/1", "https://a.test/2"));
}

TEST_F(StoreHostCapTest, CountHoldsAcrossBatchesAndReopen) {
  store_->SetMaxUrlsPerHost(2);
  QueuedUrl home = AddSeed("https://a.test/");
  CommitReport first = Commit({Page("a.test", home, {Link("https://a.test/1", true)})});
  ASSERT_EQ(first.enqueued.size(), 1u);
  store_.reset();
  store_ = OpenStore(OpenMode::kOpenExisting);
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(Admitted("a.test"), 2u);
  store_->SetMaxUrlsPerHost(2);
  CommitReport second =
      Commit({Page("a.test", first.enqueued[0].url, {Link("https://a.test/2", true)})});
  EXPECT_TRUE(second.enqueued.empty());
  EXPECT_EQ(std::get<2>(Edges().back()), SkipReason::kLimit);
  // Raising the cap (a resume with a larger --max-pages-per-host) admits more.
  store_->SetMaxUrlsPerHost(3);
  QueuedUrl seed2 = AddSeed("https://a.test/2");
  EXPECT_EQ(seed2.url, "https://a.test/2");
  EXPECT_EQ(Admitted("a.test"), 3u);
}

TEST_F(StoreHostCapTest, SeedsCountAndAreRefusedBeyondTheCap) {
  store_->SetMaxUrlsPerHost(1);
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/"), Seed("https://a.test/x"),
                                      Seed("https://b.test/")};
  Result<CommitReport> report = store_->AddSeeds(seeds);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->enqueued.size(), 2u);
  EXPECT_EQ(report->enqueued[0].url.url, "https://a.test/");
  EXPECT_EQ(report->enqueued[1].url.url, "https://b.test/");
}

TEST_F(StoreHostCapTest, RetriesDoNotCountAgain) {
  store_->SetMaxUrlsPerHost(1);
  QueuedUrl home = AddSeed("https://a.test/");
  PageRecord failed = Page("a.test", home);
  failed.kind = FetchKind::kFailed;
  CommitReport report = Commit({RetryLater{failed, home.attempts}});
  ASSERT_EQ(report.enqueued.size(), 1u);  // queued again under a new seq
  EXPECT_EQ(Admitted("a.test"), 1u);
}

}  // namespace
}  // namespace nc::storage::testing
