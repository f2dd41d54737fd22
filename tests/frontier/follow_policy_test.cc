// FollowPolicy: every reason a link is not followed, each shown failing and
// passing, in the order the policy checks them; redirects; and the
// commit-time half (invalid host key, per-host cap) against a fake frontier.

#include "frontier/follow_policy.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "config/crawl_config.h"
#include "frontier/scope.h"
#include "frontier/url.h"
#include "tests/common/enum_names.h"
#include "tests/frontier/url_test_helpers.h"

namespace nc {
namespace {

using testing::U;

// A default config and a seed-domains scope around https://www.news.test/.
class FollowPolicyTest : public ::testing::Test {
 protected:
  FollowPolicyTest() : scope_({U("https://www.news.test/")}, ScopeMode::kSeedDomains) {}

  FollowPolicy Policy() const {
    auto policy = FollowPolicy::Create(config_, scope_);
    EXPECT_TRUE(policy.ok()) << policy.error().message;
    return std::move(*policy);
  }

  CrawlConfig config_;
  CrawlScope scope_;
};

TEST_F(FollowPolicyTest, FollowsHeadlinesAndRelatedNotFooters) {
  const FollowPolicy p = Policy();
  auto d = p.ForLink(U("https://www.news.test/a.html"), LinkRole::kHeadline, 0, false);
  EXPECT_TRUE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kNone);
  EXPECT_EQ(d.role, LinkRole::kHeadline);
  d = p.ForLink(U("https://sport.news.test/a.html"), LinkRole::kRelated, 3, false);
  EXPECT_TRUE(d.follow);
  d = p.ForLink(U("https://www.news.test/legal"), LinkRole::kFooter, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kRole);
  EXPECT_EQ(d.role, LinkRole::kFooter);
}

TEST_F(FollowPolicyTest, FollowRolesComeFromTheConfig) {
  config_.follow_roles = {"footer"};
  const FollowPolicy p = Policy();
  EXPECT_TRUE(p.ForLink(U("https://www.news.test/legal"), LinkRole::kFooter, 0, false).follow);
  EXPECT_EQ(p.ForLink(U("https://www.news.test/a"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kRole);
}

TEST_F(FollowPolicyTest, OutOfScopeBecomesExternal) {
  const FollowPolicy p = Policy();
  auto d = p.ForLink(U("https://social.test/share"), LinkRole::kHeadline, 0, false);
  EXPECT_EQ(d.role, LinkRole::kExternal);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kScope);
}

TEST_F(FollowPolicyTest, ScopeIsCheckedBeforeTheRole) {
  const FollowPolicy p = Policy();
  EXPECT_EQ(p.ForLink(U("https://social.test/legal"), LinkRole::kFooter, 0, true).reason,
            SkipReason::kScope);
}

TEST_F(FollowPolicyTest, NavFollowedOnlyNearTheSeed) {
  const FollowPolicy p = Policy();  // section_depth = 1
  EXPECT_TRUE(p.ForLink(U("https://www.news.test/monde/"), LinkRole::kNav, 0, false).follow);
  auto d = p.ForLink(U("https://www.news.test/monde/"), LinkRole::kNav, 1, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kRole);
}

TEST_F(FollowPolicyTest, NofollowAndDepthLimitAreReasons) {
  config_.max_depth = 2;
  const FollowPolicy p = Policy();
  EXPECT_EQ(p.ForLink(U("https://www.news.test/a"), LinkRole::kHeadline, 0, true).reason,
            SkipReason::kNofollow);
  EXPECT_EQ(p.ForLink(U("https://www.news.test/a"), LinkRole::kHeadline, 2, false).reason,
            SkipReason::kLimit);
  EXPECT_TRUE(p.ForLink(U("https://www.news.test/a"), LinkRole::kHeadline, 1, false).follow);
}

TEST_F(FollowPolicyTest, NoDepthLimitByDefault) {
  const FollowPolicy p = Policy();  // max_depth = 0
  EXPECT_TRUE(p.ForLink(U("https://www.news.test/a"), LinkRole::kHeadline, 1000, false).follow);
}

TEST_F(FollowPolicyTest, DeniedHostIsExternalWithReasonScope) {
  config_.deny_hosts = {"*.forum.news.test"};
  const FollowPolicy p = Policy();
  auto d = p.ForLink(U("https://forum.news.test/t/1"), LinkRole::kHeadline, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.role, LinkRole::kExternal);
  EXPECT_EQ(d.reason, SkipReason::kScope);
  EXPECT_TRUE(p.ForLink(U("https://sport.news.test/a"), LinkRole::kHeadline, 0, false).follow);
}

TEST_F(FollowPolicyTest, AllowHostsNarrowTheScopeButNeverWidenIt) {
  config_.allow_hosts = {"www.news.test", "*.other.test"};
  const FollowPolicy p = Policy();
  EXPECT_TRUE(p.ForLink(U("https://www.news.test/a"), LinkRole::kHeadline, 0, false).follow);
  EXPECT_EQ(p.ForLink(U("https://sport.news.test/a"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kScope);
  // Allowed by the list, but outside seed-domains: scope still applies.
  EXPECT_EQ(p.ForLink(U("https://www.other.test/a"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kScope);
}

TEST_F(FollowPolicyTest, RegexesRefuseWithReasonFilterAfterTheRoleCheck) {
  config_.include = {"/20[0-9]{2}/"};
  config_.exclude = {"/video/"};
  const FollowPolicy p = Policy();
  EXPECT_TRUE(
      p.ForLink(U("https://www.news.test/2024/a.html"), LinkRole::kHeadline, 0, false).follow);
  auto d = p.ForLink(U("https://www.news.test/monde/"), LinkRole::kHeadline, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kFilter);
  EXPECT_EQ(d.role, LinkRole::kHeadline);  // the role is kept
  EXPECT_EQ(
      p.ForLink(U("https://www.news.test/2024/video/x"), LinkRole::kRelated, 0, false).reason,
      SkipReason::kFilter);
  // A footer link is refused for its role first.
  EXPECT_EQ(p.ForLink(U("https://www.news.test/legal"), LinkRole::kFooter, 0, false).reason,
            SkipReason::kRole);
}

TEST_F(FollowPolicyTest, RegexesMatchTheCanonicalKeyGiven) {
  config_.exclude = {"utm_source"};
  const FollowPolicy p = Policy();
  const Url target = U("https://www.news.test/a.html?utm_source=x");
  EXPECT_EQ(p.ForLink(target, target.spec, LinkRole::kHeadline, 0, false).reason,
            SkipReason::kFilter);
  // Without a key, the policy computes it: tracking parameters stripped.
  EXPECT_TRUE(p.ForLink(target, LinkRole::kHeadline, 0, false).follow);
}

TEST_F(FollowPolicyTest, BadRegexIsAnErrorNamingTheKey) {
  config_.include = {"(a"};
  auto policy = FollowPolicy::Create(config_, scope_);
  ASSERT_FALSE(policy.ok());
  EXPECT_NE(policy.error().message.find("crawl.include[0]"), std::string::npos)
      << policy.error().message;
}

// ---- trap guards ----

TEST_F(FollowPolicyTest, RepeatedPathSegmentsAreATrap) {
  const FollowPolicy p = Policy();
  for (const char* url : {"https://www.news.test/a/b/a/b/a/b", "https://www.news.test/x/x/x",
                          "https://www.news.test/cal/2024/cal/05/cal/"}) {
    auto d = p.ForLink(U(url), LinkRole::kHeadline, 0, false);
    EXPECT_FALSE(d.follow) << url;
    EXPECT_EQ(d.reason, SkipReason::kTrap) << url;
    EXPECT_TRUE(HasRepeatedPathSegments(U(url))) << url;
  }
  // Twice is ordinary ("/2024/01/01/"), and so is a repeat in the query.
  for (const char* url : {"https://www.news.test/2024/01/01/a.html",
                          "https://www.news.test/a/b?x=/a/a/a"}) {
    EXPECT_TRUE(p.ForLink(U(url), LinkRole::kHeadline, 0, false).follow) << url;
  }
}

TEST_F(FollowPolicyTest, TooManyQueryParametersAreATrap) {
  const FollowPolicy p = Policy();
  std::string url = "https://www.news.test/search?";
  for (size_t i = 0; i < kMaxQueryParams; ++i) url += "f" + std::to_string(i) + "=1&";
  EXPECT_TRUE(p.ForLink(U(url), LinkRole::kHeadline, 0, false).follow);  // 16 is fine
  EXPECT_FALSE(HasTooManyQueryParams(U(url)));
  url += "f16=1";
  auto d = p.ForLink(U(url), LinkRole::kHeadline, 0, false);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kTrap);
  EXPECT_TRUE(HasTooManyQueryParams(U(url)));
}

TEST_F(FollowPolicyTest, OverlongUrlIsATrap) {
  const FollowPolicy p = Policy();
  const std::string base = "https://www.news.test/";
  const std::string longest = base + std::string(kMaxFollowedUrlLength - base.size(), 'a');
  EXPECT_TRUE(p.ForLink(U(longest), LinkRole::kHeadline, 0, false).follow);
  EXPECT_EQ(p.ForLink(U(longest + "a"), LinkRole::kHeadline, 0, false).reason,
            SkipReason::kTrap);
}

TEST_F(FollowPolicyTest, FeedRoleStillObeysScopeAndLimits) {
  config_.max_depth = 1;
  config_.follow_roles = {"headline"};  // feeds are wanted whatever follow_roles says
  const FollowPolicy p = Policy();
  EXPECT_TRUE(p.ForLink(U("https://www.news.test/rss.xml"), LinkRole::kFeed, 0, false).follow);
  EXPECT_EQ(p.ForLink(U("https://www.news.test/rss.xml"), LinkRole::kFeed, 1, false).reason,
            SkipReason::kLimit);
  EXPECT_EQ(p.ForLink(U("https://other.test/rss.xml"), LinkRole::kFeed, 0, false).reason,
            SkipReason::kScope);
}

// ---- redirects ----

TEST_F(FollowPolicyTest, RedirectsObeyScopeHostListsRegexesAndTheHopLimit) {
  config_.deny_hosts = {"ads.news.test"};
  config_.exclude = {"/login"};
  config_.max_redirects = 2;
  const FollowPolicy p = Policy();
  auto redirect = [&p](const std::string& url, uint32_t hops) {
    const Url target = U(url);
    return p.ForRedirect(target, CanonicalKey(target, CanonicalOptions()), hops);
  };
  auto d = redirect("https://www.news.test/moved", 2);
  EXPECT_TRUE(d.follow);
  EXPECT_EQ(d.role, LinkRole::kRedirect);
  d = redirect("https://www.news.test/moved", 3);
  EXPECT_FALSE(d.follow);
  EXPECT_EQ(d.reason, SkipReason::kLimit);
  d = redirect("https://ads.news.test/x", 1);
  EXPECT_EQ(d.reason, SkipReason::kScope);
  EXPECT_EQ(d.role, LinkRole::kRedirect);  // a redirect stays one, even out of scope
  EXPECT_EQ(redirect("https://social.test/x", 1).reason, SkipReason::kScope);
  EXPECT_EQ(redirect("https://www.news.test/login?next=/", 1).reason, SkipReason::kFilter);
}

// ---- commit-time half ----

// A frontier that refuses host keys with a '!' and counts admissions per host.
class FakeFrontier : public FrontierFacts {
 public:
  bool HostKeyFits(std::string_view host_key) const override {
    return !host_key.empty() && host_key.find('!') == std::string_view::npos;
  }
  Result<uint64_t> AdmittedUrls(std::string_view host_key) override {
    ++lookups;
    if (fail) return MakeError("store.io", "disk on fire");
    return admitted[std::string(host_key)];
  }

  std::map<std::string, uint64_t> admitted;
  int lookups = 0;
  bool fail = false;
};

TEST(AdmitFollowedLink, NewTargetUnderTheCapIsEnqueued) {
  FakeFrontier frontier;
  frontier.admitted["a.test"] = 2;
  auto a = AdmitFollowedLink("a.test", /*queued_or_done=*/false, /*max_urls_per_host=*/3, frontier);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->follow);
  EXPECT_TRUE(a->enqueue);
  EXPECT_EQ(a->reason, SkipReason::kNone);
}

TEST(AdmitFollowedLink, HostAtTheCapIsRefusedWithReasonLimit) {
  FakeFrontier frontier;
  frontier.admitted["a.test"] = 3;
  auto a = AdmitFollowedLink("a.test", false, 3, frontier);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->follow);
  EXPECT_FALSE(a->enqueue);
  EXPECT_EQ(a->reason, SkipReason::kLimit);
  // No cap: any count is admitted.
  a = AdmitFollowedLink("a.test", false, 0, frontier);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->enqueue);
}

TEST(AdmitFollowedLink, KnownTargetStaysFollowedWithoutCountingAgainstTheCap) {
  FakeFrontier frontier;
  frontier.admitted["a.test"] = 3;
  auto a = AdmitFollowedLink("a.test", /*queued_or_done=*/true, 3, frontier);
  ASSERT_TRUE(a.ok());
  EXPECT_TRUE(a->follow);
  EXPECT_FALSE(a->enqueue);
  EXPECT_EQ(a->reason, SkipReason::kNone);
  EXPECT_EQ(frontier.lookups, 0);
}

TEST(AdmitFollowedLink, HostKeyTheFrontierCannotHoldIsInvalid) {
  FakeFrontier frontier;
  for (bool queued_or_done : {false, true}) {
    auto a = AdmitFollowedLink("bad!key", queued_or_done, 0, frontier);
    ASSERT_TRUE(a.ok());
    EXPECT_FALSE(a->follow);
    EXPECT_FALSE(a->enqueue);
    EXPECT_EQ(a->reason, SkipReason::kInvalid);
  }
}

TEST(AdmitFollowedLink, StorageErrorsArePassedOn) {
  FakeFrontier frontier;
  frontier.fail = true;
  auto a = AdmitFollowedLink("a.test", false, 3, frontier);
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.error().code, "store.io");
}

TEST(SkipReasonName, TheStoredAndExportedNamesDoNotChange) {
  testing::ExpectNamesInValueOrder<SkipReason>(
      SkipReasonName,
      {"", "role", "scope", "robots", "nofollow", "trap", "limit", "invalid", "filter"});
  EXPECT_EQ(SkipReasonName(static_cast<SkipReason>(9)), "unknown");
}

}  // namespace
}  // namespace nc
