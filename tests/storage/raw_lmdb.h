#pragma once
// Direct LMDB access for tests that build foreign, old or damaged stores.

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "storage/lmdb.h"

namespace nc::storage::testing {

// Opens the environment in `dir` (creating it), runs `fn` in one write
// transaction and commits. No Store may have `dir` open in this process.
inline void WithRawLmdb(const std::filesystem::path& dir,
                        const std::function<void(lmdb::Txn&)>& fn) {
  std::filesystem::create_directories(dir);
  Result<lmdb::Env> env = lmdb::Env::Create(16, 64 << 20);
  ASSERT_TRUE(env.ok()) << env.error().message;
  Status opened = env->Open(dir, MDB_NOTLS);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  Result<lmdb::Txn> txn = lmdb::Txn::Begin(env->get(), 0);
  ASSERT_TRUE(txn.ok()) << txn.error().message;
  fn(*txn);
  Status committed = txn->Commit();
  ASSERT_TRUE(committed.ok()) << committed.error().message;
}

inline lmdb::Dbi RawDb(lmdb::Txn& txn, const char* name) {
  Result<std::optional<lmdb::Dbi>> dbi = lmdb::Dbi::Open(txn, name, MDB_CREATE);
  EXPECT_TRUE(dbi.ok() && dbi->has_value());
  return dbi.ok() && dbi->has_value() ? **dbi : lmdb::Dbi();
}

}  // namespace nc::storage::testing
