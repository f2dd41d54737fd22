// host_state: the politeness state of troubled hosts, written in batch
// transactions (CommitBatch, BatchWriter::SubmitHostState) and read back on
// resume; older stores without the database open fine.

#include <gmock/gmock.h>

#include "storage/schema.h"
#include "tests/storage/raw_lmdb.h"
#include "storage/batch_writer.h"
#include "tests/storage/store_fixture.h"

namespace nc::storage::testing {
namespace {

using ::testing::HasSubstr;

PersistedHostState Parked() {
  PersistedHostState s;
  s.consecutive_failures = 5;
  s.times_parked = 2;
  s.backoff_until_ms = 1'700'000'600'000;
  s.parked_until_ms = 1'700'000'600'000;
  s.park_reason = "5 consecutive failures, last: HTTP 503 Retry-After 2s; parked 600s";
  s.last_delay_seconds = 2.5;
  s.last_delay_reason = DelayReason::kRetryAfter;
  return s;
}

class StoreHostStateTest : public StoreTest {
 protected:
  std::map<std::string, PersistedHostState> All() {
    std::map<std::string, PersistedHostState> out;
    Status s = store_->ForEachHostState([&](std::string_view key, const PersistedHostState& st) {
      out.emplace(std::string(key), st);
      return true;
    });
    EXPECT_TRUE(s.ok()) << s.error().message;
    return out;
  }
};

TEST_F(StoreHostStateTest, ValueRoundTripsEveryField) {
  const PersistedHostState state = Parked();
  Result<PersistedHostState> back = schema::DecodeHostStateValue(schema::EncodeHostStateValue(state));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(*back, state);
}

TEST_F(StoreHostStateTest, DamagedValuesAreErrorsNotCrashes) {
  std::string value = schema::EncodeHostStateValue(Parked());
  // Every cut before the park reason (the unframed tail) is an error.
  const size_t header = value.size() - Parked().park_reason.size();
  for (size_t cut = 0; cut < header; ++cut) {
    Result<PersistedHostState> r = schema::DecodeHostStateValue(value.substr(0, cut));
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.error().code, "store.corrupt");
  }
  std::string bad_format = value;
  bad_format[0] = 9;
  EXPECT_THAT(schema::DecodeHostStateValue(bad_format).error().message, HasSubstr("unknown format 9"));
  PersistedHostState odd = Parked();
  odd.park_reason.clear();
  std::string bad_reason = schema::EncodeHostStateValue(odd);
  bad_reason.back() = 42;  // the delay reason byte
  EXPECT_THAT(schema::DecodeHostStateValue(bad_reason).error().message,
              HasSubstr("unknown delay reason 42"));
}

TEST_F(StoreHostStateTest, CommittedWithTheBatchAndClearedWhenHealthy) {
  QueuedUrl home = AddSeed("https://a.test/");
  const HostStateRecord parked{"a.test", Parked()};
  Result<CommitReport> report = [&] {
    std::vector<BatchRecord> batch{Page("a.test", home)};
    return store_->CommitBatch(batch, {&parked, 1});
  }();
  ASSERT_TRUE(report.ok()) << report.error().message;
  Result<std::optional<PersistedHostState>> got = store_->LoadHostState("a.test");
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ(**got, Parked());
  EXPECT_FALSE(store_->LoadHostState("b.test")->has_value());

  // Survives a reopen, and a healthy state removes the record.
  store_.reset();
  store_ = OpenStore(OpenMode::kOpenExisting);
  ASSERT_TRUE(store_);
  EXPECT_EQ(All().size(), 1u);
  const HostStateRecord healthy{"a.test", PersistedHostState{}};
  ASSERT_TRUE(store_->CommitBatch({}, {&healthy, 1}).ok());
  EXPECT_FALSE(store_->LoadHostState("a.test")->has_value());
  EXPECT_TRUE(All().empty());
}

TEST_F(StoreHostStateTest, InvalidHostKeyFailsTheBatchBeforeWriting) {
  const HostStateRecord bad{std::string(600, 'h'), Parked()};
  Result<CommitReport> report = store_->CommitBatch({}, {&bad, 1});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.error().code, "store.invalid");
}

TEST_F(StoreHostStateTest, BatchWriterKeepsTheLatestStatePerHostAndWritesItWithoutPages) {
  {
    BatchWriter writer(*store_, {.max_batch = 64, .max_delay_ms = 3'600'000}, nullptr, nullptr);
    PersistedHostState first = Parked();
    first.consecutive_failures = 1;
    writer.SubmitHostState("a.test", first);
    writer.SubmitHostState("b.test", Parked());
    writer.SubmitHostState("a.test", Parked());  // replaces the first
  }  // the destructor drains
  auto all = All();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all["a.test"], Parked());
  EXPECT_EQ(all["b.test"], Parked());
}

TEST_F(StoreHostStateTest, StoreWithoutHostStateDbOpensReadOnlyAndGetsItWhenWritable) {
  store_.reset();
  WithRawLmdb(dir_.path() / "store", [](lmdb::Txn& txn) {
    ASSERT_EQ(mdb_drop(txn.get(), RawDb(txn, schema::kHostStateDb).get(), 1), 0);
  });
  OpenOptions read_only;
  read_only.read_only = true;
  store_ = OpenStore(OpenMode::kOpenExisting, read_only);
  ASSERT_TRUE(store_);
  EXPECT_FALSE(store_->LoadHostState("a.test")->has_value());
  EXPECT_TRUE(All().empty());
  store_.reset();

  store_ = OpenStore(OpenMode::kOpenExisting);  // a writer adds the database
  ASSERT_TRUE(store_);
  const HostStateRecord parked{"a.test", Parked()};
  ASSERT_TRUE(store_->CommitBatch({}, {&parked, 1}).ok());
  EXPECT_TRUE(store_->LoadHostState("a.test")->has_value());
}

TEST_F(StoreHostStateTest, DamagedStoredValueIsACorruptionErrorWithTheHost) {
  store_.reset();
  WithRawLmdb(dir_.path() / "store", [](lmdb::Txn& txn) {
    ASSERT_TRUE(RawDb(txn, schema::kHostStateDb).Put(txn, "a.test", "\x01\x80").ok());
  });
  store_ = OpenStore(OpenMode::kOpenExisting);
  ASSERT_TRUE(store_);
  Result<std::optional<PersistedHostState>> got = store_->LoadHostState("a.test");
  ASSERT_FALSE(got.ok());
  EXPECT_EQ(got.error().code, "store.corrupt");
  EXPECT_THAT(got.error().message, HasSubstr("host_state value of a.test"));
}

}  // namespace
}  // namespace nc::storage::testing
