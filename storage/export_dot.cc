// --format dot: the link graph for Graphviz. URL level (one node per URL,
// label = URL) or, with --by-host, one node per host and one edge per
// (source host, target host) pair weighted by its link count: the readable
// view of a large crawl.
#include <algorithm>
#include <unordered_map>
#include <vector>

#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {
namespace {

using export_text::AppendDotString;

}  // namespace

Status WriteDot(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink) {
  std::string& out = sink.buffer();
  out.append("digraph newscrawl {\n  node [shape=box];\n");
  Status status = ForEachKeptNode(snapshot, options, [&](const NodeFields& node) {
    out.append("  " + node.id + " [label=");
    AppendDotString(node.url, &out);
    out.append(", host=");
    AppendDotString(node.host, &out);
    out.append(", state=\"");
    out.append(node.state);
    out.push_back('"');
    if (node.status) out.append(", status=" + std::to_string(*node.status));
    if (node.depth) out.append(", depth=" + std::to_string(*node.depth));
    if (node.title) {
      out.append(", tooltip=");
      AppendDotString(*node.title, &out);
    }
    out.append("];\n");
    return sink.Flush();
  });
  if (!status) return status;
  status = ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    out.append("  " + NodeId(edge.source_id) + " -> " + NodeId(edge.target_id) + " [id=\"" +
               EdgeId(edge) + "\", role=\"");
    out.append(LinkRoleName(edge.role));
    out.append("\", followed=");
    out.append(edge.followed ? "true" : "false, style=dashed, reason=\"");
    if (!edge.followed) {
      out.append(EdgeReason(edge));
      out.push_back('"');
    }
    if (!edge.anchor_text.empty()) {
      out.append(", anchor=");
      AppendDotString(edge.anchor_text, &out);
    }
    out.append("];\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("}\n");
  return Status::Ok();
}

Status WriteDotByHost(const StoreSnapshot& snapshot, const ExportOptions& options,
                      ExportSink& sink) {
  // Pass 1: the hosts, in order of first sight, with their URL counts.
  std::unordered_map<std::string, uint32_t> host_index;
  std::vector<std::pair<std::string_view, uint64_t>> hosts;  // views into host_index keys
  Status status = snapshot.ForEachUrl([&](const UrlView& url) {
    if (!options.filter.KeepsUrl(url.url)) return true;
    std::string_view host = export_text::UrlHost(url.url);
    auto [it, added] = host_index.try_emplace(std::string(host), hosts.size());
    if (added) hosts.emplace_back(it->first, 0);
    ++hosts[it->second].second;
    return true;
  }, StoreSnapshot::UrlPass::kWithoutState);
  if (!status) return status;
  // Pass 2: link counts per (source host, target host).
  std::unordered_map<uint64_t, uint64_t> pair_links;
  Status error;
  status = ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    auto source = host_index.find(std::string(export_text::UrlHost(edge.source)));
    auto target = host_index.find(std::string(export_text::UrlHost(edge.target)));
    if (source == host_index.end() || target == host_index.end()) return true;  // not in urls
    const uint64_t key = (static_cast<uint64_t>(source->second) << 32) | target->second;
    auto [it, added] = pair_links.try_emplace(key, 0);
    ++it->second;
    if (added && pair_links.size() > kMaxHostPairs) {
      error = MakeError("export.too_large",
                        "more than " + std::to_string(kMaxHostPairs) +
                            " linked host pairs: narrow the export with --host or --roles");
      return false;
    }
    return true;
  });
  if (!status) return status;
  if (!error) return error;

  std::string& out = sink.buffer();
  out.append("digraph newscrawl_hosts {\n  node [shape=box];\n");
  for (const auto& [host, urls] : hosts) {
    out.append("  ");
    AppendDotString(host, &out);
    out.append(" [urls=" + std::to_string(urls) + "];\n");
    if (!sink.Flush()) return Status::Ok();
  }
  std::vector<std::pair<uint64_t, uint64_t>> pairs(pair_links.begin(), pair_links.end());
  pair_links.clear();
  std::sort(pairs.begin(), pairs.end());
  for (const auto& [key, links] : pairs) {
    out.append("  ");
    AppendDotString(hosts[key >> 32].first, &out);
    out.append(" -> ");
    AppendDotString(hosts[key & 0xFFFFFFFF].first, &out);
    out.append(" [weight=" + std::to_string(links) + ", label=\"" + std::to_string(links) +
               "\"];\n");
    if (!sink.Flush()) return Status::Ok();
  }
  out.append("}\n");
  return Status::Ok();
}

}  // namespace nc::storage
