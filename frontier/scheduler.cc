#include "frontier/scheduler.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <utility>

#include "common/enum_table.h"
#include "common/url_parts.h"
#include "frontier/scheduler_impl.h"

namespace nc {
namespace {

// scheme://host[:port]. Canonical URLs always have a path; '?' and '#' end
// the authority too (SplitUrl) so a stray URL cannot make the origin
// swallow its query.
std::string_view OriginOf(std::string_view url) { return SplitUrl(url).origin; }

// Path and query as the request line sends them. Returns a view into `url`
// when possible; `scratch` holds the rare result that needs a leading '/'.
std::string_view RequestTargetOf(std::string_view url, std::string& scratch) {
  const std::string_view target = SplitUrl(url).target;
  if (target.empty()) return "/";
  if (target.front() == '/') return target;
  scratch.assign("/").append(target);
  return scratch;
}

// Options with out-of-range values replaced by the nearest sane value, so the
// arithmetic below never meets NaN, negative delays, durations that overflow
// steady_clock, or a zero limit.
SchedulerOptions Sanitized(SchedulerOptions o) {
  const auto non_negative = [](double x) {
    return std::isfinite(x) && x > 0 ? std::min(x, kMaxSeconds) : 0.0;
  };
  o.min_delay_seconds = non_negative(o.min_delay_seconds);
  o.max_crawl_delay_seconds = non_negative(o.max_crawl_delay_seconds);
  o.max_retry_after_seconds = non_negative(o.max_retry_after_seconds);
  o.robots_ttl_seconds = non_negative(o.robots_ttl_seconds);
  o.max_in_flight_per_host = std::max<uint32_t>(o.max_in_flight_per_host, 1);
  o.queue_per_host = std::max<size_t>(o.queue_per_host, 1);
  o.adaptive_factor = std::min(non_negative(o.adaptive_factor), 1000.0);
  o.backoff_initial_seconds = non_negative(o.backoff_initial_seconds);
  o.backoff_max_seconds = non_negative(o.backoff_max_seconds);
  o.park_seconds = non_negative(o.park_seconds);
  o.max_park_seconds = non_negative(o.max_park_seconds);
  o.robots_max_attempts = std::max<uint32_t>(o.robots_max_attempts, 1);
  o.max_requests_per_second = non_negative(o.max_requests_per_second);
  return o;
}

// How an origin's robots.txt state shows in a host snapshot: how much it
// holds the host back (the origin that holds back most is the one shown),
// its name, and whether the failure's reason follows the name.
struct RobotsStateView {
  int hold_back;
  const char* name;
  bool with_reason;
};
using RobotsState = OriginRobots::State;
// For a value no enumerator has.
constexpr RobotsStateView kInvalidRobotsState = {0, "unknown", false};
constexpr auto kRobotsStateViews = MakeEnumTable<RobotsState, RobotsStateView>({
    {RobotsState::kUnknown, {2, "unknown", false}},
    {RobotsState::kParsed, {1, "parsed", false}},
    {RobotsState::kUnavailable, {0, "unavailable (allow all)", false}},
    {RobotsState::kUnreachable, {4, "unreachable (disallow all)", true}},
    {RobotsState::kRetrying, {5, "unreachable (retrying)", true}},
    {RobotsState::kCached, {3, "cached (refresh unreachable)", false}},
});

int RobotsHoldBack(const OriginRobots& o) {
  if (o.fetching) return 6;
  return kRobotsStateViews.Get(o.state, kInvalidRobotsState).hold_back;
}

std::string RobotsStateName(const OriginRobots& o) {
  if (o.fetching) return "fetching";
  const RobotsStateView view = kRobotsStateViews.Get(o.state, kInvalidRobotsState);
  // The reason is known for a live failure, not for one an earlier run recorded.
  if (!view.with_reason || o.unreachable_reason.empty()) return view.name;
  return std::string(view.name) + ": " + o.unreachable_reason;
}

}  // namespace

RobotsOutcome::Kind RobotsKindOfStatus(int http_status) {
  if (http_status >= 200 && http_status < 300) return RobotsOutcome::Kind::kParsed;
  if (http_status < 100 || http_status == 429 || http_status >= 500) {
    return RobotsOutcome::Kind::kUnreachable;
  }
  return RobotsOutcome::Kind::kUnavailable;
}

PolitenessScheduler::Impl::Impl(SchedulerOptions o, const Clock& c, FrontierSource& s)
    : options(Sanitized(std::move(o))),
      clock(c),
      source(s),
      ready(&HostState::ready_slot),
      cooling(&HostState::cooling_slot),
      memo(options.remembered_hosts),
      backoff(options.backoff_initial_seconds, options.backoff_max_seconds, options.backoff_jitter,
              options.jitter_seed),
      rate(options.max_requests_per_second, options.global_burst) {}

HostState* PolitenessScheduler::Impl::Find(std::string_view host_key) {
  auto it = hosts.find(host_key);
  return it == hosts.end() ? nullptr : it->second.get();
}

HostState& PolitenessScheduler::Impl::FindOrCreate(std::string_view host_key) {
  if (HostState* host = Find(host_key)) return *host;
  auto owned = std::make_unique<HostState>(std::string(host_key));
  HostState& host = *owned;
  if (auto remembered = memo.Take(host_key)) {
    host.last_loaded_seq = remembered->last_loaded_seq;
    host.verify_up_to_seq = remembered->verify_up_to_seq;
    const SteadyTime now = clock.Now();
    for (OriginRobots& origin : remembered->origins) {
      if (origin.expires <= now) continue;
      // Refusals count while the host is held: a later visit tries again.
      origin.refused_in_a_row = 0;
      origin.refusing = false;
      host.origins.push_back(std::move(origin));
    }
    UpdateCrawlDelay(host);
  } else {
    host.verify_up_to_seq = forgotten_seq;
  }
  hosts.emplace(host.key, std::move(owned));
  return host;
}

void PolitenessScheduler::Impl::Reschedule(HostState& host) {
  const bool has_work = !host.queue.empty() || host.store_may_have_more;
  const bool can_dispatch = has_work && !host.parked && host.robots_in_flight == 0 &&
                            host.in_flight < options.max_in_flight_per_host;
  if (can_dispatch) {
    cooling.Remove(host);
    ready.Set(host, host.next_allowed);
    Notify(host, /*held=*/true);
    return;
  }
  ready.Remove(host);
  // A host parked for the run with nothing left to do is dropped like any
  // idle host: what parked it (Crawl-delay) is in the remembered rules.
  if (has_work || host.in_flight > 0) {
    cooling.Remove(host);
  } else if (host.next_allowed > clock.Now()) {
    cooling.Set(host, host.next_allowed);
  } else {
    Drop(host);
    return;
  }
  Notify(host, /*held=*/true);
}

void PolitenessScheduler::Impl::Drop(HostState& host) {
  Notify(host, /*held=*/false);
  ready.Remove(host);
  cooling.Remove(host);
  HostMemo::Entry entry{host.last_loaded_seq, host.verify_up_to_seq, {}};
  for (OriginRobots& origin : host.origins) {
    if (origin.rules && !origin.fetching && origin.keep_after_drop) {
      entry.origins.push_back(std::move(origin));
    }
  }
  if (const auto forgotten = memo.Remember(host.key, std::move(entry))) {
    forgotten_seq = std::max(forgotten_seq, *forgotten);
  }
  hosts.erase(hosts.find(host.key));  // by iterator: `host.key` dies with the node
}

void PolitenessScheduler::Impl::DropCooledHosts(SteadyTime now) {
  while (!cooling.empty() && cooling.TopTime() <= now) Drop(cooling.Top());
}

bool PolitenessScheduler::Impl::Refill(HostState& host) {
  auto loaded = source.LoadPending(host.key, host.last_loaded_seq, options.queue_per_host);
  if (!loaded.ok()) {
    // Parked for the run rather than retried: a store that fails reads is
    // most likely broken for every host, and the errors say so.
    errors.Add(MakeError(loaded.error().code,
                         "frontier: loading pending URLs of host '" + host.key +
                             "' failed; host parked for this run: " + loaded.error().message));
    host.parked = true;
    host.park_reason = "store read failed: " + loaded.error().message;
    Reschedule(host);
    return false;
  }
  bool added = false;
  for (QueuedUrl& url : *loaded) {
    if (url.seq <= host.last_loaded_seq) continue;  // a source out of order must not cause repeats
    host.last_loaded_seq = url.seq;
    host.queue.push_back(std::move(url));
    added = true;
  }
  // A full batch may mean more; a batch with nothing new means no more, even
  // from a misbehaving source (otherwise Next() could spin on this host).
  host.store_may_have_more = added && loaded->size() >= options.queue_per_host;
  if (!added) {
    Reschedule(host);
    return false;
  }
  return true;
}

OriginRobots& PolitenessScheduler::Impl::OriginFor(HostState& host, std::string_view origin) {
  for (OriginRobots& known : host.origins) {
    if (known.origin == origin) return known;
  }
  OriginRobots& added = host.origins.emplace_back();
  added.origin = origin;
  return added;
}

bool PolitenessScheduler::Impl::NoteRefusal(HostState& host, std::string_view origin,
                                            const FetchFeedback& feedback) {
  if (feedback.refused_locally) return false;  // nothing was asked of the server
  OriginRobots& known = OriginFor(host, origin);
  const bool refused = feedback.http_status == 0 &&
                       feedback.unreachable == FetchFeedback::Unreachable::kConnectionRefused;
  if (!refused) {
    // The origin answers (or fails some other way): it is not refusing.
    known.refused_in_a_row = 0;
    if (known.refusing) --host.refusing_origins;
    known.refusing = false;
    return false;
  }
  ++known.refused_in_a_row;
  if (!known.refusing &&
      known.refused_in_a_row >= std::max<uint32_t>(1, options.refused_attempts)) {
    known.refusing = true;
    ++host.refusing_origins;
  }
  return known.refusing;
}

const OriginRobots* PolitenessScheduler::Impl::RefusingOrigin(const HostState& host,
                                                              std::string_view origin) const {
  if (host.refusing_origins == 0) return nullptr;
  for (const OriginRobots& known : host.origins) {
    if (known.refusing && known.origin == origin) return &known;
  }
  return nullptr;
}

void PolitenessScheduler::Impl::ApplyFeedback(HostState& host, const FetchFeedback& feedback,
                                              const FetchVerdict& verdict) {
  if (feedback.finished >= feedback.started) {
    host.last_response_time = feedback.finished - feedback.started;
  }
  // delay = max(min_delay, capped Crawl-delay, adaptive) + back-off, or
  // Retry-After when the server named a time; each term beats the previous
  // one only when strictly larger, so the reason names the operator's or
  // the site's setting on a tie.
  double delay = options.min_delay_seconds;
  DelayReason reason = DelayReason::kMinDelay;
  const auto consider = [&](double seconds, DelayReason why) {
    if (seconds > delay) {
      delay = seconds;
      reason = why;
    }
  };
  consider(std::min(host.crawl_delay_seconds, options.max_crawl_delay_seconds),
           DelayReason::kCrawlDelay);
  consider(std::min(options.adaptive_factor * ToSeconds(host.last_response_time), kMaxSeconds),
           DelayReason::kAdaptive);

  if (!verdict.failure) {
    host.consecutive_failures = 0;
    host.times_parked = 0;
  } else {
    ++host.consecutive_failures;
    if (verdict.retry_after_seconds) {
      consider(std::min(*verdict.retry_after_seconds, options.max_retry_after_seconds),
               DelayReason::kRetryAfter);
    } else if (!verdict.final) {
      const double backoff_seconds = backoff.Seconds(host.consecutive_failures);
      if (backoff_seconds > 0) {
        delay += backoff_seconds;
        reason = DelayReason::kBackoff;
      }
    }
  }
  // The delay runs from the END of the response, so a slow server is not hit
  // again the moment it finally answers.
  host.current_delay = FromSeconds(delay);
  host.delay_reason = reason;
  SteadyTime next = feedback.finished + host.current_delay;

  if (verdict.failure && !verdict.final && options.park_after_failures > 0 &&
      host.consecutive_failures >= options.park_after_failures) {
    // Every failure after the streak reached the threshold parks again, for
    // longer: the host gets one try per park period until it answers.
    ++host.times_parked;
    const double park =
        ExponentialSeconds(options.park_seconds, options.max_park_seconds, host.times_parked);
    host.parked_until = std::max(host.parked_until, feedback.finished + FromSeconds(park));
    host.park_reason = std::to_string(host.consecutive_failures) +
                       " consecutive failures, last: " + verdict.what + "; parked " +
                       FormatSeconds(park) + "s";
    next = std::max(next, host.parked_until);
  }
  host.next_allowed = std::max(host.next_allowed, next);
  ReportPersisted(host);
}

void PolitenessScheduler::Impl::UpdateCrawlDelay(HostState& host) {
  host.crawl_delay_seconds = 0;
  for (const OriginRobots& known : host.origins) {
    if (known.rules && known.rules->crawl_delay()) {
      host.crawl_delay_seconds = std::max(host.crawl_delay_seconds, *known.rules->crawl_delay());
    }
  }
  if (options.crawl_delay_policy == SchedulerOptions::CrawlDelayPolicy::kSkip &&
      host.crawl_delay_seconds > options.max_crawl_delay_seconds && !host.parked) {
    host.parked = true;
    host.park_reason = "crawl-delay " + FormatSeconds(host.crawl_delay_seconds) + "s above max " +
                       FormatSeconds(options.max_crawl_delay_seconds) + "s";
  }
}

Dispatch PolitenessScheduler::Impl::TakeFront(HostState& host, Dispatch::Kind kind,
                                              std::string_view origin) {
  Dispatch dispatch;
  dispatch.kind = kind;
  dispatch.host_key = host.key;
  dispatch.origin = origin;  // copied before the URL that `origin` views is moved
  dispatch.url = std::move(host.queue.front());
  host.queue.pop_front();
  return dispatch;
}

HostSnapshot PolitenessScheduler::Impl::MakeSnapshot(const HostState& host, SteadyTime now,
                                                     bool held) const {
  HostSnapshot snap;
  snap.host_key = host.key;
  UpdateSnapshot(host, now, held, snap);
  return snap;
}

namespace {

// Sets `field` to `value`; true when that changed it.
template <typename T, typename V>
bool Assign(T& field, const V& value) {
  if (field == value) return false;
  field = value;
  return true;
}

// RobotsStateName(o) into `out` without building the string when it is unchanged.
bool AssignRobotsStateName(std::string& out, const OriginRobots& o) {
  if (o.fetching) return Assign(out, "fetching");
  const RobotsStateView view = kRobotsStateViews.Get(o.state, kInvalidRobotsState);
  if (!view.with_reason || o.unreachable_reason.empty()) return Assign(out, view.name);
  const std::string_view name = view.name;
  const std::string_view have = out;
  if (have.size() == name.size() + 2 + o.unreachable_reason.size() && have.starts_with(name) &&
      have.substr(name.size(), 2) == ": " && have.ends_with(o.unreachable_reason)) {
    return false;
  }
  out = RobotsStateName(o);
  return true;
}

}  // namespace

bool PolitenessScheduler::Impl::UpdateSnapshot(const HostState& host, SteadyTime now, bool held,
                                               HostSnapshot& snap) const {
  bool changed = false;
  changed |= Assign(snap.queued_in_memory, host.queue.size());
  changed |= Assign(snap.store_may_have_more, host.store_may_have_more);
  changed |= Assign(snap.in_flight, host.in_flight);
  changed |= Assign(snap.next_allowed, host.next_allowed);
  changed |= Assign(snap.delay_seconds, ToSeconds(host.current_delay));
  changed |= Assign(snap.delay_reason, DelayReasonName(host.delay_reason));
  changed |= Assign(snap.consecutive_failures, host.consecutive_failures);
  if (host.parked) {
    changed |= Assign(snap.parked_reason, host.park_reason);
    changed |= Assign(snap.parked_until, SteadyTime::max());
  } else if (host.parked_until > now) {
    changed |= Assign(snap.parked_reason, host.park_reason);
    changed |= Assign(snap.parked_until, host.parked_until);
  } else {
    changed |= !snap.parked_reason.empty();
    snap.parked_reason.clear();
    changed |= Assign(snap.parked_until, SteadyTime{});
  }
  const OriginRobots* shown = nullptr;
  for (const OriginRobots& origin : host.origins) {
    if (shown == nullptr || RobotsHoldBack(origin) > RobotsHoldBack(*shown)) shown = &origin;
  }
  changed |= shown != nullptr ? AssignRobotsStateName(snap.robots_state, *shown)
                              : Assign(snap.robots_state, "unknown");
  changed |= Assign(snap.held, held);
  return changed;
}

PolitenessScheduler::PolitenessScheduler(SchedulerOptions options, const Clock& clock,
                                         FrontierSource& source)
    : impl_(std::make_unique<Impl>(std::move(options), clock, source)) {}

PolitenessScheduler::~PolitenessScheduler() = default;

void PolitenessScheduler::Enqueue(std::string_view host_key, QueuedUrl url) {
  HostState& host = impl_->FindOrCreate(host_key);
  if (url.seq > host.last_loaded_seq) {
    // Once the store holds URLs the queue does not, new ones must come from
    // the store too, or they would overtake older ones. An announcement we
    // cannot trust is checked against the store, which no longer lists
    // URLs whose fetch has committed.
    if (host.store_may_have_more || host.queue.size() >= impl_->options.queue_per_host ||
        url.seq <= host.verify_up_to_seq) {
      host.store_may_have_more = true;
    } else {
      host.last_loaded_seq = url.seq;
      host.queue.push_back(std::move(url));
    }
  }
  impl_->Reschedule(host);  // also drops a host created only for an ignored URL
}

void PolitenessScheduler::AddStoredHost(std::string_view host_key) {
  const bool known = impl_->Find(host_key) != nullptr;
  HostState& host = impl_->FindOrCreate(host_key);
  host.store_may_have_more = true;
  if (!known) impl_->RestoreHostState(host);
  impl_->Reschedule(host);
}

void PolitenessScheduler::SetObserver(SchedulerObserver* observer) { impl_->observer = observer; }

std::optional<Dispatch> PolitenessScheduler::Next() {
  Impl& s = *impl_;
  const SteadyTime now = s.clock.Now();
  s.DropCooledHosts(now);
  // Each pass either returns or takes the top host out of the heap (or
  // drops it), so the loop ends; it only ever looks at hosts that are due.
  while (!s.ready.empty() && s.ready.TopTime() <= now) {
    HostState& host = s.ready.Top();
    if (host.queue.empty() && !s.Refill(host)) continue;

    const std::string_view url = host.queue.front().url;
    const std::string_view origin = OriginOf(url);
    if (const OriginRobots* refusing = s.RefusingOrigin(host, origin)) {
      // A dead port: no request, the URL fails with the refusals' reason.
      const uint32_t refusals = refusing->refused_in_a_row;
      Dispatch dispatch = s.TakeFront(host, Dispatch::Kind::kRefused, origin);
      dispatch.reason = "connect: connection refused (" + std::to_string(refusals) +
                        " connections to " + dispatch.origin + " in a row); not fetched";
      dispatch.failure = FailureReason::kConnectRefused;
      s.Reschedule(host);
      return dispatch;
    }
    if (s.options.obey_robots) {
      OriginRobots& robots = s.OriginFor(host, origin);
      if (robots.fetching) {  // cannot happen: such a host is not in the heap
        s.ready.Remove(host);
        continue;
      }
      if (!robots.rules && !robots.store_consulted) {
        s.ConsultStoredRobots(host, robots, now);
        if (host.parked) {  // recorded Crawl-delay above the cap, kSkip
          s.Reschedule(host);
          continue;
        }
      }
      if (!robots.rules || robots.expires <= now) {
        // robots.txt before any page of the origin; it is a request like
        // any other for the host's politeness, and the pages wait for it.
        if (!s.rate.Allows(now)) return std::nullopt;
        s.rate.Take(now);
        robots.fetching = true;
        ++host.robots_in_flight;
        ++host.in_flight;
        ++s.in_flight;
        Dispatch dispatch;
        dispatch.kind = Dispatch::Kind::kFetchRobots;
        dispatch.host_key = host.key;
        dispatch.origin = origin;
        s.Reschedule(host);
        return dispatch;
      }
      std::string scratch;
      if (!robots.rules->IsAllowed(RequestTargetOf(url, scratch))) {
        // No request is made, so no in-flight slot and no delay.
        Dispatch dispatch = s.TakeFront(host, Dispatch::Kind::kRobotsDenied, origin);
        if (robots.state == OriginRobots::State::kUnreachable && !robots.unreachable_reason.empty()) {
          dispatch.reason = "robots.txt unreachable (" + robots.unreachable_reason + ")";
          dispatch.failure = robots.unreachable_kind != FailureReason::kNone
                                 ? robots.unreachable_kind
                                 : FailureReason::kRobotsUnreachable;
        }
        s.Reschedule(host);
        return dispatch;
      }
    }
    // The global cap holds back requests, not denials (checked above).
    if (!s.rate.Allows(now)) return std::nullopt;
    s.rate.Take(now);
    Dispatch dispatch = s.TakeFront(host, Dispatch::Kind::kFetchPage, origin);
    ++host.in_flight;
    ++s.in_flight;
    s.Reschedule(host);
    return dispatch;
  }
  return std::nullopt;
}

std::optional<SteadyTime> PolitenessScheduler::NextWakeup() const {
  if (impl_->ready.empty()) return std::nullopt;
  return std::max(impl_->ready.TopTime(), impl_->rate.NextAllowed());
}

void PolitenessScheduler::OnRobotsFetched(std::string_view host_key, std::string_view origin,
                                          const RobotsOutcome& outcome,
                                          const FetchFeedback& feedback) {
  Impl& s = *impl_;
  HostState* host = s.Find(host_key);
  if (host == nullptr) return;  // never dispatched by us: nothing to update
  OriginRobots& robots = s.OriginFor(*host, origin);

  const FetchVerdict verdict = JudgeRobotsFetch(outcome.kind, feedback);
  const SteadyTime now = s.clock.Now();
  std::optional<RobotsRules> rules;
  bool gave_up = false;
  switch (outcome.kind) {
    case RobotsOutcome::Kind::kParsed:
      rules = RobotsRules::Parse(outcome.body, s.options.robots_product_token);
      robots.state = OriginRobots::State::kParsed;
      break;
    case RobotsOutcome::Kind::kUnavailable:  // 4xx: RFC 9309 2.3.1.3
      rules = RobotsRules::AllowAll();
      robots.state = OriginRobots::State::kUnavailable;
      break;
    case RobotsOutcome::Kind::kUnreachable:  // 5xx, 429, network: RFC 9309 2.3.1.4
      if (robots.rules && robots.keep_after_drop) {
        // A refresh failed but rules from an earlier answer exist: RFC 9309
        // 2.4 lets a crawler keep using a cached robots.txt while the fresh
        // one is unreachable, so the pages go on under the old rules and the
        // refresh is retried later (expiry set below, after the back-off).
        ++robots.failed_attempts;
        robots.state = OriginRobots::State::kCached;
        break;
      }
      // Disallow-all while unreachable, but as a wait, not a verdict: the
      // URLs stay queued and robots.txt is asked again once the host's
      // back-off has passed. Only after robots_max_attempts failures in a
      // row are the URLs denied, so a crawl with a dead host can finish.
      if (robots.failed_attempts++ == 0) robots.first_failure = feedback.started;
      // Only a cause the fetch named is shown: an HTTP status or a bare
      // "network error" says nothing that the state does not.
      robots.unreachable_reason = feedback.http_status == 0 ? feedback.failure_reason : "";
      robots.unreachable_kind =
          feedback.http_status == 0 ? feedback.failure : FailureReason::kNone;
      if (KeepAskingRobots(s.options, robots.failed_attempts, feedback,
                           ToSeconds(now - robots.first_failure),
                           s.options.min_delay_seconds +
                               (1 + s.options.backoff_jitter) *
                                   ExponentialSeconds(s.options.backoff_initial_seconds,
                                                      s.options.backoff_max_seconds,
                                                      host->consecutive_failures + 1))) {
        robots.state = OriginRobots::State::kRetrying;
      } else {
        rules = RobotsRules::DisallowAll();
        robots.state = OriginRobots::State::kUnreachable;
        // The verdict is final, whether the cause, the wait bound or
        // robots_max_attempts ended it: the URLs come out denied at once,
        // not after a back-off or a park that would only hold a finished
        // host (the 5th failure in a row parked it for park_seconds, 600 s,
        // before its URLs were denied: the hostile suite's bad certificates).
        gave_up = true;
      }
      break;
  }
  if (rules) {
    robots.rules = std::make_shared<const RobotsRules>(std::move(*rules));
    robots.expires = now + FromSeconds(s.options.robots_ttl_seconds);
    robots.keep_after_drop = outcome.kind != RobotsOutcome::Kind::kUnreachable;
    robots.failed_attempts = 0;
    // Disallow-all for an unreachable robots.txt keeps its cause, whether
    // the wait bound or robots_max_attempts ended the asking (a TLS failure
    // fails fast, so it reaches the attempts first): the URLs are recorded
    // with it instead of as denied by the site's rules.
    if (robots.state != OriginRobots::State::kUnreachable) {
      robots.unreachable_reason.clear();
      robots.unreachable_kind = FailureReason::kNone;
    }
  }
  s.UpdateCrawlDelay(*host);
  if (robots.fetching) {  // only an answer to our own kFetchRobots frees a slot
    robots.fetching = false;
    --host->robots_in_flight;
    --host->in_flight;
    --s.in_flight;
    s.ApplyFeedback(*host, feedback, gave_up ? FetchVerdict{} : verdict);
  }
  if (robots.state == OriginRobots::State::kCached && !rules) {
    // The retry waits past the host's next slot, so at least one page is
    // fetched under the cached rules between two refresh attempts.
    const double retry = std::clamp(ExponentialSeconds(s.options.backoff_initial_seconds,
                                                       s.options.backoff_max_seconds,
                                                       robots.failed_attempts),
                                    1.0, std::max(1.0, s.options.backoff_max_seconds));
    robots.expires = std::max(now, host->next_allowed) + FromSeconds(retry);
  }
  s.Reschedule(*host);
}

void PolitenessScheduler::OnFetchFinished(std::string_view host_key, const FetchFeedback& feedback,
                                          std::string_view origin) {
  Impl& s = *impl_;
  HostState* host = s.Find(host_key);
  // Ignore an answer for which no page fetch is in flight (a caller bug):
  // counting it would let the host exceed its limit later.
  if (host == nullptr || host->in_flight <= host->robots_in_flight) return;
  --host->in_flight;
  --s.in_flight;
  FetchVerdict verdict = JudgePageFetch(feedback);
  if (!origin.empty()) verdict.final = s.NoteRefusal(*host, origin, feedback);
  s.ApplyFeedback(*host, feedback, verdict);
  s.Reschedule(*host);
}

void PolitenessScheduler::Withdraw(const Dispatch& dispatch) {
  Impl& s = *impl_;
  HostState* host = s.Find(dispatch.host_key);
  if (host == nullptr) return;
  if (dispatch.kind == Dispatch::Kind::kFetchRobots) {
    OriginRobots& robots = s.OriginFor(*host, dispatch.origin);
    if (robots.fetching && host->robots_in_flight > 0) {
      robots.fetching = false;
      --host->robots_in_flight;
      --host->in_flight;
      --s.in_flight;
    }
  } else if (dispatch.kind == Dispatch::Kind::kFetchPage &&
             host->in_flight > host->robots_in_flight) {
    --host->in_flight;
    --s.in_flight;
  }
  // The withdrawn URL and the queue after it were loaded from the store
  // (in seq order): the next load starts at the first of them again.
  uint64_t first = dispatch.kind == Dispatch::Kind::kFetchRobots ? 0 : dispatch.url.seq;
  if (!host->queue.empty() && (first == 0 || host->queue.front().seq < first)) {
    first = host->queue.front().seq;
  }
  if (first != 0) host->last_loaded_seq = std::min(host->last_loaded_seq, first - 1);
  host->queue.clear();
  host->store_may_have_more = false;
  s.Reschedule(*host);
}

bool PolitenessScheduler::Idle() const { return impl_->ready.empty() && impl_->in_flight == 0; }

size_t PolitenessScheduler::HostCount() const { return impl_->hosts.size(); }

size_t PolitenessScheduler::InFlight() const { return impl_->in_flight; }

const ErrorLog& PolitenessScheduler::errors() const { return impl_->errors; }

std::vector<HostSnapshot> PolitenessScheduler::Snapshot(size_t max_hosts) const {
  const Impl& s = *impl_;
  std::vector<const HostState*> hosts;
  hosts.reserve(s.hosts.size());
  for (const auto& [key, host] : s.hosts) hosts.push_back(host.get());
  const size_t count = std::min(max_hosts, hosts.size());
  std::partial_sort(hosts.begin(), hosts.begin() + static_cast<ptrdiff_t>(count), hosts.end(),
                    [](const HostState* a, const HostState* b) { return a->key < b->key; });
  hosts.resize(count);

  const SteadyTime now = s.clock.Now();
  std::vector<HostSnapshot> out;
  out.reserve(count);
  for (const HostState* host : hosts) out.push_back(s.MakeSnapshot(*host, now, /*held=*/true));
  return out;
}

}  // namespace nc
