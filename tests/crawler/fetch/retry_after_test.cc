#include "crawler/fetch/retry_after.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

// 1994-11-06 08:49:37 UTC in ms.
constexpr int64_t kNow = 784111777000;

TEST(RetryAfter, DelaySeconds) {
  EXPECT_EQ(ParseRetryAfter("120", kNow), 120.0);
  EXPECT_EQ(ParseRetryAfter(" 2 ", kNow), 2.0);
}

TEST(RetryAfter, HttpDateIsRelativeToNow) {
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:49:47 GMT", kNow), 10.0);
  EXPECT_EQ(ParseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", kNow), 0.0);  // past
}

TEST(RetryAfter, GarbageIsIgnored) {
  EXPECT_FALSE(ParseRetryAfter("", kNow));
  EXPECT_FALSE(ParseRetryAfter("soon", kNow));
  EXPECT_FALSE(ParseRetryAfter("-5", kNow));
  EXPECT_FALSE(ParseRetryAfter("Sun, 06 Nov 1994 08:49:47", kNow));
}

TEST(RetryAfter, HugeDelayIsLargeNotOverflowed) {
  auto v = ParseRetryAfter("99999999999999999999", kNow);
  ASSERT_TRUE(v);
  EXPECT_GT(*v, 1e6);
}

}  // namespace
}  // namespace nc
