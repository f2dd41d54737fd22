#include "storage/export_edges.h"

#include "storage/export.h"
#include "storage/export_writers.h"

namespace nc::storage {

void AppendTsvEscaped(std::string_view text, std::string* dst) {
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char* escape = nullptr;
    switch (text[i]) {
      case '\\':
        escape = "\\\\";
        break;
      case '\t':
        escape = "\\t";
        break;
      case '\r':
        escape = "\\r";
        break;
      case '\n':
        escape = "\\n";
        break;
      default:
        continue;
    }
    dst->append(text.substr(start, i - start));
    dst->append(escape);
    start = i + 1;
  }
  dst->append(text.substr(start));
}

Status WriteEdgesTsv(const GraphSource& snapshot, const ExportOptions& options,
                     ExportSink& sink) {
  std::string& line = sink.buffer();
  if (options.header) line.append("source\ttarget\trole\tanchor\tfollowed\treason\n");
  return snapshot.ForEachEdge([&](const EdgeIdsView& edge) {
    if (!options.filter.KeepsEdge(edge.role, edge.followed, edge.source, edge.target)) {
      return true;
    }
    line.append(edge.source);
    line.push_back('\t');
    line.append(edge.target);
    line.push_back('\t');
    line.append(LinkRoleName(edge.role));
    line.push_back('\t');
    AppendTsvEscaped(edge.anchor_text, &line);
    line.push_back('\t');
    line.push_back(edge.followed ? '1' : '0');
    line.push_back('\t');
    line.append(EdgeReason(edge));
    line.push_back('\n');
    return sink.Flush();  // stop at the first failed write (disk full, closed pipe)
  });
}

Status ExportEdgesTsv(const Store& store, std::ostream& out) {
  Status status = Export(store, ExportOptions{}, out);
  if (!status && status.error().code == "export.write") {
    return MakeError("export.write", "export edges: writing the output failed");
  }
  return status;
}

}  // namespace nc::storage
