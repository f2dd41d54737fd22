"""Compares `newscrawl graph-stats --pagerank N --json` with networkx's
PageRank of the same store's GraphML export (networkx.pagerank, or its
pure-Python twin when numpy/scipy are not installed: the same algorithm).

Usage: python3 pagerank_check.py GRAPH.graphml GRAPH_STATS.json
Prints OK, or what differs; exit status 1 on a difference.
"""
import json
import sys

import networkx as nx

graph = nx.read_graphml(sys.argv[1])  # a MultiDiGraph: parallel edges add weight
try:
    import scipy  # noqa: F401  (networkx.pagerank needs it)
    reference = nx.pagerank(graph)
except ImportError:
    from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python
    reference = _pagerank_python(graph)
ours = json.load(open(sys.argv[2]))
problems = []
if ours["nodes"] != graph.number_of_nodes() or ours["edges"] != graph.number_of_edges():
    problems.append(f"counts {ours['nodes']}/{ours['edges']} != networkx "
                    f"{graph.number_of_nodes()}/{graph.number_of_edges()}")
for ranked in ours["pagerank"]:
    want = reference[ranked["id"]]
    if abs(want - ranked["score"]) > 1e-6:
        problems.append(f"{ranked['id']}: {ranked['score']} != networkx {want}")
# The same top list (ties broken by id, as graph-stats does).
top = sorted(reference, key=lambda n: (-round(reference[n], 9), int(n[1:])))
top = top[:len(ours["pagerank"])]
if [r["id"] for r in ours["pagerank"]] != top:
    problems.append(f"top {[r['id'] for r in ours['pagerank']]} != networkx {top}")
print("\n".join(problems) if problems else "OK")
sys.exit(1 if problems else 0)
