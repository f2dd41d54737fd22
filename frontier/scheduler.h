#pragma once
// PolitenessScheduler: decides which URL may be fetched next, and when.
//
// Hosts with work are kept in a min-heap keyed by the time they may next be
// contacted (Mercator's back queues), so Next() costs O(log hosts) and never
// scans. Per host: at most `max_in_flight_per_host` requests at once; the
// next request starts no earlier than the end of the previous response plus
// the host's delay. robots.txt of an origin is fetched before any other URL
// of that origin.
//
// Memory holds per active host only a bounded queue of URLs; the rest stay in
// the durable frontier (LMDB) and are read back through FrontierSource when a
// host's queue runs dry.
//
// Thread safety: none. The crawl engine calls it from the network thread only.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "common/result.h"
#include "frontier/robots.h"

namespace nc {

// One pending URL of the durable frontier.
struct QueuedUrl {
  uint64_t seq = 0;        // frontier sequence number: global, increasing with discovery
  std::string url;         // canonical key, absolute URL
  uint32_t depth = 0;      // hops from a seed
  uint32_t redirects = 0;  // redirect hops that led here
};

// Read side of the durable frontier, implemented by storage.
class FrontierSource {
 public:
  virtual ~FrontierSource() = default;
  // Pending URLs of `host_key` with seq > after_seq, in seq order, at most `limit`.
  virtual Result<std::vector<QueuedUrl>> LoadPending(std::string_view host_key,
                                                     uint64_t after_seq, size_t limit) = 0;
};

struct SchedulerOptions {
  double min_delay_seconds = 1.0;
  uint32_t max_in_flight_per_host = 1;
  double max_crawl_delay_seconds = 30.0;  // robots Crawl-delay is capped to this
  size_t queue_per_host = 64;             // URLs of one host held in memory
  bool obey_robots = true;
  std::string robots_product_token = "newscrawl";
  // A 429/503 Retry-After longer than this is cut to it, so a hostile or
  // mistaken header cannot stall a host for days.
  double max_retry_after_seconds = 300.0;
  // robots.txt rules are fetched again after this long (24 h).
  double robots_ttl_seconds = 86400.0;
  // Hosts dropped from memory (no work, nothing in flight) whose robots.txt
  // rules and highest loaded seq are remembered, least recently dropped
  // forgotten first. 0: remember nothing.
  size_t remembered_hosts = 4096;
};

struct Dispatch {
  enum class Kind {
    kFetchRobots,  // fetch `origin`/robots.txt; answer with OnRobotsFetched
    kFetchPage,    // fetch url.url; answer with OnFetchFinished
    kRobotsDenied  // robots.txt disallows url: record it, do not fetch (no answer needed)
  };
  Kind kind = Kind::kFetchPage;
  std::string host_key;
  std::string origin;  // scheme://host[:port] of the URL (or of robots.txt)
  QueuedUrl url;       // empty for kFetchRobots
};

// How a robots.txt fetch ended, per RFC 9309 2.3.1.
struct RobotsOutcome {
  enum class Kind { kParsed, kUnavailable /*4xx: allow all*/, kUnreachable /*5xx, network: disallow all*/ };
  Kind kind = Kind::kParsed;
  std::string body;  // for kParsed
};

// How a page fetch ended, for delay and back-off.
struct FetchFeedback {
  SteadyTime started{};
  SteadyTime finished{};
  int http_status = 0;            // 0: no response (network error, timeout)
  std::optional<double> retry_after_seconds;  // from a 429/503
};

class PolitenessScheduler {
 public:
  PolitenessScheduler(SchedulerOptions options, const Clock& clock, FrontierSource& source);
  ~PolitenessScheduler();

  // A URL was committed to the durable frontier. If the host's memory queue is
  // full it stays in the store and is loaded later. Safe to call with URLs
  // already known to the scheduler (seq <= what was loaded): ignored.
  void Enqueue(std::string_view host_key, QueuedUrl url);
  // On resume: `host_key` has pending URLs in the store (loaded lazily).
  void AddStoredHost(std::string_view host_key);

  // The next fetch allowed now, or nothing. Marks it in flight (robots and
  // page fetches) — the caller must answer with OnRobotsFetched/OnFetchFinished.
  std::optional<Dispatch> Next();
  // Earliest time at which Next() may return something, if any host has work
  // that waits only on time (not on in-flight requests).
  std::optional<SteadyTime> NextWakeup() const;

  void OnRobotsFetched(std::string_view host_key, std::string_view origin, RobotsOutcome outcome,
                       const FetchFeedback& feedback);
  void OnFetchFinished(std::string_view host_key, const FetchFeedback& feedback);

  // True when no host has queued URLs (in memory or in store) and nothing is in flight.
  bool Idle() const;
  // Hosts held in memory: with work, in flight, parked, or idle only until
  // their delay has passed (then forgotten, see remembered_hosts).
  size_t HostCount() const;
  size_t InFlight() const;
  // Storage failures seen while refilling (the affected host is parked).
  const std::vector<Error>& errors() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nc
