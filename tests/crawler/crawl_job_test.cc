// The job module: a job's host key mode is recorded on its first run and
// another mode is refused afterwards (stores made before host_key existed
// count as "host"); a refused run leaves the recorded config alone; the
// recorded config reads back, and one that does not parse is an error
// naming the store.
#include "crawler/crawl_job.h"

#include <gtest/gtest.h>

#include <vector>

#include "common/clock.h"
#include "storage/schema.h"
#include "tests/common/temp_dir.h"

namespace nc {
namespace {

std::unique_ptr<storage::Store> OpenStore(const nc::testing::TempDir& dir) {
  auto store = storage::Store::Open(dir / "store", storage::OpenMode::kOpenOrCreate, {});
  EXPECT_TRUE(store.ok()) << (store.ok() ? "" : store.error().message);
  return store.ok() ? std::move(*store) : nullptr;
}

CrawlConfig WithMode(const std::string& mode) {
  CrawlConfig c;
  c.host_key = *ParseMode<HostKeyMode>(mode);
  return c;
}

void AddOneSeed(storage::Store& store, const std::string& host_key) {
  storage::OutlinkRecord seed;
  seed.target = "http://www.lejournal.test/";
  seed.host_key = host_key;
  seed.follow = true;
  std::vector<storage::OutlinkRecord> seeds{seed};
  ASSERT_TRUE(store.AddSeeds(seeds).ok());
}

TEST(JobHostKey, FirstRunRecordsTheModeAndAnotherModeIsRefusedLater) {
  nc::testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  ASSERT_TRUE(CheckJobHostKeyMode(*store, WithMode("domain")).ok());
  auto recorded = store->GetMeta(storage::schema::kHostKeyModeKey);
  ASSERT_TRUE(recorded.ok() && *recorded);
  EXPECT_EQ(**recorded, "domain");
  AddOneSeed(*store, "lejournal.test");

  EXPECT_TRUE(CheckJobHostKeyMode(*store, WithMode("domain")).ok());
  Status refused = CheckJobHostKeyMode(*store, WithMode("ip"));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "config.host_key");
  EXPECT_NE(refused.error().message.find("host_key \"domain\""), std::string::npos)
      << refused.error().message;
  EXPECT_NE(refused.error().message.find("--host-key domain"), std::string::npos);
  // Refusing does not change what was recorded.
  EXPECT_EQ(**store->GetMeta(storage::schema::kHostKeyModeKey), "domain");
}

TEST(JobHostKey, AStoreWithUrlsButNoRecordedModeWasKeyedByHostName) {
  nc::testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  AddOneSeed(*store, "www.lejournal.test");  // as a newscrawl without host_key did
  EXPECT_FALSE(CheckJobHostKeyMode(*store, WithMode("ip")).ok());
  EXPECT_FALSE(CheckJobHostKeyMode(*store, WithMode("domain")).ok());
  EXPECT_TRUE(CheckJobHostKeyMode(*store, WithMode("host")).ok());
}

TEST(CrawlJob, ARefusedHostKeyModeLeavesTheRecordedConfigAsItWas) {
  nc::testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  CrawlConfig job = WithMode("domain");
  job.max_pages = 7;
  ASSERT_TRUE(store->PutMeta(storage::schema::kConfigKey, ConfigToToml(job)).ok());
  ASSERT_TRUE(CheckJobHostKeyMode(*store, job).ok());
  AddOneSeed(*store, "lejournal.test");

  CrawlConfig other = WithMode("ip");
  other.seeds = {"http://www.lejournal.test/"};
  SystemClock clock;
  auto outcome = RunCrawlJob(other, *store, clock, JobRunOptions{.handle_signals = false});
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().code, "config.host_key");
  auto recorded = ReadJobConfig(*store, dir / "store");
  ASSERT_TRUE(recorded.ok() && *recorded);
  EXPECT_EQ((*recorded)->host_key, HostKeyMode::kDomain);
  EXPECT_EQ((*recorded)->max_pages, 7u);
}

TEST(CrawlJob, NoRecordedConfigIsNotAnError) {
  nc::testing::TempDir dir;
  auto store = OpenStore(dir);
  ASSERT_TRUE(store);
  auto recorded = ReadJobConfig(*store, dir / "store");
  ASSERT_TRUE(recorded.ok());
  EXPECT_FALSE(*recorded);
}

TEST(CrawlJob, ARecordedConfigThatDoesNotParseIsAnErrorNamingTheStore) {
  nc::testing::TempDir dir;
  const std::string store_dir = dir / "store";
  {
    auto store = OpenStore(dir);
    ASSERT_TRUE(store);
    ASSERT_TRUE(store->PutMeta(storage::schema::kConfigKey, "max_pages = [unclosed").ok());
    auto recorded = ReadJobConfig(*store, store_dir);
    ASSERT_FALSE(recorded.ok());
    EXPECT_EQ(recorded.error().code, "store.config");
    EXPECT_NE(recorded.error().message.find("store " + store_dir), std::string::npos)
        << recorded.error().message;
  }
  auto loaded = LoadJobConfig(store_dir);  // resume's read
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "store.config");
}

TEST(CrawlJob, ResumingAStoreWithNoJobSaysToStartItWithCrawl) {
  nc::testing::TempDir dir;
  ASSERT_TRUE(OpenStore(dir));
  auto loaded = LoadJobConfig(dir / "store");
  ASSERT_FALSE(loaded.ok());
  EXPECT_EQ(loaded.error().code, "store.no_job");
  EXPECT_NE(loaded.error().message.find("start it with crawl"), std::string::npos);
}

}  // namespace
}  // namespace nc
