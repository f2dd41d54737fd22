// The stored article encoding (crawler/article_record.h): every field
// round-trips, and damaged or foreign values are errors, never crashes.

#include "crawler/article_record.h"

#include <gtest/gtest.h>

#include <random>

#include "storage/body_codec.h"
#include "tests/crawler/article_record_test_page.h"

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
  value[0] = 4;
  Result<Article> v4 = DecodeArticleRecord(value);
  ASSERT_FALSE(v4.ok());
  EXPECT_NE(v4.error().message.find("version 4"), std::string::npos) << v4.error().message;
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

// Version 3: the paragraphs are references into the page body, which holds
// their text with tags, entities and runs of whitespace around it.
const char* const kPage =
    "<html><head><title>La r&eacute;forme</title></head><body><article>\n"
    "  <h1>La réforme adoptée</h1>\n"
    "  <p>Le gouvernement a présenté   mercredi ses <a href=\"/m.html\" class=\"lien\">"
    "mesures</a> pour la réforme des retraites, discutées au Sénat &amp; à "
    "l&#39;Assemblée.</p>\n"
    "  <p>Une deuxième phrase,\n     sur deux lignes,&nbsp;avec une espace insécable "
    "et un<br>saut de ligne, assez longue pour compter dans le corps du texte.</p>\n"
    "  <p>Un troisième paragraphe <script>var x = 1;</script>termine l'article, "
    "avec des virgules, des mots et un point final bien placé.</p>\n"
    "</article></body></html>";

Article PageArticle() { return test::ExtractRecordTestArticle(kPage); }

TEST(ArticleRecord, VersionThreeRefersToThePageBody) {
  const Article a = PageArticle();
  ASSERT_EQ(a.paragraphs.size(), 3u);
  ASSERT_EQ(a.paragraph_offsets.size(), 3u);
  const std::string v3 = EncodeArticleRecord(a, 3, kPage);
  ASSERT_EQ(v3[0], 3);
  EXPECT_TRUE(ArticleRecordReadsPageBody(v3));
  EXPECT_FALSE(ArticleRecordReadsPageBody(EncodeArticleRecord(a, 3)));
  size_t text = 0;
  for (const std::string& p : a.paragraphs) text += p.size();
  EXPECT_LT(v3.size(), EncodeArticleRecordV1(a).size() - text / 2) << v3.size();
  Result<Article> back = DecodeArticleRecord(v3, kPage);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(ArticleToJson(*back), ArticleToJson(a));
  // Without its page body (or with another) it is damage, never a crash.
  Result<Article> bodiless = DecodeArticleRecord(v3);
  ASSERT_FALSE(bodiless.ok());
  EXPECT_EQ(bodiless.error().code, "store.corrupt");
  EXPECT_NE(bodiless.error().message.find("page body"), std::string::npos);
  for (size_t n = 0; n < std::string_view(kPage).size(); n += 7) {
    Result<Article> other = DecodeArticleRecord(v3, std::string_view(kPage).substr(0, n));
    if (other.ok()) {
      EXPECT_EQ(other->paragraphs.size(), 3u);
    }
  }
  for (size_t n = 0; n < v3.size(); ++n) {
    Result<Article> cut = DecodeArticleRecord(std::string_view(v3).substr(0, n), kPage);
    ASSERT_FALSE(cut.ok()) << n;
    EXPECT_EQ(cut.error().code, "store.corrupt");
  }
}

// Whatever the hints and texts (paragraphs from the body, from elsewhere,
// mixed; offsets anywhere, unknown, past the end), version 3 reads back the
// exact paragraphs.
TEST(ArticleRecord, VersionThreeIsExactForAnyHintsAndTexts) {
  std::mt19937 rng(17);
  const std::string_view alphabet = "ab <>&;#x\n\t\xC3\xA9";
  auto random_text = [&](size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s.push_back(alphabet[rng() % alphabet.size()]);
    return s;
  };
  for (int round = 0; round < 500; ++round) {
    const std::string body = random_text(rng() % 600);
    Article a;
    const size_t count = rng() % 6;
    for (size_t k = 0; k < count; ++k) {
      std::string p;
      while (p.size() < 80 && rng() % 5 != 0) {
        if (!body.empty() && rng() % 2) {
          const size_t at = rng() % body.size();
          p += body.substr(at, rng() % 40);
        } else {
          p += random_text(rng() % 10);
        }
      }
      a.paragraphs.push_back(p);
      const uint32_t hints[] = {kNoParagraphOffset, static_cast<uint32_t>(body.size()),
                                static_cast<uint32_t>(body.empty() ? 0 : rng() % body.size())};
      a.paragraph_offsets.push_back(hints[rng() % 3]);
    }
    const std::string value = EncodeArticleRecord(a, 3, body.empty() ? "x" : body);
    Result<Article> back = DecodeArticleRecord(value, body.empty() ? "x" : body);
    ASSERT_TRUE(back.ok()) << round << ": " << back.error().message;
    ASSERT_EQ(back->paragraphs, a.paragraphs) << round;
  }
}

// The crawl stores the body it extracted from: the record must read back
// from the body as the store returns it.
TEST(ArticleRecord, VersionThreeReadsBackFromTheStoredBody) {
  const Article a = PageArticle();
  const std::string value = EncodeArticleRecord(a, 3, kPage);
  Result<std::string> stored = storage::DecompressBody(storage::CompressBody(kPage, 3));
  ASSERT_TRUE(stored.ok());
  Result<Article> back = DecodeArticleRecord(value, *stored);
  ASSERT_TRUE(back.ok()) << back.error().message;
  EXPECT_EQ(back->paragraphs, a.paragraphs);
}

TEST(ArticleRecord, AHugeCountIsAnErrorNotAnAllocation) {
  // version 1, no dates, six empty strings, then 2^62 authors.
  std::string value("\x01\x00\x00\x00\x00\x00\x00\x00", 8);
  value += std::string("\x80\x80\x80\x80\x80\x80\x80\x80\x40", 9);
  EXPECT_FALSE(DecodeArticleRecord(value).ok());
}

}  // namespace
}  // namespace nc
