// FrontierLoader: chunks of seeds written in key order (frontier_loader.h).

#include "storage/frontier_loader.h"

#include <malloc.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <mutex>
#include <numeric>
#include <shared_mutex>
#include <unordered_map>

#include "common/c_ptr.h"
#include "storage/store_impl.h"

namespace nc::storage {
namespace {

using schema::UrlState;

// A url_ids entry as the chunk leaves it: read once, then changed in memory
// and written back once, in key order.
struct UrlSlot {
  schema::UrlIdValue value;
  bool present = false;  // in the store, or created by this chunk
  bool changed = false;
};

// A frontier entry the chunk creates.
struct NewEntry {
  uint32_t entry;  // index into the chunk
  uint32_t host;   // the host's ordinal in the chunk (order of first appearance)
  uint64_t seq;
  uint64_t id;
};

// `created` (in seq order) ordered by host name, then seq.
std::vector<NewEntry> SortedByHost(const std::vector<NewEntry>& created,
                                   const std::vector<std::string_view>& host_names) {
  std::vector<uint32_t> by_name(host_names.size());
  std::iota(by_name.begin(), by_name.end(), 0u);
  std::sort(by_name.begin(), by_name.end(),
            [&](uint32_t a, uint32_t b) { return host_names[a] < host_names[b]; });
  std::vector<size_t> count(host_names.size(), 0);
  for (const NewEntry& e : created) ++count[e.host];
  // next_slot[h]: where host h's next entry goes.
  std::vector<size_t> next_slot(host_names.size(), 0);
  size_t slot = 0;
  for (uint32_t h : by_name) {
    next_slot[h] = slot;
    slot += count[h];
  }
  std::vector<NewEntry> sorted(created.size());
  for (const NewEntry& e : created) sorted[next_slot[e.host]++] = e;
  return sorted;
}

// The first key of `db` beyond which MDB_APPEND may write ("" when empty).
Result<std::string> LastKey(const lmdb::Txn& txn, const lmdb::Dbi& db) {
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, db);
  if (!cursor) return cursor.error();
  Result<std::optional<lmdb::Cursor::Entry>> last = cursor->Get(MDB_LAST);
  if (!last) return last.error();
  return *last ? std::string((*last)->first) : std::string();
}

// A cursor for a chunk's lookups and puts in one database, made in key order.
// A positioned cursor searches its current leaf first (mdb_cursor_set), and
// neighbouring keys of a sorted chunk mostly fall in the same leaf: mdb_get
// and mdb_put descend from the root every time. Its calls are not counted by
// lmdb::OperationTick either: StoreCore::Write drops the map's resident pages
// every 1,000 counted operations (for a crawl's RSS), which in a chunk of
// ~1.5 M operations on a write map was ~2,000 madvise calls of the whole map
// and every page faulted in again (tests/bench/README.md, "Session 12"). The
// map is still released after each commit.
class ChunkCursor {
 public:
  static Result<ChunkCursor> Open(const lmdb::Txn& txn, const lmdb::Dbi& db) {
    MDB_cursor* cursor = nullptr;
    if (Status s = lmdb::Check("mdb_cursor_open", mdb_cursor_open(txn.get(), db.get(), &cursor));
        !s) {
      return s.error();
    }
    return ChunkCursor(cursor);
  }
  // The value stored under `key`, or nullopt. The view is valid until the
  // next write to the database.
  Result<std::optional<std::string_view>> Find(std::string_view key) {
    MDB_val k = lmdb::ToVal(key);
    MDB_val v{};
    const int rc = mdb_cursor_get(cursor_.get(), &k, &v, MDB_SET_KEY);
    if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
    if (Status s = lmdb::Check("mdb_cursor_get", rc); !s) return s.error();
    return std::optional<std::string_view>(lmdb::FromVal(v));
  }
  Status Put(std::string_view key, std::string_view value, unsigned flags) {
    MDB_val k = lmdb::ToVal(key);
    MDB_val v = lmdb::ToVal(value);
    return lmdb::Check("mdb_cursor_put", mdb_cursor_put(cursor_.get(), &k, &v, flags));
  }

 private:
  explicit ChunkCursor(MDB_cursor* cursor) : cursor_(cursor) {}
  CPtr<MDB_cursor, mdb_cursor_close> cursor_;  // closed before the transaction ends
};

// MDB_APPEND for keys past the database's last one: LMDB then writes to the
// rightmost leaf without a search. `last` is "" for an empty database.
unsigned AppendFlag(std::string_view key, const std::string& last, bool db_empty) {
  return db_empty || key > std::string_view(last) ? MDB_APPEND : 0u;
}

// Eight key bytes from `offset` as a big-endian number, zero-padded: numbers
// compare as the bytes do, and a shorter key (padded) never sorts after a
// longer one with the same bytes.
uint64_t KeyWord(std::string_view key, size_t offset) {
  if (offset + 8 <= key.size()) {
    uint64_t word;
    std::memcpy(&word, key.data() + offset, 8);
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
    return word;
  }
  uint64_t word = 0;
  for (size_t b = 0; b < 8; ++b) {
    word <<= 8;
    if (offset + b < key.size()) word |= static_cast<unsigned char>(key[offset + b]);
  }
  return word;
}

struct Sortable {
  uint64_t word;  // KeyWord of the key at the depth its run is sorted on
  uint32_t index;
};

// How many bytes from `depth` on all keys of [begin, end) share (none past
// the shortest key's end).
template <typename KeyOf>
size_t SharedFrom(const Sortable* begin, const Sortable* end, size_t depth, const KeyOf& key_of) {
  const std::string_view first = key_of(begin->index);
  size_t shared = first.size() > depth ? first.size() - depth : 0;
  for (const Sortable* s = begin + 1; s != end && shared > 0; ++s) {
    const std::string_view key = key_of(s->index);
    const size_t limit = std::min(shared, key.size() > depth ? key.size() - depth : 0);
    size_t same = 0;
    while (same + 8 <= limit && KeyWord(first, depth + same) == KeyWord(key, depth + same)) {
      same += 8;
    }
    while (same < limit && first[depth + same] == key[depth + same]) ++same;
    shared = same;
  }
  return shared;
}

// Sorts [begin, end), whose keys agree on their first `depth` bytes, by key
// then index: the bytes they all share next are skipped, they are sorted on
// the following 8 bytes as a number, and each run equal there is sorted the
// same way from 8 bytes further. Keys that all end within those 8 bytes are
// equal up to the shorter's end, with zeros past it (KeyWord's padding), so
// the shorter is a prefix of the longer and sorts first.
template <typename KeyOf>
void SortRun(Sortable* begin, Sortable* end, size_t depth, const KeyOf& key_of) {
  if (end - begin < 2) return;
  depth += SharedFrom(begin, end, depth, key_of);
  for (Sortable* s = begin; s != end; ++s) s->word = KeyWord(key_of(s->index), depth);
  std::sort(begin, end, [](const Sortable& a, const Sortable& b) {
    return a.word != b.word ? a.word < b.word : a.index < b.index;
  });
  for (Sortable* run = begin; run != end;) {
    Sortable* run_end = run + 1;
    while (run_end != end && run_end->word == run->word) ++run_end;
    if (run_end - run > 1) {
      const bool ended = std::all_of(
          run, run_end, [&](const Sortable& s) { return key_of(s.index).size() <= depth + 8; });
      if (ended) {
        std::sort(run, run_end, [&](const Sortable& a, const Sortable& b) {
          const size_t a_size = key_of(a.index).size(), b_size = key_of(b.index).size();
          return a_size != b_size ? a_size < b_size : a.index < b.index;
        });
      } else {
        SortRun(run, run_end, depth + 8, key_of);
      }
    }
    run = run_end;
  }
}

// Indexes 0..n-1 in the order of key_of(i), ties by index. The keys of a
// chunk share long prefixes ("https://www.", then a host's "h12.lejournal
// .test/actualite/2026/04/16/article-") that a string compare walks again at
// every step: 8 bytes at a time are compared as numbers instead, past the
// prefix each run of keys shares (tests/bench/README.md, "Session 12").
template <typename KeyOf>
std::vector<uint32_t> SortedByKey(size_t n, const KeyOf& key_of) {
  std::vector<Sortable> keys(n);
  for (uint32_t i = 0; i < n; ++i) keys[i].index = i;
  SortRun(keys.data(), keys.data() + n, 0, key_of);
  std::vector<uint32_t> order(n);
  for (size_t k = 0; k < n; ++k) order[k] = keys[k].index;
  return order;
}

}  // namespace

Status FrontierLoader::GrowMapForChunk(StoreCore& core) const {
  // A chunk that fills the map is aborted and written again after the map
  // doubles: from the 64 MiB start a 10 M-URL load (3.7 GB) does that six
  // times, each time for part of a 500k-URL chunk. Growing before the chunk
  // skips those reruns; a low estimate only falls back on them. The store
  // takes ~4x the chunk's arena (URL, key and host key; 389 bytes per URL
  // stored for ~95 buffered at 10 M).
  constexpr uint64_t kStoreBytesPerArenaByte = 4;
  const uint64_t need = arena_.size() * kStoreBytesPerArenaByte;
  while (true) {
    uint64_t map_bytes = 0, used = 0;
    {
      std::shared_lock hold(core.map_mu);
      MDB_envinfo info;
      MDB_stat stat;
      if (mdb_env_info(core.env.get(), &info) != 0 || mdb_env_stat(core.env.get(), &stat) != 0) {
        return Status::Ok();  // no figures: the map grows on demand instead
      }
      map_bytes = core.map_bytes;
      used = (uint64_t{info.me_last_pgno} + 1) * stat.ms_psize;
    }
    if (used + need <= map_bytes || map_bytes >= core.max_map_bytes) return Status::Ok();
    if (Status s = core.Grow(map_bytes); !s) return s;
  }
}

FrontierLoader::FrontierLoader(Store& store, size_t chunk_urls)
    : store_(store), chunk_urls_(std::max<size_t>(chunk_urls, 1)) {}

Status FrontierLoader::Add(std::string_view url, std::string_view host_key, uint32_t depth) {
  const std::string& prefix = store_.impl_->prefix;
  if (url.empty()) return MakeError("store.invalid", prefix + "seed with an empty URL");
  if (host_key.empty() || host_key.size() > schema::kMaxHostKeyBytes ||
      host_key.find('\0') != std::string_view::npos) {
    return MakeError("store.invalid", prefix + "invalid host key '" +
                                          std::string(host_key.substr(0, 80)) + "' for " +
                                          std::string(url.substr(0, 200)));
  }
  if (entries_.empty()) {
    // Room for a whole chunk up front: growing by doubling copied the
    // arena again and again (a few % of the load). Pages are only touched
    // as URLs come, so a small load does not pay for the reservation.
    entries_.reserve(chunk_urls_);
    arena_.reserve(chunk_urls_ * kReservedBytesPerUrl);
  }
  const std::string_view key = schema::UrlIdKey(url, &key_buffer_);
  Entry entry;
  entry.url_offset = arena_.size();
  entry.url_size = static_cast<uint32_t>(url.size());
  arena_.append(url);
  if (key.data() == url.data()) {
    entry.key_offset = entry.url_offset;  // inline key: the URL itself
  } else {
    entry.key_offset = arena_.size();
    arena_.append(key);
  }
  entry.key_size = static_cast<uint32_t>(key.size());
  entry.host_offset = arena_.size();
  entry.host_size = static_cast<uint32_t>(host_key.size());
  arena_.append(host_key);
  entry.depth = depth;
  entries_.push_back(entry);
  ++counts_.urls;
  if (entries_.size() >= chunk_urls_) return Flush();
  return Status::Ok();
}

Status FrontierLoader::Flush() {
  Status status = CommitChunk();
  // A failed chunk is dropped too: the caller stops, and loading the input
  // again enqueues what is missing.
  arena_.clear();
  entries_.clear();
  return status;
}

Status FrontierLoader::CommitChunk() {
  if (entries_.empty()) return Status::Ok();
  StoreCore& core = *store_.impl_;
  const size_t n = entries_.size();
  auto key_of = [this](uint32_t i) {
    return View(entries_[i].key_offset, entries_[i].key_size);
  };
  auto host_of = [this](uint32_t i) {
    return View(entries_[i].host_offset, entries_[i].host_size);
  };
  // Key order, ties in input order so that a URL's first occurrence leads.
  const std::vector<uint32_t> by_key = SortedByKey(n, key_of);
  if (Status s = GrowMapForChunk(core); !s) return s;

  SeedLoadCounts chunk;
  Status status = core.Write([&](lmdb::Txn& txn) -> Status {
    chunk = SeedLoadCounts{};  // a retry after map growth starts over
    // This chunk writes url_ids past the writer's cache (store_impl.h).
    core.url_cache.Clear();
    Result<schema::Counters> counters = core.LoadCounters(txn);
    if (!counters) return counters.error();
    Result<std::string> last_url_key = LastKey(txn, core.dbs.url_ids);
    if (!last_url_key) return last_url_key.error();
    Result<std::string> last_frontier_key = LastKey(txn, core.dbs.frontier);
    if (!last_frontier_key) return last_frontier_key.error();
    const bool url_ids_empty = last_url_key->empty();
    const bool frontier_empty = last_frontier_key->empty();

    // 1. Look every distinct key up once, in key order (neighbouring
    // lookups share their B-tree pages). Keys past the last one are new.
    Result<ChunkCursor> url_ids = ChunkCursor::Open(txn, core.dbs.url_ids);
    if (!url_ids) return url_ids.error();
    std::vector<uint32_t> first(n);
    std::vector<UrlSlot> slots(n);  // used at first occurrences
    for (size_t k = 0; k < n; ++k) {
      const uint32_t i = by_key[k];
      if (k > 0 && key_of(by_key[k - 1]) == key_of(i)) {
        first[i] = first[by_key[k - 1]];
        continue;
      }
      first[i] = i;
      if (url_ids_empty || key_of(i) > std::string_view(*last_url_key)) continue;
      const Entry& e = entries_[i];
      Result<std::optional<std::string_view>> stored = url_ids->Find(key_of(i));
      if (!stored) return stored.error();
      if (!*stored) continue;
      if (schema::IsHashedUrlIdKey(key_of(i))) {
        // Rare (long URLs): LookupUrl also checks that the id names this URL.
        Result<std::optional<schema::UrlIdValue>> known =
            core.LookupUrl(txn, View(e.url_offset, e.url_size), key_of(i));
        if (!known) return known.error();
        if (*known) slots[i] = UrlSlot{**known, true, false};
        continue;
      }
      Result<schema::UrlIdValue> value = schema::DecodeUrlIdValue(**stored);
      if (!value) return core.Corrupt("url_ids", value.error());
      slots[i] = UrlSlot{*value, true, false};
    }

    // 2. Decide in input order, as AddSeeds would URL by URL: url ids and
    // seqs are handed out in that order.
    struct Admitted {
      uint64_t count;
      bool changed;
      uint32_t ordinal;  // index into host_names
    };
    std::unordered_map<std::string_view, Admitted> hosts;
    std::vector<std::string_view> host_names;  // in order of first appearance
    const uint64_t max_per_host = core.max_urls_per_host.load(std::memory_order_relaxed);
    std::vector<NewEntry> created;
    created.reserve(n);
    Result<ChunkCursor> urls = ChunkCursor::Open(txn, core.dbs.urls);
    if (!urls) return urls.error();
    auto new_id = [&](uint32_t i, UrlSlot& slot, UrlState state) -> Status {
      const uint64_t id = counters->next_url_id++;
      // Ids only grow: MDB_APPEND (a damaged counter fails with MDB_KEYEXIST).
      const Entry& e = entries_[i];
      if (Status s = urls->Put(schema::IdKey(id), View(e.url_offset, e.url_size), MDB_APPEND);
          !s) {
        return s;
      }
      slot = UrlSlot{{state, id}, true, true};
      return Status::Ok();
    };
    for (uint32_t i = 0; i < n; ++i) {
      UrlSlot& slot = slots[first[i]];
      if (slot.present && slot.value.state != UrlState::kKnown) {
        ++chunk.duplicates;
        continue;
      }
      auto host = hosts.find(host_of(i));
      if (host == hosts.end()) {
        Result<std::optional<std::string_view>> stored = core.dbs.host_counts.Get(txn, host_of(i));
        if (!stored) return stored.error();
        schema::HostCounts counts;
        if (*stored) {
          Result<schema::HostCounts> decoded = schema::DecodeHostCounts(**stored);
          if (!decoded) {
            return core.Corrupt("host_counts value of '" + std::string(host_of(i)) + "'",
                                decoded.error());
          }
          counts = *decoded;
        }
        host = hosts
                   .emplace(host_of(i), Admitted{counts.admitted, false,
                                                 static_cast<uint32_t>(host_names.size())})
                   .first;
        host_names.push_back(host_of(i));
      }
      if (max_per_host != 0 && host->second.count >= max_per_host) {
        ++chunk.limited;
        if (!slot.present) {
          if (Status s = new_id(i, slot, UrlState::kKnown); !s) return s;
        }
        continue;
      }
      ++host->second.count;
      host->second.changed = true;
      if (!slot.present) {
        if (Status s = new_id(i, slot, UrlState::kQueued); !s) return s;
      } else {
        slot.value.state = UrlState::kQueued;
        slot.changed = true;
      }
      created.push_back(NewEntry{i, host->second.ordinal, counters->next_seq++, slot.value.id});
      ++chunk.enqueued;
    }

    // 3. url_ids in key order: appended past the old last key.
    for (uint32_t i : by_key) {
      if (first[i] != i || !slots[i].changed) continue;
      const std::string_view key = key_of(i);
      if (Status s = url_ids->Put(key, schema::EncodeUrlIdValue(slots[i].value),
                                  AppendFlag(key, *last_url_key, url_ids_empty));
          !s) {
        return s;
      }
    }

    // 4. frontier in key order (host key, then seq): `created` is in seq
    // order, so placing it by the rank of its host (a counting sort) keeps
    // seq order within a host; only the distinct hosts are sorted as strings.
    Result<ChunkCursor> frontier = ChunkCursor::Open(txn, core.dbs.frontier);
    if (!frontier) return frontier.error();
    for (const NewEntry& e : SortedByHost(created, host_names)) {
      const std::string key = schema::FrontierKey(host_of(e.entry), e.seq);
      const schema::FrontierValue value{e.id, entries_[e.entry].depth, 0};
      if (Status s = frontier->Put(key, schema::EncodeFrontierValue(value),
                                   AppendFlag(key, *last_frontier_key, frontier_empty));
          !s) {
        return s;
      }
    }

    // 5. Per-host counts and the counters, as AddSeeds writes them.
    for (const auto& [host_key, admitted] : hosts) {
      if (!admitted.changed) continue;
      if (Status s = core.dbs.host_counts.Put(txn, host_key,
                                              schema::EncodeHostCounts({admitted.count}));
          !s) {
        return s;
      }
    }
    return core.dbs.meta.Put(txn, schema::kCountersKey, schema::EncodeCounters(*counters));
  });
  // LMDB mallocs each dirty page of the transaction (4 KiB, below glibc's
  // mmap threshold) and frees them at commit: a chunk of 500k URLs leaves
  // ~250 MB of free heap that glibc keeps unless asked to give it back.
  malloc_trim(0);
  if (!status) return status;
  counts_.enqueued += chunk.enqueued;
  counts_.duplicates += chunk.duplicates;
  counts_.limited += chunk.limited;
  ++counts_.chunks;
  return Status::Ok();
}

}  // namespace nc::storage
