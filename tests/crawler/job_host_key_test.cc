// CheckJobHostKeyMode: a job's host key mode is recorded on its first run
// and another mode is refused afterwards; stores made before host_key
// existed count as "host".
#include "crawler/job_host_key.h"

#include <gtest/gtest.h>

#include <vector>

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
  auto recorded = store->GetMeta(kHostKeyMetaKey);
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
  EXPECT_EQ(**store->GetMeta(kHostKeyMetaKey), "domain");
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

}  // namespace
}  // namespace nc
