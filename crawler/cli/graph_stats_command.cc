// `newscrawl graph-stats --store DIR [--top-hosts N] [--pagerank N] [--json]`:
// prints storage::ComputeGraphStats of a store opened read-only.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#include "crawler/cli/cli.h"
#include "crawler/cli/export_command.h"
#include "crawler/cli/flag_checks.h"
#include "storage/graph_stats.h"
#include "storage/store.h"

namespace nc {
namespace {

std::string Json(std::string_view text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out.append(escaped);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

void PrintJson(const storage::GraphStats& stats) {
  std::string out = "{\"nodes\":" + std::to_string(stats.nodes) +
                    ",\"edges\":" + std::to_string(stats.edges) + ",\"edges_by_role\":{";
  for (size_t role = 0; role < storage::kLinkRoleCount; ++role) {
    if (role > 0) out += ",";
    out += Json(LinkRoleName(static_cast<LinkRole>(role))) + ":" +
           std::to_string(stats.edges_by_role[role]);
  }
  out += "},\"hosts\":" + std::to_string(stats.hosts) + ",\"top_hosts\":[";
  for (size_t i = 0; i < stats.top_hosts.size(); ++i) {
    const auto& host = stats.top_hosts[i];
    out += (i > 0 ? ",{\"host\":" : "{\"host\":") + Json(host.name) +
           ",\"urls\":" + std::to_string(host.urls) +
           ",\"in_links\":" + std::to_string(host.in_links) + "}";
  }
  out += "]";
  if (!stats.pagerank.empty()) {
    out += ",\"pagerank_iterations\":" + std::to_string(stats.pagerank_iterations) +
           ",\"pagerank_converged\":" + (stats.pagerank_converged ? "true" : "false") +
           ",\"pagerank\":[";
    for (size_t i = 0; i < stats.pagerank.size(); ++i) {
      const auto& ranked = stats.pagerank[i];
      char score[32];
      std::snprintf(score, sizeof score, "%.12g", ranked.score);
      out += (i > 0 ? ",{\"id\":\"n" : "{\"id\":\"n") + std::to_string(ranked.id) +
             "\",\"url\":" + Json(ranked.url) + ",\"score\":" + score + "}";
    }
    out += "]";
  }
  std::cout << out << "}\n";
}

void PrintText(const storage::GraphStats& stats) {
  std::printf("nodes:  %llu URLs\nedges:  %llu links\n",
              static_cast<unsigned long long>(stats.nodes),
              static_cast<unsigned long long>(stats.edges));
  for (size_t role = 0; role < storage::kLinkRoleCount; ++role) {
    if (stats.edges_by_role[role] == 0) continue;
    std::printf("  %-9s %llu\n", std::string(LinkRoleName(static_cast<LinkRole>(role))).c_str(),
                static_cast<unsigned long long>(stats.edges_by_role[role]));
  }
  std::printf("hosts:  %llu\ntop hosts by in-links from other hosts:\n",
              static_cast<unsigned long long>(stats.hosts));
  for (const auto& host : stats.top_hosts) {
    std::printf("  %8llu  %s (%llu URLs)\n", static_cast<unsigned long long>(host.in_links),
                host.name.c_str(), static_cast<unsigned long long>(host.urls));
  }
  if (stats.pagerank.empty()) return;
  std::printf("pagerank (%d iterations%s):\n", stats.pagerank_iterations,
              stats.pagerank_converged ? "" : ", not converged");
  for (const auto& ranked : stats.pagerank) {
    std::printf("  %.6f  %s\n", ranked.score, ranked.url.c_str());
  }
}

}  // namespace

CLI::App* AddGraphStatsCommand(CLI::App& app, GraphStatsFlags& flags) {
  auto* cmd = app.add_subcommand(
      "graph-stats", "nodes, edges by role, hosts, most linked hosts, PageRank of a store's graph");
  cmd->add_option("--store", flags.store_dirs,
                  "store directory; repeat for the union of several stores (as export)")
      ->required()
      ->allow_extra_args(false);
  cmd->add_option("--top-hosts", flags.top_hosts, "hosts listed by in-links (default 10)")
      ->check(WholeNumberCheck(0, 1'000'000));
  cmd->add_option("--pagerank", flags.pagerank,
                  "the N URLs of highest PageRank (power iteration; 32 bytes of memory per URL)")
      ->check(WholeNumberCheck(0, 1'000'000));
  cmd->add_flag("--json", flags.json, "machine-readable output");
  return cmd;
}

int RunGraphStats(const GraphStatsFlags& flags) {
  auto stores = OpenStoresReadOnly(flags.store_dirs, "graph-stats");
  if (!stores) return kExitFailure;
  std::vector<const storage::Store*> store_list;
  for (const auto& store : *stores) store_list.push_back(store.get());
  storage::GraphStatsOptions options;
  options.top_hosts = flags.top_hosts;
  options.pagerank_top = flags.pagerank;
  Result<storage::GraphStats> stats = storage::ComputeGraphStats(store_list, options);
  if (!stats) {
    std::cerr << "newscrawl: graph-stats: " << stats.error().message << "\n";
    return kExitFailure;
  }
  if (flags.json) {
    PrintJson(*stats);
  } else {
    PrintText(*stats);
  }
  return kExitOk;
}

}  // namespace nc
