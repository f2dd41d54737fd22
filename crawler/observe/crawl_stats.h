#pragma once
// CrawlStats: the one source of the crawl's figures. The engine fills it as
// fetches finish and batches commit; the progress line, the JSON stats lines,
// `/metrics`, `/status.json`, the status page and the status file all read a
// StatsSnapshot taken from it, so they never disagree.
//
// Thread safety: every method may be called from any thread. Counters are
// relaxed atomics (a fetch costs a few uncontended increments); the per-host
// table, the error-reason counts and the recent errors sit behind one mutex,
// taken once per finished fetch and once per host event (network thread),
// never while doing I/O.

#include <array>
#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "crawler/observe/stats_snapshot.h"
#include "frontier/scheduler.h"

namespace nc::observe {

class EventLog;

// A Prometheus-style histogram with fixed bucket bounds; lock-free.
class Histogram {
 public:
  void Observe(double seconds);
  void CopyTo(HistogramCounts& out) const;

 private:
  std::array<std::atomic<uint64_t>, kLatencyBucketBounds.size() + 1> buckets_{};  // last: +Inf
  std::atomic<uint64_t> count_{0};
  std::atomic<uint64_t> sum_micros_{0};
};

class CrawlStats {
 public:
  // `clock` stamps events and recent errors (wall time) and decides which
  // parks still hold (steady time). It must outlive this object.
  explicit CrawlStats(const Clock& clock);

  // Events also go to `log` (null: none). Set before the crawl starts.
  void SetEventLog(EventLog* log) { event_log_ = log; }

  // The run begins. `resumed`: the store held fetches of earlier runs.
  void OnRunStarted(bool resumed, uint64_t pages_before, uint64_t queued_before);

  // A page fetch finished. `http_status` 0: no response, then `reason_kind`
  // is the error's short name (a metric label: "timeout", "dns", ...) and
  // `reason_text` what a person reads ("timeout: read after 30s").
  void OnPageFetched(std::string_view url, std::string_view host_key, int http_status,
                     uint64_t bytes, double seconds, std::string_view reason_kind,
                     std::string_view reason_text);
  // robots.txt fetches count as requests but not as pages.
  void OnRobotsFetched(int http_status, uint64_t bytes, double seconds);
  // A URL was not fetched: robots.txt disallows it (`reason_text` empty) or
  // could not be fetched (then a failure with that reason).
  void OnRobotsDenied(std::string_view url, std::string_view host_key,
                      std::string_view reason_text);
  // A batch committed `pages` page records in `seconds`, adding `enqueued` URLs.
  void OnCommit(uint64_t pages, uint64_t enqueued, double seconds);
  // A scheduler host event (network thread): the per-host table, and a
  // "parked" event when a park begins.
  void OnHostSnapshot(const HostSnapshot& host);

  // Figures only the engine's network thread knows, set on its tick.
  struct Gauges {
    uint64_t in_flight = 0;
    uint64_t queued_now = 0;    // URLs pending in the store's frontier
    uint64_t stored_pages = 0;  // page records in the store (all runs)
    uint64_t stored_bytes = 0;  // compressed body bytes in the store
    uint64_t hosts_in_memory = 0;
  };
  void SetGauges(const Gauges& gauges);

  // Everything above as plain values, at `now`. `max_hosts` bounds the
  // per-host rows (the counts cover every host).
  StatsSnapshot Snapshot(size_t max_hosts = 200) const;

 private:
  struct HostEntry {
    HostSnapshot last;
    uint64_t fetched = 0;
    uint64_t failed = 0;
  };
  void AddRecentError(std::string_view url, std::string_view host, std::string_view reason);

  const Clock& clock_;
  EventLog* event_log_ = nullptr;  // set before the run; the log is thread-safe
  const SteadyTime started_;

  std::array<std::atomic<uint64_t>, 6> pages_by_class_{};  // 0: no response, 1..5: 1xx..5xx
  std::atomic<uint64_t> robots_requests_{0};
  std::atomic<uint64_t> robots_denied_{0};
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> committed_{0};
  std::atomic<uint64_t> enqueued_{0};
  std::atomic<uint64_t> commits_{0};
  Histogram fetch_latency_;
  Histogram commit_latency_;
  std::atomic<uint64_t> in_flight_{0};
  std::atomic<uint64_t> queued_now_{0};
  std::atomic<uint64_t> stored_pages_{0};
  std::atomic<uint64_t> stored_bytes_{0};
  std::atomic<uint64_t> hosts_in_memory_{0};
  std::atomic<bool> resumed_{false};

  mutable std::mutex mutex_;
  // Hosts the scheduler holds (an entry leaves with its held = false event),
  // so memory follows active hosts, never URLs.
  std::map<std::string, HostEntry, std::less<>> hosts_;            // guarded by mutex_
  size_t finished_entries_ = 0;  // entries of hosts_ with last.held false; guarded by mutex_
  std::map<std::string, uint64_t, std::less<>> errors_by_reason_;  // guarded by mutex_
  std::deque<RecentError> recent_errors_;                          // guarded by mutex_
};

}  // namespace nc::observe
