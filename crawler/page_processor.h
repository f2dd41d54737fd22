#pragma once
// PageProcessor: turns one finished fetch into the record the storage
// writer commits (a PageRecord, or a RetryLater for a transient failure) —
// content decoding, charset (extraction reads the page as UTF-8; the stored
// body stays as served), link extraction, URL resolution, canonical keys,
// the follow decision (asked of frontier/follow_policy), body compression,
// and with [extract] articles the article of a page that looks like one
// (crawler/extract/article.h, in the same tokenizer pass as the links;
// stored encoded in PageRecord::article, crawler/article_record.h).
// This is the CPU-heavy part of the per-page path, so it runs on worker
// threads, never on the network thread.
//
// Thread safety: immutable after construction; Process() may run on any
// number of threads at once.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/crawl_config.h"
#include "crawler/extract/css_selector_roles.h"
#include "crawler/fetch/http_client.h"
#include "frontier/follow_policy.h"
#include "frontier/host_keyer.h"
#include "frontier/scheduler.h"
#include "frontier/scope.h"
#include "frontier/url.h"
#include "storage/records.h"

namespace nc {

// What the engine knows about the URL that was fetched.
struct FetchContext {
  std::string host_key;
  QueuedUrl url;
};

// A page record with what the queued URL says of itself (URL, host key,
// frontier seq, depth, redirects, this attempt's number): the start of every
// record of a fetched URL, whatever the fetch gave.
storage::PageRecord PageRecordOf(const FetchContext& context);

class PageProcessor {
 public:
  // `config` must have passed ValidateConfig, and its [[site]] selectors
  // must compile (std::invalid_argument otherwise: use Create()). Followed
  // links and redirects are keyed by a HostKeyer of its own, made from
  // config.host_key...
  PageProcessor(const CrawlConfig& config, const CrawlScope& scope);
  // ...or by `host_keyer`, shared with the caller (it must outlive this).
  PageProcessor(const CrawlConfig& config, const CrawlScope& scope, const HostKeyer& host_keyer);
  ~PageProcessor();
  // Errors (code "config.invalid") name the key of a bad [[site]] selector.
  // `host_keyer` as above (null: one of its own).
  static Result<std::unique_ptr<PageProcessor>> Create(const CrawlConfig& config,
                                                       const CrawlScope& scope,
                                                       const HostKeyer* host_keyer = nullptr);

  // Pages of [[site]] hosts whose links Modest could not align with ours
  // (they kept their heuristic roles).
  uint64_t selector_fallbacks() const;

  // The page record of the fetch, or, for a transient failure (timeout,
  // connection error, 429, 5xx) with attempts left (fetch.max_retries), a
  // RetryLater carrying it.
  storage::BatchRecord Process(const FetchContext& context, FetchResult fetch) const;

  // The follow decision for one resolved link of a page at `source_depth`
  // (FollowPolicy::ForLink of this processor's policy). Exposed for tests.
  using Decision = FollowDecision;
  Decision Decide(const Url& target, LinkRole structural_role, uint32_t source_depth,
                  bool nofollow) const;
  // The same with the target's CanonicalKey() already computed.
  Decision Decide(const Url& target, std::string_view canonical_key, LinkRole structural_role,
                  uint32_t source_depth, bool nofollow) const;

  // The Sitemap: lines of the robots.txt at `robots_url` as the links of
  // its canonical URL (storage::RobotsAnswer::sitemaps): one `feed` outlink each, at
  // depth 1 (robots.txt stands beside the seeds), followed when in scope,
  // `external` with reason scope otherwise. Lines that do not resolve to an
  // http(s) URL are left out. Nothing when `robots_url` does not parse.
  std::optional<storage::LinksOnly> RobotsSitemaps(std::string_view robots_url,
                                                   const std::vector<std::string>& sitemaps) const;

 private:
  storage::PageRecord BuildPage(const FetchContext& context, FetchResult fetch) const;
  void AddRedirect(const FetchContext& context, const Url& source, const FetchResult& fetch,
                   storage::PageRecord& record) const;
  // `stored_html`: `html` when it is the body stored with the page (the
  // article record then refers to it), else empty.
  void AddLinks(const FetchContext& context, const Url& source, std::string_view html,
                std::string_view stored_html, bool header_nofollow,
                storage::PageRecord& record) const;
  // Entries of a sitemap or feed. False when `body` is not a feed we read
  // (well-formed XML of another kind), so the caller may try it as HTML.
  bool AddFeedEntries(const FetchContext& context, const Url& source, std::string_view body,
                      bool header_nofollow, storage::PageRecord& record) const;
  // One outlink with the follow decision; nothing when `href` does not
  // resolve. `target` is scratch space, reused from link to link.
  void AddOutlink(const FetchContext& context, const UrlResolver& base, std::string_view href,
                  LinkRole role, bool nofollow, std::string anchor_text, Url& target,
                  storage::PageRecord& record) const;

  const CrawlConfig& config_;
  const CanonicalOptions canonical_;
  std::unique_ptr<HostKeyer> owned_host_keyer_;  // null when the caller's is used
  const HostKeyer& host_keyer_;
  const FollowPolicy policy_;
  // [[site]] CSS-selector role overrides; null when the config has none.
  std::unique_ptr<const CssSelectorRoles> css_roles_;
};

// True for HTML media types (text/html, application/xhtml+xml), or when the
// type is missing and the body looks like HTML.
bool LooksLikeHtml(std::string_view content_type, std::string_view body);

// True for the XML types sitemaps and feeds are served as (application/xml,
// text/xml, application/rss+xml, application/atom+xml), or, for other types
// except HTML, a body that starts like one (<?xml, <rss, <feed, <urlset,
// <sitemapindex), or a gzip body fetched from a ".xml.gz" URL.
bool LooksLikeFeed(std::string_view content_type, std::string_view body, std::string_view url);

// A body whose decoding was cut at max_body_bytes (`cut_by_decoding`) after
// inflating at least 100 times its transferred size.
bool IsDecompressionBomb(bool cut_by_decoding, uint64_t transferred_bytes, uint64_t decoded_bytes);

// Timeouts, connection failures, 429 and 5xx: worth another try later.
bool IsTransientFailure(const FetchResult& fetch);

// X-Robots-Tag / meta robots value contains nofollow (or none).
bool DirectiveHasNofollow(std::string_view value);

}  // namespace nc
