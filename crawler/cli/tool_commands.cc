// Small tooling commands: `robots-check` (same contract as Google's
// robots_main, so public conformance suites can run against it) and `url`.
#include <iostream>
#include <memory>
#include <optional>

#include "common/file_bytes.h"
#include "config/crawl_config.h"
#include "crawler/cli/cli.h"
#include "crawler/cli/commands.h"
#include "crawler/extract/css_selector_roles.h"
#include "crawler/extract/html_links.h"
#include "crawler/extract/link_features.h"
#include "frontier/robots.h"
#include "frontier/scope.h"
#include "frontier/url.h"

namespace nc {

std::optional<std::string> ReadFileOrSay(const std::string& path) {
  std::optional<std::string> bytes = ReadFileBytes(path);
  if (!bytes) std::cerr << "newscrawl: cannot read " << path << "\n";
  return bytes;
}

int RunRobotsCheck(const std::string& robots_file, const std::string& user_agent,
                   const std::string& url) {
  const std::optional<std::string> body = ReadFileOrSay(robots_file);
  if (!body) return kExitUsage;
  const bool allowed = RobotsAllowed(*body, user_agent, url);
  std::cout << (allowed ? "ALLOWED" : "DISALLOWED") << "\n";
  return allowed ? 0 : 1;
}

int RunLinks(const std::string& base, const std::string& file, const LinksOptions& options) {
  auto base_url = ParseUrl(base);
  if (!base_url.ok()) {
    std::cerr << "newscrawl: --base: " << base_url.error().message << "\n";
    return kExitUsage;
  }
  // --config: the [[site]] selector rules of a crawl config, applied to
  // the page as the crawler would (by the page's host).
  std::unique_ptr<CssSelectorRoles> css_roles;
  if (!options.config_file.empty()) {
    CrawlConfig config;
    if (Status s = LoadConfigFile(options.config_file, config); !s.ok()) {
      std::cerr << "newscrawl: " << s.error().message << "\n";
      return kExitUsage;
    }
    auto roles = CssSelectorRoles::Create(config.sites);
    if (!roles.ok()) {
      std::cerr << "newscrawl: " << roles.error().message << "\n";
      return kExitUsage;
    }
    css_roles = std::move(*roles);
  }
  const std::optional<std::string> html = ReadFileOrSay(file);
  if (!html) return kExitFailure;
  // The same steps as the crawler's page processing: extraction, [[site]]
  // rules, <base>, resolution, and `external` for targets outside the
  // base's domain.
  PageLinks page = ExtractLinks(*html, base_url->spec);
  std::vector<LinkRole> heuristic_roles;
  if (css_roles) {
    if (const CssSelectorRoles::Site* site = css_roles->ForHost(base_url->host)) {
      for (const auto& link : page.links) heuristic_roles.push_back(link.role);
      const auto outcome = css_roles->Apply(*site, *html, page.links);
      if (outcome != CssSelectorRoles::Outcome::kApplied) {
        std::cerr << "newscrawl: [[site]] rules for " << base_url->host
                  << " not applied (the page's links could not be aligned); heuristic roles\n";
      }
    }
  }
  Url resolve_base = *base_url;
  if (!page.base_href.empty()) {
    if (auto b = ResolveUrl(*base_url, page.base_href); b.ok()) resolve_base = *b;
  }
  const CrawlScope scope({*base_url}, ScopeMode::kSeedDomains);
  for (size_t i = 0; i < page.links.size(); ++i) {
    const ExtractedLink& link = page.links[i];
    auto target = ResolveUrl(resolve_base, link.href);
    if (!target.ok()) continue;  // mailto:, javascript:, malformed: not a link between pages
    const LinkRole role = scope.Contains(*target) ? link.role : LinkRole::kExternal;
    std::string text = link.anchor_text;
    for (auto& c : text) {
      if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    // As the crawl records links: never with credentials a page wrote in.
    std::cout << LinkRoleName(role) << '\t' << SpecWithoutUserinfo(*target) << '\t' << text;
    if (options.explain) {
      // What decided: the structural role, then the page-level evidence, and
      // whether a [[site]] selector overrode the heuristic.
      std::cout << "\tstructure=" << LinkRoleName(link.structural_role)
                << " evidence=" << DescribeLinkEvidence(link.evidence);
      if (i < heuristic_roles.size() && heuristic_roles[i] != link.role) {
        std::cout << " site-rule(heuristic=" << LinkRoleName(heuristic_roles[i]) << ")";
      }
    }
    std::cout << '\n';
  }
  return kExitOk;
}

int RunUrl(const std::string& base, const std::string& href) {
  auto base_url = ParseUrl(base);
  if (!base_url.ok()) {
    std::cerr << "invalid: base: " << base_url.error().message << "\n";
    return kExitFailure;
  }
  if (href == "-") {
    // Batch mode for tools that resolve thousands of hrefs (the real-page
    // labelling helper): one href per input line, one output line each, the
    // resolved URL or an empty line when it does not resolve to http(s).
    std::string line;
    while (std::getline(std::cin, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto resolved = ResolveUrl(*base_url, line);
      std::cout << (resolved.ok() ? resolved->spec : std::string()) << '\n';
    }
    return kExitOk;
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
