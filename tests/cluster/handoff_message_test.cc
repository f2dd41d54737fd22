#include "cluster/handoff_message.h"

#include <gtest/gtest.h>

#include "cluster/partition.h"

namespace nc::cluster {
namespace {

TEST(HandoffMessageTest, RoundTrips) {
  HandoffUrl url{"https://news.test/a?b=c", 4, 2};
  EXPECT_EQ(EncodeHandoffUrl(url), "v1 4 2 https://news.test/a?b=c");
  auto decoded = DecodeHandoffUrl(EncodeHandoffUrl(url));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(*decoded, url);
}

// A redirect target carries its chain (v2); an old node's v1 is still read.
TEST(HandoffMessageTest, ARedirectChainTravelsAsV2AndV1IsStillRead) {
  HandoffUrl url{"https://b.test/", 0, 2, {0x0123456789abcdefULL, 0xfedcba9876543210ULL}};
  EXPECT_EQ(EncodeHandoffUrl(url), "v2 0 2 0123456789abcdef,fedcba9876543210 https://b.test/");
  auto decoded = DecodeHandoffUrl(EncodeHandoffUrl(url));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(*decoded, url);
  auto old = DecodeHandoffUrl("v1 3 1 https://b.test/");
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(*old, (HandoffUrl{"https://b.test/", 3, 1, {}}));
  std::vector<uint64_t> longest(kMaxHandoffRedirectHops, 7);
  ASSERT_TRUE(DecodeHandoffUrl(EncodeHandoffUrl(HandoffUrl{"http://a/", 0, 20, longest})).ok());
  longest.push_back(7);
  EXPECT_FALSE(DecodeHandoffUrl(EncodeHandoffUrl(HandoffUrl{"http://a/", 0, 21, longest})).ok());
}

TEST(HandoffMessageTest, RefusesWhatNoNodeWouldSend) {
  for (const char* body : {"",
                           "v1",
                           "v2 0 0 http://a/",
                           "v1 0 http://a/",
                           "v1 -1 0 http://a/",
                           "v1 0 0 ",
                           "v1 99999999999 0 http://a/",
                           "v1 0 0 ftp://a/",
                           "v1 0 0 http://a/ b",
                           "v1 0 0 http://a/\xc3\xa9",
                           "v1  0 0 http://a/",
                           "v3 0 0 http://a/",
                           "v2 0 1  http://a/",
                           "v2 0 1 0123456789abcde http://a/",
                           "v2 0 1 0123456789ABCDEF http://a/",
                           "v2 0 1 0123456789abcdeg http://a/",
                           "v2 0 1 0123456789abcdef, http://a/",
                           "v2 0 1 ,0123456789abcdef http://a/",
                           "v2 0 1 0123456789abcdef00 http://a/",
                           "v2 0 1 0123456789abcdef"}) {
    auto decoded = DecodeHandoffUrl(body);
    ASSERT_FALSE(decoded.ok()) << body;
    EXPECT_EQ(decoded.error().code, "cluster.bad_handoff");
  }
  EXPECT_FALSE(DecodeHandoffUrl("v1 0 0 http://a/" + std::string(kMaxHandoffUrlBytes, 'x')).ok());
}

TEST(PartitionTest, IsStableAcrossBuildsAndSpreadsHosts) {
  // FNV-1a 64 of "" and "a": fixed forever, since a job's nodes must agree.
  EXPECT_EQ(StableHash64(""), 14695981039346656037ULL);
  EXPECT_EQ(StableHash64("a"), 0xaf63dc4c8601ec8cULL);
  std::vector<int> counts(16, 0);
  for (int i = 0; i < 1600; ++i) {
    uint32_t p = PartitionOf("host" + std::to_string(i) + ".test", 16);
    ASSERT_LT(p, 16u);
    ++counts[p];
  }
  for (int count : counts) EXPECT_GT(count, 50);  // 100 expected each
  EXPECT_EQ(PartitionOf("x", 0), 0u);
}

}  // namespace
}  // namespace nc::cluster
