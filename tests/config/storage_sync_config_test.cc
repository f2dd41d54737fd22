// [storage] sync and sync_interval_ms: parsed, validated with the key named,
// and kept in the stored config (resume uses the job's durability mode).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/crawl_config.h"
#include "tests/config/load_error.h"

namespace nc {
namespace {

using ::testing::HasSubstr;

TEST(StorageSyncConfig, DefaultsToSyncEveryBatch) {
  CrawlConfig c;
  EXPECT_EQ(c.sync, SyncMode::kBatch);
  EXPECT_EQ(c.sync_interval_ms, 1000u);
  EXPECT_TRUE(ValidateConfig(c).ok());
}

TEST(StorageSyncConfig, EveryModeLoadsValidatesAndRoundTrips) {
  for (const char* mode : {"batch", "meta", "periodic"}) {
    CrawlConfig c;
    const std::string text =
        std::string("[storage]\nsync = \"") + mode + "\"\nsync_interval_ms = 250\n";
    ASSERT_TRUE(LoadConfigText(text, "news.toml", c).ok()) << mode;
    EXPECT_TRUE(ValidateConfig(c).ok()) << mode;
    CrawlConfig back;
    ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back).ok());
    EXPECT_EQ(ModeName(back.sync), mode);
    EXPECT_EQ(back.sync_interval_ms, 250u);
  }
}

TEST(StorageSyncConfig, UnknownModeIsRejectedNamingTheKey) {
  // An enum cannot hold "never": the load refuses it, naming file, line and key.
  CrawlConfig c;
  EXPECT_EQ(LoadError("[storage]\nsync = \"never\"\n", c),
            "news.toml:2: key 'storage.sync': 'never': expected \"batch\", "
            "\"meta\" or \"periodic\"");
  EXPECT_EQ(c.sync, SyncMode::kBatch);
}

TEST(StorageSyncConfig, WrongTypeNamesFileLineAndKey) {
  EXPECT_THAT(LoadError("[storage]\n\nsync = 1\n"), HasSubstr("news.toml:3: key 'storage.sync'"));
}

TEST(StorageSyncConfig, IntervalOutOfRangeIsRejected) {
  CrawlConfig c;
  c.sync_interval_ms = 0;
  Status s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("storage.sync_interval_ms"), std::string::npos);
  c.sync_interval_ms = 3'600'001;
  EXPECT_FALSE(ValidateConfig(c).ok());
  c.sync_interval_ms = 10;
  EXPECT_TRUE(ValidateConfig(c).ok());
}

}  // namespace
}  // namespace nc
