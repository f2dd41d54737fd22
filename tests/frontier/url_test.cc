#include "frontier/url.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace nc {
namespace {

// Names parameterized tests after their case.
struct CaseName {
  template <class T>
  std::string operator()(const testing::TestParamInfo<T>& info) const {
    return info.param.name;
  }
};

constexpr const char* kBase = "http://www.lejournal.test/monde/europe/article.html?id=7#haut";

Url Base(const char* spec = kBase) {
  auto base = ParseUrl(spec);
  EXPECT_TRUE(base.ok()) << spec;
  return base.ok() ? *base : Url{};
}

struct ResolveCase {
  const char* name;
  const char* href;
  const char* want;  // expected spec
};

// Failing cases print their name instead of raw bytes.
void PrintTo(const ResolveCase& c, std::ostream* os) { *os << c.name; }

class ResolveTest : public testing::TestWithParam<ResolveCase> {};

TEST_P(ResolveTest, ResolvesLikeABrowser) {
  const ResolveCase& c = GetParam();
  auto url = ResolveUrl(Base(), c.href);
  ASSERT_TRUE(url.ok()) << c.href << ": " << url.error().code << " " << url.error().message;
  EXPECT_EQ(url->spec, c.want) << c.href;
  // Every result is printable ASCII, so it goes into a request line as it is.
  for (char ch : url->spec) EXPECT_TRUE(ch > 0x20 && ch < 0x7f) << url->spec;
}

INSTANTIATE_TEST_SUITE_P(
    Relative, ResolveTest,
    testing::Values(
        ResolveCase{"Sibling", "autre.html", "http://www.lejournal.test/monde/europe/autre.html"},
        ResolveCase{"DotSlash", "./autre.html",
                    "http://www.lejournal.test/monde/europe/autre.html"},
        ResolveCase{"DotDot", "../afrique/", "http://www.lejournal.test/monde/afrique/"},
        ResolveCase{"DotDotAboveRoot", "../../../../x", "http://www.lejournal.test/x"},
        ResolveCase{"DotDotLast", "..", "http://www.lejournal.test/monde/"},
        ResolveCase{"DotLast", ".", "http://www.lejournal.test/monde/europe/"},
        ResolveCase{"EncodedDots", "%2e%2E/a/%2e/b", "http://www.lejournal.test/monde/a/b"},
        ResolveCase{"DotsInsideAbsolutePath", "/a/b/../c/./d", "http://www.lejournal.test/a/c/d"},
        ResolveCase{"QueryOnly", "?page=2",
                    "http://www.lejournal.test/monde/europe/article.html?page=2"},
        ResolveCase{"FragmentOnly", "#commentaires",
                    "http://www.lejournal.test/monde/europe/article.html?id=7#commentaires"},
        ResolveCase{"Empty", "", "http://www.lejournal.test/monde/europe/article.html?id=7"},
        ResolveCase{"OnlySpaces", "  \t ",
                    "http://www.lejournal.test/monde/europe/article.html?id=7"},
        ResolveCase{"AbsolutePath", "/sport/", "http://www.lejournal.test/sport/"},
        ResolveCase{"SchemeRelative", "//sport.lejournal.test/foot",
                    "http://sport.lejournal.test/foot"},
        ResolveCase{"SchemeRelativeManySlashes", "////sport.lejournal.test/",
                    "http://sport.lejournal.test/"},
        ResolveCase{"SameSchemeNoSlashes", "http:autre.html",
                    "http://www.lejournal.test/monde/europe/autre.html"},
        ResolveCase{"OtherSpecialSchemeNoSlashes", "https:example.com/a", "https://example.com/a"},
        ResolveCase{"ColonInFirstSegment", "1a:b", "http://www.lejournal.test/monde/europe/1a:b"},
        ResolveCase{"KeepsDoubleSlashInPath", "/a//b", "http://www.lejournal.test/a//b"}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    Absolute, ResolveTest,
    testing::Values(
        ResolveCase{"Https", "https://www.lejournal.test/a", "https://www.lejournal.test/a"},
        ResolveCase{"EmptyPathBecomesSlash", "http://example.com", "http://example.com/"},
        ResolveCase{"EmptyPathWithQuery", "http://example.com?q=1", "http://example.com/?q=1"},
        ResolveCase{"UppercaseSchemeAndHost", "HTTP://WWW.Example.COM/Path",
                    "http://www.example.com/Path"},
        ResolveCase{"DefaultHttpPortDropped", "http://example.com:80/", "http://example.com/"},
        ResolveCase{"DefaultHttpsPortDropped", "https://example.com:443/", "https://example.com/"},
        ResolveCase{"HttpsPortOnHttpKept", "http://example.com:443/", "http://example.com:443/"},
        ResolveCase{"ExplicitPortKept", "http://example.com:8080/a", "http://example.com:8080/a"},
        ResolveCase{"LeadingZerosInPort", "http://example.com:0080/", "http://example.com/"},
        ResolveCase{"EmptyPortIsDefault", "http://example.com:/a", "http://example.com/a"},
        ResolveCase{"UserinfoKeptInSpec", "http://user:pw@example.com/a",
                    "http://user:pw@example.com/a"},
        ResolveCase{"TrailingDotOfHostRemoved", "http://example.com./", "http://example.com/"},
        ResolveCase{"Ipv4", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/"},
        ResolveCase{"Ipv4Hex", "http://0x7f.1/", "http://127.0.0.1/"},
        ResolveCase{"Ipv6Compressed", "http://[0:0:0:0:0:0:0:1]:8080/", "http://[::1]:8080/"},
        ResolveCase{"PercentEncodedHost", "http://%65xample.com/", "http://example.com/"},
        ResolveCase{"IdnHost", "http://Bücher.example/", "http://xn--bcher-kva.example/"},
        ResolveCase{"IdnHostMixedLabels", "https://www.münchen.de/",
                    "https://www.xn--mnchen-3ya.de/"},
        ResolveCase{"FullwidthHostNfkc", "http://ｅｘａｍｐｌｅ.com/", "http://example.com/"},
        ResolveCase{"IdnBucherDe", "https://bücher.de/", "https://xn--bcher-kva.de/"},
        ResolveCase{"IdnUppercaseMapped", "https://BÜCHER.de/", "https://xn--bcher-kva.de/"},
        ResolveCase{"IdnJapanese", "https://日本語.jp/ニュース",
                    "https://xn--wgv71a119e.jp/%E3%83%8B%E3%83%A5%E3%83%BC%E3%82%B9"},
        ResolveCase{"IdnIdeographicFullStop", "http://日本語。jp/", "http://xn--wgv71a119e.jp/"},
        ResolveCase{"IdnPercentEncodedUtf8", "http://b%C3%BCcher.de/", "http://xn--bcher-kva.de/"},
        // UTS #46 non-transitional, as browsers today: "ß" is kept, not "ss".
        ResolveCase{"IdnSharpSNonTransitional", "http://faß.de/", "http://xn--fa-hia.de/"},
        // Only the transitional rules accept a symbol: the fallback keeps the link.
        ResolveCase{"IdnTransitionalFallback", "http://a☃b.com/", "http://xn--ab-fsx.com/"}),
    CaseName());

INSTANTIATE_TEST_SUITE_P(
    Browserisms, ResolveTest,
    testing::Values(
        ResolveCase{"SurroundingSpacesTrimmed", "  /a  ", "http://www.lejournal.test/a"},
        ResolveCase{"C0ControlsTrimmed", "\x01\x1f/a\x7f", "http://www.lejournal.test/a%7F"},
        ResolveCase{"TabsAndNewlinesRemoved", "/ar\nti\tcle\r.html",
                    "http://www.lejournal.test/article.html"},
        ResolveCase{"NewlineInsideScheme", "ht\ntp://example.com/", "http://example.com/"},
        ResolveCase{"BackslashesAreSlashes", "\\a\\b\\..\\c", "http://www.lejournal.test/a/c"},
        ResolveCase{"BackslashSchemeRelative", "\\\\example.com\\x", "http://example.com/x"},
        ResolveCase{"BackslashInQueryKept", "/a?b\\c", "http://www.lejournal.test/a?b\\c"},
        ResolveCase{"SpaceInPathEncoded", "/le monde.html",
                    "http://www.lejournal.test/le%20monde.html"},
        ResolveCase{"SpaceInQueryEncoded", "/s?q=a b", "http://www.lejournal.test/s?q=a%20b"},
        ResolveCase{"NonAsciiPathEncoded", "/actualité/été",
                    "http://www.lejournal.test/actualit%C3%A9/%C3%A9t%C3%A9"},
        // The path percent-encode set: " < > { } ` (and ? # which end it); | ^ stay.
        ResolveCase{"PathPercentEncodeSet", "/a|b^c\"d<e>f{g}h`i'j",
                    "http://www.lejournal.test/a|b^c%22d%3Ce%3Ef%7Bg%7Dh%60i'j"},
        // The special-query set: " < > ' (so l'été is sent as browsers send it).
        ResolveCase{"QuoteInQueryEncoded", "/s?q=l'été",
                    "http://www.lejournal.test/s?q=l%27%C3%A9t%C3%A9"},
        ResolveCase{"QueryPercentEncodeSet", "/s?a=\"<>`{}|^[]",
                    "http://www.lejournal.test/s?a=%22%3C%3E`{}|^[]"},
        ResolveCase{"FragmentPercentEncodeSet", "/a#x y\"<>`{}'",
                    "http://www.lejournal.test/a#x%20y%22%3C%3E%60{}'"},
        ResolveCase{"BracketsInQueryKept", "/a?ids[]=1", "http://www.lejournal.test/a?ids[]=1"},
        // Escapes are kept as written, valid or not (issue 10: "/%zz" was
        // sent as "/%25zz" and "%7E" as "~").
        ResolveCase{"InvalidEscapesKept", "/100%/a%zz?b=%&c=%4",
                    "http://www.lejournal.test/100%/a%zz?b=%&c=%4"},
        ResolveCase{"EscapesKeepTheirCase", "/a%c3%a9?x=%2f",
                    "http://www.lejournal.test/a%c3%a9?x=%2f"},
        ResolveCase{"EncodedSlashNotDecoded", "/a%2Fb", "http://www.lejournal.test/a%2Fb"},
        ResolveCase{"UnreservedEscapesKept", "/%7Euser/%41?%7E=%7e",
                    "http://www.lejournal.test/%7Euser/%41?%7E=%7e"},
        ResolveCase{"SecondHashKept", "/a#b#c", "http://www.lejournal.test/a#b#c"},
        ResolveCase{"Ipv6ZeroRunsLikeWhatwg", "http://[1:0:1:0:0:0:1:0]/", "http://[1:0:1::1:0]/"},
        ResolveCase{"Ipv6SingleZeroNotFolded", "http://[0:1:0:1:0:1:0:1]/",
                    "http://[0:1:0:1:0:1:0:1]/"},
        ResolveCase{"Ipv6MappedIpv4InHex", "http://[::ffff:192.0.2.128]/",
                    "http://[::ffff:c000:280]/"}),
    CaseName());

struct ErrorCase {
  const char* name;
  const char* href;
  const char* code;
};

// Failing cases print their name instead of raw bytes.
void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class ResolveErrorTest : public testing::TestWithParam<ErrorCase> {};

TEST_P(ResolveErrorTest, FailsWithReason) {
  const ErrorCase& c = GetParam();
  auto url = ResolveUrl(Base(), c.href);
  ASSERT_FALSE(url.ok()) << c.href << " gave " << url->spec;
  EXPECT_EQ(url.error().code, c.code) << url.error().message;
  EXPECT_FALSE(url.error().message.empty());
}

INSTANTIATE_TEST_SUITE_P(
    All, ResolveErrorTest,
    testing::Values(
        ErrorCase{"Mailto", "mailto:redaction@lejournal.test", "url.unsupported_scheme"},
        ErrorCase{"Javascript", "javascript:void(0)", "url.unsupported_scheme"},
        ErrorCase{"JavascriptWithSpaces", "  JavaScript:alert(1)", "url.unsupported_scheme"},
        ErrorCase{"JavascriptSplitByTab", "java\tscript:alert(1)", "url.unsupported_scheme"},
        ErrorCase{"Tel", "tel:+33123456789", "url.unsupported_scheme"},
        ErrorCase{"Data", "data:text/html,hi", "url.unsupported_scheme"},
        ErrorCase{"Ftp", "ftp://ftp.example.com/", "url.unsupported_scheme"},
        ErrorCase{"PortTooLarge", "http://example.com:65536/", "url.invalid_port"},
        ErrorCase{"PortHuge", "http://example.com:99999999999999999999/", "url.invalid_port"},
        ErrorCase{"PortNotNumber", "http://example.com:http/", "url.invalid_port"},
        ErrorCase{"EmptyHost", "http:///", "url.invalid_host"},
        ErrorCase{"EmptyHostWithPort", "http://:80/", "url.invalid_host"},
        ErrorCase{"EmptyHostAfterUserinfo", "http://user:pw@/a", "url.invalid_host"},
        ErrorCase{"SpaceInHost", "http://exa mple.com/", "url.invalid_host"},
        ErrorCase{"ForbiddenCharInHost", "http://exa<mple.com/", "url.invalid_host"},
        ErrorCase{"EmptyLabel", "http://a..b/", "url.invalid_host"},
        ErrorCase{"BadIpv4", "http://1.2.3.256/", "url.invalid_host"},
        ErrorCase{"BadIpv6", "http://[::g]/", "url.invalid_host"},
        ErrorCase{"UnterminatedIpv6", "http://[::1/", "url.invalid_host"},
        ErrorCase{"LabelTooLong",
                  "http://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com/",
                  "url.invalid_host"},
        ErrorCase{"InvalidUtf8Host", "http://\xff\xfe.com/", "url.invalid_host"},
        ErrorCase{"IdnLeadingCombiningMark", "http://\xcc\x81" "a.com/", "url.invalid_host"},
        ErrorCase{"IdnLeadingHyphen", "http://-ü.com/", "url.invalid_host"},
        ErrorCase{"IdnTrailingHyphen", "http://ü-.com/", "url.invalid_host"},
        ErrorCase{"IdnLabelTooLong",
                  "http://üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü.com/",
                  "url.invalid_host"},
        ErrorCase{"IdnEmptyLabel", "http://ü..com/", "url.invalid_host"},
        ErrorCase{"IdnForbiddenAscii", "http://ü<x.com/", "url.invalid_host"},
        ErrorCase{"IdnNulByte", "http://ü%00x.com/", "url.invalid_host"}),
    CaseName());

TEST(ParseUrlTest, IdnErrorNamesLibidn2Reason) {
  auto url = ParseUrl("http://-ü.com/");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "url.invalid_host");
  EXPECT_NE(url.error().message.find("hyphen"), std::string::npos) << url.error().message;
}

TEST(ParseUrlTest, RejectsRelativeReferences) {
  auto url = ParseUrl("/relative/path");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "url.not_absolute");
}

TEST(ParseUrlTest, FillsEveryField) {
  auto url = ParseUrl("HTTPS://Sport.LeJournal.test:8443/foot/../rugby/?a=1#score");
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->spec, "https://sport.lejournal.test:8443/rugby/?a=1#score");
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "sport.lejournal.test");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->target, "/rugby/?a=1");
  EXPECT_TRUE(url->https());
}

TEST(ParseUrlTest, DefaultPortIsEffectivePort) {
  EXPECT_EQ(ParseUrl("http://a.test/")->port, 80);
  EXPECT_EQ(ParseUrl("https://a.test/")->port, 443);
}

TEST(ParseUrlTest, TargetIsNeverEmpty) {
  auto url = ParseUrl("http://a.test");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->target, "/");
}

TEST(ParseUrlTest, ResultIsAFixedPoint) {
  for (const char* text :
       {"http://a.test/x y/%zz?q=é#f#g", "https://[::1]:8/a/../b?", "http://0x7f.1/"}) {
    auto once = ParseUrl(text);
    ASSERT_TRUE(once.ok()) << text;
    auto twice = ParseUrl(once->spec);
    ASSERT_TRUE(twice.ok()) << once->spec;
    EXPECT_EQ(twice->spec, once->spec);
  }
}

TEST(ParseUrlTest, LongUrlUpToLimitAccepted) {
  std::string text = "http://a.test/" + std::string(kMaxUrlLength - 14, 'x');
  auto url = ParseUrl(text);
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->spec.size(), kMaxUrlLength);
}

TEST(ParseUrlTest, LongUrlOverLimitRejected) {
  auto url = ParseUrl("http://a.test/" + std::string(kMaxUrlLength, 'x'));
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "url.too_long");
}

TEST(ParseUrlTest, EncodingGrowthCountsTowardsLimit) {
  // 3000 spaces become 9000 bytes once percent-encoded.
  auto url = ParseUrl("http://a.test/" + std::string(3000, ' ') + "x");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "url.too_long");
}

TEST(ParseUrlTest, HugeInputRejectedCheaply) {
  auto url = ParseUrl("http://a.test/?" + std::string(1 << 20, 'q'));
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "url.too_long");
}

TEST(ResolveUrlTest, ResolvesAgainstBaseWithPort) {
  auto url = ResolveUrl(Base("http://127.0.0.1:8080/a/b"), "c?d");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->spec, "http://127.0.0.1:8080/a/c?d");
  EXPECT_EQ(url->host, "127.0.0.1");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->target, "/a/c?d");
}

TEST(ResolveUrlTest, SchemeRelativeTakesBaseScheme) {
  auto url = ResolveUrl(Base("https://www.lejournal.test/"), "//cdn.lejournal.test/x");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(url->spec, "https://cdn.lejournal.test/x");
  EXPECT_EQ(url->port, 443);
}

TEST(ResolveUrlTest, InvalidBaseIsAnError) {
  auto url = ResolveUrl(Url{}, "x");
  ASSERT_FALSE(url.ok());
  EXPECT_EQ(url.error().code, "url.invalid_base");
}

// ---- canonical keys ----

struct KeyCase {
  const char* name;
  const char* url;
  const char* want;
  bool sort_query = false;
};

// Failing cases print their name instead of raw bytes.
void PrintTo(const KeyCase& c, std::ostream* os) { *os << c.name; }

class CanonicalKeyTest : public testing::TestWithParam<KeyCase> {};

TEST_P(CanonicalKeyTest, Key) {
  const KeyCase& c = GetParam();
  auto url = ParseUrl(c.url);
  ASSERT_TRUE(url.ok()) << c.url;
  CanonicalOptions options;
  options.sort_query = c.sort_query;
  EXPECT_EQ(CanonicalKey(*url, options), c.want);
}

INSTANTIATE_TEST_SUITE_P(
    All, CanonicalKeyTest,
    testing::Values(
        KeyCase{"FragmentDropped", "http://a.test/x#haut", "http://a.test/x"},
        KeyCase{"NoQueryUnchanged", "http://a.test/x", "http://a.test/x"},
        KeyCase{"UtmRemovedOthersKeptInOrder",
                "http://a.test/x?z=1&utm_source=tw&b=2&utm_medium=social&a=3",
                "http://a.test/x?z=1&b=2&a=3"},
        KeyCase{"FbclidRemoved", "http://a.test/x?fbclid=abc&id=4", "http://a.test/x?id=4"},
        KeyCase{"AllParamsTrackingDropsQuestionMark", "http://a.test/x?utm_source=a&gclid=b#f",
                "http://a.test/x"},
        KeyCase{"EmptyQueryRemoved", "http://a.test/x?", "http://a.test/x"},
        KeyCase{"EmptyParamsRemoved", "http://a.test/x?a=1&&b=2&", "http://a.test/x?a=1&b=2"},
        KeyCase{"StripIsCaseInsensitive", "http://a.test/x?UTM_Source=a&k=v",
                "http://a.test/x?k=v"},
        KeyCase{"EncodedUnderscoreStillStripped", "http://a.test/x?utm%5Fsource=a&k=v",
                "http://a.test/x?k=v"},
        KeyCase{"PrefixNeedsStar", "http://a.test/x?fbclid2=a", "http://a.test/x?fbclid2=a"},
        KeyCase{"ValueNotMatched", "http://a.test/x?q=utm_source", "http://a.test/x?q=utm_source"},
        KeyCase{"SortQuery", "http://a.test/x?b=2&a=1&c=3&a=0", "http://a.test/x?a=1&a=0&b=2&c=3",
                true},
        KeyCase{"SortQueryAfterStrip", "http://a.test/x?utm_x=1&z=1&y=2", "http://a.test/x?y=2&z=1",
                true},
        KeyCase{
            "ManyParams",
            "http://a.test/?p1&p2&p3&p4&p5&p6&p7&p8&p9&p10&p11&p12&p13&p14&p15&p16&p17&utm_a&p18",
            "http://a.test/?p1&p2&p3&p4&p5&p6&p7&p8&p9&p10&p11&p12&p13&p14&p15&p16&p17&p18"}),
    CaseName());

TEST(CanonicalKeyTest, CustomStripList) {
  CanonicalOptions options;
  options.strip_params = {"sessionid", "ref_*"};
  auto url = ParseUrl("http://a.test/?utm_source=x&sessionid=1&ref_src=2&id=3");
  ASSERT_TRUE(url.ok());
  EXPECT_EQ(CanonicalKey(*url, options), "http://a.test/?utm_source=x&id=3");
}

TEST(CanonicalKeyTest, EquivalentSpellingsShareKey) {
  CanonicalOptions options;
  auto a = ResolveUrl(Base(), "HTTP://WWW.LEJOURNAL.TEST:80/monde/./europe/article.html?id=7#x");
  auto b = ResolveUrl(Base(), "article.html?id=7&utm_campaign=rss");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(CanonicalKey(*a, options), CanonicalKey(*b, options));
}

// The key is also the URL the frontier queues and the fetcher requests, so it
// keeps escapes as written: decoding "%7E" would send "~" instead.
TEST(CanonicalKeyTest, EscapesAreNotDecoded) {
  CanonicalOptions options;
  auto encoded = ParseUrl("http://a.test/%7Euser/%zz?q=%41");
  auto plain = ParseUrl("http://a.test/~user/%zz?q=A");
  ASSERT_TRUE(encoded.ok() && plain.ok());
  EXPECT_EQ(CanonicalKey(*encoded, options), "http://a.test/%7Euser/%zz?q=%41");
  EXPECT_NE(CanonicalKey(*encoded, options), CanonicalKey(*plain, options));
}

// One URL, one key: "'" in a query is always sent (and keyed) as %27.
TEST(CanonicalKeyTest, QuoteAndItsEscapeShareKey) {
  CanonicalOptions options;
  auto quote = ResolveUrl(Base(), "/s?q=l'ete");
  auto escaped = ResolveUrl(Base(), "/s?q=l%27ete");
  ASSERT_TRUE(quote.ok() && escaped.ok());
  EXPECT_EQ(CanonicalKey(*quote, options), "http://www.lejournal.test/s?q=l%27ete");
  EXPECT_EQ(CanonicalKey(*quote, options), CanonicalKey(*escaped, options));
}

TEST(HostKeyTest, IsLowerCaseHost) {
  EXPECT_EQ(HostKey(*ParseUrl("http://WWW.LeJournal.TEST:8080/x")), "www.lejournal.test");
}

TEST(OriginTest, PortOnlyWhenNotDefault) {
  EXPECT_EQ(Origin(*ParseUrl("https://a.test:443/x")), "https://a.test");
  EXPECT_EQ(Origin(*ParseUrl("http://a.test:8080/x?y")), "http://a.test:8080");
  EXPECT_EQ(Origin(*ParseUrl("http://[::1]:81/")), "http://[::1]:81");
}

}  // namespace
}  // namespace nc
