// Issue 11 items 4 and 7, end to end: every number flag is checked by the
// reader of the config key it sets (or the same seconds / count check), so
// negative, NaN, infinite and absurd values are usage errors (exit 2)
// naming the flag, before any store is made; unknown subcommands and flags
// get the nearest known name.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr const char* kHelpLine = "Run with --help for more information.\n";
constexpr const char* kSeconds = "expected a number of seconds >= 0 and <= 2592000";

struct BadFlag {
  std::string flag;
  std::string value;
  std::string why;
};

TEST(FlagChecks, EveryNumberFlagOfCrawlRejectsBadValuesNamingTheFlag) {
  const std::string u32 = "expected a whole number >= 0 and <= 4294967295";
  const std::string u64 = "expected a whole number >= 0";
  std::vector<BadFlag> cases;
  for (const std::string flag :
       {"--min-delay", "--robots-max-wait", "--watch", "--watch-min-interval",
        "--watch-max-interval"}) {
    for (const std::string value : {"-1", "nan", "inf", "1e9"}) {
      cases.push_back({flag, value, kSeconds});
    }
  }
  for (const std::string flag : {"--max-pages", "--max-pages-per-host", "--max-store-mib"}) {
    for (const std::string value : {"-1", "nan", "inf", "1.5"}) cases.push_back({flag, value, u64});
  }
  for (const std::string flag :
       {"--max-in-flight-per-host", "--max-open-connections", "--watch-cycles"}) {
    for (const std::string value : {"-1", "nan", "1.5", "4294967296"}) {
      cases.push_back({flag, value, u32});
    }
  }
  for (const std::string value : {"0", "-1", "nan", "inf", "1e9"}) {
    cases.push_back({"--stats-interval", value,
                     "expected a number of seconds > 0 and <= 2592000"});
  }
  TempDir dir;
  const std::string store = (dir / "store").string();
  for (const std::string command : {"crawl", "resume", "watch"}) {
    for (const BadFlag& c : cases) {
      std::vector<std::string> args = {command, "--store", store, c.flag, c.value};
      if (command == "crawl") args.insert(args.end(), {"--seed", "http://a.test/"});
      std::string out, err;
      EXPECT_EQ(RunNewscrawl(args, &out, &err), 2) << command << " " << c.flag << " " << c.value;
      EXPECT_EQ(err, "newscrawl: " + c.flag + ": " + c.why + ", got " + c.value + "\n" + kHelpLine)
          << command;
    }
  }
  EXPECT_FALSE(std::filesystem::exists(store));
}

TEST(FlagChecks, CrossChecksOfTheConfigNameTheKey) {
  EXPECT_EQ(CrawlUsageError("http://a.test/", {"--max-store-mib", "1e12"}),
            "newscrawl: key 'storage.max_store_mib': must be 1..67108864 (64 TiB)\n");
  EXPECT_EQ(CrawlUsageError("http://a.test/", {"--max-in-flight-per-host", "0"}),
            "newscrawl: key 'politeness.max_in_flight_per_host': must be >= 1\n");
}

TEST(FlagChecks, NumberFlagsOfOtherCommandsAreCheckedToo) {
  TempDir dir;
  const std::vector<BadFlag> cases = {
      {"--port", "0", "expected a whole number >= 1 and <= 65535"},
      {"--port", "70000", "expected a whole number >= 1 and <= 65535"},
      {"--extra-hosts", "-1", "expected a whole number >= 0 and <= 10000"},
      {"--extra-hosts", "1e9", "expected a whole number >= 0 and <= 10000"},
      {"--paragraphs", "0", "expected a whole number >= 1 and <= 10000"},
      {"--articles-per-section", "nan", "expected a whole number >= 1 and <= 10000"},
  };
  for (const BadFlag& c : cases) {
    std::vector<std::string> args = {"fixture-site", "--out", (dir / "site").string(), "--port",
                                     "8080"};
    if (c.flag == "--port") args.pop_back(), args.pop_back();
    args.insert(args.end(), {c.flag, c.value});
    std::string out, err;
    EXPECT_EQ(RunNewscrawl(args, &out, &err), 2) << c.flag << " " << c.value;
    EXPECT_EQ(err, "newscrawl: " + c.flag + ": " + c.why + ", got " + c.value + "\n" + kHelpLine);
  }
  std::string out, err;
  EXPECT_EQ(RunNewscrawl({"graph-stats", "--store", dir.path().string(), "--pagerank", "-1"}, &out,
                         &err),
            2);
  EXPECT_EQ(err, std::string("newscrawl: --pagerank: expected a whole number >= 0 and <= 1000000, "
                             "got -1\n") +
                     kHelpLine);
  EXPECT_EQ(RunNewscrawl({"links", "--eval-corpus", dir.path().string(), "--min-followed-recall",
                          "1.5"},
                         &out, &err),
            2);
  EXPECT_EQ(err, std::string("newscrawl: --min-followed-recall: expected a number from 0 to 1, "
                             "got 1.5\n") +
                     kHelpLine);
}

TEST(FlagChecks, UnknownCommandsAndFlagsGetTheNearestName) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"crawel"}, "newscrawl: unknown command 'crawel'; did you mean 'crawl'?\n"},
      {{"stauts", "--store", "x"}, "newscrawl: unknown command 'stauts'; did you mean 'status'?\n"},
      {{"exprot"}, "newscrawl: unknown command 'exprot'; did you mean 'export'?\n"},
      {{"crawl", "--seed", "http://a.test/", "--store", "x", "--max-page", "3"},
       "newscrawl: crawl: unknown flag '--max-page'; did you mean '--max-pages'?\n"},
      {{"crawl", "--seed", "http://a.test/", "--store", "x", "--min-dealy=1"},
       "newscrawl: crawl: unknown flag '--min-dealy'; did you mean '--min-delay'?\n"},
      {{"resume", "--stroe", "x"},
       "newscrawl: resume: unknown flag '--stroe'; did you mean '--store'?\n"},
      {{"export", "--store", "x", "--fromat", "jsonl"},
       "newscrawl: export: unknown flag '--fromat'; did you mean '--format'?\n"},
      {{"crawl", "--store", "x", "--banana"},
       "newscrawl: crawl: unknown flag '--banana' (see newscrawl crawl --help)\n"},
  };
  for (const Case& c : cases) {
    std::string out, err;
    EXPECT_EQ(RunNewscrawl(c.args, &out, &err), 2) << c.args[0];
    EXPECT_EQ(err, c.message);
  }
  std::string out, err;
  EXPECT_EQ(RunNewscrawl({"frobnicate"}, &out, &err), 2);
  EXPECT_TRUE(err.starts_with("newscrawl: unknown command 'frobnicate' (commands: crawl, resume, "
                              "watch, status, "))
      << err;
}

}  // namespace
}  // namespace nc::testing
