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

TEST(HandoffMessageTest, RefusesWhatNoNodeWouldSend) {
  for (const char* body : {"", "v1", "v2 0 0 http://a/", "v1 0 http://a/", "v1 -1 0 http://a/",
                           "v1 0 0 ", "v1 99999999999 0 http://a/", "v1 0 0 ftp://a/",
                           "v1 0 0 http://a/ b", "v1 0 0 http://a/\xc3\xa9", "v1  0 0 http://a/"}) {
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
