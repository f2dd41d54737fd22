#include "config/crawl_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/config/load_error.h"

namespace nc {
namespace {

using ::testing::HasSubstr;

TEST(CrawlConfig, LoadsEveryKindOfField) {
  CrawlConfig c;
  ASSERT_TRUE(LoadConfigText(R"(
[crawl]
seeds = ["http://a.test/"]
max_pages = 20
scope = "all"
[politeness]
min_delay = 0.25
obey_robots = false
[fetch]
resolve = ["a.test:8080:127.0.0.1", "b.test:443:[::1]"]
)",
                             "t.toml", c));
  EXPECT_EQ(c.seeds, std::vector<std::string>{"http://a.test/"});
  EXPECT_EQ(c.max_pages, 20u);
  EXPECT_EQ(c.scope, ScopeMode::kAll);
  EXPECT_DOUBLE_EQ(c.min_delay, 0.25);
  EXPECT_FALSE(c.obey_robots);
  ASSERT_EQ(c.resolve.size(), 2u);
  EXPECT_EQ(c.resolve[1].address, "::1");
  EXPECT_EQ(c.resolve[1].port, 443);
}

TEST(CrawlConfig, UnknownKeyNamesFileLineAndKey) {
  EXPECT_THAT(LoadError("[crawl]\n\nmax_pagez = 3\n"),
              HasSubstr("news.toml:3: key 'crawl.max_pagez'"));
}

TEST(CrawlConfig, WrongTypeNamesFileLineAndKey) {
  EXPECT_THAT(LoadError("[politeness]\nmin_delay = \"fast\"\n"),
              HasSubstr("news.toml:2: key 'politeness.min_delay': expected"));
}

TEST(CrawlConfig, SyntaxErrorNamesLine) {
  EXPECT_THAT(LoadError("[crawl]\nmax_pages = = 3\n", "x.toml"), HasSubstr("x.toml:2:"));
}

TEST(CrawlConfig, RoundTripsThroughToml) {
  CrawlConfig c;
  c.seeds = {"https://x.test/"};
  c.min_delay = 0.5;
  c.scope = ScopeMode::kSeedHosts;
  c.resolve = {{"x.test", 443, "127.0.0.2"}};
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back));
  EXPECT_EQ(back.seeds, c.seeds);
  EXPECT_DOUBLE_EQ(back.min_delay, 0.5);
  EXPECT_EQ(back.scope, ScopeMode::kSeedHosts);
  ASSERT_EQ(back.resolve.size(), 1u);
  EXPECT_EQ(back.resolve[0].address, "127.0.0.2");
}

TEST(CrawlConfig, ValidationRejectsOutOfRange) {
  CrawlConfig c;
  c.max_in_flight_per_host = 0;
  EXPECT_FALSE(ValidateConfig(c).ok());
  c = CrawlConfig{};
  c.follow_roles = {"headline", "bogus"};
  EXPECT_FALSE(ValidateConfig(c).ok());
  EXPECT_TRUE(ValidateConfig(CrawlConfig{}).ok());
}

TEST(CrawlConfig, SchedulerKeysLoadAndRoundTrip) {
  CrawlConfig c;
  const char* text =
      "[politeness]\nmax_crawl_delay = 10\ncrawl_delay_policy = \"skip\"\n"
      "adaptive_factor = 2.5\nbackoff_initial = 0.1\nbackoff_max = 1\n"
      "park_after_failures = 0\npark_seconds = 30\nmax_retry_after = 60\n"
      "robots_ttl = 3600\nrobots_max_attempts = 3\nmax_requests_per_second = 4.5\n";
  ASSERT_TRUE(LoadConfigText(text, "news.toml", c));
  EXPECT_TRUE(ValidateConfig(c).ok());
  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back));
  EXPECT_DOUBLE_EQ(back.max_crawl_delay, 10);
  EXPECT_EQ(back.crawl_delay_policy, CrawlDelayPolicy::kSkip);
  EXPECT_DOUBLE_EQ(back.adaptive_factor, 2.5);
  EXPECT_DOUBLE_EQ(back.backoff_initial, 0.1);
  EXPECT_DOUBLE_EQ(back.backoff_max, 1);
  EXPECT_EQ(back.park_after_failures, 0u);
  EXPECT_DOUBLE_EQ(back.park_seconds, 30);
  EXPECT_DOUBLE_EQ(back.max_retry_after, 60);
  EXPECT_DOUBLE_EQ(back.robots_ttl, 3600);
  EXPECT_EQ(back.robots_max_attempts, 3u);
  EXPECT_DOUBLE_EQ(back.max_requests_per_second, 4.5);
}

TEST(CrawlConfig, SchedulerKeysAreValidated) {
  EXPECT_EQ(LoadError("[politeness]\ncrawl_delay_policy = \"ignore\"\n"),
            "news.toml:2: key 'politeness.crawl_delay_policy': 'ignore': expected \"clamp\" or "
            "\"skip\"");
  CrawlConfig c;
  c.robots_max_attempts = 0;
  EXPECT_FALSE(ValidateConfig(c).ok());
  c = CrawlConfig{};
  c.backoff_initial = 10;
  c.backoff_max = 5;
  EXPECT_FALSE(ValidateConfig(c).ok());
  c = CrawlConfig{};
  c.robots_ttl = 0;
  EXPECT_FALSE(ValidateConfig(c).ok());
  c = CrawlConfig{};
  EXPECT_FALSE(LoadConfigText("[politeness]\nbackoff_max = -1\n", "news.toml", c).ok());
}

TEST(ResolveOverride, ParsesAndRejects) {
  auto r = ParseResolveOverride("News.Test:8443:127.0.0.1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->host, "news.test");
  EXPECT_EQ(r->port, 8443);
  EXPECT_FALSE(ParseResolveOverride("news.test:0:127.0.0.1").ok());
  EXPECT_FALSE(ParseResolveOverride("news.test:80").ok());
  EXPECT_FALSE(ParseResolveOverride(":80:1.2.3.4").ok());
}

}  // namespace
}  // namespace nc

namespace nc {
namespace {

TEST(CrawlConfig, ExampleFileDocumentsEveryKeyAndLoads) {
  CrawlConfig c;
  Status s = LoadConfigFile(std::string(NEWSCRAWL_SOURCE_DIR) + "/config/examples/news.toml", c);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_TRUE(ValidateConfig(c).ok());
  // A sample seed would be silently added to the user's own (issue 11).
  EXPECT_TRUE(c.seeds.empty());
  // Every key the serializer knows appears in the example (so the example stays complete).
  std::ifstream in(std::string(NEWSCRAWL_SOURCE_DIR) + "/config/examples/news.toml");
  std::string example((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string serialized = ConfigToToml(CrawlConfig{});
  std::istringstream lines(serialized);
  for (std::string line; std::getline(lines, line);) {
    auto eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    std::string key = line.substr(0, eq);
    EXPECT_NE(example.find("\n" + key + " = "), std::string::npos) << key << " missing from news.toml";
  }
}

TEST(CrawlConfig, MissingFileIsAnError) {
  CrawlConfig c;
  Status s = LoadConfigFile("/nonexistent/news.toml", c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("/nonexistent/news.toml"), std::string::npos);
}

}  // namespace
}  // namespace nc

namespace nc {
namespace {

TEST(CrawlConfig, FollowPolicyKeysAndSiteTablesRoundTrip) {
  CrawlConfig c;
  Status s = LoadConfigText(R"(
[crawl]
include = ["/20[0-9]{2}/"]
exclude = ["\\.pdf$"]
allow_hosts = ["*.lejournal.test"]
deny_hosts = ["pub.lejournal.test"]
max_pages_per_host = 500

[[site]]
host = "WWW.lejournal.test"
headline = "ul.headlines a"
related = "section.related a"

[[site]]
host = "example.org"
nav = "nav"
footer = "footer, .legal"
)",
                            "t.toml", c);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(c.include, std::vector<std::string>{"/20[0-9]{2}/"});
  EXPECT_EQ(c.exclude, std::vector<std::string>{"\\.pdf$"});
  EXPECT_EQ(c.max_pages_per_host, 500u);
  ASSERT_EQ(c.sites.size(), 2u);
  EXPECT_EQ(c.sites[0].host, "www.lejournal.test");
  EXPECT_EQ(c.sites[0].related, "section.related a");
  EXPECT_EQ(c.sites[1].footer, "footer, .legal");
  EXPECT_TRUE(ValidateConfig(c).ok());

  CrawlConfig back;
  ASSERT_TRUE(LoadConfigText(ConfigToToml(c), "stored", back).ok()) << ConfigToToml(c);
  EXPECT_EQ(back.sites, c.sites);
  EXPECT_EQ(back.allow_hosts, c.allow_hosts);
  EXPECT_EQ(back.deny_hosts, c.deny_hosts);
  EXPECT_EQ(back.include, c.include);
  EXPECT_EQ(back.max_pages_per_host, 500u);
}

TEST(CrawlConfig, SiteTableErrorsNameTheKey) {
  CrawlConfig c;
  Status s = LoadConfigText("[[site]]\nhost = \"a.test\"\nheadlne = \"a\"\n", "n.toml", c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("n.toml:3: key 'site[0].headlne': unknown key"),
            std::string::npos)
      << s.error().message;
  s = LoadConfigText("[[site]]\nhost = \"a.test\"\nnav = 3\n", "n.toml", c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("key 'site[0].nav': expected a string"), std::string::npos);

  CrawlConfig v;
  v.sites = {SiteRules{"", "a", "", "", ""}};
  s = ValidateConfig(v);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("key 'site[0].host'"), std::string::npos);
  v.sites = {SiteRules{"a.test", "", "", "", ""}};
  EXPECT_FALSE(ValidateConfig(v).ok());
  v.sites = {SiteRules{"a.test", "a", "", "", ""}, SiteRules{"a.test", "", "b", "", ""}};
  s = ValidateConfig(v);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("key 'site[1].host'"), std::string::npos);
}

}  // namespace
}  // namespace nc
