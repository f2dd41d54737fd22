// --format gexf: GEXF 1.3 (https://gexf.net/), Gephi's own format: one
// <node> per URL (label: the URL) and one <edge> per link, attributes
// declared in <attributes> and given as <attvalue>s. A directed multigraph:
// a page linking twice to the same URL has two edges (distinct ids).
#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {
namespace {

using export_text::AppendXmlEscaped;

// Attribute ids: their position in these declarations.
constexpr const char* kGexfHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gexf xmlns=\"http://gexf.net/1.3\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
    "version=\"1.3\">\n"
    "  <meta><creator>newscrawl</creator></meta>\n"
    "  <graph defaultedgetype=\"directed\" mode=\"static\">\n"
    "    <attributes class=\"node\">\n"
    "      <attribute id=\"0\" title=\"url\" type=\"string\"/>\n"
    "      <attribute id=\"1\" title=\"host\" type=\"string\"/>\n"
    "      <attribute id=\"2\" title=\"state\" type=\"string\"/>\n"
    "      <attribute id=\"3\" title=\"fetched\" type=\"boolean\"/>\n"
    "      <attribute id=\"4\" title=\"status\" type=\"integer\"/>\n"
    "      <attribute id=\"5\" title=\"content_type\" type=\"string\"/>\n"
    "      <attribute id=\"6\" title=\"fetched_at\" type=\"string\"/>\n"
    "      <attribute id=\"7\" title=\"depth\" type=\"integer\"/>\n"
    "      <attribute id=\"8\" title=\"title\" type=\"string\"/>\n"
    "    </attributes>\n"
    "    <attributes class=\"edge\">\n"
    "      <attribute id=\"0\" title=\"role\" type=\"string\"/>\n"
    "      <attribute id=\"1\" title=\"anchor\" type=\"string\"/>\n"
    "      <attribute id=\"2\" title=\"followed\" type=\"boolean\"/>\n"
    "      <attribute id=\"3\" title=\"reason\" type=\"string\"/>\n"
    "    </attributes>\n";

void AppendValue(const char* id, std::string_view value, std::string* out) {
  out->append("        <attvalue for=\"");
  out->append(id);
  out->append("\" value=\"");
  AppendXmlEscaped(value, out);
  out->append("\"/>\n");
}

}  // namespace

Status WriteGexf(const GraphSource& snapshot, const ExportOptions& options, ExportSink& sink) {
  std::string& out = sink.buffer();
  out.append(kGexfHead);
  out.append("    <nodes>\n");
  Status status = ForEachKeptNode(snapshot, options, [&](const NodeFields& node) {
    out.append("    <node id=\"" + node.id + "\" label=\"");
    AppendXmlEscaped(node.url, &out);
    out.append("\">\n      <attvalues>\n");
    AppendValue("0", node.url, &out);
    AppendValue("1", node.host, &out);
    AppendValue("2", node.state, &out);
    AppendValue("3", node.fetched ? "true" : "false", &out);
    if (node.status) AppendValue("4", std::to_string(*node.status), &out);
    if (!node.content_type.empty()) AppendValue("5", node.content_type, &out);
    if (!node.fetched_at.empty()) AppendValue("6", node.fetched_at, &out);
    if (node.depth) AppendValue("7", std::to_string(*node.depth), &out);
    if (node.title) AppendValue("8", *node.title, &out);
    out.append("      </attvalues>\n    </node>\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("    </nodes>\n    <edges>\n");
  status = ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    out.append("    <edge id=\"" + EdgeId(edge) + "\" source=\"" + NodeId(edge.source_id) +
               "\" target=\"" + NodeId(edge.target_id) + "\">\n      <attvalues>\n");
    AppendValue("0", LinkRoleName(edge.role), &out);
    AppendValue("1", edge.anchor_text, &out);
    AppendValue("2", edge.followed ? "true" : "false", &out);
    if (!edge.followed) AppendValue("3", EdgeReason(edge), &out);
    out.append("      </attvalues>\n    </edge>\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("    </edges>\n  </graph>\n</gexf>\n");
  return Status::Ok();
}

}  // namespace nc::storage
