// Userinfo ("user:pass@"): parsed and serialized as WHATWG does, kept in
// Url::spec, and never in what the crawler sends or stores (frontier/url.h).
#include <gtest/gtest.h>

#include <string>

#include "frontier/url.h"
#include "tests/frontier/url_test_helpers.h"

namespace nc {
namespace {

using testing::U;

struct UserinfoCase {
  const char* name;
  const char* input;
  const char* spec;  // the WHATWG href
};

void PrintTo(const UserinfoCase& c, std::ostream* os) { *os << c.name; }

class UserinfoSpecTest : public ::testing::TestWithParam<UserinfoCase> {};

TEST_P(UserinfoSpecTest, SerializedAsWhatwgDoes) {
  const UserinfoCase& c = GetParam();
  auto url = ParseUrl(c.input);
  ASSERT_TRUE(url.ok()) << url.error().message;
  EXPECT_EQ(url->spec, c.spec);
  // The spec is a fixed point, as every href is.
  auto again = ParseUrl(url->spec);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->spec, url->spec);
}

INSTANTIATE_TEST_SUITE_P(
    All, UserinfoSpecTest,
    ::testing::Values(
        UserinfoCase{"UserAndPassword", "http://user:pw@example.com/a",
                     "http://user:pw@example.com/a"},
        UserinfoCase{"UserOnly", "https://user@example.com", "https://user@example.com/"},
        UserinfoCase{"EmptyPasswordDropsItsColon", "http://user:@example.com/",
                     "http://user@example.com/"},
        UserinfoCase{"EmptyUserKeepsTheColon", "http://:pw@example.com/",
                     "http://:pw@example.com/"},
        UserinfoCase{"BothEmptyWriteNothing", "http://:@example.com/", "http://example.com/"},
        UserinfoCase{"LoneAtWritesNothing", "http://@example.com/", "http://example.com/"},
        UserinfoCase{"EarlierAtIsEncoded", "http://a@b@example.com/",
                     "http://a%40b@example.com/"},
        UserinfoCase{"LaterColonIsEncoded", "http://::@c@d:2", "http://:%3A%40c@d:2/"},
        UserinfoCase{"UserinfoSetEncoded", "http://a b;c=d[e]^|:x\"y<z>`{}@example.com/",
                     "http://a%20b%3Bc%3Dd%5Be%5D%5E%7C:x%22y%3Cz%3E%60%7B%7D@example.com/"},
        UserinfoCase{"EscapesKeptAsWritten", "http://%25u%zz:%7e@example.com/",
                     "http://%25u%zz:%7e@example.com/"},
        UserinfoCase{"NonAsciiEncoded", "http://\xc3\xa9@example.com/",
                     "http://%C3%A9@example.com/"},
        UserinfoCase{"WithPortAndIpv6", "http://u:p@[::1]:8080/x", "http://u:p@[::1]:8080/x"},
        UserinfoCase{"BackslashEndsTheAuthority", "http://a:b@c\\d", "http://a:b@c/d"}),
    [](const ::testing::TestParamInfo<UserinfoCase>& info) { return info.param.name; });

TEST(UserinfoTest, NeverInHostTargetOrOrigin) {
  const Url url = U("https://user:secret@News.Example:8443/a?b=c#frag");
  EXPECT_EQ(url.host, "news.example");
  EXPECT_EQ(url.port, 8443);
  EXPECT_EQ(url.target, "/a?b=c");
  EXPECT_EQ(Origin(url), "https://news.example:8443");
  EXPECT_EQ(HostKey(url), "news.example");
}

TEST(UserinfoTest, CanonicalKeyDropsIt) {
  const CanonicalOptions options;
  EXPECT_EQ(CanonicalKey(U("http://user:secret@example.com/a?utm_source=x&id=1#f"), options),
            "http://example.com/a?id=1");
  EXPECT_EQ(CanonicalKey(U("http://user:secret@example.com/a"), options), "http://example.com/a");
  // One URL, one key, whatever credentials a page wrote into it.
  const std::string key = CanonicalKey(U("http://x.test/"), options);
  EXPECT_EQ(CanonicalKey(U("http://a@x.test/"), options), key);
  EXPECT_EQ(CanonicalKey(U("http://a:b@x.test/"), options), key);
  EXPECT_EQ(CanonicalKey(U("http://a%40b:c@x.test/"), options), key);
  // An '@' in the path or query is not userinfo.
  EXPECT_EQ(CanonicalKey(U("http://x.test/@me?to=a@b"), options), "http://x.test/@me?to=a@b");
}

TEST(UserinfoTest, SpecWithoutUserinfoKeepsEverythingElse) {
  EXPECT_EQ(SpecWithoutUserinfo(U("http://u:p@example.com:81/a?q=1#frag")),
            "http://example.com:81/a?q=1#frag");
  EXPECT_EQ(SpecWithoutUserinfo(U("http://example.com/@x#@y")), "http://example.com/@x#@y");
}

TEST(UserinfoTest, RelativeReferencesKeepTheBaseUserinfoAsWhatwgDoes) {
  const Url base = U("http://u:p@example.com/dir/page?x#y");
  auto relative = ResolveUrl(base, "other?z");
  ASSERT_TRUE(relative.ok());
  EXPECT_EQ(relative->spec, "http://u:p@example.com/dir/other?z");
  EXPECT_EQ(relative->target, "/dir/other?z");
  EXPECT_EQ(CanonicalKey(*relative, CanonicalOptions{}), "http://example.com/dir/other?z");
  auto fragment = ResolveUrl(base, "#top");
  ASSERT_TRUE(fragment.ok());
  EXPECT_EQ(fragment->spec, "http://u:p@example.com/dir/page?x#top");
  // A new authority brings its own userinfo, or none.
  auto other = ResolveUrl(base, "//other.test/a");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->spec, "http://other.test/a");
}

TEST(UserinfoTest, EmptyHostAfterUserinfoFails) {
  for (const char* input : {"http://user@/www.example.com", "http://u:p@", "http://@/x"}) {
    auto url = ParseUrl(input);
    ASSERT_FALSE(url.ok()) << input << " gave " << url->spec;
    EXPECT_EQ(url.error().code, "url.invalid_host") << input;
  }
}

}  // namespace
}  // namespace nc
