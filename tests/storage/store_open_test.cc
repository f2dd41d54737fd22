// Store::Open: modes, foreign and damaged directories, the writer lock.

#include <fcntl.h>
#include <gmock/gmock.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "storage/schema.h"
#include "storage/store_lock.h"
#include "tests/storage/raw_lmdb.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::HasSubstr;

class StoreOpenTest : public ::testing::Test {
 protected:
  std::filesystem::path Dir() const { return dir_.path() / "store"; }
  std::string Prefix() const { return "store " + Dir().string() + ": "; }

  Error OpenError(OpenMode mode, OpenOptions options = {}) {
    Result<std::unique_ptr<Store>> store = Store::Open(Dir(), mode, options);
    EXPECT_FALSE(store.ok());
    return store.ok() ? Error{} : store.error();
  }

  std::unique_ptr<Store> OpenOk(OpenMode mode, OpenOptions options = {}) {
    Result<std::unique_ptr<Store>> store = Store::Open(Dir(), mode, options);
    EXPECT_TRUE(store.ok()) << store.error().message;
    return store.ok() ? std::move(*store) : nullptr;
  }

  // Opens the store in `mode`, writes the meta `key` and closes it again.
  void PutMetaAndClose(OpenMode mode, const std::string& key, const std::string& value) {
    auto store = OpenOk(mode);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->PutMeta(key, value).ok());
  }

  nc::testing::TempDir dir_;
};

OpenOptions ReadOnly() {
  OpenOptions options;
  options.read_only = true;
  return options;
}

TEST_F(StoreOpenTest, CreatedStoreReopensWithItsData) {
  PutMetaAndClose(OpenMode::kCreate, "config", "max_pages = 10");
  auto store = OpenOk(OpenMode::kOpenExisting);
  ASSERT_TRUE(store);
  Result<std::optional<std::string>> config = store->GetMeta("config");
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(*config, "max_pages = 10");
  EXPECT_EQ(store->dir(), Dir());
}

TEST_F(StoreOpenTest, CreateRefusesADirectoryThatHoldsAStore) {
  OpenOk(OpenMode::kCreate);
  Error e = OpenError(OpenMode::kCreate);
  EXPECT_EQ(e.code, "store.exists");
  EXPECT_EQ(e.message, Prefix() + "already holds a newscrawl store");
}

TEST_F(StoreOpenTest, OpenOrCreateCreatesThenContinues) {
  PutMetaAndClose(OpenMode::kOpenOrCreate, "job_state", "interrupted");
  auto store = OpenOk(OpenMode::kOpenOrCreate);
  ASSERT_TRUE(store);
  EXPECT_EQ(*store->GetMeta("job_state"), "interrupted");
}

TEST_F(StoreOpenTest, OpenExistingOfMissingDirectorySaysNoSuchStore) {
  Error e = OpenError(OpenMode::kOpenExisting);
  EXPECT_EQ(e.code, "store.not_found");
  EXPECT_EQ(e.message, Prefix() + "no such store");
  EXPECT_FALSE(std::filesystem::exists(Dir()));
}

TEST_F(StoreOpenTest, ReadOnlyOpenOfMissingDirectorySaysNoSuchStore) {
  Error e = OpenError(OpenMode::kOpenOrCreate, ReadOnly());
  EXPECT_EQ(e.message, Prefix() + "no such store");
}

TEST_F(StoreOpenTest, EmptyDirectoryIsNotAStoreToOpenExisting) {
  std::filesystem::create_directories(Dir());
  Error e = OpenError(OpenMode::kOpenExisting);
  EXPECT_EQ(e.code, "store.not_a_store");
  EXPECT_EQ(e.message, Prefix() + "not a newscrawl store (no data.mdb)");
}

TEST_F(StoreOpenTest, EmptyDirectoryIsUsedByCreate) {
  std::filesystem::create_directories(Dir());
  EXPECT_TRUE(OpenOk(OpenMode::kCreate));
}

TEST_F(StoreOpenTest, DirectoryWithForeignFilesIsNotAStore) {
  std::filesystem::create_directories(Dir());
  std::ofstream(Dir() / "notes.txt") << "my thesis";
  for (OpenMode mode : {OpenMode::kCreate, OpenMode::kOpenOrCreate, OpenMode::kOpenExisting}) {
    Error e = OpenError(mode);
    EXPECT_EQ(e.code, "store.not_a_store");
    EXPECT_THAT(e.message, HasSubstr(Prefix() + "not a newscrawl store (")) << e.message;
  }
  // Nothing was written into the foreign directory.
  EXPECT_FALSE(std::filesystem::exists(Dir() / "lock"));
  EXPECT_FALSE(std::filesystem::exists(Dir() / "data.mdb"));
}

TEST_F(StoreOpenTest, FileInsteadOfDirectoryIsNotAStore) {
  std::ofstream(Dir()) << "x";
  Error e = OpenError(OpenMode::kOpenOrCreate);
  EXPECT_EQ(e.message, Prefix() + "not a newscrawl store (not a directory)");
}

TEST_F(StoreOpenTest, GarbageDataFileIsNotAStore) {
  std::filesystem::create_directories(Dir());
  std::ofstream(Dir() / "data.mdb") << std::string(64 * 1024, 'g');
  for (OpenOptions options : {OpenOptions{}, ReadOnly()}) {
    Error e = OpenError(OpenMode::kOpenExisting, options);
    EXPECT_EQ(e.code, "store.not_a_store");
    EXPECT_THAT(e.message,
                HasSubstr(Prefix() + "not a newscrawl store (mdb_env_open: MDB_INVALID"));
  }
}

TEST_F(StoreOpenTest, ForeignLmdbWithoutMetaIsNotAStore) {
  WithRawLmdb(Dir(), [](lmdb::Txn& txn) {
    ASSERT_TRUE(RawDb(txn, "accounts").Put(txn, "alice", "42").ok());
  });
  for (OpenMode mode : {OpenMode::kOpenOrCreate, OpenMode::kOpenExisting}) {
    Error e = OpenError(mode);
    EXPECT_EQ(e.message, Prefix() + "not a newscrawl store (no meta database)");
  }
  Error e = OpenError(OpenMode::kOpenExisting, ReadOnly());
  EXPECT_EQ(e.message, Prefix() + "not a newscrawl store (no meta database)");
}

TEST_F(StoreOpenTest, ForeignLmdbWithKeysInMainDatabaseIsNotAStore) {
  WithRawLmdb(Dir(), [](lmdb::Txn& txn) {
    Result<std::optional<lmdb::Dbi>> main = lmdb::Dbi::Open(txn, nullptr, 0);
    ASSERT_TRUE(main.ok() && main->has_value());
    ASSERT_TRUE((*main)->Put(txn, "meta", "not a database").ok());
  });
  Error e = OpenError(OpenMode::kOpenOrCreate);
  EXPECT_EQ(e.message, Prefix() + "not a newscrawl store (no meta database)");
}

TEST_F(StoreOpenTest, MetaWithoutSchemaVersionIsNotAStore) {
  WithRawLmdb(Dir(), [](lmdb::Txn& txn) {
    ASSERT_TRUE(RawDb(txn, "meta").Put(txn, "owner", "someone else").ok());
  });
  Error e = OpenError(OpenMode::kOpenExisting);
  EXPECT_EQ(e.message, Prefix() + "not a newscrawl store (no schema version in meta)");
}

TEST_F(StoreOpenTest, OtherSchemaVersionNamesBothVersions) {
  OpenOk(OpenMode::kCreate);
  WithRawLmdb(Dir(), [](lmdb::Txn& txn) {
    ASSERT_TRUE(RawDb(txn, "meta").Put(txn, schema::kSchemaKey, "7").ok());
  });
  Error e = OpenError(OpenMode::kOpenExisting);
  EXPECT_EQ(e.code, "store.schema");
  EXPECT_EQ(e.message, Prefix() + "schema version 7, this newscrawl reads 2");
  e = OpenError(OpenMode::kOpenExisting, ReadOnly());
  EXPECT_EQ(e.message, Prefix() + "schema version 7, this newscrawl reads 2");
}

TEST_F(StoreOpenTest, MissingDatabaseOfAStoreIsReportedAsDamage) {
  OpenOk(OpenMode::kCreate);
  WithRawLmdb(Dir(), [](lmdb::Txn& txn) {
    ASSERT_EQ(mdb_drop(txn.get(), RawDb(txn, "links").get(), 1), 0);
  });
  Error e = OpenError(OpenMode::kOpenExisting);
  EXPECT_EQ(e.code, "store.corrupt");
  EXPECT_EQ(e.message, Prefix() + "damaged store (no 'links' database)");
}

TEST_F(StoreOpenTest, EnvironmentLeftEmptyByAnInterruptedCreateIsInitialised) {
  WithRawLmdb(Dir(), [](lmdb::Txn&) {});  // data.mdb exists, nothing in it
  EXPECT_EQ(OpenError(OpenMode::kOpenExisting).message,
            Prefix() + "not a newscrawl store (no meta database)");
  auto store = OpenOk(OpenMode::kOpenOrCreate);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->Stats()->job_state, "new");
}

TEST_F(StoreOpenTest, SecondWriterInTheSameProcessIsRefusedWithOurPid) {
  auto first = OpenOk(OpenMode::kCreate);
  ASSERT_TRUE(first);
  Error e = OpenError(OpenMode::kOpenOrCreate);
  EXPECT_EQ(e.code, "store.locked");
  EXPECT_EQ(e.message, Prefix() + "in use by another newscrawl process (pid " +
                           std::to_string(getpid()) + ")");
  // The refused open did not disturb the first one.
  EXPECT_TRUE(first->PutMeta("k", "v").ok());
}

TEST_F(StoreOpenTest, LockIsReleasedWhenTheStoreCloses) {
  OpenOk(OpenMode::kCreate);
  EXPECT_TRUE(OpenOk(OpenMode::kOpenExisting));
}

TEST_F(StoreOpenTest, ReadOnlyOpenWhileThisProcessHasTheStoreOpenIsRefused) {
  auto writer = OpenOk(OpenMode::kCreate);
  ASSERT_TRUE(writer);
  Error e = OpenError(OpenMode::kOpenExisting, ReadOnly());
  EXPECT_EQ(e.code, "store.already_open");
}

TEST_F(StoreOpenTest, ReadOnlyStoreRefusesWrites) {
  OpenOk(OpenMode::kCreate);
  auto store = OpenOk(OpenMode::kOpenExisting, ReadOnly());
  ASSERT_TRUE(store);
  Status s = store->PutMeta("k", "v");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, "store.read_only");
  OutlinkRecord seed = Seed("https://a.test/");
  EXPECT_FALSE(store->AddSeeds({&seed, 1}).ok());
}

TEST_F(StoreOpenTest, ReadOnlyOpenTakesNoLock) {
  OpenOk(OpenMode::kCreate);
  auto reader = OpenOk(OpenMode::kOpenExisting, ReadOnly());
  ASSERT_TRUE(reader);
  // A writer in another process could open it now: the lock file is free.
  Result<bool> held = StoreLock::HeldByOther(Dir());
  ASSERT_TRUE(held.ok());
  EXPECT_FALSE(*held);
  EXPECT_FALSE(reader->Stats()->locked_by_other_process);
}

// A child process opens the store as writer and holds it until told to exit.
class ChildWriter {
 public:
  explicit ChildWriter(const std::filesystem::path& dir) {
    if (pipe(ready_) != 0 || pipe(release_) != 0) std::abort();
    pid_ = fork();
    if (pid_ == 0) {
      close(ready_[0]);
      close(release_[1]);
      Result<std::unique_ptr<Store>> store = Store::Open(dir, OpenMode::kOpenOrCreate, {});
      char ok = store.ok() ? '1' : '0';
      if (write(ready_[1], &ok, 1) != 1) _exit(3);
      char c;
      while (read(release_[0], &c, 1) < 0 && errno == EINTR) {
      }
      _exit(store.ok() ? 0 : 2);
    }
    close(ready_[1]);
    close(release_[0]);
    char c = 0;
    opened_ = read(ready_[0], &c, 1) == 1 && c == '1';
  }
  ~ChildWriter() { Release(); }
  void Release() {
    if (pid_ <= 0) return;
    close(release_[1]);
    close(ready_[0]);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }
  bool opened() const { return opened_; }
  pid_t pid() const { return pid_; }

 private:
  int ready_[2] = {-1, -1};
  int release_[2] = {-1, -1};
  pid_t pid_ = -1;
  bool opened_ = false;
};

TEST_F(StoreOpenTest, StoreHeldByAnotherProcessIsRefusedWithItsPid) {
  OpenOk(OpenMode::kCreate);
  ChildWriter child(Dir());
  ASSERT_TRUE(child.opened());
  Error e = OpenError(OpenMode::kOpenExisting);
  EXPECT_EQ(e.message, Prefix() + "in use by another newscrawl process (pid " +
                           std::to_string(child.pid()) + ")");
  child.Release();
  EXPECT_TRUE(OpenOk(OpenMode::kOpenExisting));
}

TEST_F(StoreOpenTest, ReadOnlyStatsTellWhetherAnotherProcessWrites) {
  OpenOk(OpenMode::kCreate);
  ChildWriter child(Dir());
  ASSERT_TRUE(child.opened());
  auto reader = OpenOk(OpenMode::kOpenExisting, ReadOnly());
  ASSERT_TRUE(reader);
  Result<StoreStats> stats = reader->Stats();
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_TRUE(stats->locked_by_other_process);
  child.Release();
  stats = reader->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_FALSE(stats->locked_by_other_process);
}

TEST_F(StoreOpenTest, JobStateIsNewUntilSet) {
  auto store = OpenOk(OpenMode::kCreate);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->Stats()->job_state, "new");
  ASSERT_TRUE(store->PutMeta("job_state", "running").ok());
  EXPECT_EQ(store->Stats()->job_state, "running");
}

TEST_F(StoreOpenTest, StoreOwnedMetaKeysCannotBeOverwritten) {
  auto store = OpenOk(OpenMode::kCreate);
  ASSERT_TRUE(store);
  for (std::string_view key : {schema::kSchemaKey, schema::kCountersKey}) {
    Status s = store->PutMeta(key, "x");
    ASSERT_FALSE(s.ok()) << key;
    EXPECT_EQ(s.error().code, "store.reserved");
  }
  EXPECT_EQ(*store->GetMeta(schema::kSchemaKey), std::to_string(kSchemaVersion));
}

TEST_F(StoreOpenTest, MissingMetaKeyIsNullopt) {
  auto store = OpenOk(OpenMode::kCreate);
  ASSERT_TRUE(store);
  Result<std::optional<std::string>> v = store->GetMeta("nope");
  ASSERT_TRUE(v.ok());
  EXPECT_FALSE(v->has_value());
}

}  // namespace
}  // namespace nc::storage::testing
