#include "storage/export_graph_attributes.h"

#include <string>

namespace nc::storage::graph_attributes {

void ForEachNodeValue(const NodeFields& node, const ValueFn& value) {
  value(0, node.url);
  value(1, node.host);
  value(2, node.state);
  value(3, node.fetched ? "true" : "false");
  if (node.status) value(4, std::to_string(*node.status));
  if (!node.content_type.empty()) value(5, node.content_type);
  if (!node.fetched_at.empty()) value(6, node.fetched_at);
  if (node.depth) value(7, std::to_string(*node.depth));
  if (node.title) value(8, *node.title);
}

void ForEachEdgeValue(const EdgeIdsView& edge, const ValueFn& value) {
  value(0, LinkRoleName(edge.role));
  value(1, edge.anchor_text);
  value(2, edge.followed ? "true" : "false");
  if (!edge.followed) value(3, EdgeReason(edge));
}

}  // namespace nc::storage::graph_attributes
