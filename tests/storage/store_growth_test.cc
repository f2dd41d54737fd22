// The map grows when a batch fills it; beyond max_map_mib the store is full.

#include <gmock/gmock.h>

#include <atomic>
#include <random>
#include <thread>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

// Incompressible, so each page really takes `bytes` in the map.
std::string RandomBytes(size_t bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out(bytes, '\0');
  for (char& c : out) c = static_cast<char>(rng());
  return out;
}

class StoreGrowthTest : public StoreTest {
 protected:
  void SetUp() override {}  // each test opens with its own map options

  void Open(uint64_t initial_mib, uint64_t max_mib) {
    OpenOptions options;
    options.initial_map_mib = initial_mib;
    options.max_map_mib = max_mib;
    store_ = OpenStore(OpenMode::kCreate, options);
    ASSERT_TRUE(store_);
  }

  // Commits `pages` pages of `bytes` stored bytes each, `per_batch` per batch.
  Status CommitPages(int pages, size_t bytes, int per_batch) {
    Result<CommitReport> seeded = store_->AddSeeds(NumberedSeeds(pages));
    if (!seeded) return seeded.error();
    for (int i = 0; i < pages; i += per_batch) {
      std::vector<PageRecord> batch;
      for (int j = i; j < std::min(pages, i + per_batch); ++j) {
        PageRecord page = Page("a.test", seeded->enqueued[j].url);
        page.body_zstd = CompressBody(RandomBytes(bytes, j), 1);
        page.body_size = bytes;
        batch.push_back(std::move(page));
      }
      Result<CommitReport> report = store_->CommitBatch(AsBatch(std::move(batch)));
      if (!report) return report.error();
    }
    return Status::Ok();
  }
};

TEST_F(StoreGrowthTest, FullMapGrowsAndTheBatchIsRetried) {
  Open(/*initial_mib=*/1, /*max_mib=*/64);
  // 6 MB in batches of 1 MB: the 1 MiB map must double three times.
  Status s = CommitPages(/*pages=*/96, /*bytes=*/64 * 1024, /*per_batch=*/16);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(*store_->PagesRecorded(), 96u);
  EXPECT_EQ(Stats().urls_queued, 0u);
  Result<std::optional<StoredPage>> last = store_->GetPage("https://a.test/95");
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->body, RandomBytes(64 * 1024, 95));
}

TEST_F(StoreGrowthTest, GrownStoreReopensWithItsData) {
  Open(1, 64);
  ASSERT_TRUE(CommitPages(40, 64 * 1024, 40).ok());
  store_.reset();
  OpenOptions options;
  options.initial_map_mib = 1;
  store_ = OpenStore(OpenMode::kOpenExisting, options);
  ASSERT_TRUE(store_);
  EXPECT_EQ(*store_->PagesRecorded(), 40u);
  EXPECT_TRUE(store_->GetPage("https://a.test/39")->has_value());
}

TEST_F(StoreGrowthTest, BeyondMaxMapTheStoreIsFullAndTheBatchIsNotCommitted) {
  Open(1, 2);
  Status s = CommitPages(/*pages=*/64, /*bytes=*/64 * 1024, /*per_batch=*/64);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.full");
  EXPECT_EQ(s.error().message, "store " + (dir_.path() / "store").string() +
                                   ": store full: the map reached max_store_mib = 2 MiB; "
                                   "nothing committed is lost: resume with a larger "
                                   "--max-store-mib (e.g. 4)");
  EXPECT_EQ(*store_->PagesRecorded(), 0u);
  EXPECT_EQ(Stats().urls_queued, 64u);  // the seeds stay pending
  // Smaller batches that fit still commit.
  OutlinkRecord seed = Seed("https://b.test/");
  EXPECT_TRUE(store_->AddSeeds({&seed, 1}).ok());
}

}  // namespace
}  // namespace nc::storage::testing

namespace nc::storage::testing {
namespace {

// Growing the map needs every transaction of the process closed; readers on
// other threads must neither crash nor block growth forever.
TEST_F(StoreGrowthTest, MapGrowsWhileOtherThreadsRead) {
  Open(/*initial_mib=*/1, /*max_mib=*/64);
  Result<CommitReport> seeded = store_->AddSeeds(NumberedSeeds(64));
  ASSERT_TRUE(seeded.ok());
  std::atomic<bool> done{false};
  std::atomic<int> read_errors{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        if (!store_->LoadPending("a.test", 0, 16).ok()) ++read_errors;
        if (!store_->GetPage("https://a.test/0").ok()) ++read_errors;
        if (!store_->Stats().ok()) ++read_errors;
      }
    });
  }
  Status committed = Status::Ok();
  for (int i = 0; i < 64 && committed.ok(); i += 8) {
    std::vector<PageRecord> batch;
    for (int j = i; j < i + 8; ++j) {
      PageRecord page = Page("a.test", seeded->enqueued[j].url);
      page.body_zstd = CompressBody(RandomBytes(64 * 1024, j), 1);
      batch.push_back(std::move(page));
    }
    Result<CommitReport> report = store_->CommitBatch(AsBatch(std::move(batch)));
    if (!report) committed = report.error();
  }
  done = true;
  for (std::thread& t : readers) t.join();
  ASSERT_TRUE(committed.ok()) << committed.error().message;
  EXPECT_EQ(read_errors.load(), 0);
  EXPECT_EQ(*store_->PagesRecorded(), 64u);
}

}  // namespace
}  // namespace nc::storage::testing
