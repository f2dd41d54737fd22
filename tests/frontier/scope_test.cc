#include "frontier/scope.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace nc {
namespace {

Url U(const char* text) {
  auto url = ParseUrl(text);
  EXPECT_TRUE(url.ok()) << text;
  return url.ok() ? *url : Url{};
}

std::vector<Url> Seeds() { return {U("https://www.lejournal.test/"), U("http://127.0.0.1:8080/")}; }

struct ScopeCase {
  const char* url;
  bool in_seed_hosts;
  bool in_seed_domains;
};

// One table for both modes: the difference between them is the point.
constexpr ScopeCase kCases[] = {
    {"https://www.lejournal.test/monde/", true, true},
    {"http://www.lejournal.test:8080/", true, true},  // scheme and port never matter
    {"https://sport.lejournal.test/", false, true},
    {"https://lejournal.test/", false, true},
    {"https://a.b.lejournal.test/", false, true},
    {"https://www.reseau-social.test/lejournal", false, false},
    {"https://lejournal.test.evil.test/", false, false},
    {"https://www.autrejournal.test/", false, false},
    {"http://127.0.0.1:9090/", true, true},  // IP literals match exactly
    {"http://10.0.0.1:8080/", false, false},
    {"http://1.0.0.1/", false, false},  // libpsl alone would say "0.1" like 127.0.0.1
};

TEST(CrawlScopeTest, SeedHostsMatchesExactHost) {
  CrawlScope scope(Seeds(), ScopeMode::kSeedHosts);
  EXPECT_EQ(scope.mode(), ScopeMode::kSeedHosts);
  for (const ScopeCase& c : kCases) EXPECT_EQ(scope.Contains(U(c.url)), c.in_seed_hosts) << c.url;
}

TEST(CrawlScopeTest, SeedDomainsMatchesRegistrableDomain) {
  CrawlScope scope(Seeds(), ScopeMode::kSeedDomains);
  for (const ScopeCase& c : kCases) EXPECT_EQ(scope.Contains(U(c.url)), c.in_seed_domains) << c.url;
}

TEST(CrawlScopeTest, AllContainsEveryHttpUrl) {
  CrawlScope scope(Seeds(), ScopeMode::kAll);
  for (const ScopeCase& c : kCases) EXPECT_TRUE(scope.Contains(U(c.url))) << c.url;
  EXPECT_TRUE(scope.Contains(U("https://www.reseau-social.test/")));
}

TEST(CrawlScopeTest, SeedDomainsUsesPublicSuffixList) {
  CrawlScope scope({U("https://www.bbc.co.uk/news")}, ScopeMode::kSeedDomains);
  EXPECT_TRUE(scope.Contains(U("https://sport.bbc.co.uk/")));
  EXPECT_FALSE(scope.Contains(U("https://www.itv.co.uk/")));  // co.uk is a public suffix
}

TEST(CrawlScopeTest, SeedOnPrivateSuffixIsNotWholeSuffix) {
  CrawlScope scope({U("https://lejournal.blogspot.com/")}, ScopeMode::kSeedDomains);
  EXPECT_TRUE(scope.Contains(U("https://www.lejournal.blogspot.com/")));
  EXPECT_FALSE(scope.Contains(U("https://autre.blogspot.com/")));
}

TEST(CrawlScopeTest, SingleLabelHostMatchesExactly) {
  CrawlScope scope({U("http://localhost:8080/")}, ScopeMode::kSeedDomains);
  EXPECT_TRUE(scope.Contains(U("http://localhost/")));
  EXPECT_FALSE(scope.Contains(U("http://other/")));
}

TEST(CrawlScopeTest, DomainKeyOfUnknownTldIsLastTwoLabels) {
  const std::string www = "www.lejournal.test";
  const std::string sport = "sport.lejournal.test";
  const std::string social = "www.reseau-social.test";
  EXPECT_EQ(CrawlScope::DomainKey(www), "lejournal.test");
  EXPECT_EQ(CrawlScope::DomainKey(sport), "lejournal.test");
  EXPECT_EQ(CrawlScope::DomainKey(social), "reseau-social.test");
}

TEST(CrawlScopeTest, IdnHostsCompareInPunycode) {
  CrawlScope scope({U("https://www.bücher.example/")}, ScopeMode::kSeedDomains);
  EXPECT_TRUE(scope.Contains(U("https://shop.xn--bcher-kva.example/")));
}

TEST(CrawlScopeTest, NoSeedsMeansNothingInSeedModes) {
  EXPECT_FALSE(CrawlScope({}, ScopeMode::kSeedHosts).Contains(U("http://a.test/")));
  EXPECT_FALSE(CrawlScope({}, ScopeMode::kSeedDomains).Contains(U("http://a.test/")));
}

}  // namespace
// Seed-domains decisions are memoised per thread: a second scope with other
// seeds, asked about the same hosts on the same thread, must not get the
// first scope's answers (nor the first get the second's afterwards).
TEST(CrawlScopeTest, SeedDomainsMemoKeepsScopesApart) {
  CrawlScope journal({U("https://www.lejournal.test/")}, ScopeMode::kSeedDomains);
  CrawlScope other({U("https://www.autrejournal.test/")}, ScopeMode::kSeedDomains);
  for (int round = 0; round < 3; ++round) {
    EXPECT_TRUE(journal.Contains(U("https://sport.lejournal.test/")));
    EXPECT_FALSE(other.Contains(U("https://sport.lejournal.test/")));
    EXPECT_FALSE(journal.Contains(U("https://news.autrejournal.test/")));
    EXPECT_TRUE(other.Contains(U("https://news.autrejournal.test/")));
  }
  // Many hosts through the 16 memo slots: every answer stays right.
  for (int i = 0; i < 200; ++i) {
    std::string n = std::to_string(i);
    EXPECT_TRUE(journal.Contains(U(("https://h" + n + ".lejournal.test/").c_str()))) << n;
    EXPECT_FALSE(journal.Contains(U(("https://h" + n + ".autrejournal.test/").c_str()))) << n;
  }
}

}  // namespace nc
