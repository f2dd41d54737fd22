#pragma once
// Shared by the integration tests: run a crawl of the fixture site in
// process, and read back what the store recorded.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "common/clock.h"
#include "config/crawl_config.h"
#include "crawler/crawl_engine.h"
#include "crawler/extract/article.h"
#include "fixture/fixture_server.h"
#include "storage/store.h"
#include "tests/common/temp_dir.h"

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

// `newscrawl crawl --seed SEED --store S FLAGS...`, S a store path in a new
// temp dir, which must be a usage error (exit 2) that makes no store;
// returns its standard error.
std::string CrawlUsageError(const std::string& seed, const std::vector<std::string>& flags);

// Command-line crawls of a fixture server's plain-http site from its www homepage.
// The URLs such a crawl fetches (the ground truth).
std::set<std::string> ExpectedHomepageCrawlUrls(const fixture::FixtureServer& server);
// Appends "--resolve" and each of the server's ResolveArgs() to `args`.
void AppendResolveArgs(const fixture::FixtureServer& server, std::vector<std::string>* args);
// Requests the server has seen per page URL (http://host:port/target);
// robots.txt is not stored as a page and is left out.
std::map<std::string, int> PageRequestCounts(const fixture::FixtureServer& server);
// Runs `command` through the shell; returns its exit status (as pclose
// gives it; -1 when it could not start) and its standard output in `out`.
int RunShell(const std::string& command, std::string* out);
// A loopback port with nothing listening (bound, then closed).
uint16_t ClosedLoopbackPort();
// `newscrawl crawl -q` into DIR/store whose only seed, http://dead.test:PORT/
// (in `seed`), is --resolve'd to a loopback port with nothing listening;
// the back-off is shortened (DIR/fast.toml). Returns the exit code.
int CrawlRefusedSeed(const std::filesystem::path& dir, std::string* seed, std::string* out,
                     std::string* err);
// A new empty store in `store_dir`, closed again; false and a test failure
// when it cannot be made.
bool CreateEmptyStore(const std::string& store_dir);
// A new store in `store_dir` with `config` recorded, as `crawl` leaves it
// before its engine runs: for tests that drive a CrawlEngine themselves.
// nullptr (and a test failure) when it cannot be made.
std::unique_ptr<storage::Store> CreateStoreWithConfig(const std::string& store_dir,
                                                      const CrawlConfig& config);
// A new store with `config` recorded (CreateStoreWithConfig) and a
// CrawlEngine on it, for tests that set the engine's test hooks before they
// run it. `engine` is null (and the test has failed) when the store could
// not be made.
struct EngineOnNewJob {
  EngineOnNewJob(const CrawlConfig& config, const std::string& store_dir);
  std::unique_ptr<storage::Store> store;
  SystemClock clock;
  std::unique_ptr<CrawlEngine> engine;
};
// http://host:port/target on `server`.
std::string ServerUrl(const fixture::FixtureServer& server, const std::string& host,
                      const std::string& target);
// The requests `server` has seen, grouped by host or by page URL
// (http://host:port/target), each group in the order the requests started.
using RequestGroups = std::map<std::string, std::vector<fixture::RequestRecord>>;
RequestGroups RequestsByHost(const fixture::FixtureServer& server);
RequestGroups RequestsByUrl(const fixture::FixtureServer& server);
// Politeness as the server saw it: each request to a host starts at least
// `min_gap_seconds` after the host's previous response began.
void ExpectGapsPerHostAtLeast(const fixture::FixtureServer& server, double min_gap_seconds);

// Watch mode made quick for a test: the pages the crawl watches are re-polled
// every 0.2 s (between 0.1 and 0.4 s) for `cycles` cycles.
void WatchBriefly(CrawlConfig* config, uint32_t cycles);
// Runs a CrawlEngine to the end on a new store in `store_dir` (no recorded
// config, unlike CrawlInProcess), calling `before_fetch_page`, when set,
// before each page fetch; then waits until `server` has no connection left.
CrawlOutcome RunEngineOnNewStore(
    const CrawlConfig& config, const std::string& store_dir, fixture::FixtureServer& server,
    std::function<void(const std::string& url)> before_fetch_page = nullptr);
// The store in `store_dir`, opened read-only; nullptr and a test failure
// when it cannot be.
std::unique_ptr<storage::Store> OpenReadOnly(const std::string& store_dir);

// A fixture server of a test's own, in a temp dir that also holds the
// crawl's store, and what one in-process crawl of it left: the set-up the
// fixture crawl tests share. Suites that keep more of a run derive from it.
struct FixtureRun {
  TempDir dir;
  std::string store = (dir / "store").string();
  std::unique_ptr<fixture::FixtureServer> server;  // null when it did not start
  CrawlOutcome outcome;
  StoredCrawl stored;
  std::vector<fixture::RequestRecord> requests;  // what the server saw, after Crawl

  // Starts `server` with `options`; false, and a test failure with the
  // reason, when it cannot.
  bool StartServer(const fixture::ServerOptions& options = {});
  // FixtureConfig(*server, tls, min_delay).
  CrawlConfig Config(bool tls = false, double min_delay = 0.0) const;
  // Crawls in process into `store` (CrawlInProcess), then keeps the
  // outcome, the server's requests and what the store holds.
  void Crawl(const CrawlConfig& config);
  // The plain-http site's www homepage, and the URLs a crawl from it fetches.
  std::string Homepage() const;
  std::set<std::string> ExpectedUrls() const { return ExpectedHomepageCrawlUrls(*server); }
  std::map<std::string, int> PageRequests() const { return PageRequestCounts(*server); }
  // `crawl --seed <www homepage> --store STORE` and the server's --resolve
  // flags, for a command-line crawl; callers append their own flags.
  std::vector<std::string> HomepageCrawlArgs(const std::string& store_dir) const;
};

// A test with a FixtureRun of its own, its server started by SetUp with
// ServerOptions().
class FixtureRunTest : public ::testing::Test, protected FixtureRun {
 protected:
  void SetUp() override { ASSERT_TRUE(StartServer(ServerOptions())); }
  virtual fixture::ServerOptions ServerOptions() const { return {}; }
};

// Runs `export_command` (`newscrawl export --store ...`) once per format
// the export checkers read, into `out_dir`: edges.tsv (with its header),
// edges.csv, nodes.csv, graph.graphml, graph.gexf, pages.jsonl (with
// `jsonl_flags`), graph.dot and hosts.dot (--by-host). A failure per
// format that fails.
void ExportEveryGraphFormat(const std::vector<std::string>& export_command,
                            const std::string& out_dir,
                            const std::vector<std::string>& jsonl_flags = {});

// The sum of the [weight=N] of a DOT file's edges: in a --by-host export,
// the URL-level edges its host edges stand for.
uint64_t DotEdgeWeightSum(const std::string& dot_file);

// The end of a finished crawl's check: `newscrawl status --json` counts
// `pages` pages in the store in `store_dir`, and `mdb_stat -a` passes on it.
void ExpectPagesCountedAndStoreIntact(const std::string& store_dir, size_t pages);

}  // namespace nc::testing
