#pragma once
// The page-level pass of link classification: after the streaming pass
// (link_roles.h) gave every link a structural role from the elements around
// it, this pass weighs what only the whole page shows:
//  - the URL shape of each link (url_shape.h): a date, a long numeric id, a
//    long slug, an article extension, or a path template that recurs among
//    the page's own title-like links (ArticleShapeLearner);
//  - repeated teaser structures: links whose ancestor chains (tag and class
//    of every open element) are identical are siblings of one list; a group
//    of at least three whose targets are mostly article-shaped is a teaser
//    list (headlines, trending bars, "latest" lists in a footer...).
// Decisions, in order:
//  1. a headline or related link whose URL is not article-shaped, on a page
//     that shows what its articles look like (at least three title-like
//     links with article-shaped URLs), is demoted: nav when the path is a
//     shallow section path, else other (logins, shops, section pages);
//  2. an `other` link with an article-shaped URL in a teaser group, outside
//     running text, is promoted (related when its block is a related block,
//     else headline); so is a `nav` one when the group is a bar of short
//     topic labels over article targets (a trending bar), or a carousel of
//     titles in the page <header> outside any menu; and a short heading link
//     (taken for a section name) whose URL is an article's. Footers and menus
//     that list articles stay footer and nav, as readers see them, except
//     a group of whole story titles (>= 6 words, dated/id/slug targets) in
//     a menu container (a collapsed "latest publications" column) and, on
//     an article page, a bar of short topic labels in headings over
//     title-slug stories (a trending bar): those are headline; a group of
//     item permalinks labelled by their time ("14:44") is a live ticker:
//     headline whatever its URL shape;
//  3. on an article page (its own URL is article-shaped), a teaser group of
//     headlines most of whose targets are in the page's own section (same
//     host, same first path segment) lists more of the article's section
//     or topic: related (a site-wide list stays headline, and so does one
//     in the page header or a menu); so is a lone headline link (in no
//     teaser group) into the page's own section inside the <article>, and
//     a teaser group inside the story's text container ("article-body",
//     itemprop=articleBody: link_class_words.h kArticleBody); on a home or
//     section page ("/", "/sport/"), where no article is, related is headline;
//  4. a headline or related link in a block whose heading names partner or
//     commercial content, or whose text starts with a sponsorship marker, is
//     other, whatever its URL; so is one in a teaser group of prices, quotes
//     or fixtures (kPriceList); one whose path names a home or front page
//     ("bundesliga-startseite-52368768.html") is nav, and so is one whose path
//     ends with a bare date (an archive day or an issue, kUrlDateIndex).
// Every link keeps the evidence that decided it (link_evidence bits), for
// `newscrawl links --explain`.
//
// Pure; any thread.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_links.h"
#include "crawler/extract/link_roles.h"

namespace nc {

namespace link_evidence {
inline constexpr uint32_t kFooterBlock = 1u << 0;
inline constexpr uint32_t kNavBlock = 1u << 1;
inline constexpr uint32_t kRelatedBlock = 1u << 2;
inline constexpr uint32_t kHeading = 1u << 3;
inline constexpr uint32_t kParagraph = 1u << 4;
inline constexpr uint32_t kList = 1u << 5;
inline constexpr uint32_t kStoryBlock = 1u << 6;
inline constexpr uint32_t kHeadlineText = 1u << 7;
inline constexpr uint32_t kUrlDate = 1u << 8;
inline constexpr uint32_t kUrlNumericId = 1u << 9;
inline constexpr uint32_t kUrlSlug = 1u << 10;
inline constexpr uint32_t kUrlExtension = 1u << 11;
inline constexpr uint32_t kUrlLearned = 1u << 12;  // the page's recurring article template
inline constexpr uint32_t kUrlShallow = 1u << 13;
inline constexpr uint32_t kTeaserGroup = 1u << 14;
inline constexpr uint32_t kHrefRule = 1u << 15;  // fragment or tag/topic path
inline constexpr uint32_t kDemoted = 1u << 16;
inline constexpr uint32_t kPromoted = 1u << 17;
inline constexpr uint32_t kTopicBar = 1u << 18;     // a teaser group of short labels
inline constexpr uint32_t kSameSection = 1u << 19;  // group mostly in the article's section
inline constexpr uint32_t kFrontPage = 1u << 20;    // related on a home/section page: headline
inline constexpr uint32_t kPageHeader = 1u << 21;   // nav only by being in the page <header>
// In an <aside> of an <article>: shown, not decisive (sidebars hold the
// story's related links as often as the site's most-read list).
inline constexpr uint32_t kArticleAside = 1u << 22;
// No anchor text and no alt: an image or overlay link of a teaser whose title
// sits beside it (often not a link, or the same URL).
inline constexpr uint32_t kNoText = 1u << 23;
// The href names a publisher's service (url_shape.h IsServiceHref): shop,
// deals, jobs, games, courses, newsletters, sponsored content.
inline constexpr uint32_t kServiceUrl = 1u << 24;
// A one-segment slug path ("/les-taxis-contre-uber/") on a page whose own
// articles carry dates or ids: a topic or dossier front, not a story.
inline constexpr uint32_t kUrlTopicLike = 1u << 25;
// Under a heading naming a partner or commercial section, or an anchor text
// that starts with a sponsorship marker (link_roles.h IsCommercialHeading,
// HasSponsorMarker): paid or service teasers, never followed.
inline constexpr uint32_t kCommercial = 1u << 26;
// A list most of whose entries end with a price, a market quote or a kick-off
// time ("FORD KA 5 100 €", "DAX 25.284,26 -0,02%", "Hertha 13:30 Nürnberg"):
// classifieds, tickers and fixtures, not stories.
inline constexpr uint32_t kPriceList = 1u << 27;
// A path word names a home or front page (url_shape.h IsFrontPageHref).
inline constexpr uint32_t kUrlFrontPage = 1u << 28;
// A date and nothing else ("/hemeroteca/2026-01-05/", "/2026/10"): a day's
// archive or an issue's index, not a story.
inline constexpr uint32_t kUrlDateIndex = 1u << 29;
// Under a heading of a ranked or site-wide list ("Les plus lus", "L'info en
// continu": site_list_headings.h): headline, never related.
inline constexpr uint32_t kSiteList = 1u << 30;
// A teaser group of an article page that lists the page itself: the feed of
// the article's own section, topic or place ("Dernières actus" of the
// article's commune at actu.fr). Related, as a same-section list is.
inline constexpr uint32_t kOwnList = 1u << 31;
}  // namespace link_evidence

// What the streaming pass saw around one link.
struct LinkObservation {
  LinkContext context;
  bool contains_heading = false;
  LinkRole structural_role = LinkRole::kOther;  // ClassifyLink + RoleForHref
  bool href_decided = false;                    // RoleForHref changed it (fragment, tag page)
  // The <a> carries its item's time instead of a title: a datetime or
  // data-created-at attribute, a "datetime"/"timestamp" class, a <time>
  // inside (a live ticker entry's permalink, franceinfo "livecard").
  bool time_marked = false;
};

// True when the <a> start tag says it is an item's time stamp: a datetime,
// data-created-at, data-date, data-time or data-timestamp attribute, or a
// class token datetime, timestamp, time or date.
bool TimeMarkedAnchor(const HtmlToken& anchor);

// Final roles and evidence of `links` (document order, one observation each).
// `page_url` ("" when unknown) is the page's own URL.
void ResolveLinkRoles(std::vector<ExtractedLink>& links,
                      const std::vector<LinkObservation>& observations,
                      std::string_view page_url = {});

// True when `anchor_text` ends with a price or a market quote ("9 790 €",
// "1,18 USD -0,06%") or holds a kick-off time between two names ("Hertha
// 13:30 Nürnberg").
bool IsPriceOrFixtureText(std::string_view anchor_text);

// True when the last segment of `href`'s path is a bare date or a number of
// at most two digits ("/2026/10", "/hemeroteca/2026-01-05/"): with a date in
// the path and no slug or id, an archive day or an issue's index
// ("/2016/05/29/593/" is a blog post).
bool EndsWithBareDate(std::string_view href);

// "nav-block,url-date,teaser-group,promoted": the evidence bits by name.
std::string DescribeLinkEvidence(uint32_t evidence);

}  // namespace nc
