// `newscrawl crawl` and `newscrawl resume`.
#include <cstdio>
#include <iostream>

#include "common/clock.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/crawl_engine.h"
#include "crawler/job_host_key.h"
#include "storage/store.h"

namespace nc {
namespace {

void PrintProgress(const CrawlProgress& p) {
  std::fprintf(stderr,
               "[%6.1fs] fetched %llu (errors %llu, robots-denied %llu)  committed %llu  "
               "queued +%llu  in flight %zu  hosts %zu  %.1f MB\n",
               p.elapsed_seconds, static_cast<unsigned long long>(p.fetched),
               static_cast<unsigned long long>(p.errors),
               static_cast<unsigned long long>(p.robots_denied),
               static_cast<unsigned long long>(p.committed),
               static_cast<unsigned long long>(p.enqueued), p.in_flight, p.hosts,
               static_cast<double>(p.bytes) / 1e6);
}

// Runs the engine on an open store and prints how it ended.
int RunJob(const CrawlConfig& config, storage::Store& store, const std::string& store_dir,
           bool quiet) {
  SystemClock clock;
  CrawlEngine engine(config, store, clock,
                     quiet ? std::function<void(const CrawlProgress&)>() : PrintProgress);
  auto outcome = engine.Run(/*handle_signals=*/true);
  if (!outcome.ok()) {
    std::cerr << "newscrawl: " << outcome.error().message << "\n";
    const bool usage = outcome.error().code.rfind("config.", 0) == 0;
    // A failed commit (full store or disk, I/O error) stopped the job; each
    // batch is one transaction, so the store holds every earlier commit.
    if (outcome.error().code.rfind("store.", 0) == 0) {
      std::fprintf(stderr, "newscrawl: stopped; the store keeps everything committed. "
                           "resume with: newscrawl resume --store %s\n", store_dir.c_str());
    }
    return usage ? kExitUsage : kExitFailure;
  }
  const CrawlProgress& p = outcome->progress;
  std::fprintf(stderr, "newscrawl: %s after %.1fs: %llu fetched, %llu errors, %llu robots-denied, "
               "%llu URLs queued this run\n",
               outcome->end == CrawlOutcome::End::kInterrupted ? "interrupted"
               : outcome->end == CrawlOutcome::End::kPageLimit ? "page limit reached"
                                                               : "finished",
               p.elapsed_seconds, static_cast<unsigned long long>(p.fetched),
               static_cast<unsigned long long>(p.errors),
               static_cast<unsigned long long>(p.robots_denied),
               static_cast<unsigned long long>(p.enqueued));
  if (p.selector_fallbacks > 0) {
    std::fprintf(stderr, "newscrawl: %llu page(s) of [[site]] hosts kept heuristic link roles "
                 "(their links could not be aligned with the CSS selector engine's)\n",
                 static_cast<unsigned long long>(p.selector_fallbacks));
  }
  if (outcome->end == CrawlOutcome::End::kInterrupted) {
    std::fprintf(stderr, "newscrawl: resume with: newscrawl resume --store %s\n", store_dir.c_str());
  }
  return kExitOk;
}

storage::OpenOptions WriterOptions(const CrawlConfig& config) {
  storage::OpenOptions options;
  options.max_map_mib = config.max_store_mib;
  options.sync = config.sync;
  return options;
}

// Shared by crawl and resume, on the writer's open of the store: the host
// key mode is checked before the config is overwritten, so a refused run
// leaves the job as it was (a job that never recorded its mode gets it
// recorded here); then the run's config is recorded and the job runs.
int RecordConfigAndRunJob(const CrawlConfig& config, storage::Store& store,
                          const std::string& store_dir, bool quiet) {
  if (Status s = CheckJobHostKeyMode(store, config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  if (Status s = store.PutMeta("config", ConfigToToml(config)); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitFailure;
  }
  return RunJob(config, store, store_dir, quiet);
}

}  // namespace

int RunCrawl(const CrawlConfig& config, const std::string& store_dir, bool quiet) {
  if (Status s = ValidateConfig(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  if (config.seeds.empty()) {
    std::cerr << "newscrawl: crawl needs at least one --seed URL (or crawl.seeds in --config)\n";
    return kExitUsage;
  }
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenOrCreate, WriterOptions(config));
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  return RecordConfigAndRunJob(config, **store, store_dir, quiet);
}

int RunResume(const std::string& store_dir, bool quiet,
              const std::function<void(CrawlConfig&)>& apply_overrides) {
  // The job's config is read with a read-only open first: the writer's open
  // needs its storage options (max_store_mib, sync), which may be overridden.
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting,
                                    storage::OpenOptions{.read_only = true});
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  auto text = (*store)->GetMeta("config");
  if (!text.ok() || !*text) {
    std::cerr << "newscrawl: store " << store_dir << ": no job config recorded; start it with crawl\n";
    return kExitFailure;
  }
  CrawlConfig config;
  if (Status s = LoadConfigText(**text, store_dir + " (stored config)", config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitFailure;
  }
  apply_overrides(config);
  if (Status s = ValidateConfig(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  store->reset();
  store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting, WriterOptions(config));
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  return RecordConfigAndRunJob(config, **store, store_dir, quiet);
}

}  // namespace nc
