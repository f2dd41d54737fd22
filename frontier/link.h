#pragma once
// Link roles and the reasons a link is not followed: the vocabulary shared by
// extraction (crawler/), follow policy (frontier/), storage and exports.

#include <cstdint>
#include <optional>
#include <string_view>

namespace nc {

// Stored as one byte: never renumber, only append.
enum class LinkRole : uint8_t {
  kHeadline = 0,  // article links in lists/blocks on homepages and section pages
  kRelated = 1,   // links in a related-headlines block of an article
  kNav = 2,       // site navigation (menus, section lists)
  kFooter = 3,    // footer, legal, social
  kExternal = 4,  // target outside the crawl scope
  kOther = 5,     // anything else
  kRedirect = 6,  // Location of a 3xx response
  kFeed = 7,      // a sitemap or RSS/Atom feed (sitemap index child, <link rel=alternate>):
                  // followed whenever in scope, because it leads to the articles
};

// Why an edge was not followed. Stored as one byte: never renumber.
enum class SkipReason : uint8_t {
  kNone = 0,      // followed
  kRole = 1,      // role not in follow_roles
  kScope = 2,     // host outside the scope
  kRobots = 3,    // robots.txt disallows (recorded when the fetch is skipped)
  kNofollow = 4,  // rel=nofollow or a page-level nofollow
  kTrap = 5,      // URL shape looks like a crawler trap
  kLimit = 6,     // depth, page or redirect limit
  kInvalid = 7,   // the href could not be resolved to an http(s) URL
  kFilter = 8,    // URL matches no crawl.include regex, or a crawl.exclude one
};

std::string_view LinkRoleName(LinkRole role);
std::optional<LinkRole> ParseLinkRole(std::string_view name);
std::string_view SkipReasonName(SkipReason reason);

}  // namespace nc
