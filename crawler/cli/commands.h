#pragma once
// The subcommands of `newscrawl`, one function each, returning the exit code
// (crawler/cli/cli.h). cli.cc parses arguments; these do the work and print.

#include <functional>
#include <optional>
#include <string>

#include "common/error_log.h"
#include "common/failure_reason.h"
#include "config/crawl_config.h"
#include "crawler/cli/job_observer.h"
#include "fixture/news_site.h"
#include "storage/store.h"

namespace nc {

class ClusterFeed;

// The end-of-crawl line on the scheduler's failed store reads, if any (stderr).
void PrintSchedulerErrors(const ErrorLog& errors);

// `observe`: progress, logs and the status endpoint (crawler/cli/job_observer.h).
int RunCrawl(const CrawlConfig& config, const std::string& store_dir, const ObserveFlags& observe);
int RunResume(const std::string& store_dir, const ObserveFlags& observe,
              const std::function<void(CrawlConfig&)>& apply_overrides);
// Runs the job on its writer's open of `store` and prints its summary; with
// `cluster`, as a node of that cluster job.
int RunJobAndReport(const CrawlConfig& config, storage::Store& store, const std::string& store_dir,
                    const ObserveFlags& observe, ClusterFeed* cluster = nullptr);
// crawl --cluster / resume --cluster (crawler/cli/cluster_crawl_command.cc).
struct ClusterFlags {
  std::string url;          // --cluster nats://HOST:PORT (or tls://; several, comma-separated)
  std::string job;          // --job NAME
  std::string node_id;      // --node-id ID (default: host name and process id)
  std::string creds_file;   // --cluster-creds FILE
  std::string ca_file;      // --cluster-ca FILE
  uint32_t partitions = 0;  // --cluster-partitions N, when the job is created (0: default)
  double lease_ttl = 0;     // --cluster-lease-ttl SECONDS (0: default)
  double join_window = -1;  // --cluster-join-window SECONDS (< 0: default)
};
// `config`: the flags (and --config file) of this command line; `own_seeds`
// the --seed URLs given here. Resume reads the job's config from the store
// first and applies `apply_overrides` to it.
int RunClusterJob(const ClusterFlags& cluster, CrawlConfig config, const std::string& store_dir,
                  const ObserveFlags& observe, bool is_resume,
                  const std::function<void(CrawlConfig&)>& apply_overrides);
// `hosts`: also list per host fetched and queued counts and the politeness
// state the crawl last recorded (crawler/host_snapshot_text.h).
// `failed`: list the failed URLs instead (RunStatusFailed).
int RunStatus(const std::string& store_dir, bool json, bool hosts = false, bool failed = false);
// Every URL whose outcome is a failure: reason (FailureLabel), attempts, last
// attempt, URL and detail, tab-separated, or as JSON with counts by reason.
int RunStatusFailed(storage::Store& store, const std::string& store_dir, bool json);
// status --cluster URL --job NAME: partition owners, nodes, URLs waiting.
// `creds_file`, `ca_file`: as crawl's --cluster-creds and --cluster-ca.
int RunClusterStatus(const std::string& server_url, const std::string& job,
                     const std::string& creds_file = "", const std::string& ca_file = "");
// `article`: print the page's article (date line, paragraphs, related
// headlines: the seed document's layout) instead of the body. `raw`: the
// body as received (content coding kept) instead of decoded. A robots.txt
// URL that was not fetched as a page prints the stored robots.txt.
int RunCat(const std::string& store_dir, const std::string& url, bool headers,
           bool article = false, bool raw = false);
// watch: after the crawl, watch the site for a few re-polls while it
// publishes headlines (issue 14), then export as usual.
int RunDemo(const std::string& out_dir, const ObserveFlags& observe, bool watch = false);
int RunFixtureSite(const fixture::SiteOptions& options, const std::string& out_dir);
// The file's bytes, or nullopt after printing "newscrawl: cannot read PATH"
// (tool commands reading a page or robots.txt given on the command line).
std::optional<std::string> ReadFileOrSay(const std::string& path);
int RunRobotsCheck(const std::string& robots_file, const std::string& user_agent,
                   const std::string& url);
struct LinksOptions {
  bool explain = false;     // append the features that decided each role
  std::string config_file;  // apply this crawl config's [[site]] rules
};
int RunLinks(const std::string& base, const std::string& file, const LinksOptions& options);
// Grades the links of one page against LABELS (url<TAB>role lines) and prints
// precision and recall per role, for headline|related and for the URL-shape
// baseline (crawler/cli/link_eval.h).
int RunLinksEval(const std::string& base, const std::string& file, const std::string& labels);
// Minimums `--eval-corpus` enforces: exit 1 when the corpus totals fall below.
struct EvalFloors {
  double followed_recall = 0;     // headline|related recall
  double followed_precision = 0;  // headline|related precision
  double related_recall = 0;
};
// Every page of DIR/pages.tsv (DIR/pages/ID.html.gz, DIR/labels/ID.tsv): one
// table row per page, then the totals.
// DIR holds pages.tsv and labels/; the pages themselves (ID.html.gz) are in
// PAGES_DIR: they are third-party pages, kept outside the repository
// (tests/realpages/README.md).
int RunLinksEvalCorpus(const std::string& dir, const std::string& pages_dir,
                       const EvalFloors& floors);
int RunUrl(const std::string& base, const std::string& href);
// `seed-load`: queue the URLs of FILE ("-": stdin), one a line, in the job
// store (created if missing) and record `config` as the job's; `resume`
// crawls them. Invalid lines are reported by number and skipped.
int RunSeedLoad(const CrawlConfig& config, const std::string& store_dir, const std::string& file);
// The article of one HTML file as JSON; `fetched_at` (ISO 8601, "" = now)
// resolves relative and year-less dates.
int RunExtract(const std::string& base, const std::string& fetched_at, const std::string& file);

}  // namespace nc
