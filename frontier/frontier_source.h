#pragma once
// The frontier's side of the store: the types the durable frontier and the
// persisted politeness state are made of, and FrontierSource, the read
// interface through which the scheduler loads them. storage/ implements
// FrontierSource and includes this header only, never scheduler.h, so the
// store does not depend on how the scheduler works.
//
// Plain data and one interface; no thread rules of its own (see
// FrontierSource for who calls it).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "frontier/redirect_chain.h"

namespace nc {

// One pending URL of the durable frontier.
struct QueuedUrl {
  uint64_t seq = 0;        // frontier sequence number: global, increasing with discovery
  std::string url;         // canonical key, absolute URL
  uint32_t depth = 0;      // hops from a seed
  uint32_t redirects = 0;  // redirect hops that led here
  uint32_t attempts = 0;   // earlier fetches of this URL that failed transiently
  // For a redirect target: the URLs whose redirects led here (one per hop,
  // the chain's start first), so a redirect back into it ends as a loop.
  RedirectChain redirect_chain = {};
};

// Which term decided a host's current delay (for status output and the
// persisted host state; the numbers are stored, do not renumber).
enum class DelayReason : uint8_t {
  kMinDelay = 0,
  kCrawlDelay = 1,
  kAdaptive = 2,
  kBackoff = 3,
  kRetryAfter = 4,
};
inline constexpr uint8_t kMaxDelayReason = 4;
// "min-delay", "crawl-delay", "adaptive", "back-off", "retry-after".
const char* DelayReasonName(DelayReason reason);

// The last robots.txt fetch of an origin, as an earlier run recorded it.
struct RobotsRecord {
  int http_status = 0;     // 0: no response (network error)
  int64_t fetched_ms = 0;  // wall clock, ms since the epoch
  std::string body;
};

// The part of a host's politeness state that outlives a run, so that a
// resumed crawl does not hit a host that was backing off or parked before
// its time. Times are wall clock (ms since the epoch): steady time does not
// survive a restart. All zero/empty: nothing to remember (a healthy host).
struct PersistedHostState {
  uint32_t consecutive_failures = 0;
  uint32_t times_parked = 0;      // the park period grows with it
  int64_t backoff_until_ms = 0;   // no request before (set while failing); 0: none
  int64_t parked_until_ms = 0;    // a failure streak parks the host until then; 0: none
  std::string park_reason;        // why, while parked
  double last_delay_seconds = 0;  // the delay applied after the last response
  DelayReason last_delay_reason = DelayReason::kMinDelay;

  // Nothing worth storing: no failure streak and no park.
  bool Healthy() const {
    return consecutive_failures == 0 && times_parked == 0 && parked_until_ms == 0;
  }
  bool operator==(const PersistedHostState&) const = default;
};

// Read side of the durable frontier and of the politeness state earlier
// runs left, implemented by storage. Called on the scheduler's thread;
// implementations must only read (the crawl engine writes through its
// batch writer, off that thread).
class FrontierSource {
 public:
  virtual ~FrontierSource() = default;
  // Pending URLs of `host_key` with seq > after_seq, in seq order, at most `limit`.
  virtual Result<std::vector<QueuedUrl>> LoadPending(std::string_view host_key,
                                                     uint64_t after_seq, size_t limit) = 0;
  // The last robots.txt fetch of `origin` recorded by any run; nullopt when
  // none. Default: nothing recorded.
  virtual Result<std::optional<RobotsRecord>> LoadRobots(std::string_view origin) {
    (void)origin;
    return std::optional<RobotsRecord>();
  }
  // The persisted politeness state of `host_key`; nullopt when none.
  // Default: nothing recorded.
  virtual Result<std::optional<PersistedHostState>> LoadHostState(std::string_view host_key) {
    (void)host_key;
    return std::optional<PersistedHostState>();
  }
};

}  // namespace nc
