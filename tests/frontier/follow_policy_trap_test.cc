// HasRepeatedPathSegments (frontier/follow_policy.h) on long paths: the
// segments of a usual path are sorted in an array on the stack, those of a
// longer one in a vector; both must find a segment named three times,
// wherever it is, and nothing in a long path of distinct segments.
#include <gtest/gtest.h>

#include <string>

#include "frontier/follow_policy.h"
#include "frontier/url.h"
#include "tests/frontier/url_test_helpers.h"

namespace nc {
namespace {

using testing::U;

std::string PathOf(size_t distinct) {
  std::string path;
  for (size_t i = 0; i < distinct; ++i) path += "/s" + std::to_string(i);
  return path;
}

TEST(RepeatedPathSegments, LongPathsOfDistinctSegmentsAreNoTrap) {
  for (size_t n : {2, 31, 32, 33, 100}) {
    EXPECT_FALSE(HasRepeatedPathSegments(U("https://h.test" + PathOf(n)))) << n;
  }
}

TEST(RepeatedPathSegments, ARepeatPastTheInlineSegmentsIsFound) {
  for (size_t n : {0, 29, 30, 31, 32, 40}) {
    const std::string url = "https://h.test" + PathOf(n) + "/loop/x/loop/loop";
    EXPECT_TRUE(HasRepeatedPathSegments(U(url))) << n;
  }
  // The repeat split across the inline part and the spilled part.
  EXPECT_TRUE(HasRepeatedPathSegments(U("https://h.test/loop" + PathOf(40) + "/loop/loop")));
  // Twice is not enough, however long the path.
  EXPECT_FALSE(HasRepeatedPathSegments(U("https://h.test/loop" + PathOf(40) + "/loop")));
}

}  // namespace
}  // namespace nc
