#include "frontier/follow_policy.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "config/crawl_config.h"
#include "frontier/follow_filter.h"
#include "frontier/scope.h"
#include "frontier/url.h"

namespace nc {
namespace {

uint32_t RoleBit(LinkRole role) {
  const auto bit = static_cast<unsigned>(role);
  return bit < 32 ? 1u << bit : 0;
}

// follow_roles as one bit per role: asked for every link of every page.
uint32_t FollowRoles(const CrawlConfig& config) {
  uint32_t roles = 0;
  for (const auto& name : config.follow_roles) {
    if (auto role = ParseLinkRole(name)) roles |= RoleBit(*role);
  }
  return roles;
}

bool LooksLikeTrap(const Url& target) {
  return target.spec.size() > kMaxFollowedUrlLength || HasRepeatedPathSegments(target) ||
         HasTooManyQueryParams(target);
}

}  // namespace

bool HasRepeatedPathSegments(const Url& url) {
  std::string_view path = url.target;
  path = path.substr(0, path.find('?'));
  // Asked of every link of every page: a usual path's segments are sorted
  // in an array on the stack, a longer (hostile) path's in a vector. A path
  // has at most one segment more than it has slashes.
  constexpr size_t kOnStack = 32;
  std::array<std::string_view, kOnStack> on_stack;
  std::vector<std::string_view> on_heap;
  const auto slashes = static_cast<size_t>(std::count(path.begin(), path.end(), '/'));
  if (slashes + 1 > kOnStack) on_heap.resize(slashes + 1);
  std::string_view* const segments = on_heap.empty() ? on_stack.data() : on_heap.data();
  size_t count = 0;
  size_t i = 0;
  while (i < path.size()) {
    size_t slash = path.find('/', i);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > i) segments[count++] = path.substr(i, slash - i);
    i = slash + 1;
  }
  if (count < kMaxSegmentRepeats) return false;
  // A usual path has a handful of segments, most of different lengths:
  // counting each one's copies after it costs a few size comparisons,
  // less than sorting them.
  constexpr size_t kCountedPairwise = 12;
  if (count <= kCountedPairwise) {
    for (size_t k = 0; k + kMaxSegmentRepeats <= count; ++k) {
      size_t copies = 1;
      for (size_t m = k + 1; m < count; ++m) {
        if (segments[m] == segments[k] && ++copies >= kMaxSegmentRepeats) return true;
      }
    }
    return false;
  }
  // Sorted, equal segments are adjacent: O(n log n) even on hostile paths.
  std::sort(segments, segments + count);
  size_t run = 1;
  for (size_t k = 1; k < count; ++k) {
    run = segments[k] == segments[k - 1] ? run + 1 : 1;
    if (run >= kMaxSegmentRepeats) return true;
  }
  return false;
}

bool HasTooManyQueryParams(const Url& url) {
  const std::string_view target = url.target;
  const size_t question = target.find('?');
  if (question == std::string_view::npos) return false;
  const std::string_view query = target.substr(question + 1);
  size_t params = 0;
  size_t i = 0;
  while (i <= query.size()) {
    size_t amp = query.find('&', i);
    if (amp == std::string_view::npos) amp = query.size();
    if (amp > i && ++params > kMaxQueryParams) return true;
    i = amp + 1;
  }
  return false;
}

Result<FollowPolicy> FollowPolicy::Create(const CrawlConfig& config, const CrawlScope& scope) {
  Result<FollowFilter> filter = FollowFilter::Create(config);
  if (!filter) return filter.error();
  return FollowPolicy(config, scope, std::make_unique<const FollowFilter>(std::move(*filter)));
}

FollowPolicy::FollowPolicy(const CrawlConfig& config, const CrawlScope& scope,
                           std::unique_ptr<const FollowFilter> filter)
    : scope_(&scope),
      filter_(std::move(filter)),
      follow_roles_(FollowRoles(config)),
      max_depth_(config.max_depth),
      section_depth_(config.section_depth),
      max_redirects_(config.max_redirects) {}

FollowPolicy::FollowPolicy(FollowPolicy&&) noexcept = default;
FollowPolicy& FollowPolicy::operator=(FollowPolicy&&) noexcept = default;
FollowPolicy::~FollowPolicy() = default;

bool FollowPolicy::OutOfScope(const Url& target) const {
  // allow_hosts/deny_hosts narrow the scope, so a refused host is external too.
  return !scope_->Contains(target) || !filter_->HostAllowed(target.host);
}

FollowDecision FollowPolicy::ForLink(const Url& target, LinkRole role, uint32_t source_depth,
                                     bool nofollow) const {
  return ForLink(target, CanonicalKey(target, CanonicalOptions()), role, source_depth, nofollow);
}

FollowDecision FollowPolicy::ForLink(const Url& target, std::string_view canonical_key,
                                     LinkRole role, uint32_t source_depth, bool nofollow) const {
  FollowDecision d{role, false, SkipReason::kNone};
  if (OutOfScope(target)) {
    d.role = LinkRole::kExternal;
    d.reason = SkipReason::kScope;
    return d;
  }
  // Feeds and sitemaps are how the crawler reaches articles no page links
  // to, so they are wanted whatever follow_roles says.
  const bool wanted = (follow_roles_ & RoleBit(role)) != 0 || role == LinkRole::kFeed ||
                      (role == LinkRole::kNav && source_depth < section_depth_);
  if (!wanted) {
    d.reason = SkipReason::kRole;
  } else if (nofollow) {
    d.reason = SkipReason::kNofollow;
  } else if (!filter_->UrlWanted(canonical_key)) {
    d.reason = SkipReason::kFilter;
  } else if (max_depth_ != 0 && source_depth + 1 > max_depth_) {
    d.reason = SkipReason::kLimit;
  } else if (LooksLikeTrap(target)) {
    d.reason = SkipReason::kTrap;
  } else {
    d.follow = true;
  }
  return d;
}

FollowDecision FollowPolicy::ForRedirect(const Url& target, std::string_view canonical_key,
                                         uint32_t redirects) const {
  FollowDecision d{LinkRole::kRedirect, false, SkipReason::kNone};
  if (OutOfScope(target)) {
    d.reason = SkipReason::kScope;
  } else if (!filter_->UrlWanted(canonical_key)) {
    d.reason = SkipReason::kFilter;
  } else if (redirects > max_redirects_) {
    d.reason = SkipReason::kLimit;
  } else {
    d.follow = true;
  }
  return d;
}

Result<Admission> AdmitFollowedLink(std::string_view host_key, bool queued_or_done,
                                    uint64_t max_urls_per_host, FrontierFacts& frontier) {
  // A hostile page must not stop the crawl: only that link is dropped.
  if (!frontier.HostKeyFits(host_key)) return Admission{false, false, SkipReason::kInvalid};
  if (queued_or_done) return Admission{true, false, SkipReason::kNone};
  Result<uint64_t> admitted = frontier.AdmittedUrls(host_key);
  if (!admitted) return admitted.error();
  if (max_urls_per_host != 0 && *admitted >= max_urls_per_host) {
    return Admission{false, false, SkipReason::kLimit};
  }
  return Admission{true, true, SkipReason::kNone};
}

}  // namespace nc
