#pragma once
// `newscrawl graph-stats`: the shape of a store's link graph (nodes, edges
// by role, hosts, the hosts most linked to from other hosts) and, on
// request, PageRank by power iteration over the stored edges.
//
// Memory: per host one entry (name, URL and in-link counts); PageRank adds
// per URL a sorted id, an out-degree and two scores (32 bytes a URL: 6.7 MB
// for 210,000 URLs), never per edge: each iteration streams the edges from
// one StoreSnapshot (a consistent state while a crawl goes on).
//
// PageRank is networkx.pagerank's on the same directed multigraph: every
// stored edge counts (a page linking twice gives twice the weight), a URL
// without outlinks spreads its score evenly over all URLs, damping 0.85,
// stop when the L1 change is below N x 1e-6 or after 100 iterations.
//
// Any thread.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "frontier/link.h"
#include "storage/store.h"

namespace nc::storage {

struct GraphStatsOptions {
  size_t top_hosts = 10;     // hosts listed by in-links from other hosts
  size_t pagerank_top = 0;   // 0: no PageRank
  double damping = 0.85;
  int max_iterations = 100;
  double tolerance = 1e-6;   // per URL, as networkx
};

inline constexpr size_t kLinkRoleCount = 8;

struct GraphStats {
  struct Host {
    std::string name;
    uint64_t urls = 0;
    uint64_t in_links = 0;  // edges from URLs of other hosts to this host's URLs
  };
  struct Ranked {
    uint64_t id = 0;  // url id, "n<id>" in the exports
    std::string url;
    double score = 0;
  };
  uint64_t nodes = 0;
  uint64_t edges = 0;
  std::array<uint64_t, kLinkRoleCount> edges_by_role{};  // indexed by LinkRole
  uint64_t hosts = 0;
  std::vector<Host> top_hosts;  // most in-links first
  // PageRank, when asked for: the top URLs, highest first.
  int pagerank_iterations = 0;
  bool pagerank_converged = false;
  std::vector<Ranked> pagerank;
};

// Errors are the store's own ("store.corrupt", ...).
Result<GraphStats> ComputeGraphStats(const Store& store, const GraphStatsOptions& options);

}  // namespace nc::storage
