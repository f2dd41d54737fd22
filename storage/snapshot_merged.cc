#include "storage/snapshot_merged.h"

#include <string>
#include <unordered_map>
#include <utility>

#include "common/stable_hash.h"
#include "storage/lmdb.h"
#include "storage/schema.h"
#include "storage/store_impl.h"

namespace nc::storage {
namespace {

// A url_ids lookup or a page/links lookup by id lands far from the previous
// one: weighed as several sequential records (snapshot.cc kPointLookupWeight).
constexpr uint64_t kLookupWeight = 8;

}  // namespace

uint64_t MergedUrlId(std::string_view url) {
  // FNV-1a then the splitmix64 finaliser: stable across builds and
  // machines (std::hash is not), and well mixed.
  uint64_t h = SplitMix64Finalise(Fnv1a64(url));
  h &= 0x7FFFFFFFFFFFFFFFULL;
  return h == 0 ? 1 : h;
}

Result<MergedSnapshot> MergedSnapshot::Begin(const std::vector<const Store*>& stores) {
  std::vector<StoreSnapshot> snapshots;
  snapshots.reserve(stores.size());
  for (size_t i = 0; i < stores.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (stores[j] == stores[i]) {
        return MakeError("export.usage", "the same store is given twice");
      }
    }
    Result<StoreSnapshot> snapshot = StoreSnapshot::Begin(*stores[i]);
    if (!snapshot) return snapshot.error();
    snapshots.push_back(std::move(*snapshot));
  }
  return MergedSnapshot(std::move(snapshots));
}

Status MergedSnapshot::ForEachUrlGroup(
    const std::function<bool(std::string_view url, const std::vector<Member>&)>& fn) const {
  struct Head {
    lmdb::Cursor cursor;
    std::optional<lmdb::Cursor::Entry> entry;
  };
  std::vector<Head> heads;
  heads.reserve(snapshots_.size());
  for (const StoreSnapshot& snapshot : snapshots_) {
    Result<lmdb::Cursor> cursor =
        lmdb::Cursor::Open(snapshot.read_->txn, snapshot.core_->dbs.url_ids);
    if (!cursor) return snapshot.core_->Context(cursor.error());
    Result<std::optional<lmdb::Cursor::Entry>> first = cursor->Get(MDB_FIRST);
    if (!first) return snapshot.core_->Context(first.error());
    heads.push_back(Head{std::move(*cursor), *first});
  }
  std::vector<Member> members;
  while (true) {
    // The smallest key among the heads (few stores: a linear scan).
    std::optional<std::string_view> least;
    for (const Head& head : heads) {
      if (head.entry && (!least || head.entry->first < *least)) least = head.entry->first;
    }
    if (!least) return Status::Ok();
    const std::string_view key = *least;
    members.clear();
    for (size_t i = 0; i < heads.size(); ++i) {
      if (!heads[i].entry || heads[i].entry->first != key) continue;
      const StoreSnapshot& snapshot = snapshots_[i];
      Result<schema::UrlIdValue> value = schema::DecodeUrlIdValue(heads[i].entry->second);
      if (!value) return snapshot.core_->Corrupt("url_ids", value.error());
      members.push_back(Member{i, value->id, value->state == schema::UrlState::kQueued});
    }
    // An inline key is the URL; a hashed one (long URL) names it by id.
    std::string_view url = key;
    if (schema::IsHashedUrlIdKey(key)) {
      const StoreSnapshot& first = snapshots_[members.front().store];
      Result<std::string_view> stored = first.core_->UrlOf(first.read_->txn, members.front().id);
      if (!stored) return stored.error();
      url = *stored;
    }
    if (!fn(url, members)) return Status::Ok();
    // Advance after the callback: `key` and `url` view the heads' entries
    // (valid for the transaction's life anyway).
    for (const Member& member : members) {
      Head& head = heads[member.store];
      Result<std::optional<lmdb::Cursor::Entry>> next = head.cursor.Get(MDB_NEXT);
      if (!next) return snapshots_[member.store].core_->Context(next.error());
      head.entry = *next;
      snapshots_[member.store].ReleaseResidentPages(1);
    }
  }
}

Result<std::vector<MergedSnapshot::Member>> MergedSnapshot::MembersOf(std::string_view url) const {
  std::vector<Member> members;
  std::string key_buffer;
  for (size_t i = 0; i < snapshots_.size(); ++i) {
    const StoreSnapshot& snapshot = snapshots_[i];
    Result<std::optional<schema::UrlIdValue>> value = snapshot.core_->LookupUrl(
        snapshot.read_->txn, url, schema::UrlIdKey(url, &key_buffer));
    if (!value) return value.error();
    snapshot.ReleaseResidentPages(kLookupWeight);
    if (*value) {
      members.push_back(Member{i, (*value)->id, (*value)->state == schema::UrlState::kQueued});
    }
  }
  return members;
}

Result<std::optional<PageView>> MergedSnapshot::ChosenPage(const std::vector<Member>& members,
                                                           size_t* chosen) const {
  std::optional<PageView> best;
  *chosen = 0;
  for (size_t i = 0; i < members.size(); ++i) {
    Result<std::optional<PageView>> page = snapshots_[members[i].store].PageOf(members[i].id);
    if (!page) return page.error();
    // The latest fetch wins; on a tie the store given first (strict >).
    if (*page && (!best || (*page)->fetch_start_ms > best->fetch_start_ms)) {
      best = *page;
      *chosen = i;
    }
  }
  return best;
}

Status MergedSnapshot::ForEachMergedOutlink(std::string_view url,
                                            const std::vector<Member>& members, size_t chosen,
                                            const std::function<bool(const EdgeIdsView&)>& fn,
                                            bool* stopped) const {
  const uint64_t source_id = MergedUrlId(url);
  // Per (target URL, role): how many were written, and how many the store
  // being read has shown so far. A store adds a copy only past the count
  // already written, so the result has, per (target, role), the largest
  // count of any one store: an edge in two stores is written once, a page
  // that links twice to a target keeps both links. Only needed when more
  // than one store has the URL.
  std::unordered_map<std::string, std::pair<uint32_t, uint32_t>> counts;
  std::string key;
  uint64_t ordinal = 0;
  for (size_t n = 0; n < members.size(); ++n) {
    // The chosen store first, then the others in store order.
    const size_t index = n == 0 ? chosen : (n <= chosen ? n - 1 : n);
    const Member& member = members[index];
    for (auto& [unused, count] : counts) count.second = 0;
    bool stopped_here = false;
    Status status = snapshots_[member.store].ForEachOutlink(
        member.id, [&](const EdgeIdsView& edge) {
          if (members.size() > 1) {
            key.assign(edge.target);
            key.push_back('\0');
            key.push_back(static_cast<char>(edge.role));
            auto& [written, in_this_store] = counts[key];
            if (++in_this_store <= written) return true;
            ++written;
          }
          EdgeIdsView merged = edge;
          merged.source_id = source_id;
          merged.source = url;
          merged.target_id = MergedUrlId(edge.target);
          merged.ordinal = ordinal++;
          if (!fn(merged)) {
            stopped_here = true;
            return false;
          }
          return true;
        });
    if (!status) return status;
    if (stopped_here) {
      *stopped = true;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status MergedSnapshot::ForEachUrl(const std::function<bool(const UrlView&)>& fn,
                                  UrlPass pass) const {
  Status error;
  Status status = ForEachUrlGroup([&](std::string_view url, const std::vector<Member>& members) {
    size_t chosen = 0;
    Result<std::optional<PageView>> page = ChosenPage(members, &chosen);
    if (!page) {
      error = page.error();
      return false;
    }
    if (!*page && pass == UrlPass::kPagesOnly) return true;
    UrlView view;
    view.id = MergedUrlId(url);
    view.url = url;
    if (*page) {
      view.status = UrlStatus::kPage;
      view.page = &**page;
    } else if (pass == UrlPass::kAll) {
      for (const Member& member : members) {
        if (member.queued) view.status = UrlStatus::kQueued;
      }
    }
    return fn(view);
  });
  if (!status) return status;
  return error;
}

Status MergedSnapshot::ForEachEdge(const std::function<bool(const EdgeIdsView&)>& fn) const {
  // Driven by each store's links table in turn, not by the merged URLs: most
  // URLs have no outlinks, and a lookup per URL and store cost 30x the CPU of
  // a one-store edge pass on the bench store. A source is written when met
  // in the first store that has outlinks for it, with every store's.
  std::string key_buffer;
  for (size_t store = 0; store < snapshots_.size(); ++store) {
    const StoreSnapshot& snapshot = snapshots_[store];
    bool stopped = false;
    Status status = snapshot.core_->ForEachById(
        snapshot.read_->txn, snapshot.core_->dbs.links, "links",
        [&](uint64_t source_id, std::string_view value) -> Result<bool> {
          // The sequential read of this store's links counts too, also for a
          // source skipped below (else RSS grew by the skipped records).
          snapshot.ReleaseResidentPages(1 + schema::EdgeReader(value).count());
          Result<std::string_view> url = snapshot.core_->UrlOf(snapshot.read_->txn, source_id);
          if (!url) return url.error();
          std::vector<Member> members;
          for (size_t other = 0; other < snapshots_.size(); ++other) {
            if (other == store) {
              members.push_back(Member{store, source_id, false});
              continue;
            }
            const StoreSnapshot& them = snapshots_[other];
            Result<std::optional<schema::UrlIdValue>> value = them.core_->LookupUrl(
                them.read_->txn, *url, schema::UrlIdKey(*url, &key_buffer));
            if (!value) return value.error();
            them.ReleaseResidentPages(kLookupWeight);
            if (!*value) continue;
            if (other < store) {
              // Written already if that earlier store has outlinks for it.
              Result<std::optional<std::string_view>> links =
                  them.core_->dbs.links.Get(them.read_->txn, schema::IdKey((*value)->id));
              if (!links) return them.core_->Context(links.error());
              them.ReleaseResidentPages(kLookupWeight);
              if (*links) return true;
            }
            members.push_back(Member{other, (*value)->id, false});
          }
          size_t chosen = 0;
          if (members.size() > 1) {
            Result<std::optional<PageView>> page = ChosenPage(members, &chosen);
            if (!page) return page.error();
          }
          if (Status s = ForEachMergedOutlink(*url, members, chosen, fn, &stopped); !s) {
            return s.error();
          }
          return !stopped;
        });
    if (!status) return status;
    if (stopped) return Status::Ok();
  }
  return Status::Ok();
}

Status MergedSnapshot::ForEachOutlinkOf(uint64_t /*id*/, std::string_view url,
                                        const std::function<bool(const EdgeIdsView&)>& fn) const {
  Result<std::vector<Member>> members = MembersOf(url);
  if (!members) return members.error();
  if (members->empty()) return Status::Ok();
  size_t chosen = 0;
  if (members->size() > 1) {
    Result<std::optional<PageView>> page = ChosenPage(*members, &chosen);
    if (!page) return page.error();
  }
  bool stopped = false;
  return ForEachMergedOutlink(url, *members, chosen, fn, &stopped);
}

Result<std::optional<PageView>> MergedSnapshot::PageRecordOf(uint64_t /*id*/,
                                                             std::string_view url) const {
  Result<std::vector<Member>> members = MembersOf(url);
  if (!members) return members.error();
  size_t chosen = 0;
  return ChosenPage(*members, &chosen);
}

Result<std::optional<int64_t>> MergedSnapshot::FirstSeenOf(uint64_t /*id*/,
                                                            std::string_view url) const {
  Result<std::vector<Member>> members = MembersOf(url);
  if (!members) return members.error();
  std::optional<int64_t> earliest;
  for (const Member& member : *members) {
    Result<std::optional<int64_t>> seen = snapshots_[member.store].FirstSeenOf(member.id);
    if (!seen) return seen.error();
    if (*seen && **seen > 0 && (!earliest || **seen < *earliest)) earliest = **seen;
  }
  return earliest;
}

}  // namespace nc::storage
