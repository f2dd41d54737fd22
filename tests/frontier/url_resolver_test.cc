// UrlResolver (frontier/url.h): a page's base read once, one Url reused for
// every link. It must give exactly what ResolveUrl gives, whatever the
// reused Url held before (a longer URL, another host, a failed href), and
// the plain-path shortcut must leave alone only paths that need no work.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "frontier/url.h"
#include "tests/frontier/url_test_helpers.h"

namespace nc {
namespace {

using testing::U;

// Relative and absolute references of every kind the resolver branches on.
const std::vector<std::string> kHrefs = {
    "",
    "?q=1",
    "#top",
    "?q=2#f",
    "/",
    "/sport/2026/04/16/un-titre-123.html",
    "/sport/?page=2",
    "article.html",
    "./article.html",
    "../monde/",
    "../../../../x",
    "/a/./b/../c",
    "/a/%2e/b/%2E%2e/c",
    "/a/.hidden/..b/c.",
    "/a\\b\\c",
    "/a b/<c>/{d}",
    "/caf\xC3\xA9",
    "/%zz/%7e",
    "  /trimmed  ",
    "/with\ttab\nand newline",
    "//cdn.example.test/img.png",
    "//CDN.Example.TEST:8080/x",
    "https://www.autre-media.test/a?b#c",
    "HTTP://www.lejournal.test/",
    "http:relative/path",
    "http://user:pass@host.test/p",
    "mailto:redaction@lejournal.test",
    "javascript:void(0)",
    "http://[::1]:81/",
    "http://0x7f.1/",
    "http://bad host/",
    "http://host.test:99999/",
    "/" + std::string(9000, 'a'),
    "?",
    "#",
};

void ExpectSame(const Result<Url>& want, const Status& got, const Url& got_url,
                const std::string& where) {
  ASSERT_EQ(want.ok(), got.ok()) << where;
  if (!want.ok()) {
    EXPECT_EQ(want.error().code, got.error().code) << where;
    return;
  }
  EXPECT_EQ(want->spec, got_url.spec) << where;
  EXPECT_EQ(want->scheme, got_url.scheme) << where;
  EXPECT_EQ(want->host, got_url.host) << where;
  EXPECT_EQ(want->port, got_url.port) << where;
  EXPECT_EQ(want->target, got_url.target) << where;
}

TEST(UrlResolver, ResolveIntoAReusedUrlEqualsResolveUrl) {
  for (const char* base_text :
       {"http://www.lejournal.test:8080/sport/2026/04/16/article.html?x=1#frag",
        "https://www.lejournal.test/", "http://user@h.test/a/b/", "https://h.test/a?q"}) {
    const Url base = U(base_text);
    const UrlResolver resolver(base);
    Url reused;
    // Twice over, so each href also meets what every other one left behind.
    for (int round = 0; round < 2; ++round) {
      for (const std::string& href : kHrefs) {
        const Status got = resolver.ResolveInto(href, reused);
        ExpectSame(ResolveUrl(base, href), got, reused, std::string(base_text) + " + " + href);
        const Result<Url> fresh = resolver.Resolve(href);
        ASSERT_EQ(fresh.ok(), got.ok()) << href;
        if (fresh.ok()) EXPECT_EQ(fresh->spec, reused.spec) << href;
      }
    }
  }
}

TEST(UrlResolver, AnInvalidBaseFailsEveryRelativeHref) {
  Url base;  // never parsed: no scheme, no spec
  const UrlResolver resolver(base);
  Url out;
  const Status relative = resolver.ResolveInto("/a", out);
  ASSERT_FALSE(relative.ok());
  EXPECT_EQ(relative.error().code, "url.invalid_base");
  EXPECT_TRUE(resolver.ResolveInto("https://h.test/a", out).ok());
  EXPECT_EQ(out.spec, "https://h.test/a");
}

// The shortcut for plain paths must not swallow dot segments (written or
// escaped), backslashes or bytes that need escaping.
TEST(UrlResolver, PathsThatNeedWorkStillGetIt) {
  const Url base = U("http://h.test/dir/page.html");
  const UrlResolver resolver(base);
  Url out;
  const std::pair<const char*, const char*> cases[] = {
      {"/a/b-c_d~e/f.html", "http://h.test/a/b-c_d~e/f.html"},
      {"/a/./b", "http://h.test/a/b"},
      {"/a/../b", "http://h.test/b"},
      {"/a/%2e/b", "http://h.test/a/b"},
      {"/a/%2E%2e/b", "http://h.test/b"},
      {"/a/.%2e/b", "http://h.test/b"},
      {"/a/.", "http://h.test/a/"},
      {"/a/..", "http://h.test/"},
      {"/a/.hidden/b", "http://h.test/a/.hidden/b"},
      {"/a/..b/c", "http://h.test/a/..b/c"},
      {"/a/%41b", "http://h.test/a/%41b"},
      {"/a\\b", "http://h.test/a/b"},
      {"/a b", "http://h.test/a%20b"},
      {"/a`{x}", "http://h.test/a%60%7Bx%7D"},
      {"/\xC3\xA9", "http://h.test/%C3%A9"},
      {"x/./y", "http://h.test/dir/x/y"},
      {"", "http://h.test/dir/page.html"},
  };
  for (const auto& [href, want] : cases) {
    ASSERT_TRUE(resolver.ResolveInto(href, out).ok()) << href;
    EXPECT_EQ(out.spec, want) << href;
  }
}

}  // namespace
}  // namespace nc
