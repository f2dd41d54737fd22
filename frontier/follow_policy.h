#pragma once
// FollowPolicy: the one place that decides whether a link is followed and,
// when it is not, why: the SkipReason stored with the edge and exported
// (link.h names them). The decision is made in two halves, because the facts
// it needs are known in two places:
//
// 1. On the page (FollowPolicy, on the worker that processes the fetched
//    page). A link, in this order:
//      scope     outside CrawlScope or refused by allow_hosts/deny_hosts
//                (the role becomes `external`)
//      role      not in follow_roles; `feed` is always wanted, `nav` only
//                from pages above section_depth
//      nofollow  rel=nofollow, or the page's meta robots / X-Robots-Tag
//      filter    crawl.include / crawl.exclude (on the canonical URL)
//      limit     one hop beyond max_depth
//      trap      a shape no editor makes (too long, a repeated path
//                segment, a pile of query parameters)
//    A redirect target (role `redirect`): scope, filter, then limit when it
//    takes more than max_redirects hops.
// 2. At commit (AdmitFollowedLink, in the storage writer's transaction, the
//    only place that knows what the durable frontier holds), for a link the
//    first half follows:
//      invalid   a host key the frontier cannot store
//      limit     the host has had max_pages_per_host URLs already
//    Storage answers the questions through FrontierFacts and keeps the
//    counts; a target already queued or fetched stays followed without
//    entering the frontier again.
// `robots` is decided by the scheduler, which learns robots.txt only when it
// reaches the host.
//
// Thread safety: FollowPolicy is immutable after Create(); any thread may
// call it. AdmitFollowedLink runs wherever its FrontierFacts may be used.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "common/result.h"
#include "frontier/link.h"

namespace nc {

struct CrawlConfig;
class CrawlScope;
class FollowFilter;
struct Url;

// URLs longer than this are recorded but not followed: real article URLs are
// far shorter, and calendar/session traps grow without bound.
inline constexpr size_t kMaxFollowedUrlLength = 2048;

// A path naming one segment this many times is a loop of relative links
// ("/a/b/a/b/a/b", "/x/x/x": a relative href resolved against a page that
// already has it), not a page an editor made. Twice happens in real URLs
// ("/2024/01/01/..."), so the bar is three.
inline constexpr size_t kMaxSegmentRepeats = 3;

// Article URLs carry a handful of query parameters at most; faceted search
// and calendar pages pile them up (each filter one more), giving a
// combinatorial number of URLs for the same content.
inline constexpr size_t kMaxQueryParams = 16;

// Trap shapes: some path segment repeated kMaxSegmentRepeats or more times,
// or more than kMaxQueryParams query parameters.
bool HasRepeatedPathSegments(const Url& url);
bool HasTooManyQueryParams(const Url& url);

struct FollowDecision {
  LinkRole role = LinkRole::kOther;  // `external` when refused for scope
  bool follow = false;
  SkipReason reason = SkipReason::kNone;  // kNone exactly when follow
};

class FollowPolicy {
 public:
  // `config` must have passed ValidateConfig; `scope` must outlive the
  // policy. Errors (code "config.invalid") are FollowFilter's: they name the
  // key of a bad regex or host pattern.
  static Result<FollowPolicy> Create(const CrawlConfig& config, const CrawlScope& scope);
  FollowPolicy(FollowPolicy&&) noexcept;
  FollowPolicy& operator=(FollowPolicy&&) noexcept;
  ~FollowPolicy();

  // A link found with `role` (heuristic or [[site]] selector) on a page at
  // `source_depth`; `nofollow` when the link or its page says so.
  // `canonical_key` is CanonicalKey(target) with default CanonicalOptions.
  FollowDecision ForLink(const Url& target, std::string_view canonical_key, LinkRole role,
                         uint32_t source_depth, bool nofollow) const;
  // The same, computing the canonical key.
  FollowDecision ForLink(const Url& target, LinkRole role, uint32_t source_depth,
                         bool nofollow) const;
  // The Location of a 3xx, reached after `redirects` hops (this one
  // included). The role stays `redirect` whatever the reason.
  FollowDecision ForRedirect(const Url& target, std::string_view canonical_key,
                             uint32_t redirects) const;

 private:
  FollowPolicy(const CrawlConfig& config, const CrawlScope& scope,
               std::unique_ptr<const FollowFilter> filter);
  // Outside the scope, or a host the host lists refuse.
  bool OutOfScope(const Url& target) const;

  const CrawlScope* scope_;
  std::unique_ptr<const FollowFilter> filter_;  // include/exclude/allow_hosts/deny_hosts
  uint32_t follow_roles_;  // bit (1 << role) per role of follow_roles
  uint32_t max_depth_;      // 0: no limit
  uint32_t section_depth_;  // nav links are wanted from pages above it
  uint32_t max_redirects_;
};

// What the commit-time half asks the durable frontier. Implemented by the
// storage writer over its write transaction.
class FrontierFacts {
 public:
  virtual ~FrontierFacts() = default;
  // Whether `host_key` can key frontier entries.
  virtual bool HostKeyFits(std::string_view host_key) const = 0;
  // URLs admitted to the frontier under `host_key` so far, by any run.
  virtual Result<uint64_t> AdmittedUrls(std::string_view host_key) = 0;
};

struct Admission {
  bool follow = false;   // the edge is followed: its target is queued, now or before
  bool enqueue = false;  // the target enters the frontier now (one more admitted URL)
  SkipReason reason = SkipReason::kNone;  // kNone exactly when follow
};

// The commit-time half for a link the page-time half follows, keyed by
// `host_key`. `queued_or_done`: the store has its target queued or fetched
// already. `max_urls_per_host` is crawl.max_pages_per_host (0: no cap).
// Errors are `frontier`'s.
Result<Admission> AdmitFollowedLink(std::string_view host_key, bool queued_or_done,
                                    uint64_t max_urls_per_host, FrontierFacts& frontier);

}  // namespace nc
