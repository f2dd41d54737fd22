// The part of the PolitenessScheduler that reads and writes state which
// outlives a run (robots.txt records and per-host back-off/park, through
// FrontierSource and SchedulerObserver::OnHostStateChanged). Kept apart from
// frontier/scheduler.cc because it is the only scheduler code that converts
// between the wall clock of the store and the steady clock of a run, and so
// that neither file grows past the size the style guide allows. Same thread
// rules as the scheduler: the caller's thread only.

#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "frontier/scheduler_impl.h"

namespace nc {
namespace {

int64_t ToMillis(Duration d) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(d).count();
}

}  // namespace

void PolitenessScheduler::Impl::ConsultStoredRobots(HostState& host, OriginRobots& robots,
                                                    SteadyTime now) {
  robots.store_consulted = true;
  auto record = source.LoadRobots(robots.origin);
  if (!record.ok()) {
    errors.Add(MakeError(record.error().code,
                         "frontier: reading the stored robots.txt of '" + robots.origin +
                             "' failed; fetching it: " + record.error().message));
    return;
  }
  if (!*record) return;
  const RobotsRecord& stored = **record;
  const RobotsOutcome::Kind kind = RobotsKindOfStatus(stored.http_status);
  // An unreachable verdict is a stop-gap that the scheduler does not keep
  // past a host's stay in memory either (keep_after_drop): ask again.
  if (kind == RobotsOutcome::Kind::kUnreachable) return;
  robots.rules = std::make_shared<const RobotsRules>(
      kind == RobotsOutcome::Kind::kParsed
          ? RobotsRules::Parse(stored.body, options.robots_product_token)
          : RobotsRules::AllowAll());
  robots.state = kind == RobotsOutcome::Kind::kParsed ? OriginRobots::State::kParsed
                                                      : OriginRobots::State::kUnavailable;
  robots.keep_after_drop = true;
  robots.failed_attempts = 0;
  // Age by the wall clock (steady time does not survive a restart); a record
  // from the future (the clock was set back) counts as fresh.
  const double age = std::max<double>(0.0, static_cast<double>(clock.WallMillis() - stored.fetched_ms) / 1000.0);
  const double left = options.robots_ttl_seconds - age;
  // Expired rules are still installed, already due for a fetch: should that
  // fetch be unreachable they are what RFC 9309 2.4 lets us keep using.
  robots.expires = left > 0 ? now + FromSeconds(left) : now;
  UpdateCrawlDelay(host);
}

void PolitenessScheduler::Impl::RestoreHostState(HostState& host) {
  auto loaded = source.LoadHostState(host.key);
  if (!loaded.ok()) {
    errors.Add(
        MakeError(loaded.error().code, "frontier: reading the stored state of host '" + host.key +
                                           "' failed; starting afresh: " + loaded.error().message));
    return;
  }
  if (!*loaded) return;
  const PersistedHostState& p = **loaded;
  const SteadyTime now = clock.Now();
  const int64_t wall = clock.WallMillis();
  // Wall time back to steady time, cut to what the options could have
  // produced: a clock set back between runs, or a damaged record, must not
  // stall a host for longer than this run would.
  const auto until = [&](int64_t wall_ms, double cap_seconds) -> std::optional<SteadyTime> {
    if (wall_ms <= wall) return std::nullopt;
    return now + FromSeconds(std::min(static_cast<double>(wall_ms - wall) / 1000.0, cap_seconds));
  };
  const double backoff_cap =
      std::max({options.backoff_max_seconds + std::max(options.min_delay_seconds,
                                                       options.max_crawl_delay_seconds),
                options.max_retry_after_seconds, options.max_park_seconds});
  host.consecutive_failures = p.consecutive_failures;
  host.times_parked = p.times_parked;
  host.current_delay = FromSeconds(std::clamp(p.last_delay_seconds, 0.0, kMaxSeconds));
  host.delay_reason = p.last_delay_reason;
  if (auto t = until(p.backoff_until_ms, backoff_cap)) {
    host.next_allowed = std::max(host.next_allowed, *t);
  }
  if (auto t = until(p.parked_until_ms, options.max_park_seconds)) {
    host.parked_until = *t;
    host.park_reason = p.park_reason;
    host.next_allowed = std::max(host.next_allowed, *t);
  }
  host.persisted = p;
}

PersistedHostState PolitenessScheduler::Impl::PersistedOf(const HostState& host) const {
  const SteadyTime now = clock.Now();
  const int64_t wall = clock.WallMillis();
  const auto wall_of = [&](SteadyTime t) -> int64_t {
    return t > now ? wall + std::max<int64_t>(1, ToMillis(t - now)) : 0;
  };
  PersistedHostState p;
  p.consecutive_failures = host.consecutive_failures;
  p.times_parked = host.times_parked;
  // A healthy host's next slot is only its delay, which a new run recomputes.
  if (host.consecutive_failures > 0) p.backoff_until_ms = wall_of(host.next_allowed);
  p.parked_until_ms = wall_of(host.parked_until);
  if (p.parked_until_ms != 0) p.park_reason = host.park_reason;
  p.last_delay_seconds = ToSeconds(host.current_delay);
  p.last_delay_reason = host.delay_reason;
  return p;
}

void PolitenessScheduler::Impl::ReportPersisted(HostState& host) {
  PersistedHostState p = PersistedOf(host);
  if (p == host.persisted) return;
  // Healthy to healthy (a new delay, say): nothing a resume needs, so the
  // store is not written once per page of every host.
  const bool report = !(p.Healthy() && host.persisted.Healthy());
  host.persisted = std::move(p);
  if (report && observer != nullptr) observer->OnHostStateChanged(host.key, host.persisted);
}

}  // namespace nc
