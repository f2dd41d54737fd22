#pragma once
// Where the store keeps articles (storage/README.md, "article_log"): the
// records in the order they are written, appended, and an index from url id
// to the record's place, both in the one database `article_log`:
//
//   'i' be64 url id  -> be64 seq       index, one per article
//   'r' be64 seq     -> the record     appended (MDB_APPEND): 'r' > 'i' and
//                                      seqs only grow, so a record always
//                                      goes past the database's last key
//
// Why: keyed by url id (the `articles` database until session 10), each
// ~1.5 KB record took a 4 KB leaf of its own. Pages commit in an order that
// interleaves their hosts' id ranges, so records land inside the tree, and
// LMDB's split of a leaf holding two records > 1,360 B leaves one in each
// half; appended, a leaf keeps as many records as fit (two of 1.5 KB).
//
// `articles` (url id -> record) is still read: stores written before keep
// their articles there, and a page written again drops its old article
// from both. New articles go to `article_log` only.
//
// Functions of StoreCore's transactions; any thread for readers, the
// writer for Put/Del.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/lmdb.h"

namespace nc::storage {

struct StoreCore;

namespace article_log {

inline constexpr const char* kDb = "article_log";

std::string IndexKey(uint64_t id);
std::string RecordKey(uint64_t seq);

// The article of url id `id` (either database), or nullopt. The view lives
// as long as the transaction (or the next write to these databases).
Result<std::optional<std::string_view>> Get(const StoreCore& core, const lmdb::Txn& txn,
                                             uint64_t id);

// Every article in url id order: `fn(id, record)` until it returns false
// (stop) or an Error.
Status ForEach(const StoreCore& core, const lmdb::Txn& txn,
               const std::function<Result<bool>(uint64_t, std::string_view)>& fn);

// The writer's side, one per write transaction.
class Writer {
 public:
  Writer(const StoreCore& core, lmdb::Txn& txn) : core_(core), txn_(txn) {}
  // Appends `record` as the article of `id`, which has none (Del first).
  Status Put(uint64_t id, std::string_view record);
  // Drops the article of `id` from either database, if any.
  Status Del(uint64_t id);

 private:
  const StoreCore& core_;
  lmdb::Txn& txn_;
  uint64_t next_seq_ = 0;  // 0: not read yet from the last record
};

}  // namespace article_log
}  // namespace nc::storage
