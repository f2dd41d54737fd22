// --format csv (the edge table) and nodes-csv (the node table), RFC 4180
// with CRLF line ends, in the column names Gephi's spreadsheet import
// expects (Source/Target, Id/Label), so the two files load as one graph.
#include "storage/export_text.h"
#include "storage/export_writers.h"

namespace nc::storage {

using export_text::AppendCsvField;

Status WriteEdgesCsv(const GraphSource& snapshot, const ExportOptions& options,
                     ExportSink& sink) {
  std::string& out = sink.buffer();
  out.append("Source,Target,Role,Anchor,Followed,Reason\r\n");
  return ForEachKeptEdge(snapshot, options, [&](const EdgeIdsView& edge) {
    out.append(NodeId(edge.source_id));
    out.push_back(',');
    out.append(NodeId(edge.target_id));
    out.push_back(',');
    out.append(LinkRoleName(edge.role));
    out.push_back(',');
    AppendCsvField(edge.anchor_text, &out);
    out.append(edge.followed ? ",true," : ",false,");
    out.append(EdgeReason(edge));
    out.append("\r\n");
    return sink.Flush();
  });
}

Status WriteNodesCsv(const GraphSource& snapshot, const ExportOptions& options,
                     ExportSink& sink) {
  std::string& out = sink.buffer();
  out.append("Id,Label,Url,Host,State,Fetched,Status,ContentType,FetchedAt,Depth,Title\r\n");
  return ForEachKeptNode(snapshot, options, [&](const NodeFields& node) {
    out.append(node.id);
    out.push_back(',');
    AppendCsvField(node.url, &out);  // the label: what Gephi shows
    out.push_back(',');
    AppendCsvField(node.url, &out);
    out.push_back(',');
    AppendCsvField(node.host, &out);
    out.push_back(',');
    out.append(node.state);
    out.append(node.fetched ? ",true," : ",false,");
    if (node.status) out.append(std::to_string(*node.status));
    out.push_back(',');
    AppendCsvField(node.content_type, &out);
    out.push_back(',');
    out.append(node.fetched_at);
    out.push_back(',');
    if (node.depth) out.append(std::to_string(*node.depth));
    out.push_back(',');
    if (node.title) AppendCsvField(*node.title, &out);
    out.append("\r\n");
    return sink.Flush();
  });
}

}  // namespace nc::storage
