// CollapsedText, Utf8Length, CountCommas and CountCharsAndCommas (crawler/extract/html_text.h): the
// fast versions against plain byte-by-byte models, on fixed cases and on random text made of the
// bytes that matter (spaces, no-break spaces, multi-byte characters), appended in random pieces
// with random breaks and caps.
#include "crawler/extract/html_text.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "tests/crawler/extract/collapsed_text_atoms.h"

namespace nc {
namespace {

// The model: the text's words (split on ASCII whitespace and U+00A0, and
// at breaks) joined by one space, then cut at `cap` bytes on a character
// boundary without trailing space.
std::string ModelCollapse(const std::vector<std::string>& pieces, const std::vector<bool>& breaks,
                          size_t cap) {
  std::string words;
  bool space = false;
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (breaks[k]) space = true;
    const std::string& s = pieces[k];
    for (size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      const bool nbsp = c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0';
      if (c == ' ' || c == '\n' || c == '\t' || c == '\f' || c == '\r' || nbsp) {
        space = true;
        if (nbsp) ++i;
        continue;
      }
      if (space && !words.empty()) words.push_back(' ');
      space = false;
      words.push_back(c);
    }
  }
  if (words.size() > cap) {
    size_t cut = cap;
    while (cut > 0 && (static_cast<unsigned char>(words[cut]) & 0xC0) == 0x80) --cut;
    words.resize(cut);
    while (!words.empty() && words.back() == ' ') words.pop_back();
  }
  return words;
}

size_t ModelUtf8Length(const std::string& s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

TEST(CollapsedText, CollapsesTrimsAndBreaks) {
  CollapsedText t(100);
  t.Append("  Le\t\n monde\xC2\xA0\xC2\xA0 ");
  t.Append(" entier ");
  t.Break();
  t.Append("fin");
  EXPECT_EQ(t.view(), "Le monde entier fin");
  t.Clear();
  t.Append("\xC2\xAB cit\xC3\xA9 \xC2\xBB");  // « and » are not spaces
  EXPECT_EQ(t.view(), "\xC2\xAB cit\xC3\xA9 \xC2\xBB");
}

TEST(CollapsedText, CutsAtTheCapOnACharacterBoundary) {
  CollapsedText t(6);
  t.Append("ab c\xC3\xA9\xC3\xA9");  // "ab cé" is 6 bytes, the next é would pass the cap
  EXPECT_TRUE(t.full());
  EXPECT_EQ(t.view(), "ab c\xC3\xA9");
  t.Append("more");
  EXPECT_EQ(t.view(), "ab c\xC3\xA9");
  CollapsedText space(3);
  space.Append("abc def");  // the cut falls on the space, which is dropped
  EXPECT_EQ(space.view(), "abc");
  EXPECT_TRUE(space.full());
}

TEST(CollapsedText, MatchesTheModelOnRandomText) {
  const std::vector<std::string>& atoms = test::CollapsedTextAtoms();
  std::mt19937 rng(17);
  for (int round = 0; round < 3000; ++round) {
    const size_t cap = round % 2 ? 1 + rng() % 40 : 1000;  // cut, or never cut
    std::vector<std::string> pieces(1 + rng() % 5);
    std::vector<bool> breaks(pieces.size());
    for (size_t k = 0; k < pieces.size(); ++k) {
      const size_t atoms_in_piece = rng() % 30;
      for (size_t a = 0; a < atoms_in_piece; ++a) pieces[k] += atoms[rng() % atoms.size()];
      breaks[k] = rng() % 4 == 0;
    }
    CollapsedText t(cap);
    for (size_t k = 0; k < pieces.size(); ++k) {
      if (breaks[k]) t.Break();
      t.Append(pieces[k]);
    }
    const std::string expected = ModelCollapse(pieces, breaks, cap);
    ASSERT_EQ(t.view(), expected) << "round " << round;
    ASSERT_EQ(Utf8Length(t.view()), ModelUtf8Length(expected));
  }
}

TEST(Utf8Length, CountsCharactersAtEveryAlignment) {
  std::string s;
  for (int i = 0; i < 5; ++i) s += "ab\xC3\xA9\xE2\x80\x99\xF0\x9F\x98\x80x";
  for (size_t start = 0; start < 9; ++start) {
    for (size_t len = 0; start + len <= s.size(); len += 3) {
      const std::string part = s.substr(start, len);
      EXPECT_EQ(Utf8Length(part), ModelUtf8Length(part)) << start << " " << len;
    }
  }
  EXPECT_EQ(Utf8Length(""), 0u);
}

size_t ModelCountCommas(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    n += s[i] == ',';
    n += s.compare(i, 2, "\xD8\x8C") == 0;      // U+060C
    n += s.compare(i, 3, "\xE3\x80\x81") == 0;  // U+3001
    n += s.compare(i, 3, "\xEF\xBC\x8C") == 0;  // U+FF0C
  }
  return n;
}

TEST(CountCommas, SameAsByteByByteOnRandomText) {
  // Pieces that put commas, wide commas, their lead bytes alone and cut
  // ones at every offset of the 16- and 8-byte chunks.
  const std::vector<std::string> pieces = {
      ",",    "a",        "mot ",     "\xC3\xA9", "\xD8\x8C", "\xE3\x80\x81",    "\xEF\xBC\x8C",
      "\xD8", "\xE3\x80", "\xEF\xBC", "\xEF",     ",,",       "0123456789abcdef"};
  std::mt19937 rng(5);
  size_t total = 0;
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    const int parts = static_cast<int>(rng() % 40);
    for (int p = 0; p < parts; ++p) s += pieces[rng() % pieces.size()];
    total += ModelCountCommas(s);
    ASSERT_EQ(CountCommas(s), ModelCountCommas(s)) << s;
    ASSERT_EQ(Utf8Length(s), ModelUtf8Length(s)) << s;
  }
  EXPECT_GT(total, 3000u);
  EXPECT_EQ(CountCommas(""), 0u);
  EXPECT_EQ(CountCommas("Un, deux, trois\xEF\xBC\x8C quatre\xE3\x80\x81 cinq\xD8\x8C"), 5u);
}

TEST(CountCommas, LongTextsPastTheCountersBatch) {
  // Every byte a hit, at lengths around 255 chunks of 16 bytes (the bulk
  // counters hold 255 before they are summed) and a wide comma far in.
  for (size_t len : {16u * 255 - 1, 16u * 255, 16u * 255 + 17, 16u * 600 + 5}) {
    const std::string commas(len, ',');
    EXPECT_EQ(CountCommas(commas), len) << len;
    const std::string accents = [&] {
      std::string s;
      while (s.size() + 2 <= len) s += "\xC3\xA9";
      return s;
    }();
    EXPECT_EQ(Utf8Length(accents), ModelUtf8Length(accents)) << len;
    std::string wide(len, 'a');
    wide += "\xEF\xBC\x8C";
    EXPECT_EQ(CountCommas(wide), 1u) << len;
  }
}

// The fused pass of body scoring gives what the two counters give, on
// random pieces at every chunk offset and across the counters' batch.
TEST(CountCharsAndCommas, SameAsTheModelsOnRandomAndLongText) {
  const std::vector<std::string> pieces = {
      ",",    "a",        "mot ",     "\xC3\xA9", "\xD8\x8C", "\xE3\x80\x81",    "\xEF\xBC\x8C",
      "\xD8", "\xE3\x80", "\xEF\xBC", "\xEF",     ",,",       "0123456789abcdef"};
  std::mt19937 rng(11);
  for (int n = 0; n < 3000; ++n) {
    std::string s;
    const int parts = static_cast<int>(rng() % 60);
    for (int p = 0; p < parts; ++p) s += pieces[rng() % pieces.size()];
    const TextCounts counts = CountCharsAndCommas(s);
    ASSERT_EQ(counts.commas, ModelCountCommas(s)) << s;
    ASSERT_EQ(counts.chars, ModelUtf8Length(s)) << s;
  }
  for (size_t len : {16u * 255 - 1, 16u * 255, 16u * 255 + 17, 16u * 600 + 5}) {
    std::string s;
    while (s.size() + 3 <= len) s += "\xC3\xA9,";
    s += "\xEF\xBC\x8C";
    const TextCounts counts = CountCharsAndCommas(s);
    EXPECT_EQ(counts.commas, ModelCountCommas(s)) << len;
    EXPECT_EQ(counts.chars, ModelUtf8Length(s)) << len;
  }
  EXPECT_EQ(CountCharsAndCommas("").chars, 0u);
}

}  // namespace
}  // namespace nc
