#include "storage/export_edges.h"

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

Status ExportEdgesTsv(const Store& store, std::ostream& out) {
  std::string line;  // reused: one allocation for the whole export
  Status status = store.ForEachEdge([&](const EdgeView& edge) {
    line.clear();
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
    if (!edge.followed) line.append(SkipReasonName(edge.reason));
    line.push_back('\n');
    out.write(line.data(), static_cast<std::streamsize>(line.size()));
    return out.good();  // stop at the first failed write (disk full, closed pipe)
  });
  if (!status) return status;
  if (!out.good()) return MakeError("export.write", "export edges: writing the output failed");
  return Status::Ok();
}

}  // namespace nc::storage
