#pragma once
// What a link's href says about its structural role (RoleForHref): a
// same-page fragment, a tag or topic page, a publisher's service. Applied
// after the structure (link_roles.h ClassifyLink) to headline and related
// links only.
//
// Pure; any thread.

#include <string_view>

#include "frontier/link.h"

namespace nc {

// What the href itself says about a structural role: a same-page fragment
// ("#section": tables of contents, skip links) is never a headline or related
// link (other); a tag or topic page ("/tag/x", "/topics/x", "/thema/x",
// "/sujet/x", "/etiqueta/x", ...) is nav, not a headline or related article;
// a dossier front ("/dossiers/slug/", nothing after it, no id) is nav;
// a publisher's service (IsServiceHref: shop, deals, jobs, games, courses,
// newsletters, sponsored content) is other; so is a broken href that pastes
// an absolute URL into the path (IsPastedUrlHref: "/https://x.example/a").
LinkRole RoleForHref(LinkRole role, std::string_view href);
// The same with IsServiceHref(href) known (AnalyzeHref's `service`): one
// pass over the href fewer.
LinkRole RoleForHref(LinkRole role, std::string_view href, bool service);

}  // namespace nc
