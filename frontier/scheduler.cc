#include "frontier/scheduler.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <unordered_map>
#include <utility>

#include "frontier/host_heap.h"
#include "frontier/host_memo.h"
#include "frontier/host_state.h"

namespace nc {
namespace {

// Where the origin ends and the path starts: scheme://host[:port] | /path?query.
// Canonical URLs always have a path, so "/" is the usual answer; '?' and '#'
// are accepted as ends of the authority too so a stray URL cannot make the
// origin swallow its query.
size_t AuthorityEnd(std::string_view url) {
  const size_t scheme_end = url.find("://");
  const size_t start = scheme_end == std::string_view::npos ? 0 : scheme_end + 3;
  return std::min(url.find_first_of("/?#", start), url.size());
}

std::string_view OriginOf(std::string_view url) { return url.substr(0, AuthorityEnd(url)); }

// Path and query as the request line sends them. Returns a view into `url`
// when possible; `scratch` holds the rare result that needs a leading '/'.
std::string_view RequestTargetOf(std::string_view url, std::string& scratch) {
  std::string_view target = url.substr(AuthorityEnd(url));
  target = target.substr(0, target.find('#'));
  if (target.empty()) return "/";
  if (target.front() == '/') return target;
  scratch.assign("/").append(target);
  return scratch;
}

// Options with out-of-range values replaced by the nearest sane value, so the
// arithmetic below never meets NaN, negative delays, durations that overflow
// steady_clock, or a zero limit.
SchedulerOptions Sanitized(SchedulerOptions o) {
  static constexpr double kMaxSeconds = 1e9;  // ~31 years
  const auto non_negative = [](double x) {
    return std::isfinite(x) && x > 0 ? std::min(x, kMaxSeconds) : 0.0;
  };
  o.min_delay_seconds = non_negative(o.min_delay_seconds);
  o.max_crawl_delay_seconds = non_negative(o.max_crawl_delay_seconds);
  o.max_retry_after_seconds = non_negative(o.max_retry_after_seconds);
  o.robots_ttl_seconds = non_negative(o.robots_ttl_seconds);
  o.max_in_flight_per_host = std::max<uint32_t>(o.max_in_flight_per_host, 1);
  o.queue_per_host = std::max<size_t>(o.queue_per_host, 1);
  return o;
}

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

struct PolitenessScheduler::Impl {
  Impl(SchedulerOptions o, const Clock& c, FrontierSource& s)
      : options(Sanitized(std::move(o))),
        clock(c),
        source(s),
        ready(&HostState::ready_slot),
        cooling(&HostState::cooling_slot),
        memo(options.remembered_hosts) {}

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
  void ApplyFeedback(HostState& host, const FetchFeedback& feedback);
  Dispatch TakeFront(HostState& host, Dispatch::Kind kind, std::string_view origin);

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
  std::vector<Error> errors;
};

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
      if (const auto delay = origin.rules->crawl_delay()) {
        host.crawl_delay_seconds = std::max(host.crawl_delay_seconds, *delay);
      }
      host.origins.push_back(std::move(origin));
    }
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
    return;
  }
  ready.Remove(host);
  if (has_work || host.in_flight > 0 || host.parked) {
    cooling.Remove(host);
  } else if (host.next_allowed > clock.Now()) {
    cooling.Set(host, host.next_allowed);
  } else {
    Drop(host);
  }
}

void PolitenessScheduler::Impl::Drop(HostState& host) {
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
    // TODO(politeness back-off issue): retry the read later instead of
    // parking the host for the rest of the run.
    errors.push_back(MakeError(
        loaded.error().code, "frontier: loading pending URLs of host '" + host.key +
                                 "' failed; host parked for this run: " + loaded.error().message));
    host.parked = true;
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

void PolitenessScheduler::Impl::ApplyFeedback(HostState& host, const FetchFeedback& feedback) {
  if (feedback.finished >= feedback.started) {
    host.last_response_time = feedback.finished - feedback.started;
  }
  // The delay runs from the END of the response, so a slow server is not hit
  // again the moment it finally answers.
  const double crawl_delay = std::min(host.crawl_delay_seconds, options.max_crawl_delay_seconds);
  SteadyTime next =
      feedback.finished + FromSeconds(std::max(options.min_delay_seconds, crawl_delay));
  const bool asks_to_wait = feedback.http_status == 429 || feedback.http_status == 503;
  if (asks_to_wait && feedback.retry_after_seconds) {
    double retry_after = *feedback.retry_after_seconds;
    if (!std::isfinite(retry_after) || retry_after < 0) retry_after = 0;
    retry_after = std::min(retry_after, options.max_retry_after_seconds);
    next = std::max(next, feedback.finished + FromSeconds(retry_after));
  }
  // TODO(politeness back-off issue): exponential back-off with jitter after
  // 5xx, 429/503 without Retry-After and network errors (http_status 0),
  // reset on success; park a host that keeps failing, with the reason in
  // errors(); add adaptive_factor x last_response_time to the delay (DESIGN.md).
  host.next_allowed = std::max(host.next_allowed, next);
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
  HostState& host = impl_->FindOrCreate(host_key);
  host.store_may_have_more = true;
  impl_->Reschedule(host);
}

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
    if (s.options.obey_robots) {
      OriginRobots& robots = s.OriginFor(host, origin);
      if (robots.fetching) {  // cannot happen: such a host is not in the heap
        s.ready.Remove(host);
        continue;
      }
      if (!robots.rules || robots.expires <= now) {
        // robots.txt before any page of the origin; it is a request like
        // any other for the host's politeness, and the pages wait for it.
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
        s.Reschedule(host);
        return dispatch;
      }
    }
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
  return impl_->ready.TopTime();
}

void PolitenessScheduler::OnRobotsFetched(std::string_view host_key, std::string_view origin,
                                          RobotsOutcome outcome, const FetchFeedback& feedback) {
  Impl& s = *impl_;
  HostState* host = s.Find(host_key);
  if (host == nullptr) return;  // never dispatched by us: nothing to update
  OriginRobots& robots = s.OriginFor(*host, origin);

  RobotsRules rules;
  switch (outcome.kind) {
    case RobotsOutcome::Kind::kParsed:
      rules = RobotsRules::Parse(outcome.body, s.options.robots_product_token);
      break;
    case RobotsOutcome::Kind::kUnavailable:  // 4xx: RFC 9309 2.3.1.3
      rules = RobotsRules::AllowAll();
      break;
    case RobotsOutcome::Kind::kUnreachable:  // 5xx, network: RFC 9309 2.3.1.4
      // TODO(politeness back-off issue): keep the host's URLs waiting and
      // retry robots.txt with back-off (RFC 9309: after 30 days unreachable,
      // may treat as unavailable). For now every URL of the origin comes out
      // as kRobotsDenied so the crawl can finish.
      rules = RobotsRules::DisallowAll();
      break;
  }
  robots.rules = std::make_shared<const RobotsRules>(std::move(rules));
  robots.expires = s.clock.Now() + FromSeconds(s.options.robots_ttl_seconds);
  robots.keep_after_drop = outcome.kind != RobotsOutcome::Kind::kUnreachable;

  host->crawl_delay_seconds = 0;
  for (const OriginRobots& known : host->origins) {
    if (known.rules && known.rules->crawl_delay()) {
      host->crawl_delay_seconds = std::max(host->crawl_delay_seconds, *known.rules->crawl_delay());
    }
  }
  if (robots.fetching) {  // only an answer to our own kFetchRobots frees a slot
    robots.fetching = false;
    --host->robots_in_flight;
    --host->in_flight;
    --s.in_flight;
    s.ApplyFeedback(*host, feedback);
  }
  s.Reschedule(*host);
}

void PolitenessScheduler::OnFetchFinished(std::string_view host_key,
                                          const FetchFeedback& feedback) {
  Impl& s = *impl_;
  HostState* host = s.Find(host_key);
  // Ignore an answer for which no page fetch is in flight (a caller bug):
  // counting it would let the host exceed its limit later.
  if (host == nullptr || host->in_flight <= host->robots_in_flight) return;
  --host->in_flight;
  --s.in_flight;
  s.ApplyFeedback(*host, feedback);
  s.Reschedule(*host);
}

bool PolitenessScheduler::Idle() const { return impl_->ready.empty() && impl_->in_flight == 0; }

size_t PolitenessScheduler::HostCount() const { return impl_->hosts.size(); }

size_t PolitenessScheduler::InFlight() const { return impl_->in_flight; }

const std::vector<Error>& PolitenessScheduler::errors() const { return impl_->errors; }

}  // namespace nc
