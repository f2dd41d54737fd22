#include "crawler/job_host_key.h"

namespace nc {

Status CheckJobHostKeyMode(storage::Store& store, const CrawlConfig& config) {
  auto recorded = store.GetMeta(kHostKeyMetaKey);
  if (!recorded.ok()) return recorded.error();
  const std::string_view mode = ModeName(config.host_key);
  std::string job_mode;
  if (*recorded) {
    job_mode = **recorded;
  } else {
    auto stats = store.Stats();
    if (!stats.ok()) return stats.error();
    // A store with URLs but no recorded mode predates host_key: host names.
    if (stats->urls_known == 0) return store.PutMeta(kHostKeyMetaKey, mode);
    job_mode = "host";
  }
  if (job_mode == mode) return Status::Ok();
  return MakeError("config.host_key",
                   "this store's job keys politeness by host_key \"" + job_mode +
                       "\" (its frontier is stored by that key), not \"" + std::string(mode) +
                       "\": continue it with --host-key " + job_mode +
                       " (resume without --host-key uses it), or crawl into a new store");
}

}  // namespace nc
