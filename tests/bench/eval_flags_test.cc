// The evaluation tools' flag parser (tests/bench/eval_flags.h): the ctest
// entries pass their floors through it, so a flag that is misread would
// turn a floor off without a word.
#include "tests/bench/eval_flags.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace nc::bench {
namespace {

struct Values {
  std::string data, page;
  double floor = 0;
  bool verbose = false;
};

EvalFlags Declare(Values& v) {
  EvalFlags flags("tool");
  flags.Text("--data", "DIR", &v.data)
      .Number("--min-f1", &v.floor)
      .Switch("--verbose", &v.verbose)
      .Text("--page", "ID", &v.page);
  return flags;
}

// Parses `words` (argv[0] "tool" added) and returns what went to stderr.
std::string Parse(const EvalFlags& flags, std::vector<const char*> words, bool* ok) {
  words.insert(words.begin(), "tool");
  std::ostringstream err;
  *ok = flags.Parse(static_cast<int>(words.size()), words.data(), err);
  return err.str();
}

TEST(EvalFlagsTest, UsageListsTheFlagsInDeclarationOrder) {
  Values v;
  EXPECT_EQ(Declare(v).Usage(), "usage: tool [--data DIR] [--min-f1 X] [--verbose] [--page ID]");
}

TEST(EvalFlagsTest, ReadsEveryKindInAnyOrder) {
  Values v;
  bool ok = false;
  const std::string err =
      Parse(Declare(v), {"--page", "p7", "--verbose", "--min-f1", "0.95", "--data", "/d"}, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(err, "");
  EXPECT_EQ(v.data, "/d");
  EXPECT_EQ(v.page, "p7");
  EXPECT_DOUBLE_EQ(v.floor, 0.95);
  EXPECT_TRUE(v.verbose);
}

TEST(EvalFlagsTest, NothingGivenLeavesTheDefaults) {
  Values v{.data = "default", .page = "", .floor = 0.5, .verbose = false};
  bool ok = false;
  EXPECT_EQ(Parse(Declare(v), {}, &ok), "");
  EXPECT_TRUE(ok);
  EXPECT_EQ(v.data, "default");
  EXPECT_DOUBLE_EQ(v.floor, 0.5);
  EXPECT_FALSE(v.verbose);
}

TEST(EvalFlagsTest, AValueFlagTakesTheNextWordEvenWhenItLooksLikeAFlag) {
  Values v;
  bool ok = false;
  Parse(Declare(v), {"--page", "--verbose"}, &ok);
  EXPECT_TRUE(ok);
  EXPECT_EQ(v.page, "--verbose");
  EXPECT_FALSE(v.verbose);
}

TEST(EvalFlagsTest, RefusesWithTheUsageLine) {
  const std::string usage = "usage: tool [--data DIR] [--min-f1 X] [--verbose] [--page ID]\n";
  const std::vector<std::vector<const char*>> bad = {
      {"--unknown"},            // not declared
      {"data"},                 // a positional word
      {"--data"},               // a value flag at the end
      {"--min-f1", "O.9"},      // not a number: would have been a floor of 0
      {"--min-f1", "0.9x"},     // a number with something left over
      {"--min-f1", ""},         // empty
      {"--verbose", "--pages"}  // a good flag, then a bad one
  };
  for (const auto& words : bad) {
    Values v;
    bool ok = true;
    EXPECT_EQ(Parse(Declare(v), words, &ok), usage) << words.front();
    EXPECT_FALSE(ok) << words.front();
  }
}

}  // namespace
}  // namespace nc::bench
