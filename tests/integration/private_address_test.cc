// The private-address guard end to end: a page on a --resolve'd fixture
// host links to http://localhost:PORT/, where another fixture server plays
// an internal service. "localhost" is not given with --resolve and resolves
// to 127.0.0.1 from /etc/hosts (nsswitch "files" first: no lookup leaves
// the machine), so the link is refused with reason private-address and the
// rest of the crawl goes on; --allow-private-networks lets it through.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/common/temp_dir.h"
#include "tests/integration/crawl_helpers.h"

namespace nc::testing {
namespace {

constexpr const char* kHost = "interne.lejournal.test";

struct Servers {
  std::unique_ptr<fixture::FixtureServer> internal;  // the service a page must not reach
  std::unique_ptr<fixture::FixtureServer> site;      // kHost links to internal
  std::string internal_url;
};

Servers StartServers(const TempDir& dir) {
  Servers s;
  auto internal = fixture::FixtureServer::Start(fixture::ServerOptions{}, dir / "internal-ca");
  EXPECT_TRUE(internal.ok());
  if (!internal.ok()) return s;
  s.internal = std::move(*internal);
  s.internal_url = "http://localhost:" + std::to_string(s.internal->port()) + "/admin";

  fixture::ServerOptions options;
  fixture::HostBehaviour host;
  host.host = kHost;
  host.articles = 2;
  host.homepage_links = {s.internal_url};
  options.behaviours = {host};
  auto site = fixture::FixtureServer::Start(options, dir / "site-ca");
  EXPECT_TRUE(site.ok());
  if (site.ok()) s.site = std::move(*site);
  return s;
}

std::vector<std::string> CrawlArgs(const Servers& s, const TempDir& dir) {
  std::vector<std::string> args = {
      "crawl",
      "--seed",
      "http://" + std::string(kHost) + ":" + std::to_string(s.site->port()) + "/",
      "--store",
      (dir / "store").string(),
      "--scope",
      "all",
      "--min-delay",
      "0",
      "-q"};
  AppendResolveArgs(*s.site, &args);
  return args;
}

std::string Base(const Servers& s) {
  return "http://" + std::string(kHost) + ":" + std::to_string(s.site->port());
}

TEST(PrivateAddress, LinkToAHostResolvingToLoopbackIsRefusedAndTheCrawlGoesOn) {
  TempDir dir;
  Servers s = StartServers(dir);
  ASSERT_TRUE(s.internal && s.site);
  std::string out, err;
  ASSERT_EQ(RunNewscrawl(CrawlArgs(s, dir), &out, &err), 0) << err;

  StoredCrawl crawl = ReadStore((dir / "store").string());
  EXPECT_TRUE(SameUrls(crawl.fetched,
                       {Base(s) + "/", Base(s) + "/article-1.html", Base(s) + "/article-2.html"}));
  EXPECT_TRUE(SameUrls(crawl.failed, {s.internal_url}));
  EXPECT_TRUE(crawl.robots_denied.empty());
  ASSERT_TRUE(crawl.pages.count(s.internal_url));
  EXPECT_EQ(crawl.pages.at(s.internal_url).error,
            "private-address: localhost:" + std::to_string(s.internal->port()) +
                " resolves only to non-public addresses: 127.0.0.1 (loopback)"
                " (allowed with --resolve for the host, or allow_private_networks)");
  EXPECT_TRUE(s.internal->Requests().empty()) << "the internal service was reached";
}

TEST(PrivateAddress, AllowPrivateNetworksFlagLetsTheLinkThrough) {
  TempDir dir;
  Servers s = StartServers(dir);
  ASSERT_TRUE(s.internal && s.site);
  std::vector<std::string> args = CrawlArgs(s, dir);
  args.push_back("--allow-private-networks");
  std::string out, err;
  ASSERT_EQ(RunNewscrawl(args, &out, &err), 0) << err;

  StoredCrawl crawl = ReadStore((dir / "store").string());
  EXPECT_TRUE(crawl.failed.empty());
  EXPECT_TRUE(crawl.fetched.count(s.internal_url));
  EXPECT_FALSE(s.internal->Requests().empty());
}

}  // namespace
}  // namespace nc::testing
