#pragma once
// A thin RAII layer over liblmdb, in two levels (as lmdb++ does): Check()
// turns an LMDB return code into an Error that names the call
// ("mdb_put: MDB_MAP_FULL: Environment mapsize limit reached"), then Env,
// Txn, Dbi and Cursor own their handles. A Txn destroyed without Commit()
// aborts. "Not found" is a value (std::optional), never an Error.
//
// Views returned by Get/Cursor point into the memory map: they stay valid
// until the transaction that produced them ends (or, in a write transaction,
// until the next write to the same database).
//
// Thread safety: the environment is opened with MDB_NOTLS by the Store, so a
// read-only Txn may be used by any one thread at a time; a write Txn belongs
// to the thread that began it.

#include <lmdb.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>
#include <utility>

#include "common/c_ptr.h"
#include "common/result.h"

namespace nc::storage::lmdb {

// Error codes ("lmdb.map_full", "lmdb.disk_full", "lmdb.corrupted", ...) are
// stable tags derived from the return code; the message names `call`.
Error MakeLmdbError(std::string_view call, int rc);
inline Status Check(std::string_view call, int rc) {
  if (rc == MDB_SUCCESS) return Status::Ok();
  return MakeLmdbError(call, rc);
}
inline constexpr std::string_view kMapFullCode = "lmdb.map_full";
inline constexpr std::string_view kDiskFullCode = "lmdb.disk_full";

inline MDB_val ToVal(std::string_view s) {
  return MDB_val{s.size(), const_cast<char*>(s.data())};  // LMDB never writes through it
}
inline std::string_view FromVal(const MDB_val& v) {
  return {static_cast<const char*>(v.mv_data), v.mv_size};
}

class Env {
 public:
  // mdb_env_create + mdb_env_set_maxdbs + mdb_env_set_mapsize.
  static Result<Env> Create(unsigned max_dbs, size_t map_size);
  Env() = default;

  Status Open(const std::filesystem::path& dir, unsigned flags, mdb_mode_t mode = 0644);
  // Callers guarantee that no transaction of this process is active.
  Status SetMapSize(size_t bytes);
  Result<MDB_envinfo> Info() const;
  MDB_env* get() const { return env_.get(); }

 private:
  explicit Env(MDB_env* env) : env_(env) {}
  CPtr<MDB_env, mdb_env_close> env_;  // closed with the Env (moves carry it)
};

// While one is alive, calls its `fn` after every `every` B-tree operations
// the constructing thread makes through this wrapper (Dbi Get, Put,
// Reserve, Del; Cursor Get, Seek, Del). StoreCore::Write uses it to drop the
// map's pages from RSS during a long write transaction. One per thread at a
// time (the write transaction's scope); `fn` must not make operations.
class OperationTick {
 public:
  OperationTick(uint32_t every, std::function<void()> fn);
  ~OperationTick();
  OperationTick(const OperationTick&) = delete;
  OperationTick& operator=(const OperationTick&) = delete;
  // Called by the wrapper before each operation.
  static void Count() {
    if (current != nullptr && ++current->count_ == current->every_) current->Fire();
  }

 private:
  void Fire();
  static thread_local OperationTick* current;  // this thread's, or null
  const uint32_t every_;
  const std::function<void()> fn_;
  uint32_t count_ = 0;
};

class Txn {
 public:
  static Result<Txn> Begin(MDB_env* env, unsigned flags);
  Txn() = default;
  Txn(Txn&& other) noexcept : txn_(std::exchange(other.txn_, nullptr)) {}
  Txn& operator=(Txn&& other) noexcept;
  Txn(const Txn&) = delete;
  Txn& operator=(const Txn&) = delete;
  ~Txn() { Abort(); }

  // The handle is released whether the commit succeeds or not (LMDB frees a
  // transaction whose commit failed).
  Status Commit();
  void Abort();
  MDB_txn* get() const { return txn_; }

 private:
  explicit Txn(MDB_txn* txn) : txn_(txn) {}
  MDB_txn* txn_ = nullptr;
};

// A database handle: a plain number, valid for the life of the environment
// once the transaction that opened it committed.
class Dbi {
 public:
  // nullopt when the database does not exist and `flags` lacks MDB_CREATE.
  static Result<std::optional<Dbi>> Open(Txn& txn, const char* name, unsigned flags);
  Dbi() = default;
  explicit Dbi(MDB_dbi dbi) : dbi_(dbi) {}

  Result<std::optional<std::string_view>> Get(const Txn& txn, std::string_view key) const;
  Status Put(Txn& txn, std::string_view key, std::string_view value, unsigned flags = 0) const;
  // MDB_RESERVE: returns `size` writable bytes inside the map for the value,
  // so large values are copied once, straight into their page.
  Result<char*> Reserve(Txn& txn, std::string_view key, size_t size, unsigned flags = 0) const;
  // false when the key was absent.
  Result<bool> Del(Txn& txn, std::string_view key) const;
  Result<MDB_stat> Stat(const Txn& txn) const;
  MDB_dbi get() const { return dbi_; }

 private:
  MDB_dbi dbi_ = 0;
};

class Cursor {
 public:
  using Entry = std::pair<std::string_view, std::string_view>;

  static Result<Cursor> Open(const Txn& txn, Dbi dbi);
  // The cursor closes with its Cursor, which must happen before the
  // transaction ends: declare the Cursor after its Txn.

  // MDB_FIRST, MDB_NEXT, MDB_GET_CURRENT, ...; nullopt at the end.
  Result<std::optional<Entry>> Get(MDB_cursor_op op);
  // MDB_SET_RANGE (first key >= `key`) or MDB_SET_KEY (exactly `key`).
  Result<std::optional<Entry>> Seek(std::string_view key, MDB_cursor_op op = MDB_SET_RANGE);
  Status Del();

 private:
  explicit Cursor(MDB_cursor* cursor) : cursor_(cursor) {}
  CPtr<MDB_cursor, mdb_cursor_close> cursor_;
};

}  // namespace nc::storage::lmdb
