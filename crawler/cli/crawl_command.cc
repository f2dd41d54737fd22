// `newscrawl crawl` and `newscrawl resume`: the job itself is
// crawler/crawl_job.h; this file turns its outcome into lines and exit codes.
#include <cstdio>
#include <iostream>
#include <map>
#include <string>

#include "common/clock.h"
#include "common/enum_table.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/crawl_job.h"
#include "crawler/extract/css_selector_roles.h"
#include "crawler/fetch/open_file_limit.h"
#include "storage/store.h"

namespace nc {
namespace {

const char* EndName(CrawlOutcome::End end) {
  using End = CrawlOutcome::End;
  static constexpr auto kNames = MakeEnumNames<End>({{End::kFinished, "finished"},
                                                     {End::kPageLimit, "page limit reached"},
                                                     {End::kInterrupted, "interrupted"}});
  return kNames.Get(end, "finished");
}

// -v: what the pipeline waited on (tests/bench/README.md, "Session 12 (branch perfrss)").
void PrintPipeline(const CrawlProgress& p) {
  const WorkerBacklog::Counters& b = p.backlog;
  std::fprintf(
      stderr,
      "newscrawl: worker backlog: fetching held %llu time(s) for %.2fs in all "
      "(%.1f bodies waiting per hold), at most %zu bodies (%.1f MB) waiting; "
      "a worker had nothing queued for %.2fs\n",
      static_cast<unsigned long long>(b.holds), b.held_seconds,
      b.holds > 0 ? static_cast<double>(b.pages_at_holds) / static_cast<double>(b.holds) : 0.0,
      b.peak_pages, static_cast<double>(b.peak_bytes) / 1e6, b.starved_seconds);
  const CrawlProgress::DispatcherWaits& w = p.waits;
  std::fprintf(stderr,
               "newscrawl: dispatcher waited %.2fs at the connection bound, %.2fs for commits "
               "(pages outstanding), %.2fs for the worker backlog, %.2fs for the scheduler\n",
               w.connections, w.outstanding, w.backlog, w.scheduler);
}

void PrintSummary(const CrawlOutcome& outcome, const std::string& store_dir, bool verbose) {
  const CrawlProgress& p = outcome.progress;
  std::fprintf(stderr,
               "newscrawl: %s after %.1fs: %llu fetched, %llu errors, %llu robots-denied, "
               "%llu URLs queued this run\n",
               EndName(outcome.end), p.elapsed_seconds, static_cast<unsigned long long>(p.fetched),
               static_cast<unsigned long long>(p.errors),
               static_cast<unsigned long long>(p.robots_denied),
               static_cast<unsigned long long>(p.enqueued));
  if (p.selector_fallbacks > 0) {
    std::fprintf(stderr, "newscrawl: %llu page(s) of [[site]] hosts kept heuristic link roles "
                 "(their links could not be aligned with the CSS selector engine's)\n",
                 static_cast<unsigned long long>(p.selector_fallbacks));
  }
  if (p.watched_pages > 0) {
    std::fprintf(stderr,
                 "newscrawl: watched %llu page(s): %llu re-poll(s), %llu not modified\n",
                 static_cast<unsigned long long>(p.watched_pages),
                 static_cast<unsigned long long>(p.repolls),
                 static_cast<unsigned long long>(p.not_modified));
  }
  if (!p.failures.empty()) {
    std::string counts;
    for (const auto& [label, n] : p.failures) {
      counts += (counts.empty() ? "" : ", ") + label + " " + std::to_string(n);
    }
    std::fprintf(stderr, "newscrawl: failed URLs by reason: %s (list them: newscrawl status "
                 "--failed --store %s)\n", counts.c_str(), store_dir.c_str());
  }
  if (verbose) PrintPipeline(p);
  PrintSchedulerErrors(outcome.scheduler_errors);
  if (outcome.end == CrawlOutcome::End::kInterrupted) {
    std::fprintf(stderr, "newscrawl: resume with: newscrawl resume --store %s\n", store_dir.c_str());
  } else if (outcome.end == CrawlOutcome::End::kPageLimit && outcome.urls_left) {
    std::fprintf(stderr,
                 "newscrawl: URLs are still queued; continue with: newscrawl resume --store %s "
                 "--max-pages N (N above the pages fetched so far)\n",
                 store_dir.c_str());
  }
}

// Prints why a job did not run or ended early; returns its exit code.
int ReportJobError(const Error& error, const std::string& store_dir) {
  std::cerr << "newscrawl: " << error.message << "\n";
  // A failed commit (full store or disk, I/O error) or a failure inside the
  // engine stopped the job; each batch is one transaction, so the store
  // holds every earlier commit.
  if (error.code.starts_with("store.") || error.code == "crawl.internal") {
    std::fprintf(stderr,
                 "newscrawl: stopped; the store keeps everything committed. "
                 "resume with: newscrawl resume --store %s\n",
                 store_dir.c_str());
  }
  return ExitCodeFor(error);
}

}  // namespace

// Shared by crawl and resume (and their cluster forms), on the writer's open
// of the store.
int RunJobAndReport(const CrawlConfig& config, storage::Store& store, const std::string& store_dir,
                    const ObserveFlags& observe, ClusterFeed* cluster) {
  SystemClock clock;
  auto observer = JobObserver::Start(observe, store_dir, clock);
  if (!observer.ok()) {
    std::cerr << "newscrawl: " << observer.error().message << "\n";
    return ExitCodeFor(observer.error());
  }
  // As nginx and Go do: the soft open-file limit up to the hard one, so the
  // default socket bound can keep a connection per host of a polite crawl.
  const OpenFileLimitChange files = RaiseOpenFileLimit();
  if (!files.error.empty()) {
    std::cerr << "newscrawl: open files limit stays at " << files.before << ": " << files.error
              << "\n";
  } else if (observe.verbose > 0 && files.after != files.before) {
    std::cerr << "newscrawl: open files limit raised from " << files.before << " to "
              << files.after << "\n";
  }
  JobRunOptions options;
  // --no-observe: the baseline of tests/bench/bench_observe_overhead.sh.
  if (!observe.off) (*observer)->Fill(options);
  options.cluster = cluster;
  auto outcome = RunCrawlJob(config, store, clock, std::move(options));
  (*observer)->Finish();
  if (!outcome.ok()) return ReportJobError(outcome.error(), store_dir);
  PrintSummary(*outcome, store_dir, observe.verbose > 0);
  if (outcome->end == CrawlOutcome::End::kInterrupted) return kExitInterrupted;
  if (std::string why = WhyNoSeedWasFetched(config, store); !why.empty()) {
    std::cerr << "newscrawl: no seed could be fetched: " << why << "\n";
    return kExitFailure;
  }
  return kExitOk;
}

namespace {

// Refuses a config a crawl cannot start from; returns 0 or the exit code.
int CheckRunnableConfig(const CrawlConfig& config) {
  if (Status s = ValidateConfig(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  // A [[site]] selector is checked here too, not first by the page processor
  // once the store exists: a bad config leaves no store behind.
  if (!config.sites.empty()) {
    if (auto roles = CssSelectorRoles::Create(config.sites); !roles.ok()) {
      std::cerr << "newscrawl: " << roles.error().message << "\n";
      return kExitUsage;
    }
  }
  return kExitOk;
}

}  // namespace

int ExitCodeFor(const Error& error) {
  return error.code.starts_with("config.") ? kExitUsage : kExitFailure;
}

void PrintSchedulerErrors(const ErrorLog& errors) {
  if (errors.empty()) return;
  std::fprintf(stderr,
               "newscrawl: store reads that failed during the crawl (hosts parked or "
               "started afresh): %s\n",
               errors.Summary().c_str());
}

int RunCrawl(const CrawlConfig& config, const std::string& store_dir, const ObserveFlags& observe) {
  if (int code = CheckRunnableConfig(config); code != kExitOk) return code;
  if (config.seeds.empty()) {
    std::cerr << "newscrawl: crawl needs at least one --seed URL (or crawl.seeds in --config)\n";
    return kExitUsage;
  }
  // A rejected seed leaves no store behind.
  if (Status s = CheckSeeds(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  auto store = OpenJobStore(store_dir, storage::OpenMode::kOpenOrCreate, config);
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  return RunJobAndReport(config, **store, store_dir, observe);
}

int RunResume(const std::string& store_dir, const ObserveFlags& observe,
              const std::function<void(CrawlConfig&)>& apply_overrides) {
  auto config = LoadJobConfig(store_dir);
  if (!config.ok()) {
    std::cerr << "newscrawl: " << config.error().message << "\n";
    return kExitFailure;
  }
  apply_overrides(*config);
  if (int code = CheckRunnableConfig(*config); code != kExitOk) return code;
  auto store = OpenJobStore(store_dir, storage::OpenMode::kOpenExisting, *config);
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  return RunJobAndReport(*config, **store, store_dir, observe);
}

}  // namespace nc
