#pragma once
// Per-host state of the PolitenessScheduler. Internal to the scheduler
// (frontier/scheduler.cc); not thread-safe, like the scheduler.

#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "frontier/robots.h"
#include "frontier/scheduler.h"

namespace nc {

// robots.txt state of one origin (scheme://host[:port]) of a host. A host key
// usually has one or two origins (http and https), so a small vector with a
// linear search beats a map.
struct OriginRobots {
  std::string origin;
  std::shared_ptr<const RobotsRules> rules;  // null until the first fetch ends
  SteadyTime expires{};                      // rules are fetched again from then on
  bool fetching = false;
  // What the last answer said; kRetrying: it was unreachable, fewer than
  // robots_max_attempts times in a row, so the URLs wait for another try;
  // kCached: a refresh was unreachable and the expired rules are still used.
  enum class State : uint8_t { kUnknown, kParsed, kUnavailable, kUnreachable, kRetrying, kCached };
  State state = State::kUnknown;
  uint32_t failed_attempts = 0;  // unreachable answers in a row
  SteadyTime first_failure{};    // start of the first of them
  std::string unreachable_reason;  // of the last one: "dns: name does not resolve"
  FailureReason unreachable_kind = FailureReason::kNone;  // of the same, as a kind
  // The store was asked for a robots.txt recorded by an earlier run (once
  // per origin entry: rules fetched later replace what it gave).
  bool store_consulted = false;
  // False for "unreachable" (5xx, network error): those rules are a stop-gap
  // and are not kept once the host leaves memory, so the next visit asks again.
  bool keep_after_drop = true;
  // Page fetches of the origin whose connection was refused, in a row (any
  // other outcome resets it); at refused_attempts the origin is `refusing`:
  // its URLs fail without a request while the host is held in memory.
  uint32_t refused_in_a_row = 0;
  bool refusing = false;
};

// A host's place in one HostHeap, kept in the host so that updates need no search.
struct HeapSlot {
  static constexpr size_t kNotInHeap = std::numeric_limits<size_t>::max();
  size_t index = kNotInHeap;
  SteadyTime time{};
  uint64_t order = 0;  // FIFO among hosts with the same time
};

struct HostState {
  explicit HostState(std::string host_key) : key(std::move(host_key)) {}

  const std::string key;

  // Politeness.
  uint32_t in_flight = 0;          // robots.txt and page fetches
  uint32_t robots_in_flight = 0;   // while > 0 the host's pages wait
  SteadyTime next_allowed{};       // no request starts before this
  double crawl_delay_seconds = 0;  // largest Crawl-delay of the host's origins, uncapped
  Duration last_response_time{};   // for the adaptive delay
  Duration current_delay{};        // applied after the last response
  DelayReason delay_reason = DelayReason::kMinDelay;
  // Back-off: failures in a row (reset by any success), and how often the
  // streak has parked the host (the park period grows with it).
  uint32_t consecutive_failures = 0;
  uint32_t times_parked = 0;
  SteadyTime parked_until{};  // a failure streak holds the host back until then
  std::string park_reason;    // why: of parked_until, or of `parked`
  // What the observer was last told to persist (or what was loaded), so
  // that only changes are reported.
  PersistedHostState persisted;

  // Work: the head of the host's pending URLs, in seq order; the rest is in the store.
  std::deque<QueuedUrl> queue;
  uint64_t last_loaded_seq = 0;  // highest seq ever put in `queue`
  // Announcements (Enqueue) with a seq up to this are not trusted but looked
  // up in the store: set for a host created after the scheduler forgot it,
  // when a late announcement of an already fetched URL cannot be told apart.
  uint64_t verify_up_to_seq = 0;
  bool store_may_have_more = false;  // pending URLs with seq > last_loaded_seq may exist
  // No more dispatches this run: a store read failed, or robots.txt asks
  // for a Crawl-delay above the cap under CrawlDelayPolicy::kSkip.
  bool parked = false;

  std::vector<OriginRobots> origins;
  uint32_t refusing_origins = 0;  // of `origins`, those `refusing` (0: no search needed)

  // Positions in the scheduler's two heaps (see HostHeap): hosts that may
  // be asked for work, and idle hosts kept until their delay has passed.
  HeapSlot ready_slot;
  HeapSlot cooling_slot;

  // The observer's last snapshot of the host (PolitenessScheduler::Impl::
  // Notify): a change of nothing it shows sends none. During discovery most
  // Enqueue calls find the queue full and the store flag already set.
  HostSnapshot shown;
  bool shown_sent = false;
};

}  // namespace nc
