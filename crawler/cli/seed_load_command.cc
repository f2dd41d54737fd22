// `newscrawl seed-load`: queue a file of URLs (one a line, millions of them)
// in a job's store with storage/frontier_loader.h, then `resume` crawls them.
//
// Two threads: this one reads, parses and canonicalises the lines and keys
// their hosts; a loader thread buffers them into FrontierLoader chunks and
// commits. Parsing is about a third of the work and overlaps the loader's
// sorting and writing (tests/bench/README.md, "seed-load").
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/crawl_job.h"
#include "crawler/name_resolver.h"
#include "frontier/host_keyer.h"
#include "frontier/url.h"
#include "storage/frontier_loader.h"
#include "storage/schema.h"

namespace nc {
namespace {

// Parsed seeds on their way to the loader thread: canonical keys and host
// keys back to back in one string (no allocation per URL).
struct SeedBlock {
  std::string text;
  std::vector<uint32_t> key_sizes;
  std::vector<uint32_t> host_sizes;
  std::vector<uint64_t> line_numbers;  // for the loader's refusals
};

constexpr size_t kBlockUrls = 32'768;
// Bytes reserved per URL of a block (canonical key and host key), so that
// the block's text is not copied again and again as it grows.
constexpr size_t kBlockBytesPerUrl = 128;
// Blocks waiting at most: the parser runs ahead of a chunk commit by up to
// this many URLs (~8 MB), enough to overlap it without holding the file.
constexpr size_t kMaxQueuedBlocks = 8;
// Invalid lines printed one by one; the rest are counted.
constexpr uint64_t kMaxReportedLines = 20;

class BlockQueue {
 public:
  void Push(SeedBlock block) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [this] { return blocks_.size() < kMaxQueuedBlocks || stopped_; });
    if (stopped_) return;
    blocks_.push_back(std::move(block));
    ready_.notify_one();
  }
  // False once the producer closed the queue and it is empty.
  bool Pop(SeedBlock& block) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [this] { return !blocks_.empty() || closed_; });
    if (blocks_.empty()) return false;
    block = std::move(blocks_.front());
    blocks_.pop_front();
    space_.notify_one();
    return true;
  }
  void Close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
    ready_.notify_one();
  }
  // The consumer failed: the producer's pushes return at once.
  void Stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    space_.notify_one();
  }
  bool stopped() {
    std::lock_guard lock(mutex_);
    return stopped_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<SeedBlock> blocks_;
  bool closed_ = false;
  bool stopped_ = false;
};

struct LoadOutcome {
  Status status = Status::Ok();
  uint64_t refused = 0;  // host keys the store refused
};

void ReportLine(uint64_t& reported, uint64_t line, const std::string& why) {
  if (++reported > kMaxReportedLines) return;
  std::fprintf(stderr, "newscrawl: seed-load: line %llu: %s\n",
               static_cast<unsigned long long>(line), why.c_str());
}

// The loader thread: every block into `loader`, then the last chunk.
void LoadBlocks(BlockQueue& queue, storage::FrontierLoader& loader, LoadOutcome& outcome,
                std::mutex& report_mutex, uint64_t& reported) {
  SeedBlock block;
  while (queue.Pop(block)) {
    size_t offset = 0;
    for (size_t i = 0; i < block.key_sizes.size(); ++i) {
      const std::string_view key(block.text.data() + offset, block.key_sizes[i]);
      offset += block.key_sizes[i];
      const std::string_view host(block.text.data() + offset, block.host_sizes[i]);
      offset += block.host_sizes[i];
      Status s = loader.Add(key, host, 0);
      if (s.ok()) continue;
      if (s.error().code != "store.invalid") {
        outcome.status = s;
        queue.Stop();
        return;
      }
      ++outcome.refused;
      std::lock_guard lock(report_mutex);
      ReportLine(reported, block.line_numbers[i], s.error().message);
    }
  }
  outcome.status = loader.Flush();
}

std::string_view Trimmed(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

}  // namespace

int RunSeedLoad(const CrawlConfig& config, const std::string& store_dir, const std::string& file) {
  if (Status s = ValidateConfig(config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitUsage;
  }
  std::ifstream opened;
  if (file != "-") {
    opened.open(file, std::ios::binary);
    if (!opened) {
      std::cerr << "newscrawl: seed-load: cannot read " << file << "\n";
      return kExitUsage;
    }
  }
  std::istream& in = file == "-" ? std::cin : opened;
  // MDB_WRITEMAP for the load only: no copy of every dirty page, no pwrite
  // at commit (~40% of the loader thread); the store preallocates its map
  // so a full disk is an error, not SIGBUS (storage/frontier_loader.h).
  auto store = storage::FrontierLoader::OpenStore(store_dir, storage::OpenMode::kOpenOrCreate,
                                                  JobStoreOptions(config));
  if (!store.ok()) {
    std::cerr << "newscrawl: " << store.error().message << "\n";
    return kExitFailure;
  }
  // The job this store holds from now on: `resume` crawls with this config,
  // and its host key mode is the one the frontier is keyed by.
  if (Status s = CheckJobHostKeyMode(**store, config); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return ExitCodeFor(s.error());
  }
  if (Status s = (*store)->PutMeta(storage::schema::kConfigKey, ConfigToToml(config)); !s.ok()) {
    std::cerr << "newscrawl: " << s.error().message << "\n";
    return kExitFailure;
  }
  (*store)->SetMaxUrlsPerHost(config.max_pages_per_host);

  const auto start = std::chrono::steady_clock::now();
  HostKeyer keyer(HostKeyerOptions::FromConfig(config, SystemNameLookup));
  const CanonicalOptions canonical;
  storage::FrontierLoader loader(**store);
  BlockQueue queue;
  LoadOutcome outcome;
  std::mutex report_mutex;
  uint64_t reported = 0, invalid = 0, lines = 0;
  std::thread load_thread(LoadBlocks, std::ref(queue), std::ref(loader), std::ref(outcome),
                          std::ref(report_mutex), std::ref(reported));

  SeedBlock block;
  std::string line;
  while (std::getline(in, line)) {
    ++lines;
    const std::string_view text = Trimmed(line);
    if (text.empty() || text.front() == '#') continue;
    auto url = ParseUrl(text);
    if (!url.ok()) {
      ++invalid;
      std::lock_guard lock(report_mutex);
      ReportLine(reported, lines, url.error().message);
      continue;
    }
    const std::string key = CanonicalKey(*url, canonical);
    const std::string host = keyer.Key(*url);
    if (block.text.empty()) block.text.reserve(kBlockUrls * kBlockBytesPerUrl);
    block.text += key;
    block.text += host;
    block.key_sizes.push_back(static_cast<uint32_t>(key.size()));
    block.host_sizes.push_back(static_cast<uint32_t>(host.size()));
    block.line_numbers.push_back(lines);
    if (block.key_sizes.size() >= kBlockUrls) {
      queue.Push(std::move(block));
      block = SeedBlock{};
      if (queue.stopped()) break;
    }
  }
  if (!block.key_sizes.empty()) queue.Push(std::move(block));
  queue.Close();
  load_thread.join();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  if (reported > kMaxReportedLines) {
    std::fprintf(stderr, "newscrawl: seed-load: %llu more invalid lines not shown\n",
                 static_cast<unsigned long long>(reported - kMaxReportedLines));
  }
  const storage::SeedLoadCounts& c = loader.counts();
  const uint64_t not_queued = invalid + outcome.refused;  // bad lines and refused host keys
  std::fprintf(stderr,
               "newscrawl: seed-load: %llu lines in %.1fs (%.0f URLs/s): %llu URLs queued, "
               "%llu duplicates, %llu over max_pages_per_host, %llu invalid\n",
               static_cast<unsigned long long>(lines), seconds,
               seconds > 0 ? static_cast<double>(c.urls) / seconds : 0.0,
               static_cast<unsigned long long>(c.enqueued),
               static_cast<unsigned long long>(c.duplicates),
               static_cast<unsigned long long>(c.limited),
               static_cast<unsigned long long>(not_queued));
  if (!outcome.status.ok()) {
    std::cerr << "newscrawl: " << outcome.status.error().message << "\n";
    std::fprintf(stderr,
                 "newscrawl: stopped; the store keeps the chunks committed so far (%llu); "
                 "loading the file again queues only what is missing\n",
                 static_cast<unsigned long long>(c.chunks));
    return kExitFailure;
  }
  if (in.bad()) {
    std::cerr << "newscrawl: seed-load: read error in " << file << "\n";
    return kExitFailure;
  }
  std::fprintf(stderr, "newscrawl: crawl them with: newscrawl resume --store %s\n",
               store_dir.c_str());
  return kExitOk;
}

}  // namespace nc
