// [politeness] host_key and max_open_connections: loading, round trip and
// validation.
#include <gtest/gtest.h>

#include "config/crawl_config.h"

namespace nc {
namespace {

TEST(CrawlConfigHostKey, LoadsAndRoundTrips) {
  CrawlConfig c;
  ASSERT_TRUE(LoadConfigText(
      "[politeness]\nmax_connections = 8\nhost_key = \"ip\"\nmax_open_connections = 12\n",
      "news.toml", c));
  EXPECT_TRUE(ValidateConfig(c).ok());
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back));
  EXPECT_EQ(back.host_key, HostKeyMode::kIp);
  EXPECT_EQ(back.max_open_connections, 12u);
}

TEST(CrawlConfigHostKey, DefaultsAreHostAndTwiceMaxConnections) {
  CrawlConfig c;
  EXPECT_EQ(c.host_key, HostKeyMode::kHost);
  EXPECT_EQ(c.max_open_connections, 0u);  // 0 = 2 x max_connections
  EXPECT_TRUE(ValidateConfig(c).ok());
}

TEST(CrawlConfigHostKey, UnknownModeIsRejectedWithTheKeyNamed) {
  CrawlConfig c;
  const Status refused = LoadConfigText("[politeness]\nhost_key = \"subnet\"\n", "news.toml", c);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "news.toml:2: key 'politeness.host_key': 'subnet': expected \"host\", \"ip\" or "
            "\"domain\"");
  for (const char* mode : {"host", "ip", "domain"}) {
    c = CrawlConfig{};
    const std::string text = std::string("[politeness]\nhost_key = \"") + mode + "\"\n";
    ASSERT_TRUE(LoadConfigText(text, "news.toml", c).ok()) << mode;
    EXPECT_EQ(ModeName(c.host_key), mode);
    EXPECT_TRUE(ValidateConfig(c).ok()) << mode;
  }
}

TEST(CrawlConfigHostKey, OpenConnectionCapBelowMaxConnectionsIsRejected) {
  CrawlConfig c;
  c.max_connections = 10;
  c.max_open_connections = 9;
  Status s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("politeness.max_open_connections"), std::string::npos);
  c.max_open_connections = 10;
  EXPECT_TRUE(ValidateConfig(c).ok());
}

}  // namespace
}  // namespace nc
