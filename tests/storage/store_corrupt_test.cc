// Damaged values in a store give Errors with context, never crashes.

#include <gmock/gmock.h>

#include "storage/schema.h"
#include "tests/storage/raw_lmdb.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::HasSubstr;

class StoreCorruptTest : public StoreTest {
 protected:
  // A store with one fetched page (url id 1) linking to one queued URL (id 2).
  void SetUp() override {
    StoreTest::SetUp();
    QueuedUrl home = AddSeed("https://a.test/");
    Commit({Page("a.test", home, {Link("https://a.test/art", true, LinkRole::kHeadline, "A")})});
    ASSERT_TRUE(store_->PutRobots("https://a.test", 200, "User-agent: *\n", 1).ok());
    store_.reset();
  }

  // Overwrites one value behind the store's back, then reopens the store.
  void Damage(const char* db, std::string key, std::string value) {
    WithRawLmdb(dir_.path() / "store",
                [&](lmdb::Txn& txn) { ASSERT_TRUE(RawDb(txn, db).Put(txn, key, value).ok()); });
    store_ = OpenStore(OpenMode::kOpenExisting);
    ASSERT_TRUE(store_);
  }

  std::string Prefix() const { return "store " + (dir_.path() / "store").string() + ": "; }
};

TEST_F(StoreCorruptTest, GarbagePageValueIsAnError) {
  Damage(schema::kPagesDb, schema::IdKey(1), "\x01\x00");
  Result<std::optional<StoredPage>> page = store_->GetPage("https://a.test/");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.error().code, "store.corrupt");
  EXPECT_THAT(page.error().message, HasSubstr(Prefix() + "pages value of url id 1: "));
  Status listed = store_->ForEachPageUrl([](std::string_view, uint16_t) { return true; });
  EXPECT_FALSE(listed.ok());
}

TEST_F(StoreCorruptTest, PageWithCorruptBodyIsAnError) {
  schema::PageHeader h;
  h.http_status = 200;
  std::string value;
  schema::EncodePageHeader(h, &value);
  value += "\x28\xb5\x2f\xfd garbage after a zstd magic";
  Damage(schema::kPagesDb, schema::IdKey(1), value);
  Result<std::optional<StoredPage>> page = store_->GetPage("https://a.test/");
  ASSERT_FALSE(page.ok());
  EXPECT_THAT(page.error().message, HasSubstr("zstd"));
}

TEST_F(StoreCorruptTest, CorruptOldPageIsReplacedWhenTheUrlIsWrittenAgain) {
  Damage(schema::kPagesDb, schema::IdKey(1), "garbage");
  QueuedUrl again{0, "https://a.test/", 0, 0};
  Commit({Page("a.test", again)});
  Result<std::optional<StoredPage>> page = store_->GetPage("https://a.test/");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_TRUE(page->has_value());
}

TEST_F(StoreCorruptTest, GarbageFrontierValueIsAnError) {
  Damage(schema::kFrontierDb, schema::FrontierKey("a.test", 2), "\xff");
  Result<std::vector<QueuedUrl>> pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_FALSE(pending.ok());
  EXPECT_EQ(pending.error().code, "store.corrupt");
  EXPECT_THAT(pending.error().message, HasSubstr(Prefix() + "frontier: frontier value: truncated"));
}

TEST_F(StoreCorruptTest, FrontierEntryOfUnknownUrlIdIsAnError) {
  Damage(schema::kFrontierDb, schema::FrontierKey("a.test", 2),
         schema::EncodeFrontierValue({999, 0, 0}));
  Result<std::vector<QueuedUrl>> pending = store_->LoadPending("a.test", 0, 10);
  ASSERT_FALSE(pending.ok());
  EXPECT_THAT(pending.error().message, HasSubstr("url id 999 missing in urls"));
}

TEST_F(StoreCorruptTest, FrontierKeyWithoutHostSeparatorIsAnError) {
  Damage(schema::kFrontierDb, "nohostseparator", schema::EncodeFrontierValue({1, 0, 0}));
  Result<std::vector<std::string>> hosts = store_->PendingHosts();
  ASSERT_FALSE(hosts.ok());
  EXPECT_EQ(hosts.error().code, "store.corrupt");
}

TEST_F(StoreCorruptTest, GarbageUrlIdValueFailsTheCommitThatReadsIt) {
  Damage(schema::kUrlIdsDb, "https://a.test/art", "\x09\x01");  // unknown state 9
  OutlinkRecord seed = Seed("https://a.test/art");
  Result<CommitReport> report = store_->AddSeeds({&seed, 1});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, "store.corrupt");
  EXPECT_THAT(report.error().message,
              HasSubstr(Prefix() + "url_ids: url_ids value: unknown url state 9"));
}

TEST_F(StoreCorruptTest, GarbageCountersAreAnError) {
  Damage(schema::kMetaDb, std::string(schema::kCountersKey), "\x80");
  Result<StoreStats> stats = store_->Stats();
  ASSERT_FALSE(stats.ok());
  EXPECT_THAT(stats.error().message, HasSubstr(Prefix() + "meta: meta counters value: truncated"));
  OutlinkRecord seed = Seed("https://b.test/");
  EXPECT_FALSE(store_->AddSeeds({&seed, 1}).ok());
}

TEST_F(StoreCorruptTest, GarbageLinkValueIsAnError) {
  Damage(schema::kLinksDb, schema::IdKey(1), "");
  Status s = store_->ForEachEdge([](const EdgeView&) { return true; });
  ASSERT_FALSE(s.ok());
  EXPECT_THAT(s.error().message, HasSubstr(Prefix() + "links value of url id 1: "));
}

TEST_F(StoreCorruptTest, EdgeCountLargerThanTheLinksValueIsAnError) {
  std::string value;
  schema::AppendEdgeCount(1'000'000'000, &value);
  schema::AppendEdge({2, LinkRole::kHeadline, SkipReason::kNone, true, "A"}, &value);
  Damage(schema::kLinksDb, schema::IdKey(1), value);
  int seen = 0;
  Status s = store_->ForEachEdge([&](const EdgeView&) { return ++seen > 0; });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(seen, 0);
  EXPECT_THAT(s.error().message, HasSubstr("edge count larger than the value"));
}

TEST_F(StoreCorruptTest, TruncatedLinksValueFailsAfterTheIntactEdges) {
  std::string value;
  schema::AppendEdgeCount(2, &value);
  schema::AppendEdge({2, LinkRole::kHeadline, SkipReason::kNone, true, "first"}, &value);
  schema::AppendEdge({2, LinkRole::kRelated, SkipReason::kNone, true, "second edge"}, &value);
  value.resize(value.size() - 3);
  Damage(schema::kLinksDb, schema::IdKey(1), value);
  std::vector<std::string> anchors;
  Status s = store_->ForEachEdge([&](const EdgeView& e) {
    anchors.emplace_back(e.anchor_text);
    return true;
  });
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(anchors, std::vector<std::string>{"first"});
  EXPECT_EQ(s.error().code, "store.corrupt");
}

TEST_F(StoreCorruptTest, LinkKeyOfWrongSizeIsAnError) {
  Damage(schema::kLinksDb, "short", "x");
  EXPECT_FALSE(store_->ForEachEdge([](const EdgeView&) { return true; }).ok());
}

TEST_F(StoreCorruptTest, GarbageHostValueIsAnError) {
  Damage(schema::kHostsDb, "https://a.test", "\x80\x80");
  Result<std::optional<RobotsRecord>> robots = store_->LoadRobots("https://a.test");
  ASSERT_FALSE(robots.ok());
  EXPECT_EQ(robots.error().code, "store.corrupt");
}

TEST_F(StoreCorruptTest, HashedUrlKeyNamingAnotherUrlIsAnError) {
  // The url_ids entry of a long URL points to url id 1, whose URL differs.
  std::string long_url = "https://a.test/" + std::string(1000, 'l');
  Damage(schema::kUrlIdsDb, schema::UrlIdKey(long_url),
         schema::EncodeUrlIdValue({schema::UrlState::kDone, 1}));
  Result<std::optional<StoredPage>> page = store_->GetPage(long_url);
  ASSERT_FALSE(page.ok());
  EXPECT_THAT(page.error().message, HasSubstr("names a different URL"));
}

}  // namespace
}  // namespace nc::storage::testing
