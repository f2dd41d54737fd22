#pragma once
// BatchWriter: group commit. Records submitted from any thread are
// gathered into Store::CommitBatch calls made on the writer's own thread,
// so the crawl's writes cost one write transaction (and, by default, two
// fsyncs) per batch rather than per page.
//
// Threads: Submit, SubmitHostState, SetEager and Flush may be called from
// any thread (the crawl engine submits from its network thread and its
// worker threads). CommitBatch, Store::Sync and the `on_commit` / `on_error`
// callbacks run on the writer thread. The Store must outlive the writer.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "frontier/frontier_source.h"
#include "storage/records.h"
#include "storage/store.h"

namespace nc::storage {

// A batch closes at `max_batch` records or `max_delay_ms` after its first
// record. After each commit, `on_commit` runs on the writer thread. A failed
// commit calls `on_error` and stops the writer (nothing partial is
// committed: the batch's fetches stay pending and are redone on resume).
class BatchWriter {
 public:
  struct Options {
    size_t max_batch = 64;
    uint32_t max_delay_ms = 200;
    // Catch-up: when more than max_batch records already wait as a batch is
    // taken (the writer fell behind: a commit, with its fsyncs, took longer
    // than the submitters needed to fill the next batch), take up to this
    // many in one transaction. Otherwise the commit's fixed cost caps the
    // write rate at max_batch records per commit (on B1, 64 pages per ~35 ms
    // of fsyncs held the crawl at ~1,600 pages/s: tests/bench/README.md).
    // max_batch still closes a batch: this only sizes one taken from a
    // backlog. 0 or at most max_batch: off, every batch has at most max_batch.
    size_t max_catch_up_batch = 0;
    // For SyncMode::kPeriodic: after a commit, and while idle with commits not
    // yet synced, Store::Sync() once `sync_interval_ms` have passed since the
    // last sync; and once more when the writer stops. 0: never (the store
    // syncs each commit itself).
    uint32_t sync_interval_ms = 0;
    // Time source of the sync schedule (tests inject a ManualClock); null:
    // the steady clock.
    const Clock* clock = nullptr;
  };
  BatchWriter(Store& store, Options options, std::function<void(CommitReport)> on_commit,
              std::function<void(Error)> on_error);
  ~BatchWriter();  // commits what is still queued (records, host states), then joins the thread
  // Records are committed in submission order.
  void Submit(BatchRecord record);
  // Writes `state` with the next batch (which it starts, like a record, if
  // none is waiting). Only the latest state of each host is kept until then,
  // so memory holds at most one entry per host that changed since.
  void SubmitHostState(std::string host_key, PersistedHostState state);
  // Blocks until every record submitted so far is committed (or failed).
  // From the writer thread (a callback) it returns at once.
  void Flush();
  // While eager, a record is committed as soon as the writer is free (with
  // whatever else is queued by then) instead of waiting for a full batch or
  // max_delay_ms. The crawler turns it on when it has nothing to fetch but
  // results waiting to commit: their new URLs are what it waits for.
  // Any thread; cheap to call repeatedly with the same value.
  void SetEager(bool eager);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nc::storage
