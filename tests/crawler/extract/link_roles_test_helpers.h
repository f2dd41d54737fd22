// Helpers of the link-role tests (link_features_test, link_related_general_test,
// link_sidebar_lists_test): the role names ExtractLinks gives a small
// hand-written page, in document order, and a list item of one link.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "crawler/extract/html_links.h"

namespace nc::testing {

inline std::vector<std::string> Roles(std::string_view html, std::string_view page_url = {}) {
  std::vector<std::string> out;
  for (const ExtractedLink& link : ExtractLinks(html, page_url).links)
    out.emplace_back(LinkRoleName(link.role));
  return out;
}

inline std::string Li(const std::string& href, const std::string& text) {
  return "<li><a href='" + href + "'>" + text + "</a></li>";
}

}  // namespace nc::testing
