// UrlIdCache (storage/url_id_cache.h): the writer's bounded memory of
// url_ids entries across transactions.

#include "storage/url_id_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nc::storage {
namespace {

using schema::UrlIdValue;
using schema::UrlState;

std::string Url(int i) { return "https://www.x.test/article-" + std::to_string(i) + ".html"; }

TEST(UrlIdCache, FindsWhatWasPutWithItsLatestState) {
  UrlIdCache cache(1 << 20);
  EXPECT_EQ(cache.Find(Url(1)), nullptr);
  cache.Put(Url(1), UrlIdValue{UrlState::kKnown, 7});
  cache.Put(Url(1), UrlIdValue{UrlState::kQueued, 7});
  const UrlIdValue* found = cache.Find(Url(1));
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->state, UrlState::kQueued);
  EXPECT_EQ(found->id, 7u);
  EXPECT_EQ(cache.entries(), 1u);
}

TEST(UrlIdCache, ClearForgetsEverything) {
  UrlIdCache cache(1 << 20);
  cache.Put(Url(1), UrlIdValue{UrlState::kDone, 1});
  cache.Clear();
  EXPECT_EQ(cache.Find(Url(1)), nullptr);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(UrlIdCache, StaysWithinTwoGenerationsAndKeepsUrlsMetAgain) {
  const size_t entry = Url(0).size() + UrlIdCache::kEntryOverhead;
  const size_t generation = 10 * entry;
  UrlIdCache cache(generation);
  cache.Put(Url(0), UrlIdValue{UrlState::kDone, 1000});  // a URL every page links to
  for (int i = 1; i < 1000; ++i) {
    cache.Put(Url(i), UrlIdValue{UrlState::kKnown, static_cast<uint64_t>(i)});
    ASSERT_LE(cache.bytes(), 2 * generation + entry);
    if (i % 5 == 0) {
      ASSERT_NE(cache.Find(Url(0)), nullptr) << "after " << i;
    }
  }
  // The oldest of the rest are gone, the newest are there.
  EXPECT_EQ(cache.Find(Url(1)), nullptr);
  const UrlIdValue* last = cache.Find(Url(999));
  ASSERT_NE(last, nullptr);
  EXPECT_EQ(last->id, 999u);
  EXPECT_EQ(cache.Find(Url(0))->id, 1000u);
  // A put replaces the entry of either generation, never leaves two.
  cache.Put(Url(995), UrlIdValue{UrlState::kDone, 995});
  EXPECT_EQ(cache.Find(Url(995))->state, UrlState::kDone);
}

// The URLs live in each generation's arena of 64 KiB chunks: a URL that
// does not fit the current chunk starts the next (one longer than a chunk
// gets its own), and no key moves or is overwritten when that happens.
TEST(UrlIdCache, KeepsEveryUrlAcrossArenaChunks) {
  UrlIdCache cache(64 << 20);
  const std::string huge = "https://www.x.test/?q=" + std::string(100'000, 'q');
  for (int i = 0; i < 5000; ++i) {
    cache.Put(Url(i), UrlIdValue{UrlState::kKnown, static_cast<uint64_t>(i + 1)});
    if (i == 2500) cache.Put(huge, UrlIdValue{UrlState::kQueued, 99'999});
  }
  for (int i = 0; i < 5000; ++i) {
    const UrlIdValue* found = cache.Find(Url(i));
    ASSERT_NE(found, nullptr) << Url(i);
    EXPECT_EQ(found->id, static_cast<uint64_t>(i + 1));
  }
  ASSERT_NE(cache.Find(huge), nullptr);
  EXPECT_EQ(cache.Find(huge)->id, 99'999u);
  EXPECT_EQ(cache.Find(huge.substr(0, huge.size() - 1)), nullptr);
  EXPECT_EQ(cache.entries(), 5001u);
}

// The hash reads 8 bytes at a time and then the last 1..8: URLs that differ
// only in their length or in one byte of the tail are different keys.
TEST(UrlIdCache, TellsApartUrlsThatDifferInLengthOrLastByte) {
  UrlIdCache cache(1 << 20);
  std::vector<std::string> urls;
  for (size_t n = 0; n <= 40; ++n) {
    urls.push_back(std::string(n, 'a'));
    if (n > 0) urls.push_back(std::string(n - 1, 'a') + "b");
  }
  for (size_t i = 0; i < urls.size(); ++i) {
    cache.Put(urls[i], UrlIdValue{UrlState::kKnown, i + 1});
  }
  for (size_t i = 0; i < urls.size(); ++i) {
    const UrlIdValue* found = cache.Find(urls[i]);
    ASSERT_NE(found, nullptr) << "length " << urls[i].size();
    EXPECT_EQ(found->id, i + 1) << urls[i];
  }
  EXPECT_EQ(cache.Find(std::string(41, 'a')), nullptr);
}

}  // namespace
}  // namespace nc::storage
