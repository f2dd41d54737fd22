// [extract] articles: on by default, read from TOML, kept through the
// stored config of a job, and a clear error for a value that is no boolean.

#include <gtest/gtest.h>

#include "config/crawl_config.h"

namespace nc {
namespace {

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
  CrawlConfig c;
  Status s = LoadConfigText("[extract]\narticles = \"yes\"\n", "news.toml", c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("news.toml:2: key 'extract.articles': expected true or false"),
            std::string::npos)
      << s.error().message;
}

}  // namespace
}  // namespace nc
