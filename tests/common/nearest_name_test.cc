// common/nearest_name.h: the edit distance and the "did you mean" choice.
#include "common/nearest_name.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("crawl", "crawl"), 0u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("crawel", "crawl"), 1u);   // insertion
  EXPECT_EQ(EditDistance("crwl", "crawl"), 1u);     // deletion
  EXPECT_EQ(EditDistance("crewl", "crawl"), 1u);    // substitution
  EXPECT_EQ(EditDistance("carwl", "crawl"), 1u);    // neighbours swapped
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("status", "resume"), EditDistance("resume", "status"));
}

TEST(NearestName, FindsTheCloseNameAndNothingForAFarOne) {
  const std::vector<std::string> commands = {"crawl", "resume", "watch", "status", "export", "cat"};
  EXPECT_EQ(NearestName("crawel", commands), "crawl");
  EXPECT_EQ(NearestName("stauts", commands), "status");
  EXPECT_EQ(NearestName("exprot", commands), "export");
  EXPECT_EQ(NearestName("cta", commands), "cat");
  EXPECT_EQ(NearestName("xyz", commands), std::nullopt);
  EXPECT_EQ(NearestName("download", commands), std::nullopt);
  // The exact name is not a suggestion: the caller only asks for unknown ones.
  EXPECT_EQ(NearestName("crawl", commands), std::nullopt);
  EXPECT_EQ(NearestName("--max-page", {"--max-pages", "--max-pages-per-host"}), "--max-pages");
  EXPECT_EQ(NearestName("min_dealy", {"max_crawl_delay", "min_delay"}), "min_delay");
}

TEST(NearestName, PrefersTheClosestThenTheFirstListed) {
  EXPECT_EQ(NearestName("watc", {"watch", "batch"}), "watch");
  EXPECT_EQ(NearestName("abcdefgh", {"abcdefxy", "abcdefgx"}), "abcdefgx");
  EXPECT_EQ(NearestName("ab", {"ax", "ay"}), "ax");
}

}  // namespace
}  // namespace nc
