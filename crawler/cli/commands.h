#pragma once
// The subcommands of `newscrawl`, one function each, returning the exit code
// (crawler/cli/cli.h). cli.cc parses arguments; these do the work and print.

#include <functional>
#include <string>

#include "common/error_log.h"
#include "config/crawl_config.h"
#include "fixture/news_site.h"

namespace nc {

// The end-of-crawl line on the scheduler's failed store reads, if any (stderr).
void PrintSchedulerErrors(const ErrorLog& errors);

int RunCrawl(const CrawlConfig& config, const std::string& store_dir, bool quiet);
int RunResume(const std::string& store_dir, bool quiet,
              const std::function<void(CrawlConfig&)>& apply_overrides);
// `hosts`: also list per host fetched and queued counts and the politeness
// state the crawl last recorded (crawler/host_snapshot_text.h).
int RunStatus(const std::string& store_dir, bool json, bool hosts = false);
int RunCat(const std::string& store_dir, const std::string& url, bool headers);
int RunDemo(const std::string& out_dir);
int RunFixtureSite(const fixture::SiteOptions& options, const std::string& out_dir);
int RunRobotsCheck(const std::string& robots_file, const std::string& user_agent,
                   const std::string& url);
int RunLinks(const std::string& base, const std::string& file);
int RunUrl(const std::string& base, const std::string& href);

}  // namespace nc
