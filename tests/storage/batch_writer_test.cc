// BatchWriter: group commit on its own thread.

#include "storage/batch_writer.h"

#include <gmock/gmock.h>

#include <chrono>
#include <future>
#include <mutex>
#include <optional>
#include <thread>

#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class BatchWriterTest : public StoreTest {
 protected:
  // `count` frontier entries of a.test to answer with page records.
  std::vector<QueuedUrl> Queue(int count) {
    Result<CommitReport> report = store_->AddSeeds(NumberedSeeds(count));
    EXPECT_TRUE(report.ok());
    std::vector<QueuedUrl> out;
    if (report.ok()) {
      for (const auto& e : report->enqueued) out.push_back(e.url);
    }
    return out;
  }

  std::function<void(CommitReport)> RecordCommits() {
    return [this](CommitReport report) {
      std::lock_guard lock(mu_);
      batch_sizes_.push_back(report.pages);
      for (const auto& e : report.enqueued) enqueued_.push_back(e.url.url);
    };
  }
  std::function<void(Error)> RecordErrors() {
    return [this](Error error) {
      std::lock_guard lock(mu_);
      errors_.push_back(error.message);
    };
  }

  std::vector<uint64_t> BatchSizes() {
    std::lock_guard lock(mu_);
    return batch_sizes_;
  }

  std::mutex mu_;
  std::vector<uint64_t> batch_sizes_;  // guarded by mu_
  std::vector<std::string> enqueued_;  // guarded by mu_
  std::vector<std::string> errors_;    // guarded by mu_
};

constexpr uint32_t kNever = 3'600'000;  // a delay no test waits for

// Batches of up to `max_batch` records, never closed by their age.
BatchWriter::Options Batches(size_t max_batch) {
  return {.max_batch = max_batch, .max_delay_ms = kNever};
}

// The page count of a writer's first commit, handed over from the writer's
// thread (a test that uses it lets the writer commit once).
class FirstCommit {
 public:
  std::function<void(CommitReport)> OnCommit() {
    return [this](CommitReport report) { committed_.set_value(report.pages); };
  }
  // Waits for it, with a generous bound that only a writer that never
  // commits can reach: then nullopt.
  std::optional<uint64_t> Pages() {
    std::future<uint64_t> pages = committed_.get_future();
    if (pages.wait_for(std::chrono::seconds(30)) != std::future_status::ready) return std::nullopt;
    return pages.get();
  }

 private:
  std::promise<uint64_t> committed_;
};

TEST_F(BatchWriterTest, BatchClosesAtMaxBatchAndFlushCommitsTheRest) {
  std::vector<QueuedUrl> queued = Queue(10);
  BatchWriter writer(*store_, Batches(4), RecordCommits(), RecordErrors());
  for (const QueuedUrl& q : queued) writer.Submit(Page("a.test", q));
  writer.Flush();
  EXPECT_THAT(BatchSizes(), ElementsAre(4, 4, 2));
  EXPECT_EQ(*store_->PagesRecorded(), 10u);
}

// A writer that fell behind (records piled up during a slow commit, as
// during the fsyncs of a fast crawl) commits the backlog in one
// transaction, up to max_catch_up_batch, instead of max_batch at a time.
TEST_F(BatchWriterTest, BacklogIsCommittedAsOneCatchUpBatch) {
  std::vector<QueuedUrl> queued = Queue(4 + 10);
  std::promise<void> first_commit_started;
  std::promise<void> release_first_commit;
  std::shared_future<void> released = release_first_commit.get_future().share();
  auto record = RecordCommits();
  bool first = true;  // writer thread only
  BatchWriter writer(
      *store_, {.max_batch = 4, .max_delay_ms = kNever, .max_catch_up_batch = 8},
      [&](CommitReport report) {
        record(std::move(report));
        if (!first) return;
        first = false;
        first_commit_started.set_value();
        released.wait();  // the backlog builds up behind this commit
      },
      RecordErrors());
  for (int i = 0; i < 4; ++i) writer.Submit(Page("a.test", queued[i]));
  first_commit_started.get_future().wait();
  for (int i = 4; i < 14; ++i) writer.Submit(Page("a.test", queued[i]));
  release_first_commit.set_value();
  writer.Flush();
  // 10 waiting: 8 (the catch-up cap) in one commit, then the 2 left.
  EXPECT_THAT(BatchSizes(), ElementsAre(4, 8, 2));
  EXPECT_EQ(*store_->PagesRecorded(), 14u);
}

TEST_F(BatchWriterTest, FlushReturnsOnlyWhenEverythingSubmittedIsCommitted) {
  std::vector<QueuedUrl> queued = Queue(3);
  BatchWriter writer(*store_, Batches(64), RecordCommits(), RecordErrors());
  for (const QueuedUrl& q : queued) writer.Submit(Page("a.test", q));
  writer.Flush();
  EXPECT_EQ(*store_->PagesRecorded(), 3u);
  EXPECT_THAT(PendingUrls("a.test"), IsEmpty());
  writer.Flush();  // nothing pending: returns at once
  EXPECT_THAT(BatchSizes(), ElementsAre(3));
}

TEST_F(BatchWriterTest, BatchClosesAfterMaxDelayWithoutFlush) {
  std::vector<QueuedUrl> queued = Queue(1);
  FirstCommit first;
  BatchWriter writer(*store_, {.max_batch = 64, .max_delay_ms = 5}, first.OnCommit(),
                     RecordErrors());
  writer.Submit(Page("a.test", queued[0]));
  EXPECT_EQ(first.Pages(), 1u);  // none, were the batch not closed by its age
}

TEST_F(BatchWriterTest, EagerCommitsWithoutWaitingForBatchOrDelay) {
  std::vector<QueuedUrl> queued = Queue(2);
  FirstCommit first;
  BatchWriter writer(*store_, Batches(64), first.OnCommit(), RecordErrors());
  writer.Submit(Page("a.test", queued[0]));
  writer.SetEager(true);  // wakes a writer already waiting out its delay
  EXPECT_EQ(first.Pages(), 1u);  // none, were the writer to wait for kNever
}

TEST_F(BatchWriterTest, EagerOffWaitsForTheBatchAgain) {
  std::vector<QueuedUrl> queued = Queue(3);
  BatchWriter writer(*store_, Batches(64), RecordCommits(), RecordErrors());
  writer.SetEager(true);
  writer.Submit(Page("a.test", queued[0]));
  writer.Flush();
  writer.SetEager(false);
  writer.Submit(Page("a.test", queued[1]));
  writer.Submit(Page("a.test", queued[2]));
  writer.Flush();  // the two wait for Flush, committed together
  EXPECT_THAT(BatchSizes(), ElementsAre(1, 2));
}

TEST_F(BatchWriterTest, OnCommitReportsEnqueuedUrls) {
  std::vector<QueuedUrl> queued = Queue(1);
  BatchWriter writer(*store_, {}, RecordCommits(), RecordErrors());
  writer.Submit(Page("a.test", queued[0], {Link("https://a.test/new", true)}));
  writer.Flush();
  std::lock_guard lock(mu_);
  EXPECT_THAT(enqueued_, ElementsAre("https://a.test/new"));
}

TEST_F(BatchWriterTest, DestructorCommitsWhatWasSubmitted) {
  std::vector<QueuedUrl> queued = Queue(5);
  {
    BatchWriter writer(*store_, Batches(64), RecordCommits(), RecordErrors());
    for (const QueuedUrl& q : queued) writer.Submit(Page("a.test", q));
  }
  EXPECT_EQ(*store_->PagesRecorded(), 5u);
}

TEST_F(BatchWriterTest, FailedCommitStopsTheWriterAndCommitsNothingMore) {
  std::vector<QueuedUrl> queued = Queue(4);
  BatchWriter writer(*store_, Batches(2), RecordCommits(), RecordErrors());
  writer.Submit(Page("a.test", queued[0]));
  writer.Flush();
  PageRecord bad = Page("a.test", queued[1]);
  bad.url.clear();
  writer.Submit(std::move(bad));
  writer.Submit(Page("a.test", queued[2]));  // same batch as the bad record
  writer.Flush();
  writer.Submit(Page("a.test", queued[3]));  // after the failure: dropped
  writer.Flush();
  EXPECT_THAT(BatchSizes(), ElementsAre(1));
  {
    std::lock_guard lock(mu_);
    ASSERT_EQ(errors_.size(), 1u);
    EXPECT_THAT(errors_[0], ::testing::HasSubstr("empty URL"));
  }
  EXPECT_EQ(*store_->PagesRecorded(), 1u);
  EXPECT_THAT(PendingUrls("a.test"),
              ElementsAre("https://a.test/1", "https://a.test/2", "https://a.test/3"));
}

TEST_F(BatchWriterTest, ConcurrentSubmittersAndReadersAreAllServed) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 50;
  std::vector<QueuedUrl> queued = Queue(kThreads * kPerThread);
  BatchWriter writer(*store_, {.max_batch = 16, .max_delay_ms = 1}, RecordCommits(),
                     RecordErrors());
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        writer.Submit(Page("a.test", queued[t * kPerThread + i],
                           {Link("https://b.test/" + std::to_string(t * kPerThread + i), true)}));
        // Readers run beside the writer, as the scheduler does.
        Result<std::vector<QueuedUrl>> pending = store_->LoadPending("b.test", 0, 8);
        EXPECT_TRUE(pending.ok());
      }
      writer.Flush();
    });
  }
  for (std::thread& t : threads) t.join();
  writer.Flush();
  EXPECT_EQ(*store_->PagesRecorded(), uint64_t{kThreads * kPerThread});
  uint64_t total = 0;
  for (uint64_t n : BatchSizes()) {
    EXPECT_LE(n, 16u);
    total += n;
  }
  EXPECT_EQ(total, uint64_t{kThreads * kPerThread});
  std::lock_guard lock(mu_);
  EXPECT_EQ(enqueued_.size(), size_t{kThreads * kPerThread});
  EXPECT_THAT(errors_, IsEmpty());
}

TEST_F(BatchWriterTest, FlushFromOnCommitDoesNotDeadlock) {
  std::vector<QueuedUrl> queued = Queue(1);
  BatchWriter* self = nullptr;
  BatchWriter writer(
      *store_, {}, [&](CommitReport) { self->Flush(); }, RecordErrors());
  self = &writer;
  writer.Submit(Page("a.test", queued[0]));
  writer.Flush();
  EXPECT_EQ(*store_->PagesRecorded(), 1u);
}

}  // namespace
}  // namespace nc::storage::testing
