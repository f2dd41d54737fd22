#pragma once
// Watch mode's share of a write transaction (storage/README.md, "watch",
// "first_seen", "versions", "bodies"): marking pages watched, recording each
// fetch of a watched page (interval, validators, history), and the first
// sighting of every URL. Used by store_write.cc's WriteSession, inside its
// transaction, on the BatchWriter thread (or the caller of AddSeeds).

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "frontier/watch_schedule.h"
#include "storage/records.h"
#include "storage/store_impl.h"

namespace nc::storage {

class WatchWrites {
 public:
  WatchWrites(StoreCore& core, lmdb::Txn& txn, CommitReport& report, const WatchSchedule& schedule)
      : core_(core), txn_(txn), report_(report), schedule_(schedule) {}

  // False for a store opened without the watch databases (never for a writer).
  bool enabled() const { return core_.dbs.has_watch; }

  // The watch entry of url id `id`, if the page is watched.
  Result<std::optional<WatchedPage>> Get(uint64_t id);
  // Writes `page` as the entry of `id` and reports it.
  Status Put(uint64_t id, const WatchedPage& page);

  // Marks `url` watched (no-op when it already is). `pending_seq`: the
  // frontier entry just made for it, 0 when none was.
  Status Mark(uint64_t id, const std::string& url, const std::string& host_key, uint32_t depth,
              uint64_t pending_seq);

  // A fetch of watched page `entry` (of url id `id`) committed. `stored`:
  // the fetch replaced the page record (else it is a visit only: a 304, an
  // error). `new_links`: URLs it queued.
  Status RecordFetch(uint64_t id, WatchedPage entry, const PageRecord& page, bool stored,
                     uint64_t new_links);

  // With crawl.revisit_articles_after set, watches the article `page` (of
  // url id `id`, committed as a page that is not watched: a 2xx fetch) and
  // records this fetch as its first version, due again that long after it.
  // Does nothing otherwise.
  Status WatchArticle(uint64_t id, const PageRecord& page);

  // The first sighting of url id `id` (a new URL), by `announcer_id` (0: a seed).
  Status FirstSeen(uint64_t id, int64_t seen_ms, uint64_t announcer_id);

 private:
  StoreCore& core_;
  lmdb::Txn& txn_;
  CommitReport& report_;
  const WatchSchedule& schedule_;
};

}  // namespace nc::storage
