// The stored article encoding (crawler/article_record.h): every field
// round-trips, and damaged or foreign values are errors, never crashes.

#include "crawler/article_record.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

Article FullArticle() {
  Article a;
  a.url = "https://www.lejournal.test/politique/2026/04/16/reforme.html";
  a.canonical_url = a.url;
  a.title = "La réforme adoptée";
  a.authors = {"Marie Dupont", "Jean Martin"};
  a.language = "fr";
  a.section = "Politique";
  ArticleDate published;
  published.time.local_seconds = 1776327840;
  published.time.utc_offset_minutes = 120;
  published.time.has_time = true;
  published.source = "json-ld";
  a.published = published;
  ArticleDate modified;
  modified.time.local_seconds = 1776330000;
  modified.source = "date-line";
  a.modified = modified;
  a.date_line = "Dernière mise à jour à 08h24 le 16/04";
  a.paragraphs = {"Premier paragraphe.", "Deuxième paragraphe, plus long."};
  a.related = {{"Un autre titre", "https://www.lejournal.test/a.html"}, {"Encore", "https://b/"}};
  a.problems = {"json-ld: syntax error at byte 17"};
  return a;
}

TEST(ArticleRecord, EveryFieldRoundTrips) {
  const Article a = FullArticle();
  Result<Article> back = DecodeArticleRecord(EncodeArticleRecord(a));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(ArticleToJson(*back), ArticleToJson(a));
  EXPECT_EQ(back->published->time.has_time, true);
  EXPECT_EQ(back->modified->time.has_time, false);
  EXPECT_FALSE(back->modified->time.utc_offset_minutes);
}

TEST(ArticleRecord, EmptyArticleRoundTrips) {
  Result<Article> back = DecodeArticleRecord(EncodeArticleRecord(Article{}));
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(ArticleToJson(*back), ArticleToJson(Article{}));
}

TEST(ArticleRecord, EveryTruncationIsAnError) {
  const std::string value = EncodeArticleRecord(FullArticle());
  for (size_t n = 0; n < value.size(); ++n) {
    Result<Article> back = DecodeArticleRecord(std::string_view(value).substr(0, n));
    ASSERT_FALSE(back.ok()) << n;
    EXPECT_EQ(back.error().code, "store.corrupt");
  }
}

TEST(ArticleRecord, TrailingBytesAndUnknownVersionsAreErrors) {
  std::string value = EncodeArticleRecord(FullArticle());
  EXPECT_FALSE(DecodeArticleRecord(value + "x").ok());
  value[0] = 3;
  Result<Article> v3 = DecodeArticleRecord(value);
  ASSERT_FALSE(v3.ok());
  EXPECT_NE(v3.error().message.find("version 3"), std::string::npos) << v3.error().message;
}

// Stores written before version 2 hold uncompressed version-1 values.
TEST(ArticleRecord, VersionOneIsStillRead) {
  const Article a = FullArticle();
  const std::string v1 = EncodeArticleRecordV1(a);
  ASSERT_EQ(v1[0], 1);
  Result<Article> back = DecodeArticleRecord(v1);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(ArticleToJson(*back), ArticleToJson(a));
  for (size_t n = 0; n < v1.size(); ++n) {
    EXPECT_FALSE(DecodeArticleRecord(std::string_view(v1).substr(0, n)).ok()) << n;
  }
}

// Version 2 is a zstd frame of the version-1 fields: a long article (the
// text of a news page) stores in a fraction of its size.
TEST(ArticleRecord, VersionTwoIsCompressed) {
  Article a = FullArticle();
  for (int i = 0; i < 60; ++i) {
    a.paragraphs.push_back("Le gouvernement a présenté mercredi " + std::to_string(i) +
                           " mesures pour la réforme des retraites, discutées au Sénat.");
  }
  const std::string v1 = EncodeArticleRecordV1(a);
  const std::string v2 = EncodeArticleRecord(a, 3);
  EXPECT_EQ(v2[0], 2);
  EXPECT_LT(v2.size() * 3, v1.size()) << v2.size() << " vs " << v1.size();
  Result<Article> back = DecodeArticleRecord(v2);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(ArticleToJson(*back), ArticleToJson(a));
}

TEST(ArticleRecord, ADamagedFrameIsAnError) {
  std::string value = EncodeArticleRecord(FullArticle());
  value[value.size() / 2] = static_cast<char>(value[value.size() / 2] ^ 0x5A);
  Result<Article> back = DecodeArticleRecord(value);
  ASSERT_FALSE(back.ok());
  EXPECT_EQ(back.error().code, "store.corrupt");
  Result<Article> frameless = DecodeArticleRecord(std::string(1, '\x02'));
  ASSERT_FALSE(frameless.ok());
  EXPECT_EQ(frameless.error().code, "store.corrupt");
}

TEST(ArticleRecord, AHugeCountIsAnErrorNotAnAllocation) {
  // version 1, no dates, six empty strings, then 2^62 authors.
  std::string value("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
  value += std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x40", 9);
  EXPECT_FALSE(DecodeArticleRecord(value).ok());
}

}  // namespace
}  // namespace nc
