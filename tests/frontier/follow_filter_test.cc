// FollowFilter: host allow/deny lists with "*." wildcards and include /
// exclude URL regexes (crawl.allow_hosts, deny_hosts, include, exclude).

#include "frontier/follow_filter.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

FollowFilter Make(const CrawlConfig& c) {
  auto f = FollowFilter::Create(c);
  EXPECT_TRUE(f.ok()) << f.error().message;
  return f.ok() ? std::move(*f) : FollowFilter();
}

TEST(FollowFilter, EmptyConfigAllowsEverything) {
  FollowFilter f = Make(CrawlConfig{});
  EXPECT_FALSE(f.has_host_rules());
  EXPECT_FALSE(f.has_url_rules());
  EXPECT_TRUE(f.HostAllowed("www.lejournal.test"));
  EXPECT_TRUE(f.UrlWanted("https://www.lejournal.test/"));
}

TEST(FollowFilter, WildcardMatchesTheDomainItselfAndEverySubdomain) {
  CrawlConfig c;
  c.allow_hosts = {"*.lejournal.test"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.HostAllowed("lejournal.test"));  // like wget --domains, Heritrix SURT prefixes
  EXPECT_TRUE(f.HostAllowed("www.lejournal.test"));
  EXPECT_TRUE(f.HostAllowed("a.b.lejournal.test"));
  EXPECT_FALSE(f.HostAllowed("notlejournal.test"));     // label boundary
  EXPECT_FALSE(f.HostAllowed("lejournal.test.evil"));   // suffix, not substring
  EXPECT_FALSE(f.HostAllowed("example.org"));
}

TEST(FollowFilter, PlainHostMatchesOnlyThatHost) {
  CrawlConfig c;
  c.allow_hosts = {"Example.ORG."};  // case and a trailing dot do not matter
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.HostAllowed("example.org"));
  EXPECT_TRUE(f.HostAllowed("example.org."));
  EXPECT_FALSE(f.HostAllowed("www.example.org"));
}

TEST(FollowFilter, DenyWinsOverAllow) {
  CrawlConfig c;
  c.allow_hosts = {"*.lejournal.test"};
  c.deny_hosts = {"pub.lejournal.test", "*.forum.lejournal.test"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.HostAllowed("www.lejournal.test"));
  EXPECT_FALSE(f.HostAllowed("pub.lejournal.test"));
  EXPECT_FALSE(f.HostAllowed("forum.lejournal.test"));
  EXPECT_FALSE(f.HostAllowed("x.forum.lejournal.test"));
}

TEST(FollowFilter, DenyAloneAllowsTheRest) {
  CrawlConfig c;
  c.deny_hosts = {"*.ads.test"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.HostAllowed("www.lejournal.test"));
  EXPECT_FALSE(f.HostAllowed("cdn.ads.test"));
}

TEST(FollowFilter, IncludeNeedsOneMatchExcludeNeedsNone) {
  CrawlConfig c;
  c.include = {"/20[0-9]{2}/", "/articles?/"};
  c.exclude = {"[?&]page=", "\\.pdf$"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.UrlWanted("https://www.lejournal.test/2024/05/greve.html"));
  EXPECT_TRUE(f.UrlWanted("https://www.lejournal.test/article/greve"));
  EXPECT_FALSE(f.UrlWanted("https://www.lejournal.test/monde/"));  // no include matches
  EXPECT_FALSE(f.UrlWanted("https://www.lejournal.test/2024/liste?page=2"));
  EXPECT_FALSE(f.UrlWanted("https://www.lejournal.test/2024/rapport.pdf"));
}

TEST(FollowFilter, ExcludeAloneKeepsTheRest) {
  CrawlConfig c;
  c.exclude = {"/(tag|auteur)/"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.UrlWanted("https://www.lejournal.test/monde/a.html"));
  EXPECT_FALSE(f.UrlWanted("https://www.lejournal.test/tag/greve"));
}

TEST(FollowFilter, AnchorsApplyToTheWholeUrlOfEachPattern) {
  // Patterns are combined as (?:p1)|(?:p2): an anchor in one does not leak.
  CrawlConfig c;
  c.include = {"^https://www\\.lejournal\\.test/", "\\.html$"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.UrlWanted("https://www.lejournal.test/x"));
  EXPECT_TRUE(f.UrlWanted("https://other.test/y.html"));
  EXPECT_FALSE(f.UrlWanted("https://other.test/y.htm"));
}

TEST(FollowFilter, InvalidRegexIsAConfigErrorNamingTheKey) {
  CrawlConfig c;
  c.include = {"ok", "(unclosed"};
  auto f = FollowFilter::Create(c);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.error().code, "config.invalid");
  EXPECT_NE(f.error().message.find("key 'crawl.include[1]': invalid regex '(unclosed'"),
            std::string::npos)
      << f.error().message;
  c.include.clear();
  c.exclude = {"a{2,1}"};
  Status s = ValidateConfig(c);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.error().message.find("key 'crawl.exclude[0]'"), std::string::npos)
      << s.error().message;
  c.exclude = {""};
  EXPECT_FALSE(ValidateConfig(c).ok());
}

TEST(FollowFilter, BadHostPatternIsAConfigErrorNamingTheKey) {
  for (const char* bad : {"", "*", "*.", "https://a.test/", "a.*.test", "www.*", "a..test"}) {
    CrawlConfig c;
    c.deny_hosts = {"ok.test", bad};
    Status s = ValidateConfig(c);
    ASSERT_FALSE(s.ok()) << bad;
    EXPECT_NE(s.error().message.find("key 'crawl.deny_hosts[1]'"), std::string::npos)
        << s.error().message;
    EXPECT_FALSE(FollowFilter::Create(c).ok()) << bad;
  }
}

TEST(FollowFilter, RegexRunsInLinearTime) {
  // A pattern that makes backtracking engines explode: RE2 answers at once.
  CrawlConfig c;
  c.exclude = {"(a+)+$"};
  FollowFilter f = Make(c);
  EXPECT_TRUE(f.UrlWanted("https://a.test/" + std::string(5000, 'a') + "!"));
}

}  // namespace
}  // namespace nc
