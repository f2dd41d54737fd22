// BatchWriter: group commit on one thread.
//
// Submitters append to a queue under `mu`; the writer thread takes up to
// max_batch records once the batch is full, max_delay_ms after its first
// record, or when a Flush()/the destructor asks (up to max_catch_up_batch
// when more already wait), and commits them with the lock released. Counters `submitted`/`finished` let Flush() wait for exactly
// what was submitted before it. Host states (SubmitHostState) ride along in
// the next batch, latest per host; they start a batch of their own like a
// record would, and the destructor drains them (Flush() counts records only).
//
// Periodic sync (Options::sync_interval_ms, for a store opened with
// SyncMode::kPeriodic): the writer is the thread that knows when commits
// happen, so it also calls Store::Sync() — after a commit once the interval
// has passed since the last sync, when idle with unsynced commits at the
// interval's end, and when it stops. The sync runs before `finished`
// advances, so a Flush() that returns has seen it.

#include "storage/batch_writer.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace nc::storage {

struct BatchWriter::Impl {
  using Clock = std::chrono::steady_clock;
  struct Pending {
    Clock::time_point submitted_at;
    BatchRecord record;
  };

  Impl(Store& store_in, Options options_in, std::function<void(CommitReport)> on_commit_in,
       std::function<void(Error)> on_error_in)
      : store(store_in),
        options(options_in),
        on_commit(std::move(on_commit_in)),
        on_error(std::move(on_error_in)),
        sync_clock(options.clock != nullptr ? options.clock : &system_clock) {
    if (options.max_batch == 0) options.max_batch = 1;
    options.max_catch_up_batch = std::max(options.max_catch_up_batch, options.max_batch);
    last_sync = sync_clock->Now();
  }

  void Run();
  // Writer thread, `mu` not held. Syncs when `unsynced` commits exist and the
  // interval has passed (or `force`); false after a failed sync (reported).
  bool MaybeSync(bool force);
  // Real time until the next sync is due, when one is pending.
  std::optional<std::chrono::nanoseconds> UntilSyncDue() const;
  // Whether the writer should take a batch now (not wait for more records).
  bool BatchReady(Clock::time_point now) const;
  // `mu` held. After a failed commit or sync the writer commits nothing more.
  // Nothing partial: a failed batch and everything queued behind it stay
  // pending in the store and are fetched again on resume; after a failed
  // sync the store's writes may not reach the disk, so none are added.
  void DropAfterError() {
    failed = true;
    finished += queue.size();
    queue.clear();
    host_states.clear();
    done_cv.notify_all();
  }
  // When the oldest waiting record or host state came in; something waits.
  Clock::time_point OldestSubmission() const;

  Store& store;
  Options options;  // not changed after construction
  const std::function<void(CommitReport)> on_commit;
  const std::function<void(Error)> on_error;
  SystemClock system_clock;
  const nc::Clock* const sync_clock;
  // Writer thread only: the periodic sync schedule.
  SteadyTime last_sync{};
  bool unsynced = false;  // commits since the last sync

  std::mutex mu;
  std::condition_variable work_cv;  // writer waits: records, flush, stop
  std::condition_variable done_cv;  // Flush() waits: finished advanced
  std::deque<Pending> queue;        // guarded by mu
  std::map<std::string, PersistedHostState> host_states;  // guarded by mu; latest per host
  Clock::time_point host_states_since;                     // guarded by mu; oldest of them
  uint64_t submitted = 0;           // guarded by mu; records ever submitted
  uint64_t finished = 0;            // guarded by mu; committed or dropped
  uint64_t flush_upto = 0;          // guarded by mu; commit up to this record now
  bool stopping = false;            // guarded by mu
  bool failed = false;              // guarded by mu; after an error, records are dropped
  std::atomic<bool> eager{false};   // see SetEager
  std::thread thread;               // started last, joined by ~BatchWriter
};

bool BatchWriter::Impl::MaybeSync(bool force) {
  if (options.sync_interval_ms == 0 || !unsynced) return true;
  const SteadyTime now = sync_clock->Now();
  if (!force && now < last_sync + std::chrono::milliseconds(options.sync_interval_ms)) return true;
  last_sync = now;
  unsynced = false;
  if (Status s = store.Sync(); !s) {
    if (on_error) on_error(s.error());
    return false;
  }
  return true;
}

std::optional<std::chrono::nanoseconds> BatchWriter::Impl::UntilSyncDue() const {
  if (options.sync_interval_ms == 0 || !unsynced) return std::nullopt;
  const SteadyTime due = last_sync + std::chrono::milliseconds(options.sync_interval_ms);
  // At least 1 ms: with a ManualClock that does not move, wake seldom, never spin.
  return std::max<std::chrono::nanoseconds>(due - sync_clock->Now(), std::chrono::milliseconds(1));
}

bool BatchWriter::Impl::BatchReady(Clock::time_point now) const {
  if (queue.empty() && host_states.empty()) return false;
  if (queue.size() >= options.max_batch || stopping) return true;
  if (flush_upto > finished) return true;
  if (eager.load(std::memory_order_relaxed)) return true;
  return now >= OldestSubmission() + std::chrono::milliseconds(options.max_delay_ms);
}

BatchWriter::Impl::Clock::time_point BatchWriter::Impl::OldestSubmission() const {
  if (queue.empty()) return host_states_since;
  if (host_states.empty()) return queue.front().submitted_at;
  return std::min(queue.front().submitted_at, host_states_since);
}

void BatchWriter::Impl::Run() {
  std::vector<BatchRecord> batch;
  batch.reserve(options.max_batch);
  std::vector<HostStateRecord> states;
  std::unique_lock lock(mu);
  while (true) {
    if (queue.empty() && host_states.empty()) {
      if (stopping) {
        lock.unlock();
        MaybeSync(/*force=*/true);  // clean stop: everything committed is synced
        return;
      }
      auto has_work = [&] { return stopping || !queue.empty() || !host_states.empty(); };
      if (std::optional<std::chrono::nanoseconds> wait = UntilSyncDue()) {
        if (!work_cv.wait_for(lock, *wait, has_work)) {
          lock.unlock();
          bool synced = MaybeSync(/*force=*/false);
          lock.lock();
          if (!synced) DropAfterError();
        }
        continue;
      }
      work_cv.wait(lock, has_work);
      continue;
    }
    if (!BatchReady(Clock::now())) {
      auto deadline = OldestSubmission() + std::chrono::milliseconds(options.max_delay_ms);
      work_cv.wait_until(lock, deadline, [&] { return BatchReady(Clock::now()); });
      continue;
    }
    // Up to max_batch normally (a batch closes there); a backlog is taken
    // up to max_catch_up_batch, so one commit's fixed cost serves it all.
    size_t n = std::min(queue.size(), options.max_catch_up_batch);
    batch.clear();
    for (size_t i = 0; i < n; ++i) {
      batch.push_back(std::move(queue.front().record));
      queue.pop_front();
    }
    states.clear();
    for (auto& [host_key, state] : host_states) states.push_back({host_key, std::move(state)});
    host_states.clear();
    lock.unlock();
    const auto commit_started = std::chrono::steady_clock::now();
    Result<CommitReport> report = store.CommitBatch(batch, states);
    bool ok = report.ok();
    if (report) {
      report->commit_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - commit_started).count();
      unsynced = true;
      if (on_commit) on_commit(std::move(*report));
      ok = MaybeSync(/*force=*/false);
    } else if (on_error) {
      on_error(report.error());
    }
    batch.clear();  // bodies are freed outside the lock
    lock.lock();
    finished += n;
    if (!ok) DropAfterError();
    done_cv.notify_all();
  }
}

BatchWriter::BatchWriter(Store& store, Options options, std::function<void(CommitReport)> on_commit,
                         std::function<void(Error)> on_error)
    : impl_(std::make_unique<Impl>(store, options, std::move(on_commit), std::move(on_error))) {
  impl_->thread = std::thread([impl = impl_.get()] { impl->Run(); });
}

BatchWriter::~BatchWriter() {
  {
    std::lock_guard lock(impl_->mu);
    impl_->stopping = true;  // the writer drains the queue, then returns
  }
  impl_->work_cv.notify_one();
  impl_->thread.join();
}

void BatchWriter::Submit(BatchRecord record) {
  {
    std::lock_guard lock(impl_->mu);
    ++impl_->submitted;
    if (impl_->failed) {
      ++impl_->finished;
      return;
    }
    impl_->queue.push_back(Impl::Pending{Impl::Clock::now(), std::move(record)});
    // Only a full batch changes what the writer waits for before its deadline.
    if (impl_->queue.size() != 1 && impl_->queue.size() < impl_->options.max_batch) return;
  }
  impl_->work_cv.notify_one();
}

void BatchWriter::SubmitHostState(std::string host_key, PersistedHostState state) {
  {
    std::lock_guard lock(impl_->mu);
    if (impl_->failed) return;
    const bool first = impl_->host_states.empty();
    if (first) impl_->host_states_since = Impl::Clock::now();
    impl_->host_states.insert_or_assign(std::move(host_key), std::move(state));
    if (!first || !impl_->queue.empty()) return;  // the writer already waits for a deadline
  }
  impl_->work_cv.notify_one();
}

void BatchWriter::SetEager(bool eager) {
  if (impl_->eager.exchange(eager, std::memory_order_relaxed) == eager || !eager) return;
  // Wake the writer if it is waiting out max_delay_ms. Taking the lock
  // orders this with its predicate check, so the wake-up cannot be lost.
  { std::lock_guard lock(impl_->mu); }
  impl_->work_cv.notify_one();
}

void BatchWriter::Flush() {
  // From a callback (the writer thread) waiting would deadlock; what was
  // submitted is committed by the writer after the callback returns.
  if (std::this_thread::get_id() == impl_->thread.get_id()) return;
  std::unique_lock lock(impl_->mu);
  uint64_t target = impl_->submitted;
  if (impl_->finished >= target) return;
  impl_->flush_upto = std::max(impl_->flush_upto, target);
  impl_->work_cv.notify_one();
  impl_->done_cv.wait(lock, [&] { return impl_->finished >= target; });
}

}  // namespace nc::storage
