// CollapsedText::verbatim() (crawler/extract/html_text.h): when a counting
// CollapsedText says its text is what was appended byte for byte, the text
// must be the start of the appended bytes (the stored article then copies
// the paragraph from the page body without comparing: a wrong "yes" would
// store another text). And prose, which is most of a page's text, must get
// a "yes", or the shortcut is never taken.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "crawler/extract/html_text.h"
#include "tests/crawler/extract/collapsed_text_atoms.h"

namespace nc {
namespace {

TEST(CollapsedTextVerbatim, AYesIsAlwaysTheStartOfTheAppendedBytes) {
  const std::vector<std::string>& atoms = test::CollapsedTextAtoms();
  std::mt19937 rng(41);
  CollapsedText reused(1000, /*count=*/true);
  size_t yes = 0;
  size_t no = 0;
  for (int round = 0; round < 6000; ++round) {
    const size_t cap = round % 3 == 0 ? 1 + rng() % 80 : 1000;
    CollapsedText capped(cap, /*count=*/true);
    CollapsedText& text = cap == 1000 ? reused : capped;
    if (round % 2) {
      text.Take();
    } else {
      text.Clear();
    }
    std::string appended;
    const size_t pieces = 1 + rng() % 3;
    for (size_t k = 0; k < pieces; ++k) {
      if (rng() % 5 == 0) text.Break();
      std::string piece;
      const size_t n = rng() % 30;
      for (size_t a = 0; a < n; ++a) piece += atoms[rng() % atoms.size()];
      text.Append(piece);
      appended += piece;
      if (text.verbatim()) {
        ++yes;
        ASSERT_EQ(appended.substr(0, text.view().size()), text.view())
            << "round " << round << ", appended \"" << appended << "\"";
      } else {
        ++no;
      }
    }
  }
  // Both answers were given (the random text is not all one kind).
  EXPECT_GT(yes, 500u);
  EXPECT_GT(no, 500u);
}

TEST(CollapsedTextVerbatim, ProseIsVerbatimWhateverItsLength) {
  const std::string words = "Le pr\xC3\xA9sident du club a annonc\xC3\xA9 dimanche, \"sans\" ses ";
  for (size_t len = 1; len < 300; ++len) {
    std::string s;
    while (s.size() < len) s += words;
    s.resize(len);
    if (s.back() == ' ' && len > 1 && s[len - 2] == ' ') continue;
    CollapsedText t(64 * 1024, /*count=*/true);
    t.Append(s);
    EXPECT_TRUE(t.verbatim()) << len;  // a trailing space is left pending: still the start
    // Cut at a cap inside the text: the kept start is still the input's.
    CollapsedText cut(len / 2 + 1, /*count=*/true);
    cut.Append(s);
    EXPECT_TRUE(cut.verbatim()) << "cut " << len;
    // Reused after Take(): the answer is the new text's.
    t.Append("  deux  espaces");
    EXPECT_FALSE(t.verbatim());
    t.Take();
    t.Append(s);
    EXPECT_TRUE(t.verbatim()) << "after Take " << len;
  }
}

TEST(CollapsedTextVerbatim, CollapsingOrALeadingSpaceOrASpaceBetweenPiecesIsNo) {
  for (const char* s : {" lead", "a  b", "a\nb", "a\tb",
                        "a\xC2\xA0"
                        "b",
                        "a \n"}) {
    CollapsedText t(100, /*count=*/true);
    t.Append(s);
    EXPECT_FALSE(t.verbatim()) << s;
  }
  CollapsedText t(100, /*count=*/true);
  t.Append("un ");
  t.Append("deux");  // "un deux": the pending space is written between pieces
  EXPECT_FALSE(t.verbatim());
  CollapsedText plain(100);  // only a counting CollapsedText answers
  plain.Append("prose");
  EXPECT_FALSE(plain.verbatim());
}

}  // namespace
}  // namespace nc
