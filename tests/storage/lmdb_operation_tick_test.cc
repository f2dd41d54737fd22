// lmdb::OperationTick (storage/lmdb.h): while one is alive its function runs
// after every `every` operations the thread makes through the wrapper, and
// only then (StoreCore::Write drops the map's resident pages with it).

#include <gtest/gtest.h>

#include <string>
#include <thread>

#include "storage/lmdb.h"
#include "tests/common/temp_dir.h"

namespace nc::storage::lmdb {
namespace {

class OperationTickTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Env> env = Env::Create(4, 1 << 20);
    ASSERT_TRUE(env.ok()) << env.error().message;
    env_ = std::move(*env);
    ASSERT_TRUE(env_.Open(dir_.path(), MDB_NOTLS).ok());
    Result<Txn> txn = Txn::Begin(env_.get(), 0);
    ASSERT_TRUE(txn.ok());
    Result<std::optional<Dbi>> dbi = Dbi::Open(*txn, "t", MDB_CREATE);
    ASSERT_TRUE(dbi.ok() && dbi->has_value());
    dbi_ = **dbi;
    ASSERT_TRUE(txn->Commit().ok());
  }

  nc::testing::TempDir dir_;
  Env env_;
  Dbi dbi_;
};

TEST_F(OperationTickTest, RunsAfterEveryNOperationsOfAnyKind) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  int fired = 0;
  {
    OperationTick tick(3, [&] { ++fired; });
    ASSERT_TRUE(dbi_.Put(*txn, "a", "1").ok());
    ASSERT_TRUE(dbi_.Put(*txn, "b", "2").ok());
    EXPECT_EQ(fired, 0);
    ASSERT_TRUE(dbi_.Get(*txn, "a").ok());  // 3
    EXPECT_EQ(fired, 1);
    ASSERT_TRUE(dbi_.Reserve(*txn, "c", 4).ok());
    ASSERT_TRUE(dbi_.Del(*txn, "b").ok());
    Result<Cursor> cursor = Cursor::Open(*txn, dbi_);
    ASSERT_TRUE(cursor.ok());
    ASSERT_TRUE(cursor->Get(MDB_FIRST).ok());  // 6
    EXPECT_EQ(fired, 2);
    ASSERT_TRUE(cursor->Seek("c").ok());
    ASSERT_TRUE(cursor->Del().ok());
    EXPECT_EQ(fired, 2);
    ASSERT_TRUE(dbi_.Get(*txn, "a").ok());  // 9
    EXPECT_EQ(fired, 3);
  }
  // Gone: operations are not counted any more.
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(dbi_.Get(*txn, "a").ok());
  EXPECT_EQ(fired, 3);
  ASSERT_TRUE(txn->Commit().ok());
}

TEST_F(OperationTickTest, CountsOnlyItsOwnThread) {
  int fired = 0;
  OperationTick tick(2, [&] { ++fired; });
  std::thread other([&] {
    Result<Txn> txn = Txn::Begin(env_.get(), MDB_RDONLY);
    ASSERT_TRUE(txn.ok());
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(dbi_.Get(*txn, "a").ok());
  });
  other.join();
  EXPECT_EQ(fired, 0);
}

TEST_F(OperationTickTest, ZeroNeverRuns) {
  Result<Txn> txn = Txn::Begin(env_.get(), MDB_RDONLY);
  ASSERT_TRUE(txn.ok());
  int fired = 0;
  OperationTick tick(0, [&] { ++fired; });
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(dbi_.Get(*txn, "a").ok());
  EXPECT_EQ(fired, 0);
}

}  // namespace
}  // namespace nc::storage::lmdb
