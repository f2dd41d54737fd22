// Fuzz target for robots.txt parsing and matching (frontier/robots.h).
// The input is the robots.txt body; the paths matched against it are fixed
// ones plus the value of every line of the input, so the fuzzer's own bytes
// reach the matcher as paths too. Checks properties, not just crashes.
#include <cstdint>
#include <string>
#include <string_view>

#include "frontier/robots.h"
#include "frontier/robots_match.h"
#include "tests/fuzz/fuzz_check.h"

using nc::fuzz::Check;

namespace {

void MatchPath(const nc::RobotsRules& rules, const nc::RobotsRules& again, std::string_view path) {
  const bool allowed = rules.IsAllowed(path);
  Check(allowed == again.IsAllowed(path));  // parsing is deterministic
  // Normalising is idempotent, and matching sees paths normalised.
  std::string once;
  nc::AppendNormalizedRobotsText(path, once);
  std::string twice;
  nc::AppendNormalizedRobotsText(once, twice);
  Check(once == twice);
  Check(allowed == rules.IsAllowed(once));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view body = nc::fuzz::InputText(data, size);
  const nc::RobotsRules rules = nc::RobotsRules::Parse(body, "newscrawl");
  const nc::RobotsRules again = nc::RobotsRules::Parse(body, "NewsCrawl/1.0");
  Check(rules.IsAllowed("/robots.txt"));
  Check(rules.rules().size() == again.rules().size());
  if (rules.crawl_delay()) Check(*rules.crawl_delay() >= 0);

  for (std::string_view path : {"/", "", "/index.html", "/a/b/c?d=e&f", "/caf%C3%A9", "/%7Euser",
                                "/private/x.pdf", "/news/2024/01/article.html$"}) {
    MatchPath(rules, again, path);
  }
  // Each line's value (after the first ':') as a path, capped in number.
  size_t pos = 0;
  for (int lines = 0; pos < body.size() && lines < 64; ++lines) {
    size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) eol = body.size();
    const std::string_view line = body.substr(pos, eol - pos);
    const size_t colon = line.find(':');
    if (colon != std::string_view::npos) MatchPath(rules, again, line.substr(colon + 1));
    pos = eol + 1;
  }
  // The tooling entry point, on the whole input as a URL and with an odd agent.
  (void)nc::RobotsAllowed(body, "*", body.substr(0, 256));
  (void)nc::RobotsPathOf(body.substr(0, 256));
  return 0;
}
