#include "storage/article_log.h"

#include <algorithm>
#include <cstdint>

#include "storage/codec.h"
#include "storage/schema.h"
#include "storage/store_impl.h"

namespace nc::storage::article_log {
namespace {

constexpr char kIndexTag = 'i';
constexpr char kRecordTag = 'r';

std::string TaggedKey(char tag, uint64_t n) {
  std::string key(1, tag);
  codec::PutFixed64BE(&key, n);
  return key;
}

bool HasTag(std::string_view key, char tag) { return key.size() == 9 && key[0] == tag; }

uint64_t NumberOf(std::string_view key) { return codec::DecodeFixed64BE(key.data() + 1); }

Error BadKey(const StoreCore& core, std::string_view db, size_t size) {
  return MakeError("store.corrupt", core.prefix + std::string(db) + ": key of " +
                                        std::to_string(size) + " bytes");
}

// The seq an index value names.
Result<uint64_t> SeqOf(const StoreCore& core, uint64_t id, std::string_view value) {
  if (value.size() != 8) {
    return MakeError("store.corrupt", core.prefix + "article_log: index value of url id " +
                                          std::to_string(id) + " has " +
                                          std::to_string(value.size()) + " bytes");
  }
  return codec::DecodeFixed64BE(value.data());
}

Result<std::string_view> RecordOf(const StoreCore& core, const lmdb::Txn& txn, uint64_t id,
                                  std::string_view index_value) {
  Result<uint64_t> seq = SeqOf(core, id, index_value);
  if (!seq) return seq.error();
  Result<std::optional<std::string_view>> record = core.dbs.article_log.Get(txn, RecordKey(*seq));
  if (!record) return core.Context(record.error());
  if (!*record) {
    return MakeError("store.corrupt", core.prefix + "article_log: the record of url id " +
                                          std::to_string(id) + " is missing");
  }
  return **record;
}

}  // namespace

std::string IndexKey(uint64_t id) { return TaggedKey(kIndexTag, id); }
std::string RecordKey(uint64_t seq) { return TaggedKey(kRecordTag, seq); }

Result<std::optional<std::string_view>> Get(const StoreCore& core, const lmdb::Txn& txn,
                                            uint64_t id) {
  if (core.dbs.has_article_log) {
    Result<std::optional<std::string_view>> index = core.dbs.article_log.Get(txn, IndexKey(id));
    if (!index) return core.Context(index.error());
    if (*index) {
      Result<std::string_view> record = RecordOf(core, txn, id, **index);
      if (!record) return record.error();
      return std::optional<std::string_view>(*record);
    }
  }
  if (!core.dbs.has_articles) return std::optional<std::string_view>();
  Result<std::optional<std::string_view>> old = core.dbs.articles.Get(txn, schema::IdKey(id));
  if (!old) return core.Context(old.error());
  return *old;
}

Status ForEach(const StoreCore& core, const lmdb::Txn& txn,
               const std::function<Result<bool>(uint64_t, std::string_view)>& fn) {
  // Two id-ordered streams, merged: `articles` (older stores) and the index.
  struct Stream {
    std::optional<lmdb::Cursor> cursor;
    std::optional<lmdb::Cursor::Entry> entry;
  };
  Stream old, index;
  if (core.dbs.has_articles) {
    Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, core.dbs.articles);
    if (!cursor) return core.Context(cursor.error());
    old.cursor = std::move(*cursor);
    Result<std::optional<lmdb::Cursor::Entry>> first = old.cursor->Get(MDB_FIRST);
    if (!first) return core.Context(first.error());
    old.entry = *first;
  }
  if (core.dbs.has_article_log) {
    Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, core.dbs.article_log);
    if (!cursor) return core.Context(cursor.error());
    index.cursor = std::move(*cursor);
    Result<std::optional<lmdb::Cursor::Entry>> first =
        index.cursor->Seek(std::string_view(&kIndexTag, 1));
    if (!first) return core.Context(first.error());
    index.entry = *first;
    if (index.entry && index.entry->first[0] != kIndexTag) index.entry.reset();
  }
  while (old.entry || index.entry) {
    if (old.entry && old.entry->first.size() != 8) {
      return BadKey(core, "articles", old.entry->first.size());
    }
    if (index.entry && !HasTag(index.entry->first, kIndexTag)) {
      return BadKey(core, "article_log", index.entry->first.size());
    }
    const uint64_t old_id = old.entry ? schema::DecodeIdKey(old.entry->first) : UINT64_MAX;
    const uint64_t index_id = index.entry ? NumberOf(index.entry->first) : UINT64_MAX;
    // The writer keeps an id in one of the two; were it in both, the index
    // (the newer) is the one read, as Get does.
    Stream& from = index_id <= old_id ? index : old;
    const uint64_t id = std::min(index_id, old_id);
    std::string_view record = from.entry->second;
    if (&from == &index) {
      Result<std::string_view> found = RecordOf(core, txn, id, record);
      if (!found) return found.error();
      record = *found;
    }
    Result<bool> go_on = fn(id, record);
    if (!go_on) return go_on.error();
    if (!*go_on) return Status::Ok();
    for (Stream* stream : {&old, &index}) {
      if (!stream->entry || (stream != &from && (stream == &old ? old_id : index_id) != id)) {
        continue;
      }
      Result<std::optional<lmdb::Cursor::Entry>> next = stream->cursor->Get(MDB_NEXT);
      if (!next) return core.Context(next.error());
      stream->entry = *next;
      if (stream == &index && stream->entry && stream->entry->first[0] != kIndexTag) {
        stream->entry.reset();
      }
    }
  }
  return Status::Ok();
}

Status Writer::Put(uint64_t id, std::string_view record) {
  if (next_seq_ == 0) {
    Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn_, core_.dbs.article_log);
    if (!cursor) return cursor.error();
    Result<std::optional<lmdb::Cursor::Entry>> last = cursor->Get(MDB_LAST);
    if (!last) return last.error();
    next_seq_ = *last && HasTag((*last)->first, kRecordTag) ? NumberOf((*last)->first) + 1 : 1;
  }
  if (Status s = core_.dbs.article_log.Put(txn_, RecordKey(next_seq_), record, MDB_APPEND); !s) {
    return s;
  }
  std::string seq;
  codec::PutFixed64BE(&seq, next_seq_++);
  return core_.dbs.article_log.Put(txn_, IndexKey(id), seq);
}

Status Writer::Del(uint64_t id) {
  if (core_.dbs.has_articles) {
    Result<bool> old = core_.dbs.articles.Del(txn_, schema::IdKey(id));
    if (!old) return old.error();
  }
  if (!core_.dbs.has_article_log) return Status::Ok();
  const std::string index_key = IndexKey(id);
  Result<std::optional<std::string_view>> index = core_.dbs.article_log.Get(txn_, index_key);
  if (!index) return index.error();
  if (!*index) return Status::Ok();
  Result<uint64_t> seq = SeqOf(core_, id, **index);
  // A damaged index value: the entry goes, its record (if any) stays unreachable.
  if (seq) {
    Result<bool> record = core_.dbs.article_log.Del(txn_, RecordKey(*seq));
    if (!record) return record.error();
  }
  Result<bool> deleted = core_.dbs.article_log.Del(txn_, index_key);
  return deleted ? Status::Ok() : Status(deleted.error());
}

}  // namespace nc::storage::article_log
