// Fuzzes the compilation of [[site]] selectors (config input): arbitrary
// bytes as one selector go through the checks and normalization in
// crawler/extract/css_selector_roles.cc and then MyCSS. Either the selector compiles
// and can be matched against a small page, or it is a config error naming
// the key; never a crash.
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/extract/css_selector_roles.h"
#include "crawler/extract/html_links.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

constexpr std::string_view kPage =
    R"(<ul class="headlines"><li><a href="/a">Un titre assez long</a></li></ul>)"
    R"(<section class="related"><h3>Lire aussi</h3><a href="/b">B</a></section><footer>)"
    R"(<a href="/c">C</a></footer>)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string selector(reinterpret_cast<const char*>(data), size);
  auto roles = nc::CssSelectorRoles::Create({nc::SiteRules{"fuzz.test", "", selector, "", ""}});
  if (!roles.ok()) {
    Check(roles.error().code == "config.invalid");
    Check(roles.error().message.find("site[0].related") != std::string::npos);
    return 0;
  }
  nc::PageLinks page = nc::ExtractLinks(kPage);
  const auto outcome = (*roles)->Apply(*(*roles)->ForHost("fuzz.test"), kPage, page.links);
  Check(outcome == nc::CssSelectorRoles::Outcome::kApplied);
  Check(page.links.size() == 3);
  return 0;
}
