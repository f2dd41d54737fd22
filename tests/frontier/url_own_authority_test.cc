// UrlResolver's shortcut for absolute links to the page's own site (session
// 11, issue 16): an href whose authority is written exactly as the base's
// spec writes it, with the base's scheme, takes the base's host and port
// instead of parsing them again. It must give what parsing the href alone
// gives, and must not be taken when the bytes differ in any way that
// parsing would see (another scheme, a written default port, case, escapes,
// userinfo, a trailing dot).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "frontier/url.h"

namespace nc {
namespace {

// What the href is on its own: an absolute URL parsed with no base (the
// scheme-relative ones take the base's scheme first).
Result<Url> Alone(const Url& base, const std::string& href) {
  return ParseUrl(href.starts_with("//") ? base.scheme + ":" + href : href);
}

TEST(UrlOwnAuthority, AbsoluteLinksToTheBasesSiteResolveAsParsedAlone) {
  const std::vector<std::string> bases = {
      "http://www.lejournal.test:8080/monde/article.html?x=1#f",
      "https://www.lejournal.test/",
      "http://www.lejournal.test/",
      "http://127.0.0.1:9090/a/b",
      "http://[::1]:81/",
      "https://xn--caf-dma.test/",
      "http://user:pass@www.lejournal.test:8080/p",
  };
  for (const std::string& base_text : bases) {
    auto base = ParseUrl(base_text);
    ASSERT_TRUE(base.ok()) << base_text;
    const std::string origin = base->spec.substr(0, base->spec.find('/', base->scheme.size() + 3));
    const std::string authority = origin.substr(base->scheme.size() + 3);
    const std::string other_scheme = base->https() ? "http" : "https";
    const std::vector<std::string> hrefs = {
        origin,
        origin + "/",
        origin + "/sport/2026/04/16/un-titre-123.html",
        origin + "?q=1",
        origin + "#top",
        origin + "\\a\\b",
        origin + "/a/../b/./c",
        origin + "/a b",
        "//" + authority + "/x?y#z",
        "//" + authority,
        "///" + authority + "/x",
        other_scheme + "://" + authority + "/x",  // another scheme: another default port
        base->scheme + "://" + authority + "./x",
        base->scheme + "://" + authority + ":80/x",
        base->scheme + "://" + authority + ":443/x",
        base->scheme + "://WWW." + authority + "/x",
        base->scheme + "://" + authority.substr(0, authority.size() - 1) + "/x",
        base->scheme + "://%77" + authority + "/x",
        base->scheme + "://u@" + authority + "/x",
        base->scheme + "://u:p@" + authority + "/x",
    };
    const UrlResolver resolver(*base);
    Url reused;
    for (const std::string& href : hrefs) {
      const std::string where = base_text + " + " + href;
      const Result<Url> want = Alone(*base, href);
      const Status got = resolver.ResolveInto(href, reused);
      ASSERT_EQ(want.ok(), got.ok()) << where;
      if (!want.ok()) continue;
      EXPECT_EQ(want->spec, reused.spec) << where;
      EXPECT_EQ(want->scheme, reused.scheme) << where;
      EXPECT_EQ(want->host, reused.host) << where;
      EXPECT_EQ(want->port, reused.port) << where;
      EXPECT_EQ(want->target, reused.target) << where;
    }
  }
}

}  // namespace
}  // namespace nc
