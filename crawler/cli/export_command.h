#pragma once
// `newscrawl export`: its flags and the command (storage/export.h does the
// writing; this file parses flags, opens the store read-only and the output,
// and supplies the <title> extractor storage may not link).

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "storage/store.h"

namespace CLI {  // NOLINT(readability-identifier-naming): CLI11's namespace
class App;
}  // namespace CLI

namespace nc {

struct ExportFlags {
  std::vector<std::string> store_dirs;  // several: their union
  std::string format = "edges";
  std::string out_file;  // "" or "-": standard output
  std::string roles;     // "headline,nav"; "": every role
  std::vector<std::string> host_patterns;
  bool followed_only = false;
  bool by_host = false;
  bool header = false;
  bool with_body = false;
  bool no_titles = false;
  std::string since;     // jsonl, warc: "2026-12-05", "2026-12-05T04:00:00Z", "24h", "7d"
  std::string max_size;  // warc: "100M", "1G", "5000000"; "": one file
};

// `newscrawl graph-stats` (graph_stats_command.cc, storage/graph_stats.h).
struct GraphStatsFlags {
  std::vector<std::string> store_dirs;
  size_t top_hosts = 10;
  size_t pagerank = 0;  // top N URLs by PageRank; 0: none
  bool json = false;
};
CLI::App* AddGraphStatsCommand(CLI::App& app, GraphStatsFlags& flags);
int RunGraphStats(const GraphStatsFlags& flags);

// Opens each store read-only, in order. A directory given twice (the same
// directory under any path) is opened once, with a note on stderr. nullopt
// when one cannot be opened (missing, not a store, another schema version):
// the reason, naming it, is printed.
std::optional<std::vector<std::unique_ptr<storage::Store>>> OpenStoresReadOnly(
    const std::vector<std::string>& dirs, std::string_view command);

// Declares the subcommand and its flags on `app`, bound to `flags`.
CLI::App* AddExportCommand(CLI::App& app, ExportFlags& flags);
// Exit codes as crawler/cli/cli.h: 2 for a bad flag or format, 1 when the
// store cannot be read or the output written (the reason is printed).
int RunExport(const ExportFlags& flags);

}  // namespace nc
