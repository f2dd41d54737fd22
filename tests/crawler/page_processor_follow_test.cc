// The user's follow policy in PageProcessor: allow/deny hosts narrow the
// scope (external, reason scope), include/exclude regexes refuse with reason
// filter, after the role check, on links and redirects alike.

#include <gtest/gtest.h>

#include "crawler/page_processor.h"
#include "tests/crawler/page_processor_test_helpers.h"

namespace nc {
namespace {

class FollowPolicyTest : public PageProcessorFixture {};

TEST_F(FollowPolicyTest, DeniedHostIsExternalWithReasonScope) {
  config_.deny_hosts = {"*.forum.news.test"};
  PageProcessor p(config_, scope_);
  auto d = p.Decide(U("https://forum.news.test/t/1"), LinkRole::kHeadline, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.role, LinkRole::kExternal);
  EXPECT_EQ(d.reason, SkipReason::kScope);
  EXPECT_TRUE(p.Decide(U("https://sport.news.test/a"), LinkRole::kHeadline, 0, false).follow);
}

TEST_F(FollowPolicyTest, AllowHostsNarrowTheScopeButNeverWidenIt) {
  config_.allow_hosts = {"www.news.test", "*.other.test"};
  PageProcessor p(config_, scope_);
  EXPECT_TRUE(p.Decide(U("https://www.news.test/a"), LinkRole::kHeadline, 0, false).follow);
  EXPECT_EQ(p.Decide(U("https://sport.news.test/a"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kScope);
  // Allowed by the list, but outside seed-domains: scope still applies.
  EXPECT_EQ(p.Decide(U("https://www.other.test/a"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kScope);
}

TEST_F(FollowPolicyTest, RegexesRefuseWithReasonFilterAfterTheRoleCheck) {
  config_.include = {"/20[0-9]{2}/"};
  config_.exclude = {"/video/"};
  PageProcessor p(config_, scope_);
  EXPECT_TRUE(p.Decide(U("https://www.news.test/2024/a.html"), LinkRole::kHeadline, 0, false).follow);
  auto d = p.Decide(U("https://www.news.test/monde/"), LinkRole::kHeadline, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kFilter);
  EXPECT_EQ(d.role, LinkRole::kHeadline);  // the role is kept
  EXPECT_EQ(p.Decide(U("https://www.news.test/2024/video/x"), LinkRole::kRelated, 0, false).reason,
            SkipReason::kFilter);
  // A footer link is refused for its role first.
  EXPECT_EQ(p.Decide(U("https://www.news.test/legal"), LinkRole::kFooter, 0, false).reason,
            SkipReason::kRole);
}

TEST_F(FollowPolicyTest, RegexesSeeTheCanonicalUrl) {
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

TEST_F(FollowPolicyTest, RedirectsObeyHostListsAndRegexes) {
  config_.deny_hosts = {"ads.news.test"};
  config_.exclude = {"/login"};
  PageProcessor p(config_, scope_);
  FetchResult to_ads;
  to_ads.http_status = 302;
  to_ads.location = "https://ads.news.test/x";
  storage::PageRecord r = PageOf(p.Process(Context(), std::move(to_ads)));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kScope);
  FetchResult to_login;
  to_login.http_status = 302;
  to_login.location = "/login?next=/";
  r = PageOf(p.Process(Context(), std::move(to_login)));
  ASSERT_EQ(r.links.size(), 1u);
  EXPECT_FALSE(r.links[0].follow);
  EXPECT_EQ(r.links[0].reason, SkipReason::kFilter);
}

TEST(SkipReasonName, FilterIsNamed) {
  EXPECT_EQ(SkipReasonName(SkipReason::kFilter), "filter");
  EXPECT_EQ(SkipReasonName(static_cast<SkipReason>(9)), "unknown");
}

}  // namespace
}  // namespace nc
