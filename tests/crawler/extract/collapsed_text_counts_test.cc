// CollapsedText's counts (crawler/extract/html_text.h): the characters and
// commas a counting CollapsedText keeps while it collapses text must be
// CountCharsAndCommas of the text it holds, whatever the pieces, breaks,
// caps and reuse (body scoring reads them instead of counting again).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "crawler/extract/html_text.h"
#include "tests/crawler/extract/collapsed_text_atoms.h"

namespace nc {
namespace {

// Byte-by-byte models of Utf8Length and CountCommas.
TextCounts ModelCounts(std::string_view s) {
  TextCounts c;
  for (size_t i = 0; i < s.size(); ++i) {
    const auto b = static_cast<unsigned char>(s[i]);
    c.chars += (b & 0xC0) != 0x80;
    c.commas += b == ',';
    c.commas += s.substr(i, 2) == "\xD8\x8C" || s.substr(i, 3) == "\xE3\x80\x81" ||
                s.substr(i, 3) == "\xEF\xBC\x8C";
  }
  return c;
}

void ExpectCounts(const CollapsedText& t, const std::string& where) {
  const TextCounts model = ModelCounts(t.view());
  const TextCounts counts = t.counts();
  ASSERT_EQ(counts.chars, model.chars) << where << ": " << t.view();
  ASSERT_EQ(counts.commas, model.commas) << where << ": " << t.view();
}

TEST(CollapsedTextCounts, SameAsTheModelsOnRandomPiecesBreaksAndCaps) {
  const std::vector<std::string>& atoms = test::CollapsedTextAtoms();
  std::mt19937 rng(23);
  CollapsedText t(1000, /*count=*/true);
  for (int round = 0; round < 4000; ++round) {
    const size_t cap = round % 3 == 0 ? 1 + rng() % 60 : 1000;
    CollapsedText capped(cap, /*count=*/true);
    // One object reused across rounds (as the scan reuses its block), and
    // a fresh one with the round's cap.
    CollapsedText& text = cap == 1000 ? t : capped;
    if (round % 2) {
      text.Take();
    } else {
      text.Clear();
    }
    const size_t pieces = 1 + rng() % 6;
    for (size_t k = 0; k < pieces; ++k) {
      if (rng() % 4 == 0) text.Break();
      std::string piece;
      const size_t n = rng() % 40;
      for (size_t a = 0; a < n; ++a) piece += atoms[rng() % atoms.size()];
      text.Append(piece);
      ExpectCounts(text, "round " + std::to_string(round));
    }
  }
}

// Long prose in one piece (past the 255 chunks a byte lane can count), at
// the cap, and with a wide comma only at the very end.
TEST(CollapsedTextCounts, LongTextPastTheLaneBatchAndTheCap) {
  for (size_t len : {16u * 255 - 1, 16u * 255, 16u * 255 + 17, 16u * 600 + 5}) {
    std::string s;
    while (s.size() + 8 <= len) s += "ab\xC3\xA9, cd ";
    s += "x\xEF\xBC\x8C";
    CollapsedText t(64 * 1024, /*count=*/true);
    t.Append(s);
    ExpectCounts(t, "len " + std::to_string(len));
    CollapsedText cut(len / 2, /*count=*/true);
    cut.Append(s);
    EXPECT_TRUE(cut.full());
    ExpectCounts(cut, "cut " + std::to_string(len));
  }
}

TEST(CollapsedTextCounts, WithoutCountingCountsTheText) {
  CollapsedText t(100);
  t.Append("Un,  deux\xEF\xBC\x8C trois");
  EXPECT_EQ(t.counts().chars, 15u);  // "Un, deux， trois"
  EXPECT_EQ(t.counts().commas, 2u);
}

}  // namespace
}  // namespace nc
