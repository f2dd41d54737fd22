// [crawl] discover_feeds: on by default, read from TOML, kept through the
// stored config of a job (resume runs with what the job was started with).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/crawl_config.h"
#include "tests/config/load_error.h"

namespace nc {
namespace {

using ::testing::HasSubstr;

TEST(DiscoverFeedsConfig, OnByDefault) { EXPECT_TRUE(CrawlConfig{}.discover_feeds); }

TEST(DiscoverFeedsConfig, LoadsFromTomlAndRoundTrips) {
  CrawlConfig c;
  ASSERT_TRUE(LoadConfigText("[crawl]\ndiscover_feeds = false\n", "news.toml", c));
  EXPECT_FALSE(c.discover_feeds);
  EXPECT_TRUE(ValidateConfig(c).ok());
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back));
  EXPECT_FALSE(back.discover_feeds);
}

TEST(DiscoverFeedsConfig, NonBooleanNamesTheKey) {
  EXPECT_THAT(LoadError("[crawl]\ndiscover_feeds = \"yes\"\n"),
              HasSubstr("news.toml:2: key 'crawl.discover_feeds': expected true or false"));
}

}  // namespace
}  // namespace nc
