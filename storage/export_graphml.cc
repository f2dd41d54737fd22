// --format graphml: GraphML 1.0 (http://graphml.graphdrawing.org/), one
// <node> per URL and one <edge> per link, attributes declared as <key>s.
// Ids are NMTOKENs ("n12", "e12_3"), which a URL could not be.
#include <span>
#include <string>

#include "storage/export_graph_attributes.h"
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
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";

std::string_view GraphmlType(graph_attributes::ValueType type) {
  constexpr std::string_view kNames[] = {"string", "boolean", "int"};
  return kNames[static_cast<size_t>(type)];
}

// A <key> per attribute, its id the attribute's name.
void AppendKeys(std::string_view element, std::span<const graph_attributes::Attribute> attributes,
                std::string* out) {
  for (const graph_attributes::Attribute& attribute : attributes) {
    out->append("  <key id=\"").append(attribute.name).append("\" for=\"").append(element);
    out->append("\" attr.name=\"").append(attribute.name).append("\" attr.type=\"");
    out->append(GraphmlType(attribute.type)).append("\"/>\n");
  }
}

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
  AppendKeys("node", graph_attributes::kNodeAttributes, &out);
  AppendKeys("edge", graph_attributes::kEdgeAttributes, &out);
  out.append("  <graph id=\"newscrawl\" edgedefault=\"directed\">\n");
  // A <data> element's key is its attribute's name.
  const auto append_node_data = [&out](size_t index, std::string_view value) {
    AppendData(graph_attributes::kNodeAttributes[index].name, value, &out);
  };
  const auto append_edge_data = [&out](size_t index, std::string_view value) {
    AppendData(graph_attributes::kEdgeAttributes[index].name, value, &out);
  };
  Status status = ForEachKeptNode(snapshot, options, [&](const NodeFields& node) {
    out.append("    <node id=\"" + node.id + "\">\n");
    graph_attributes::ForEachNodeValue(node, append_node_data);
    out.append("    </node>\n");
    return sink.Flush();
  });
  if (!status) return status;
  status = ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    out.append("    <edge id=\"" + EdgeId(edge) + "\" source=\"" + NodeId(edge.source_id) +
               "\" target=\"" + NodeId(edge.target_id) + "\">\n");
    graph_attributes::ForEachEdgeValue(edge, append_edge_data);
    out.append("    </edge>\n");
    return sink.Flush();
  });
  if (!status) return status;
  out.append("  </graph>\n</graphml>\n");
  return Status::Ok();
}

}  // namespace nc::storage
