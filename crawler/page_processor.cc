#include "crawler/page_processor.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "common/ascii.h"
#include "crawler/extract/charset.h"
#include "crawler/extract/content_decoding.h"
#include "crawler/extract/feed_parser.h"
#include "crawler/article_record.h"
#include "crawler/extract/article.h"
#include "crawler/extract/article_dom.h"
#include "crawler/extract/html_links.h"
#include "crawler/extract/link_memo.h"
#include "crawler/name_resolver.h"
#include "frontier/redirect_chain.h"
#include "storage/body_codec.h"

namespace nc {
namespace {

std::string MediaType(std::string_view content_type) {
  std::string type = ascii::ToLower(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](char c) { return c == ' ' || c == '\t'; }),
             type.end());
  return type;
}

// A link resolved before on this thread: a site's menus and footer repeat
// on every page, and a story is linked from the pages around it.
struct ResolvedLink {
  bool ok = false;
  Url url;
  std::string canonical_key;  // with default CanonicalOptions (PageProcessor::canonical_)
};
using ResolvedLinkMemo = LinkMemo<ResolvedLink, 1024>;

// The memo's prefix for `href` resolved by `base`, when the result depends
// on nothing else: an absolute http(s) href written in lower case depends
// on itself alone ("\x01"; a base whose authority it repeats gives the
// same URL, the resolver's shortcut); one that starts with '/' ("/a", and
// "//host/a" too) on the base's origin. Nothing for the others: relative
// paths, queries and fragments depend on the base's path.
std::optional<std::string_view> ResolvedLinkPrefix(const UrlResolver& base,
                                                   std::string_view href) {
  if (href.starts_with("http://") || href.starts_with("https://")) return std::string_view("\x01");
  if (!href.starts_with('/')) return std::nullopt;
  const std::string_view origin = base.origin_spec();  // starts "http", never "\x01"
  if (origin.empty()) return std::nullopt;
  return origin;
}

}  // namespace

bool LooksLikeHtml(std::string_view content_type, std::string_view body) {
  const std::string type = MediaType(content_type);
  if (!type.empty()) return type == "text/html" || type == "application/xhtml+xml";
  std::string head = ascii::ToLower(body.substr(0, 512));
  return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

bool LooksLikeFeed(std::string_view content_type, std::string_view body, std::string_view url) {
  const std::string type = MediaType(content_type);
  if (type == "application/xml" || type == "text/xml" || type == "application/rss+xml" ||
      type == "application/atom+xml") {
    return true;
  }
  if (type == "text/html" || type == "application/xhtml+xml") return false;
  std::string_view path = url.substr(0, url.find_first_of("?#"));
  if (HasGzipMagic(body)) return ascii::EndsWithIgnoreCase(path, ".xml.gz");
  // Skip a UTF-8 byte order mark and leading whitespace.
  if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
  while (!body.empty() && (body.front() == ' ' || body.front() == '\n' || body.front() == '\r' ||
                           body.front() == '\t')) {
    body.remove_prefix(1);
  }
  for (std::string_view start : {"<?xml", "<rss", "<feed", "<urlset", "<sitemapindex"}) {
    if (body.starts_with(start)) return true;
  }
  return false;
}

bool IsDecompressionBomb(bool cut_by_decoding, uint64_t transferred_bytes,
                         uint64_t decoded_bytes) {
  // Text compresses 3 to 20 times; a body that still had more to give at
  // max_body_bytes after inflating 100 times was built to blow up.
  return cut_by_decoding && decoded_bytes / std::max<uint64_t>(transferred_bytes, 1) >= 100;
}

bool IsTransientFailure(const FetchResult& fetch) {
  switch (fetch.error) {
    case FetchError::kNone:
      return fetch.http_status == 429 || fetch.http_status >= 500;
    case FetchError::kDns:
      // A name that does not resolve will not start to within the run.
      return fetch.host_failure != HostFailure::kNameDoesNotResolve;
    case FetchError::kTimeout:
      // A response still arriving at total_timeout was being served, only
      // too slowly (a drip, a slowloris): each further attempt would hold
      // the URL another total_timeout, for the same outcome.
      return fetch.reason != FailureReason::kTotalTimeout;
    case FetchError::kConnect:
    case FetchError::kConnectionLost:
      return true;
    default:  // invalid URL, TLS, malformed HTTP, cancelled: trying again will not help
      return false;
  }
}

bool DirectiveHasNofollow(std::string_view value) {
  const std::string lower = ascii::ToLower(value);
  return lower.find("nofollow") != std::string::npos || lower.find("none") != std::string::npos;
}

namespace {

// The constructor's builders: PageProcessor::Create reports the same errors
// as values first.
FollowPolicy MakeFollowPolicy(const CrawlConfig& config, const CrawlScope& scope) {
  auto policy = FollowPolicy::Create(config, scope);
  if (!policy) throw std::invalid_argument(policy.error().message);
  return std::move(*policy);
}

std::unique_ptr<const CssSelectorRoles> MakeCssRoles(const CrawlConfig& config) {
  if (config.sites.empty()) return nullptr;
  auto roles = CssSelectorRoles::Create(config.sites);
  if (!roles) throw std::invalid_argument(roles.error().message);
  return std::move(*roles);
}

}  // namespace

Result<std::unique_ptr<PageProcessor>> PageProcessor::Create(const CrawlConfig& config,
                                                             const CrawlScope& scope,
                                                             const HostKeyer* host_keyer) {
  // The constructor throws only for what these report.
  if (auto policy = FollowPolicy::Create(config, scope); !policy) return policy.error();
  if (!config.sites.empty()) {
    if (auto roles = CssSelectorRoles::Create(config.sites); !roles) return roles.error();
  }
  if (host_keyer != nullptr) return std::make_unique<PageProcessor>(config, scope, *host_keyer);
  return std::make_unique<PageProcessor>(config, scope);
}

PageProcessor::~PageProcessor() = default;

uint64_t PageProcessor::selector_fallbacks() const {
  return css_roles_ ? css_roles_->fallbacks() : 0;
}

PageProcessor::PageProcessor(const CrawlConfig& config, const CrawlScope& scope)
    : config_(config),
      canonical_(),
      owned_host_keyer_(std::make_unique<HostKeyer>(
          HostKeyerOptions::FromConfig(config, SystemNameLookup))),
      host_keyer_(*owned_host_keyer_),
      policy_(MakeFollowPolicy(config, scope)),
      css_roles_(MakeCssRoles(config)) {}

PageProcessor::PageProcessor(const CrawlConfig& config, const CrawlScope& scope,
                             const HostKeyer& host_keyer)
    : config_(config),
      canonical_(),
      host_keyer_(host_keyer),
      policy_(MakeFollowPolicy(config, scope)),
      css_roles_(MakeCssRoles(config)) {}

PageProcessor::Decision PageProcessor::Decide(const Url& target, LinkRole structural_role,
                                              uint32_t source_depth, bool nofollow) const {
  return Decide(target, CanonicalKey(target, canonical_), structural_role, source_depth, nofollow);
}

PageProcessor::Decision PageProcessor::Decide(const Url& target, std::string_view canonical_key,
                                              LinkRole structural_role, uint32_t source_depth,
                                              bool nofollow) const {
  return policy_.ForLink(target, canonical_key, structural_role, source_depth, nofollow);
}

storage::BatchRecord PageProcessor::Process(const FetchContext& context, FetchResult fetch) const {
  if (IsTransientFailure(fetch) && context.url.attempts < config_.max_retries) {
    return storage::RetryLater{BuildPage(context, std::move(fetch)), context.url.attempts};
  }
  return BuildPage(context, std::move(fetch));
}

storage::PageRecord PageRecordOf(const FetchContext& context) {
  storage::PageRecord record;
  record.url = context.url.url;
  record.host_key = context.host_key;
  record.frontier_seq = context.url.seq;
  record.depth = context.url.depth;
  record.redirects = context.url.redirects;
  record.attempts = context.url.attempts + 1;
  return record;
}

storage::PageRecord PageProcessor::BuildPage(const FetchContext& context, FetchResult fetch) const {
  storage::PageRecord record = PageRecordOf(context);
  record.redirect_chain = context.url.redirect_chain;
  record.fetch_start_ms = fetch.started_wall_ms;
  record.fetch_end_ms = fetch.finished_wall_ms;

  if (fetch.error != FetchError::kNone) {
    record.kind = storage::FetchKind::kFailed;
    record.error = std::string(FetchErrorName(fetch.error)) + ": " + fetch.error_detail;
    record.reason = fetch.reason != FailureReason::kNone ? fetch.reason
                                                         : FailureReason::kConnectionLost;
    return record;
  }
  record.kind = storage::FetchKind::kFetched;
  record.request = std::move(fetch.request);
  record.peer_address = std::move(fetch.peer_address);
  record.http_status = static_cast<uint16_t>(fetch.http_status);
  record.reason = FailureReasonForHttpStatus(fetch.http_status);
  record.content_type = std::move(fetch.content_type);
  record.response_headers = std::move(fetch.raw_headers);
  record.etag = std::move(fetch.etag);
  record.last_modified = std::move(fetch.last_modified);

  const bool cut_by_network = fetch.truncated;
  const uint64_t transferred_bytes = fetch.body.size();
  // A content-coded body is also kept as received (for an exact archive);
  // without a coding the decoded body is the one received, kept once.
  if (!fetch.content_encoding.empty()) record.received_body = fetch.body;
  auto decoded = DecodeContent(fetch.content_encoding, std::move(fetch.body), config_.max_body_bytes,
                               cut_by_network);
  std::string body;
  bool bomb = false;
  if (decoded.ok()) {
    body = std::move(decoded->bytes);
    record.body_truncated = cut_by_network || decoded->truncated;
    // The ratio of what was decoded: a bomb cut at max_body_bytes has used
    // only the first KiB of a body that may be megabytes long.
    bomb = IsDecompressionBomb(decoded->truncated && !cut_by_network,
                               std::min(transferred_bytes, decoded->consumed_bytes), body.size());
    if (bomb && record.reason == FailureReason::kNone) {
      record.reason = FailureReason::kDecompressionBomb;
      record.error = "content: " + fetch.content_encoding + " body of " +
                     std::to_string(transferred_bytes) + " bytes inflates past max_body_bytes (" +
                     std::to_string(config_.max_body_bytes) + ")";
    }
    if (bomb) {
      // max_body_bytes of filler: nothing to extract or store (the body as
      // received stays, a few KiB). Freed now, not after link and article
      // extraction and compression have each held it, once per worker.
      std::string().swap(body);
    }
  } else {
    // The body could not be decoded: keep the page record (status, headers)
    // with the reason, and extract nothing from it.
    record.error = decoded.error().message;
    record.body_truncated = cut_by_network;
    if (record.reason == FailureReason::kNone) record.reason = FailureReason::kDecodeError;
  }

  // Extraction reads UTF-8; the stored body stays as served.
  const bool usable = decoded.ok() && !bomb;
  const bool html = usable && LooksLikeHtml(record.content_type, body);
  std::string transcoded;
  std::string_view html_utf8 = body;
  if (html) {
    const Charset charset = SniffHtmlCharset(record.content_type, body);
    record.charset = std::string(charset.name);
    if (NeedsTranscoding(body, charset.name)) {
      transcoded = TranscodeToUtf8(body, charset.name);
      html_utf8 = transcoded;
    }
  } else {
    record.charset = std::string(CanonicalCharset(ContentTypeCharsetLabel(record.content_type)));
  }

  auto source = ParseUrl(record.url);
  if (source.ok()) {
    if (fetch.http_status >= 300 && fetch.http_status < 400 && !fetch.location.empty()) {
      AddRedirect(context, *source, fetch, record);
    } else if (fetch.http_status >= 200 && fetch.http_status < 300 && usable) {
      const bool nofollow = DirectiveHasNofollow(fetch.x_robots_tag);
      const bool feed = LooksLikeFeed(record.content_type, body, record.url) &&
                        AddFeedEntries(context, *source, body, nofollow, record);
      if (!feed && html) {
        // The article record refers to the stored body for its text when
        // the extracted HTML is that body (not a transcoded copy).
        const std::string_view stored_html = transcoded.empty() ? html_utf8 : std::string_view();
        AddLinks(context, *source, html_utf8, stored_html, nofollow, record);
      }
    }
  }

  record.body_size = body.size();
  record.received_body_differs = !record.received_body.empty() && record.received_body != body;
  if (!record.received_body_differs) record.received_body.clear();
  if (!body.empty()) record.body_zstd = storage::CompressBody(body, config_.zstd_level);
  return record;
}

void PageProcessor::AddRedirect(const FetchContext& context, const Url& source,
                                const FetchResult& fetch, storage::PageRecord& record) const {
  auto target = ResolveUrl(source, fetch.location);
  if (!target.ok()) {
    record.error = "redirect: " + target.error().message;
    return;
  }
  storage::OutlinkRecord link;
  link.target = CanonicalKey(*target, canonical_);
  link.host_key = HostKey(*target);
  link.role = LinkRole::kRedirect;
  link.depth = context.url.depth;  // a redirect does not take the crawl further from the seed
  link.redirects = context.url.redirects + 1;
  const FollowDecision d = policy_.ForRedirect(*target, link.target, link.redirects);
  link.follow = d.follow;
  link.reason = d.reason;
  if (const auto loop = RedirectLoopLength(context.url.redirect_chain, record.url, link.target)) {
    // Fetching it again would only bring the same answers (and the target
    // is known already, so it would not be fetched: the chain ends here).
    record.reason = FailureReason::kRedirectLoop;
    record.error = *loop == 1 ? "redirect: " + record.url + " redirects to itself"
                              : "redirect: " + record.url + " redirects back to " + link.target +
                                    ", a loop of " + std::to_string(*loop) + " hops";
  } else if (!d.follow && d.reason == SkipReason::kLimit) {
    record.reason = FailureReason::kTooManyRedirects;
    record.error = "redirect: more than max_redirects (" + std::to_string(config_.max_redirects) +
                   ") hops to " + link.target;
  }
  if (d.follow) {
    link.host_key = host_keyer_.Key(*target);
    link.redirect_chain = ExtendRedirectChain(context.url.redirect_chain, record.url);
  }
  record.links.push_back(std::move(link));
}

void PageProcessor::AddLinks(const FetchContext& context, const Url& source, std::string_view html,
                             std::string_view stored_html, bool header_nofollow,
                             storage::PageRecord& record) const {
  // With [extract] articles the one tokenizer pass also feeds the article
  // scan; without it link extraction runs alone, at its own speed.
  std::optional<PageScanner> scanner;
  if (config_.extract_articles) scanner.emplace();
  PageLinks page =
      scanner ? ExtractLinks(html, source.spec, *scanner) : ExtractLinks(html, source.spec);
  // [[site]] selectors override the heuristic roles; other hosts pay one lookup.
  if (css_roles_) {
    if (const CssSelectorRoles::Site* site = css_roles_->ForHost(source.host)) {
      (void)css_roles_->Apply(*site, html, page.links);  // a fallback is counted inside
    }
  }
  if (scanner) {
    ArticleOptions options;
    options.base_url = source.spec;
    options.fetched_at = record.fetch_end_ms / 1000;
    std::optional<Article> article = ExtractCrawledArticle(html, scanner->Finish(), page, options);
    if (article) record.article = EncodeArticleRecord(*article, config_.zstd_level, stored_html);
  }
  Url base_href;
  if (!page.base_href.empty()) {
    if (auto resolved = ResolveUrl(source, page.base_href); resolved.ok()) {
      base_href = std::move(*resolved);
    }
  }
  // The base is read once for all the page's links, and one Url's buffers
  // take every resolved link in turn.
  const UrlResolver base(base_href.spec.empty() ? source : base_href);
  Url target;
  const bool page_nofollow = header_nofollow || page.meta_nofollow;
  record.links.reserve(page.links.size() + page.feed_hrefs.size());
  for (auto& extracted : page.links) {
    AddOutlink(context, base, extracted.href, extracted.role,
               page_nofollow || extracted.rel_nofollow, std::move(extracted.anchor_text), target,
               record);
  }
  // Feeds are taken from seed pages only: a homepage announces the site's
  // feeds, while every article repeating them would add nothing new.
  if (context.url.depth == 0 && config_.discover_feeds) {
    for (const std::string& href : page.feed_hrefs) {
      AddOutlink(context, base, href, LinkRole::kFeed, page_nofollow, std::string(), target,
                 record);
    }
  }
}

bool PageProcessor::AddFeedEntries(const FetchContext& context, const Url& source,
                                   std::string_view body, bool header_nofollow,
                                   storage::PageRecord& record) const {
  // Default limits (50 MB, 50,000 entries, the sitemap protocol's): a
  // gzipped sitemap may unpack to more than max_body_bytes.
  auto feed = ParseFeed(body);
  if (!feed.ok()) {
    // A broken feed is recorded like an undecodable body: the page stays,
    // with the reason, and nothing is extracted from it.
    if (record.error.empty()) record.error = feed.error().message;
    return true;
  }
  if (feed->kind == FeedKind::kUnknown) return false;
  if (!feed->incomplete.empty() && record.error.empty()) {
    record.error = "feed incomplete: " + feed->incomplete;
  }
  // A sitemap index lists sitemaps; every other kind lists pages.
  const LinkRole role =
      feed->kind == FeedKind::kSitemapIndex ? LinkRole::kFeed : LinkRole::kHeadline;
  record.links.reserve(record.links.size() + feed->entries.size());
  const UrlResolver base(source);
  Url target;
  for (FeedEntry& entry : feed->entries) {
    AddOutlink(context, base, entry.url, role, header_nofollow, std::move(entry.title), target,
               record);
  }
  return true;
}

std::optional<storage::LinksOnly> PageProcessor::RobotsSitemaps(
    std::string_view robots_url, const std::vector<std::string>& sitemaps) const {
  auto source = ParseUrl(robots_url);
  if (!source.ok()) return std::nullopt;
  // robots.txt is fetched before anything else of its origin, so it counts
  // as depth 0 like a seed: a sitemap it names is one hop away.
  FetchContext context{HostKey(*source), QueuedUrl{}};
  context.url.url = CanonicalKey(*source, canonical_);
  context.url.depth = 0;
  storage::PageRecord record;  // only its links are used
  record.links.reserve(sitemaps.size());
  const UrlResolver base(*source);
  Url target;
  for (const std::string& sitemap : sitemaps) {
    AddOutlink(context, base, sitemap, LinkRole::kFeed, /*nofollow=*/false, std::string(), target,
               record);
  }
  return storage::LinksOnly{std::move(context.url.url), std::move(record.links)};
}

void PageProcessor::AddOutlink(const FetchContext& context, const UrlResolver& base,
                               std::string_view href, LinkRole role, bool nofollow,
                               std::string anchor_text, Url& target,
                               storage::PageRecord& record) const {
  const Url* resolved = &target;
  std::string canonical_key;
  thread_local ResolvedLinkMemo memo;
  ResolvedLinkMemo::Slot* slot = nullptr;
  bool hit = false;
  if (const auto prefix = ResolvedLinkPrefix(base, href)) slot = memo.Find(*prefix, href, hit);
  if (hit) {
    if (!slot->value.ok) return;
    resolved = &slot->value.url;
    canonical_key = slot->value.canonical_key;
  } else {
    // mailto:, javascript:, malformed: not an edge between pages.
    const bool ok = base.ResolveInto(href, target).ok();
    if (ok) canonical_key = CanonicalKey(target, canonical_);
    if (slot != nullptr) {
      slot->value.ok = ok;
      if (ok) {
        slot->value.url = target;
        slot->value.canonical_key = canonical_key;
      }
      memo.Keep(*slot);
    }
    if (!ok) return;
  }
  // Built in place, not moved in: three strings and a vector.
  storage::OutlinkRecord& link = record.links.emplace_back();
  link.target = std::move(canonical_key);
  const Decision d = Decide(*resolved, link.target, role, context.url.depth, nofollow);
  // Only followed links go to the frontier; keying the others would resolve
  // every external host in ip mode for nothing.
  link.host_key = d.follow ? host_keyer_.Key(*resolved) : HostKey(*resolved);
  link.anchor_text = std::move(anchor_text);
  link.role = d.role;
  link.follow = d.follow;
  link.reason = d.reason;
  link.depth = context.url.depth + 1;
}

}  // namespace nc
