// robots.txt parsing and matching. Tests named Rfc9309_* check one rule of
// RFC 9309 each; the others check behaviour the RFC leaves open, where we
// follow Google's parser (github.com/google/robotstxt).
#include "frontier/robots.h"

#include <gtest/gtest.h>

#include <string>

#include "frontier/robots_match.h"
#include "tests/common/mapping_cases.h"

namespace nc {
namespace {

bool Allowed(std::string_view body, std::string_view path, std::string_view token = "newscrawl") {
  return RobotsRules::Parse(body, token).IsAllowed(path);
}

// --- Groups and user agents (RFC 9309 2.2.1) -------------------------------

TEST(RobotsTest, Rfc9309_UserAgentMatchIsCaseInsensitive) {
  constexpr std::string_view kBody = "User-agent: NewsCrawl\nDisallow: /private\n";
  EXPECT_FALSE(Allowed(kBody, "/private", "newscrawl"));
  EXPECT_FALSE(Allowed(kBody, "/private", "NEWSCRAWL"));
  EXPECT_TRUE(Allowed(kBody, "/private", "otherbot"));
}

TEST(RobotsTest, Rfc9309_ProductTokenIsLeadingLettersUnderscoreHyphen) {
  // The line's product token ends at the first byte outside [A-Za-z_-].
  EXPECT_FALSE(Allowed("User-agent: newscrawl/2.1 (+https://x)\nDisallow: /\n", "/a"));
  EXPECT_FALSE(Allowed("User-agent: newscrawl 2\nDisallow: /\n", "/a"));
  // ...but the whole run must equal our token: a longer name is another crawler.
  EXPECT_TRUE(Allowed("User-agent: newscrawl-images\nDisallow: /\n", "/a"));
  EXPECT_TRUE(Allowed("User-agent: newscrawlbot\nDisallow: /\n", "/a"));
  EXPECT_TRUE(Allowed("User-agent: news\nDisallow: /\n", "/a"));
}

TEST(RobotsTest, Rfc9309_ProductTokenWithUnderscoreAndHyphen) {
  constexpr std::string_view kBody = "User-agent: my_news-bot\nDisallow: /x\n";
  EXPECT_FALSE(Allowed(kBody, "/x", "My_News-Bot"));
  EXPECT_TRUE(Allowed(kBody, "/x", "my_news"));
}

TEST(RobotsTest, Rfc9309_GlobalGroupOnlyWhenNoSpecificGroupMatches) {
  constexpr std::string_view kBody =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: newscrawl\nDisallow: /private\n";
  EXPECT_TRUE(Allowed(kBody, "/news"));  // our group, not '*'
  EXPECT_FALSE(Allowed(kBody, "/private"));
  EXPECT_FALSE(Allowed(kBody, "/news", "other"));  // '*' for everyone else
}

TEST(RobotsTest, Rfc9309_EmptySpecificGroupStillOverridesGlobal) {
  constexpr std::string_view kBody =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: newscrawl\nDisallow:\n";
  EXPECT_TRUE(Allowed(kBody, "/anything"));
}

TEST(RobotsTest, Rfc9309_GlobalAgentWithTrailingText) {
  EXPECT_FALSE(Allowed("User-agent: * everyone\nDisallow: /\n", "/a"));
  EXPECT_TRUE(Allowed("User-agent: *bot\nDisallow: /\n", "/a"));  // not the '*' group
}

TEST(RobotsTest, Rfc9309_GroupsForSameAgentAreMerged) {
  constexpr std::string_view kBody =
      "User-agent: newscrawl\nDisallow: /a\n\n"
      "User-agent: otherbot\nDisallow: /b\n\n"
      "User-agent: NEWSCRAWL\nDisallow: /c\n";
  EXPECT_FALSE(Allowed(kBody, "/a"));
  EXPECT_TRUE(Allowed(kBody, "/b"));
  EXPECT_FALSE(Allowed(kBody, "/c"));
}

TEST(RobotsTest, Rfc9309_ConsecutiveUserAgentLinesShareOneGroup) {
  constexpr std::string_view kBody =
      "User-agent: otherbot\n\nUser-agent: newscrawl\nUser-agent: thirdbot\n"
      "Disallow: /shared\n"
      "User-agent: fourth\nDisallow: /fourth\n";
  EXPECT_FALSE(Allowed(kBody, "/shared"));
  EXPECT_FALSE(Allowed(kBody, "/shared", "otherbot"));
  EXPECT_FALSE(Allowed(kBody, "/shared", "thirdbot"));
  EXPECT_TRUE(Allowed(kBody, "/fourth"));  // a rule line closed our group
  EXPECT_TRUE(Allowed(kBody, "/shared", "fourth"));
}

TEST(RobotsTest, Rfc9309_RulesBeforeFirstUserAgentBelongToNoGroup) {
  constexpr std::string_view kBody = "Disallow: /orphan\nUser-agent: *\nDisallow: /x\n";
  EXPECT_TRUE(Allowed(kBody, "/orphan"));
  EXPECT_FALSE(Allowed(kBody, "/x"));
}

TEST(RobotsTest, Rfc9309_UnknownLinesDoNotEndGroups) {
  constexpr std::string_view kBody =
      "User-agent: newscrawl\nNoindex: /x\nUser-agent: other\nDisallow: /y\n";
  EXPECT_FALSE(Allowed(kBody, "/y"));
}

// --- Rules and matching (RFC 9309 2.2.2, 2.2.3) ----------------------------

TEST(RobotsTest, Rfc9309_NoMatchingRuleMeansAllowed) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /private\n", "/public"));
  EXPECT_TRUE(Allowed("", "/anything"));
}

TEST(RobotsTest, Rfc9309_RulesArePrefixMatches) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /fish\n";
  EXPECT_FALSE(Allowed(kBody, "/fish"));
  EXPECT_FALSE(Allowed(kBody, "/fish.html"));
  EXPECT_FALSE(Allowed(kBody, "/fishheads/yummy.html"));
  EXPECT_TRUE(Allowed(kBody, "/Fish.asp"));  // paths are case-sensitive
  EXPECT_TRUE(Allowed(kBody, "/catfish"));
}

TEST(RobotsTest, Rfc9309_LongestMatchWins) {
  constexpr std::string_view kBody =
      "User-agent: *\nDisallow: /news\nAllow: /news/public\nDisallow: /news/public/secret\n";
  EXPECT_FALSE(Allowed(kBody, "/news/x"));
  EXPECT_TRUE(Allowed(kBody, "/news/public/x"));
  EXPECT_FALSE(Allowed(kBody, "/news/public/secret/x"));
  // Order in the file does not matter.
  EXPECT_TRUE(Allowed("User-agent: *\nAllow: /news/public\nDisallow: /news\n", "/news/public/"));
}

TEST(RobotsTest, Rfc9309_LongestMatchCountsPatternOctetsNotMatchedOctets) {
  // "/*.html" (7 octets) beats "/news" (5) even though "/news" is a literal prefix.
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /news\nAllow: /*.html\n";
  EXPECT_TRUE(Allowed(kBody, "/news/a.html"));
  EXPECT_FALSE(Allowed(kBody, "/news/a.php"));
}

TEST(RobotsTest, Rfc9309_AllowWinsTies) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page"));
  EXPECT_TRUE(Allowed("User-agent: *\nAllow: /page\nDisallow: /page\n", "/page"));
  // Same length, different patterns: still the Allow.
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /*.php\nAllow: /news*\n", "/news.php"));
}

TEST(RobotsTest, Rfc9309_WildcardMatchesAnySequence) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /*/private/*.pdf\n";
  EXPECT_FALSE(Allowed(kBody, "/a/private/b.pdf"));
  EXPECT_FALSE(Allowed(kBody, "/a/b/private/c/d.pdf?x=1"));
  EXPECT_FALSE(Allowed(kBody, "//private/.pdf"));  // '*' may match nothing
  EXPECT_TRUE(Allowed(kBody, "/a/private/b.html"));
  EXPECT_TRUE(Allowed(kBody, "/private/b.pdf"));  // needs "/" + "/private/"
}

TEST(RobotsTest, Rfc9309_WildcardMatchesQuery) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /*?*sessionid=\n";
  EXPECT_FALSE(Allowed(kBody, "/page?a=1&sessionid=2"));
  EXPECT_TRUE(Allowed(kBody, "/page?a=1"));
}

TEST(RobotsTest, Rfc9309_DollarAnchorsTheEnd) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /*.gif$\nDisallow: /exact$\n";
  EXPECT_FALSE(Allowed(kBody, "/a/b.gif"));
  EXPECT_TRUE(Allowed(kBody, "/a/b.gif?x"));
  EXPECT_TRUE(Allowed(kBody, "/a/b.gifx"));
  EXPECT_FALSE(Allowed(kBody, "/exact"));
  EXPECT_TRUE(Allowed(kBody, "/exactly"));
  // The anchored segment may repeat earlier in the path.
  EXPECT_FALSE(Allowed(kBody, "/x.gif/y.gif"));
}

TEST(RobotsTest, Rfc9309_DollarOnlyAnchorsAtTheEnd) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /a$b\n";
  EXPECT_FALSE(Allowed(kBody, "/a$b/c"));
  EXPECT_TRUE(Allowed(kBody, "/a"));
}

TEST(RobotsTest, Rfc9309_AllowRootOnlyWithDollar) {
  constexpr std::string_view kBody = "User-agent: *\nAllow: /$\nDisallow: /\n";
  EXPECT_TRUE(Allowed(kBody, "/"));
  EXPECT_FALSE(Allowed(kBody, "/page"));
}

TEST(RobotsTest, Rfc9309_EmptyDisallowAllowsAll) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow:\n", "/"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow:   \n", "/a/b"));
}

TEST(RobotsTest, Rfc9309_EmptyAllowIsIgnored) {
  EXPECT_FALSE(Allowed("User-agent: *\nAllow:\nDisallow: /\n", "/a"));
}

TEST(RobotsTest, Rfc9309_PercentEncodingCaseNormalised) {
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /a%3cd\n", "/a%3Cd"));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /a%3Cd\n", "/a%3cd"));
}

TEST(RobotsTest, Rfc9309_UnreservedPercentEscapesDecodedOnBothSides) {
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /%7Euser\n", "/~user/x"));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /~user\n", "/%7euser/x"));
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /%61bc\n", "/abc"));
  // Reserved characters stay escaped: "%2F" is not "/".
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /a%2Fb\n", "/a/b"));
}

TEST(RobotsTest, Rfc9309_NonAsciiPatternMatchesItsUtf8Escapes) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /café\n";
  EXPECT_FALSE(Allowed(kBody, "/caf%C3%A9"));
  EXPECT_FALSE(Allowed(kBody, "/caf%c3%a9/menu"));
  EXPECT_FALSE(Allowed(kBody, "/café"));  // a raw path is escaped the same way
  EXPECT_TRUE(Allowed(kBody, "/cafe"));
}

TEST(RobotsTest, Rfc9309_EscapedWildcardIsLiteral) {
  constexpr std::string_view kBody = "User-agent: *\nDisallow: /a%2Ab\n";
  EXPECT_FALSE(Allowed(kBody, "/a%2Ab"));
  EXPECT_TRUE(Allowed(kBody, "/axxb"));
}

TEST(RobotsTest, Rfc9309_RobotsTxtIsAlwaysAllowed) {
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /\n", "/robots.txt"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /\n", "/robots.txt?x=1"));
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow: /\n", "/robot%73.txt"));  // same URL
  EXPECT_TRUE(RobotsRules::DisallowAll().IsAllowed("/robots.txt"));
  EXPECT_FALSE(RobotsRules::DisallowAll().IsAllowed("/robots.txt.bak"));
}

// --- File format (RFC 9309 2.2, 2.5) ----------------------------------------

TEST(RobotsTest, Rfc9309_KeysAreCaseInsensitiveAndWhitespaceTolerant) {
  EXPECT_FALSE(Allowed("USER-AGENT:*\nDISALLOW:/a\n", "/a"));
  EXPECT_FALSE(Allowed("  user-agent  :   *  \n\tdisallow\t:\t/a\t\n", "/a"));
}

TEST(RobotsTest, Rfc9309_CommentsAreIgnored) {
  constexpr std::string_view kBody =
      "# a comment\nUser-agent: * # everyone\nDisallow: /a # not /b\n#Disallow: /c\n";
  // Had the comment been kept, the pattern "/a # not /b" would not match "/a".
  EXPECT_FALSE(Allowed(kBody, "/a"));
  EXPECT_TRUE(Allowed(kBody, "/b"));
  EXPECT_TRUE(Allowed(kBody, "/c"));
}

// Issue 10: "Disallow /x" was ignored, the less polite reading. Like
// Google's parser, a line of exactly two words reads as "key: value".
TEST(RobotsTest, Google_KnownKeyWithoutColonIsAccepted) {
  constexpr std::string_view kBody = "User-agent *\nDisallow /a\nDisallow: /b\nAllow\t/a/ok\n";
  EXPECT_FALSE(Allowed(kBody, "/a"));
  EXPECT_FALSE(Allowed(kBody, "/b"));
  EXPECT_TRUE(Allowed(kBody, "/a/ok"));
  EXPECT_TRUE(Allowed(kBody, "/c"));
  EXPECT_FALSE(Allowed("User-agent newscrawl\nDisallow /\n", "/x"));
  EXPECT_EQ(RobotsRules::Parse("User-agent *\nCrawl-delay 7\n", "newscrawl").crawl_delay(), 7.0);
  EXPECT_EQ(RobotsRules::Parse("Sitemap /map.xml\n", "newscrawl").sitemaps().size(), 1u);
}

TEST(RobotsTest, Google_LineWithoutColonNeedsExactlyTwoWords) {
  // Three words: not a rule (Google: "Disallow /a /b" is ambiguous).
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow /a /b\n", "/a"));
  // One word: not a rule.
  EXPECT_TRUE(Allowed("User-agent: *\nDisallow\n/a\n", "/a"));
  // A comment after the two words does not count as a word.
  EXPECT_FALSE(Allowed("User-agent: *\nDisallow /a # old section\n", "/a/b"));
  // Unknown keys stay unknown with or without a colon.
  EXPECT_TRUE(Allowed("User-agent: *\nNoindex /a\n", "/a"));
}

TEST(RobotsTest, Rfc9309_LineEndingsLfCrLfAndCr) {
  for (std::string_view eol : {"\n", "\r\n", "\r"}) {
    const std::string body = "User-agent: *" + std::string(eol) + "Disallow: /a" +
                             std::string(eol) + "Allow: /a/b" + std::string(eol);
    SCOPED_TRACE(::testing::PrintToString(std::string(eol)));
    EXPECT_FALSE(Allowed(body, "/a"));
    EXPECT_TRUE(Allowed(body, "/a/b"));
    EXPECT_TRUE(Allowed(body, "/c"));
  }
}

TEST(RobotsTest, Rfc9309_OnlyFirst500KiBAreParsed) {
  std::string body = "User-agent: *\nDisallow: /early\n";
  body.append(RobotsRules::kMaxBodyBytes - body.size() - 15, '#');
  // The limit falls after "/lat": the rule read is "/lat", not "/late".
  body.append("\nDisallow: /late\n");
  body.append("Disallow: /after\n");
  ASSERT_EQ(body.find("/lat") + 4, RobotsRules::kMaxBodyBytes);
  EXPECT_FALSE(Allowed(body, "/early"));
  EXPECT_FALSE(Allowed(body, "/latitude"));
  EXPECT_TRUE(Allowed(body, "/la"));
  EXPECT_TRUE(Allowed(body, "/after"));
}

// --- Beyond the RFC: Google-compatible leniency -----------------------------

TEST(RobotsTest, Utf8BomIsSkipped) {
  EXPECT_FALSE(Allowed("\xEF\xBB\xBFUser-agent: *\nDisallow: /a\n", "/a"));
  EXPECT_FALSE(Allowed("\xEF\xBBUser-agent: *\nDisallow: /a\n", "/a"));  // truncated BOM
}

TEST(RobotsTest, MisspelledKeysAreAccepted) {
  EXPECT_FALSE(Allowed("useragent: *\nDisallow: /a\n", "/a"));
  EXPECT_FALSE(Allowed("user agent: *\nDisallow: /a\n", "/a"));
  EXPECT_FALSE(Allowed("User-agent: *\ndissallow: /a\n", "/a"));
  EXPECT_FALSE(Allowed("User-agent: *\ndisalow: /a\n", "/a"));
  EXPECT_FALSE(Allowed("User-agent: *\ndissalow: /a\n", "/a"));
  EXPECT_TRUE(Allowed("User-agent: *\ndisallowed: /a\n", "/a"));  // not a known spelling
}

TEST(RobotsTest, CrawlDelayIsReadFromTheChosenGroup) {
  constexpr std::string_view kBody =
      "User-agent: *\nCrawl-delay: 10\n\n"
      "User-agent: newscrawl\nCrawl-delay: 2.5\nDisallow: /x\n";
  EXPECT_EQ(RobotsRules::Parse(kBody, "newscrawl").crawl_delay(), 2.5);
  EXPECT_EQ(RobotsRules::Parse(kBody, "other").crawl_delay(), 10.0);
  EXPECT_EQ(RobotsRules::Parse("User-agent: *\nDisallow: /\n", "x").crawl_delay(), std::nullopt);
}

TEST(RobotsTest, CrawlDelayLargestOfMergedGroupsAndInvalidIgnored) {
  EXPECT_EQ(RobotsRules::Parse("User-agent: a\nCrawl-delay: 3\nUser-agent: a\nCrawl-delay: 7\n"
                               "User-agent: a\nCrawl-delay: 5\n",
                               "a")
                .crawl_delay(),
            7.0);
  for (std::string_view bad : {"-1", "abc", "nan", "inf", ""}) {
    const std::string body = "User-agent: *\nCrawl-delay: " + std::string(bad) + "\n";
    EXPECT_EQ(RobotsRules::Parse(body, "a").crawl_delay(), std::nullopt) << bad;
  }
  EXPECT_EQ(RobotsRules::Parse("User-agent: *\ncrawl-delay: 4s\n", "a").crawl_delay(), 4.0);
}

TEST(RobotsTest, CrawlDelayIsAGroupMemberLine) {
  // Crawl-delay ends the user-agent run like a rule does: "a" gets only the
  // delay, our group only the Disallow.
  constexpr std::string_view kBody =
      "User-agent: a\nCrawl-delay: 5\nUser-agent: newscrawl\nDisallow: /x\n";
  EXPECT_EQ(RobotsRules::Parse(kBody, "newscrawl").crawl_delay(), std::nullopt);
  EXPECT_EQ(RobotsRules::Parse(kBody, "a").crawl_delay(), 5.0);
  EXPECT_TRUE(RobotsRules::Parse(kBody, "a").IsAllowed("/x"));
}

TEST(RobotsTest, SitemapsAreRecordedWhereverTheyAppear) {
  constexpr std::string_view kBody =
      "Sitemap: https://example.com/a.xml\n"
      "User-agent: otherbot\nDisallow: /\nSitemap: https://example.com/b.xml\n"
      "site-map:https://example.com/c.xml\n";
  const RobotsRules rules = RobotsRules::Parse(kBody, "newscrawl");
  EXPECT_EQ(rules.sitemaps(),
            (std::vector<std::string>{"https://example.com/a.xml", "https://example.com/b.xml",
                                      "https://example.com/c.xml"}));
  EXPECT_TRUE(rules.IsAllowed("/"));  // the sitemap line did not move us into otherbot's group
}

TEST(RobotsTest, AllowAllAndDisallowAll) {
  EXPECT_TRUE(RobotsRules::AllowAll().IsAllowed("/anything?x=1"));
  EXPECT_FALSE(RobotsRules::DisallowAll().IsAllowed("/"));
  EXPECT_FALSE(RobotsRules::DisallowAll().IsAllowed(""));
  EXPECT_TRUE(RobotsRules::DisallowAll().disallows_all());
}

TEST(RobotsTest, EmptyPathMeansRoot) { EXPECT_FALSE(Allowed("User-agent: *\nDisallow: /$\n", "")); }

TEST(RobotsTest, RulesAreKeptInPrecedenceOrderWithoutDuplicates) {
  const RobotsRules rules = RobotsRules::Parse(
      "User-agent: newscrawl\nDisallow: /a\nUser-agent: newscrawl\nDisallow: /a\n"
      "Allow: /b\nDisallow: /ccc\nDisallow: /*.x$\n",
      "newscrawl");
  ASSERT_EQ(rules.rules().size(), 4u);
  EXPECT_EQ(rules.rules()[0].pattern, "/*.x$");
  EXPECT_TRUE(rules.rules()[0].anchored);
  EXPECT_TRUE(rules.rules()[0].wildcard);
  EXPECT_EQ(rules.rules()[0].literal_bytes, 3u);
  EXPECT_EQ(rules.rules()[1].pattern, "/ccc");
  EXPECT_EQ(rules.rules()[2].pattern, "/b");
  EXPECT_TRUE(rules.rules()[2].allow);
  EXPECT_EQ(rules.rules()[3].pattern, "/a");
}

TEST(RobotsTest, HugeWildcardPatternsDoNotBlowUp) {
  // Many stars against a long path that almost matches: leftmost-first
  // segment matching keeps this linear-ish instead of exponential.
  std::string pattern = "/";
  for (int i = 0; i < 2000; ++i) pattern += "a*";
  pattern += "b$";
  const std::string body = "User-agent: *\nDisallow: " + pattern + "\n";
  const std::string path = "/" + std::string(4000, 'a');
  EXPECT_TRUE(Allowed(body, path));
  EXPECT_FALSE(Allowed(body, path + "b"));
}

// --- Normalisation helpers --------------------------------------------------

TEST(RobotsTest, NormalisationSpelling) {
  std::string out;
  AppendNormalizedRobotsText("/%7e%2f%zz%4%c3%A9\xC3\xA9*$", out);
  EXPECT_EQ(out, "/~%2F%25zz%254%C3%A9%C3%A9*$");
  // A lone '%' is spelled %25, so a decoded escape after it cannot complete
  // it into a new escape: normalising again changes nothing.
  out.clear();
  AppendNormalizedRobotsText("/%4%41", out);
  EXPECT_EQ(out, "/%254A");
  std::string again;
  AppendNormalizedRobotsText(out, again);
  EXPECT_EQ(again, out);
  EXPECT_TRUE(IsNormalizedRobotsText("/plain/path?q=1"));
  EXPECT_FALSE(IsNormalizedRobotsText("/a%41"));
  EXPECT_FALSE(IsNormalizedRobotsText("/caf\xC3\xA9"));
}

// --- Tooling entry point (Google robots_main semantics) ---------------------

TEST(RobotsTest, ProductTokenOfAFullUserAgent) {
  EXPECT_EQ(RobotsProductToken("newscrawl/0.1 (+https://example.com/bot)"), "newscrawl");
  EXPECT_EQ(RobotsProductToken("  Googlebot-Image/1.0"), "Googlebot-Image");
  EXPECT_EQ(RobotsProductToken("/1.0"), "");
}

TEST(RobotsTest, PathOfUrlLikeGoogle) {
  testing::ExpectMapsEach(RobotsPathOf,
                          {
                              {"https://example.com/a/b?c=d#frag", "/a/b?c=d"},
                              {"https://example.com", "/"},
                              {"https://example.com:8080?q", "/?q"},
                              {"https://example.com;params", "/;params"},
                              {"https://example.com#frag/x", "/"},
                              {"//example.com/a", "/a"},
                              {"example.com/a", "/a"},
                              {"/a/b", "/a/b"},
                              {"/a/b?redirect=http://x/y", "/a/b?redirect=http://x/y"},
                              {"", "/"},
                          });
}

TEST(RobotsTest, RobotsAllowedOnFullUrls) {
  constexpr std::string_view kBody =
      "User-agent: *\nDisallow: /\n\n"
      "User-agent: newscrawl\nAllow: /news/\nDisallow: /*?print=\nDisallow: /\n";
  constexpr std::string_view kAgent = "NewsCrawl/0.1 (+https://example.com/bot)";
  EXPECT_TRUE(RobotsAllowed(kBody, kAgent, "https://www.example.com/news/a.html"));
  EXPECT_TRUE(RobotsAllowed(kBody, kAgent, "https://www.example.com/news/a.html#print=1"));
  EXPECT_FALSE(RobotsAllowed(kBody, kAgent, "https://www.example.com/news/a.html?print=1"));
  EXPECT_FALSE(RobotsAllowed(kBody, kAgent, "https://www.example.com"));
  EXPECT_TRUE(RobotsAllowed(kBody, kAgent, "https://www.example.com/robots.txt"));
  EXPECT_FALSE(RobotsAllowed(kBody, "OtherBot/1.0", "https://www.example.com/news/a.html"));
  EXPECT_TRUE(RobotsAllowed(kBody, kAgent, "/news/"));
}

}  // namespace
}  // namespace nc
