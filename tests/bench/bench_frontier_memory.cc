// Frontier memory benchmark (issue 5): loads the durable frontier with 10k,
// 100k, 1M (and with --full, 10M) synthetic URLs over 10k hosts, then lets the
// politeness scheduler dispatch 200k of them, and reports for each size the
// process's anonymous RSS (heap: what must stay flat), its file-backed RSS
// (LMDB pages mapped from the page cache) and the store size. Each size runs
// in its own child process so the figures do not mix.
//
// Run: build/tests/bench/bench_frontier_memory [--full]

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "common/clock.h"
#include "frontier/scheduler.h"
#include "storage/store.h"

namespace {

constexpr size_t kHosts = 10'000;
constexpr size_t kDispatches = 200'000;

// URLs per write transaction (like the crawler's batches of pages × links).
size_t ChunkSize() {
  const char* v = std::getenv("BENCH_CHUNK");
  return v ? std::strtoul(v, nullptr, 10) : 10'000;
}

// kB value of a "Name:   123 kB" line in /proc/self/status.
long StatusKb(const char* name) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(name, 0) == 0) return std::stol(line.substr(std::strlen(name)));
  }
  return -1;
}

struct Figures {
  double load_seconds = 0;
  double dispatch_seconds = 0;
  long anon_kb_loaded = 0, anon_kb_dispatched = 0, file_kb = 0;
  double store_mb = 0;
  size_t dispatched = 0;
};

Figures Run(size_t urls, const std::filesystem::path& dir) {
  using namespace nc;
  Figures f;
  auto store = storage::Store::Open(dir, storage::OpenMode::kCreate, {});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    std::exit(1);
  }
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<storage::OutlinkRecord> chunk;
  for (size_t i = 0; i < urls;) {
    chunk.clear();
    for (size_t j = 0; j < ChunkSize() && i < urls; ++j, ++i) {
      storage::OutlinkRecord r;
      const size_t host = i % kHosts;
      r.host_key = "h" + std::to_string(host) + ".lejournal.test";
      r.target = "http://" + r.host_key + "/actualite/2026/04/16/article-" + std::to_string(i) +
                 ".html";
      r.role = LinkRole::kHeadline;
      r.follow = true;
      chunk.push_back(std::move(r));
    }
    auto added = (*store)->AddSeeds(chunk);
    if (!added.ok()) {
      std::fprintf(stderr, "%s\n", added.error().message.c_str());
      std::exit(1);
    }
  }
  const auto t1 = std::chrono::steady_clock::now();
  f.load_seconds = std::chrono::duration<double>(t1 - t0).count();
  f.anon_kb_loaded = StatusKb("RssAnon:");

  ManualClock clock;
  SchedulerOptions options;
  options.min_delay_seconds = 0;
  PolitenessScheduler scheduler(options, clock, **store);
  auto hosts = (*store)->PendingHosts();
  for (const auto& h : *hosts) scheduler.AddStoredHost(h);
  FetchFeedback done;
  while (f.dispatched < kDispatches) {
    auto d = scheduler.Next();
    if (!d) break;
    done.started = done.finished = clock.Now();
    if (d->kind == Dispatch::Kind::kFetchRobots) {
      scheduler.OnRobotsFetched(d->host_key, d->origin,
                                RobotsOutcome{RobotsOutcome::Kind::kUnavailable, ""}, done);
    } else if (d->kind == Dispatch::Kind::kFetchPage) {
      done.http_status = 200;
      scheduler.OnFetchFinished(d->host_key, done);
      ++f.dispatched;
    }
  }
  f.dispatch_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count();
  f.anon_kb_dispatched = StatusKb("RssAnon:");
  f.file_kb = StatusKb("RssFile:");
  f.store_mb = static_cast<double>(std::filesystem::file_size(dir / "data.mdb")) / 1e6;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {10'000, 100'000, 1'000'000};
  if (argc > 1 && std::string(argv[1]) == "--full") sizes.push_back(10'000'000);
  std::printf("%10s %9s %10s %13s %15s %12s %10s %12s\n", "urls", "load s", "URLs/s",
              "anon RSS MB", "anon after run", "file RSS MB", "store MB", "dispatch/s");
  for (size_t n : sizes) {
    char pattern[] = "/tmp/newscrawl-bench-XXXXXX";
    const std::filesystem::path dir = mkdtemp(pattern);
    int pipe_fds[2];
    if (pipe(pipe_fds) != 0) return 1;
    pid_t child = fork();
    if (child == 0) {
      Figures f = Run(n, dir / "store");
      if (write(pipe_fds[1], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) _exit(1);
      _exit(0);
    }
    Figures f;
    const bool got = read(pipe_fds[0], &f, sizeof f) == static_cast<ssize_t>(sizeof f);
    waitpid(child, nullptr, 0);
    std::filesystem::remove_all(dir);
    if (!got) {
      std::printf("%10zu failed\n", n);
      continue;
    }
    std::printf("%10zu %9.1f %10.0f %13.1f %15.1f %12.1f %10.1f %12.0f\n", n, f.load_seconds,
                static_cast<double>(n) / f.load_seconds, f.anon_kb_loaded / 1024.0,
                f.anon_kb_dispatched / 1024.0, f.file_kb / 1024.0, f.store_mb,
                static_cast<double>(f.dispatched) / f.dispatch_seconds);
    std::fflush(stdout);
  }
  return 0;
}
