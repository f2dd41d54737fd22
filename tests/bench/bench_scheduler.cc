// PolitenessScheduler alone: operations per second with 100,000 hosts and
// 10 million pending URLs, and the process's peak memory (ru_maxrss).
//
// The pending URLs live in a synthetic FrontierSource that makes them up on
// demand from (host, seq), the way LMDB would hand them out, so the only URL
// strings in memory are the ones the scheduler itself holds (at most
// queue_per_host per host). Time comes from a ManualClock moved to each
// wakeup, so the figures are CPU cost, not politeness delays.
//
// Run one benchmark per process to read its own peak RSS:
//   bench_scheduler --benchmark_filter=BM_NextAndFinish/64
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <charconv>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.h"
#include "frontier/scheduler.h"
#include "tests/bench/synthetic_frontier.h"

namespace nc::bench {
namespace {

constexpr benchmark::IterationCount kTotalUrls = kHosts * kUrlsPerHost;  // 10 million

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: KiB
}

SchedulerOptions BenchOptions(int64_t queue_per_host, bool obey_robots) {
  SchedulerOptions options;
  options.min_delay_seconds = 1.0;
  options.queue_per_host = static_cast<size_t>(queue_per_host);
  options.obey_robots = obey_robots;
  options.remembered_hosts = 4096;
  return options;
}

// One operation: bench::DispatchAndAnswer.
// Every host starts with its URLs in the store (AddStoredHost, as on resume).
// One untimed pass over all hosts first, so the timed loop measures the
// steady state (refills every queue_per_host fetches) rather than each
// host's first robots.txt and first load.
void RunNextAndFinish(benchmark::State& state, bool obey_robots) {
  ManualClock clock;
  clock.Set(SteadyTime(std::chrono::hours(1)));
  SyntheticSource source;
  PolitenessScheduler scheduler(BenchOptions(state.range(0), obey_robots), clock, source);
  for (uint64_t h = 0; h < kHosts; ++h) scheduler.AddStoredHost(HostKey(h));

  int64_t clock_jumps = 0;
  const std::string robots_txt = "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n";
  const auto step = [&] {
    return bench::DispatchAndAnswer(scheduler, clock, robots_txt, clock_jumps);
  };
  for (uint64_t i = 0; i < (obey_robots ? 2 : 1) * kHosts; ++i) step();

  if (!bench::TimeSteps(state, step)) return;
  state.counters["hosts"] = static_cast<double>(scheduler.HostCount());
  state.counters["clock_jumps"] = static_cast<double>(clock_jumps);
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

void BM_NextAndFinish(benchmark::State& state) { RunNextAndFinish(state, false); }
void BM_NextAndFinishWithRobots(benchmark::State& state) { RunNextAndFinish(state, true); }

// One operation: Enqueue() of a newly committed URL, round-robin over the
// hosts, 10 million in all (100 per host). The first queue_per_host URLs of
// a host go to its memory queue; later ones only mark the store as holding
// more, as in a crawl that discovers faster than it fetches.
void BM_Enqueue(benchmark::State& state) {
  ManualClock clock;
  clock.Set(SteadyTime(std::chrono::hours(1)));
  SyntheticSource source;
  PolitenessScheduler scheduler(BenchOptions(state.range(0), false), clock, source);
  std::vector<std::string> keys;
  keys.reserve(kHosts);
  for (uint64_t h = 0; h < kHosts; ++h) keys.push_back(HostKey(h));

  uint64_t seq = 0;
  for (auto _ : state) {
    ++seq;
    const uint64_t host = (seq - 1) % kHosts;
    const std::string& key = keys[host];
    scheduler.Enqueue(key, {seq, "https://" + key + "/news/" + std::to_string(seq), 1, 0});
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["hosts"] = static_cast<double>(scheduler.HostCount());
  state.counters["peak_rss_MiB"] = PeakRssMiB();
}

// 3 million operations: 30 fetches per host, so every queue is refilled.
BENCHMARK(BM_NextAndFinish)
    ->Arg(1)
    ->Arg(16)
    ->Arg(64)
    ->Iterations(3'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_NextAndFinishWithRobots)
    ->Arg(64)
    ->Iterations(3'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Enqueue)->Arg(16)->Arg(64)->Iterations(kTotalUrls)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace nc::bench

BENCHMARK_MAIN();
