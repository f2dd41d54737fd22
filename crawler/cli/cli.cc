#include "crawler/cli/cli.h"

#include <fstream>
#include <iostream>
#include <map>
#include <optional>

#include <CLI/CLI.hpp>

#include "common/clock.h"
#include "common/version.h"
#include "config/config_values.h"
#include "config/crawl_config.h"
#include "crawler/cli/commands.h"
#include "crawler/cli/export_command.h"
#include "crawler/cli/flag_checks.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

// `newscrawl watch` without --watch on a job that never watched.
constexpr double kDefaultWatchSeconds = 300;

// Flags shared by `crawl` and `resume` that override the config file or the
// stored config. Unset flags leave the value alone.
struct CrawlFlags {
  std::vector<std::string> seeds;
  std::string config_file;
  std::vector<std::string> resolve;
  std::optional<std::string> ca_file;
  // Number flags that set a config key: key -> the text given, checked and
  // converted by the key's own reader (flag_checks.h), so a flag and its key
  // accept exactly the same values.
  std::map<std::string, std::optional<std::string>> config_values;
  std::optional<std::string> user_agent;
  std::optional<std::string> scope;
  std::optional<std::string> host_key;
  bool insecure = false;
  bool allow_private_networks = false;
  ObserveFlags observe;  // -q, -v, --log-format, --stats-interval, --status-addr
  bool no_discover_feeds = false;
  // Follow policy (crawl.include, exclude, allow_hosts, deny_hosts,
  // max_pages_per_host): list flags add to the config's lists.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::vector<std::string> allow_hosts;
  std::vector<std::string> deny_hosts;
  ClusterFlags cluster;  // crawl/resume --cluster (docs/scale-out.md)
};

// What a running job shows: the same flags for crawl, resume and demo.
void AddObserveFlags(CLI::App* cmd, ObserveFlags& o) {
  cmd->add_flag("-q,--quiet", o.quiet, "no progress output (events.jsonl is still written)");
  cmd->add_flag("-v,--verbose", o.verbose,
                "-v: also print failures, robots-denied URLs and parks (events.jsonl lines) to "
                "stderr; -vv: every event");
  cmd->add_option("--log-format", o.log_format,
                  "text (default: a progress line on a terminal) | json (a JSON stats line "
                  "every --stats-interval seconds; also what is written when stderr is not a "
                  "terminal)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--stats-interval", o.stats_interval_seconds,
                  "seconds between JSON stats lines (default 10)")
      ->check(SecondsCheck(/*positive=*/true));
  cmd->add_flag("--no-observe", o.off,
                "benchmarks: no progress, no events.jsonl, no counters, no live status "
                "(measures what observing costs)");
  cmd->add_option("--status-addr", o.status_addr,
                  "serve /metrics (Prometheus), /status.json and a live status page on "
                  "[HOST:]PORT; loopback unless HOST is given, port 0 picks one (default: off)");
}

// A number flag that sets config key `key`.
void AddConfigValueFlag(CLI::App* cmd, CrawlFlags& f, const std::string& flag,
                        const std::string& key, const std::string& help) {
  cmd->add_option(flag, f.config_values[key], help)->check(ConfigValueCheck(key));
}

void AddOverrideFlags(CLI::App* cmd, CrawlFlags& f) {
  cmd->add_option("--resolve", f.resolve, "HOST:PORT:ADDR — connect to ADDR for HOST:PORT (repeatable)");
  cmd->add_option("--ca-file", f.ca_file, "extra trusted CA certificates (PEM)");
  AddConfigValueFlag(cmd, f, "--max-pages", "crawl.max_pages", "stop after N fetches (0 = no limit)");
  AddConfigValueFlag(cmd, f, "--min-delay", "politeness.min_delay",
                     "seconds between requests to one host (default 1)");
  AddConfigValueFlag(cmd, f, "--max-in-flight-per-host", "politeness.max_in_flight_per_host",
                     "requests to one host at once (default 1)");
  AddConfigValueFlag(cmd, f, "--robots-max-wait", "politeness.robots_max_wait",
                     "longest a host waits on an unreachable robots.txt, in seconds; its URLs then "
                     "fail with the cause (default 60; 0 = only robots_max_attempts)");
  cmd->add_option("--user-agent", f.user_agent, "User-Agent header");
  cmd->add_option("--scope", f.scope, "seed-hosts | seed-domains (default) | all");
  cmd->add_option("--host-key", f.host_key,
                  "politeness budget per host (default) | domain | ip; fixed for a job")
      ->check(CLI::IsMember({"host", "domain", "ip"}));
  AddConfigValueFlag(cmd, f, "--max-open-connections", "politeness.max_open_connections",
                     "sockets open at once, idle keep-alive included (default 2 x max_connections, "
                     "up to one per host in rotation within the open-file limit)");
  cmd->add_flag("--insecure", f.insecure, "do not verify TLS certificates (testing only)");
  cmd->add_flag("--allow-private-networks", f.allow_private_networks,
                "also connect to loopback, private and link-local addresses (default: refused, "
                "except for hosts given with --resolve)");
  AddObserveFlags(cmd, f.observe);
  AddConfigValueFlag(cmd, f, "--max-store-mib", "storage.max_store_mib",
                     "largest size of the store's LMDB map in MiB (default 65536); "
                     "raise it to resume a job whose store is full");
  cmd->add_flag("--no-discover-feeds", f.no_discover_feeds,
                "do not follow robots.txt Sitemap: lines nor the feeds seed pages announce");
  cmd->add_option("--include", f.include, "follow only URLs matching one such RE2 regex (repeatable)");
  cmd->add_option("--exclude", f.exclude, "never follow URLs matching this RE2 regex (repeatable)");
  cmd->add_option("--allow-host", f.allow_hosts,
                  "follow only these hosts: HOST or *.DOMAIN (domain included; repeatable)");
  cmd->add_option("--deny-host", f.deny_hosts, "never follow HOST or *.DOMAIN (repeatable)");
  AddConfigValueFlag(cmd, f, "--max-pages-per-host", "crawl.max_pages_per_host",
                     "URLs admitted to the frontier per host (0 = no limit)");
  AddConfigValueFlag(cmd, f, "--watch", "crawl.watch",
                     "after the crawl, keep re-polling seeds, sections and feeds, starting every "
                     "SECONDS, and fetch what they newly link to (0 = do not watch)");
  AddConfigValueFlag(cmd, f, "--watch-cycles", "crawl.watch_cycles",
                     "stop watching after N re-polls of every watched page (0 = until stopped)");
  AddConfigValueFlag(cmd, f, "--watch-min-interval", "crawl.watch_min_interval",
                     "shortest re-poll interval in seconds (default: --watch / 4)");
  AddConfigValueFlag(cmd, f, "--watch-max-interval", "crawl.watch_max_interval",
                     "longest re-poll interval in seconds (default: --watch x 8)");
}

// crawl and resume as a node of a cluster job.
void AddClusterFlags(CLI::App* cmd, ClusterFlags& c) {
  cmd->add_option("--cluster", c.url,
                  "run as a node of a cluster job on these NATS servers (nats://HOST:PORT or "
                  "tls://HOST:PORT, comma-separated); needs --job (docs/scale-out.md)");
  cmd->add_option("--job", c.job, "the cluster job's name (letters, digits, '-', '_')");
  cmd->add_option("--node-id", c.node_id,
                  "this node's id in the job (default: host name and process id)");
  cmd->add_option("--cluster-creds", c.creds_file,
                  "NATS credentials file (user JWT and NKey seed) for the cluster connection");
  cmd->add_option("--cluster-ca", c.ca_file,
                  "PEM CA certificates trusted for tls:// cluster servers (default: the system's)");
  cmd->add_option("--cluster-partitions", c.partitions,
                  "host partitions of a new cluster job (default 256; fixed by its first node)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--cluster-lease-ttl", c.lease_ttl,
                  "seconds a node's partitions stay its own without renewal (default 90; must "
                  "exceed the fetch total timeout)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--cluster-join-window", c.join_window,
                  "seconds a joining node watches for the others before it takes partitions "
                  "(default 2; nodes started together then each take their share)")
      ->check(CLI::NonNegativeNumber);
}

// Applies flags over `config`. Returns a usage error message or "".
std::string ApplyFlags(const CrawlFlags& f, CrawlConfig& config) {
  for (const auto& s : f.seeds) config.seeds.push_back(s);
  for (const auto& r : f.resolve) {
    auto parsed = ParseResolveOverride(r);
    if (!parsed.ok()) return parsed.error().message;
    config.resolve.push_back(*parsed);
  }
  if (f.ca_file) config.ca_file = *f.ca_file;
  for (const auto& [key, text] : f.config_values) {
    if (!text) continue;
    // Checked while parsing already (ConfigValueCheck); kept for callers
    // that fill CrawlFlags themselves.
    if (std::string why = SetConfigValueFromText(key, *text, config); !why.empty()) {
      return "key '" + key + "': " + why;
    }
  }
  if (f.user_agent) config.user_agent = *f.user_agent;
  if (f.scope) {
    auto mode = ParseScopeMode(*f.scope);
    if (!mode.ok()) return mode.error().message;
    config.scope = *mode;
  }
  if (f.host_key) {
    const auto mode = ParseMode<HostKeyMode>(*f.host_key);
    if (!mode)
      return "--host-key '" + *f.host_key + "': expected " + QuotedModeNames<HostKeyMode>();
    config.host_key = *mode;
  }
  if (f.insecure) config.verify_tls = false;
  if (f.allow_private_networks) config.allow_private_networks = true;
  if (f.no_discover_feeds) config.discover_feeds = false;
  config.include.insert(config.include.end(), f.include.begin(), f.include.end());
  config.exclude.insert(config.exclude.end(), f.exclude.begin(), f.exclude.end());
  config.allow_hosts.insert(config.allow_hosts.end(), f.allow_hosts.begin(), f.allow_hosts.end());
  config.deny_hosts.insert(config.deny_hosts.end(), f.deny_hosts.begin(), f.deny_hosts.end());
  return "";
}

// Every subcommand's values, filled by CLI11 while parsing, and the
// subcommands themselves (to ask which one was given).
struct Invocation {
  std::string store_dir;  // --store, for every command that takes one

  CrawlFlags crawl_flags;
  CrawlFlags resume_flags;
  CrawlFlags watch_flags;
  CLI::App* crawl = nullptr;
  CLI::App* resume = nullptr;
  CLI::App* watch = nullptr;

  bool json = false;
  bool status_hosts = false;
  bool status_failed = false;
  std::string status_cluster;  // status --cluster URL --job NAME (docs/scale-out.md)
  std::string status_job;
  std::string status_cluster_creds;  // status --cluster-creds FILE
  std::string status_cluster_ca;     // status --cluster-ca FILE
  CLI::App* status = nullptr;
  CrawlFlags seed_load_flags;
  std::string seed_load_file;
  CLI::App* seed_load = nullptr;
  ExportFlags export_flags;
  CLI::App* exporter = nullptr;
  GraphStatsFlags graph_stats_flags;
  CLI::App* graph_stats = nullptr;
  std::string cat_url;
  bool cat_headers = false;
  bool cat_article = false;
  bool cat_raw = false;
  CLI::App* cat = nullptr;

  std::string demo_out = "newscrawl-demo";
  ObserveFlags demo_observe;
  bool demo_watch = false;
  CLI::App* demo = nullptr;
  fixture::SiteOptions site_options;
  std::string site_out;
  CLI::App* site = nullptr;

  std::string robots_file, robots_agent, robots_url;
  CLI::App* robots = nullptr;
  std::string links_base, links_file, links_labels, links_corpus, links_pages;
  EvalFloors eval_floors;
  LinksOptions links_options;
  CLI::App* links = nullptr;
  std::string url_base, url_href;
  CLI::App* url = nullptr;
  std::string extract_base, extract_fetched_at, extract_file;
  CLI::App* extract = nullptr;
};

void AddJobCommands(CLI::App& app, Invocation& in) {
  in.crawl = app.add_subcommand("crawl", "start (or continue) a crawl job from seed URLs");
  in.crawl->add_option("--seed", in.crawl_flags.seeds, "start URL (repeatable)");
  in.crawl->add_option("--store", in.store_dir, "store directory (created if missing)")->required();
  in.crawl->add_option("--config", in.crawl_flags.config_file,
                       "TOML config file (see config/examples/news.toml)");
  AddOverrideFlags(in.crawl, in.crawl_flags);
  AddClusterFlags(in.crawl, in.crawl_flags.cluster);

  in.resume = app.add_subcommand("resume", "continue an interrupted crawl with its stored config");
  in.resume->add_option("--store", in.store_dir, "store directory")->required();
  AddOverrideFlags(in.resume, in.resume_flags);
  AddClusterFlags(in.resume, in.resume_flags.cluster);

  in.watch = app.add_subcommand(
      "watch", "keep a job's seeds, sections and feeds polled and fetch their new headlines "
               "(resume with --watch; default interval 300 s)");
  in.watch->add_option("--store", in.store_dir, "store directory")->required();
  AddOverrideFlags(in.watch, in.watch_flags);
}

void AddStoreCommands(CLI::App& app, Invocation& in) {
  in.status = app.add_subcommand("status", "job state and counts of a store (or of a cluster job)");
  in.status->add_option("--store", in.store_dir, "store directory");
  in.status->add_option("--cluster", in.status_cluster,
                        "NATS server of a cluster job (nats://HOST:PORT): show the job instead");
  in.status->add_option("--job", in.status_job, "the cluster job's name (with --cluster)");
  in.status->add_option("--cluster-creds", in.status_cluster_creds,
                        "NATS credentials file (user JWT and NKey seed), with --cluster");
  in.status->add_option("--cluster-ca", in.status_cluster_ca,
                        "PEM CA certificates trusted for a tls:// server, with --cluster");
  in.status->add_flag("--json", in.json,
                      "machine-readable output (with --hosts: a per_host array)");
  in.status->add_flag("--hosts", in.status_hosts,
                      "per host: fetched, queued, delay and why, parked reason, robots.txt state");
  in.status->add_flag("--failed", in.status_failed,
                      "the failed URLs: reason, attempts, last attempt (UTC), URL, detail "
                      "(tab-separated; --json: with counts by reason)");

  in.seed_load = app.add_subcommand(
      "seed-load", "queue a file of URLs (one a line; millions) in a job's store, then crawl "
                   "them with resume");
  in.seed_load->add_option("--store", in.store_dir, "store directory (created if missing)")
      ->required();
  in.seed_load->add_option("--config", in.seed_load_flags.config_file,
                           "TOML config file, recorded as the job's");
  in.seed_load->add_option("file", in.seed_load_file, "URL file, - for stdin")->required();
  AddOverrideFlags(in.seed_load, in.seed_load_flags);

  in.exporter = AddExportCommand(app, in.export_flags);
  in.graph_stats = AddGraphStatsCommand(app, in.graph_stats_flags);

  in.cat = app.add_subcommand("cat", "print the stored body of a fetched URL");
  in.cat->add_option("--store", in.store_dir, "store directory")->required();
  in.cat->add_option("url", in.cat_url, "URL as crawled")->required();
  in.cat->add_flag("--headers", in.cat_headers,
                   "print the response headers as received before the body");
  CLI::Option* cat_article =
      in.cat->add_flag("--article", in.cat_article,
                       "print the article instead: date line, paragraphs, related headlines");
  in.cat->add_flag("--raw", in.cat_raw,
                   "print the body as received (Content-Encoding kept) instead of decoded")
      ->excludes(cat_article);
}

void AddFixtureCommands(CLI::App& app, Invocation& in) {
  in.demo =
      app.add_subcommand("demo", "crawl the embedded fixture news site on loopback and export it");
  in.demo->add_option("--out", in.demo_out,
                      "where the store, CA and exports go (default ./newscrawl-demo)");
  AddObserveFlags(in.demo, in.demo_observe);
  in.demo->add_flag("--watch", in.demo_watch,
                    "after the crawl, watch the site for 4 re-polls while it publishes two "
                    "headlines, then export (ends by itself)");

  fixture::SiteOptions& site = in.site_options;
  in.site = app.add_subcommand(
      "fixture-site",
      "write the fixture news site as static files (ROOT/<host>/...) for nginx & co");
  in.site->add_option("--out", in.site_out, "root directory")->required();
  in.site->add_option("--port", site.port, "port written into cross-host links")
      ->required()
      ->check(WholeNumberCheck(1, 65535));
  in.site->add_option("--scheme", site.scheme, "http or https (default http)");
  // Bounded so a typo cannot write millions of files.
  in.site->add_option("--extra-hosts", site.extra_hosts, "extra regional hosts (default 0)")
      ->check(WholeNumberCheck(0, 10000));
  in.site->add_option("--paragraphs", site.paragraphs_per_article,
                      "paragraphs per article: 8 ~ 11 KB pages, 64 ~ 50 KB (default 8)")
      ->check(WholeNumberCheck(1, 10000));
  in.site->add_option("--articles-per-section", site.articles_per_section, "default 6")
      ->check(WholeNumberCheck(1, 10000));
}

void AddToolCommands(CLI::App& app, Invocation& in) {
  in.robots = app.add_subcommand("robots-check", "is URL allowed for USER_AGENT by ROBOTS_FILE?");
  in.robots->add_option("robots_file", in.robots_file)->required();
  in.robots->add_option("user_agent", in.robots_agent)->required();
  in.robots->add_option("url", in.robots_url)->required();

  in.links = app.add_subcommand(
      "links", "print role<TAB>resolved URL<TAB>anchor text for every link of an HTML file");
  in.links->add_option("--base", in.links_base, "URL the page was fetched from");
  in.links->add_option("file", in.links_file, "HTML file (with --eval, .gz is decompressed)");
  in.links->add_option("--eval", in.links_labels,
                       "grade the roles against LABELS (url<TAB>role) instead of listing them");
  in.links->add_option("--eval-corpus", in.links_corpus,
                       "grade every page of DIR (tests/realpages layout) and print a table");
  in.links->add_option("--pages", in.links_pages,
                       "with --eval-corpus: where the ID.html.gz pages are (default DIR/pages)");
  in.links->add_flag("--explain", in.links_options.explain,
                     "append, per link, the structure and evidence that decided its role");
  in.links->add_option("--config", in.links_options.config_file,
                       "apply the [[site]] rules of this crawl config (TOML)");
  in.links->add_option("--min-followed-recall", in.eval_floors.followed_recall,
                       "--eval-corpus floor")
      ->check(FractionCheck());
  in.links->add_option("--min-followed-precision", in.eval_floors.followed_precision,
                       "--eval-corpus floor")
      ->check(FractionCheck());
  in.links->add_option("--min-related-recall", in.eval_floors.related_recall,
                       "--eval-corpus floor")
      ->check(FractionCheck());

  in.url =
      app.add_subcommand("url", "resolve HREF against BASE; print the URL and its canonical key");
  in.url->add_option("base", in.url_base)->required();
  in.url->add_option("href", in.url_href, "href to resolve; - reads one href a line from stdin")
      ->required();

  in.extract = app.add_subcommand(
      "extract", "print the article of an HTML file as JSON (title, dates, paragraphs, related)");
  in.extract->add_option("--base", in.extract_base, "URL the page was fetched from");
  in.extract->add_option("--fetched-at", in.extract_fetched_at,
                         "ISO 8601 fetch time for relative and year-less dates (default now)");
  in.extract->add_option("file", in.extract_file, "HTML file")->required();
}

// The config file (when given), then the flags over it, as crawl, resume,
// watch and seed-load read them; false after saying why on stderr.
bool ConfigFromFlags(const CrawlFlags& flags, CrawlConfig& config) {
  if (!flags.config_file.empty()) {
    if (Status s = LoadConfigFile(flags.config_file, config); !s.ok()) {
      std::cerr << "newscrawl: " << s.error().message << "\n";
      return false;
    }
  }
  if (std::string error = ApplyFlags(flags, config); !error.empty()) {
    std::cerr << "newscrawl: " << error << "\n";
    return false;
  }
  return true;
}

// crawl and resume: the config file, then the flags over it. Flags given to
// resume override the job's stored config for this run.
int RunJobCommand(const Invocation& in) {
  const bool is_watch = in.watch->parsed();
  const bool is_resume = in.resume->parsed() || is_watch;
  const CrawlFlags& flags =
      is_watch ? in.watch_flags : (is_resume ? in.resume_flags : in.crawl_flags);
  CrawlConfig config;
  if (!ConfigFromFlags(flags, config)) return kExitUsage;
  if (!flags.cluster.url.empty() || !flags.cluster.job.empty()) {
    return RunClusterJob(flags.cluster, config, in.store_dir, flags.observe, is_resume,
                         [&flags](CrawlConfig& stored) { (void)ApplyFlags(flags, stored); });
  }
  if (!is_resume) return RunCrawl(config, in.store_dir, flags.observe);
  return RunResume(in.store_dir, flags.observe, [&flags, is_watch](CrawlConfig& stored) {
    (void)ApplyFlags(flags, stored);
    // `watch` on a job that never watched: the default interval.
    if (is_watch && stored.watch <= 0) stored.watch = kDefaultWatchSeconds;
  });
}

// seed-load: the config file, then the flags over it, as for crawl.
int RunSeedLoadCommand(const Invocation& in) {
  CrawlConfig config;
  const CrawlFlags& flags = in.seed_load_flags;
  if (!ConfigFromFlags(flags, config)) return kExitUsage;
  return RunSeedLoad(config, in.store_dir, in.seed_load_file);
}

// links: list the roles of one page, grade them against labels, or grade a corpus.
int RunLinksCommand(const Invocation& in) {
  if (!in.links_corpus.empty()) {
    const std::string pages = in.links_pages.empty() ? in.links_corpus + "/pages" : in.links_pages;
    return RunLinksEvalCorpus(in.links_corpus, pages, in.eval_floors);
  }
  if (in.links_base.empty() || in.links_file.empty()) {
    std::cerr << "newscrawl: links needs --base URL and FILE (or --eval-corpus DIR)\n";
    return kExitUsage;
  }
  if (!in.links_labels.empty()) return RunLinksEval(in.links_base, in.links_file, in.links_labels);
  return RunLinks(in.links_base, in.links_file, in.links_options);
}

int RunParsedCommand(const Invocation& in) {
  if (in.crawl->parsed() || in.resume->parsed() || in.watch->parsed()) return RunJobCommand(in);
  if (in.status->parsed()) {
    if (!in.status_cluster.empty() || !in.status_job.empty()) {
      if (in.status_cluster.empty() || in.status_job.empty() || !in.store_dir.empty()) {
        std::cerr << "newscrawl: status of a cluster job needs --cluster URL and --job NAME "
                     "(and no --store)\n";
        return kExitUsage;
      }
      return RunClusterStatus(in.status_cluster, in.status_job, in.status_cluster_creds,
                              in.status_cluster_ca);
    }
    if (in.store_dir.empty()) {
      std::cerr << "newscrawl: status needs --store DIR (or --cluster URL --job NAME)\n";
      return kExitUsage;
    }
    return RunStatus(in.store_dir, in.json, in.status_hosts, in.status_failed);
  }
  if (in.seed_load->parsed()) return RunSeedLoadCommand(in);
  if (in.exporter->parsed()) return RunExport(in.export_flags);
  if (in.graph_stats->parsed()) return RunGraphStats(in.graph_stats_flags);
  if (in.cat->parsed()) {
    return RunCat(in.store_dir, in.cat_url, in.cat_headers, in.cat_article, in.cat_raw);
  }
  if (in.demo->parsed()) return RunDemo(in.demo_out, in.demo_observe, in.demo_watch);
  if (in.site->parsed()) return RunFixtureSite(in.site_options, in.site_out);
  if (in.robots->parsed()) return RunRobotsCheck(in.robots_file, in.robots_agent, in.robots_url);
  if (in.url->parsed()) return RunUrl(in.url_base, in.url_href);
  if (in.links->parsed()) return RunLinksCommand(in);
  if (in.extract->parsed()) {
    return RunExtract(in.extract_base, in.extract_fetched_at, in.extract_file);
  }
  return kExitUsage;
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{
      "newscrawl " + std::string(kVersion) +
      ": a polite, crash-safe news crawler.\nExit codes: 0 finished; 1 runtime failure, or no "
      "seed could be fetched (the message says why); 2 usage or config error; 3 interrupted "
      "(SIGINT/SIGTERM), resume with `newscrawl resume --store DIR`."};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);
  Invocation in;
  AddJobCommands(app, in);
  AddStoreCommands(app, in);
  AddFixtureCommands(app, in);
  AddToolCommands(app, in);
  // Usage errors start with "newscrawl: " like every other message.
  app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
    return "newscrawl: " + CLI::FailureMessage::simple(failed, e);
  });
  if (std::string problem = UnknownNameProblem(app, argc, argv); !problem.empty()) {
    std::cerr << "newscrawl: " << problem << "\n";
    return kExitUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return RunParsedCommand(in);
}

}  // namespace nc
