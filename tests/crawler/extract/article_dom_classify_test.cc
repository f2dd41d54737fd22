// ClassifyClassId (article_dom.h) finds its words in one pass over the
// class/id string; these tests hold it to the rule it replaced: a list's
// flag is set when any of its words occurs anywhere in the string (the
// "maybe" list: as a whole word, article_dom_words::IsWholeWord).

#include <gtest/gtest.h>

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "common/ascii.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/article_dom_words.h"

namespace nc {
namespace {

// The reference below shares only the words (article_dom_words.h) with
// what it checks: one find per word of the lists.
namespace dom_words = article_dom_words;

template <size_t N>
bool ReferenceContainsAny(std::string_view text, const std::array<std::string_view, N>& words) {
  for (std::string_view w : words) {
    if (text.find(w) != std::string_view::npos) return true;
  }
  return false;
}

// Whether one of `words` is a whole word of `written`: its pieces between
// non-alphanumerics, cut again before each upper-case letter that follows a
// lower-case one, compared lower-cased.
template <size_t N>
bool ReferenceHasWord(std::string_view written, const std::array<std::string_view, N>& words) {
  std::vector<std::string> pieces(1);
  for (size_t i = 0; i < written.size(); ++i) {
    const char c = written[i];
    if (!ascii::IsAlnum(c)) {
      pieces.emplace_back();
      continue;
    }
    if (i > 0 && ascii::IsLower(written[i - 1]) && ascii::IsUpper(c)) pieces.emplace_back();
    pieces.back().push_back(ascii::ToLower(c));
  }
  for (const std::string& piece : pieces) {
    for (std::string_view w : words) {
      if (piece == w) return true;
    }
  }
  return false;
}

uint16_t ReferenceClassify(std::string_view written) {
  const std::string lower = ascii::ToLower(written);
  const std::string_view text = lower;
  uint16_t flags = 0;
  const bool maybe = ReferenceHasWord(written, dom_words::kMaybe);
  if (maybe) flags |= dom_flag::kMaybe;
  if ((ReferenceContainsAny(text, dom_words::kUnlikely) || dom_words::HasAdWord(text)) && !maybe) {
    flags |= dom_flag::kUnlikely;
  }
  if (ReferenceContainsAny(text, dom_words::kNegative)) flags |= dom_flag::kNegative;
  if (ReferenceContainsAny(text, dom_words::kPositive)) flags |= dom_flag::kPositive;
  if (ReferenceContainsAny(text, dom_words::kDateWords)) flags |= dom_flag::kDateHint;
  if (ReferenceContainsAny(text, dom_words::kBylineWords)) flags |= dom_flag::kByline;
  return flags;
}

TEST(ClassifyClassId, KnownStrings) {
  EXPECT_EQ(ClassifyClassId("article-body main"), dom_flag::kMaybe | dom_flag::kPositive);
  EXPECT_EQ(ClassifyClassId("social-share "), dom_flag::kUnlikely | dom_flag::kNegative);
  EXPECT_EQ(ClassifyClassId("pub "), dom_flag::kUnlikely);  // an ad word alone
  EXPECT_EQ(ClassifyClassId("publish-date "), dom_flag::kDateHint);
  EXPECT_EQ(ClassifyClassId("c-byline author"), dom_flag::kByline);
  EXPECT_EQ(ClassifyClassId(" "), 0);
  EXPECT_EQ(ClassifyClassId(""), 0);
  // A word at the very end, and one cut by the end.
  EXPECT_EQ(ClassifyClassId("x foot"), dom_flag::kUnlikely | dom_flag::kNegative);
  EXPECT_EQ(ClassifyClassId("x foo"), 0);
}

// The "maybe" words (readability's okMaybeItsACandidate) keep an element from
// being unlikely only as whole words: inside another word they rescued a
// list of reader comments on a grid ("columns") and any "brand" or
// "expandable" box. Words are also cut at a lower-to-upper case change.
TEST(ClassifyClassId, MaybeWordsCountOnlyAsWholeWords) {
  EXPECT_EQ(ClassifyClassId("comments-list columns"), dom_flag::kUnlikely | dom_flag::kNegative);
  EXPECT_EQ(ClassifyClassId("comment column"),
            dom_flag::kMaybe | dom_flag::kNegative);  // a comment in a grid cell: its list decides
  EXPECT_EQ(ClassifyClassId("brand-share"), dom_flag::kUnlikely | dom_flag::kNegative);
  EXPECT_EQ(ClassifyClassId("sidebar-and-content"),
            dom_flag::kMaybe | dom_flag::kNegative | dom_flag::kPositive);
  EXPECT_EQ(ClassifyClassId("detailBodyContainer withSidebar"),
            dom_flag::kMaybe | dom_flag::kNegative | dom_flag::kPositive);
  EXPECT_EQ(ClassifyClassId("detailbodycontainer withsidebar"),
            dom_flag::kUnlikely | dom_flag::kNegative | dom_flag::kPositive);
  EXPECT_EQ(ClassifyClassId("ARTICLE_header"), dom_flag::kMaybe | dom_flag::kPositive);
  EXPECT_EQ(ClassifyClassId("MAINmenu"), dom_flag::kUnlikely | dom_flag::kPositive);
}

TEST(ClassifyClassId, SameAsOneFindPerWord) {
  // Strings made of the lists' words, their pieces and separators, like
  // real utility-class lists, plus random bytes.
  std::vector<std::string_view> pieces;
  auto add = [&](const auto& words) {
    for (std::string_view w : words) {
      pieces.push_back(w);
      pieces.push_back(w.substr(0, w.size() / 2));
      pieces.push_back(w.substr(w.size() / 2));
    }
  };
  add(dom_words::kUnlikely);
  add(dom_words::kMaybe);
  add(dom_words::kNegative);
  add(dom_words::kPositive);
  add(dom_words::kDateWords);
  add(dom_words::kBylineWords);
  add(dom_words::kAdWords);
  for (std::string_view sep : {" ", "-", "_", "--", ":", "x", "é", "3"}) pieces.push_back(sep);
  // Upper-case letters: words cut at a case change, and a look-up that must
  // ignore case.
  for (std::string_view upper : {"Body", "MAIN", "Content", "X", "AND", "Comment", "cOlumn"}) {
    pieces.push_back(upper);
  }
  std::mt19937 rng(17);
  size_t flagged = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text;
    const int parts = static_cast<int>(rng() % 8);
    for (int p = 0; p < parts; ++p) {
      if (rng() % 6 == 0) {
        text.push_back(static_cast<char>(rng() % 256));
      } else {
        text.append(pieces[rng() % pieces.size()]);
      }
    }
    const uint16_t expected = ReferenceClassify(text);
    flagged += expected != 0;
    ASSERT_EQ(ClassifyClassId(text), expected) << "'" << text << "'";
  }
  EXPECT_GT(flagged, 10000u);  // the strings do exercise the lists
}

}  // namespace
}  // namespace nc
