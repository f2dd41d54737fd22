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
  EXPECT_EQ(back.host_key, "ip");
  EXPECT_EQ(back.max_open_connections, 12u);
}

TEST(CrawlConfigHostKey, DefaultsAreHostAndTwiceMaxConnections) {
  CrawlConfig c;
  EXPECT_EQ(c.host_key, "host");
  EXPECT_EQ(c.max_open_connections, 0u);  // 0 = 2 x max_connections
  EXPECT_TRUE(ValidateConfig(c).ok());
}

TEST(CrawlConfigHostKey, UnknownModeIsRejectedWithTheKeyNamed) {
  CrawlConfig c;
  c.host_key = "subnet";
  Status s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("politeness.host_key"), std::string::npos) << s.error().message;
  EXPECT_NE(s.error().message.find("subnet"), std::string::npos) << s.error().message;
  for (const char* mode : {"host", "ip", "domain"}) {
    c.host_key = mode;
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
