#include "storage/export.h"

#include <fnmatch.h>

#include <algorithm>

#include "common/ascii.h"
#include "storage/body_codec.h"
#include "storage/export_text.h"
#include "storage/export_writers.h"
#include "storage/snapshot_merged.h"

namespace nc::storage {
namespace {

constexpr size_t kSinkFlushBytes = 64 * 1024;

std::string_view StateName(const UrlView& url) {
  switch (url.status) {
    case UrlStatus::kKnown: return "known";
    case UrlStatus::kQueued: return "queued";
    case UrlStatus::kPage: break;
  }
  switch (url.page->kind) {
    case FetchKind::kFetched: return "fetched";
    case FetchKind::kFailed: return "failed";
    case FetchKind::kRobotsDenied: return "robots_denied";
  }
  return "unknown";
}

bool IsHtml(std::string_view content_type) {
  const std::string lower = ascii::ToLower(content_type.substr(0, 64));
  return lower.find("html") != std::string::npos;
}

}  // namespace

std::optional<ExportFormat> ParseExportFormat(std::string_view name) {
  if (name == "edges") return ExportFormat::kEdges;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "nodes-csv") return ExportFormat::kNodesCsv;
  if (name == "graphml") return ExportFormat::kGraphml;
  if (name == "gexf") return ExportFormat::kGexf;
  if (name == "dot") return ExportFormat::kDot;
  if (name == "jsonl") return ExportFormat::kJsonl;
  if (name == "warc") return ExportFormat::kWarc;
  return std::nullopt;
}

Result<std::vector<LinkRole>> ParseRoleList(std::string_view list) {
  std::vector<LinkRole> roles;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view name = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (name.empty()) continue;
    std::optional<LinkRole> role = ParseLinkRole(name);
    if (!role) {
      return MakeError("export.usage",
                       "unknown link role '" + std::string(name) +
                           "' (roles: headline, related, nav, footer, external, other, "
                           "redirect, feed)");
    }
    roles.push_back(*role);
  }
  return roles;
}

bool ExportFilter::KeepsUrl(std::string_view url) const {
  if (host_patterns.empty()) return true;
  const std::string host(export_text::UrlHost(url));
  for (const std::string& pattern : host_patterns) {
    if (fnmatch(pattern.c_str(), host.c_str(), FNM_CASEFOLD) == 0) return true;
  }
  return false;
}

bool ExportFilter::KeepsEdge(LinkRole role, bool followed, std::string_view source,
                             std::string_view target) const {
  if (followed_only && !followed) return false;
  if (!roles.empty() && std::find(roles.begin(), roles.end(), role) == roles.end()) return false;
  return KeepsUrl(source) && KeepsUrl(target);
}

bool ExportSink::Flush(bool force) {
  if (!out_.good()) return false;
  if (buffer_.size() >= kSinkFlushBytes || (force && !buffer_.empty())) {
    out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_.clear();
  }
  return out_.good();
}

Status ExportSink::Finish() {
  Flush(/*force=*/true);
  out_.flush();
  if (!out_.good()) return MakeError("export.write", "writing the output failed");
  return Status::Ok();
}

std::string NodeId(uint64_t url_id) { return "n" + std::to_string(url_id); }

std::string EdgeId(const EdgeIdsView& edge) {
  return "e" + std::to_string(edge.source_id) + "_" + std::to_string(edge.ordinal);
}

std::string_view EdgeReason(const EdgeIdsView& edge) {
  return edge.followed ? std::string_view() : SkipReasonName(edge.reason);
}

Status ForEachKeptNode(const GraphSource& snapshot, const ExportOptions& options,
                       const std::function<bool(const NodeFields&)>& write) {
  Status error;
  Status status = snapshot.ForEachUrl([&](const UrlView& url) {
    if (!options.filter.KeepsUrl(url.url)) return true;
    Result<NodeFields> node = DescribeNode(url, options);
    if (!node) {
      error = node.error();
      return false;
    }
    return write(*node);
  });
  if (!status) return status;
  return error;
}

Status ForEachKeptEdge(const GraphSource& snapshot, const ExportOptions& options,
                       const std::function<bool(const EdgeIdsView&)>& write) {
  return snapshot.ForEachEdge([&](const EdgeIdsView& edge) {
    if (!options.filter.KeepsEdge(edge.role, edge.followed, edge.source, edge.target)) {
      return true;
    }
    return write(edge);
  });
}

Result<std::string> PageBody(const PageView& page) {
  if (page.body_zstd.empty()) return std::string();
  return DecompressBody(page.body_zstd);
}

Result<NodeFields> DescribeNode(const UrlView& url, const ExportOptions& options) {
  NodeFields node;
  node.id = NodeId(url.id);
  node.url = url.url;
  node.host = export_text::UrlHost(url.url);
  node.state = StateName(url);
  if (url.page == nullptr) return node;
  const PageView& page = *url.page;
  node.depth = page.depth;
  if (page.kind != FetchKind::kFetched) return node;
  node.fetched = true;
  node.status = page.http_status;
  node.content_type = page.content_type;
  node.fetched_at = export_text::IsoTime(page.fetch_start_ms);
  if (options.title && IsHtml(page.content_type) && !page.body_zstd.empty()) {
    Result<std::string> body = PageBody(page);
    if (!body) return body.error();
    node.title = options.title(*body);
  }
  return node;
}

namespace {

Status CheckOptions(const ExportOptions& options) {
  if (options.by_host && options.format != ExportFormat::kDot) {
    return MakeError("export.usage", "--by-host is only for --format dot");
  }
  if (options.header && options.format != ExportFormat::kEdges) {
    return MakeError("export.usage", "--header is only for --format edges (csv has one always)");
  }
  if (options.with_body && options.format != ExportFormat::kJsonl) {
    return MakeError("export.usage", "--with-body is only for --format jsonl");
  }
  if (options.warc_files.max_size != 0 && options.format != ExportFormat::kWarc) {
    return MakeError("export.usage", "--max-size is only for --format warc");
  }
  if (options.filter.since_ms && options.format != ExportFormat::kJsonl &&
      options.format != ExportFormat::kWarc) {
    return MakeError("export.usage",
                     "--since is only for the page formats, jsonl and warc (a graph keeps "
                     "every URL the store knows)");
  }
  return Status::Ok();
}

Status ExportFrom(const GraphSource& snapshot, const ExportOptions& options, std::ostream& out) {
  ExportSink sink(out);
  Status status;
  switch (options.format) {
    case ExportFormat::kEdges: status = WriteEdgesTsv(snapshot, options, sink); break;
    case ExportFormat::kCsv: status = WriteEdgesCsv(snapshot, options, sink); break;
    case ExportFormat::kNodesCsv: status = WriteNodesCsv(snapshot, options, sink); break;
    case ExportFormat::kGraphml: status = WriteGraphml(snapshot, options, sink); break;
    case ExportFormat::kGexf: status = WriteGexf(snapshot, options, sink); break;
    case ExportFormat::kDot:
      status = options.by_host ? WriteDotByHost(snapshot, options, sink)
                               : WriteDot(snapshot, options, sink);
      break;
    case ExportFormat::kJsonl: status = WriteJsonl(snapshot, options, sink); break;
    case ExportFormat::kWarc: status = WriteWarc(snapshot, options, sink); break;
  }
  if (!status) return status;
  return sink.Finish();
}

}  // namespace

Status Export(const Store& store, const ExportOptions& options, std::ostream& out) {
  if (Status s = CheckOptions(options); !s) return s;
  Result<StoreSnapshot> snapshot = StoreSnapshot::Begin(store);
  if (!snapshot) return snapshot.error();
  return ExportFrom(*snapshot, options, out);
}

Status Export(const std::vector<const Store*>& stores, const ExportOptions& options,
              std::ostream& out) {
  if (stores.empty()) return MakeError("export.usage", "no store to export");
  if (stores.size() == 1) return Export(*stores.front(), options, out);
  if (Status s = CheckOptions(options); !s) return s;
  Result<MergedSnapshot> merged = MergedSnapshot::Begin(stores);
  if (!merged) return merged.error();
  return ExportFrom(*merged, options, out);
}

}  // namespace nc::storage
