// Seeds, LoadPending and PendingHosts: the durable frontier.

#include <gmock/gmock.h>

#include "storage/schema.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

using StoreFrontierTest = StoreTest;

TEST_F(StoreFrontierTest, SeedsAreEnqueuedInOrderWithIncreasingSeq) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/"), Seed("https://b.test/"),
                                      Seed("https://a.test/news")};
  Result<CommitReport> report = store_->AddSeeds(seeds);
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(report->enqueued.size(), 3u);
  EXPECT_EQ(report->enqueued[0].host_key, "a.test");
  EXPECT_EQ(report->enqueued[1].host_key, "b.test");
  EXPECT_EQ(report->enqueued[2].url.url, "https://a.test/news");
  EXPECT_LT(report->enqueued[0].url.seq, report->enqueued[1].url.seq);
  EXPECT_LT(report->enqueued[1].url.seq, report->enqueued[2].url.seq);
  EXPECT_EQ(report->pages, 0u);
}

TEST_F(StoreFrontierTest, SeedAlreadyQueuedIsNotEnqueuedAgain) {
  AddSeed("https://a.test/");
  OutlinkRecord again = Seed("https://a.test/");
  Result<CommitReport> report = store_->AddSeeds({&again, 1});
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->enqueued, IsEmpty());
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/"));
}

TEST_F(StoreFrontierTest, DuplicateSeedsInOneCallAreEnqueuedOnce) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/"), Seed("https://a.test/")};
  Result<CommitReport> report = store_->AddSeeds(seeds);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->enqueued.size(), 1u);
}

TEST_F(StoreFrontierTest, SeedWithoutFollowIsOnlyKnown) {
  OutlinkRecord seed = Link("https://a.test/", /*follow=*/false);
  Result<CommitReport> report = store_->AddSeeds({&seed, 1});
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->enqueued, IsEmpty());
  EXPECT_EQ(Stats().urls_known, 1u);
  EXPECT_EQ(Stats().urls_queued, 0u);
}

TEST_F(StoreFrontierTest, LoadPendingReturnsOneHostInSeqOrder) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://b.test/1"),
                                      Seed("https://a.test/2"), Seed("https://ab.test/1"),
                                      Seed("https://a.test/3")};
  ASSERT_TRUE(store_->AddSeeds(seeds).ok());
  EXPECT_THAT(PendingUrls("a.test"),
              ElementsAre("https://a.test/1", "https://a.test/2", "https://a.test/3"));
  EXPECT_THAT(PendingUrls("b.test"), ElementsAre("https://b.test/1"));
  EXPECT_THAT(PendingUrls("a.tes"), IsEmpty());  // host keys are not prefixes of each other
  EXPECT_THAT(PendingUrls("c.test"), IsEmpty());
}

TEST_F(StoreFrontierTest, LoadPendingStartsAfterSeqAndStopsAtLimit) {
  Result<CommitReport> report = store_->AddSeeds(NumberedSeeds(10));
  ASSERT_TRUE(report.ok());
  uint64_t third = report->enqueued[2].url.seq;

  Result<std::vector<QueuedUrl>> page = store_->LoadPending("a.test", third, 3);
  ASSERT_TRUE(page.ok()) << page.error().message;
  ASSERT_EQ(page->size(), 3u);
  EXPECT_EQ((*page)[0].url, "https://a.test/3");
  EXPECT_EQ((*page)[0].seq, report->enqueued[3].url.seq);
  EXPECT_EQ((*page)[2].url, "https://a.test/5");

  Result<std::vector<QueuedUrl>> rest = store_->LoadPending("a.test", (*page)[2].seq, 100);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->size(), 4u);
  EXPECT_TRUE(store_->LoadPending("a.test", UINT64_MAX, 10)->empty());
  EXPECT_TRUE(store_->LoadPending("a.test", 0, 0)->empty());
}

TEST_F(StoreFrontierTest, LoadPendingKeepsDepthAndRedirects) {
  OutlinkRecord seed = Seed("https://a.test/x");
  seed.depth = 3;
  seed.redirects = 2;
  ASSERT_TRUE(store_->AddSeeds({&seed, 1}).ok());
  Result<std::vector<QueuedUrl>> pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].depth, 3u);
  EXPECT_EQ((*pending)[0].redirects, 2u);
}

// Issue 11: the redirect chain travels with the queued target (commit
// report, durable frontier, a retry), so a -> b -> a can end as a loop.
TEST_F(StoreFrontierTest, RedirectChainTravelsWithTheQueuedTargetAndItsRetry) {
  AddSeed("https://a.test/a");
  Result<std::vector<QueuedUrl>> seed = store_->LoadPending("a.test", 0, 10);
  ASSERT_TRUE(seed.ok());
  ASSERT_EQ(seed->size(), 1u);
  EXPECT_TRUE((*seed)[0].redirect_chain.empty());

  const RedirectChain chain = {RedirectFingerprint("https://a.test/a"), 0x8000000000000001ULL};
  OutlinkRecord to_b = Link("https://a.test/b", /*follow=*/true, LinkRole::kRedirect);
  to_b.redirects = 2;
  to_b.redirect_chain = chain;
  CommitReport report = Commit({Page("a.test", (*seed)[0], {to_b})});
  ASSERT_EQ(report.enqueued.size(), 1u);
  EXPECT_EQ(report.enqueued[0].url.redirect_chain, chain);

  Result<std::vector<QueuedUrl>> pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_TRUE(pending.ok()) << pending.error().message;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].redirects, 2u);
  EXPECT_EQ((*pending)[0].attempts, 0u);
  EXPECT_EQ((*pending)[0].redirect_chain, chain);

  // A transient failure of b requeues it with its chain.
  PageRecord failed = Page("a.test", (*pending)[0]);
  failed.http_status = 503;
  failed.redirects = 2;
  failed.redirect_chain = chain;
  report = Commit({RetryLater{failed, 0}});
  ASSERT_EQ(report.enqueued.size(), 1u);
  EXPECT_EQ(report.enqueued[0].url.redirect_chain, chain);
  pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_TRUE(pending.ok()) << pending.error().message;
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].attempts, 1u);
  EXPECT_EQ((*pending)[0].redirect_chain, chain);
}

TEST(FrontierValueTest, RedirectChainIsOptionalAndItsCountIsChecked) {
  using schema::DecodeFrontierValue;
  using schema::EncodeFrontierValue;
  // Without a chain (or attempts) the value is as older versions wrote it.
  EXPECT_EQ(EncodeFrontierValue({7, 1, 0}), std::string("\x07\x01\x00", 3));
  const schema::FrontierValue with_chain{7, 1, 2, 0, {1, 2}};
  Result<schema::FrontierValue> back = DecodeFrontierValue(EncodeFrontierValue(with_chain));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->attempts, 0u);
  EXPECT_EQ(back->redirect_chain, (RedirectChain{1, 2}));

  // A count larger than the bytes left is corrupt, and allocates nothing.
  std::string huge("\x07\x01\x02\x00", 4);
  huge += "\xff\xff\xff\xff\x0f";  // 2^32 - 1 hops
  huge += std::string(8, '\0');
  Result<schema::FrontierValue> bad = DecodeFrontierValue(huge);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().code, "store.corrupt");
  EXPECT_EQ(bad.error().message, "frontier value: redirect chain of 4294967295 hops in 8 bytes");
  // A chain cut short is corrupt too.
  std::string cut = EncodeFrontierValue(with_chain);
  cut.pop_back();
  EXPECT_FALSE(DecodeFrontierValue(cut).ok());
}

TEST_F(StoreFrontierTest, PendingHostsListsEachHostWithWorkOnce) {
  std::vector<OutlinkRecord> seeds = {Seed("https://b.test/1"), Seed("https://a.test/1"),
                                      Seed("https://b.test/2"), Seed("https://c.test/1")};
  Result<CommitReport> report = store_->AddSeeds(seeds);
  ASSERT_TRUE(report.ok());
  Result<std::vector<std::string>> hosts = store_->PendingHosts();
  ASSERT_TRUE(hosts.ok());
  EXPECT_THAT(*hosts, ElementsAre("a.test", "b.test", "c.test"));

  // Fetching c.test's only URL removes the host.
  Commit({Page("c.test", report->enqueued[3].url)});
  hosts = store_->PendingHosts();
  ASSERT_TRUE(hosts.ok());
  EXPECT_THAT(*hosts, ElementsAre("a.test", "b.test"));
}

TEST_F(StoreFrontierTest, FrontierSurvivesReopen) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://a.test/2")};
  ASSERT_TRUE(store_->AddSeeds(seeds).ok());
  store_.reset();
  store_ = OpenStore(OpenMode::kOpenExisting);
  ASSERT_TRUE(store_);
  EXPECT_THAT(PendingUrls("a.test"), ElementsAre("https://a.test/1", "https://a.test/2"));
  // Seq numbers keep increasing after a reopen.
  OutlinkRecord third = Seed("https://a.test/3");
  Result<CommitReport> report = store_->AddSeeds({&third, 1});
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->enqueued[0].url.seq, 3u);
}

TEST_F(StoreFrontierTest, InvalidHostKeyIsAnErrorAndNothingIsWritten) {
  std::vector<OutlinkRecord> seeds = {Seed("https://a.test/1"), Seed("https://b.test/1")};
  seeds[1].host_key = std::string("b\0x", 3);
  Result<CommitReport> report = store_->AddSeeds(seeds);
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, "store.invalid");
  EXPECT_THAT(PendingUrls("a.test"), IsEmpty());
}

}  // namespace
}  // namespace nc::storage::testing
