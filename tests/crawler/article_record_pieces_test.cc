// The pieces of a version-3 paragraph (crawler/article_record_text.h) as
// written in place: the piece count widened past one byte when a paragraph
// has 128 pieces or more, and heads and offsets of one, two and three
// varint bytes, all read back exactly.

#include "crawler/article_record_text.h"

#include <gtest/gtest.h>

#include <string>

namespace nc::article_text {
namespace {

std::string ReadBack(const std::string& record, std::string_view body) {
  storage::codec::Decoder in(record);
  Decoder decoder{body, 0, 1 << 20};
  std::string out;
  EXPECT_TRUE(ReadParagraph(in, decoder, out));
  EXPECT_EQ(in.remaining(), 0u);
  return out;
}

// Words the body separates by tags: each is its own copy piece.
TEST(ArticleRecordPieces, ManyPiecesWidenTheCount) {
  for (const size_t words : {1u, 127u, 128u, 129u, 300u, 20000u}) {
    std::string body = "<p>";
    std::string paragraph;
    for (size_t k = 0; k < words; ++k) {
      const std::string word = "w" + std::to_string(100000 + k);
      body += word + "<b></b>";
      paragraph += word;
    }
    Encoder encoder{body, 0, 1 << 20};
    std::string record;
    PutParagraph(&record, paragraph, 3, encoder);
    std::string count;
    storage::codec::PutVarint64(&count, words);
    EXPECT_EQ(record.substr(0, count.size()), count) << words;
    EXPECT_EQ(ReadBack(record, body), paragraph) << words;
  }
}

// Copies of 4 to 20,000 bytes at offsets near and far (heads and zigzag
// offsets across the one-, two- and three-byte varint boundaries).
TEST(ArticleRecordPieces, LongCopiesAndFarOffsetsRoundTrip) {
  std::string body;
  for (size_t k = 0; body.size() < 70000; ++k) body += "m" + std::to_string(k * 7919 % 100003);
  for (const size_t length : {4u, 63u, 64u, 65u, 8191u, 8192u, 20000u}) {
    for (const size_t at : {0u, 1u, 63u, 64u, 8191u, 8192u, 40000u}) {
      std::string record;
      Encoder encoder{body, 0, 1 << 20};
      // Two paragraphs: the second's offset is relative to the first's end
      // (negative when it starts before it).
      const std::string first = body.substr(at, length);
      const std::string second = body.substr(at / 2, length);
      PutParagraph(&record, first, at, encoder);
      PutParagraph(&record, second, at / 2, encoder);
      storage::codec::Decoder in(record);
      Decoder decoder{body, 0, 1 << 20};
      std::string out;
      ASSERT_TRUE(ReadParagraph(in, decoder, out));
      EXPECT_EQ(out, first) << length << " at " << at;
      ASSERT_TRUE(ReadParagraph(in, decoder, out));
      EXPECT_EQ(out, second) << length << " at " << at;
      EXPECT_EQ(in.remaining(), 0u);
      EXPECT_LE(record.size(), 14u) << length << " at " << at;  // one copy piece each
    }
  }
}

}  // namespace
}  // namespace nc::article_text
