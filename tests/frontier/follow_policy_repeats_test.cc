// HasRepeatedPathSegments counts the copies of each segment pairwise on
// paths of up to 12 segments and sorts longer ones (session 11, issue 16):
// both ways must agree with a plain count of every segment, on paths of
// every length around the switch.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>
#include <vector>

#include "frontier/follow_policy.h"
#include "tests/frontier/url_test_helpers.h"

namespace nc {
namespace {

using testing::U;

bool SomeSegmentRepeats(const std::vector<std::string>& segments) {
  std::map<std::string, size_t> copies;
  for (const std::string& s : segments) {
    if (++copies[s] >= kMaxSegmentRepeats) return true;
  }
  return false;
}

TEST(RepeatedPathSegmentsCount, AgreesWithAPlainCountAtEveryLength) {
  std::mt19937 random(11);
  // Few names, of one length and of several, so repeats are common.
  const std::vector<std::string> names = {"a", "b", "c", "ab", "ba", "abc", "x1", "x2"};
  size_t traps = 0;
  for (size_t count = 1; count <= 16; ++count) {
    for (int round = 0; round < 300; ++round) {
      std::vector<std::string> segments;
      std::string url = "https://h.test";
      for (size_t i = 0; i < count; ++i) {
        segments.push_back(names[random() % names.size()]);
        url += "/" + segments.back();
      }
      if (random() % 2) url += "?q=/a/a/a";  // the query is not the path
      const bool want = SomeSegmentRepeats(segments);
      traps += want;
      EXPECT_EQ(HasRepeatedPathSegments(U(url)), want) << url;
    }
  }
  EXPECT_GT(traps, 1000u);  // both answers were asked
}

TEST(RepeatedPathSegmentsCount, TheLastSegmentsCanMakeTheTrap) {
  EXPECT_TRUE(HasRepeatedPathSegments(U("https://h.test/a/b/c/d/e/f/g/x/x/x")));
  EXPECT_TRUE(HasRepeatedPathSegments(U("https://h.test/x/b/c/d/e/f/g/h/i/j/x/x")));
  EXPECT_FALSE(HasRepeatedPathSegments(U("https://h.test/a/b/c/d/e/f/g/h/i/j/x/x")));
}

}  // namespace
}  // namespace nc
