"""What export_check.py and export_merge_check.py share: reading newscrawl's
GraphML and GEXF 1.3 with networkx, and checking a graph's counts."""
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
