#include "storage/lmdb.h"

#include <cerrno>
#include <string>

namespace nc::storage::lmdb {
namespace {

struct CodeName {
  int rc;
  std::string_view code;  // suffix of the Error code
  std::string_view name;  // prefix of the message when mdb_strerror lacks one
};

// LMDB's own codes already start their mdb_strerror() text with their name;
// errno values do not, so the name is added to keep messages greppable.
constexpr CodeName kCodes[] = {
    {MDB_KEYEXIST, "key_exists", ""},
    {MDB_NOTFOUND, "not_found", ""},
    {MDB_PAGE_NOTFOUND, "corrupted", ""},
    {MDB_CORRUPTED, "corrupted", ""},
    {MDB_PANIC, "panic", ""},
    {MDB_VERSION_MISMATCH, "version_mismatch", ""},
    {MDB_INVALID, "invalid", ""},
    {MDB_MAP_FULL, "map_full", ""},
    {MDB_DBS_FULL, "dbs_full", ""},
    {MDB_READERS_FULL, "readers_full", ""},
    {MDB_TLS_FULL, "tls_full", ""},
    {MDB_TXN_FULL, "txn_full", ""},
    {MDB_CURSOR_FULL, "cursor_full", ""},
    {MDB_PAGE_FULL, "page_full", ""},
    {MDB_MAP_RESIZED, "map_resized", ""},
    {MDB_INCOMPATIBLE, "incompatible", ""},
    {MDB_BAD_RSLOT, "bad_rslot", ""},
    {MDB_BAD_TXN, "bad_txn", ""},
    {MDB_BAD_VALSIZE, "bad_valsize", ""},
    {MDB_BAD_DBI, "bad_dbi", ""},
    {ENOSPC, "disk_full", "ENOSPC"},
    {EDQUOT, "disk_full", "EDQUOT"},
    {EFBIG, "file_too_large", "EFBIG"},
    {EIO, "io", "EIO"},
    {ENOMEM, "out_of_memory", "ENOMEM"},
    {EACCES, "permission_denied", "EACCES"},
    {EPERM, "permission_denied", "EPERM"},
    {EROFS, "read_only_filesystem", "EROFS"},
    {ENOENT, "no_such_file", "ENOENT"},
    {EAGAIN, "busy", "EAGAIN"},
    {EINVAL, "invalid_argument", "EINVAL"},
};

}  // namespace

Error MakeLmdbError(std::string_view call, int rc) {
  std::string code = "lmdb.error";
  std::string message(call);
  message += ": ";
  bool named = false;
  for (const CodeName& c : kCodes) {
    if (c.rc != rc) continue;
    code = "lmdb.";
    code += c.code;
    if (!c.name.empty()) {
      message += c.name;
      message += ": ";
    }
    named = true;
    break;
  }
  if (!named && rc > 0) message += "errno " + std::to_string(rc) + ": ";
  message += mdb_strerror(rc);
  return MakeError(std::move(code), std::move(message));
}

// --- Env ---

Result<Env> Env::Create(unsigned max_dbs, size_t map_size) {
  MDB_env* raw = nullptr;
  if (Status s = Check("mdb_env_create", mdb_env_create(&raw)); !s) return s.error();
  Env env(raw);
  if (Status s = Check("mdb_env_set_maxdbs", mdb_env_set_maxdbs(raw, max_dbs)); !s) {
    return s.error();
  }
  if (map_size != 0) {
    if (Status s = env.SetMapSize(map_size); !s) return s.error();
  }
  return env;
}

Status Env::Open(const std::filesystem::path& dir, unsigned flags, mdb_mode_t mode) {
  return Check("mdb_env_open", mdb_env_open(env_.get(), dir.c_str(), flags, mode));
}

Status Env::SetMapSize(size_t bytes) {
  return Check("mdb_env_set_mapsize", mdb_env_set_mapsize(env_.get(), bytes));
}

Result<MDB_envinfo> Env::Info() const {
  MDB_envinfo info{};
  if (Status s = Check("mdb_env_info", mdb_env_info(env_.get(), &info)); !s) return s.error();
  return info;
}

// --- Txn ---

Result<Txn> Txn::Begin(MDB_env* env, unsigned flags) {
  MDB_txn* raw = nullptr;
  if (Status s = Check("mdb_txn_begin", mdb_txn_begin(env, nullptr, flags, &raw)); !s) {
    return s.error();
  }
  return Txn(raw);
}

Txn& Txn::operator=(Txn&& other) noexcept {
  if (this != &other) {
    Abort();
    txn_ = std::exchange(other.txn_, nullptr);
  }
  return *this;
}

Status Txn::Commit() {
  MDB_txn* txn = std::exchange(txn_, nullptr);
  return Check("mdb_txn_commit", mdb_txn_commit(txn));
}

void Txn::Abort() {
  if (txn_ != nullptr) mdb_txn_abort(std::exchange(txn_, nullptr));
}

// --- Dbi ---

Result<std::optional<Dbi>> Dbi::Open(Txn& txn, const char* name, unsigned flags) {
  MDB_dbi dbi = 0;
  int rc = mdb_dbi_open(txn.get(), name, flags, &dbi);
  if (rc == MDB_NOTFOUND) return std::optional<Dbi>();
  if (Status s = Check("mdb_dbi_open", rc); !s) return s.error();
  return std::optional<Dbi>(Dbi(dbi));
}

Result<std::optional<std::string_view>> Dbi::Get(const Txn& txn, std::string_view key) const {
  OperationTick::Count();
  MDB_val k = ToVal(key);
  MDB_val v{};
  int rc = mdb_get(txn.get(), dbi_, &k, &v);
  if (rc == MDB_NOTFOUND) return std::optional<std::string_view>();
  if (Status s = Check("mdb_get", rc); !s) return s.error();
  return std::optional<std::string_view>(FromVal(v));
}

Status Dbi::Put(Txn& txn, std::string_view key, std::string_view value, unsigned flags) const {
  OperationTick::Count();
  MDB_val k = ToVal(key);
  MDB_val v = ToVal(value);
  return Check("mdb_put", mdb_put(txn.get(), dbi_, &k, &v, flags));
}

Result<char*> Dbi::Reserve(Txn& txn, std::string_view key, size_t size, unsigned flags) const {
  OperationTick::Count();
  MDB_val k = ToVal(key);
  MDB_val v{size, nullptr};
  if (Status s = Check("mdb_put", mdb_put(txn.get(), dbi_, &k, &v, flags | MDB_RESERVE)); !s) {
    return s.error();
  }
  return static_cast<char*>(v.mv_data);
}

Result<bool> Dbi::Del(Txn& txn, std::string_view key) const {
  OperationTick::Count();
  MDB_val k = ToVal(key);
  int rc = mdb_del(txn.get(), dbi_, &k, nullptr);
  if (rc == MDB_NOTFOUND) return false;
  if (Status s = Check("mdb_del", rc); !s) return s.error();
  return true;
}

Result<MDB_stat> Dbi::Stat(const Txn& txn) const {
  MDB_stat stat{};
  if (Status s = Check("mdb_stat", mdb_stat(txn.get(), dbi_, &stat)); !s) return s.error();
  return stat;
}

// --- Cursor ---

Result<Cursor> Cursor::Open(const Txn& txn, Dbi dbi) {
  MDB_cursor* raw = nullptr;
  if (Status s = Check("mdb_cursor_open", mdb_cursor_open(txn.get(), dbi.get(), &raw)); !s) {
    return s.error();
  }
  return Cursor(raw);
}

Result<std::optional<Cursor::Entry>> Cursor::Get(MDB_cursor_op op) {
  OperationTick::Count();
  MDB_val k{};
  MDB_val v{};
  int rc = mdb_cursor_get(cursor_.get(), &k, &v, op);
  if (rc == MDB_NOTFOUND) return std::optional<Entry>();
  if (Status s = Check("mdb_cursor_get", rc); !s) return s.error();
  return std::optional<Entry>(Entry(FromVal(k), FromVal(v)));
}

Result<std::optional<Cursor::Entry>> Cursor::Seek(std::string_view key, MDB_cursor_op op) {
  OperationTick::Count();
  MDB_val k = ToVal(key);
  MDB_val v{};
  int rc = mdb_cursor_get(cursor_.get(), &k, &v, op);
  if (rc == MDB_NOTFOUND) return std::optional<Entry>();
  if (Status s = Check("mdb_cursor_get", rc); !s) return s.error();
  return std::optional<Entry>(Entry(FromVal(k), FromVal(v)));
}

Status Cursor::Del() {
  OperationTick::Count();
  return Check("mdb_cursor_del", mdb_cursor_del(cursor_.get(), 0));
}

// --- OperationTick ---

thread_local OperationTick* OperationTick::current = nullptr;

OperationTick::OperationTick(uint32_t every, std::function<void()> fn)
    : every_(every), fn_(std::move(fn)) {
  if (every_ > 0) current = this;
}

OperationTick::~OperationTick() {
  if (current == this) current = nullptr;
}

void OperationTick::Fire() {
  count_ = 0;
  fn_();
}

}  // namespace nc::storage::lmdb
