#include "tests/hostile/hostile_crawl_helpers.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "common/failure_reason.h"
#include "fixture/fixture_server.h"
#include "storage/store.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/crawler_process_helpers.h"

namespace nc::testing {
namespace {

struct HealthyHost {
  const char* host;
  bool tls;
};
constexpr HealthyHost kHealthyHosts[] = {{"healthy-a.lejournal.test", false},
                                         {"healthy-b.lejournal.test", false},
                                         {"healthy-c.lejournal.test", true}};

std::string HostOf(const std::string& url) {
  const size_t start = url.find("://") + 3;
  const size_t end = url.find_first_of(":/", start);
  return url.substr(start, end - start);
}

// This process's resident set in KiB (VmRSS), 0 when unknown.
long OwnRssKib() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.starts_with("VmRSS:")) return std::atol(line.c_str() + 6);
  }
  return 0;
}

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

HostileCrawl RunHostileCrawl(const TempDir& dir, const std::string& config_toml,
                             const std::vector<std::string>& extra_args) {
  HostileCrawl crawl;
  fixture::ServerOptions options;
  for (const HealthyHost& healthy : kHealthyHosts) {
    fixture::HostBehaviour behaviour;
    behaviour.host = healthy.host;
    options.behaviours.push_back(behaviour);
  }
  // The same hosts again, only to ask for their pages (the ground truth).
  const fixture::HostBehaviours healthy_truth(options.behaviours);
  auto fixture = fixture::FixtureServer::Start(options, dir / "fixture-ca");
  EXPECT_TRUE(fixture.ok()) << (fixture.ok() ? "" : fixture.error().message);
  auto hostile = hostile::HostileServer::Start(dir / "hostile-ca");
  EXPECT_TRUE(hostile.ok()) << (hostile.ok() ? "" : hostile.error().message);
  if (!fixture.ok() || !hostile.ok()) return crawl;

  // One CA file trusting both servers' CAs.
  const std::filesystem::path ca_file = dir / "trusted.pem";
  {
    std::ofstream out(ca_file);
    out << Slurp((*fixture)->ca_file()) << Slurp((*hostile)->ca_file());
  }
  {
    std::ofstream out(dir / "crawl.toml");
    out << "[crawl]\nscope = \"seed-hosts\"\ndiscover_feeds = false\n" << config_toml;
  }
  const std::string store = (dir / "store").string();
  std::vector<std::string> args = {
      "crawl",     "--store",        store, "--config", (dir / "crawl.toml").string(),
      "--ca-file", ca_file.string(), "-q"};
  const std::string port = std::to_string((*fixture)->port());
  for (const HealthyHost& healthy : kHealthyHosts) {
    const std::string origin =
        std::string(healthy.tls ? "https://" : "http://") + healthy.host + ":" + port;
    args.insert(args.end(), {"--seed", origin + "/"});
    for (const std::string& path : healthy_truth.PagePaths(healthy.host)) {
      crawl.healthy_expected.insert(origin + path);
    }
  }
  for (const hostile::HostileCase& c : (*hostile)->cases()) {
    args.insert(args.end(), {"--seed", c.url});
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  AppendResolveArgs(**fixture, &args);
  for (const std::string& r : (*hostile)->ResolveArgs()) args.insert(args.end(), {"--resolve", r});

  crawl.test_rss_at_fork_kib = OwnRssKib();
  const auto wall_start = std::chrono::system_clock::now();
  const auto start = std::chrono::steady_clock::now();
  CrawlerProcess process(args, dir.path());
  crawl.exit_code = process.Wait();
  crawl.wall_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  crawl.peak_rss_kib = process.PeakRssKib();
  crawl.stderr_text = process.Stderr();
  const int64_t start_ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(wall_start.time_since_epoch()).count();

  std::string err;
  EXPECT_EQ(
      RunNewscrawl({"status", "--failed", "--json", "--store", store}, &crawl.failed_json, &err), 0)
      << err;
  // url -> reason, as `status --failed --json` lists them.
  std::map<std::string, std::string> listed_reason;
  boost::system::error_code json_ec;
  const boost::json::value listing = boost::json::parse(crawl.failed_json, json_ec);
  EXPECT_FALSE(json_ec) << crawl.failed_json;
  if (!json_ec && listing.is_object() && listing.as_object().contains("failed")) {
    for (const boost::json::value& entry : listing.at("failed").as_array()) {
      listed_reason[std::string(entry.at("url").as_string())] =
          std::string(entry.at("reason").as_string());
    }
  }

  const StoredCrawl stored = ReadStore(store);
  for (const std::string& url : crawl.healthy_expected) {
    const auto page = stored.pages.find(url);
    if (page == stored.pages.end() || page->second.kind != storage::FetchKind::kFetched ||
        page->second.http_status != 200) {
      crawl.healthy_missing.insert(url);
    }
  }
  for (const hostile::HostileCase& c : (*hostile)->cases()) {
    HostileCaseOutcome outcome;
    outcome.spec = c;
    int64_t last_end_ms = start_ms;
    for (const auto& [url, page] : stored.pages) {
      if (HostOf(url) != c.host) continue;
      last_end_ms = std::max({last_end_ms, page.fetch_end_ms, page.fetch_start_ms});
      if (page.kind == storage::FetchKind::kFetched) {
        outcome.fetched = true;
        outcome.truncated = outcome.truncated || page.body_truncated;
      }
      if (page.reason != FailureReason::kNone) {
        outcome.reason = std::string(FailureReasonName(page.reason));
        outcome.failed_url = url;
        outcome.error = page.error;
        outcome.errors.push_back(page.error);
        // The listing must say the same as the record.
        const auto listed = listed_reason.find(url);
        EXPECT_TRUE(listed != listed_reason.end() && listed->second == outcome.reason)
            << url << " is not listed by status --failed --json with reason " << outcome.reason;
      }
    }
    outcome.seconds = static_cast<double>(last_end_ms - start_ms) / 1000.0;
    crawl.cases.push_back(std::move(outcome));
  }
  return crawl;
}

std::string HostileReport(const HostileCrawl& crawl) {
  std::string out;
  char line[512];
  std::snprintf(line, sizeof line, "%-16s %-20s %-20s %8s  %s\n", "case", "expected", "got",
                "seconds", "detail");
  out += line;
  for (const HostileCaseOutcome& c : crawl.cases) {
    const std::string expected = !c.spec.expected_reason.empty() ? c.spec.expected_reason
                                 : c.spec.expected_truncated     ? "fetched, truncated"
                                                                 : "fetched";
    const std::string got = !c.reason.empty() ? c.reason
                            : c.truncated     ? "fetched, truncated"
                            : c.fetched       ? "fetched"
                                              : "(nothing stored)";
    std::snprintf(line, sizeof line, "%-16s %-20s %-20s %8.1f  %s\n", c.spec.name.c_str(),
                  expected.c_str(), got.c_str(), c.seconds, c.error.substr(0, 120).c_str());
    out += line;
  }
  std::snprintf(line, sizeof line,
                "healthy pages fetched: %zu of %zu; crawl wall %.1f s; peak RSS %.1f MiB "
                "(test process at fork %.1f MiB); exit %d\n",
                crawl.healthy_expected.size() - crawl.healthy_missing.size(),
                crawl.healthy_expected.size(), crawl.wall_seconds, crawl.peak_rss_kib / 1024.0,
                crawl.test_rss_at_fork_kib / 1024.0, crawl.exit_code);
  out += line;
  return out;
}

}  // namespace nc::testing
