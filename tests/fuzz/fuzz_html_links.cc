// Fuzzes HTML link extraction with arbitrary bytes. Checks the promises of
// crawler/extract/html_links.h: bounded, collapsed anchor text and a known role.
#include <cstdint>
#include <string_view>

#include "crawler/extract/html_links.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

void CheckText(std::string_view text, size_t cap) {
  Check(text.size() <= cap);
  if (text.empty()) return;
  Check(text.front() != ' ' && text.back() != ' ');
  Check(text.find("  ") == std::string_view::npos);
  Check(text.find_first_of("\t\n\r\f") == std::string_view::npos);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view html = nc::fuzz::InputText(data, size);
  // An article URL as the page's own: the page-level pass then also compares
  // sections (crawler/extract/link_features.h).
  const nc::PageLinks page =
      nc::ExtractLinks(html, "https://www.news.test/monde/2024/05/03/un-article-de-la-page");
  Check(page.links.size() <= size);
  for (const nc::ExtractedLink& link : page.links) {
    CheckText(link.anchor_text, 512);
    Check(link.role == nc::LinkRole::kHeadline || link.role == nc::LinkRole::kRelated ||
          link.role == nc::LinkRole::kNav || link.role == nc::LinkRole::kFooter ||
          link.role == nc::LinkRole::kOther);
    Check(link.href.size() <= size);
  }
  CheckText(page.title, 1024);
  Check(page.base_href.size() <= size);
  return 0;
}
