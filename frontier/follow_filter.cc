#include "frontier/follow_filter.h"

#include <re2/re2.h>

#include "common/ascii.h"

namespace nc {
namespace {

Error Invalid(const std::string& key, const std::string& why) {
  return MakeError("config.invalid", "key '" + key + "': " + why);
}

// One RE2 for all patterns of a list: "(?:p1)|(?:p2)|...". Each pattern is
// first compiled alone, so an error names the pattern that is wrong.
Result<std::unique_ptr<re2::RE2>> CompileList(const std::vector<std::string>& patterns,
                                              const std::string& key) {
  if (patterns.empty()) return std::unique_ptr<re2::RE2>();
  re2::RE2::Options options;
  options.set_log_errors(false);
  std::string joined;
  for (size_t i = 0; i < patterns.size(); ++i) {
    const std::string item = key + "[" + std::to_string(i) + "]";
    if (patterns[i].empty()) return Invalid(item, "empty regex (it would match every URL)");
    re2::RE2 alone(patterns[i], options);
    if (!alone.ok()) {
      return Invalid(item, "invalid regex '" + patterns[i] + "': " + alone.error());
    }
    if (!joined.empty()) joined += '|';
    joined += "(?:" + patterns[i] + ")";
  }
  auto all = std::make_unique<re2::RE2>(joined, options);
  if (!all->ok()) return Invalid(key, "regexes do not combine: " + all->error());
  return all;
}

Status AddHosts(const std::vector<std::string>& patterns, const std::string& key,
                const std::function<std::string(std::string_view)>& add) {
  for (size_t i = 0; i < patterns.size(); ++i) {
    if (std::string why = add(patterns[i]); !why.empty()) {
      return Invalid(key + "[" + std::to_string(i) + "]", "'" + patterns[i] + "': " + why);
    }
  }
  return Status::Ok();
}

}  // namespace

std::string FollowFilter::HostSet::Add(std::string_view pattern) {
  if (std::string why = HostPatternProblem(pattern); !why.empty()) return why;
  std::string host = ascii::ToLower(pattern);
  if (host.back() == '.') host.pop_back();
  const bool wildcard = host.starts_with("*.");
  if (wildcard) host.erase(0, 2);
  (wildcard ? domains_ : exact_).insert(std::move(host));
  return "";
}

bool FollowFilter::HostSet::Matches(std::string_view host) const {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (exact_.count(host)) return true;
  if (domains_.empty()) return false;
  // The host itself, then each parent at a label boundary: O(labels) lookups.
  while (true) {
    if (domains_.count(host)) return true;
    const size_t dot = host.find('.');
    if (dot == std::string_view::npos) return false;
    host.remove_prefix(dot + 1);
  }
}

FollowFilter::FollowFilter() = default;
FollowFilter::~FollowFilter() = default;
FollowFilter::FollowFilter(FollowFilter&&) noexcept = default;
FollowFilter& FollowFilter::operator=(FollowFilter&&) noexcept = default;

Result<FollowFilter> FollowFilter::Create(const CrawlConfig& config) {
  FollowFilter filter;
  auto add_allow = [&](std::string_view p) { return filter.allow_.Add(p); };
  auto add_deny = [&](std::string_view p) { return filter.deny_.Add(p); };
  if (Status s = AddHosts(config.allow_hosts, "crawl.allow_hosts", add_allow); !s) return s.error();
  if (Status s = AddHosts(config.deny_hosts, "crawl.deny_hosts", add_deny); !s) return s.error();
  auto include = CompileList(config.include, "crawl.include");
  if (!include) return include.error();
  auto exclude = CompileList(config.exclude, "crawl.exclude");
  if (!exclude) return exclude.error();
  filter.include_ = std::move(*include);
  filter.exclude_ = std::move(*exclude);
  return filter;
}

Status FollowFilter::Validate(const CrawlConfig& config) {
  auto filter = Create(config);
  return filter ? Status::Ok() : Status(filter.error());
}

bool FollowFilter::HostAllowed(std::string_view host) const {
  if (deny_.Matches(host)) return false;
  return allow_.empty() || allow_.Matches(host);
}

bool FollowFilter::UrlWanted(std::string_view canonical_url) const {
  if (include_ && !re2::RE2::PartialMatch(canonical_url, *include_)) return false;
  return !(exclude_ && re2::RE2::PartialMatch(canonical_url, *exclude_));
}

}  // namespace nc
