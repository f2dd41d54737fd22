// End-to-end crawls of the fixture news site, over HTTP and over HTTPS: the
// exact set of fetched URLs, robots.txt, scope, stored bodies, anchor text,
// and politeness measured on the server side.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"
#include "tests/integration/shared_run_suite.h"

namespace nc::testing {
namespace {

constexpr double kMinDelay = 0.05;

std::string HostOf(const std::string& url) {
  auto start = url.find("://") + 3;
  auto end = url.find_first_of(":/", start);
  return url.substr(start, end - start);
}

std::string TargetOf(const std::string& url) {
  auto start = url.find('/', url.find("://") + 3);
  return start == std::string::npos ? "/" : url.substr(start);
}

// One crawl per scheme, shared by the tests of the suite (a crawl takes a few seconds).
std::unique_ptr<FixtureRun> RunOnce(bool tls) {
  auto run = std::make_unique<FixtureRun>();
  if (run->StartServer()) run->Crawl(run->Config(tls, kMinDelay));
  return run;
}

class FixtureCrawl : public SharedRunsSuite<bool, FixtureRun, ::testing::TestWithParam<bool>> {
 protected:
  FixtureRun& run() { return RunFor(GetParam(), RunOnce); }
  const fixture::NewsSite& site() { return run().server->site(GetParam()); }
};

TEST_P(FixtureCrawl, FetchesExactlyTheExpectedUrls) {
  ASSERT_TRUE(run().server);
  auto expected_list = site().ExpectedFetchedUrls({site().HomepageUrl("www.lejournal.test")});
  std::set<std::string> expected(expected_list.begin(), expected_list.end());
  EXPECT_TRUE(SameUrls(run().stored.fetched, expected));
  EXPECT_TRUE(run().stored.failed.empty());
  EXPECT_EQ(run().outcome.end, CrawlOutcome::End::kFinished);
}

TEST_P(FixtureCrawl, FetchesEachUrlOnceAndRobotsTxtFirst) {
  ASSERT_TRUE(run().server);
  std::map<std::string, int> requests_per_url;
  std::map<std::string, size_t> first_request_index;
  for (size_t i = 0; i < run().requests.size(); ++i) {
    const auto& r = run().requests[i];
    EXPECT_EQ(r.tls, GetParam()) << r.host << r.target;
    std::string key = r.host + r.target;
    ++requests_per_url[key];
    first_request_index.emplace(r.host, i);
  }
  for (const auto& [url, count] : requests_per_url) EXPECT_EQ(count, 1) << url;
  // The first request to each host is its robots.txt.
  for (const auto& [host, index] : first_request_index) {
    EXPECT_EQ(run().requests[index].target, "/robots.txt") << host;
  }
}

TEST_P(FixtureCrawl, NeverRequestsWhatRobotsTxtDisallows) {
  ASSERT_TRUE(run().server);
  auto disallowed = site().DisallowedLinkedUrls();
  ASSERT_FALSE(disallowed.empty());
  for (const auto& url : disallowed) {
    for (const auto& r : run().requests) {
      EXPECT_FALSE(r.host == HostOf(url) && r.target == TargetOf(url)) << url;
    }
    EXPECT_EQ(run().stored.fetched.count(url), 0u) << url;
  }
  // Disallowed URLs that were queued are recorded as robots-denied, not lost.
  EXPECT_FALSE(run().stored.robots_denied.empty());
  for (const auto& url : run().stored.robots_denied) {
    EXPECT_NE(std::find(disallowed.begin(), disallowed.end(), url), disallowed.end()) << url;
  }
}

TEST_P(FixtureCrawl, ContactsNoHostOutsideTheScope) {
  ASSERT_TRUE(run().server);
  auto in_scope = site().Hosts();
  for (const auto& r : run().requests) {
    EXPECT_NE(std::find(in_scope.begin(), in_scope.end(), r.host), in_scope.end()) << r.host;
  }
  for (const auto& [url, page] : run().stored.pages) {
    EXPECT_NE(std::find(in_scope.begin(), in_scope.end(), HostOf(url)), in_scope.end()) << url;
  }
  // Out-of-scope links are still edges, marked external and not followed.
  size_t external = 0;
  for (const auto& e : run().stored.edges) {
    auto outside = site().OutOfScopeHosts();
    if (std::find(outside.begin(), outside.end(), HostOf(e.target)) == outside.end()) continue;
    ++external;
    EXPECT_EQ(e.role, "external") << e.target;
    EXPECT_FALSE(e.followed) << e.target;
  }
  EXPECT_GT(external, 0u);
}

TEST_P(FixtureCrawl, StoresBodiesExactlyAsServed) {
  ASSERT_TRUE(run().server);
  ASSERT_FALSE(run().stored.fetched.empty());
  for (const auto& url : run().stored.fetched) {
    const auto& page = run().stored.pages.at(url);
    auto served = site().Get(HostOf(url), TargetOf(url));
    EXPECT_EQ(page.http_status, served.status) << url;
    EXPECT_TRUE(page.body == served.body) << url << ": stored " << page.body.size()
                                          << " bytes, served " << served.body.size();
  }
}

// Issue 17: `cat --article` of a crawled article prints the seed document's
// layout: the date line, the paragraphs, the related headlines.
TEST_P(FixtureCrawl, CatArticlePrintsTheSeedLayout) {
  ASSERT_TRUE(run().server);
  size_t checked = 0;
  for (const fixture::ArticleTruth& truth : site().ArticleTruths()) {
    if (!run().stored.pages.contains(truth.url) || ++checked > 3) continue;
    std::string expected = truth.date_label + "\n";
    for (const std::string& p : truth.paragraphs) expected += p + "\n";
    for (const fixture::SiteLink& r : truth.related) expected += r.anchor_text + "\n";
    std::string out, err;
    ASSERT_EQ(RunNewscrawl({"cat", "--article", "--store", run().store, truth.url}, &out, &err), 0)
        << err;
    EXPECT_EQ(out, expected) << truth.url;
  }
  EXPECT_GT(checked, 0u);
}

// Issue 17: the crawl stores the article of every fixture article page it
// fetched, exactly (title, date line, paragraphs, "Articles liés"), once,
// and no article for the homepages, section pages, feeds.
TEST_P(FixtureCrawl, StoresEveryFetchedArticleExactly) {
  ASSERT_TRUE(run().server);
  const StoredCrawl& stored = run().stored;
  size_t checked = 0;
  std::set<std::string> article_urls;
  for (const fixture::ArticleTruth& truth : site().ArticleTruths()) {
    article_urls.insert(truth.url);
    if (!stored.fetched.contains(truth.url)) continue;
    SCOPED_TRACE(truth.url);
    ++checked;
    auto it = stored.articles.find(truth.url);
    ASSERT_NE(it, stored.articles.end());
    const Article& a = it->second;
    EXPECT_EQ(a.title, truth.title);
    EXPECT_EQ(a.date_line, truth.date_label);
    EXPECT_EQ(a.paragraphs, truth.paragraphs);
    ASSERT_TRUE(a.published.has_value());
    EXPECT_EQ(a.published->time.Iso(), truth.published);
    ASSERT_EQ(a.related.size(), truth.related.size());
    for (size_t i = 0; i < truth.related.size(); ++i) {
      EXPECT_EQ(a.related[i].title, truth.related[i].anchor_text);
      EXPECT_EQ(a.related[i].url, truth.related[i].url);
    }
  }
  EXPECT_GT(checked, 20u);
  EXPECT_EQ(stored.articles.size(), checked);
  EXPECT_EQ(stored.article_entries, checked);
  for (const auto& [url, article] : stored.articles) {
    EXPECT_TRUE(article_urls.contains(url)) << url << " is no article page";
  }
}

// `export --format articles`: one JSON object per stored article, each line
// loaded by Python's json module; --host keeps one host's articles.
TEST_P(FixtureCrawl, ExportArticlesWritesJsonLinesPythonLoads) {
  ASSERT_TRUE(run().server);
  const std::string store = run().store;
  const std::string out_file = (run().dir / (GetParam() ? "articles_tls.jsonl" : "articles.jsonl")).string();
  std::string err;
  ASSERT_EQ(RunNewscrawl({"export", "--format", "articles", "--store", store, "--out", out_file},
                         nullptr, &err),
            0)
      << err;
  const std::string check = "python3 -c 'import json,sys\n"
                            "n=0\n"
                            "for line in open(sys.argv[1], encoding=\"utf-8\"):\n"
                            "    a=json.loads(line)\n"
                            "    assert a[\"title\"] and a[\"paragraphs\"] and a[\"url\"], a\n"
                            "    assert isinstance(a[\"fetched_ms\"], int)\n"
                            "    n+=1\n"
                            "print(n)' " + out_file;
  std::string count;
  ASSERT_EQ(RunShell(check, &count), 0) << "python could not load " << out_file;
  ASSERT_FALSE(count.empty());
  EXPECT_EQ(std::stoul(count), run().stored.articles.size());

  std::string sport;
  ASSERT_EQ(RunNewscrawl({"export", "--format", "articles", "--store", store, "--host",
                          "sport.lejournal.test"},
                         &sport, &err),
            0)
      << err;
  size_t sport_articles = 0;
  for (const auto& [url, article] : run().stored.articles) {
    if (url.find("://sport.lejournal.test") != std::string::npos) ++sport_articles;
  }
  EXPECT_GT(sport_articles, 0u);
  EXPECT_EQ(static_cast<size_t>(std::count(sport.begin(), sport.end(), '\n')), sport_articles);
  EXPECT_EQ(RunNewscrawl({"export", "--format", "articles", "--store", store, "--by-host"},
                         nullptr, &err),
            2);
}

TEST_P(FixtureCrawl, EdgesCarryAnchorTextAndRoles) {
  ASSERT_TRUE(run().server);
  const std::string home = site().HomepageUrl("www.lejournal.test");
  auto page = site().Get("www.lejournal.test", "/");
  size_t checked = 0;
  for (const auto& link : page.links) {
    if (link.kind != fixture::LinkKind::kHeadline) continue;
    bool found = false;
    for (const auto& e : run().stored.edges) {
      if (e.source == home && e.anchor == link.anchor_text) {
        found = true;
        EXPECT_EQ(e.role, "headline") << link.anchor_text;
      }
    }
    EXPECT_TRUE(found) << "no edge from the homepage with anchor text '" << link.anchor_text << "'";
    ++checked;
  }
  EXPECT_GT(checked, 3u);
  // Related blocks on articles give related edges.
  EXPECT_TRUE(std::any_of(run().stored.edges.begin(), run().stored.edges.end(),
                          [](const auto& e) { return e.role == "related" && e.followed; }));
}

// Requests to one host never overlap, and each starts at least min-delay
// after the previous response to that host — measured by the server. The
// server cannot see when the client read the last byte; the moment it began
// writing the response is the latest instant it knows to be earlier, so
// that is the bound checked.
TEST_P(FixtureCrawl, SpacesRequestsToEachHostByMinDelay) {
  ASSERT_TRUE(run().server);
  std::map<std::string, std::vector<fixture::RequestRecord>> by_host;
  for (const auto& r : run().requests) by_host[r.host].push_back(r);
  ASSERT_GE(by_host.size(), 2u);
  const auto min_delay = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(kMinDelay));
  for (auto& [host, records] : by_host) {
    std::sort(records.begin(), records.end(),
              [](const auto& a, const auto& b) { return a.started < b.started; });
    for (size_t i = 1; i < records.size(); ++i) {
      EXPECT_GE(records[i].started - records[i - 1].responding, min_delay)
          << host << ": " << records[i - 1].target << " then " << records[i].target;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(OverHttpAndHttps, FixtureCrawl, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "Https" : "Http"; });

}  // namespace
}  // namespace nc::testing
