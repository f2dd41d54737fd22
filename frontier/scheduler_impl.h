#pragma once
// The PolitenessScheduler's private state (PolitenessScheduler::Impl),
// shared by the .cc files that implement it: frontier/scheduler.cc (dispatch,
// feedback, robots.txt outcomes, snapshots) and frontier/scheduler_persistence.cc
// (state that outlives a run). Internal to the scheduler; not thread-safe,
// like the scheduler.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "frontier/backoff.h"
#include "frontier/host_heap.h"
#include "frontier/host_memo.h"
#include "frontier/host_state.h"
#include "frontier/scheduler.h"
#include "frontier/scheduler_feedback.h"
#include "frontier/scheduler_rate_limit.h"

namespace nc {

// The longest delay the scheduler works with (options and stored state are
// cut to it), so no duration overflows steady_clock.
constexpr double kMaxSeconds = 1e9;  // ~31 years: any delay is cut to this

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct PolitenessScheduler::Impl {
  Impl(SchedulerOptions o, const Clock& c, FrontierSource& s);

  HostState* Find(std::string_view host_key);
  HostState& FindOrCreate(std::string_view host_key);
  // Puts `host` in the heap it belongs to, or drops it from memory, after
  // anything about it changed. `host` may be destroyed: do not use it after.
  void Reschedule(HostState& host);
  // Forgets `host`, keeping what is worth keeping in `memo`.
  void Drop(HostState& host);
  // Drops the idle hosts whose delay has passed.
  void DropCooledHosts(SteadyTime now);
  // Loads the next pending URLs of `host` from the store into its empty
  // queue. False when nothing was loaded (the host was then rescheduled, and
  // possibly parked or dropped).
  bool Refill(HostState& host);
  OriginRobots& OriginFor(HostState& host, std::string_view origin);
  // Counts a page fetch of `origin` towards its refusals in a row; true
  // when the origin refuses (now or already): no request follows for it.
  bool NoteRefusal(HostState& host, std::string_view origin, const FetchFeedback& feedback);
  // The origin's state when it refuses connections; null otherwise.
  const OriginRobots* RefusingOrigin(const HostState& host, std::string_view origin) const;
  // Sets the host's next allowed time after a response: delay, back-off,
  // Retry-After, parking.
  void ApplyFeedback(HostState& host, const FetchFeedback& feedback, const FetchVerdict& verdict);
  // Recomputes the host's Crawl-delay from its origins' rules and applies
  // CrawlDelayPolicy::kSkip.
  void UpdateCrawlDelay(HostState& host);
  Dispatch TakeFront(HostState& host, Dispatch::Kind kind, std::string_view origin);

  // --- state that outlives a run (frontier/scheduler.h, FrontierSource) ---
  // Gives `robots` the rules an earlier run recorded for its origin, if any
  // were usable: live until robots_ttl after their fetch (wall clock), or
  // already expired but kept as the fallback of an unreachable refresh.
  void ConsultStoredRobots(HostState& host, OriginRobots& robots, SteadyTime now);
  // Back-off and park of a host from an earlier run, for a host just created.
  void RestoreHostState(HostState& host);
  PersistedHostState PersistedOf(const HostState& host) const;
  // Tells the observer when the host's persisted state changed.
  void ReportPersisted(HostState& host);

  // --- observer ---
  HostSnapshot MakeSnapshot(const HostState& host, SteadyTime now, bool held) const;
  // Brings `snap` (whose host_key is set) to what MakeSnapshot would give;
  // true when any field changed.
  bool UpdateSnapshot(const HostState& host, SteadyTime now, bool held, HostSnapshot& snap) const;
  // Tells the observer the host's snapshot, unless it equals the last one
  // sent: the observers keep only the last, so that one would change nothing.
  void Notify(HostState& host, bool held) {
    if (observer == nullptr) return;
    if (!host.shown_sent) host.shown.host_key = host.key;
    if (!UpdateSnapshot(host, clock.Now(), held, host.shown) && host.shown_sent) return;
    host.shown_sent = true;
    observer->OnHostSnapshot(host.shown);
  }

  const SchedulerOptions options;
  const Clock& clock;
  FrontierSource& source;

  std::unordered_map<std::string, std::unique_ptr<HostState>, StringHash, std::equal_to<>> hosts;
  // Exactly the hosts that have work, are below their in-flight limit, are
  // not waiting for robots.txt and are not parked; keyed by next_allowed.
  HostHeap ready;
  // Hosts with nothing to do and nothing in flight whose next_allowed is
  // still ahead: dropping them earlier would forget the delay, and a URL
  // arriving a moment later could then be fetched too soon. Keyed by next_allowed.
  HostHeap cooling;
  HostMemo memo;
  // Highest HostMemo::Entry::KnownUpToSeq() of any host dropped and no
  // longer remembered: a host created afresh verifies announcements up to it.
  uint64_t forgotten_seq = 0;
  size_t in_flight = 0;
  ErrorLog errors;
  JitteredBackoff backoff;
  GlobalRateLimit rate;
  SchedulerObserver* observer = nullptr;
};

}  // namespace nc
