#include "crawler/cli/cli.h"

#include <fstream>
#include <iostream>
#include <optional>

#include <CLI/CLI.hpp>

#include "common/clock.h"
#include "common/version.h"
#include "config/crawl_config.h"
#include "crawler/cli/commands.h"
#include "crawler/cli/export_command.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

// Flags shared by `crawl` and `resume` that override the config file or the
// stored config. Unset flags leave the value alone.
struct CrawlFlags {
  std::vector<std::string> seeds;
  std::string config_file;
  std::vector<std::string> resolve;
  std::optional<std::string> ca_file;
  std::optional<uint64_t> max_pages;
  std::optional<double> min_delay;
  std::optional<uint32_t> max_in_flight_per_host;
  std::optional<std::string> user_agent;
  std::optional<std::string> scope;
  std::optional<std::string> host_key;
  std::optional<uint32_t> max_open_connections;
  bool insecure = false;
  bool quiet = false;
  std::optional<uint64_t> max_store_mib;
  bool no_discover_feeds = false;
  // Follow policy (crawl.include, exclude, allow_hosts, deny_hosts,
  // max_pages_per_host): list flags add to the config's lists.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  std::vector<std::string> allow_hosts;
  std::vector<std::string> deny_hosts;
  std::optional<uint64_t> max_pages_per_host;
};

void AddOverrideFlags(CLI::App* cmd, CrawlFlags& f) {
  cmd->add_option("--resolve", f.resolve, "HOST:PORT:ADDR — connect to ADDR for HOST:PORT (repeatable)");
  cmd->add_option("--ca-file", f.ca_file, "extra trusted CA certificates (PEM)");
  cmd->add_option("--max-pages", f.max_pages, "stop after N fetches (0 = no limit)");
  cmd->add_option("--min-delay", f.min_delay, "seconds between requests to one host (default 1)");
  cmd->add_option("--max-in-flight-per-host", f.max_in_flight_per_host,
                  "requests to one host at once (default 1)");
  cmd->add_option("--user-agent", f.user_agent, "User-Agent header");
  cmd->add_option("--scope", f.scope, "seed-hosts | seed-domains (default) | all");
  cmd->add_option("--host-key", f.host_key,
                  "politeness budget per host (default) | domain | ip; fixed for a job")
      ->check(CLI::IsMember({"host", "domain", "ip"}));
  cmd->add_option("--max-open-connections", f.max_open_connections,
                  "sockets open at once, idle keep-alive included (default 2 x max_connections)");
  cmd->add_flag("--insecure", f.insecure, "do not verify TLS certificates (testing only)");
  cmd->add_flag("-q,--quiet", f.quiet, "no progress lines");
  cmd->add_option("--max-store-mib", f.max_store_mib,
                  "largest size of the store's LMDB map in MiB (default 65536); "
                  "raise it to resume a job whose store is full");
  cmd->add_flag("--no-discover-feeds", f.no_discover_feeds,
                "do not follow robots.txt Sitemap: lines nor the feeds seed pages announce");
  cmd->add_option("--include", f.include, "follow only URLs matching one such RE2 regex (repeatable)");
  cmd->add_option("--exclude", f.exclude, "never follow URLs matching this RE2 regex (repeatable)");
  cmd->add_option("--allow-host", f.allow_hosts,
                  "follow only these hosts: HOST or *.DOMAIN (domain included; repeatable)");
  cmd->add_option("--deny-host", f.deny_hosts, "never follow HOST or *.DOMAIN (repeatable)");
  cmd->add_option("--max-pages-per-host", f.max_pages_per_host,
                  "URLs admitted to the frontier per host (0 = no limit)");
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
  if (f.max_pages) config.max_pages = *f.max_pages;
  if (f.min_delay) config.min_delay = *f.min_delay;
  if (f.max_in_flight_per_host) config.max_in_flight_per_host = *f.max_in_flight_per_host;
  if (f.user_agent) config.user_agent = *f.user_agent;
  if (f.scope) {
    auto mode = ParseScopeMode(*f.scope);
    if (!mode.ok()) return mode.error().message;
    config.scope = *mode;
  }
  if (f.host_key) config.host_key = *f.host_key;
  if (f.max_open_connections) config.max_open_connections = *f.max_open_connections;
  if (f.insecure) config.verify_tls = false;
  if (f.max_store_mib) config.max_store_mib = *f.max_store_mib;
  if (f.no_discover_feeds) config.discover_feeds = false;
  config.include.insert(config.include.end(), f.include.begin(), f.include.end());
  config.exclude.insert(config.exclude.end(), f.exclude.begin(), f.exclude.end());
  config.allow_hosts.insert(config.allow_hosts.end(), f.allow_hosts.begin(), f.allow_hosts.end());
  config.deny_hosts.insert(config.deny_hosts.end(), f.deny_hosts.begin(), f.deny_hosts.end());
  if (f.max_pages_per_host) config.max_pages_per_host = *f.max_pages_per_host;
  return "";
}

}  // namespace

int RunCli(int argc, char** argv) {
  CLI::App app{"newscrawl " + std::string(kVersion) +
               ": a polite, crash-safe news crawler. Exit codes: 0 ok, 1 failure, 2 usage or config error."};
  app.set_version_flag("--version", kVersion);
  app.require_subcommand(1);

  CrawlFlags crawl_flags;
  std::string store_dir;
  auto* crawl = app.add_subcommand("crawl", "start (or continue) a crawl job from seed URLs");
  crawl->add_option("--seed", crawl_flags.seeds, "start URL (repeatable)");
  crawl->add_option("--store", store_dir, "store directory (created if missing)")->required();
  crawl->add_option("--config", crawl_flags.config_file, "TOML config file (see config/examples/news.toml)");
  AddOverrideFlags(crawl, crawl_flags);

  CrawlFlags resume_flags;
  auto* resume = app.add_subcommand("resume", "continue an interrupted crawl with its stored config");
  resume->add_option("--store", store_dir, "store directory")->required();
  AddOverrideFlags(resume, resume_flags);

  bool json = false;
  auto* status = app.add_subcommand("status", "job state and counts of a store");
  status->add_option("--store", store_dir, "store directory")->required();
  bool status_hosts = false;
  status->add_flag("--json", json, "machine-readable output (with --hosts: a per_host array)");
  status->add_flag("--hosts", status_hosts,
                   "per host: fetched, queued, delay and why, parked reason, robots.txt state");

  ExportFlags export_flags;
  auto* exporter = AddExportCommand(app, export_flags);

  std::string cat_url;
  bool cat_headers = false;
  auto* cat = app.add_subcommand("cat", "print the stored body of a fetched URL");
  cat->add_option("--store", store_dir, "store directory")->required();
  cat->add_option("url", cat_url, "URL as crawled")->required();
  cat->add_flag("--headers", cat_headers, "print the response headers before the body");

  std::string demo_out = "newscrawl-demo";
  auto* demo = app.add_subcommand("demo", "crawl the embedded fixture news site on loopback and export it");
  demo->add_option("--out", demo_out, "where the store, CA and exports go (default ./newscrawl-demo)");

  fixture::SiteOptions site_options;
  std::string site_out;
  auto* site = app.add_subcommand(
      "fixture-site", "write the fixture news site as static files (ROOT/<host>/...) for nginx & co");
  site->add_option("--out", site_out, "root directory")->required();
  site->add_option("--port", site_options.port, "port written into cross-host links")->required();
  site->add_option("--scheme", site_options.scheme, "http or https (default http)");
  site->add_option("--extra-hosts", site_options.extra_hosts, "extra regional hosts (default 0)");
  site->add_option("--paragraphs", site_options.paragraphs_per_article,
                   "paragraphs per article: 8 ~ 11 KB pages, 64 ~ 50 KB (default 8)");
  site->add_option("--articles-per-section", site_options.articles_per_section, "default 6");

  std::string robots_file, robots_agent, robots_url;
  auto* robots = app.add_subcommand("robots-check", "is URL allowed for USER_AGENT by ROBOTS_FILE?");
  robots->add_option("robots_file", robots_file)->required();
  robots->add_option("user_agent", robots_agent)->required();
  robots->add_option("url", robots_url)->required();

  std::string links_base, links_file;
  auto* links = app.add_subcommand(
      "links", "print role<TAB>resolved URL<TAB>anchor text for every link of an HTML file");
  links->add_option("--base", links_base, "URL the page was fetched from")->required();
  links->add_option("file", links_file, "HTML file")->required();

  std::string url_base, url_href;
  auto* url = app.add_subcommand("url", "resolve HREF against BASE; print the URL and its canonical key");
  url->add_option("base", url_base)->required();
  url->add_option("href", url_href)->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }

  if (crawl->parsed() || resume->parsed()) {
    const bool is_resume = resume->parsed();
    CrawlFlags& flags = is_resume ? resume_flags : crawl_flags;
    CrawlConfig config;
    if (!flags.config_file.empty()) {
      if (Status s = LoadConfigFile(flags.config_file, config); !s.ok()) {
        std::cerr << "newscrawl: " << s.error().message << "\n";
        return kExitUsage;
      }
    }
    if (std::string error = ApplyFlags(flags, config); !error.empty()) {
      std::cerr << "newscrawl: " << error << "\n";
      return kExitUsage;
    }
    if (!is_resume) return RunCrawl(config, store_dir, flags.quiet);
    // Flags given to resume override the job's stored config for this run.
    return RunResume(store_dir, flags.quiet, [&flags](CrawlConfig& stored) {
      (void)ApplyFlags(flags, stored);
    });
  }
  if (status->parsed()) return RunStatus(store_dir, json, status_hosts);
  if (exporter->parsed()) return RunExport(export_flags);
  if (cat->parsed()) return RunCat(store_dir, cat_url, cat_headers);
  if (demo->parsed()) return RunDemo(demo_out);
  if (site->parsed()) return RunFixtureSite(site_options, site_out);
  if (robots->parsed()) return RunRobotsCheck(robots_file, robots_agent, robots_url);
  if (url->parsed()) return RunUrl(url_base, url_href);
  if (links->parsed()) return RunLinks(links_base, links_file);
  return kExitUsage;
}

}  // namespace nc
