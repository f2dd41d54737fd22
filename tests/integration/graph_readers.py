"""What export_check.py and export_merge_check.py share: reading newscrawl's
GraphML and GEXF 1.3 with networkx, checking a graph's counts, and checking
that the graph exports of one directory describe the same graph."""
import networkx as nx
from networkx.readwrite import gexf


def read_gexf13(path):
    """networkx reads GEXF 1.1draft and 1.2draft; 1.3 has the same elements
    for what newscrawl writes, under its own namespace."""
    reader = gexf.GEXFReader(version="1.2draft")
    v13 = dict(reader.versions["1.2draft"])
    v13["NS_GEXF"] = "http://gexf.net/1.3"
    reader.versions["1.3"] = v13
    reader.set_version("1.3")
    with open(path, "rb") as f:
        return reader(f)


def check_counts(name, g, n_nodes, n_edges):
    assert g.number_of_nodes() == n_nodes, (name, g.number_of_nodes(), n_nodes)
    assert g.number_of_edges() == n_edges, (name, g.number_of_edges(), n_edges)


def check_graph_exports(d, nodes, edge_rows, n_nodes, n_edges):
    """graph.graphml, graph.gexf and the nodes.csv/edges.csv rows of
    directory d describe one graph: n_nodes nodes and n_edges edges in each,
    the same node ids naming the same URLs, the same edge keys; every fetched
    HTML page has a title."""
    url_of = {n["Id"]: n["Url"] for n in nodes}
    graphml = nx.read_graphml(f"{d}/graph.graphml")
    gexf_graph = read_gexf13(f"{d}/graph.gexf")
    csv_graph = nx.MultiDiGraph()
    csv_graph.add_nodes_from(url_of)
    csv_graph.add_edges_from((e["Source"], e["Target"]) for e in edge_rows)
    for name, g in (("graphml", graphml), ("gexf", gexf_graph), ("csv", csv_graph)):
        check_counts(name, g, n_nodes, n_edges)
    assert set(graphml.nodes) == set(gexf_graph.nodes) == set(url_of)
    for node, data in graphml.nodes(data=True):
        assert data["url"] == url_of[node], (node, data)
        assert gexf_graph.nodes[node]["url"] == url_of[node]
    assert {k for _, _, k in graphml.edges(keys=True)} == {k for _, _, k in gexf_graph.edges(keys=True)}
    fetched_html = [n for n in nodes if n["Fetched"] == "true" and "html" in n["ContentType"]]
    assert fetched_html and all(n["Title"] for n in fetched_html), "titles missing"
