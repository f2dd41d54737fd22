#include "crawler/crawl_job.h"

#include <map>
#include <vector>

#include "frontier/url.h"
#include "storage/schema.h"

namespace nc {

namespace schema = storage::schema;

storage::OpenOptions JobStoreOptions(const CrawlConfig& config) {
  storage::OpenOptions options;
  options.max_map_mib = config.max_store_mib;
  options.sync = config.sync;
  return options;
}

Result<std::unique_ptr<storage::Store>> OpenJobStore(const std::string& store_dir,
                                                     storage::OpenMode mode,
                                                     const CrawlConfig& config) {
  return storage::Store::Open(store_dir, mode, JobStoreOptions(config));
}

Result<std::optional<CrawlConfig>> ReadJobConfig(const storage::Store& store,
                                                 const std::string& store_dir) {
  auto text = store.GetMeta(schema::kConfigKey);
  if (!text.ok()) return text.error();
  if (!*text) return std::optional<CrawlConfig>();
  CrawlConfig config;
  if (Status s = LoadConfigText(**text, "recorded config", config); !s.ok()) {
    return MakeError(
        "store.config",
        "store " + store_dir + ": the job's recorded config does not parse: " + s.error().message);
  }
  return std::optional<CrawlConfig>(std::move(config));
}

Result<CrawlConfig> LoadJobConfig(const std::string& store_dir) {
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting,
                                    storage::OpenOptions{.read_only = true});
  if (!store.ok()) return store.error();
  auto config = ReadJobConfig(**store, store_dir);
  if (!config.ok()) return config.error();
  if (!*config) {
    return MakeError("store.no_job",
                     "store " + store_dir + ": no job config recorded; start it with crawl");
  }
  return std::move(**config);
}

Status CheckJobHostKeyMode(storage::Store& store, const CrawlConfig& config) {
  auto recorded = store.GetMeta(schema::kHostKeyModeKey);
  if (!recorded.ok()) return recorded.error();
  const std::string_view mode = ModeName(config.host_key);
  std::string job_mode;
  if (*recorded) {
    job_mode = **recorded;
  } else {
    auto stats = store.Stats();
    if (!stats.ok()) return stats.error();
    // A store with URLs but no recorded mode predates host_key: host names.
    if (stats->urls_known == 0) return store.PutMeta(schema::kHostKeyModeKey, mode);
    job_mode = "host";
  }
  if (job_mode == mode) return Status::Ok();
  return MakeError("config.host_key",
                   "this store's job keys politeness by host_key \"" + job_mode +
                       "\" (its frontier is stored by that key), not \"" + std::string(mode) +
                       "\": continue it with --host-key " + job_mode +
                       " (resume without --host-key uses it), or crawl into a new store");
}

Result<CrawlOutcome> RunCrawlJob(const CrawlConfig& config, storage::Store& store,
                                 const Clock& clock, JobRunOptions options) {
  if (Status s = CheckJobHostKeyMode(store, config); !s.ok()) return s.error();
  if (Status s = store.PutMeta(schema::kConfigKey, ConfigToToml(config)); !s.ok()) {
    return s.error();
  }
  CrawlEngine engine(config, store, clock, std::move(options.on_progress));
  engine.SetStats(options.stats);
  engine.SetProgressInterval(options.progress_interval);
  engine.SetCluster(options.cluster);
  return engine.Run(options.handle_signals);
}

// "" when a seed was fetched (or is still to be); otherwise why none was,
// by reason: "1 seed host did not resolve: x.invalid".
std::string WhyNoSeedWasFetched(const CrawlConfig& config, storage::Store& store) {
  std::map<std::string, std::vector<std::string>> by_label;  // label -> hosts or URLs
  for (const std::string& seed : config.seeds) {
    auto url = ParseUrl(seed);
    if (!url.ok()) continue;
    auto page = store.GetPage(CanonicalKey(*url, CanonicalOptions{}));
    if (!page.ok() || !*page) return "";
    const FailureReason reason =
        storage::FailureOf((*page)->kind, (*page)->http_status, (*page)->reason);
    if (reason == FailureReason::kNone) return "";
    by_label[FailureLabel(reason, (*page)->http_status)].push_back(
        reason == FailureReason::kDns ? url->host : seed);
  }
  std::string why;
  for (const auto& [label, items] : by_label) {
    const size_t n = items.size();
    std::string list;
    for (const std::string& item : items) list += (list.empty() ? "" : ", ") + item;
    if (!why.empty()) why += "; ";
    if (label == FailureReasonName(FailureReason::kDns)) {
      why += std::to_string(n) + (n == 1 ? " seed host did not resolve: " :
                                           " seed hosts did not resolve: ") + list;
    } else {
      why += std::to_string(n) + (n == 1 ? " seed failed with " : " seeds failed with ") +
             label + ": " + list;
    }
  }
  return why;
}

Status CheckSeeds(const CrawlConfig& config) {
  for (const std::string& text : config.seeds) {
    auto url = ParseUrl(text);
    if (url.ok()) continue;
    std::string message = "seed '" + text + "': " + url.error().message;
    if (text.find("://") == std::string::npos && ParseUrl("http://" + text).ok()) {
      message += "; did you mean http://" + text + "?";
    }
    return MakeError("config.seed", message);
  }
  return Status::Ok();
}

}  // namespace nc
