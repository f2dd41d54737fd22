"""Checks `newscrawl export` of several stores against the union computed
here from each store's own exports. Usage: export_merge_check.py DIR N, where
DIR/store1 .. DIR/storeN hold each store's nodes.csv, edges.csv, pages.jsonl
and DIR/merged the merged exports (tests/integration/export_merge_test.cc).
The union: one node per URL; per (source URL, target URL, role) the largest
count of any one store (an edge in two stores is written once); per URL with
a page record, the page of the latest fetched_at. Prints OK, or raises."""
import collections
import csv
import gzip
import json
import sys

from graph_readers import check_graph_exports

d, n_stores = sys.argv[1], int(sys.argv[2])


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# --- the union, from each store's one-store exports ---
union_urls = set()
union_edges = collections.Counter()
latest_page = {}  # url -> fetched_at of the latest page record
page_stores = collections.Counter()  # url -> stores with a page record of it
edges_in_stores = 0
for i in range(1, n_stores + 1):
    nodes = read_csv(f"{d}/store{i}/nodes.csv")
    url_of = {n["Id"]: n["Url"] for n in nodes}
    union_urls |= set(url_of.values())
    counts = collections.Counter(
        (url_of[e["Source"]], url_of[e["Target"]], e["Role"])
        for e in read_csv(f"{d}/store{i}/edges.csv"))
    edges_in_stores += sum(counts.values())
    for key, count in counts.items():
        union_edges[key] = max(union_edges[key], count)
    for line in open(f"{d}/store{i}/pages.jsonl", encoding="utf-8"):
        page = json.loads(line)
        page_stores[page["url"]] += 1
        latest_page[page["url"]] = max(latest_page.get(page["url"], ""), page["fetched_at"])
n_nodes, n_edges = len(union_urls), sum(union_edges.values())
assert n_nodes > 0 and n_edges > 0
# The stores overlap, or the merge would be tested on nothing.
overlap = sum(1 for count in page_stores.values() if count > 1)
assert overlap > 0 and edges_in_stores > n_edges, (overlap, edges_in_stores, n_edges)

# --- the merged exports ---
m = f"{d}/merged"
nodes = read_csv(f"{m}/nodes.csv")
url_of = {n["Id"]: n["Url"] for n in nodes}
assert len(url_of) == len(nodes) == n_nodes, (len(url_of), len(nodes), n_nodes)
assert set(url_of.values()) == union_urls, "merged node URLs differ from the union"
edge_rows = read_csv(f"{m}/edges.csv")
merged_edges = collections.Counter(
    (url_of[e["Source"]], url_of[e["Target"]], e["Role"]) for e in edge_rows)
assert merged_edges == union_edges, (
    "edges differ from the union",
    sorted((merged_edges - union_edges).items())[:5],
    sorted((union_edges - merged_edges).items())[:5])

# GraphML, GEXF and CSV: the same counts, node ids, URLs and edge keys.
check_graph_exports(m, nodes, edge_rows, n_nodes, n_edges)

# The ids are the URL's, whatever the order of the stores.
reversed_nodes = read_csv(f"{m}/nodes-reversed.csv")
assert {n["Id"]: n["Url"] for n in reversed_nodes} == url_of, "ids depend on the store order"

with open(f"{m}/edges.tsv", newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
assert rows[0] == ["source", "target", "role", "anchor", "followed", "reason"], rows[0]
assert collections.Counter((r[0], r[1], r[2]) for r in rows[1:]) == union_edges

# jsonl: each page once, the latest fetch of it.
pages = [json.loads(line) for line in open(f"{m}/pages.jsonl", encoding="utf-8")]
assert len(pages) == len({p["url"] for p in pages}) == len(latest_page), (len(pages), len(latest_page))
for p in pages:
    assert p["fetched_at"] == latest_page[p["url"]], (p["url"], p["fetched_at"], latest_page[p["url"]])
    assert url_of[p["id"]] == p["url"]
    for link in p["outlinks"]:
        assert url_of[link["id"]] == link["url"]

# graph-stats of the same stores.
stats = json.load(open(f"{m}/stats.json"))
assert (stats["nodes"], stats["edges"]) == (n_nodes, n_edges), stats

# WARC: one response per fetched page of the union, each URL once.
fetched = {p["url"] for p in pages if p["kind"] == "fetched"}
responses = []
with gzip.open(f"{m}/crawl.warc.gz", "rb") as f:
    data = f.read()
at = 0
while at < len(data):
    head_end = data.index(b"\r\n\r\n", at)
    fields = {}
    for line in data[at:head_end].split(b"\r\n")[1:]:
        name, _, value = line.partition(b": ")
        fields[name.decode()] = value.decode()
    length = int(fields["Content-Length"])
    if fields["WARC-Type"] == "response":
        responses.append(fields["WARC-Target-URI"])
    at = head_end + 4 + length + 4  # the block, then CRLF CRLF
assert len(responses) == len(set(responses)) == len(fetched), (len(responses), len(fetched))
assert set(responses) == fetched

print("OK", n_nodes, n_edges, len(pages), overlap, edges_in_stores)
