"""Loads every export of one store with independent readers (networkx, the
csv and json modules) and checks that they agree with each other and with
`newscrawl status --json`. Usage: export_check.py DIR, where DIR holds
status.json and the exports written by tests/integration/export_test.cc.
Prints OK, or raises."""
import csv
import json
import sys

from graph_readers import check_graph_exports

d = sys.argv[1]
status = json.load(open(f"{d}/status.json"))
n_nodes, n_edges = status["urls_known"], status["edges"]
assert n_nodes > 0 and n_edges > 0, status

with open(f"{d}/nodes.csv", newline="", encoding="utf-8") as f:
    nodes = list(csv.DictReader(f))
with open(f"{d}/edges.csv", newline="", encoding="utf-8") as f:
    edge_rows = list(csv.DictReader(f))
# GraphML, GEXF and CSV: the same counts, node ids, URLs and edge keys.
check_graph_exports(d, nodes, edge_rows, n_nodes, n_edges)
url_of = {n["Id"]: n["Url"] for n in nodes}

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
