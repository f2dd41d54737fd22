#pragma once
// The synthetic frontier of the scheduler benchmarks (bench_scheduler.cc,
// bench_scheduler_events.cc): kHosts hosts "h<N>.test" with kUrlsPerHost
// pending URLs each, generated on demand so the benchmark measures the
// scheduler, not a store; and their one operation, a dispatch answered at once.

#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "frontier/scheduler.h"

namespace nc::bench {

inline constexpr uint64_t kHosts = 100'000;
inline constexpr uint64_t kUrlsPerHost = 100;

inline std::string HostKey(uint64_t host) {
  std::string key = "h";  // appended, not operator+: GCC 12 warns falsely on "h" + string
  key += std::to_string(host);
  key += ".test";
  return key;
}

// URL k of host h has seq k × kHosts + h + 1: global discovery order
// interleaves the hosts, and each host's seqs increase, as in the store.
class SyntheticSource final : public FrontierSource {
 public:
  Result<std::vector<QueuedUrl>> LoadPending(std::string_view host_key, uint64_t after_seq,
                                             size_t limit) override {
    std::vector<QueuedUrl> out;
    uint64_t host = 0;
    const std::string_view digits = host_key.substr(1, host_key.find('.') - 1);
    std::from_chars(digits.data(), digits.data() + digits.size(), host);
    const uint64_t first = host + 1;
    uint64_t k = after_seq < first ? 0 : (after_seq - first) / kHosts + 1;
    for (; k < kUrlsPerHost && out.size() < limit; ++k) {
      const uint64_t seq = k * kHosts + first;
      out.push_back(
          {seq, "https://" + std::string(host_key) + "/news/" + std::to_string(seq), 1, 0});
    }
    return out;
  }
};

// One operation: Next() returns a fetch (robots.txt or page) and its answer
// is given right away (robots.txt parses as `robots_txt`); when nothing is
// due the clock jumps to the wakeup, counted in `clock_jumps`. False when
// nothing is left to do.
inline bool DispatchAndAnswer(PolitenessScheduler& scheduler, ManualClock& clock,
                              const std::string& robots_txt, int64_t& clock_jumps) {
  std::optional<Dispatch> d = scheduler.Next();
  while (!d) {
    const std::optional<SteadyTime> wakeup = scheduler.NextWakeup();
    if (!wakeup) return false;
    clock.Set(*wakeup);
    ++clock_jumps;
    d = scheduler.Next();
  }
  const SteadyTime now = clock.Now();
  FetchFeedback feedback;
  feedback.started = feedback.finished = now;
  feedback.http_status = 200;
  if (d->kind == Dispatch::Kind::kFetchRobots) {
    scheduler.OnRobotsFetched(d->host_key, d->origin, {RobotsOutcome::Kind::kParsed, robots_txt},
                              feedback);
  } else if (d->kind == Dispatch::Kind::kFetchPage) {
    scheduler.OnFetchFinished(d->host_key, feedback);
  }
  benchmark::DoNotOptimize(d);
  return true;
}

// The timed loop: one `step()` per iteration. False, with the benchmark
// marked failed, when the steps ran out before the iterations did.
template <typename Step>
bool TimeSteps(benchmark::State& state, Step& step) {
  for (auto _ : state) {
    if (!step()) {
      state.SkipWithError("ran out of URLs");
      return false;
    }
  }
  state.SetItemsProcessed(state.iterations());
  return true;
}

}  // namespace nc::bench
