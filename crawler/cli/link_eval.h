#pragma once
// Grading link roles against hand labels (tests/realpages/README.md): the
// scoring behind `newscrawl links --eval` and `--eval-corpus`, and the
// URL-shape baseline it is compared with. Pure functions; any thread.
//
// Scoring unit: one unique target URL of a page, fragment removed, inside the
// page's crawl scope (same registrable domain), other than the page itself
// (a crawler never fetches a page twice). Its predicted role is the highest
// of its occurrences by priority related > headline > nav > footer > other;
// it is predicted "followed" when that role is headline or related. A URL
// the labels lack counts as truth `other` and is reported as unlabelled.

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "frontier/link.h"
#include "frontier/url.h"

namespace nc {

// The graded roles, in priority order (index 0 wins).
inline constexpr std::array<LinkRole, 5> kGradedRoles = {
    LinkRole::kRelated, LinkRole::kHeadline, LinkRole::kNav, LinkRole::kFooter, LinkRole::kOther};

// Reads `url<TAB>role` lines ('#' starts a comment). Unknown roles and
// malformed lines are errors naming the line.
Result<std::map<std::string, LinkRole>> ParseLinkLabels(std::string_view tsv);

// The newspaper-style rule: follow a same-site link whose path has a date
// (/2024/05/03/, /2024/05/, 2024-05-03, 20240503 with a valid month and day),
// a run of at least 6 digits, or a segment that is a long hyphenated slug
// (at least 4 hyphens and 20 characters before any extension).
bool UrlShapeLooksLikeArticle(const Url& url);

struct PageLink {
  std::string url;  // resolved, fragment removed
  LinkRole role;    // product role of this occurrence (kExternal when out of scope)
};

// The product's steps for one page, as the crawler runs them: extraction,
// <base href>, resolution, and `external` outside the base's domain. Links
// that do not resolve to http(s) are left out.
std::vector<PageLink> ClassifyPageLinks(std::string_view html, const Url& base);

struct Counts {
  size_t true_positive = 0, predicted = 0, actual = 0;
  double Precision() const { return predicted ? double(true_positive) / predicted : 1.0; }
  double Recall() const { return actual ? double(true_positive) / actual : 1.0; }
  Counts& operator+=(const Counts& o);
};

struct PageScore {
  std::array<Counts, kGradedRoles.size()> roles;  // indexed like kGradedRoles
  Counts followed;                                // headline|related
  Counts baseline_followed;                       // URL-shape rule
  size_t graded_urls = 0;
  size_t unlabelled_urls = 0;  // in scope, predicted by the product, absent from labels
  PageScore& operator+=(const PageScore& o);
};

PageScore ScorePage(const std::vector<PageLink>& links, const Url& page_url,
                    const std::map<std::string, LinkRole>& labels);

}  // namespace nc
