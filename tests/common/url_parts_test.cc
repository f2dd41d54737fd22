// common/url_parts.h: the slices the scheduler, the HTTP client and the URL
// resolver take from an absolute URL.
#include "common/url_parts.h"

#include <gtest/gtest.h>

namespace nc {
namespace {

TEST(SplitUrl, CutsSchemeAuthorityTargetAndFragment) {
  const UrlParts p = SplitUrl("https://user@News.Example:8443/a/b?q=1#frag");
  EXPECT_EQ(p.scheme, "https");
  EXPECT_EQ(p.authority, "user@News.Example:8443");
  EXPECT_EQ(p.origin, "https://user@News.Example:8443");
  EXPECT_EQ(p.target, "/a/b?q=1");
  EXPECT_EQ(p.fragment, "frag");
}

TEST(SplitUrl, QueryOrFragmentRightAfterTheAuthorityEndsIt) {
  EXPECT_EQ(SplitUrl("http://example.test?x").authority, "example.test");
  EXPECT_EQ(SplitUrl("http://example.test?x").target, "?x");
  EXPECT_EQ(SplitUrl("http://example.test#top").origin, "http://example.test");
  EXPECT_EQ(SplitUrl("http://example.test#top").target, "");
  EXPECT_EQ(SplitUrl("http://example.test#top").fragment, "top");
  EXPECT_EQ(SplitUrl("http://example.test").target, "");
}

TEST(SplitUrl, ALaterHashIsPartOfTheFragment) {
  const UrlParts p = SplitUrl("http://a.test/p#x#y");
  EXPECT_EQ(p.target, "/p");
  EXPECT_EQ(p.fragment, "x#y");
}

TEST(SplitUrl, WithoutSchemeTheAuthorityStartsTheText) {
  const UrlParts p = SplitUrl("a.test:80/p");
  EXPECT_EQ(p.scheme, "");
  EXPECT_EQ(p.authority, "a.test:80");
  EXPECT_EQ(p.target, "/p");
  EXPECT_EQ(SplitUrl("").origin, "");
}

TEST(SplitUrl, Ipv6LiteralStaysInTheAuthority) {
  const UrlParts p = SplitUrl("http://[::1]:8080/x");
  EXPECT_EQ(p.authority, "[::1]:8080");
  EXPECT_EQ(p.target, "/x");
}

}  // namespace
}  // namespace nc
