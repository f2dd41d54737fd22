// Small tooling commands: `robots-check` (same contract as Google's
// robots_main, so public conformance suites can run against it) and `url`.
#include <fstream>
#include <iostream>
#include <sstream>

#include "crawler/cli.h"
#include "crawler/commands.h"
#include "frontier/robots.h"
#include "frontier/url.h"

namespace nc {

int RunRobotsCheck(const std::string& robots_file, const std::string& user_agent,
                   const std::string& url) {
  std::ifstream in(robots_file, std::ios::binary);
  if (!in) {
    std::cerr << "newscrawl: cannot read " << robots_file << "\n";
    return kExitUsage;
  }
  std::stringstream body;
  body << in.rdbuf();
  const bool allowed = RobotsAllowed(body.str(), user_agent, url);
  std::cout << (allowed ? "ALLOWED" : "DISALLOWED") << "\n";
  return allowed ? 0 : 1;
}

int RunUrl(const std::string& base, const std::string& href) {
  auto base_url = ParseUrl(base);
  if (!base_url.ok()) {
    std::cerr << "invalid: base: " << base_url.error().message << "\n";
    return kExitFailure;
  }
  auto resolved = ResolveUrl(*base_url, href);
  if (!resolved.ok()) {
    std::cerr << "invalid: " << resolved.error().message << "\n";
    return kExitFailure;
  }
  std::cout << resolved->spec << "\n" << CanonicalKey(*resolved, CanonicalOptions{}) << "\n";
  return kExitOk;
}

}  // namespace nc
