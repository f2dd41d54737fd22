// [extract] articles: on by default, read from TOML, kept through the
// stored config of a job, and a clear error for a value that is no boolean.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/crawl_config.h"
#include "tests/config/load_error.h"

namespace nc {
namespace {

using ::testing::HasSubstr;

TEST(ExtractArticlesConfig, OnByDefault) { EXPECT_TRUE(CrawlConfig{}.extract_articles); }

TEST(ExtractArticlesConfig, ReadFromTomlAndRoundTrips) {
  CrawlConfig c;
  ASSERT_TRUE(LoadConfigText("[extract]\narticles = false\n", "news.toml", c).ok());
  EXPECT_FALSE(c.extract_articles);
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back).ok());
  EXPECT_FALSE(back.extract_articles);
}

TEST(ExtractArticlesConfig, NotABooleanIsAnError) {
  EXPECT_THAT(LoadError("[extract]\narticles = \"yes\"\n"),
              HasSubstr("news.toml:2: key 'extract.articles': expected true or false"));
}

}  // namespace
}  // namespace nc
