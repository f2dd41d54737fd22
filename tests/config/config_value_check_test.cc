// Issue 11 items 4 and 7: every seconds and count key rejects negative,
// NaN, infinite and absurd values with a message naming the key; flags go
// through the same reader (SetConfigValueFromText); unknown keys get the
// nearest known one.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config_values.h"
#include "tests/config/load_error.h"

namespace nc {
namespace {

// Every key that holds seconds (crawl_config.cc, SecondsField).
const std::vector<std::string> kSecondsKeys = {
    "crawl.watch",
    "crawl.watch_min_interval",
    "crawl.watch_max_interval",
    "crawl.revisit_articles_after",
    "politeness.min_delay",
    "politeness.max_crawl_delay",
    "politeness.adaptive_factor",
    "politeness.backoff_initial",
    "politeness.backoff_max",
    "politeness.park_seconds",
    "politeness.max_retry_after",
    "politeness.robots_ttl",
    "politeness.robots_max_wait",
    "politeness.max_requests_per_second",
    "fetch.connect_timeout",
    "fetch.read_timeout",
    "fetch.total_timeout",
};

// Every count key, with the largest value its type holds.
const std::vector<std::pair<std::string, std::string>> kCountKeys = {
    {"crawl.max_pages", ""},
    {"crawl.section_depth", "4294967295"},
    {"crawl.max_depth", "4294967295"},
    {"crawl.max_pages_per_host", ""},
    {"crawl.watch_cycles", "4294967295"},
    {"politeness.max_in_flight_per_host", "4294967295"},
    {"politeness.max_connections", "4294967295"},
    {"politeness.park_after_failures", "4294967295"},
    {"politeness.robots_max_attempts", "4294967295"},
    {"politeness.max_open_connections", "4294967295"},
    {"fetch.max_retries", "4294967295"},
    {"fetch.max_redirects", "4294967295"},
    {"fetch.max_body_bytes", ""},
    {"storage.commit_batch_pages", "4294967295"},
    {"storage.commit_interval_ms", "4294967295"},
    {"storage.zstd_level", "2147483647"},  // an int
    {"storage.parse_threads", "4294967295"},
    {"storage.worker_backlog_mib", "4294967295"},
    {"storage.max_store_mib", ""},
    {"storage.sync_interval_ms", "4294967295"},
};

std::string Section(const std::string& key) { return key.substr(0, key.find('.')); }
std::string Name(const std::string& key) { return key.substr(key.find('.') + 1); }

TEST(ConfigValueCheck, EverySecondsKeyRejectsNegativeNanInfiniteAndAbsurdValues) {
  for (const std::string& key : kSecondsKeys) {
    for (const std::string value : {"-1", "-0.5", "nan", "inf", "-inf", "1e9", "2592001"}) {
      EXPECT_EQ(LoadError("[" + Section(key) + "]\n" + Name(key) + " = " + value + "\n"),
                "news.toml:2: key '" + key + "': expected a number of seconds >= 0 and <= 2592000")
          << key << " = " << value;
      CrawlConfig config;
      EXPECT_EQ(SetConfigValueFromText(key, value, config),
                "expected a number of seconds >= 0 and <= 2592000, got " + value)
          << key;
    }
    EXPECT_EQ(LoadError("[" + Section(key) + "]\n" + Name(key) + " = \"5\"\n"),
              "news.toml:2: key '" + key + "': expected a number of seconds >= 0 and <= 2592000");
    EXPECT_EQ(LoadError("[" + Section(key) + "]\n" + Name(key) + " = 2592000\n"), "") << key;
  }
}

TEST(ConfigValueCheck, EveryCountKeyRejectsNegativeFractionalAndOverflowingValues) {
  for (const auto& [key, max] : kCountKeys) {
    const std::string expected =
        max.empty() ? "expected a whole number >= 0"
                    : "expected a whole number >= 0 and <= " + max;
    for (const std::string value : {"-1", "1.5", "nan", "inf", "\"3\"", "true"}) {
      EXPECT_EQ(LoadError("[" + Section(key) + "]\n" + Name(key) + " = " + value + "\n"),
                "news.toml:2: key '" + key + "': " + expected)
          << key << " = " << value;
    }
    if (!max.empty()) {
      // One more than the type holds would wrap around to a small value.
      const std::string over = std::to_string(std::stoull(max) + 1);
      EXPECT_EQ(LoadError("[" + Section(key) + "]\n" + Name(key) + " = " + over + "\n"),
                "news.toml:2: key '" + key + "': " + expected)
          << key;
      CrawlConfig config;
      EXPECT_EQ(SetConfigValueFromText(key, over, config), expected + ", got " + over);
    }
    CrawlConfig config;
    EXPECT_EQ(SetConfigValueFromText(key, "-1", config), expected + ", got -1") << key;
    EXPECT_EQ(SetConfigValueFromText(key, "nan", config), expected + ", got nan") << key;
  }
}

TEST(ConfigValueCheck, FlagTextSetsTheKeyLikeTheFileDoes) {
  CrawlConfig config;
  EXPECT_EQ(SetConfigValueFromText("politeness.min_delay", "0.25", config), "");
  EXPECT_DOUBLE_EQ(config.min_delay, 0.25);
  EXPECT_EQ(SetConfigValueFromText("politeness.min_delay", "3", config), "");
  EXPECT_DOUBLE_EQ(config.min_delay, 3);
  EXPECT_EQ(SetConfigValueFromText("crawl.max_pages", "1e3", config), "");
  EXPECT_EQ(config.max_pages, 1000u);
  EXPECT_EQ(SetConfigValueFromText("crawl.watch_cycles", "4294967295", config), "");
  EXPECT_EQ(config.watch_cycles, 4294967295u);
  EXPECT_EQ(SetConfigValueFromText("politeness.min_delay", "soon", config),
            "expected a number of seconds >= 0 and <= 2592000, got soon");
  EXPECT_EQ(SetConfigValueFromText("crawl.max_pages", "", config),
            "expected a whole number >= 0, got ");
  EXPECT_EQ(SetConfigValueFromText("crawl.nothing", "1", config),
            "unknown config key 'crawl.nothing'");
}

TEST(ConfigValueCheck, AbsurdStoreSizeIsRefusedByValidation) {
  CrawlConfig config;
  ASSERT_EQ(SetConfigValueFromText("storage.max_store_mib", "1e12", config), "");
  Status s = ValidateConfig(config);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().message, "key 'storage.max_store_mib': must be 1..67108864 (64 TiB)");
}

TEST(ConfigKeySuggestion, UnknownKeysGetTheNearestKnownKey) {
  EXPECT_EQ(LoadError("[politeness]\nmin_dealy = 1\n"),
            "news.toml:2: key 'politeness.min_dealy': unknown key; did you mean "
            "'politeness.min_delay'?");
  EXPECT_EQ(LoadError("[crawl]\n\nmax_pagez = 3\n"),
            "news.toml:3: key 'crawl.max_pagez': unknown key; did you mean 'crawl.max_pages'?");
  // The right key under the wrong header.
  EXPECT_EQ(LoadError("[crawl]\nmin_delay = 1\n"),
            "news.toml:2: key 'crawl.min_delay': unknown key; did you mean "
            "'politeness.min_delay' (under [politeness])?");
  // A misspelt section.
  EXPECT_EQ(LoadError("[politenes]\nmin_delay = 1\n"),
            "news.toml:2: key 'politenes.min_delay': unknown key; did you mean "
            "'politeness.min_delay' (under [politeness])?");
  // A key outside any section.
  EXPECT_EQ(LoadError("min_delay = 1\n"),
            "news.toml:1: key 'min_delay': expected a section such as [crawl], [politeness], "
            "[fetch], [storage], [extract], [[site]]; did you mean 'politeness.min_delay' (under "
            "[politeness])?");
  EXPECT_EQ(LoadError("[[site]]\nhost = \"a.test\"\nheadlne = \"a\"\n"),
            "news.toml:3: key 'site[0].headlne': unknown key (host, headline, related, nav, "
            "footer); did you mean 'site[0].headline'?");
  // Nothing close: no suggestion.
  EXPECT_EQ(LoadError("[crawl]\nbanana = 1\n"), "news.toml:2: key 'crawl.banana': unknown key");
}

}  // namespace
}  // namespace nc
