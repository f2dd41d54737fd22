#include "crawler/extract/html_entities.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <set>
#include <string>
#include <vector>

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

// One line of testdata/html_entities.txt, written by
// scripts/gen_html_entities.py from Python's html.entities.html5.
struct ListedRef {
  std::string key;       // as the WHATWG list writes it: "amp;" or legacy "amp"
  std::string expected;  // UTF-8
};

std::vector<ListedRef> LoadWhatwgList() {
  const std::string path =
      std::string(NEWSCRAWL_SOURCE_DIR) + "/tests/crawler/extract/testdata/html_entities.txt";
  std::ifstream in(path);
  EXPECT_TRUE(in) << path;
  std::vector<ListedRef> refs;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos) {
      ADD_FAILURE() << "malformed line: " << line;
      continue;
    }
    ListedRef ref{line.substr(0, tab), {}};
    const std::string hex = line.substr(tab + 1);
    for (size_t i = 0; i + 1 < hex.size(); i += 2) {
      ref.expected.push_back(
          static_cast<char>(std::strtoul(hex.substr(i, 2).c_str(), nullptr, 16)));
    }
    refs.push_back(std::move(ref));
  }
  return refs;
}

bool IsLegacySpelling(const ListedRef& ref) { return ref.key.back() != ';'; }

TEST(WhatwgListTest, HasEveryEntry) {
  const std::vector<ListedRef> refs = LoadWhatwgList();
  EXPECT_EQ(refs.size(), 2231u);
  EXPECT_EQ(std::count_if(refs.begin(), refs.end(), IsLegacySpelling), 106);
}

// "&name;" (and "&name" for the legacy spellings) decodes to the listed
// text, in text and in attribute values, alone and between other text.
TEST(WhatwgListTest, EveryNameDecodes) {
  for (const ListedRef& ref : LoadWhatwgList()) {
    const std::string raw = "&" + ref.key;
    EXPECT_EQ(Decode(raw, false), ref.expected) << raw;
    EXPECT_EQ(Decode(raw, true), ref.expected) << raw << " in attribute";
    EXPECT_EQ(Decode("x" + raw + " y", false), "x" + ref.expected + " y") << raw;
  }
}

// Without ';' only the legacy names are references. In an attribute value a
// non-legacy name stays as written even when a legacy name prefixes it
// ("&notin" keeps "&not" because an alphanumeric follows).
TEST(WhatwgListTest, NonLegacyNamesNeedSemicolonInAttributes) {
  std::vector<ListedRef> refs = LoadWhatwgList();
  std::set<std::string> legacy;
  for (const ListedRef& ref : refs) {
    if (IsLegacySpelling(ref)) legacy.insert(ref.key);
  }
  size_t checked = 0;
  for (const ListedRef& ref : refs) {
    if (IsLegacySpelling(ref)) continue;
    const std::string name = ref.key.substr(0, ref.key.size() - 1);
    if (legacy.contains(name)) continue;
    const std::string raw = "&" + name;
    EXPECT_EQ(Decode(raw, true), raw);
    ++checked;
  }
  EXPECT_EQ(checked, 2125u - 106u);
}

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
