// FollowFilter: host allow/deny lists with "*." wildcards and include /
// exclude URL regexes (crawl.allow_hosts, deny_hosts, include, exclude).

#include "frontier/follow_filter.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <utility>
#include <vector>

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

CrawlConfig HostLists(std::vector<std::string> allow, std::vector<std::string> deny) {
  CrawlConfig c;
  c.allow_hosts = std::move(allow);
  c.deny_hosts = std::move(deny);
  return c;
}

CrawlConfig UrlRegexes(std::vector<std::string> include, std::vector<std::string> exclude) {
  CrawlConfig c;
  c.include = std::move(include);
  c.exclude = std::move(exclude);
  return c;
}

// A filter made from `config`, with the hosts (HostAllowed) or the URLs
// (UrlWanted) it must let through and those it must stop.
struct FilterCase {
  enum Checks { kHosts, kUrls };
  const char* name;
  CrawlConfig config;
  Checks checks;
  std::vector<const char*> passing;
  std::vector<const char*> stopped;
};

void PrintTo(const FilterCase& c, std::ostream* os) { *os << c.name; }

class FollowFilterCaseTest : public ::testing::TestWithParam<FilterCase> {};

TEST_P(FollowFilterCaseTest, PassesAndStops) {
  const FilterCase& c = GetParam();
  FollowFilter f = Make(c.config);
  auto passes = [&](const char* text) {
    return c.checks == FilterCase::kHosts ? f.HostAllowed(text) : f.UrlWanted(text);
  };
  for (const char* text : c.passing) EXPECT_TRUE(passes(text)) << text;
  for (const char* text : c.stopped) EXPECT_FALSE(passes(text)) << text;
}

INSTANTIATE_TEST_SUITE_P(
    FollowFilter, FollowFilterCaseTest,
    ::testing::Values(
        // The domain itself too, like wget --domains and Heritrix SURT
        // prefixes; at a label boundary; a suffix, not a substring.
        FilterCase{"WildcardMatchesTheDomainItselfAndEverySubdomain",
                   HostLists({"*.lejournal.test"}, {}),
                   FilterCase::kHosts,
                   {"lejournal.test", "www.lejournal.test", "a.b.lejournal.test"},
                   {"notlejournal.test", "lejournal.test.evil", "example.org"}},
        // Case and a trailing dot do not matter.
        FilterCase{"PlainHostMatchesOnlyThatHost",
                   HostLists({"Example.ORG."}, {}),
                   FilterCase::kHosts,
                   {"example.org", "example.org."},
                   {"www.example.org"}},
        FilterCase{
            "DenyWinsOverAllow",
            HostLists({"*.lejournal.test"}, {"pub.lejournal.test", "*.forum.lejournal.test"}),
            FilterCase::kHosts,
            {"www.lejournal.test"},
            {"pub.lejournal.test", "forum.lejournal.test", "x.forum.lejournal.test"}},
        FilterCase{"DenyAloneAllowsTheRest",
                   HostLists({}, {"*.ads.test"}),
                   FilterCase::kHosts,
                   {"www.lejournal.test"},
                   {"cdn.ads.test"}},
        // The first URL stopped matches no include, the others an exclude.
        FilterCase{
            "IncludeNeedsOneMatchExcludeNeedsNone",
            UrlRegexes({"/20[0-9]{2}/", "/articles?/"}, {"[?&]page=", "\\.pdf$"}),
            FilterCase::kUrls,
            {"https://www.lejournal.test/2024/05/greve.html",
             "https://www.lejournal.test/article/greve"},
            {"https://www.lejournal.test/monde/", "https://www.lejournal.test/2024/liste?page=2",
             "https://www.lejournal.test/2024/rapport.pdf"}},
        FilterCase{"ExcludeAloneKeepsTheRest",
                   UrlRegexes({}, {"/(tag|auteur)/"}),
                   FilterCase::kUrls,
                   {"https://www.lejournal.test/monde/a.html"},
                   {"https://www.lejournal.test/tag/greve"}},
        // Patterns are combined as (?:p1)|(?:p2): an anchor in one does not leak.
        FilterCase{"AnchorsApplyToTheWholeUrlOfEachPattern",
                   UrlRegexes({"^https://www\\.lejournal\\.test/", "\\.html$"}, {}),
                   FilterCase::kUrls,
                   {"https://www.lejournal.test/x", "https://other.test/y.html"},
                   {"https://other.test/y.htm"}}),
    [](const ::testing::TestParamInfo<FilterCase>& info) { return info.param.name; });

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
