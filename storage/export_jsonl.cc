// --format jsonl: one JSON object per page record (fetched, failed or
// robots-denied), in url id order, with its response headers and outlinks;
// --with-body adds the body: `body` (UTF-8 text) when it is valid UTF-8, else
// `body_base64`.
#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {
namespace {

using export_text::AppendJsonString;

// A redirect chain longer than this is left where it stands (the crawler's
// own limit is lower).
constexpr int kMaxRedirectHops = 32;

// Where the redirects starting at `id` lead, within the snapshot: the target
// of each 3xx page's redirect edge, until a page that is not a redirect or a
// URL not fetched. `url` itself when it is not a redirect.
Result<std::string> FinalUrl(const GraphSource& snapshot, uint64_t id, std::string_view url,
                             const PageView& page) {
  std::string final_url(url);
  std::optional<PageView> current = page;
  for (int hop = 0; hop < kMaxRedirectHops && current && current->http_status / 100 == 3; ++hop) {
    uint64_t next_id = 0;
    const std::string current_url = final_url;  // final_url changes in the callback
    Status s = snapshot.ForEachOutlinkOf(id, current_url, [&](const EdgeIdsView& edge) {
      if (edge.role != LinkRole::kRedirect) return true;
      next_id = edge.target_id;
      final_url.assign(edge.target);
      return false;
    });
    if (!s) return s.error();
    if (next_id == 0) break;
    id = next_id;
    Result<std::optional<PageView>> next = snapshot.PageRecordOf(id, final_url);
    if (!next) return next.error();
    current = *next;
  }
  return final_url;
}

// "HTTP/1.1 200 OK\r\nName: value\r\n..." -> [["Name","value"],...]; lines
// folded with leading white space continue the previous field.
void AppendHeaders(std::string_view raw, std::string* out) {
  out->push_back('[');
  bool first = true, open = false;
  std::string value;
  while (!raw.empty()) {
    size_t eol = raw.find('\n');
    std::string_view line = raw.substr(0, eol);
    raw = eol == std::string_view::npos ? std::string_view() : raw.substr(eol + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.starts_with("HTTP/")) continue;
    if ((line.front() == ' ' || line.front() == '\t') && open) {
      value.push_back(' ');
      value.append(line.substr(line.find_first_not_of(" \t")));
      continue;
    }
    if (open) {
      AppendJsonString(value, out);
      out->push_back(']');
      open = false;
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    if (!first) out->push_back(',');
    first = false;
    out->push_back('[');
    AppendJsonString(line.substr(0, colon), out);
    out->push_back(',');
    std::string_view rest = line.substr(colon + 1);
    const size_t start = rest.find_first_not_of(" \t");
    value.assign(start == std::string_view::npos ? std::string_view() : rest.substr(start));
    open = true;
  }
  if (open) {
    AppendJsonString(value, out);
    out->push_back(']');
  }
  out->push_back(']');
}

std::string_view KindName(FetchKind kind) {
  switch (kind) {
    case FetchKind::kFetched: return "fetched";
    case FetchKind::kFailed: return "failed";
    case FetchKind::kRobotsDenied: return "robots_denied";
  }
  return "unknown";
}

}  // namespace

Status WriteJsonl(const GraphSource& snapshot, const ExportOptions& options, ExportSink& sink) {
  std::string& out = sink.buffer();
  Status error;
  const auto fail = [&error](Error e) {
    error = std::move(e);
    return false;
  };
  Status status = snapshot.ForEachUrl([&](const UrlView& url) {
    if (url.page == nullptr || !options.filter.KeepsUrl(url.url)) return true;
    if (!options.filter.KeepsPage(*url.page)) return true;
    const PageView& page = *url.page;
    Result<NodeFields> node = DescribeNode(url, options);
    if (!node) return fail(node.error());
    Result<std::string> final_url = FinalUrl(snapshot, url.id, url.url, page);
    if (!final_url) return fail(final_url.error());
    out.append("{\"id\":\"" + node->id + "\",\"url\":");
    AppendJsonString(url.url, &out);
    out.append(",\"final_url\":");
    AppendJsonString(*final_url, &out);
    out.append(",\"host\":");
    AppendJsonString(node->host, &out);
    out.append(",\"kind\":\"");
    out.append(KindName(page.kind));
    out.append("\",\"status\":" + std::to_string(page.http_status));
    if (!page.error.empty()) {
      out.append(",\"error\":");
      AppendJsonString(page.error, &out);
    }
    out.append(",\"fetched_at\":\"" + export_text::IsoTime(page.fetch_start_ms) + "\"");
    // Watch mode: when the URL was first seen (absent in older stores).
    Result<std::optional<int64_t>> first_seen = snapshot.FirstSeenOf(url.id, url.url);
    if (!first_seen) return fail(first_seen.error());
    if (*first_seen && **first_seen > 0) {
      out.append(",\"first_seen\":\"" + export_text::IsoTime(**first_seen) + "\"");
    }
    out.append(",\"fetch_ms\":" + std::to_string(page.fetch_end_ms - page.fetch_start_ms));
    out.append(",\"depth\":" + std::to_string(page.depth));
    out.append(",\"content_type\":");
    AppendJsonString(page.content_type, &out);
    out.append(",\"charset\":");
    AppendJsonString(export_text::Charset(page.content_type), &out);
    out.append(",\"headers\":");
    AppendHeaders(page.response_headers, &out);
    if (node->title) {
      out.append(",\"title\":");
      AppendJsonString(*node->title, &out);
    }
    out.append(",\"body_size\":" + std::to_string(page.body_size));
    out.append(page.body_truncated ? ",\"body_truncated\":true" : ",\"body_truncated\":false");
    out.append(",\"outlinks\":[");
    bool first = true;
    Status links = snapshot.ForEachOutlinkOf(url.id, url.url, [&](const EdgeIdsView& edge) {
      if (!options.filter.KeepsEdge(edge.role, edge.followed, edge.source, edge.target)) {
        return true;
      }
      out.append(first ? "{\"id\":\"" : ",{\"id\":\"");
      first = false;
      out.append(NodeId(edge.target_id) + "\",\"url\":");
      AppendJsonString(edge.target, &out);
      out.append(",\"role\":\"");
      out.append(LinkRoleName(edge.role));
      out.append("\",\"anchor\":");
      AppendJsonString(edge.anchor_text, &out);
      out.append(edge.followed ? ",\"followed\":true" : ",\"followed\":false");
      if (!edge.followed) {
        out.append(",\"reason\":\"");
        out.append(EdgeReason(edge));
        out.push_back('"');
      }
      out.push_back('}');
      return true;
    });
    if (!links) return fail(links.error());
    out.push_back(']');
    if (options.with_body) {
      Result<std::string> body = PageBody(page);
      if (!body) return fail(body.error());
      if (export_text::IsValidUtf8(*body)) {
        out.append(",\"body\":");
        AppendJsonString(*body, &out);
      } else {
        out.append(",\"body_base64\":\"");
        export_text::AppendBase64(*body, &out);
        out.push_back('"');
      }
    }
    out.append("}\n");
    return sink.Flush();
  }, GraphSource::UrlPass::kPagesOnly);
  if (!status) return status;
  return error;
}

}  // namespace nc::storage
