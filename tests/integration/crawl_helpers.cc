#include "tests/integration/crawl_helpers.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <array>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/clock.h"
#include "crawler/article_record.h"
#include "crawler/crawl_job.h"
#include "storage/schema.h"
#include "tests/common/temp_dir.h"

namespace nc::testing {

CrawlConfig FixtureConfig(const fixture::FixtureServer& server, bool tls, double min_delay) {
  CrawlConfig config;
  config.seeds = {server.site(tls).HomepageUrl("www.lejournal.test")};
  for (const auto& arg : server.ResolveArgs()) {
    auto r = ParseResolveOverride(arg);
    EXPECT_TRUE(r.ok());
    if (r.ok()) config.resolve.push_back(*r);
  }
  config.ca_file = server.ca_file();
  config.min_delay = min_delay;
  config.commit_interval_ms = 20;
  config.connect_timeout = config.read_timeout = config.total_timeout = 20;
  return config;
}

CrawlOutcome CrawlInProcess(const CrawlConfig& config, const std::string& store_dir) {
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenOrCreate, {});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return {};
  SystemClock clock;
  auto outcome = RunCrawlJob(config, **store, clock, JobRunOptions{.handle_signals = false});
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
  return outcome.ok() ? *outcome : CrawlOutcome{};
}

int RunShell(const std::string& command, std::string* out) {
  out->clear();
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return -1;
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out->append(buffer, n);
  return pclose(pipe);
}

uint16_t ClosedLoopbackPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

int CrawlRefusedSeed(const std::filesystem::path& dir, std::string* seed, std::string* out,
                     std::string* err) {
  const std::string port = std::to_string(ClosedLoopbackPort());
  *seed = "http://dead.test:" + port + "/";
  std::ofstream(dir / "fast.toml") << "[politeness]\nbackoff_initial = 0.01\nmin_delay = 0.0\n";
  return RunNewscrawl({"crawl", "--seed", *seed, "--store", (dir / "store").string(), "--config",
                       (dir / "fast.toml").string(), "--resolve",
                       "dead.test:" + port + ":127.0.0.1", "-q"},
                      out, err);
}

bool CreateEmptyStore(const std::string& store_dir) {
  auto created = storage::Store::Open(store_dir, storage::OpenMode::kCreate, {});
  EXPECT_TRUE(created.ok()) << store_dir << ": " << (created.ok() ? "" : created.error().message);
  return created.ok();
}

std::unique_ptr<storage::Store> CreateStoreWithConfig(const std::string& store_dir,
                                                      const CrawlConfig& config) {
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kCreate, {});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return nullptr;
  const Status recorded = (*store)->PutMeta(storage::schema::kConfigKey, ConfigToToml(config));
  EXPECT_TRUE(recorded.ok()) << (recorded.ok() ? "" : recorded.error().message);
  if (!recorded.ok()) return nullptr;
  return std::move(*store);
}

EngineOnNewJob::EngineOnNewJob(const CrawlConfig& config, const std::string& store_dir)
    : store(CreateStoreWithConfig(store_dir, config)),
      engine(store ? std::make_unique<CrawlEngine>(config, *store, clock) : nullptr) {}

StoredCrawl ReadStore(const std::string& store_dir) {
  StoredCrawl crawl;
  storage::OpenOptions options;
  options.read_only = true;
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting, options);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return crawl;
  std::vector<std::string> urls;
  EXPECT_TRUE((*store)->ForEachPageUrl([&](std::string_view url, uint16_t) {
    urls.emplace_back(url);
    return true;
  }).ok());
  for (const auto& url : urls) {
    auto page = (*store)->GetPage(url);
    EXPECT_TRUE(page.ok() && *page) << url;
    if (!page.ok() || !*page) continue;
    switch ((*page)->kind) {
      case storage::FetchKind::kFetched: crawl.fetched.insert(url); break;
      case storage::FetchKind::kRobotsDenied: crawl.robots_denied.insert(url); break;
      case storage::FetchKind::kFailed: crawl.failed.insert(url); break;
    }
    crawl.pages.emplace(url, std::move(**page));
  }
  EXPECT_TRUE((*store)->ForEachEdge([&](const storage::EdgeView& e) {
    crawl.edges.push_back({std::string(e.source), std::string(e.target), std::string(e.anchor_text),
                           std::string(LinkRoleName(e.role)), e.followed});
    return true;
  }).ok());
  EXPECT_TRUE((*store)->ForEachArticle([&](const storage::Store::ArticleEntry& e) {
    ++crawl.article_entries;
    // A version-3 article reads its paragraphs from its page's body.
    const auto page = crawl.pages.find(std::string(e.url));
    Result<Article> article =
        DecodeArticleRecord(e.value, page != crawl.pages.end() ? page->second.body : "");
    EXPECT_TRUE(article.ok()) << e.url << ": " << article.error().message;
    if (article.ok()) crawl.articles.emplace(std::string(e.url), std::move(*article));
    return true;
  }).ok());
  return crawl;
}

::testing::AssertionResult SameUrls(const std::set<std::string>& actual,
                                    const std::set<std::string>& expected) {
  std::string missing, unexpected;
  for (const auto& url : expected) {
    if (!actual.count(url)) missing += "\n  missing:    " + url;
  }
  for (const auto& url : actual) {
    if (!expected.count(url)) unexpected += "\n  unexpected: " + url;
  }
  if (missing.empty() && unexpected.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << actual.size() << " URLs, expected " << expected.size()
                                       << missing << unexpected;
}

int RunNewscrawl(const std::vector<std::string>& args, std::string* out, std::string* err) {
  TempDir capture;
  std::string command = NEWSCRAWL_BINARY;
  for (const auto& arg : args) {
    std::string quoted = "'";
    for (char c : arg) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    command += " " + quoted + "'";
  }
  const std::string out_path = (capture / "out").string(), err_path = (capture / "err").string();
  command += " >" + out_path + " 2>" + err_path + " </dev/null";
  int status = std::system(command.c_str());
  auto slurp = [](const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  };
  if (out) *out = slurp(out_path);
  if (err) *err = slurp(err_path);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string CrawlUsageError(const std::string& seed, const std::vector<std::string>& flags) {
  TempDir dir;
  const std::string store = (dir / "store").string();
  std::vector<std::string> args = {"crawl", "--seed", seed, "--store", store};
  args.insert(args.end(), flags.begin(), flags.end());
  std::string err;
  EXPECT_EQ(RunNewscrawl(args, nullptr, &err), 2) << err;
  EXPECT_FALSE(std::filesystem::exists(store)) << err;
  return err;
}

std::set<std::string> ExpectedHomepageCrawlUrls(const fixture::FixtureServer& server) {
  auto list =
      server.site(false).ExpectedFetchedUrls({server.site(false).HomepageUrl("www.lejournal.test")});
  return {list.begin(), list.end()};
}

void AppendResolveArgs(const fixture::FixtureServer& server, std::vector<std::string>* args) {
  for (const auto& r : server.ResolveArgs()) {
    args->push_back("--resolve");
    args->push_back(r);
  }
}

std::map<std::string, int> PageRequestCounts(const fixture::FixtureServer& server) {
  std::map<std::string, int> counts;
  for (const auto& r : server.Requests()) {
    if (r.target == "/robots.txt") continue;
    ++counts[ServerUrl(server, r.host, r.target)];
  }
  return counts;
}

std::string ServerUrl(const fixture::FixtureServer& server, const std::string& host,
                      const std::string& target) {
  return "http://" + host + ":" + std::to_string(server.port()) + target;
}

namespace {
RequestGroups GroupRequests(
    const fixture::FixtureServer& server,
    const std::function<std::string(const fixture::RequestRecord&)>& key_of) {
  RequestGroups groups;
  for (const fixture::RequestRecord& r : server.Requests()) groups[key_of(r)].push_back(r);
  for (auto& [key, requests] : groups) {
    std::sort(requests.begin(), requests.end(),
              [](const auto& a, const auto& b) { return a.started < b.started; });
  }
  return groups;
}
}  // namespace

RequestGroups RequestsByHost(const fixture::FixtureServer& server) {
  return GroupRequests(server, [](const fixture::RequestRecord& r) { return r.host; });
}

RequestGroups RequestsByUrl(const fixture::FixtureServer& server) {
  return GroupRequests(server, [&server](const fixture::RequestRecord& r) {
    return ServerUrl(server, r.host, r.target);
  });
}

void ExpectGapsPerHostAtLeast(const fixture::FixtureServer& server, double min_gap_seconds) {
  for (const auto& [host, requests] : RequestsByHost(server)) {
    for (size_t i = 1; i < requests.size(); ++i) {
      EXPECT_GE(
          std::chrono::duration<double>(requests[i].started - requests[i - 1].responding).count(),
          min_gap_seconds)
          << host << " request " << i << " " << requests[i].target;
    }
  }
}

void WatchBriefly(CrawlConfig* config, uint32_t cycles) {
  config->watch = 0.2;
  config->watch_min_interval = 0.1;
  config->watch_max_interval = 0.4;
  config->watch_cycles = cycles;
}

CrawlOutcome RunEngineOnNewStore(const CrawlConfig& config, const std::string& store_dir,
                                 fixture::FixtureServer& server,
                                 std::function<void(const std::string& url)> before_fetch_page) {
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kCreate, {});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  if (!store.ok()) return {};
  SystemClock clock;
  CrawlEngine engine(config, **store, clock);
  if (before_fetch_page) engine.SetBeforeFetchPageHookForTesting(std::move(before_fetch_page));
  auto outcome = engine.Run(/*handle_signals=*/false);
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
  EXPECT_TRUE(server.WaitUntilNoConnections());
  return outcome.ok() ? *outcome : CrawlOutcome{};
}

std::unique_ptr<storage::Store> OpenReadOnly(const std::string& store_dir) {
  storage::OpenOptions read_only;
  read_only.read_only = true;
  auto store = storage::Store::Open(store_dir, storage::OpenMode::kOpenExisting, read_only);
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

bool FixtureRun::StartServer(const fixture::ServerOptions& options) {
  auto started = fixture::FixtureServer::Start(options, dir.path());
  EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
  if (!started.ok()) return false;
  server = std::move(*started);
  return true;
}

CrawlConfig FixtureRun::Config(bool tls, double min_delay) const {
  return FixtureConfig(*server, tls, min_delay);
}

void FixtureRun::Crawl(const CrawlConfig& config) {
  outcome = CrawlInProcess(config, store);
  requests = server->Requests();
  stored = ReadStore(store);
}

std::string FixtureRun::Homepage() const {
  return server->site(false).HomepageUrl("www.lejournal.test");
}

std::vector<std::string> FixtureRun::HomepageCrawlArgs(const std::string& store_dir) const {
  std::vector<std::string> args = {"crawl", "--seed", Homepage(), "--store", store_dir};
  AppendResolveArgs(*server, &args);
  return args;
}

void ExportEveryGraphFormat(const std::vector<std::string>& export_command,
                            const std::string& out_dir,
                            const std::vector<std::string>& jsonl_flags) {
  std::vector<std::string> jsonl = {"--format", "jsonl"};
  jsonl.insert(jsonl.end(), jsonl_flags.begin(), jsonl_flags.end());
  jsonl.insert(jsonl.end(), {"--out", out_dir + "/pages.jsonl"});
  const std::vector<std::vector<std::string>> exports = {
      {"--format", "edges", "--header", "--out", out_dir + "/edges.tsv"},
      {"--format", "csv", "--out", out_dir + "/edges.csv"},
      {"--format", "nodes-csv", "--out", out_dir + "/nodes.csv"},
      {"--format", "graphml", "--out", out_dir + "/graph.graphml"},
      {"--format", "gexf", "--out", out_dir + "/graph.gexf"},
      jsonl,
      {"--format", "dot", "--out", out_dir + "/graph.dot"},
      {"--format", "dot", "--by-host", "--out", out_dir + "/hosts.dot"},
  };
  for (const auto& flags : exports) {
    std::vector<std::string> args = export_command;
    args.insert(args.end(), flags.begin(), flags.end());
    std::string err;
    EXPECT_EQ(RunNewscrawl(args, nullptr, &err), 0) << flags[1] << ": " << err;
  }
}

uint64_t DotEdgeWeightSum(const std::string& dot_file) {
  std::ifstream dot(dot_file);
  uint64_t sum = 0;
  for (std::string line; std::getline(dot, line);) {
    if (size_t at = line.find("[weight="); at != std::string::npos) {
      sum += std::stoull(line.substr(at + 8));
    }
  }
  return sum;
}

void ExpectPagesCountedAndStoreIntact(const std::string& store_dir, size_t pages) {
  std::string json;
  ASSERT_EQ(RunNewscrawl({"status", "--store", store_dir, "--json"}, &json, nullptr), 0);
  EXPECT_NE(json.find("\"pages\":" + std::to_string(pages) + ","), std::string::npos) << json;
  EXPECT_EQ(std::system(("mdb_stat -a " + store_dir + " >/dev/null").c_str()), 0);
}

}  // namespace nc::testing
