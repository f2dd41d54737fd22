#pragma once
// Shared by the integration tests: run a crawl of the fixture site in
// process, and read back what the store recorded.

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "config/crawl_config.h"
#include "crawler/crawl_engine.h"
#include "crawler/extract/article.h"
#include "fixture/fixture_server.h"
#include "storage/store.h"

namespace nc::testing {

struct StoredCrawl {
  std::set<std::string> fetched;        // URLs with an HTTP response
  std::set<std::string> robots_denied;  // URLs recorded but not fetched
  std::set<std::string> failed;         // URLs with a network error
  std::map<std::string, storage::StoredPage> pages;
  struct Edge {
    std::string source, target, anchor, role;
    bool followed;
  };
  std::vector<Edge> edges;
  // Stored articles ([extract] articles) by page URL, decoded; and how many
  // entries the store's scan gave (more than articles.size(): duplicates).
  std::map<std::string, Article> articles;
  size_t article_entries = 0;
};

// A config that crawls `server` from the www homepage over http or https.
CrawlConfig FixtureConfig(const fixture::FixtureServer& server, bool tls, double min_delay);
// Runs the engine to the end on a store in `store_dir`.
CrawlOutcome CrawlInProcess(const CrawlConfig& config, const std::string& store_dir);
StoredCrawl ReadStore(const std::string& store_dir);
// Compares URL sets, reporting only the differences.
::testing::AssertionResult SameUrls(const std::set<std::string>& actual,
                                    const std::set<std::string>& expected);
// Runs build/newscrawl with `args`; returns the exit code, output in `out`/`err`.
int RunNewscrawl(const std::vector<std::string>& args, std::string* out, std::string* err);

// Command-line crawls of a fixture server's plain-http site from its www homepage.
// The URLs such a crawl fetches (the ground truth).
std::set<std::string> ExpectedHomepageCrawlUrls(const fixture::FixtureServer& server);
// Appends "--resolve" and each of the server's ResolveArgs() to `args`.
void AppendResolveArgs(const fixture::FixtureServer& server, std::vector<std::string>* args);
// Requests the server has seen per page URL (http://host:port/target);
// robots.txt is not stored as a page and is left out.
std::map<std::string, int> PageRequestCounts(const fixture::FixtureServer& server);
// The end of a finished crawl's check: `newscrawl status --json` counts
// `pages` pages in the store in `store_dir`, and `mdb_stat -a` passes on it.
void ExpectPagesCountedAndStoreIntact(const std::string& store_dir, size_t pages);

}  // namespace nc::testing
