// `newscrawl demo`: serves the embedded fixture news site on loopback (HTTP
// and HTTPS on one port, with a test CA made at start-up), crawls it over
// HTTPS with polite settings scaled down to finish in seconds, exports the
// link graph and says where everything is. With --watch it then watches the
// site for a few cycles while the site publishes headlines on its www
// homepage, and ends by itself.
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "common/clock.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/crawl_job.h"
#include "fixture/fixture_server.h"
#include "storage/export_edges.h"
#include "storage/store.h"

namespace nc {
namespace fs = std::filesystem;
namespace {

constexpr double kDemoWatchSeconds = 1;
constexpr uint32_t kDemoWatchCycles = 4;

// Where the demo writes: OUT/store (a previous demo's store is replaced),
// OUT/edges.tsv and OUT/fixture-ca.pem.
struct DemoPaths {
  fs::path out;
  fs::path store;
  fs::path edges;
};

Result<DemoPaths> PrepareDemoDirectory(const std::string& out_dir) {
  std::error_code ec;
  DemoPaths paths;
  paths.out = fs::absolute(out_dir, ec);
  paths.store = paths.out / "store";
  paths.edges = paths.out / "edges.tsv";
  if (fs::exists(paths.store / "data.mdb")) {
    std::cerr << "newscrawl demo: replacing the previous demo store in " << paths.store << "\n";
    fs::remove_all(paths.store, ec);
  }
  fs::create_directories(paths.out, ec);
  if (ec) {
    return MakeError("demo.directory", "cannot create " + paths.out.string() + ": " + ec.message());
  }
  return paths;
}

// The fixture's HTTPS site from the www homepage, with polite settings
// scaled down to finish in seconds.
CrawlConfig DemoConfig(const fixture::FixtureServer& server, bool watch) {
  CrawlConfig config;
  config.seeds = {server.site(/*tls=*/true).HomepageUrl("www.lejournal.test")};
  for (const auto& arg : server.ResolveArgs()) {
    auto r = ParseResolveOverride(arg);
    if (r.ok()) config.resolve.push_back(*r);
  }
  config.ca_file = server.ca_file();
  config.min_delay = 0.2;  // polite, scaled down: a real crawl keeps the 1 s default
  config.commit_interval_ms = 100;
  if (watch) {
    // Watch mode scaled down like the delay: re-polls every 1 to 4 s, and
    // four of them, so the demo still ends by itself.
    config.watch = kDemoWatchSeconds;
    config.watch_min_interval = 0.5;
    config.watch_max_interval = 4;
    config.watch_cycles = kDemoWatchCycles;
  }
  return config;
}

// The news the demo site publishes while the crawler watches: a headline on
// the www homepage after its 1st and 3rd re-poll (the 2nd and 4th request of
// it), so the crawl finds each on the next re-poll. A thread that looks at
// the server's request log every 100 ms until stopped.
class DemoPublisher {
 public:
  DemoPublisher(fixture::FixtureServer& server, std::string homepage_host)
      : server_(server), host_(std::move(homepage_host)), thread_([this] { Run(); }) {}
  ~DemoPublisher() { Stop(); }
  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::string> Published() {
    std::lock_guard lock(mutex_);
    return published_;
  }

 private:
  void Run() {
    size_t done = 0;
    std::unique_lock lock(mutex_);
    while (!wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_; })) {
      lock.unlock();
      size_t homepage_requests = 0;
      for (const fixture::RequestRecord& r : server_.Requests()) {
        homepage_requests += r.host == host_ && r.target == "/" ? 1 : 0;
      }
      lock.lock();
      const size_t due = homepage_requests >= 4 ? 2 : homepage_requests >= 2 ? 1 : 0;
      for (; done < due; ++done) {
        Result<std::string> url = server_.Publish(host_);
        if (url.ok()) published_.push_back(*url);
      }
    }
  }

  fixture::FixtureServer& server_;
  const std::string host_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;                // guarded by mutex_
  std::vector<std::string> published_;  // guarded by mutex_
  std::thread thread_;                   // last: starts once the rest is built
};

void PrintDemoStart(const fixture::FixtureServer& server, const CrawlConfig& config) {
  std::printf("newscrawl demo: fixture news site on 127.0.0.1:%u (HTTP and HTTPS), hosts:",
              server.port());
  for (const auto& host : server.site(/*tls=*/true).Hosts()) std::printf(" %s", host.c_str());
  std::printf("\nnewscrawl demo: crawling %s (min delay %.1fs per host, robots.txt obeyed)\n",
              config.seeds[0].c_str(), config.min_delay);
  std::fflush(stdout);
}

Status ExportDemoEdges(const storage::Store& store, const fs::path& edges_file) {
  std::ofstream edges(edges_file, std::ios::binary | std::ios::trunc);
  return storage::ExportEdgesTsv(store, edges);
}

// role -> (edges, followed)
using EdgeCountsByRole = std::map<std::string, std::pair<uint64_t, uint64_t>>;

EdgeCountsByRole CountEdgesByRole(const storage::Store& store) {
  EdgeCountsByRole by_role;
  (void)store.ForEachEdge([&](const storage::EdgeView& e) {
    auto& counts = by_role[std::string(LinkRoleName(e.role))];
    ++counts.first;
    counts.second += e.followed ? 1 : 0;
    return true;
  });
  return by_role;
}

void PrintDemoOutcome(const CrawlOutcome& outcome, size_t requests,
                      const EdgeCountsByRole& by_role) {
  std::printf(
      "\nnewscrawl demo: %s in %.1fs: %llu pages fetched (%llu robots-denied), %zu requests "
      "seen by the server\n",
      outcome.end == CrawlOutcome::End::kInterrupted ? "interrupted" : "done",
      outcome.progress.elapsed_seconds, static_cast<unsigned long long>(outcome.progress.fetched),
      static_cast<unsigned long long>(outcome.progress.robots_denied), requests);
  std::printf("edges by role (followed/total):");
  for (const auto& [role, counts] : by_role) {
    std::printf("  %s %llu/%llu", role.c_str(), static_cast<unsigned long long>(counts.second),
                static_cast<unsigned long long>(counts.first));
  }
  std::printf("\n\n");
  std::fflush(stdout);
  PrintSchedulerErrors(outcome.scheduler_errors);
}

void PrintWhereEverythingIs(const DemoPaths& paths, const CrawlConfig& config) {
  std::printf("\nstore:      %s\nedges:      %s\nfixture CA: %s\n", paths.store.c_str(),
              paths.edges.c_str(), (paths.out / "fixture-ca.pem").c_str());
  std::printf("try:        build/newscrawl cat --store %s '%s' | head\n", paths.store.c_str(),
              config.seeds[0].c_str());
}

// Each headline published while watching, and whether the crawl fetched it.
void PrintPublished(const storage::Store& store, const std::vector<std::string>& published) {
  std::printf("published while watching: %zu headline(s)\n", published.size());
  for (std::string url : published) {
    // The server names the http URL; the demo crawls https.
    if (url.starts_with("http://")) url.insert(4, "s");
    auto page = store.GetPage(url);
    const bool fetched = page.ok() && page->has_value();
    std::printf("  %s %s\n", fetched ? "fetched    " : "not fetched", url.c_str());
  }
  std::printf("\n");
  std::fflush(stdout);
}

int DemoFailed(const Error& error) {
  std::cerr << "newscrawl demo: " << error.message << "\n";
  return kExitFailure;
}

}  // namespace

int RunDemo(const std::string& out_dir, const ObserveFlags& observe, bool watch) {
  auto paths = PrepareDemoDirectory(out_dir);
  if (!paths.ok()) return DemoFailed(paths.error());
  auto server = fixture::FixtureServer::Start(fixture::ServerOptions{}, paths->out);
  if (!server.ok()) {
    return DemoFailed(MakeError(server.error().code, "fixture site: " + server.error().message));
  }
  const CrawlConfig config = DemoConfig(**server, watch);
  PrintDemoStart(**server, config);
  if (watch) {
    std::printf("newscrawl demo: then watching: %u re-polls of the homepages, sections and feeds, "
                "while the site publishes 2 headlines on www.lejournal.test\n",
                kDemoWatchCycles);
    std::fflush(stdout);
  }

  // A demo is a crawl job like any other: the same open, checks and record.
  auto store = OpenJobStore(paths->store.string(), storage::OpenMode::kCreate, config);
  if (!store.ok()) return DemoFailed(store.error());
  SystemClock clock;
  // Progress as crawl and resume show it (stderr), and the same event log,
  // status file and --status-addr endpoint.
  auto observer = JobObserver::Start(observe, paths->store.string(), clock);
  if (!observer.ok()) return DemoFailed(observer.error());
  JobRunOptions options;
  if (!observe.off) (*observer)->Fill(options);  // --no-observe: nothing observed
  std::optional<DemoPublisher> publisher;
  if (watch) publisher.emplace(**server, "www.lejournal.test");
  auto outcome = RunCrawlJob(config, **store, clock, std::move(options));
  std::vector<std::string> published;
  if (publisher) {
    publisher->Stop();
    published = publisher->Published();
  }
  (*observer)->Finish();
  if (!outcome.ok()) return DemoFailed(outcome.error());

  if (Status s = ExportDemoEdges(**store, paths->edges); !s.ok()) {
    return DemoFailed(MakeError(s.error().code, "export: " + s.error().message));
  }
  const EdgeCountsByRole by_role = CountEdgesByRole(**store);
  const size_t requests = (*server)->Requests().size();
  (*server)->Stop();
  PrintDemoOutcome(*outcome, requests, by_role);
  if (watch) PrintPublished(**store, published);
  store->reset();
  RunStatus(paths->store.string(), false);
  PrintWhereEverythingIs(*paths, config);
  return kExitOk;
}

int RunFixtureSite(const fixture::SiteOptions& options, const std::string& out_dir) {
  fixture::NewsSite site(options);
  if (Status s = site.WriteToDirectory(out_dir); !s.ok()) {
    std::cerr << "newscrawl fixture-site: " << s.error().message << "\n";
    return kExitFailure;
  }
  // One line per host, so scripts can build --resolve flags or hosts files.
  for (const auto& host : site.Hosts()) std::printf("%s\n", host.c_str());
  return kExitOk;
}

}  // namespace nc
