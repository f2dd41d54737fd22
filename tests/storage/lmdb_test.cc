#include "storage/lmdb.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "tests/common/temp_dir.h"

namespace nc::storage::lmdb {
namespace {

class LmdbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<Env> env = Env::Create(4, 1 << 20);
    ASSERT_TRUE(env.ok()) << env.error().message;
    env_ = std::move(*env);
    Status opened = env_.Open(dir_.path(), MDB_NOTLS);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    Result<Txn> txn = Txn::Begin(env_.get(), 0);
    ASSERT_TRUE(txn.ok());
    Result<std::optional<Dbi>> dbi = Dbi::Open(*txn, "t", MDB_CREATE);
    ASSERT_TRUE(dbi.ok() && dbi->has_value());
    dbi_ = **dbi;
    ASSERT_TRUE(txn->Commit().ok());
  }

  std::optional<std::string> Read(std::string_view key) {
    Result<Txn> txn = Txn::Begin(env_.get(), MDB_RDONLY);
    EXPECT_TRUE(txn.ok());
    Result<std::optional<std::string_view>> value = dbi_.Get(*txn, key);
    EXPECT_TRUE(value.ok());
    if (!value.ok() || !value->has_value()) return std::nullopt;
    return std::string(**value);
  }

  nc::testing::TempDir dir_;
  Env env_;
  Dbi dbi_;
};

TEST_F(LmdbTest, CommittedPutIsVisible) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  ASSERT_TRUE(dbi_.Put(*txn, "k", "v").ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(Read("k"), "v");
}

TEST_F(LmdbTest, TxnDestroyedWithoutCommitAborts) {
  {
    Result<Txn> txn = Txn::Begin(env_.get(), 0);
    ASSERT_TRUE(txn.ok());
    ASSERT_TRUE(dbi_.Put(*txn, "k", "v").ok());
  }
  EXPECT_EQ(Read("k"), std::nullopt);
  // The write lock was released: another write transaction can begin.
  Result<Txn> again = Txn::Begin(env_.get(), 0);
  EXPECT_TRUE(again.ok());
}

TEST_F(LmdbTest, MissingKeyIsAValueNotAnError) {
  Result<Txn> txn = Txn::Begin(env_.get(), MDB_RDONLY);
  ASSERT_TRUE(txn.ok());
  Result<std::optional<std::string_view>> value = dbi_.Get(*txn, "absent");
  ASSERT_TRUE(value.ok());
  EXPECT_FALSE(value->has_value());
}

TEST_F(LmdbTest, DeleteOfMissingKeyReturnsFalse) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  Result<bool> deleted = dbi_.Del(*txn, "absent");
  ASSERT_TRUE(deleted.ok());
  EXPECT_FALSE(*deleted);
  ASSERT_TRUE(dbi_.Put(*txn, "k", "v").ok());
  deleted = dbi_.Del(*txn, "k");
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(*deleted);
}

TEST_F(LmdbTest, MissingDatabaseWithoutCreateIsNullopt) {
  Result<Txn> txn = Txn::Begin(env_.get(), MDB_RDONLY);
  ASSERT_TRUE(txn.ok());
  Result<std::optional<Dbi>> dbi = Dbi::Open(*txn, "nope", 0);
  ASSERT_TRUE(dbi.ok());
  EXPECT_FALSE(dbi->has_value());
}

TEST_F(LmdbTest, ReserveWritesValueInPlace) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  Result<char*> dst = dbi_.Reserve(*txn, "k", 5);
  ASSERT_TRUE(dst.ok());
  std::memcpy(*dst, "hello", 5);
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(Read("k"), "hello");
}

TEST_F(LmdbTest, CursorSeeksAndIteratesInKeyOrder) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  for (const char* k : {"b", "d", "a", "c"}) ASSERT_TRUE(dbi_.Put(*txn, k, k).ok());
  {
    Result<Cursor> cursor = Cursor::Open(*txn, dbi_);
    ASSERT_TRUE(cursor.ok());
    Result<std::optional<Cursor::Entry>> e = cursor->Seek("bb");
    ASSERT_TRUE(e.ok() && e->has_value());
    EXPECT_EQ((*e)->first, "c");
    e = cursor->Get(MDB_NEXT);
    ASSERT_TRUE(e.ok() && e->has_value());
    EXPECT_EQ((*e)->first, "d");
    e = cursor->Get(MDB_NEXT);
    ASSERT_TRUE(e.ok());
    EXPECT_FALSE(e->has_value());
    e = cursor->Seek("zz");
    ASSERT_TRUE(e.ok());
    EXPECT_FALSE(e->has_value());
  }
  ASSERT_TRUE(txn->Commit().ok());
}

TEST_F(LmdbTest, ErrorNamesTheCallAndTheLmdbCode) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  std::string too_long_key(600, 'k');  // LMDB keys are at most 511 bytes
  Status s = dbi_.Put(*txn, too_long_key, "v");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "lmdb.bad_valsize");
  EXPECT_EQ(s.error().message.rfind("mdb_put: MDB_BAD_VALSIZE", 0), 0u) << s.error().message;
}

TEST(LmdbErrorTest, MapFullHasItsOwnCode) {
  Error e = MakeLmdbError("mdb_put", MDB_MAP_FULL);
  EXPECT_EQ(e.code, kMapFullCode);
  EXPECT_EQ(e.message.rfind("mdb_put: MDB_MAP_FULL: ", 0), 0u) << e.message;
}

TEST(LmdbErrorTest, DiskFullIsNamedAndExplained) {
  Error e = MakeLmdbError("mdb_txn_commit", ENOSPC);
  EXPECT_EQ(e.code, kDiskFullCode);
  EXPECT_EQ(e.message, "mdb_txn_commit: ENOSPC: No space left on device");
}

TEST(LmdbErrorTest, UnknownErrnoKeepsItsNumber) {
  Error e = MakeLmdbError("mdb_env_open", ENOTSOCK);
  EXPECT_EQ(e.code, "lmdb.error");
  EXPECT_NE(e.message.find("errno " + std::to_string(ENOTSOCK)), std::string::npos) << e.message;
}

TEST_F(LmdbTest, MapFullSurfacesAsTypedError) {
  Result<Txn> txn = Txn::Begin(env_.get(), 0);
  ASSERT_TRUE(txn.ok());
  std::string value(64 * 1024, 'x');
  Status s;
  for (int i = 0; i < 100 && s.ok(); ++i) s = dbi_.Put(*txn, "k" + std::to_string(i), value);
  ASSERT_FALSE(s.ok()) << "1 MiB map should not hold 6.4 MB";
  EXPECT_EQ(s.error().code, kMapFullCode);
}

// lmdb::OperationTick: while one is alive its function runs after every
// `every` operations the thread makes through the wrapper, and only then
// (StoreCore::Write drops the map's resident pages with it).
TEST_F(LmdbTest, OperationTickRunsAfterEveryNOperationsOfAnyKind) {
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

TEST_F(LmdbTest, OperationTickCountsOnlyItsOwnThread) {
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

TEST_F(LmdbTest, OperationTickOfZeroNeverRuns) {
  Result<Txn> txn = Txn::Begin(env_.get(), MDB_RDONLY);
  ASSERT_TRUE(txn.ok());
  int fired = 0;
  OperationTick tick(0, [&] { ++fired; });
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(dbi_.Get(*txn, "a").ok());
  EXPECT_EQ(fired, 0);
}

}  // namespace
}  // namespace nc::storage::lmdb
