// The user's follow policy end to end on the fixture site: deny_hosts,
// exclude regexes and max_pages_per_host, each refusal stored on the edge
// with its reason; a bad regex is a usage error naming the key.

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include "frontier/url.h"
#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

using FollowPolicy = FixtureRunTest;

// Not-followed edges whose target contains `needle`, by reason.
std::map<std::string, int> RefusedEdges(const std::string& store_dir, const std::string& needle) {
  std::map<std::string, int> out;
  std::unique_ptr<storage::Store> store = OpenReadOnly(store_dir);
  if (!store) return out;
  EXPECT_TRUE(store
                  ->ForEachEdge([&](const storage::EdgeView& e) {
                    if (!e.followed && e.target.find(needle) != std::string_view::npos) {
                      ++out[std::string(SkipReasonName(e.reason))];
                    }
                    return true;
                  })
                  .ok());
  return out;
}

std::string Host(const std::string& url) {
  size_t start = url.find("://") + 3;
  size_t end = url.find_first_of(":/", start);
  return url.substr(start, end - start);
}

TEST_F(FollowPolicy, DenyHostsAndExcludeRegexesAreObeyedAndRecorded) {
  CrawlConfig config = Config();
  config.deny_hosts = {"sport.lejournal.test"};
  config.exclude = {"/culture/"};
  Crawl(config);
  EXPECT_EQ(outcome.end, CrawlOutcome::End::kFinished);

  const StoredCrawl& crawl = stored;
  ASSERT_GT(crawl.fetched.size(), 10u);
  for (const auto& url : crawl.fetched) {
    EXPECT_NE(Host(url), "sport.lejournal.test") << url;
    EXPECT_EQ(url.find("/culture/"), std::string::npos) << url;
  }
  // The refused links are edges with their reasons (the homepage links both).
  std::map<std::string, int> sport = RefusedEdges(store, "//sport.lejournal.test");
  EXPECT_GT(sport["scope"], 0);
  std::map<std::string, int> culture = RefusedEdges(store, "/culture/");
  EXPECT_GT(culture["filter"], 0);
  // Nothing the server saw was refused by the policy.
  for (const auto& r : server->Requests()) {
    EXPECT_NE(r.host.rfind("sport.lejournal.test", 0), 0u) << r.host << r.target;
    EXPECT_EQ(r.target.find("/culture/"), std::string::npos) << r.target;
  }
}

TEST_F(FollowPolicy, MaxPagesPerHostCapsEachHostAndRecordsLimit) {
  CrawlConfig config = Config();
  config.max_pages_per_host = 5;
  Crawl(config);
  EXPECT_EQ(outcome.end, CrawlOutcome::End::kFinished);

  const StoredCrawl& crawl = stored;
  std::map<std::string, int> per_host;
  for (const auto& url : crawl.fetched) ++per_host[Host(url)];
  for (const auto& url : crawl.failed) ++per_host[Host(url)];
  // Admitted URLs that robots.txt disallows are recorded, not fetched.
  for (const auto& url : crawl.robots_denied) ++per_host[Host(url)];
  EXPECT_EQ(per_host["www.lejournal.test"], 5);  // the site has far more
  EXPECT_EQ(per_host["sport.lejournal.test"], 5);
  for (const auto& [host, n] : per_host) EXPECT_LE(n, 5) << host;
  EXPECT_GT(RefusedEdges(store, "//www.lejournal.test")["limit"], 0);

  std::unique_ptr<storage::Store> reader = OpenReadOnly(store);
  ASSERT_NE(reader, nullptr);
  auto admitted = reader->AdmittedUrls("www.lejournal.test");
  ASSERT_TRUE(admitted.ok());
  EXPECT_EQ(*admitted, 5u);
}

TEST_F(FollowPolicy, CommandLineFlagsReachTheCrawl) {
  std::vector<std::string> args = HomepageCrawlArgs(store);
  args.insert(args.end(), {"--min-delay", "0", "-q", "--deny-host", "*.sport.lejournal.test",
                           "--exclude", "/culture/", "--max-pages-per-host", "4"});
  std::string out, err;
  ASSERT_EQ(RunNewscrawl(args, &out, &err), 0) << err;
  StoredCrawl crawl = ReadStore(store);
  EXPECT_EQ(crawl.fetched.size() + crawl.failed.size() + crawl.robots_denied.size(), 4u);
  for (const auto& url : crawl.fetched) {
    EXPECT_EQ(Host(url), "www.lejournal.test") << url;
    EXPECT_EQ(url.find("/culture/"), std::string::npos) << url;
  }
  EXPECT_GT(RefusedEdges(store, "//sport.lejournal.test")["scope"], 0);
}

TEST_F(FollowPolicy, SiteSelectorsOverrideRolesOfThatHostOnly) {
  CrawlConfig config = Config();
  // On www, the "Articles liés" blocks become footer (so not followed);
  // sport keeps the heuristic.
  config.sites = {SiteRules{"www.lejournal.test", "", "", "", "section.articles-lies"}};
  // Sitemaps and feeds list every article: without them, an article linked
  // only from "Articles liés" blocks is reached only through those links.
  config.discover_feeds = false;
  Crawl(config);
  EXPECT_EQ(outcome.end, CrawlOutcome::End::kFinished);
  EXPECT_EQ(outcome.progress.selector_fallbacks, 0u);  // every fixture page aligns

  const StoredCrawl& crawl = stored;
  std::map<std::string, std::map<std::string, int>> roles_by_source_host;
  for (const auto& e : crawl.edges) ++roles_by_source_host[Host(e.source)][e.role];
  EXPECT_EQ(roles_by_source_host["www.lejournal.test"]["related"], 0);
  EXPECT_GT(roles_by_source_host["www.lejournal.test"]["footer"], 0);
  EXPECT_GT(roles_by_source_host["sport.lejournal.test"]["related"], 0);
  // Sport's related-only articles are still reached; www's are not.
  const fixture::NewsSite& site = server->site(false);
  // Articles linked only from "Articles liés" blocks (ground truth of the site).
  CanonicalOptions canonical;
  auto key = [&](const std::string& url) {
    auto parsed = ParseUrl(url);
    return parsed.ok() ? CanonicalKey(*parsed, canonical) : url;
  };
  std::set<std::string> related_targets, other_targets;
  for (const fixture::SitePage& page : site.AllPages()) {
    // HTML links only: sitemaps and feeds list every article.
    if (page.content_type.rfind("text/html", 0) != 0) continue;
    for (const fixture::SiteLink& link : page.links) {
      if (link.kind == fixture::LinkKind::kFeed) continue;  // <link rel="alternate">
      (link.kind == fixture::LinkKind::kRelated ? related_targets : other_targets)
          .insert(key(link.url));
    }
  }
  size_t www_related_only = 0, sport_related_only = 0, related_only = 0;
  for (const auto& url : related_targets) {
    if (other_targets.count(url)) continue;
    ++related_only;
    if (!crawl.fetched.count(url)) continue;
    (Host(url) == "www.lejournal.test" ? www_related_only : sport_related_only)++;
  }
  ASSERT_GT(related_only, 0u);
  EXPECT_EQ(www_related_only, 0u);
  EXPECT_GT(sport_related_only, 0u);
}

// `crawl` with `toml` as its config file, which must be a usage error
// (exit 2); returns its message.
std::string UsageErrorOfConfig(const std::string& toml) {
  TempDir dir;
  std::ofstream(dir / "bad.toml") << toml;
  std::string err;
  EXPECT_EQ(RunNewscrawl({"crawl", "--seed", "http://127.0.0.1:9/", "--store",
                          (dir / "store").string(), "--config", (dir / "bad.toml").string()},
                         nullptr, &err),
            2)
      << err;
  EXPECT_FALSE(std::filesystem::exists(dir / "store")) << "a refused config leaves no store";
  return err;
}

TEST(FollowPolicyUsage, InvalidRegexIsAUsageErrorNamingTheKey) {
  const std::string err = UsageErrorOfConfig("[crawl]\nexclude = [\"ok\", \"(unclosed\"]\n");
  EXPECT_NE(err.find("key 'crawl.exclude[1]': invalid regex '(unclosed'"), std::string::npos)
      << err;
}

TEST(FollowPolicyUsage, InvalidSiteSelectorIsAUsageErrorNamingTheKey) {
  const std::string err = UsageErrorOfConfig(
      "[[site]]\nhost = \"www.lejournal.test\"\nheadline = \"ul a\"\nrelated = \"section[\"\n");
  EXPECT_NE(err.find("key 'site[0].related': invalid CSS selector 'section['"), std::string::npos)
      << err;
}

}  // namespace
}  // namespace nc::testing
