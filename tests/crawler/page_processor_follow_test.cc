// The user's follow policy through PageProcessor::Process: include/exclude
// regexes see the canonical URL, and redirects obey host lists and regexes.
// The decision itself is tested in tests/frontier/follow_policy_test.cc.

#include <gtest/gtest.h>

#include "crawler/page_processor.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

class PageProcessorFollowTest : public PageProcessorFixture {};

TEST_F(PageProcessorFollowTest, RegexesSeeTheCanonicalUrl) {
  // Tracking parameters are stripped and the fragment dropped before matching.
  config_.exclude = {"utm_source", "#"};
  PageProcessor p(config_, scope_);
  FetchResult fetch;
  fetch.http_status = 200;
  fetch.content_type = "text/html";
  fetch.body = R"(<ul><li><a href="/2024/a.html?utm_source=x#top">Une longue histoire de grève</a></li></ul>)";
  storage::PageRecord r = PageOf(p.Process(Context(), std::move(fetch)));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_EQ(r.links[0].target, "https://www.news.test/2024/a.html");
  EXPECT_TRUE(r.links[0].follow);
}

TEST_F(PageProcessorFollowTest, RedirectsObeyHostListsAndRegexes) {
  config_.deny_hosts = {"ads.news.test"};
  config_.exclude = {"/login"};
  PageProcessor p(config_, scope_);
  storage::PageRecord r = PageOf(p.Process(Context(), Redirect("https://ads.news.test/x")));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kScope);
  r = PageOf(p.Process(Context(), Redirect("/login?next=/")));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kFilter);
}

}  // namespace
}  // namespace nc
