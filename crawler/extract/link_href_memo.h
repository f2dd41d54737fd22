#pragma once
// AnalyzeHref (url_shape.h) and RoleForHref (link_href_roles.h) of hrefs a
// worker thread has met before, from a per-thread LinkMemo (link_memo.h):
// the same answers as the functions themselves, for one hash and one
// compare when the href repeats (a site's menus and footer on every page).
//
// Any thread; each thread has its own memo (1,024 hrefs).

#include <string_view>

#include "crawler/extract/url_shape.h"
#include "frontier/link.h"

namespace nc {

// AnalyzeHref(href).
HrefFacts MemoAnalyzeHref(std::string_view href);
// RoleForHref(role, href).
LinkRole MemoRoleForHref(LinkRole role, std::string_view href);

}  // namespace nc
