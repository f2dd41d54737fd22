// AnalyzeHref skips each run of letters of a path segment in one loop
// (session 11, issue 16): the counts it keeps must be those of a byte-by-byte
// scan at the run's edges, where a run meets a digit, a separator or the
// '.' that ends the stem. And an href's authority, found with a byte table,
// ends at the first '/', '?' or '#'.
#include <gtest/gtest.h>

#include <cstdint>
#include <string_view>

#include "crawler/extract/url_shape.h"

namespace nc {
namespace {

struct ShapeCase {
  std::string_view href;
  uint8_t flag;  // a url_shape flag
  bool set;
};

constexpr ShapeCase kShapeCases[] = {
    // Only the stem (up to the first '.') counts towards a slug's word
    // parts: "x" is a one-letter part, and ".html" must not make it a word.
    {"/a/abcdef-ghijkl-1234567-89-x.html", url_shape::kLongSlug, false},
    {"/a/abcdef-ghijkl-1234567-89-xy.html", url_shape::kLongSlug, true},
    {"/a/abcdef-ghijkl-1234567-89-x", url_shape::kLongSlug, false},
    // A letter ends a digit run: "2024x0503" holds no date, no 6-digit id.
    {"/story20240503", url_shape::kDate, true},
    {"/story2024x0503", url_shape::kDate, false},
    {"/abc-123456", url_shape::kNumericId, true},
    {"/abc-123x456", url_shape::kNumericId, false},
    {"/abc2024-05-03z", url_shape::kDate, true},
};

TEST(UrlShapeScan, CountsAtTheEdgesOfLetterRuns) {
  for (const ShapeCase& c : kShapeCases) {
    EXPECT_EQ((UrlShapeOf(c.href) & c.flag) != 0, c.set) << c.href;
  }
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

struct AuthorityCase {
  std::string_view href;
  std::string_view authority;
  std::string_view path;
};

// Every byte before the first '/', '?' or '#', '@' and ':' included.
constexpr AuthorityCase kAuthorityCases[] = {
    {"//user@x.test:8080/a", "user@x.test:8080", "/a"},
    {"https://x.test?a/b", "x.test", ""},
    {"https://x.test#a/b", "x.test", ""},
    {"https://x.test", "x.test", ""},
};

TEST(UrlShapeScan, AuthorityEndsAtSlashQueryOrFragment) {
  for (const AuthorityCase& c : kAuthorityCases) {
    EXPECT_EQ(HrefAuthority(c.href), c.authority) << c.href;
    EXPECT_EQ(HrefPath(c.href), c.path) << c.href;
  }
}

}  // namespace
}  // namespace nc
