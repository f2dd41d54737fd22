// Watching a crawl end to end (issue 13): after a fixture crawl observed by
// CrawlStats, /metrics passes a strict exposition-format parser (and
// prometheus_client's, when installed) and its counters match the store;
// events.jsonl has one line per fetch; the status page, opened in headless
// Chromium, lists the fixture hosts in its per-host table (a screenshot is
// left in the build directory).
#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include "common/clock.h"
#include "crawler/crawl_job.h"
#include "crawler/observe/crawl_monitor.h"
#include "crawler/observe/crawl_stats.h"
#include "crawler/observe/event_log.h"
#include "crawler/observe/status_server.h"
#include "tests/common/prometheus_text.h"
#include "tests/common/temp_dir.h"
#include "tests/fixture/test_http_client.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"

namespace nc::testing {
namespace {

namespace fs = std::filesystem;

struct ObservedCrawl {
  TempDir dir;
  std::unique_ptr<fixture::FixtureServer> site;
  SystemClock clock;
  std::unique_ptr<observe::EventLog> events;
  std::unique_ptr<observe::CrawlStats> stats;
  std::unique_ptr<observe::CrawlMonitor> monitor;
  std::unique_ptr<observe::StatusServer> status;
  bool ok = false;
  fs::path store_dir() const { return dir / "store"; }
};

// One crawl shared by the tests; destroyed at exit (the status server first).
ObservedCrawl& Crawl() {
  static std::unique_ptr<ObservedCrawl> run = [] {
    auto owned = std::make_unique<ObservedCrawl>();
    ObservedCrawl* r = owned.get();
    auto site = fixture::FixtureServer::Start(fixture::ServerOptions{}, r->dir.path());
    EXPECT_TRUE(site.ok());
    if (!site.ok()) return owned;
    r->site = std::move(*site);
    auto store = storage::Store::Open(r->store_dir().string(), storage::OpenMode::kCreate, {});
    EXPECT_TRUE(store.ok());
    if (!store.ok()) return owned;
    auto events = observe::EventLog::Open(r->store_dir(), {});
    EXPECT_TRUE(events.ok());
    if (!events.ok()) return owned;
    r->events = std::move(*events);
    r->stats = std::make_unique<observe::CrawlStats>(r->clock);
    r->stats->SetEventLog(r->events.get());
    observe::CrawlMonitor::Options monitor_options;
    monitor_options.status_file = r->store_dir() / "status.json";
    r->monitor = std::make_unique<observe::CrawlMonitor>(*r->stats, r->clock, monitor_options);
    JobRunOptions options;
    options.handle_signals = false;
    options.stats = r->stats.get();
    options.on_progress = [r](const CrawlProgress&) { r->monitor->Tick(); };
    auto outcome = RunCrawlJob(FixtureConfig(*r->site, /*tls=*/false, 0.02), **store, r->clock,
                               std::move(options));
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    r->monitor->Finish();
    r->events->Flush();
    auto status =
        observe::StatusServer::Start({"127.0.0.1", 0}, [r] { return r->monitor->Latest(); });
    EXPECT_TRUE(status.ok());
    if (!status.ok()) return owned;
    r->status = std::move(*status);
    r->ok = outcome.ok();
    return owned;
  }();
  return *run;
}

std::string Get(const std::string& target) {
  fixture::testing::TestConnection c(Crawl().status->port());
  auto response = c.Get("127.0.0.1", target);
  EXPECT_TRUE(c.ok()) << c.error().message();
  EXPECT_EQ(response.result_int(), 200) << target;
  return response.body();
}

storage::StoreStats StoreStatsOf(const fs::path& dir) {
  auto store = storage::Store::Open(dir.string(), storage::OpenMode::kOpenExisting,
                                    storage::OpenOptions{.read_only = true});
  EXPECT_TRUE(store.ok());
  auto stats = (*store)->Stats();
  EXPECT_TRUE(stats.ok());
  return *stats;
}

TEST(ObservedCrawl, MetricsPassAStrictParserAndMatchTheStore) {
  ObservedCrawl& run = Crawl();
  ASSERT_TRUE(run.ok);
  const std::string text = Get("/metrics");
  const PrometheusText metrics = ParsePrometheusText(text);
  ASSERT_TRUE(metrics.errors.empty()) << ::testing::PrintToString(metrics.errors) << text;

  const storage::StoreStats store = StoreStatsOf(run.store_dir());
  const char* classes[] = {"error", "1xx", "2xx", "3xx", "4xx", "5xx"};
  uint64_t pages = 0;
  for (int c = 0; c < 6; ++c) {
    EXPECT_EQ(metrics.Value("newscrawl_page_fetches_total", {{"class", classes[c]}}),
              static_cast<double>(store.pages_by_status_class[c]))
        << classes[c];
    pages += store.pages_by_status_class[c];
  }
  ASSERT_GT(pages, 10u);
  EXPECT_EQ(metrics.Value("newscrawl_robots_denied_total"),
            static_cast<double>(store.robots_denied));
  EXPECT_EQ(metrics.Value("newscrawl_pages_committed_total"),
            static_cast<double>(pages + store.robots_denied));
  EXPECT_EQ(metrics.Value("newscrawl_store_pages"), static_cast<double>(pages));
  EXPECT_EQ(metrics.Value("newscrawl_store_body_bytes"), static_cast<double>(store.stored_bytes));
  EXPECT_EQ(metrics.Value("newscrawl_frontier_queued_urls"),
            static_cast<double>(store.urls_queued));
  EXPECT_EQ(metrics.Value("newscrawl_fetch_duration_seconds_count"),
            static_cast<double>(pages) + *metrics.Value("newscrawl_robots_requests_total"));
  EXPECT_GE(*metrics.Value("newscrawl_commit_duration_seconds_count"), 1);

  // A second, independent parser, when the Debian package is installed
  // (scripts/setup.sh installs python3-prometheus-client).
  // Debian's python3 (the package's), not one found first on PATH (pyenv).
  const std::string python = fs::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  std::string out;
  if (RunShell(python + " -c 'import prometheus_client' 2>/dev/null", &out) != 0) {
    std::cout << "[ note ] python3-prometheus-client not installed: second parser skipped\n";
    return;
  }
  const fs::path file = run.dir / "metrics.txt";
  std::ofstream(file) << text;
  out.clear();
  const std::string script =
      "import sys\n"
      "from prometheus_client.parser import text_string_to_metric_families as parse\n"
      "n = 0\n"
      "for family in parse(open(sys.argv[1]).read()):\n"
      "    for sample in family.samples:\n"
      "        if sample.name == 'newscrawl_page_fetches_total' and sample.labels == {'class': "
      "'2xx'}:\n"
      "            print(int(sample.value))\n";
  std::ofstream(run.dir / "parse.py") << script;
  ASSERT_EQ(RunShell(python + " " + (run.dir / "parse.py").string() + " " + file.string(), &out),
            0)
      << out;
  EXPECT_EQ(out, std::to_string(store.pages_by_status_class[2]) + "\n");
}

TEST(ObservedCrawl, EventLogHasALinePerFetchAndStatusFileTheProgressLine) {
  ObservedCrawl& run = Crawl();
  ASSERT_TRUE(run.ok);
  const storage::StoreStats store = StoreStatsOf(run.store_dir());
  std::ifstream in(run.store_dir() / "events.jsonl");
  std::string line;
  uint64_t fetched = 0, denied = 0;
  while (std::getline(in, line)) {
    ASSERT_EQ(line.rfind("{\"t\":", 0), 0u) << line;
    ASSERT_EQ(line.back(), '}') << line;
    if (line.find("\"event\":\"fetched\"") != std::string::npos) ++fetched;
    if (line.find("\"event\":\"robots-denied\"") != std::string::npos) ++denied;
  }
  uint64_t responses = 0;
  for (int c = 1; c < 6; ++c) responses += store.pages_by_status_class[c];
  EXPECT_EQ(fetched, responses);
  EXPECT_EQ(denied, store.robots_denied);

  // `newscrawl status` shows the line the crawl's terminal showed last.
  std::string out, err;
  ASSERT_EQ(RunNewscrawl({"status", "--store", run.store_dir().string()}, &out, &err), 0) << err;
  const std::string progress = observe::RenderProgressLine(*run.monitor->Latest());
  EXPECT_NE(out.find("last run: " + progress), std::string::npos) << out << "\n" << progress;
}

std::string FindChromium() {
  if (const char* path = std::getenv("NEWSCRAWL_CHROMIUM")) return path;
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (fs::exists(path)) return path;
  }
  return "";
}

TEST(ObservedCrawl, StatusPageInHeadlessChromiumListsTheFixtureHosts) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) {
    GTEST_SKIP() << "chromium is not installed (Debian package chromium, or set "
                    "NEWSCRAWL_CHROMIUM): the status page was not opened in a browser";
  }
  ObservedCrawl& run = Crawl();
  ASSERT_TRUE(run.ok);
  std::set<std::string> hosts;
  for (const auto& url : ReadStore(run.store_dir().string()).fetched) {
    const size_t start = url.find("://") + 3;
    hosts.insert(url.substr(start, url.find_first_of(":/", start) - start));
  }
  ASSERT_GE(hosts.size(), 2u);

  const TempDir profile;
  const std::string flags =
      " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
      " --no-first-run --disable-background-networking"
      " --disable-component-update --disable-sync --disable-extensions"
      " --user-data-dir=" +
      profile.path().string();
  const std::string url = run.status->Url();
  // Wait for the table: the page fills it from its first fetch of
  // /status.json; each attempt gives its script more (virtual) time.
  std::string dom;
  std::set<std::string> missing = hosts;
  for (int budget_ms : {2000, 8000, 30000}) {
    dom.clear();
    RunShell("timeout 120 " + chromium + flags + " --virtual-time-budget=" +
                   std::to_string(budget_ms) + " --dump-dom " + url + " 2>/dev/null",
               &dom);
    missing.clear();
    for (const auto& host : hosts) {
      if (dom.find("data-host=\"" + host + "\"") == std::string::npos) missing.insert(host);
    }
    if (missing.empty()) break;
  }
  EXPECT_TRUE(missing.empty()) << "the per-host table never listed "
                               << ::testing::PrintToString(missing) << "; DOM:\n"
                               << dom;

  // The artifact: a screenshot beside the binaries (build/test-artifacts/).
  const fs::path artifacts = fs::path(NEWSCRAWL_BINARY).parent_path() / "test-artifacts";
  fs::create_directories(artifacts);
  const fs::path shot = artifacts / "status_page.png";
  fs::remove(shot);
  std::string ignored;
  RunShell("timeout 120 " + chromium + flags +
                 " --window-size=1280,900 --virtual-time-budget=5000"
                 " --screenshot=" +
                 shot.string() + " " + url + " 2>/dev/null",
             &ignored);
  EXPECT_TRUE(fs::exists(shot) && fs::file_size(shot) > 1000) << shot;
}

// Issue 13: `newscrawl status` on a running crawl shows the figures of its
// progress line (from the status file), and the same once it has ended.
using ObservedCrawlProcess = FixtureRunTest;

TEST_F(ObservedCrawlProcess, StatusOfARunningCrawlShowsItsProgressLine) {
  std::vector<std::string> args = HomepageCrawlArgs(store);
  args.insert(args.end(), {"--min-delay", "0.3", "--status-addr", "0", "--stats-interval", "1"});
  CrawlerProcess child(args, dir.path());
  // Wait (bounded by the child's life) for the first status file.
  while (!fs::exists(dir / "store" / "status.json") && !child.Exited()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ASSERT_FALSE(child.Exited()) << child.Stderr();
  std::string out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, nullptr), 0);
  EXPECT_NE(out.find("state:   running"), std::string::npos) << out;
  EXPECT_NE(out.find("now:      ["), std::string::npos) << out;
  EXPECT_NE(out.find("| queued "), std::string::npos) << out;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store, "--json"}, &out, nullptr), 0);
  EXPECT_NE(out.find(",\"live\":{\"t\":"), std::string::npos) << out;

  child.Signal(SIGINT);
  ASSERT_EQ(child.Wait(), 3) << child.Stderr();  // interrupted, resumable
  const std::string err = child.Stderr();
  EXPECT_NE(err.find("newscrawl: status page on http://127.0.0.1:"), std::string::npos) << err;
  // Not a terminal: JSON stats lines; the last one has the final figures,
  // which `status` shows as the last run's line.
  const size_t last = err.rfind("{\"t\":");
  ASSERT_NE(last, std::string::npos) << err;
  const std::string key = "\"fetched\":";
  const size_t at = err.find(key, last);
  ASSERT_NE(at, std::string::npos) << err;
  const std::string fetched = err.substr(at + key.size(), err.find(',', at) - at - key.size());
  ASSERT_EQ(RunNewscrawl({"status", "--store", store}, &out, nullptr), 0);
  EXPECT_NE(out.find("last run: ["), std::string::npos) << out;
  EXPECT_NE(out.find("] fetched " + fetched + " ("), std::string::npos) << out << "\n" << err;
}

}  // namespace
}  // namespace nc::testing
