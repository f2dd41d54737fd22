#include "crawler/extract/html_entities.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace nc {
namespace {

std::string Decode(std::string_view raw, bool in_attribute) {
  std::string out;
  AppendDecodedHtml(raw, in_attribute, out);
  return out;
}

struct RefCase {
  const char* name;
  const char* raw;
  const char* text;       // decoded as text
  const char* attribute;  // decoded in an attribute value
};

// Failing cases print their name instead of raw bytes.
void PrintTo(const RefCase& c, std::ostream* os) { *os << c.name; }

class CharRefTest : public testing::TestWithParam<RefCase> {};

TEST_P(CharRefTest, InText) { EXPECT_EQ(Decode(GetParam().raw, false), GetParam().text); }
TEST_P(CharRefTest, InAttribute) { EXPECT_EQ(Decode(GetParam().raw, true), GetParam().attribute); }

INSTANTIATE_TEST_SUITE_P(
    Html5, CharRefTest,
    testing::Values(
        RefCase{"NoReference", "plain text", "plain text", "plain text"},
        RefCase{"Basic", "&amp;&lt;&gt;&quot;&apos;", "&<>\"'", "&<>\"'"},
        RefCase{"Nbsp", "a&nbsp;b", "a\u00A0b", "a\u00A0b"},
        RefCase{"FrenchLetters",
                "&eacute;&egrave;&agrave;&ccedil;&ecirc;&Eacute;&ocirc;&ugrave;&icirc;",
                "éèàçêÉôùî", "éèàçêÉôùî"},
        RefCase{"Typography",
                "&rsquo;&lsquo;&ldquo;&rdquo;&laquo;&raquo;&hellip;&mdash;&ndash;&euro;&oelig;",
                "’‘“”«»…—–€œ", "’‘“”«»…—–€œ"},
        RefCase{"UpperCaseLegacyNames", "&AMP;&LT;&COPY;", "&<©", "&<©"},
        RefCase{"Decimal", "&#233;&#38;", "é&", "é&"},
        RefCase{"Hex", "&#xE9;&#XE9;&#xe9;", "ééé", "ééé"},
        RefCase{"NumericWithoutSemicolon", "&#65b", "Ab", "Ab"},
        RefCase{"NumericZeroIsReplacement", "&#0;", "\uFFFD", "\uFFFD"},
        RefCase{"NumericTooLargeIsReplacement", "&#x110000;&#99999999999999;", "\uFFFD\uFFFD",
                "\uFFFD\uFFFD"},
        RefCase{"NumericSurrogateIsReplacement", "&#xD800;", "\uFFFD", "\uFFFD"},
        RefCase{"NumericC1IsWindows1252", "&#128;&#x92;&#150;", "€’–", "€’–"},
        RefCase{"NumericWithoutDigitsIsLiteral", "&#;&#x;&#xg", "&#;&#x;&#xg", "&#;&#x;&#xg"},
        RefCase{"LegacyNameWithoutSemicolon", "caf&eacute rue", "café rue", "café rue"},
        RefCase{"NonLegacyNameNeedsSemicolon", "&rsquo &hellip", "&rsquo &hellip",
                "&rsquo &hellip"},
        RefCase{"LongestLegacyPrefix", "&notit;", "¬it;", "&notit;"},
        RefCase{"FullNameBeatsLegacyPrefix", "&notin;", "∉", "∉"},
        RefCase{"UnknownNameIsLiteral", "&unknown; &zzz", "&unknown; &zzz", "&unknown; &zzz"},
        RefCase{"AmpersandAlone", "a & b &", "a & b &", "a & b &"},
        // The HTML5 attribute rule: a legacy name without ';' followed by
        // '=' or an alphanumeric is not a reference (query strings).
        RefCase{"LegacyFollowedByAlnum", "&ampx", "&x", "&ampx"},
        RefCase{"LegacyFollowedByEquals", "?a=1&copy=2", "?a=1©=2", "?a=1&copy=2"},
        RefCase{"LegacyFollowedBySpace", "&copy 2019", "© 2019", "© 2019"},
        RefCase{"LegacyAtEnd", "a&lt", "a<", "a<"},
        RefCase{"SemicolonAlwaysDecodes", "&amp;x=1", "&x=1", "&x=1"}),
    [](const testing::TestParamInfo<RefCase>& info) { return std::string(info.param.name); });

TEST(AppendUtf8Test, EncodesEveryLength) {
  std::string out;
  for (char32_t cp : {U'A', U'é', U'€', U'😀'}) AppendUtf8(cp, out);
  EXPECT_EQ(out, "Aé€😀");
}

TEST(AppendUtf8Test, InvalidCodePointsBecomeReplacement) {
  std::string out;
  AppendUtf8(0xDFFF, out);
  AppendUtf8(0x110000, out);
  EXPECT_EQ(out, "\uFFFD\uFFFD");
}

}  // namespace
}  // namespace nc
