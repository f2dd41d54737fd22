#pragma once
// `newscrawl export`: the link graph and the pages of a store in the formats
// other tools load. Every format streams from one StoreSnapshot (one read
// transaction: a consistent state while a crawl goes on) and holds one
// record at a time, so memory does not grow with the store; the exception,
// DOT --by-host, holds one entry per host and per host pair (bounded by
// kMaxHostPairs). Formats and flags: README.md "Exporting".
//
// Node ids are the store's url ids written "n<id>" in every format; an edge
// is "e<source id>_<ordinal on the source page>". Both are stable for the
// life of a store.
//
// Titles: storage does not parse HTML, so the caller passes `title` (the CLI
// extracts <title> with crawler/extract); without it no title is written.
//
// Any thread; one export per StoreSnapshot at a time.

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "frontier/link.h"
#include "storage/snapshot.h"
#include "storage/store.h"

namespace nc::storage {

enum class ExportFormat { kEdges, kCsv, kNodesCsv, kGraphml, kGexf, kDot, kJsonl, kWarc };
// "edges", "csv", "nodes-csv", "graphml", "gexf", "dot", "jsonl", "warc".
std::optional<ExportFormat> ParseExportFormat(std::string_view name);
inline constexpr std::string_view kExportFormatNames =
    "edges, csv, nodes-csv, graphml, gexf, dot, jsonl, warc";

// DOT --by-host refuses a store with more distinct (source host, target
// host) pairs than this: about 80 bytes each, 80 MiB at most.
inline constexpr uint64_t kMaxHostPairs = 1'000'000;

// Which part of the graph to export.
struct ExportFilter {
  std::vector<LinkRole> roles;  // edges of these roles only; empty: every role
  bool followed_only = false;   // edges the crawler followed only
  // Glob patterns (fnmatch, `*.lejournal.test`) on the host of a URL: when
  // given, only URLs whose host matches one are nodes, and only edges
  // between two such URLs are kept (the subgraph they induce).
  std::vector<std::string> host_patterns;
  // Page formats (jsonl, warc): only pages whose fetch started at or after
  // this time (Unix ms); nullopt: every page.
  std::optional<int64_t> since_ms;

  bool KeepsUrl(std::string_view url) const;
  bool KeepsPage(const PageView& page) const {
    return !since_ms || page.fetch_start_ms >= *since_ms;
  }
  bool KeepsEdge(LinkRole role, bool followed, std::string_view source,
                 std::string_view target) const;
};
// "headline,nav" -> roles; an Error ("export.usage") names an unknown role.
Result<std::vector<LinkRole>> ParseRoleList(std::string_view list);

// The <title> text of an HTML body ("" when none). Given the decoded body.
using TitleExtractor = std::function<std::string(std::string_view html)>;

// warc --max-size: past `max_size` bytes the export goes on in the next
// numbered file (at a record boundary; each file opens with a warcinfo).
struct WarcFiles {
  uint64_t max_size = 0;  // bytes; 0: one file
  // File `index` (1, 2, ...): a stream that stays valid until the export
  // returns, or null when it cannot be opened.
  std::function<std::ostream*(int index)> open;
  std::function<std::string(int index)> name;  // file `index`'s name (0: the first)
};

struct ExportOptions {
  ExportFormat format = ExportFormat::kEdges;
  ExportFilter filter;
  bool header = false;     // edges: a first line naming the columns
  bool by_host = false;    // dot: one node per host, edges weighted by link count
  bool with_body = false;  // jsonl: the body too
  TitleExtractor title;    // null: no titles
  WarcFiles warc_files;    // warc: roll-over; default one output
};

// Errors: "export.usage" (an option the format does not take), "export.write"
// (the output failed), or the store's own ("store.corrupt", ...).
Status Export(const Store& store, const ExportOptions& options, std::ostream& out);

}  // namespace nc::storage
