// Durability modes: the store opens with the LMDB flags of its SyncMode, and
// in SyncMode::kPeriodic the BatchWriter syncs once per interval of its
// (injected) clock in which something was committed, and when it stops —
// counted through Store::SyncCount(), never timed.

#include <gtest/gtest.h>
#include <lmdb.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "common/clock.h"
#include "storage/batch_writer.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using std::chrono::milliseconds;

unsigned SyncFlags(unsigned flags) { return flags & (MDB_NOSYNC | MDB_NOMETASYNC); }

TEST(SyncModeTest, ParsesTheConfigNames) {
  EXPECT_EQ(ParseMode<SyncMode>("batch"), SyncMode::kBatch);
  EXPECT_EQ(ParseMode<SyncMode>("meta"), SyncMode::kMeta);
  EXPECT_EQ(ParseMode<SyncMode>("periodic"), SyncMode::kPeriodic);
  EXPECT_EQ(ParseMode<SyncMode>("Periodic"), std::nullopt);
  EXPECT_EQ(ParseMode<SyncMode>(""), std::nullopt);
}

class StoreSyncModeTest : public StoreTest {
 protected:
  void SetUp() override {}  // each test opens the store in its mode

  void OpenIn(SyncMode mode) {
    store_.reset();
    OpenOptions options;
    options.sync = mode;
    store_ = OpenStore(OpenMode::kOpenOrCreate, options);
    ASSERT_NE(store_, nullptr);
  }

  // Page records answering `count` new seeds of a.test.
  std::vector<PageRecord> Pages(int count) {
    std::vector<OutlinkRecord> seeds;
    for (int i = 0; i < count; ++i) seeds.push_back(Seed("https://a.test/" + std::to_string(next_++)));
    Result<CommitReport> report = store_->AddSeeds(seeds);
    EXPECT_TRUE(report.ok()) << report.error().message;
    std::vector<PageRecord> pages;
    if (report.ok()) {
      for (const auto& e : report->enqueued) pages.push_back(Page("a.test", e.url));
    }
    return pages;
  }

  // Batches of up to 4 records, never flushed by age; a sync every
  // `sync_interval_ms` (0: never) by `clock` (null: the steady clock).
  static BatchWriter::Options WriterOptions(uint32_t sync_interval_ms,
                                            const Clock* clock = nullptr) {
    return {.max_batch = 4,
            .max_delay_ms = 3'600'000,
            .sync_interval_ms = sync_interval_ms,
            .clock = clock};
  }

  // Submits one page and waits until it is committed (and synced, if due).
  void CommitOne(BatchWriter& writer) {
    for (PageRecord& page : Pages(1)) writer.Submit(std::move(page));
    writer.Flush();
  }

  // The syncs counted when a writer syncing every `sync_interval_ms` of an
  // injected clock commits two pages `gap` apart: while it still runs, and
  // once it has stopped.
  struct Syncs {
    uint64_t running = 0;
    uint64_t stopped = 0;
  };
  Syncs SyncsOfTwoCommits(SyncMode mode, uint32_t sync_interval_ms, milliseconds gap) {
    OpenIn(mode);
    ManualClock clock;
    Syncs syncs;
    {
      BatchWriter writer(*store_, WriterOptions(sync_interval_ms, &clock), nullptr, nullptr);
      CommitOne(writer);
      clock.Advance(gap);
      CommitOne(writer);
      syncs.running = store_->SyncCount();
    }
    syncs.stopped = store_->SyncCount();
    return syncs;
  }

  int next_ = 0;
};

TEST_F(StoreSyncModeTest, BatchModeUsesLmdbsSynchronousCommit) {
  OpenIn(SyncMode::kBatch);
  EXPECT_EQ(SyncFlags(store_->LmdbFlags()), 0u);
}

TEST_F(StoreSyncModeTest, MetaModeOpensWithNoMetaSync) {
  OpenIn(SyncMode::kMeta);
  EXPECT_EQ(SyncFlags(store_->LmdbFlags()), static_cast<unsigned>(MDB_NOMETASYNC));
}

TEST_F(StoreSyncModeTest, PeriodicModeOpensWithNoSync) {
  OpenIn(SyncMode::kPeriodic);
  EXPECT_EQ(SyncFlags(store_->LmdbFlags()), static_cast<unsigned>(MDB_NOSYNC));
}

TEST_F(StoreSyncModeTest, TheModeIsPerOpenNotStoredInTheFile) {
  OpenIn(SyncMode::kPeriodic);
  OpenIn(SyncMode::kBatch);
  EXPECT_EQ(SyncFlags(store_->LmdbFlags()), 0u);
}

TEST_F(StoreSyncModeTest, ReadOnlyOpenIgnoresTheMode) {
  OpenIn(SyncMode::kBatch);
  store_.reset();
  OpenOptions options;
  options.read_only = true;
  options.sync = SyncMode::kPeriodic;
  std::unique_ptr<Store> reader = OpenStore(OpenMode::kOpenExisting, options);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(SyncFlags(reader->LmdbFlags()) & MDB_NOSYNC, 0u);
}

TEST_F(StoreSyncModeTest, PeriodicWriterSyncsOncePerIntervalWithCommitsAndAtStop) {
  OpenIn(SyncMode::kPeriodic);
  ManualClock clock;
  {
    BatchWriter writer(*store_, WriterOptions(1000, &clock), nullptr, nullptr);
    for (int i = 0; i < 5; ++i) CommitOne(writer);
    EXPECT_EQ(store_->SyncCount(), 0u) << "no sync before the interval has passed";

    clock.Advance(milliseconds(999));
    CommitOne(writer);
    EXPECT_EQ(store_->SyncCount(), 0u);

    clock.Advance(milliseconds(1));
    CommitOne(writer);
    EXPECT_EQ(store_->SyncCount(), 1u) << "the commit that ends the interval syncs";
    for (int i = 0; i < 3; ++i) CommitOne(writer);
    EXPECT_EQ(store_->SyncCount(), 1u) << "one sync per interval, not per commit";

    clock.Advance(milliseconds(2500));
    CommitOne(writer);
    EXPECT_EQ(store_->SyncCount(), 2u);
    CommitOne(writer);
    EXPECT_EQ(store_->SyncCount(), 2u);
  }  // the writer stops: what it committed since the last sync is synced
  EXPECT_EQ(store_->SyncCount(), 3u);
  EXPECT_EQ(*store_->PagesRecorded(), 12u);
}

TEST_F(StoreSyncModeTest, StopRightAfterASyncDoesNotSyncAgain) {
  const Syncs syncs = SyncsOfTwoCommits(SyncMode::kPeriodic, 1000, milliseconds(1000));
  EXPECT_EQ(syncs.running, 1u);
  EXPECT_EQ(syncs.stopped, 1u);
}

TEST_F(StoreSyncModeTest, IdlePeriodicWriterSyncsWhenTheIntervalEnds) {
  OpenIn(SyncMode::kPeriodic);
  ManualClock clock;
  BatchWriter writer(*store_, WriterOptions(10, &clock), nullptr, nullptr);
  CommitOne(writer);
  EXPECT_EQ(store_->SyncCount(), 0u);
  // No further commit: the idle writer rechecks its clock (every <= 10 ms of
  // real time) and syncs once the injected clock has passed the interval.
  clock.Advance(milliseconds(10));
  for (int i = 0; i < 20000 && store_->SyncCount() == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(1));  // waiting for the event, not timing it
  }
  EXPECT_EQ(store_->SyncCount(), 1u);
}

TEST_F(StoreSyncModeTest, PeriodicWriterDoesNotSyncWhenNothingWasCommitted) {
  OpenIn(SyncMode::kPeriodic);
  ManualClock clock;
  {
    BatchWriter writer(*store_, WriterOptions(1000, &clock), nullptr, nullptr);
    clock.Advance(milliseconds(5000));
    writer.Flush();
  }
  EXPECT_EQ(store_->SyncCount(), 0u);
}

TEST_F(StoreSyncModeTest, WriterWithoutIntervalNeverSyncsItself) {
  const Syncs syncs = SyncsOfTwoCommits(SyncMode::kBatch, 0, milliseconds(5000));
  EXPECT_EQ(syncs.stopped, 0u);
}

TEST_F(StoreSyncModeTest, PeriodicCommitsAreReadableAfterReopen) {
  OpenIn(SyncMode::kPeriodic);
  {
    BatchWriter writer(*store_, WriterOptions(1000), nullptr, nullptr);
    for (int i = 0; i < 3; ++i) CommitOne(writer);
  }
  OpenIn(SyncMode::kBatch);  // closes the periodic store (which syncs) and reopens
  EXPECT_EQ(*store_->PagesRecorded(), 3u);
}

}  // namespace
}  // namespace nc::storage::testing
