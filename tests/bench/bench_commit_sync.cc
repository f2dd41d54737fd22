// Cost of durability (issue 5): commits realistic batches — 64 pages, each a
// ~10 KB zstd body and ~40 outlinks (about a quarter of them new URLs that
// are enqueued), through the real Store::CommitBatch — to a store on disk,
// once per [storage] sync mode, and prints pages/s and the p50/p99/max
// latency of a commit. In "periodic" mode the bench does what the
// BatchWriter does, a Store::Sync() every sync interval (default 1000 ms)
// and one at the end, and counts that time in pages/s.
//
// The store must be on the real disk, not tmpfs (fsync is free there): the
// default directory is next to this binary, in the build tree.
//
// Run: build/tests/bench/bench_commit_sync [DIR] [BATCHES]   (default 300 batches)

#include <sys/statfs.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "storage/body_codec.h"
#include "storage/store.h"

namespace {

namespace fs = std::filesystem;
using nc::storage::SyncMode;
using Clock = std::chrono::steady_clock;

constexpr size_t kBatchPages = 64;
constexpr size_t kLinksPerPage = 40;
constexpr size_t kNewLinksPerPage = 10;  // followed, never seen: enqueued
constexpr size_t kBodyBytes = 10 * 1024;
constexpr int kHosts = 20;
constexpr uint32_t kSyncIntervalMs = 1000;

struct Pending {
  std::string host_key;
  nc::QueuedUrl url;
};

// Incompressible bytes, so the zstd frame stays ~kBodyBytes.
std::string RandomBody(std::mt19937_64& rng) {
  std::string body(kBodyBytes, '\0');
  for (size_t i = 0; i + 8 <= body.size(); i += 8) {
    uint64_t v = rng();
    std::memcpy(body.data() + i, &v, 8);
  }
  return body;
}

std::string HostOf(uint64_t n) { return "h" + std::to_string(n % kHosts) + ".bench.test"; }

nc::storage::OutlinkRecord Link(const std::string& url, const std::string& host, bool follow) {
  nc::storage::OutlinkRecord link;
  link.target = url;
  link.host_key = host;
  link.anchor_text = "Un titre d'article assez long pour ressembler aux vrais";
  link.role = follow ? nc::LinkRole::kHeadline : nc::LinkRole::kNav;
  link.follow = follow;
  link.reason = follow ? nc::SkipReason::kNone : nc::SkipReason::kRole;
  link.depth = 1;
  return link;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

struct Figures {
  double pages_per_s = 0, p50_ms = 0, p99_ms = 0, max_ms = 0, sync_total_ms = 0;
  size_t syncs = 0;
};

int Run(const fs::path& dir, const char* name, SyncMode mode, size_t batches, Figures& out) {
  fs::remove_all(dir);
  nc::storage::OpenOptions options;
  options.sync = mode;
  options.initial_map_mib = 1024;  // growth is measured elsewhere
  auto store = nc::storage::Store::Open(dir, nc::storage::OpenMode::kCreate, options);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.error().message.c_str());
    return 1;
  }
  std::mt19937_64 rng(42);
  std::deque<Pending> pending;
  std::vector<nc::storage::OutlinkRecord> seeds;
  for (size_t i = 0; i < kBatchPages; ++i) {
    seeds.push_back(Link("https://" + HostOf(i) + "/seed/" + std::to_string(i), HostOf(i), true));
    seeds.back().depth = 0;
  }
  auto added = (*store)->AddSeeds(seeds);
  if (!added) return 1;
  for (auto& e : added->enqueued) pending.push_back({e.host_key, e.url});

  // Bodies are compressed before the clock starts: the crawler's workers do
  // that, not the writer.
  std::vector<std::string> frames;
  for (int i = 0; i < 16; ++i) frames.push_back(nc::storage::CompressBody(RandomBody(rng), 3));

  std::vector<double> latencies;
  uint64_t next_url = 0;
  Clock::duration total{};
  Clock::time_point last_sync = Clock::now();
  for (size_t b = 0; b < batches; ++b) {
    std::vector<nc::storage::BatchRecord> batch;
    for (size_t i = 0; i < kBatchPages && !pending.empty(); ++i) {
      Pending p = std::move(pending.front());
      pending.pop_front();
      nc::storage::PageRecord page;
      page.url = p.url.url;
      page.host_key = p.host_key;
      page.frontier_seq = p.url.seq;
      page.depth = p.url.depth;
      page.http_status = 200;
      page.fetch_start_ms = 1'700'000'000'000;
      page.fetch_end_ms = page.fetch_start_ms + 120;
      page.content_type = "text/html; charset=utf-8";
      page.response_headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                              "Cache-Control: max-age=60\r\nContent-Length: 40960\r\n\r\n";
      page.body_size = 4 * kBodyBytes;
      page.body_zstd = frames[(b * kBatchPages + i) % frames.size()];
      for (size_t l = 0; l < kLinksPerPage; ++l) {
        if (l < kNewLinksPerPage) {
          uint64_t n = next_url++;
          page.links.push_back(
              Link("https://" + HostOf(n) + "/article/" + std::to_string(n), HostOf(n), true));
        } else {  // navigation links every page shares: already known
          page.links.push_back(Link("https://" + HostOf(l) + "/rubrique/" + std::to_string(l),
                                    HostOf(l), false));
        }
      }
      batch.push_back(std::move(page));
    }
    const Clock::time_point start = Clock::now();
    auto report = (*store)->CommitBatch(batch);
    const Clock::time_point end = Clock::now();
    if (!report) {
      std::fprintf(stderr, "%s\n", report.error().message.c_str());
      return 1;
    }
    latencies.push_back(Ms(end - start));
    total += end - start;
    for (auto& e : report->enqueued) pending.push_back({e.host_key, e.url});
    if (mode == SyncMode::kPeriodic && end - last_sync >= std::chrono::milliseconds(kSyncIntervalMs)) {
      const Clock::time_point s0 = Clock::now();
      if (!(*store)->Sync()) return 1;
      const Clock::duration took = Clock::now() - s0;
      total += took;
      out.sync_total_ms += Ms(took);
      last_sync = Clock::now();
    }
  }
  if (mode == SyncMode::kPeriodic) {  // the sync at a clean stop
    const Clock::time_point s0 = Clock::now();
    if (!(*store)->Sync()) return 1;
    const Clock::duration took = Clock::now() - s0;
    total += took;
    out.sync_total_ms += Ms(took);
  }
  out.syncs = (*store)->SyncCount();
  out.pages_per_s = static_cast<double>(batches * kBatchPages) / std::chrono::duration<double>(total).count();
  out.p50_ms = Percentile(latencies, 0.50);
  out.p99_ms = Percentile(latencies, 0.99);
  out.max_ms = Percentile(latencies, 1.0);
  std::printf("%-9s %10.0f %9.2f %9.2f %9.2f %6zu %12.1f %9.1f\n", name, out.pages_per_s,
              out.p50_ms, out.p99_ms, out.max_ms, out.syncs, out.sync_total_ms,
              static_cast<double>(fs::file_size(dir / "data.mdb")) / 1e6);
  std::fflush(stdout);
  store->reset();
  fs::remove_all(dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  fs::path root = argc > 1 ? fs::path(argv[1])
                           : fs::absolute(argv[0]).parent_path() / "bench-commit-sync";
  size_t batches = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 300;
  fs::create_directories(root);
  struct statfs sfs{};
  statfs(root.c_str(), &sfs);
  constexpr long kTmpfsMagic = 0x01021994;
  std::printf("store dir %s (%s), %zu batches of %zu pages, ~%zu KB body and %zu links each\n",
              root.c_str(), sfs.f_type == kTmpfsMagic ? "tmpfs: fsync is free, figures meaningless"
                                                      : "not tmpfs",
              batches, kBatchPages, kBodyBytes / 1024, kLinksPerPage);
  std::printf("%-9s %10s %9s %9s %9s %6s %12s %9s\n", "mode", "pages/s", "p50 ms", "p99 ms",
              "max ms", "syncs", "sync ms tot", "file MB");
  const struct {
    const char* name;
    SyncMode mode;
  } modes[] = {{"batch", SyncMode::kBatch}, {"meta", SyncMode::kMeta}, {"periodic", SyncMode::kPeriodic}};
  int rounds = std::getenv("BENCH_ROUNDS") ? std::atoi(std::getenv("BENCH_ROUNDS")) : 1;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& m : modes) {
      Figures f;
      if (Run(root / m.name, m.name, m.mode, batches, f) != 0) return 1;
    }
  }
  fs::remove_all(root);
  return 0;
}
