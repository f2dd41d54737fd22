#include "storage/graph_stats.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "storage/export_text.h"
#include "storage/snapshot.h"

namespace nc::storage {
namespace {

// Position of `id` in the sorted ids (every edge end is a known URL in a
// sound store; an unknown one is reported, never indexed out of range).
std::optional<size_t> IndexOf(const std::vector<uint64_t>& ids, uint64_t id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), id);
  if (it == ids.end() || *it != id) return std::nullopt;
  return static_cast<size_t>(it - ids.begin());
}

Error DanglingEdge(uint64_t source, uint64_t target) {
  return MakeError("store.corrupt", "links: edge " + std::to_string(source) + " -> " +
                                        std::to_string(target) + " names an unknown url id");
}

}  // namespace

Result<GraphStats> ComputeGraphStats(const Store& store, const GraphStatsOptions& options) {
  Result<StoreSnapshot> snapshot = StoreSnapshot::Begin(store);
  if (!snapshot) return snapshot.error();
  GraphStats stats;

  // URLs: their ids (sorted: the pass is in id order) and hosts.
  std::vector<uint64_t> ids;
  std::vector<uint32_t> host_of;  // per URL index
  std::unordered_map<std::string, uint32_t> host_index;
  std::vector<GraphStats::Host> hosts;
  Status status = snapshot->ForEachUrl(
      [&](const UrlView& url) {
        const std::string host(export_text::UrlHost(url.url));
        auto [it, added] = host_index.try_emplace(host, static_cast<uint32_t>(hosts.size()));
        if (added) hosts.push_back({host, 0, 0});
        ++hosts[it->second].urls;
        ids.push_back(url.id);
        host_of.push_back(it->second);
        return true;
      },
      StoreSnapshot::UrlPass::kWithoutState);
  if (!status) return status.error();
  stats.nodes = ids.size();
  stats.hosts = hosts.size();

  // Edges: by role, host in-links, out-degrees.
  std::vector<uint32_t> out_degree(options.pagerank_top > 0 ? ids.size() : 0);
  std::optional<Error> error;
  status = snapshot->ForEachEdgeId([&](uint64_t source, uint64_t target, LinkRole role) {
    const std::optional<size_t> s = IndexOf(ids, source), t = IndexOf(ids, target);
    if (!s || !t) {
      error = DanglingEdge(source, target);
      return false;
    }
    ++stats.edges;
    if (static_cast<size_t>(role) < kLinkRoleCount) ++stats.edges_by_role[static_cast<size_t>(role)];
    if (host_of[*s] != host_of[*t]) ++hosts[host_of[*t]].in_links;
    if (!out_degree.empty()) ++out_degree[*s];
    return true;
  });
  if (!status) return status.error();
  if (error) return *error;
  std::vector<GraphStats::Host> ranked_hosts = hosts;
  std::sort(ranked_hosts.begin(), ranked_hosts.end(), [](const auto& a, const auto& b) {
    return a.in_links != b.in_links ? a.in_links > b.in_links : a.name < b.name;
  });
  ranked_hosts.resize(std::min(ranked_hosts.size(), options.top_hosts));
  stats.top_hosts = std::move(ranked_hosts);
  if (options.pagerank_top == 0 || ids.empty()) return stats;

  // PageRank, power iteration: one edge pass per iteration.
  const size_t n = ids.size();
  const double alpha = options.damping;
  std::vector<double> rank(n, 1.0 / static_cast<double>(n)), next(n);
  for (stats.pagerank_iterations = 1; stats.pagerank_iterations <= options.max_iterations;
       ++stats.pagerank_iterations) {
    double dangling = 0;
    for (size_t i = 0; i < n; ++i) {
      if (out_degree[i] == 0) dangling += rank[i];
    }
    const double base = (alpha * dangling + (1.0 - alpha)) / static_cast<double>(n);
    std::fill(next.begin(), next.end(), base);
    status = snapshot->ForEachEdgeId([&](uint64_t source, uint64_t target, LinkRole) {
      const size_t s = *IndexOf(ids, source), t = *IndexOf(ids, target);  // checked above
      next[t] += alpha * rank[s] / out_degree[s];
      return true;
    });
    if (!status) return status.error();
    double change = 0;
    for (size_t i = 0; i < n; ++i) change += std::fabs(next[i] - rank[i]);
    rank.swap(next);
    if (change < static_cast<double>(n) * options.tolerance) {
      stats.pagerank_converged = true;
      break;
    }
  }
  if (!stats.pagerank_converged) stats.pagerank_iterations = options.max_iterations;

  // The top N, then their URLs.
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  const size_t top = std::min(n, options.pagerank_top);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(top), order.end(),
                    [&](size_t a, size_t b) {
                      return rank[a] != rank[b] ? rank[a] > rank[b] : ids[a] < ids[b];
                    });
  for (size_t k = 0; k < top; ++k) {
    stats.pagerank.push_back({ids[order[k]], "", rank[order[k]]});
  }
  // URLs of the top ids: one more pass over `urls`, stopping at the last one.
  std::unordered_map<uint64_t, size_t> wanted;
  for (size_t k = 0; k < top; ++k) wanted[stats.pagerank[k].id] = k;
  status = snapshot->ForEachUrl(
      [&](const UrlView& url) {
        if (auto it = wanted.find(url.id); it != wanted.end()) {
          stats.pagerank[it->second].url.assign(url.url);
        }
        return true;
      },
      StoreSnapshot::UrlPass::kWithoutState);
  if (!status) return status.error();
  return stats;
}

}  // namespace nc::storage
