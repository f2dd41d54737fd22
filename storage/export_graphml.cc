// --format graphml: GraphML 1.0 (http://graphml.graphdrawing.org/), one
// <node> per URL and one <edge> per link, attributes declared as <key>s.
// Ids are NMTOKENs ("n12", "e12_3"), which a URL could not be.
#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {
namespace {

using export_text::AppendXmlEscaped;

constexpr const char* kGraphmlHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
    "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    "  <key id=\"url\" for=\"node\" attr.name=\"url\" attr.type=\"string\"/>\n"
    "  <key id=\"host\" for=\"node\" attr.name=\"host\" attr.type=\"string\"/>\n"
    "  <key id=\"state\" for=\"node\" attr.name=\"state\" attr.type=\"string\"/>\n"
    "  <key id=\"fetched\" for=\"node\" attr.name=\"fetched\" attr.type=\"boolean\"/>\n"
    "  <key id=\"status\" for=\"node\" attr.name=\"status\" attr.type=\"int\"/>\n"
    "  <key id=\"content_type\" for=\"node\" attr.name=\"content_type\" attr.type=\"string\"/>\n"
    "  <key id=\"fetched_at\" for=\"node\" attr.name=\"fetched_at\" attr.type=\"string\"/>\n"
    "  <key id=\"depth\" for=\"node\" attr.name=\"depth\" attr.type=\"int\"/>\n"
    "  <key id=\"title\" for=\"node\" attr.name=\"title\" attr.type=\"string\"/>\n"
    "  <key id=\"role\" for=\"edge\" attr.name=\"role\" attr.type=\"string\"/>\n"
    "  <key id=\"anchor\" for=\"edge\" attr.name=\"anchor\" attr.type=\"string\"/>\n"
    "  <key id=\"followed\" for=\"edge\" attr.name=\"followed\" attr.type=\"boolean\"/>\n"
    "  <key id=\"reason\" for=\"edge\" attr.name=\"reason\" attr.type=\"string\"/>\n"
    "  <graph id=\"newscrawl\" edgedefault=\"directed\">\n";

void AppendData(std::string_view key, std::string_view value, std::string* out) {
  out->append("      <data key=\"");
  out->append(key);
  out->append("\">");
  AppendXmlEscaped(value, out);
  out->append("</data>\n");
}

}  // namespace

Status WriteGraphml(const GraphSource& snapshot, const ExportOptions& options,
                    ExportSink& sink) {
  std::string& out = sink.buffer();
  out.append(kGraphmlHead);
  Status status = ForEachKeptNode(snapshot, options, [&](const NodeFields& node) {
    out.append("    <node id=\"" + node.id + "\">\n");
    AppendData("url", node.url, &out);
    AppendData("host", node.host, &out);
    AppendData("state", node.state, &out);
    AppendData("fetched", node.fetched ? "true" : "false", &out);
    if (node.status) AppendData("status", std::to_string(*node.status), &out);
    if (!node.content_type.empty()) AppendData("content_type", node.content_type, &out);
    if (!node.fetched_at.empty()) AppendData("fetched_at", node.fetched_at, &out);
    if (node.depth) AppendData("depth", std::to_string(*node.depth), &out);
    if (node.title) AppendData("title", *node.title, &out);
    out.append("    </node>\n");
    return sink.Flush();
  });
  if (!status) return status;
  status = ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    out.append("    <edge id=\"" + EdgeId(edge) + "\" source=\"" + NodeId(edge.source_id) +
               "\" target=\"" + NodeId(edge.target_id) + "\">\n");
    AppendData("role", LinkRoleName(edge.role), &out);
    AppendData("anchor", edge.anchor_text, &out);
    AppendData("followed", edge.followed ? "true" : "false", &out);
    if (!edge.followed) AppendData("reason", EdgeReason(edge), &out);
    out.append("    </edge>\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("  </graph>\n</graphml>\n");
  return Status::Ok();
}

}  // namespace nc::storage
