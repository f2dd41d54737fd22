#pragma once
// Internal to the exporters (storage/export*.cc): the buffered output every
// writer appends to, the node attributes they share, and one function per
// format, each in its own file (export_<format>.cc). Callers use export.h.

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "common/result.h"
#include "storage/export.h"
#include "storage/snapshot.h"

namespace nc::storage {

// Appends go to `buffer`; Flush() writes it out every 64 KiB so that a
// record costs no stream call of its own.
class ExportSink {
 public:
  explicit ExportSink(std::ostream& out) : out_(out) {}
  std::string& buffer() { return buffer_; }
  // Writes the buffer once it is large; false when the stream failed (disk
  // full, closed pipe): writers then stop.
  bool Flush(bool force = false);
  // Everything written: OK, or "export.write".
  Status Finish();

 private:
  std::ostream& out_;
  std::string buffer_;
};

// The attributes of a URL node, as every node-writing format names them.
struct NodeFields {
  std::string id;     // "n<url id>"
  std::string_view url;
  std::string_view host;
  std::string_view state;  // fetched, failed, robots_denied, queued, known
  bool fetched = false;    // an HTTP response was stored
  std::optional<uint16_t> status;  // HTTP status, when fetched
  std::string_view content_type;   // "" when none
  std::string fetched_at;          // ISO 8601 UTC of the fetch start, "" when none
  std::optional<uint32_t> depth;   // when the URL has a page record
  std::optional<std::string> title;  // when a title extractor is given and the page is HTML
};
// `url` must outlive the result (views into it).
Result<NodeFields> DescribeNode(const UrlView& url, const ExportOptions& options);
// The decoded body of a page record (an Error when its frame is damaged).
Result<std::string> PageBody(const PageView& page);
std::string NodeId(uint64_t url_id);
std::string EdgeId(const EdgeIdsView& edge);
// The reason column: empty for a followed edge.
std::string_view EdgeReason(const EdgeIdsView& edge);

// The node and edge loops every graph format shares. `write` returns false
// to stop (the sink failed). ForEachKeptNode describes each URL the filter
// keeps and stops with that error when one cannot be described.
Status ForEachKeptNode(const StoreSnapshot& snapshot, const ExportOptions& options,
                       const std::function<bool(const NodeFields&)>& write);
// Each edge the filter keeps.
Status ForEachKeptEdge(const StoreSnapshot& snapshot, const ExportOptions& options,
                       const std::function<bool(const EdgeIdsView&)>& write);

Status WriteEdgesTsv(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
Status WriteEdgesCsv(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
Status WriteNodesCsv(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
Status WriteGraphml(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
Status WriteGexf(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
Status WriteDot(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
Status WriteDotByHost(const StoreSnapshot& snapshot, const ExportOptions& options,
                      ExportSink& sink);
Status WriteJsonl(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);
// `sink` is the first file; the next ones come from options.warc_files.
Status WriteWarc(const StoreSnapshot& snapshot, const ExportOptions& options, ExportSink& sink);

}  // namespace nc::storage
