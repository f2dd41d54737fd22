// common/ascii.h: ASCII-only classes and case folding, the same whatever
// the process locale is.
#include "common/ascii.h"

#include <gtest/gtest.h>

#include <clocale>
#include <iterator>
#include <string>

namespace nc::ascii {
namespace {

TEST(Ascii, ClassesCoverExactlyTheAsciiRanges) {
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    const bool upper = i >= 'A' && i <= 'Z';
    const bool lower = i >= 'a' && i <= 'z';
    const bool digit = i >= '0' && i <= '9';
    EXPECT_EQ(IsUpper(c), upper) << i;
    EXPECT_EQ(IsLower(c), lower) << i;
    EXPECT_EQ(IsAlpha(c), upper || lower) << i;
    EXPECT_EQ(IsDigit(c), digit) << i;
    EXPECT_EQ(IsAlnum(c), upper || lower || digit) << i;
    const bool hex = digit || (i >= 'a' && i <= 'f') || (i >= 'A' && i <= 'F');
    EXPECT_EQ(IsHexDigit(c), hex) << i;
    EXPECT_EQ(HexDigitValue(c) >= 0, hex) << i;
  }
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('9'), 9);
  EXPECT_EQ(HexDigitValue('a'), 10);
  EXPECT_EQ(HexDigitValue('F'), 15);
  EXPECT_EQ(HexDigitValue('g'), -1);
}

TEST(Ascii, WhitespaceSetsDifferAsTheirSpecsSay) {
  // WHATWG ASCII whitespace has no VT; C's isspace has it; HTTP OWS is SP/HTAB.
  for (char c : {' ', '\t', '\n', '\f', '\r'}) EXPECT_TRUE(IsHtmlSpace(c)) << int(c);
  EXPECT_FALSE(IsHtmlSpace('\v'));
  for (char c : {' ', '\t', '\n', '\v', '\f', '\r'}) EXPECT_TRUE(IsSpace(c)) << int(c);
  EXPECT_TRUE(IsHttpSpace(' '));
  EXPECT_TRUE(IsHttpSpace('\t'));
  EXPECT_FALSE(IsHttpSpace('\n'));
  for (char c : {'a', '\0', '\xA0', '\x85'}) {
    EXPECT_FALSE(IsHtmlSpace(c) || IsSpace(c) || IsHttpSpace(c)) << int(c);
  }
  EXPECT_EQ(TrimHttpSpace(" \t gzip\t "), "gzip");
  EXPECT_EQ(TrimHttpSpace("\ngzip"), "\ngzip");
  EXPECT_EQ(TrimHttpSpace("  "), "");
}

TEST(Ascii, CaseFoldingTouchesOnlyAsciiLetters) {
  for (int i = 0; i < 256; ++i) {
    const char c = static_cast<char>(i);
    EXPECT_EQ(ToLower(c), IsUpper(c) ? c + ('a' - 'A') : c) << i;
    EXPECT_EQ(ToUpper(c), IsLower(c) ? c - ('a' - 'A') : c) << i;
  }
  // UTF-8 bytes stay as they are: "É" is C3 89.
  EXPECT_EQ(ToLower(std::string_view("ÉTÉ Été")), "ÉtÉ Été");  // É is not ASCII: kept
  std::string host = "WWW.Example.TEST";
  LowerInPlace(host);
  EXPECT_EQ(host, "www.example.test");
  EXPECT_TRUE(HasUpper("abC"));
  EXPECT_FALSE(HasUpper("abc\xC3\x89"));
}

TEST(Ascii, ComparisonsIgnoreCaseOnBothSides) {
  EXPECT_TRUE(EqualsIgnoreCase("User-Agent", "user-agent"));
  EXPECT_TRUE(EqualsIgnoreCase("user-agent", "USER-AGENT"));
  EXPECT_FALSE(EqualsIgnoreCase("user-agent", "user-agents"));
  EXPECT_FALSE(EqualsIgnoreCase("@", "`"));  // 0x40 and 0x60 differ by the case bit only
  EXPECT_FALSE(EqualsIgnoreCase("\xC3\x89", "\xC3\xA9"));
  EXPECT_TRUE(EqualsIgnoreCase("", ""));
  // Prefix and suffix forms, including texts shorter than what is sought.
  const bool affixes[] = {StartsWithIgnoreCase("HTTPS://x", "https://"),
                          !StartsWithIgnoreCase("http", "https"),
                          EndsWithIgnoreCase("/sitemap.XML.GZ", ".xml.gz"),
                          !EndsWithIgnoreCase("gz", ".xml.gz")};
  for (size_t i = 0; i < std::size(affixes); ++i) EXPECT_TRUE(affixes[i]) << i;
}

TEST(Ascii, UsableAtCompileTime) {
  static_assert(EqualsIgnoreCase("NoFollow", "nofollow"));
  static_assert(HexDigitValue('c') == 12);
  static_assert(TrimHttpSpace(" a ") == "a");
}

TEST(Ascii, ProcessLocaleChangesNothing) {
  // A Latin-1 locale makes isalpha(0xC9) true; these stay ASCII-only.
  const char* previous = std::setlocale(LC_CTYPE, nullptr);
  const std::string saved = previous ? previous : "C";
  std::setlocale(LC_CTYPE, "fr_FR.ISO-8859-1");  // may not exist; then nothing changes
  EXPECT_FALSE(IsAlpha('\xC9'));
  EXPECT_EQ(ToLower('\xC9'), '\xC9');
  std::setlocale(LC_CTYPE, saved.c_str());
}

}  // namespace
}  // namespace nc::ascii
