// Time and peak RSS of `newscrawl export` per format on a synthetic store of
// 1,000,000 edges (10,000 pages x 100 links to 200,000 URLs on 500 hosts),
// built through the Store API, not a crawl. Each export runs as a child
// process writing to /dev/null; its peak RSS is the child's ru_maxrss.
// Not a Google Benchmark: one run per format is the figure wanted.
//
// Usage: bench_export [path/to/newscrawl]   (default: build/newscrawl next
// to this binary's build tree). BENCH_KEEP=1 keeps the store;
// BENCH_STORE=DIR builds it in DIR once and reuses it on later runs.
#include <sys/resource.h>
#include <sys/wait.h>
#include <spawn.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "storage/body_codec.h"
#include "storage/store.h"

namespace {

constexpr int kPages = 10'000;
constexpr int kLinksPerPage = 100;
constexpr int kTargets = 200'000;
constexpr int kHosts = 500;

std::string HostOf(int n) { return "h" + std::to_string(n % kHosts) + ".test"; }

nc::storage::PageRecord MakePage(int i) {
  nc::storage::PageRecord page;
  page.host_key = HostOf(i);
  page.url = "https://" + page.host_key + "/page/" + std::to_string(i);
  page.kind = nc::storage::FetchKind::kFetched;
  page.http_status = 200;
  page.fetch_start_ms = 1'700'000'000'000 + i;
  page.fetch_end_ms = page.fetch_start_ms + 120;
  page.content_type = "text/html; charset=utf-8";
  page.response_headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n";
  const std::string body = "<html><head><title>Article " + std::to_string(i) +
                           "</title></head><body>" + std::string(2000, 'x') + "</body></html>";
  page.body_size = body.size();
  page.body_zstd = nc::storage::CompressBody(body, 3);
  for (int k = 0; k < kLinksPerPage; ++k) {
    const int j = static_cast<int>((static_cast<int64_t>(i) * 7919 + k * 104729) % kTargets);
    nc::storage::OutlinkRecord link;
    link.host_key = HostOf(j / 7);
    link.target = "https://" + link.host_key + "/article/" + std::to_string(j);
    link.anchor_text = "Titre de l'article " + std::to_string(j);
    link.role = static_cast<nc::LinkRole>(k % 6);
    link.follow = false;
    link.reason = nc::SkipReason::kRole;
    page.links.push_back(std::move(link));
  }
  return page;
}

bool BuildStore(const std::filesystem::path& dir) {
  auto store = nc::storage::Store::Open(dir, nc::storage::OpenMode::kCreate, {});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return false;
  }
  for (int start = 0; start < kPages; start += 100) {
    std::vector<nc::storage::BatchRecord> batch;
    for (int i = start; i < start + 100; ++i) batch.push_back(MakePage(i));
    auto report = (*store)->CommitBatch(batch);
    if (!report.ok()) {
      std::fprintf(stderr, "%s\n", report.error().message.c_str());
      return false;
    }
  }
  auto stats = (*store)->Stats();
  if (stats.ok()) {
    std::printf("store: %llu edges, %llu urls\n", static_cast<unsigned long long>(stats->edges),
                static_cast<unsigned long long>(stats->urls_known));
    std::fflush(stdout);  // the builder leaves with _exit
  }
  return true;
}

struct RunResult {
  int exit_code = -1;
  double seconds = 0;
  long max_rss_kib = 0;
  double cpu_seconds = 0;  // user + system: steadier than wall time on a shared box
};

RunResult RunExport(const std::string& binary, std::vector<std::string> args) {
  RunResult result;
  const auto start = std::chrono::steady_clock::now();
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawn(&pid, binary.c_str(), nullptr, nullptr, argv.data(), environ) != 0) {
    return result;
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  result.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.max_rss_kib = usage.ru_maxrss;
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  result.cpu_seconds = seconds(usage.ru_utime) + seconds(usage.ru_stime);
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  std::string binary = argc > 1 ? argv[1]
                                : (std::filesystem::path(argv[0]).parent_path() / "../../newscrawl")
                                      .lexically_normal()
                                      .string();
  char tmpl[] = "/tmp/bench_export_XXXXXX";
  if (mkdtemp(tmpl) == nullptr) return 1;
  const char* kept_store = std::getenv("BENCH_STORE");
  const std::filesystem::path dir =
      kept_store != nullptr ? std::filesystem::path(kept_store) : std::filesystem::path(tmpl) / "store";
  const auto build_start = std::chrono::steady_clock::now();
  if (!std::filesystem::exists(dir / "data.mdb")) {
    // Built in a child process so that this one stays small: a spawned
    // child's ru_maxrss starts from its parent's RSS until it execs.
    pid_t builder = fork();
    if (builder == 0) _exit(BuildStore(dir) ? 0 : 1);
    int build_status = 0;
    waitpid(builder, &build_status, 0);
    if (!WIFEXITED(build_status) || WEXITSTATUS(build_status) != 0) return 1;
  }
  std::printf("built in %.1f s; store file %.0f MB\n",
              std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count(),
              static_cast<double>(std::filesystem::file_size(dir / "data.mdb")) / 1e6);
  const std::vector<std::vector<std::string>> formats = {
      {"--format", "edges"},     {"--format", "csv"},
      {"--format", "nodes-csv"}, {"--format", "graphml"},
      {"--format", "gexf"},      {"--format", "dot"},
      {"--format", "dot", "--by-host"}, {"--format", "jsonl"},
      {"--format", "jsonl", "--with-body"}, {"--format", "graphml", "--no-titles"},
  };
  std::printf("| format | time (s) | CPU (s) | peak RSS (MB) |\n|---|---|---|---|\n");
  int failures = 0;
  for (const auto& flags : formats) {
    std::vector<std::string> args = {"export", "--store", dir.string(), "--out", "/dev/null"};
    args.insert(args.end(), flags.begin(), flags.end());
    RunResult r = RunExport(binary, args);
    std::string name;
    for (size_t i = 1; i < flags.size(); ++i) name += (i > 1 ? " " : "") + flags[i];
    std::printf("| %s | %.2f | %.2f | %.1f |%s\n", name.c_str(), r.seconds, r.cpu_seconds,
                r.max_rss_kib / 1024.0,
                r.exit_code == 0 ? "" : " FAILED");
    std::fflush(stdout);
    failures += r.exit_code != 0 || r.max_rss_kib > 64 * 1024;
  }
  if (std::getenv("BENCH_KEEP") == nullptr) std::filesystem::remove_all(tmpl);
  return failures == 0 ? 0 : 1;
}
