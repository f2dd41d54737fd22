// common/stable_hash.h: the values are fixed by the published definitions
// (stored fingerprints and ids, partitions shared between nodes depend on it).
#include "common/stable_hash.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

TEST(StableHash, Fnv1a64GivesThePublishedTestVectors) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ULL);
  // Bytes >= 0x80 are taken unsigned, as the definition reads octets.
  EXPECT_NE(Fnv1a64("\xe9"), Fnv1a64("\x69"));
  static_assert(Fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
}

TEST(StableHash, SplitMix64FinaliserGivesTheReferenceFirstOutput) {
  // splitmix64 seeded with 0: its first output finalises 0x9e3779b97f4a7c15.
  EXPECT_EQ(SplitMix64Finalise(0x9e3779b97f4a7c15ULL), 0xe220a8397b1dcdafULL);
}

}  // namespace
}  // namespace nc
