#include "frontier/redirect_chain.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

constexpr const char* kA = "https://www.news.test/a";
constexpr const char* kB = "https://www.news.test/b";
constexpr const char* kC = "https://www.news.test/c";

// Stored in the frontier: a change would turn every stored chain into noise.
TEST(RedirectChainTest, FingerprintIsFnv1a64AndStable) {
  EXPECT_EQ(RedirectFingerprint(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(RedirectFingerprint("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_NE(RedirectFingerprint(kA), RedirectFingerprint(kB));
}

TEST(RedirectChainTest, LoopLengthCountsTheHopsBackToTheTarget) {
  EXPECT_EQ(RedirectLoopLength({}, kA, kA), 1u);  // a redirect to itself
  EXPECT_EQ(RedirectLoopLength({}, kA, kB), std::nullopt);

  const RedirectChain after_a = ExtendRedirectChain({}, kA);
  ASSERT_EQ(after_a.size(), 1u);
  EXPECT_EQ(RedirectLoopLength(after_a, kB, kA), 2u);  // a -> b -> a
  EXPECT_EQ(RedirectLoopLength(after_a, kB, kC), std::nullopt);

  const RedirectChain after_b = ExtendRedirectChain(after_a, kB);
  EXPECT_EQ(after_b, (RedirectChain{RedirectFingerprint(kA), RedirectFingerprint(kB)}));
  EXPECT_EQ(RedirectLoopLength(after_b, kC, kB), 2u);  // a -> b -> c -> b
  EXPECT_EQ(RedirectLoopLength(after_b, kC, kA), 3u);  // a -> b -> c -> a
  EXPECT_EQ(RedirectLoopLength(after_b, kC, kC), 1u);
}

}  // namespace
}  // namespace nc
