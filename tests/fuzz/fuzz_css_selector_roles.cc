// Fuzzes the [[site]] CSS-selector role overrides: arbitrary bytes as HTML,
// parsed by our extractor and by Modest, with a fixed set of selectors that
// exercise descendant, child, sibling, attribute and pseudo-class matching.
// Checks the promises of crawler/extract/css_selector_roles.h: no crash, the link
// list keeps its size and hrefs, roles are overridden only when aligned,
// and then only to headline/related/nav/footer or left as they were.
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "crawler/extract/css_selector_roles.h"
#include "crawler/extract/html_links.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

const nc::CssSelectorRoles& Roles() {
  static const std::unique_ptr<nc::CssSelectorRoles> roles = [] {
    auto made = nc::CssSelectorRoles::Create({nc::SiteRules{
        "fuzz.test", "ul.headlines a, .une h2 > a, [data-role=headline] a",
        "section.related a, aside li:first-child a, h3 + ul a", "nav, header li:first-child a",
        "footer, #bottom ~ div a[href^='/']"}});
    Check(made.ok());
    return std::move(*made);
  }();
  return *roles;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html = nc::fuzz::InputText(data, size);
  const nc::CssSelectorRoles& roles = Roles();
  const nc::CssSelectorRoles::Site* site = roles.ForHost("fuzz.test");
  Check(site != nullptr);
  nc::PageLinks page = nc::ExtractLinks(html);
  const std::vector<nc::ExtractedLink> before = page.links;
  const auto outcome = roles.Apply(*site, html, page.links);
  Check(page.links.size() == before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    Check(page.links[i].href == before[i].href);
    Check(page.links[i].anchor_text == before[i].anchor_text);
    if (outcome != nc::CssSelectorRoles::Outcome::kApplied) {
      Check(page.links[i].role == before[i].role);
    } else if (page.links[i].role != before[i].role) {
      const nc::LinkRole r = page.links[i].role;
      Check(r == nc::LinkRole::kHeadline || r == nc::LinkRole::kRelated ||
            r == nc::LinkRole::kNav || r == nc::LinkRole::kFooter);
    }
  }
  return 0;
}
