// CrawlScope's per-thread memo of seed-domains answers (issue 16): a page's
// links name a few hosts many times, and each public-suffix lookup costs
// more than the rest of the link's classification, so it must run once per
// host, not once per link, whatever hosts the page mixes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "frontier/scope.h"

namespace nc {
namespace {

Url U(const std::string& text) {
  auto url = ParseUrl(text);
  EXPECT_TRUE(url.ok()) << text;
  return url.ok() ? *url : Url{};
}

// The hosts of a B1 fixture page, asked in the page's order again and
// again: 16 direct-mapped slots put two of them in one slot, and they
// evicted each other on every link.
TEST(CrawlScopeMemo, EachHostOfAPageIsLookedUpOnce) {
  const CrawlScope scope({U("http://www.lejournal.test:8080/")}, ScopeMode::kSeedDomains);
  const std::vector<Url> links = {
      U("http://www.lejournal.test:8080/monde/"),  U("http://sport.lejournal.test:8080/"),
      U("https://www.reseau-social.test/x"),       U("https://pub.regie-pub.test/clic"),
      U("https://www.autre-media.test/a"),         U("http://r001.lejournal.test:8080/"),
      U("http://r002.lejournal.test:8080/"),       U("http://r003.lejournal.test:8080/"),
      U("http://r004.lejournal.test:8080/"),       U("https://cdn.example.com/"),
      U("https://www.example.org/"),               U("https://news.example.net/"),
  };
  const uint64_t before = CrawlScope::DomainLookupsOnThisThread();
  for (int round = 0; round < 50; ++round) {
    for (const Url& link : links) {
      EXPECT_EQ(scope.Contains(link), link.host.ends_with("lejournal.test")) << link.host;
    }
  }
  EXPECT_EQ(CrawlScope::DomainLookupsOnThisThread() - before, links.size());
}

// Past its bound the memo starts again rather than growing: the answers stay
// right, and a host asked again after the clear is looked up again.
TEST(CrawlScopeMemo, ManyHostsStayRightPastTheBound) {
  const CrawlScope scope({U("https://www.lejournal.test/")}, ScopeMode::kSeedDomains);
  for (int i = 0; i < 10000; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_EQ(scope.Contains(U("https://h" + n + (i % 2 ? ".lejournal.test/" : ".autre.test/"))),
              i % 2 == 1)
        << n;
  }
  const uint64_t before = CrawlScope::DomainLookupsOnThisThread();
  EXPECT_TRUE(scope.Contains(U("https://h9999.lejournal.test/")));  // asked last: kept
  EXPECT_EQ(CrawlScope::DomainLookupsOnThisThread() - before, 0u);
  EXPECT_TRUE(scope.Contains(U("https://h1.lejournal.test/")));  // asked first: cleared since
  EXPECT_EQ(CrawlScope::DomainLookupsOnThisThread() - before, 1u);
}

}  // namespace
}  // namespace nc
