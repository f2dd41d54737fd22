#pragma once
// StatsSnapshot: the crawl's figures at one moment, as plain values, and
// the renderings every reader shares: the Prometheus text of `/metrics`,
// the JSON of `/status.json` and of the status file, and the progress line.
// Pure functions, any thread.

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace nc::observe {

// Upper bounds (seconds) of the latency histogram buckets; +Inf follows.
inline constexpr std::array<double, 12> kLatencyBucketBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                                                0.5,   1,    2.5,   5,    10,  30};

struct HistogramCounts {
  std::array<uint64_t, kLatencyBucketBounds.size() + 1> buckets{};  // per bucket, not cumulative
  uint64_t count = 0;
  double sum_seconds = 0;
};

struct HostRow {
  std::string host;
  std::string state;           // "active" (request in flight), "waiting", "parked", "idle", "done"
  uint64_t queued = 0;         // URLs of the host held in memory by the scheduler
  bool more_in_store = false;  // and more pending in the store
  uint64_t fetched = 0;        // page fetches this run (any outcome)
  uint64_t failed = 0;         // of which without a response
  double delay_seconds = 0;    // politeness delay in force
  std::string delay_reason;    // "min-delay", "crawl-delay", "adaptive", "back-off", "retry-after"
  double next_allowed_in_seconds = 0;  // until the next request may start (0: now)
  std::string parked_reason;           // "" when not parked
  std::string robots_state;
};

struct RecentError {
  int64_t wall_ms = 0;
  std::string url;
  std::string host;
  std::string reason;
};

struct StatsSnapshot {
  int64_t wall_ms = 0;         // when taken
  double elapsed_seconds = 0;  // since the run started
  bool resumed = false;        // the store held fetches of earlier runs
  // This run.
  uint64_t pages_by_class[6] = {};  // page fetches: 0 no response, 1..5 1xx..5xx
  uint64_t robots_requests = 0;     // robots.txt fetches
  uint64_t robots_denied = 0;       // URLs not fetched because of robots.txt
  uint64_t bytes = 0;               // response bytes received (as transferred)
  uint64_t committed = 0;           // page records committed (fetches and robots-denied)
  uint64_t enqueued = 0;            // new URLs added to the frontier
  uint64_t commits = 0;             // batch transactions
  std::map<std::string, uint64_t> errors_by_reason;  // page fetches without a response
  HistogramCounts fetch_latency;
  HistogramCounts commit_latency;
  // Now.
  uint64_t in_flight = 0;
  uint64_t queued_now = 0;    // URLs pending in the store's frontier
  uint64_t stored_pages = 0;  // page records in the store, all runs
  uint64_t stored_bytes = 0;  // compressed body bytes in the store, all runs
  uint64_t hosts_in_memory = 0;
  uint64_t hosts_active = 0;     // a request in flight
  uint64_t hosts_waiting = 0;    // work queued, waiting for the politeness delay
  uint64_t hosts_parked = 0;     // no requests until the park ends
  double max_delay_seconds = 0;  // largest politeness delay in force over the hosts
  std::map<std::string, uint64_t> hosts_by_delay_reason;
  // Rates over the last 10 s (set by the monitor, which keeps the history).
  double pages_per_second = 0;
  double bytes_per_second = 0;
  std::vector<HostRow> hosts;              // bounded; the busiest first
  std::vector<RecentError> recent_errors;  // newest last

  uint64_t PagesFetched() const;  // page fetches this run, any outcome
  uint64_t Errors() const { return pages_by_class[0]; }
};

// Prometheus text exposition format 0.0.4 (`/metrics`).
std::string RenderPrometheus(const StatsSnapshot& s);
// `/status.json` and the status file: every field of the snapshot, plus
// "progress_line", the line the terminal shows.
std::string RenderStatusJson(const StatsSnapshot& s);
// The one-line JSON stats record written to stderr when it is not a TTY.
std::string RenderStatsJsonLine(const StatsSnapshot& s);
// The progress line (no newline): see README "Progress".
std::string RenderProgressLine(const StatsSnapshot& s);

}  // namespace nc::observe
