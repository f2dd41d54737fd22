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
  // Two id-ordered streams, merged: `articles` (older stores) and the index
  // entries of `article_log` (its keys tagged kIndexTag, before the records).
  struct Stream {
    std::optional<lmdb::Cursor> cursor;
    std::optional<lmdb::Cursor::Entry> entry;
    bool index = false;
    // The id of the current entry; UINT64_MAX when the stream has ended.
    uint64_t id() const {
      if (!entry) return UINT64_MAX;
      return index ? NumberOf(entry->first) : schema::DecodeIdKey(entry->first);
    }
  };
  // Moves `stream` to `got`, ending it where the index entries end, and
  // checks the key of the entry it lands on.
  auto land = [&](Stream& stream, Result<std::optional<lmdb::Cursor::Entry>> got) -> Status {
    if (!got) return core.Context(got.error());
    stream.entry = *got;
    if (!stream.entry) return Status::Ok();
    const std::string_view key = stream.entry->first;
    if (stream.index && key[0] != kIndexTag) {
      stream.entry.reset();
    } else if (stream.index ? !HasTag(key, kIndexTag) : key.size() != 8) {
      return BadKey(core, stream.index ? "article_log" : "articles", key.size());
    }
    return Status::Ok();
  };
  auto open = [&](Stream& stream, const lmdb::Dbi& db) -> Status {
    Result<lmdb::Cursor> cursor = lmdb::Cursor::Open(txn, db);
    if (!cursor) return core.Context(cursor.error());
    stream.cursor = std::move(*cursor);
    return land(stream, stream.index ? stream.cursor->Seek(std::string_view(&kIndexTag, 1))
                                     : stream.cursor->Get(MDB_FIRST));
  };
  Stream old, index;
  index.index = true;
  if (core.dbs.has_articles) {
    if (Status s = open(old, core.dbs.articles); !s) return s;
  }
  if (core.dbs.has_article_log) {
    if (Status s = open(index, core.dbs.article_log); !s) return s;
  }
  while (old.entry || index.entry) {
    const uint64_t id = std::min(old.id(), index.id());
    // The writer keeps an id in one of the two; were it in both, the index
    // (the newer) is the one read, as Get does.
    std::string_view record;
    if (index.id() == id) {
      Result<std::string_view> found = RecordOf(core, txn, id, index.entry->second);
      if (!found) return found.error();
      record = *found;
    } else {
      record = old.entry->second;
    }
    Result<bool> go_on = fn(id, record);
    if (!go_on) return go_on.error();
    if (!*go_on) return Status::Ok();
    for (Stream* stream : {&old, &index}) {
      if (stream->id() != id) continue;
      if (Status s = land(*stream, stream->cursor->Get(MDB_NEXT)); !s) return s;
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
