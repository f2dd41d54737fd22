// Link extraction against the fixture news site, whose generator records
// what kind of link its author meant for every <a href> it writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "crawler/extract/html_links.h"
#include "fixture/news_site.h"

namespace nc {
namespace {

using fixture::LinkKind;

// Roles the extractor may give each intended kind. Where two are allowed the
// structure says one thing and the author's intent another: a social link in
// the header menu is structurally nav, an ad inside <footer> is footer, a
// section title link in an <h2> is a headline by the heading rule. (Social
// and ad links leave the crawl scope, so the crawler calls them external.)
std::vector<LinkRole> AllowedRoles(LinkKind kind) {
  switch (kind) {
    case LinkKind::kHeadline:
      return {LinkRole::kHeadline};
    case LinkKind::kRelated:
      return {LinkRole::kRelated};
    case LinkKind::kNav:
      return {LinkRole::kNav, LinkRole::kHeadline};
    case LinkKind::kFooter:
      return {LinkRole::kFooter};
    case LinkKind::kSocial:
      return {LinkRole::kFooter, LinkRole::kNav};
    case LinkKind::kInBody:
      return {LinkRole::kOther};
    case LinkKind::kOther:
      return {LinkRole::kOther, LinkRole::kFooter};
    case LinkKind::kFeed:  // <link rel="alternate">: feed_hrefs, not links
      return {};
  }
  return {};
}

TEST(ExtractLinksFixtureTest, EveryLinkOfEveryPageMatchesAuthorIntent) {
  const fixture::NewsSite site{fixture::SiteOptions{}};
  size_t checked = 0;
  size_t headline_or_related = 0;
  size_t feeds = 0;
  for (const fixture::SitePage& page : site.AllPages()) {
    // robots.txt, sitemaps and feeds: tests/crawler/feed_parser_fixture_test.cc.
    if (page.content_type.rfind("text/html", 0) != 0) continue;
    SCOPED_TRACE(page.url);
    const PageLinks got = ExtractLinks(page.body);
    std::vector<fixture::SiteLink> anchors;
    std::vector<std::string> feed_hrefs;
    for (const fixture::SiteLink& link : page.links) {
      if (link.kind == LinkKind::kFeed) {
        feed_hrefs.push_back(link.href);
      } else {
        anchors.push_back(link);
      }
    }
    EXPECT_EQ(got.feed_hrefs, feed_hrefs);
    feeds += feed_hrefs.size();
    ASSERT_EQ(got.links.size(), anchors.size());
    for (size_t i = 0; i < got.links.size(); ++i) {
      const fixture::SiteLink& want = anchors[i];
      SCOPED_TRACE(want.href);
      EXPECT_EQ(got.links[i].anchor_text, want.anchor_text);
      const std::vector<LinkRole> allowed = AllowedRoles(want.kind);
      EXPECT_NE(std::find(allowed.begin(), allowed.end(), got.links[i].role), allowed.end())
          << "kind " << fixture::LinkKindName(want.kind) << " got "
          << LinkRoleName(got.links[i].role);
      // What the crawler follows by default must be exact.
      if (want.kind == LinkKind::kHeadline || want.kind == LinkKind::kRelated)
        ++headline_or_related;
      ++checked;
    }
  }
  EXPECT_GT(checked, 100u);
  EXPECT_EQ(feeds, 1u);  // the www homepage announces its RSS feed
  EXPECT_GT(headline_or_related, 50u);
}

}  // namespace
}  // namespace nc
