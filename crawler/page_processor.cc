#include "crawler/page_processor.h"

#include <algorithm>
#include <cctype>

#include "crawler/content_decoding.h"
#include "crawler/html_links.h"

namespace nc {
namespace {

// URLs longer than this are recorded but not followed: real article URLs are
// far shorter, and calendar/session traps grow without bound.
constexpr size_t kMaxFollowedUrlLength = 2048;

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

}  // namespace

bool LooksLikeHtml(std::string_view content_type, std::string_view body) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  type.erase(std::remove_if(type.begin(), type.end(), [](char c) { return c == ' '; }), type.end());
  if (!type.empty()) return type == "text/html" || type == "application/xhtml+xml";
  std::string head = Lower(body.substr(0, 512));
  return head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
}

bool DirectiveHasNofollow(std::string_view value) {
  std::string lower = Lower(value);
  return lower.find("nofollow") != std::string::npos || lower.find("none") != std::string::npos;
}

PageProcessor::PageProcessor(const CrawlConfig& config, const CrawlScope& scope)
    : config_(config), scope_(scope), canonical_() {
  for (const auto& name : config.follow_roles) {
    if (auto role = ParseLinkRole(name)) follow_roles_.insert(*role);
  }
}

PageProcessor::Decision PageProcessor::Decide(const Url& target, LinkRole structural_role,
                                              uint32_t source_depth, bool nofollow) const {
  Decision d{structural_role, false, SkipReason::kNone};
  if (!scope_.Contains(target)) {
    d.role = LinkRole::kExternal;
    d.reason = SkipReason::kScope;
    return d;
  }
  bool wanted = follow_roles_.count(d.role) > 0 ||
                (d.role == LinkRole::kNav && source_depth < config_.section_depth);
  if (!wanted) {
    d.reason = SkipReason::kRole;
  } else if (nofollow) {
    d.reason = SkipReason::kNofollow;
  } else if (config_.max_depth != 0 && source_depth + 1 > config_.max_depth) {
    d.reason = SkipReason::kLimit;
  } else if (target.spec.size() > kMaxFollowedUrlLength) {
    d.reason = SkipReason::kTrap;
  } else {
    d.follow = true;
  }
  return d;
}

storage::PageRecord PageProcessor::Process(const FetchContext& context, FetchResult fetch) const {
  storage::PageRecord record;
  record.url = context.url.url;
  record.host_key = context.host_key;
  record.frontier_seq = context.url.seq;
  record.depth = context.url.depth;
  record.fetch_start_ms = fetch.started_wall_ms;
  record.fetch_end_ms = fetch.finished_wall_ms;

  if (fetch.error != FetchError::kNone) {
    record.kind = storage::FetchKind::kFailed;
    record.error = std::string(FetchErrorName(fetch.error)) + ": " + fetch.error_detail;
    return record;
  }
  record.kind = storage::FetchKind::kFetched;
  record.http_status = static_cast<uint16_t>(fetch.http_status);
  record.content_type = std::move(fetch.content_type);
  record.response_headers = std::move(fetch.raw_headers);

  const bool cut_by_network = fetch.truncated;
  auto decoded = DecodeContent(fetch.content_encoding, std::move(fetch.body), config_.max_body_bytes,
                               cut_by_network);
  std::string body;
  if (decoded.ok()) {
    body = std::move(decoded->bytes);
    record.body_truncated = cut_by_network || decoded->truncated;
  } else {
    // The body could not be decoded: keep the page record (status, headers)
    // with the reason, and extract nothing from it.
    record.error = decoded.error().message;
    record.body_truncated = cut_by_network;
  }

  auto source = ParseUrl(record.url);
  if (source.ok()) {
    if (fetch.http_status >= 300 && fetch.http_status < 400 && !fetch.location.empty()) {
      AddRedirect(context, *source, fetch, record);
    } else if (fetch.http_status >= 200 && fetch.http_status < 300 && decoded.ok() &&
               LooksLikeHtml(record.content_type, body)) {
      AddLinks(context, *source, body, DirectiveHasNofollow(fetch.x_robots_tag), record);
    }
  }

  record.body_size = body.size();
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
  if (!scope_.Contains(*target)) {
    link.reason = SkipReason::kScope;
  } else if (link.redirects > config_.max_redirects) {
    link.reason = SkipReason::kLimit;
  } else {
    link.follow = true;
  }
  record.links.push_back(std::move(link));
}

void PageProcessor::AddLinks(const FetchContext& context, const Url& source, std::string_view html,
                             bool header_nofollow, storage::PageRecord& record) const {
  PageLinks page = ExtractLinks(html);
  Url base = source;
  if (!page.base_href.empty()) {
    if (auto resolved = ResolveUrl(source, page.base_href); resolved.ok()) base = *resolved;
  }
  const bool page_nofollow = header_nofollow || page.meta_nofollow;
  record.links.reserve(page.links.size());
  for (auto& extracted : page.links) {
    auto target = ResolveUrl(base, extracted.href);
    if (!target.ok()) continue;  // mailto:, javascript:, malformed: not an edge between pages
    Decision d = Decide(*target, extracted.role, context.url.depth,
                        page_nofollow || extracted.rel_nofollow);
    storage::OutlinkRecord link;
    link.target = CanonicalKey(*target, canonical_);
    link.host_key = HostKey(*target);
    link.anchor_text = std::move(extracted.anchor_text);
    link.role = d.role;
    link.follow = d.follow;
    link.reason = d.reason;
    link.depth = context.url.depth + 1;
    record.links.push_back(std::move(link));
  }
}

}  // namespace nc
