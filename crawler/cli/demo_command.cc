// `newscrawl demo`: serves the embedded fixture news site on loopback (HTTP
// and HTTPS on one port, with a test CA made at start-up), crawls it over
// HTTPS with polite settings scaled down to finish in seconds, exports the
// link graph and says where everything is.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <fstream>
#include <map>

#include "common/clock.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/crawl_engine.h"
#include "fixture/fixture_server.h"
#include "storage/export_edges.h"
#include "storage/store.h"

namespace nc {
namespace fs = std::filesystem;

int RunDemo(const std::string& out_dir) {
  std::error_code ec;
  const fs::path out = fs::absolute(out_dir, ec);
  const fs::path store_dir = out / "store";
  if (fs::exists(store_dir / "data.mdb")) {
    std::cerr << "newscrawl demo: replacing the previous demo store in " << store_dir << "\n";
    fs::remove_all(store_dir, ec);
  }
  fs::create_directories(out, ec);
  if (ec) {
    std::cerr << "newscrawl demo: cannot create " << out << ": " << ec.message() << "\n";
    return kExitFailure;
  }

  auto server = fixture::FixtureServer::Start(fixture::ServerOptions{}, out);
  if (!server.ok()) {
    std::cerr << "newscrawl demo: fixture site: " << server.error().message << "\n";
    return kExitFailure;
  }
  const fixture::NewsSite& site = (*server)->site(/*tls=*/true);
  CrawlConfig config;
  config.seeds = {site.HomepageUrl("www.lejournal.test")};
  for (const auto& arg : (*server)->ResolveArgs()) {
    auto r = ParseResolveOverride(arg);
    if (r.ok()) config.resolve.push_back(*r);
  }
  config.ca_file = (*server)->ca_file();
  config.min_delay = 0.2;  // polite, scaled down: a real crawl keeps the 1 s default
  config.commit_interval_ms = 100;

  std::printf("newscrawl demo: fixture news site on 127.0.0.1:%u (HTTP and HTTPS), hosts:",
              (*server)->port());
  for (const auto& host : site.Hosts()) std::printf(" %s", host.c_str());
  std::printf("\nnewscrawl demo: crawling %s (min delay %.1fs per host, robots.txt obeyed)\n",
              config.seeds[0].c_str(), config.min_delay);
  std::fflush(stdout);

  auto store = storage::Store::Open(store_dir, storage::OpenMode::kCreate, {});
  if (!store.ok()) {
    std::cerr << "newscrawl demo: " << store.error().message << "\n";
    return kExitFailure;
  }
  (void)(*store)->PutMeta("config", ConfigToToml(config));
  SystemClock clock;
  CrawlEngine engine(config, **store, clock, [](const CrawlProgress& p) {
    std::printf("  [%4.1fs] fetched %llu, committed %llu, queued %llu, in flight %zu\n",
                p.elapsed_seconds, static_cast<unsigned long long>(p.fetched),
                static_cast<unsigned long long>(p.committed),
                static_cast<unsigned long long>(p.enqueued), p.in_flight);
    std::fflush(stdout);
  });
  auto outcome = engine.Run(/*handle_signals=*/true);
  if (!outcome.ok()) {
    std::cerr << "newscrawl demo: " << outcome.error().message << "\n";
    return kExitFailure;
  }

  const fs::path edges_file = out / "edges.tsv";
  {
    std::ofstream edges(edges_file, std::ios::binary | std::ios::trunc);
    if (Status s = storage::ExportEdgesTsv(**store, edges); !s.ok()) {
      std::cerr << "newscrawl demo: export: " << s.error().message << "\n";
      return kExitFailure;
    }
  }
  std::map<std::string, std::pair<uint64_t, uint64_t>> by_role;  // role -> (edges, followed)
  (void)(*store)->ForEachEdge([&](const storage::EdgeView& e) {
    auto& counts = by_role[std::string(LinkRoleName(e.role))];
    ++counts.first;
    counts.second += e.followed ? 1 : 0;
    return true;
  });
  const auto requests = (*server)->Requests();
  (*server)->Stop();

  std::printf("\nnewscrawl demo: %s in %.1fs: %llu pages fetched (%llu robots-denied), %zu requests "
              "seen by the server\n",
              outcome->end == CrawlOutcome::End::kInterrupted ? "interrupted" : "done",
              outcome->progress.elapsed_seconds,
              static_cast<unsigned long long>(outcome->progress.fetched),
              static_cast<unsigned long long>(outcome->progress.robots_denied), requests.size());
  std::printf("edges by role (followed/total):");
  for (const auto& [role, counts] : by_role) {
    std::printf("  %s %llu/%llu", role.c_str(), static_cast<unsigned long long>(counts.second),
                static_cast<unsigned long long>(counts.first));
  }
  std::printf("\n\n");
  store->reset();
  RunStatus(store_dir.string(), false);
  std::printf("\nstore:      %s\nedges:      %s\nfixture CA: %s\n", store_dir.c_str(),
              edges_file.c_str(), (out / "fixture-ca.pem").c_str());
  std::printf("try:        build/newscrawl cat --store %s '%s' | head\n", store_dir.c_str(),
              config.seeds[0].c_str());
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
