// --format gexf: GEXF 1.3 (https://gexf.net/), Gephi's own format: one
// <node> per URL (label: the URL) and one <edge> per link, attributes
// declared in <attributes> and given as <attvalue>s. A directed multigraph:
// a page linking twice to the same URL has two edges (distinct ids).
#include <span>
#include <string>

#include "storage/export_graph_attributes.h"
#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {
namespace {

using export_text::AppendXmlEscaped;

constexpr const char* kGexfHead =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<gexf xmlns=\"http://gexf.net/1.3\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
    "    xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" "
    "version=\"1.3\">\n"
    "  <meta><creator>newscrawl</creator></meta>\n"
    "  <graph defaultedgetype=\"directed\" mode=\"static\">\n";

std::string_view GexfType(graph_attributes::ValueType type) {
  constexpr std::string_view kNames[] = {"string", "boolean", "integer"};
  return kNames[static_cast<size_t>(type)];
}

// An attribute's id is its position in the declarations.
void AppendAttributes(std::string_view element_class,
                      std::span<const graph_attributes::Attribute> attributes, std::string* out) {
  out->append("    <attributes class=\"").append(element_class).append("\">\n");
  for (size_t i = 0; i < attributes.size(); ++i) {
    out->append("      <attribute id=\"" + std::to_string(i) + "\" title=\"");
    out->append(attributes[i].name).append("\" type=\"").append(GexfType(attributes[i].type));
    out->append("\"/>\n");
  }
  out->append("    </attributes>\n");
}

void AppendValue(size_t id, std::string_view value, std::string* out) {
  out->append("        <attvalue for=\"");
  out->append(std::to_string(id));
  out->append("\" value=\"");
  AppendXmlEscaped(value, out);
  out->append("\"/>\n");
}

}  // namespace

Status WriteGexf(const GraphSource& snapshot, const ExportOptions& options, ExportSink& sink) {
  std::string& out = sink.buffer();
  out.append(kGexfHead);
  AppendAttributes("node", graph_attributes::kNodeAttributes, &out);
  AppendAttributes("edge", graph_attributes::kEdgeAttributes, &out);
  const auto append_value = [&out](size_t id, std::string_view value) {
    AppendValue(id, value, &out);
  };
  out.append("    <nodes>\n");
  Status status = ForEachKeptNode(snapshot, options, [&](const NodeFields& node) {
    out.append("    <node id=\"" + node.id + "\" label=\"");
    AppendXmlEscaped(node.url, &out);
    out.append("\">\n      <attvalues>\n");
    graph_attributes::ForEachNodeValue(node, append_value);
    out.append("      </attvalues>\n    </node>\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("    </nodes>\n    <edges>\n");
  status = ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    out.append("    <edge id=\"" + EdgeId(edge) + "\" source=\"" + NodeId(edge.source_id) +
               "\" target=\"" + NodeId(edge.target_id) + "\">\n      <attvalues>\n");
    graph_attributes::ForEachEdgeValue(edge, append_value);
    out.append("      </attvalues>\n    </edge>\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("    </edges>\n  </graph>\n</gexf>\n");
  return Status::Ok();
}

}  // namespace nc::storage
