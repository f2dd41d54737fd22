#pragma once
// A crawl job's life in its store, the one path of `crawl`, `resume` and
// `demo`: open the store as the job's writer, read the config the job
// recorded, check the host key mode, record this run's config, run the
// engine. A job is one store; what identifies it lives in store meta under
// the keys named in storage/schema.h (config, host_key, job_state).
//
// The host key mode ([politeness] host_key) is fixed for the life of a job:
// the durable frontier stores pending URLs under their host key, so a run
// with another mode would look for them under keys they are not stored
// under, and split one server's budget between old and new keys. The first
// run records the mode; later runs (resume, or crawl on an existing store)
// with another mode are refused with a message that says how to go on. A
// crawl without --host-key asks for "host" (the config default); a resume
// without it keeps the job's recorded mode. Stores made before the option
// existed were keyed by host name.
//
// Main thread only: RunCrawlJob blocks it while the engine runs.

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/result.h"
#include "config/crawl_config.h"
#include "crawler/crawl_engine.h"
#include "storage/store.h"

namespace nc {

// The writer's open options for a run with `config` (max_store_mib, sync).
storage::OpenOptions JobStoreOptions(const CrawlConfig& config);

// Opens `store_dir` as the writer of a job run with `config`.
Result<std::unique_ptr<storage::Store>> OpenJobStore(const std::string& store_dir,
                                                     storage::OpenMode mode,
                                                     const CrawlConfig& config);

// The config the job in `store` recorded; nullopt when it recorded none (no
// crawl ran in it). A recorded config that does not parse is a
// "store.config" error naming `store_dir`.
Result<std::optional<CrawlConfig>> ReadJobConfig(const storage::Store& store,
                                                 const std::string& store_dir);

// resume: the recorded config of the job in `store_dir`, read with a
// read-only open (the writer's open needs the config's storage options).
// No recorded config is a "store.no_job" error.
Result<CrawlConfig> LoadJobConfig(const std::string& store_dir);

// Ok when `config.host_key` is the job's mode (recording it on a new job);
// else a "config.host_key" error naming both modes.
Status CheckJobHostKeyMode(storage::Store& store, const CrawlConfig& config);

struct JobRunOptions {
  // Called about once a second on the network thread; may be empty.
  std::function<void(const CrawlProgress&)> on_progress = {};
  // SIGINT/SIGTERM stop the crawl gracefully (the command line); tests pass false.
  bool handle_signals = true;
  // Optional: the crawl's figures for the progress line, metrics and the
  // status page (CrawlEngine::SetStats); must outlive the run.
  observe::CrawlStats* stats = nullptr;
  // How often on_progress is called (the TTY progress line: a few a second).
  Duration progress_interval = std::chrono::seconds(1);
  // Optional: run as a node of a cluster job (CrawlEngine::SetCluster); must
  // outlive the run.
  ClusterFeed* cluster = nullptr;
};

// Runs a job on its writer's open of the store: the host key mode is
// checked before the recorded config is overwritten, so a refused run
// leaves the job as it was; then `config` is recorded and the engine runs
// to its end. Errors: "config.*" (the run's config; a usage error), "store.*"
// (the store failed; everything committed before stays), "crawl.internal"
// (a failure inside the engine ended the crawl; as for store errors).
Result<CrawlOutcome> RunCrawlJob(const CrawlConfig& config, storage::Store& store,
                                 const Clock& clock, JobRunOptions options);

// After a run: "" when a seed of `config` was fetched (or is still to be);
// otherwise why none was, by reason, e.g. "1 seed host did not resolve:
// x.invalid" or "2 seeds failed with connect-refused: URL, URL" (the
// command line then exits 1).
std::string WhyNoSeedWasFetched(const CrawlConfig& config, storage::Store& store);

// Before a store is made: every seed parses as an http(s) URL. A "config.seed"
// error names the seed, and a seed written without a scheme gets a
// suggestion: "seed 'www.site.test/': ...; did you mean http://www.site.test/?"
Status CheckSeeds(const CrawlConfig& config);

}  // namespace nc
