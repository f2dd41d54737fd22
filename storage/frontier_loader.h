#pragma once
// FrontierLoader: bulk loading of seed URLs into a store (`newscrawl
// seed-load`, the 10-million-URL benchmark). The result is the store that
// AddSeeds would build from the same URLs in the same order (same url ids,
// same frontier seqs, same host_counts and counters), at a fraction of the
// cost: URLs are buffered compactly, and each chunk is written in one write
// transaction with its url_ids and frontier keys sorted, so the B-tree writes
// walk each database once in key order instead of jumping to a random leaf
// per URL (storage/README.md, "Bulk loading").
//
// Crash safety: a chunk commits whole or not at all, so a load that is
// interrupted leaves a consistent store holding the chunks committed so far;
// loading the same file again enqueues only what is missing.
//
// Threads: one thread uses a loader; the store's other writers (a crawl's
// BatchWriter) wait while a chunk commits, as for AddSeeds.

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "storage/store.h"

namespace nc::storage {

struct StoreCore;

struct SeedLoadCounts {
  uint64_t urls = 0;        // URLs given to Add (valid ones)
  uint64_t enqueued = 0;    // got a frontier entry
  uint64_t duplicates = 0;  // already queued or done (in the store or earlier in the load)
  uint64_t limited = 0;     // not enqueued: the host reached max_urls_per_host (known only)
  uint64_t chunks = 0;      // write transactions committed
};

class FrontierLoader {
 public:
  // 500k URLs of ~90 bytes take ~65 MB of buffer; fewer, larger chunks
  // write fewer B-tree pages per URL (tests/bench/README.md, "10 million URLs").
  static constexpr size_t kDefaultChunkUrls = 500'000;

  explicit FrontierLoader(Store& store, size_t chunk_urls = kDefaultChunkUrls);

  // Store::Open for a load (`seed-load`): with MDB_WRITEMAP, so that write
  // transactions write into the map itself, with no malloc'd copy of each
  // dirty page and no pwrite at commit (tests/bench/README.md, "MDB_WRITEMAP
  // for seed-load"). Every commit is synced whatever options.sync says
  // (LMDB's integrity under MDB_NOSYNC excludes MDB_WRITEMAP). LMDB sizes
  // data.mdb to the map, and a page the disk cannot back would kill the
  // process with SIGBUS; so the whole map is preallocated, at open and at
  // every growth, with a clear "store.disk_full" (or "store.file_too_large")
  // error when it does not fit, and data.mdb is cut back to its used pages
  // at close. A read-only `options` opens as Store::Open does.
  static Result<std::unique_ptr<Store>> OpenStore(const std::filesystem::path& dir, OpenMode mode,
                                                  const OpenOptions& options);

  // Buffers `url` (a canonical key, as AddSeeds takes it) to be queued under
  // `host_key` with `depth`; commits a chunk when the buffer is full. An
  // invalid URL or host key is refused ("store.invalid") and nothing is
  // buffered, so the caller may report it and go on. An Error of a commit
  // (disk full, store full) means the buffered chunk was not written.
  Status Add(std::string_view url, std::string_view host_key, uint32_t depth = 0);
  // Commits what is buffered. Call once at the end of the input.
  Status Flush();

  const SeedLoadCounts& counts() const { return counts_; }

 private:
  struct Entry {
    uint64_t key_offset;  // url_ids key in arena_ (the URL itself when inline)
    uint64_t url_offset;
    uint64_t host_offset;
    uint32_t key_size;
    uint32_t url_size;
    uint32_t host_size;
    uint32_t depth;
  };
  std::string_view View(uint64_t offset, uint32_t size) const {
    return std::string_view(arena_).substr(offset, size);
  }
  Status CommitChunk();
  // Grows the store's map ahead of the buffered chunk (estimated from its
  // arena), so that the chunk's transaction does not fill it and rerun.
  Status GrowMapForChunk(StoreCore& core) const;

  // Arena bytes reserved per URL of a chunk (URL, key, host key: ~100 for
  // typical news URLs); longer URLs grow the arena as needed.
  static constexpr size_t kReservedBytesPerUrl = 128;

  Store& store_;
  const size_t chunk_urls_;
  std::string arena_;  // keys, URLs and host keys of the buffered chunk
  std::vector<Entry> entries_;
  std::string key_buffer_;
  SeedLoadCounts counts_;
};

}  // namespace nc::storage
