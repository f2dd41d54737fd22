// Frontier memory benchmark (issue 5): loads the durable frontier with 10k,
// 100k, 1M (and with --full, 10M) synthetic URLs over 10k hosts, then lets the
// politeness scheduler dispatch 200k of them, and reports for each size the
// process's anonymous RSS (heap: what must stay flat), its file-backed RSS
// (LMDB pages mapped from the page cache) and the store size. Each size is
// loaded in one child process and resumed and dispatched in another (as
// `newscrawl seed-load` then `newscrawl resume`), so the figures do not mix.
//
// The store is built by storage::FrontierLoader (issue 16), or with
// BENCH_LOAD=addseeds by AddSeeds in BENCH_CHUNK-URL transactions.
//
// Run: build/tests/bench/bench_frontier_memory [--full]

#include <sys/resource.h>
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
#include "storage/frontier_loader.h"
#include "storage/store.h"

namespace {

constexpr size_t kHosts = 10'000;
constexpr size_t kDispatches = 200'000;

// URLs per AddSeeds transaction (like the crawler's batches of pages × links).
size_t ChunkSize() {
  const char* v = std::getenv("BENCH_CHUNK");
  return v ? std::strtoul(v, nullptr, 10) : 10'000;
}

// URLs per FrontierLoader chunk.
size_t LoaderChunk() {
  const char* v = std::getenv("BENCH_LOADER_CHUNK");
  return v ? std::strtoul(v, nullptr, 10) : nc::storage::FrontierLoader::kDefaultChunkUrls;
}

// BENCH_LOAD=addseeds measures the old path (AddSeeds in BENCH_CHUNK
// transactions) instead of the bulk loader.
bool UseAddSeeds() {
  const char* v = std::getenv("BENCH_LOAD");
  return v && std::string(v) == "addseeds";
}

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "%s\n", message.c_str());
  std::exit(1);
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

// User + system CPU seconds of this process so far.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct Figures {
  double load_seconds = 0;
  double dispatch_seconds = 0;
  double load_cpu_seconds = 0;
  long anon_kb_reopened = 0;
  long anon_kb_loaded = 0, anon_kb_dispatched = 0, file_kb = 0;
  double store_mb = 0;
  size_t dispatched = 0;
};

// Builds the store (in a process of its own, as `newscrawl seed-load` would).
void Load(size_t urls, const std::filesystem::path& dir, Figures& f) {
  using namespace nc;
  auto store = storage::Store::Open(dir, storage::OpenMode::kCreate, {});
  if (!store.ok()) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    std::exit(1);
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto url_of = [](size_t i, std::string* host_key, std::string* url) {
    *host_key = "h" + std::to_string(i % kHosts) + ".lejournal.test";
    *url = "http://" + *host_key + "/actualite/2026/04/16/article-" + std::to_string(i) + ".html";
  };
  if (UseAddSeeds()) {
    // The crawler's path: AddSeeds per chunk (before the bulk loader).
    std::vector<storage::OutlinkRecord> chunk;
    for (size_t i = 0; i < urls;) {
      chunk.clear();
      for (size_t j = 0; j < ChunkSize() && i < urls; ++j, ++i) {
        storage::OutlinkRecord r;
        url_of(i, &r.host_key, &r.target);
        r.role = LinkRole::kHeadline;
        r.follow = true;
        chunk.push_back(std::move(r));
      }
      auto added = (*store)->AddSeeds(chunk);
      if (!added.ok()) Fail(added.error().message);
    }
  } else {
    storage::FrontierLoader loader(**store, LoaderChunk());
    std::string host_key, url;
    for (size_t i = 0; i < urls; ++i) {
      url_of(i, &host_key, &url);
      if (Status s = loader.Add(url, host_key); !s.ok()) Fail(s.error().message);
    }
    if (Status s = loader.Flush(); !s.ok()) Fail(s.error().message);
  }
  const auto t1 = std::chrono::steady_clock::now();
  f.load_seconds = std::chrono::duration<double>(t1 - t0).count();
  f.anon_kb_loaded = StatusKb("RssAnon:");
  f.load_cpu_seconds = CpuSeconds();
}

// Resumes the loaded store in a fresh process, as `newscrawl resume` would,
// and dispatches kDispatches URLs. (In the loading process, LMDB keeps the
// loader's freed dirty pages cached and glibc keeps the heap they came from.)
void ResumeAndDispatch(const std::filesystem::path& dir, Figures& f) {
  using namespace nc;
  auto store = storage::Store::Open(dir, storage::OpenMode::kOpenExisting, {});
  if (!store.ok()) Fail(store.error().message);
  f.anon_kb_reopened = StatusKb("RssAnon:");
  const auto t1 = std::chrono::steady_clock::now();

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
}

// Runs `step(f)` in a child process and takes back the figures it filled.
template <class Step>
bool InChild(Figures& f, Step step) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) return false;
  pid_t child = fork();
  if (child == 0) {
    step(f);
    if (write(pipe_fds[1], &f, sizeof f) != static_cast<ssize_t>(sizeof f)) _exit(1);
    _exit(0);
  }
  close(pipe_fds[1]);
  const bool got = read(pipe_fds[0], &f, sizeof f) == static_cast<ssize_t>(sizeof f);
  close(pipe_fds[0]);
  waitpid(child, nullptr, 0);
  return got;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<size_t> sizes = {10'000, 100'000, 1'000'000};
  if (argc > 1 && std::string(argv[1]) == "--full") sizes.push_back(10'000'000);
  // BENCH_SIZES=100000,10000000 runs only those sizes.
  if (const char* v = std::getenv("BENCH_SIZES")) {
    sizes.clear();
    for (const char* p = v; *p;) {
      char* end = nullptr;
      sizes.push_back(std::strtoul(p, &end, 10));
      p = *end == ',' ? end + 1 : end;
      if (end == p && *p) break;
    }
  }
  std::printf("%10s %8s %8s %9s %11s %10s %11s %12s %9s %11s\n", "urls", "load s", "cpu s",
              "URLs/s", "URLs/cpu-s", "anon load", "anon resume", "anon dispatch", "file RSS",
              "store MB");
  for (size_t n : sizes) {
    char pattern[] = "/tmp/newscrawl-bench-XXXXXX";
    const std::filesystem::path dir = mkdtemp(pattern);
    Figures f;
    const bool got = InChild(f, [&](Figures& g) { Load(n, dir / "store", g); }) &&
                     InChild(f, [&](Figures& g) { ResumeAndDispatch(dir / "store", g); });
    std::filesystem::remove_all(dir);
    if (!got) {
      std::printf("%10zu failed\n", n);
      continue;
    }
    std::printf("%10zu %8.1f %8.1f %9.0f %11.0f %10.1f %11.1f %12.1f %9.1f %11.1f\n", n,
                f.load_seconds, f.load_cpu_seconds, static_cast<double>(n) / f.load_seconds,
                static_cast<double>(n) / f.load_cpu_seconds, f.anon_kb_loaded / 1024.0,
                f.anon_kb_reopened / 1024.0, f.anon_kb_dispatched / 1024.0, f.file_kb / 1024.0,
                f.store_mb);
    std::printf("%10s dispatched %zu in %.1f s\n", "", f.dispatched, f.dispatch_seconds);
    std::fflush(stdout);
  }
  return 0;
}
