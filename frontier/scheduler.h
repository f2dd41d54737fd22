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
// Failures (no response, 5xx, 429) back off exponentially with jitter, or
// for the time a 429/503 Retry-After names; a host that keeps failing is
// parked for a growing period with the reason recorded, and its URLs wait
// for it. An unreachable robots.txt holds the origin's URLs back while it is
// retried, and denies them only after robots_max_attempts failures; an
// unreachable *refresh* keeps the expired rules (RFC 9309 2.4) and retries
// later.
//
// State that outlives a run comes from the source: robots.txt recorded by
// an earlier run is used while younger than robots_ttl (wall clock), and
// AddStoredHost restores back-off and park. Changes are reported to a
// SchedulerObserver (snapshots for status, host state to persist); the
// scheduler itself never writes. Snapshot() explains each host's delay,
// park and robots.txt state.
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
#include "common/error_log.h"
#include "common/failure_reason.h"
#include "common/result.h"
#include "common/version.h"
#include "config/crawl_config.h"
#include "frontier/frontier_source.h"
#include "frontier/robots.h"

namespace nc {

struct SchedulerOptions {
  SchedulerOptions();  // = SchedulerOptions(CrawlConfig())
  explicit SchedulerOptions(const CrawlConfig& config);

  // --- From CrawlConfig: the politeness.* key named after each ---
  double min_delay_seconds;         // min_delay
  uint32_t max_in_flight_per_host;  // max_in_flight_per_host
  bool obey_robots;                 // obey_robots
  // max_crawl_delay: a robots Crawl-delay above it is handled by
  // crawl_delay_policy (kSkip parks the host for the rest of the run).
  double max_crawl_delay_seconds;
  using CrawlDelayPolicy = ::nc::CrawlDelayPolicy;
  CrawlDelayPolicy crawl_delay_policy;
  // adaptive_factor (DESIGN.md "Politeness model"): the delay after a
  // response is at least this many times its response time.
  double adaptive_factor;
  // backoff_initial, backoff_max. A network error or timeout (status 0), a
  // 5xx, or a 429/503 without Retry-After adds a back-off to the delay:
  // backoff_initial_seconds × 2^(n−1) after the n-th consecutive failure,
  // capped at backoff_max_seconds, then spread by ±backoff_jitter (a
  // fraction). A 429/503 with Retry-After waits that long instead (capped
  // by max_retry_after_seconds). Any other response resets the count.
  double backoff_initial_seconds;
  double backoff_max_seconds;
  // park_after_failures, park_seconds: after this many consecutive failures
  // the host is parked: no request until park_seconds × 2^(times parked − 1)
  // (capped at max_park_seconds) has passed, with the reason recorded (see
  // Snapshot). Its URLs wait and are fetched afterwards. A success ends the
  // streak and the growth. 0: never park.
  uint32_t park_after_failures;
  double park_seconds;
  double max_retry_after_seconds;  // max_retry_after
  // robots_ttl: rules an earlier run recorded (FrontierSource::LoadRobots)
  // are used without a fetch while younger than this by the wall clock.
  double robots_ttl_seconds;
  // robots_max_attempts: robots.txt answering 5xx/429 or unreachable: the
  // origin's URLs wait while it is fetched again (after the host's
  // back-off); after this many failed attempts in a row the origin is
  // treated as "disallow all" (its URLs come out as kRobotsDenied) until
  // its rules expire. An origin that has rules from an earlier fetch (this
  // run or a recorded one) keeps using them when a refresh is unreachable
  // (RFC 9309 2.4), and asks again after backoff_initial_seconds × 2^(n−1)
  // (at least 1 s, at most backoff_max_seconds) past the host's next
  // allowed time.
  uint32_t robots_max_attempts;
  // robots_max_wait: a host's total wait on an unreachable robots.txt, from
  // the start of its first failed attempt: no further attempt is made that
  // could not end within it (the last attempt's duration is the guess), and
  // the origin is "disallow all" at once. 0: no bound besides
  // robots_max_attempts.
  double robots_max_wait_seconds;
  // max_requests_per_second: requests (pages and robots.txt) started per
  // second over all hosts; 0: no limit.
  double max_requests_per_second;

  // --- The scheduler's own ---
  // Fewer attempts when the connection is refused (a dead port answers at
  // once; a restarting server is back within seconds): robots.txt is given
  // up after this many refusals in a row (and after one when the name does
  // not resolve); an origin that refuses this many page fetches in a row
  // fails its other URLs without a request (Dispatch::Kind::kRefused),
  // instead of backing off and parking. At least 1.
  uint32_t refused_attempts = 3;
  size_t queue_per_host = 16;  // URLs of one host held in memory
  std::string robots_product_token = kRobotsProductToken;
  // Hosts dropped from memory (no work, nothing in flight) whose robots.txt
  // rules and highest loaded seq are remembered, least recently dropped
  // forgotten first. 0: remember nothing.
  size_t remembered_hosts = 4096;
  double backoff_jitter = 0.25;
  // Seed of the jitter's random source: fixed by default so runs replay;
  // the engine may seed it from std::random_device.
  uint64_t jitter_seed = 0x6e657773637261ULL;
  // The longest park; at least park_seconds when built from a config.
  double max_park_seconds = 86400.0;
  // global_burst requests may start back to back after a pause.
  uint32_t global_burst = 1;
};

// Per-host state for status output and audits (`newscrawl status --hosts`).
struct HostSnapshot {
  std::string host_key;
  size_t queued_in_memory = 0;
  bool store_may_have_more = false;  // more pending URLs wait in the store
  uint32_t in_flight = 0;            // robots.txt and pages
  SteadyTime next_allowed{};         // no request starts before this
  // The delay applied after the last response (0 before any response), and
  // which term decided it: "min-delay", "crawl-delay", "adaptive",
  // "back-off" or "retry-after".
  double delay_seconds = 0;
  std::string delay_reason = "min-delay";
  uint32_t consecutive_failures = 0;
  // Why the host gets no requests ("5 consecutive failures, last: HTTP 503
  // Retry-After 120s; parked 600s", "crawl-delay 50s above max 30s");
  // empty when it is not parked.
  std::string parked_reason;
  // robots.txt of the host's origin(s): "unknown", "fetching", "parsed",
  // "unavailable (allow all)", "unreachable (disallow all)",
  // "unreachable (retrying)" between failed attempts, or "cached (refresh
  // unreachable)" when expired rules are kept because the refresh failed.
  // With several origins, the one that holds the host back most.
  std::string robots_state = "unknown";
  // Until when `parked_reason` holds (SteadyTime::max() for the rest of the
  // run); a reader of an older snapshot drops the reason once it has passed.
  SteadyTime parked_until{};
  // False in the last snapshot of a host, sent as the scheduler drops it
  // from memory (no work left); its other fields are then the last ones.
  bool held = true;
};

// Told about host changes as they happen, so that the crawl engine can keep
// status rows and persist host state without scanning the scheduler. Called
// synchronously from inside scheduler calls (the scheduler's thread); must
// not call back into the scheduler.
class SchedulerObserver {
 public:
  virtual ~SchedulerObserver() = default;
  // Something shown in a host's snapshot changed (checked after every
  // change of the host; a snapshot equal to the last one sent is not sent
  // again), and once more with held = false when the host is dropped.
  virtual void OnHostSnapshot(const HostSnapshot& snapshot) { (void)snapshot; }
  // The host's PersistedHostState changed (a failure, a park, a recovery):
  // store it. Not called for healthy hosts whose state stays healthy.
  virtual void OnHostStateChanged(std::string_view host_key, const PersistedHostState& state) {
    (void)host_key;
    (void)state;
  }
};

struct Dispatch {
  enum class Kind {
    kFetchRobots,   // fetch `origin`/robots.txt; answer with OnRobotsFetched
    kFetchPage,     // fetch url.url; answer with OnFetchFinished
    kRobotsDenied,  // robots.txt disallows url: record it, do not fetch (no answer needed)
    // url's origin refused refused_attempts page connections in a row:
    // record url as failed (reason, failure), do not fetch (no answer needed)
    kRefused
  };
  Kind kind = Kind::kFetchPage;
  std::string host_key;
  std::string origin;  // scheme://host[:port] of the URL (or of robots.txt)
  QueuedUrl url;       // empty for kFetchRobots
  // kRobotsDenied because robots.txt could not be fetched (RFC 9309
  // 2.3.1.4), not because its rules say so: why, e.g. "robots.txt
  // unreachable (dns: name does not resolve)"; kRefused: "connect:
  // connection refused (3 connections to http://x.test:81 in a row); not
  // fetched". Empty otherwise.
  std::string reason;
  // With `reason`: the kind of the failure (kDns, kConnectRefused, ...;
  // kRobotsUnreachable when robots.txt had no response kind, e.g. HTTP
  // 503). kNone otherwise.
  FailureReason failure = FailureReason::kNone;
};

// How a robots.txt fetch ended, per RFC 9309 2.3.1.
struct RobotsOutcome {
  enum class Kind { kParsed, kUnavailable /*4xx: allow all*/, kUnreachable /*5xx, network: disallow all*/ };
  Kind kind = Kind::kParsed;
  std::string body;  // for kParsed
};

// The outcome a robots.txt fetch status stands for (RFC 9309 2.3.1), for a
// live fetch and a recorded one alike: 2xx parsed; 429, 5xx and no response
// (0) unreachable; anything else (4xx, a 3xx after too many redirects)
// unavailable.
RobotsOutcome::Kind RobotsKindOfStatus(int http_status);

// How a page fetch ended, for delay and back-off.
struct FetchFeedback {
  SteadyTime started{};
  SteadyTime finished{};
  int http_status = 0;            // 0: no response (network error, timeout)
  std::optional<double> retry_after_seconds;  // from a 429/503
  // The request never left this machine (the private-address guard refused
  // every address of the host): nothing was learnt about the server, so it
  // is neither a failure (no back-off) nor a success.
  bool refused_locally = false;
  // How a fetch without a response failed, when that says how long the host
  // is worth asking again: a name that does not resolve will not start to
  // within the run; a refused connection may be a restart.
  enum class Unreachable : uint8_t { kOther, kNameDoesNotResolve, kConnectionRefused };
  Unreachable unreachable = Unreachable::kOther;
  // Why no response came, for status and records ("dns: name does not
  // resolve", "connect: connection refused", "timeout: connect"); empty:
  // shown as "network error or timeout".
  std::string failure_reason;
  // The same as a kind (common/failure_reason.h); kNone with a response.
  FailureReason failure = FailureReason::kNone;
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
  // Its persisted politeness state (back-off, park) is loaded from the
  // source, so a host parked in an earlier run stays parked until its time.
  void AddStoredHost(std::string_view host_key);

  // Host change events go to `observer` (null: none). It must outlive the
  // scheduler or be reset first.
  void SetObserver(SchedulerObserver* observer);

  // The next fetch allowed now, or nothing. Marks it in flight (robots and
  // page fetches) — the caller must answer with OnRobotsFetched/OnFetchFinished.
  std::optional<Dispatch> Next();
  // Earliest time at which Next() may return something, if any host has work
  // that waits only on time (not on in-flight requests).
  std::optional<SteadyTime> NextWakeup() const;

  void OnRobotsFetched(std::string_view host_key, std::string_view origin,
                       const RobotsOutcome& outcome, const FetchFeedback& feedback);
  // `origin`: the page's (Dispatch::origin), so that an origin refusing
  // refused_attempts connections in a row is given up (kRefused); "": not
  // counted.
  void OnFetchFinished(std::string_view host_key, const FetchFeedback& feedback,
                       std::string_view origin = {});

  // Gives back a dispatch from Next() that will not be made (a cluster node
  // no longer owns the host's partition): its in-flight slot is freed and
  // the host's queued URLs are forgotten in memory, not recorded, so they
  // stay pending in the store (loaded again, from the first of them, if
  // the host is added later). No delay is applied; the host is dropped
  // once nothing of it is in flight.
  void Withdraw(const Dispatch& dispatch);

  // True when no host has queued URLs (in memory or in store) and nothing is in flight.
  bool Idle() const;
  // Hosts held in memory: with work, in flight, parked, or idle only until
  // their delay has passed (then forgotten, see remembered_hosts).
  size_t HostCount() const;
  size_t InFlight() const;
  // Storage failures seen while refilling (the affected host is parked) or
  // while reading stored robots.txt or host state (then ignored: robots.txt
  // is fetched, the host starts with a clean state). Bounded: counts by code
  // and the last few messages; the crawl reports them when it ends.
  const ErrorLog& errors() const;
  // Up to `max_hosts` hosts held in memory, by host key. Walks every host:
  // for status output, not for the crawl loop.
  std::vector<HostSnapshot> Snapshot(size_t max_hosts) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nc
