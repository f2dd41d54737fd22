// AnalyzeHref skips each run of letters of a path segment in one loop
// (session 11, issue 16): the counts it keeps must be those of a byte-by-byte
// scan at the run's edges, where a run meets a digit, a separator or the
// '.' that ends the stem.
#include <gtest/gtest.h>

#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

using namespace url_shape;  // NOLINT: short flag names

// Only the stem (up to the first '.') counts towards a slug's word parts:
// "x" is a one-letter part, and ".html" must not lengthen it into a word.
TEST(UrlShapeScan, TheExtensionDoesNotLengthenTheStemsLastPart) {
  EXPECT_FALSE(UrlShapeOf("/a/abcdef-ghijkl-1234567-89-x.html") & kLongSlug);
  EXPECT_TRUE(UrlShapeOf("/a/abcdef-ghijkl-1234567-89-xy.html") & kLongSlug);
  EXPECT_FALSE(UrlShapeOf("/a/abcdef-ghijkl-1234567-89-x") & kLongSlug);
}

// A letter ends a digit run: "2024x0503" holds no date and no 6-digit id.
TEST(UrlShapeScan, LettersEndDigitRuns) {
  EXPECT_TRUE(UrlShapeOf("/story20240503") & kDate);
  EXPECT_FALSE(UrlShapeOf("/story2024x0503") & kDate);
  EXPECT_TRUE(UrlShapeOf("/abc-123456") & kNumericId);
  EXPECT_FALSE(UrlShapeOf("/abc-123x456") & kNumericId);
  EXPECT_TRUE(UrlShapeOf("/abc2024-05-03z") & kDate);
}

// Words between '-', '_' and '.' are still read whole after a letter run.
TEST(UrlShapeScan, FrontWordsAndKindsAfterLetterRuns) {
  EXPECT_TRUE(IsFrontPageHref("/bundesliga-startseite-52368768.bild.html"));
  EXPECT_TRUE(IsFrontPageHref("/x/Homepage.html"));
  EXPECT_FALSE(IsFrontPageHref("/x/homepages.html"));
  // Kinds: a word, a slug, a number, a word with an id.
  EXPECT_EQ(PathTemplate("/sport/les-bleus-gagnent-la-finale/2024/c1d449gmex2o"),
            (4u << 17) | (0u << 0) | (1u << 2) | (2u << 4) | (3u << 6));
}


// The authority of an href ends at the first '/', '?' or '#' (a byte table
// since session 11); every other byte, '@' and ':' included, belongs to it.
TEST(UrlShapeScan, AuthorityEndsAtSlashQueryOrFragment) {
  EXPECT_EQ(HrefAuthority("//user@x.test:8080/a"), "user@x.test:8080");
  EXPECT_EQ(HrefAuthority("https://x.test?q=1"), "x.test");
  EXPECT_EQ(HrefAuthority("https://x.test#top"), "x.test");
  EXPECT_EQ(HrefAuthority("https://x.test"), "x.test");
  EXPECT_EQ(HrefPath("https://x.test#a/b"), "");
  EXPECT_EQ(HrefPath("https://x.test?a/b"), "");
}

}  // namespace
}  // namespace nc
