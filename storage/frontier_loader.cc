// FrontierLoader: chunks of seeds written in key order (frontier_loader.h).

#include "storage/frontier_loader.h"

#include <malloc.h>

#include <algorithm>
#include <numeric>
#include <unordered_map>

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
  uint64_t seq;
  uint64_t id;
};

// The first key of `db` beyond which MDB_APPEND may write ("" when empty).
Result<std::string> LastKey(const lmdb::Txn& txn, const lmdb::Dbi& db) {
  Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, db);
  if (!cursor) return cursor.error();
  Result<std::optional<lmdb::Cursor::Entry>> last = cursor->Get(MDB_LAST);
  if (!last) return last.error();
  return *last ? std::string((*last)->first) : std::string();
}

// MDB_APPEND for keys past the database's last one: LMDB then writes to the
// rightmost leaf without a search. `last` is "" for an empty database.
unsigned AppendFlag(std::string_view key, const std::string& last, bool db_empty) {
  return db_empty || key > std::string_view(last) ? MDB_APPEND : 0u;
}

}  // namespace

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
  std::vector<uint32_t> by_key(n);
  std::iota(by_key.begin(), by_key.end(), 0u);
  std::sort(by_key.begin(), by_key.end(), [&](uint32_t a, uint32_t b) {
    const int c = key_of(a).compare(key_of(b));
    return c != 0 ? c < 0 : a < b;
  });

  SeedLoadCounts chunk;
  Status status = core.Write([&](lmdb::Txn& txn) -> Status {
    chunk = SeedLoadCounts{};  // a retry after map growth starts over
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
      Result<std::optional<schema::UrlIdValue>> known =
          core.LookupUrl(txn, View(e.url_offset, e.url_size), key_of(i));
      if (!known) return known.error();
      if (*known) slots[i] = UrlSlot{**known, true, false};
    }

    // 2. Decide in input order, as AddSeeds would URL by URL: url ids and
    // seqs are handed out in that order.
    struct Admitted {
      uint64_t count;
      bool changed;
    };
    std::unordered_map<std::string_view, Admitted> hosts;
    const uint64_t max_per_host = core.max_urls_per_host.load(std::memory_order_relaxed);
    std::vector<NewEntry> created;
    created.reserve(n);
    auto new_id = [&](uint32_t i, UrlSlot& slot, UrlState state) -> Status {
      const uint64_t id = counters->next_url_id++;
      // Ids only grow: MDB_APPEND (a damaged counter fails with MDB_KEYEXIST).
      const Entry& e = entries_[i];
      if (Status s = core.dbs.urls.Put(txn, schema::IdKey(id), View(e.url_offset, e.url_size),
                                       MDB_APPEND);
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
        host = hosts.emplace(host_of(i), Admitted{counts.admitted, false}).first;
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
      created.push_back(NewEntry{i, counters->next_seq++, slot.value.id});
      ++chunk.enqueued;
    }

    // 3. url_ids in key order: appended past the old last key.
    for (uint32_t i : by_key) {
      if (first[i] != i || !slots[i].changed) continue;
      const std::string_view key = key_of(i);
      if (Status s = core.dbs.url_ids.Put(txn, key, schema::EncodeUrlIdValue(slots[i].value),
                                          AppendFlag(key, *last_url_key, url_ids_empty));
          !s) {
        return s;
      }
    }

    // 4. frontier in key order (host key, then seq).
    std::sort(created.begin(), created.end(), [&](const NewEntry& a, const NewEntry& b) {
      const int c = host_of(a.entry).compare(host_of(b.entry));
      return c != 0 ? c < 0 : a.seq < b.seq;
    });
    for (const NewEntry& e : created) {
      const std::string key = schema::FrontierKey(host_of(e.entry), e.seq);
      const schema::FrontierValue value{e.id, entries_[e.entry].depth, 0};
      if (Status s = core.dbs.frontier.Put(txn, key, schema::EncodeFrontierValue(value),
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
