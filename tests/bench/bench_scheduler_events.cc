// The cost of the scheduler's host events (SchedulerObserver), which replaced
// the crawl engine's 250 ms scan of every host: the same Next()/answer loop
// as bench_scheduler's BM_NextAndFinish (100,000 hosts, URLs made up on
// demand, ManualClock), without an observer and with one that does what the
// engine does (keeps a row per host for at most 1,000 hosts, in a std::map).
// The difference per operation is what the events cost the network thread.
//
//   bench_scheduler_events --benchmark_filter=Observed
#include <benchmark/benchmark.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "frontier/scheduler.h"
#include "tests/bench/synthetic_frontier.h"

namespace nc::bench {
namespace {

constexpr size_t kMaxRows = 1000;  // kHostSnapshotMaxHosts

// What CrawlEngine::Impl does with the events (crawler/crawl_host_snapshot.cc).
class RowKeeper final : public SchedulerObserver {
 public:
  void OnHostSnapshot(const HostSnapshot& snapshot) override {
    ++events;
    auto it = rows.find(snapshot.host_key);
    if (it == rows.end()) {
      if (rows.size() >= kMaxRows) return;
      it = rows.emplace(snapshot.host_key, HostSnapshot{}).first;
    }
    it->second = snapshot;
  }
  std::map<std::string, HostSnapshot, std::less<>> rows;
  int64_t events = 0;
};

void Run(benchmark::State& state, bool observed) {
  ManualClock clock;
  clock.Set(SteadyTime(std::chrono::hours(1)));
  SyntheticSource source;
  SchedulerOptions options;
  options.queue_per_host = 64;
  options.obey_robots = true;
  PolitenessScheduler scheduler(options, clock, source);
  RowKeeper keeper;
  if (observed) scheduler.SetObserver(&keeper);
  for (uint64_t h = 0; h < kHosts; ++h) scheduler.AddStoredHost(HostKey(h));

  const std::string robots_txt = "User-agent: *\nCrawl-delay: 1\n";
  int64_t clock_jumps = 0;
  const auto step = [&] {
    return bench::DispatchAndAnswer(scheduler, clock, robots_txt, clock_jumps);
  };
  for (uint64_t i = 0; i < 2 * kHosts; ++i) step();  // first robots.txt and load of each host
  const int64_t events_before = keeper.events;

  if (!bench::TimeSteps(state, step)) return;
  state.counters["events_per_op"] =
      static_cast<double>(keeper.events - events_before) / static_cast<double>(state.iterations());
  state.counters["rows"] = static_cast<double>(keeper.rows.size());
}

void BM_NextAndFinish_Unobserved(benchmark::State& state) { Run(state, false); }
void BM_NextAndFinish_Observed(benchmark::State& state) { Run(state, true); }

BENCHMARK(BM_NextAndFinish_Unobserved)->Iterations(2'000'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NextAndFinish_Observed)->Iterations(2'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nc::bench

BENCHMARK_MAIN();
