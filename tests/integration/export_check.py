"""Loads every export of one store with independent readers (networkx, the
csv and json modules) and checks that they agree with each other and with
`newscrawl status --json`. Usage: export_check.py DIR, where DIR holds
status.json and the exports written by tests/integration/export_test.cc.
Prints OK, or raises."""
import csv
import json
import sys

import networkx as nx

from graph_readers import check_counts, read_gexf13

d = sys.argv[1]
status = json.load(open(f"{d}/status.json"))
n_nodes, n_edges = status["urls_known"], status["edges"]
assert n_nodes > 0 and n_edges > 0, status


def check(name, g):
    check_counts(name, g, n_nodes, n_edges)


graphml = nx.read_graphml(f"{d}/graph.graphml")
check("graphml", graphml)

gexf_graph = read_gexf13(f"{d}/graph.gexf")
check("gexf", gexf_graph)

with open(f"{d}/nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
with open(f"{d}/edges.csv", newline="", encoding="utf-8") as f:
    edge_rows = list(csv.DictReader(f))
csv_graph = nx.MultiDiGraph()
csv_graph.add_nodes_from((n["Id"], n) for n in nodes)
csv_graph.add_edges_from((e["Source"], e["Target"], e) for e in edge_rows)
check("csv", csv_graph)

# Node ids agree across formats, and name the same URLs.
url_of = {n["Id"]: n["Url"] for n in nodes}
assert set(graphml.nodes) == set(gexf_graph.nodes) == set(url_of)
for node, data in graphml.nodes(data=True):
    assert data["url"] == url_of[node], (node, data)
    assert gexf_graph.nodes[node]["url"] == url_of[node]
assert {k for _, _, k in graphml.edges(keys=True)} == {k for _, _, k in gexf_graph.edges(keys=True)}
fetched_html = [n for n in nodes if n["Fetched"] == "true" and "html" in n["ContentType"]]
assert fetched_html and all(n["Title"] for n in fetched_html), "titles missing"

# The TSV edge list: one line per edge, the same (source, target) URL pairs.
with open(f"{d}/edges.tsv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
assert rows[0] == ["source", "target", "role", "anchor", "followed", "reason"], rows[0]
tsv_pairs = sorted((r[0], r[1]) for r in rows[1:])
assert len(tsv_pairs) == n_edges
assert tsv_pairs == sorted((url_of[e["Source"]], url_of[e["Target"]]) for e in edge_rows)

# jsonl: one line per page record, every outlink once.
pages = [json.loads(line) for line in open(f"{d}/pages.jsonl", encoding="utf-8")]
assert len(pages) == status["pages"] + status["robots_denied"], len(pages)
# (edges of a links-only source, a robots.txt listing sitemaps, have no page)
page_ids = {p["id"] for p in pages}
assert sum(len(p["outlinks"]) for p in pages) == sum(e["Source"] in page_ids for e in edge_rows)
assert all(p["id"] in url_of and url_of[p["id"]] == p["url"] for p in pages)

print("OK")
