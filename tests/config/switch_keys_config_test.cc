// On/off keys of the config, each the same way: on by default, read from
// TOML, kept through the stored config of a job (resume runs with what the
// job was started with), and a clear error naming the key for a value that
// is no boolean. One row per key: [crawl] discover_feeds, [extract] articles.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "config/crawl_config.h"
#include "tests/config/load_error.h"

namespace nc {
namespace {

using ::testing::HasSubstr;

struct SwitchKey {
  const char* section;
  const char* key;
  bool CrawlConfig::*field;
};

class SwitchKeyConfig : public ::testing::TestWithParam<SwitchKey> {
 protected:
  std::string Toml(const std::string& value) const {
    return std::string("[") + GetParam().section + "]\n" + GetParam().key + " = " + value + "\n";
  }
};

TEST_P(SwitchKeyConfig, OnByDefault) { EXPECT_TRUE(CrawlConfig{}.*GetParam().field); }

TEST_P(SwitchKeyConfig, LoadsFromTomlAndRoundTrips) {
  CrawlConfig c;
  ASSERT_TRUE(LoadConfigText(Toml("false"), "news.toml", c).ok());
  EXPECT_FALSE(c.*GetParam().field);
  EXPECT_TRUE(ValidateConfig(c).ok());
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back).ok());
  EXPECT_FALSE(back.*GetParam().field);
}

TEST_P(SwitchKeyConfig, NonBooleanNamesTheKey) {
  EXPECT_THAT(LoadError(Toml("\"yes\"")),
              HasSubstr(std::string("news.toml:2: key '") + GetParam().section + "." +
                        GetParam().key + "': expected true or false"));
}

INSTANTIATE_TEST_SUITE_P(
    Keys, SwitchKeyConfig,
    ::testing::Values(SwitchKey{"crawl", "discover_feeds", &CrawlConfig::discover_feeds},
                      SwitchKey{"extract", "articles", &CrawlConfig::extract_articles}),
    [](const ::testing::TestParamInfo<SwitchKey>& info) {
      return std::string(info.param.section) + "_" + info.param.key;
    });

}  // namespace
}  // namespace nc
