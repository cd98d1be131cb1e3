"""Road graphs (analysis/roads.py); reading road files is tested in tests/io/test_roads.py.

The tiny graph, in metres of UTM 49S (offset to lie near Jepara)::

        D(1000,1000) --60 km/h-- E(2000,1000)        F(5000,5000) --30-- G(6000,5000)
       /  |                        |
   20 /   | 15 km/h                | 10 km/h
     /    |                        |
   A(0,0) --60-- B(1000,0) --30-- C(2000,0)

Edge minutes: AB 1, BC 2, AD 1.41421/20*60 = 4.24264, BD 4, DE 1, CE 6, FG 2.
By hand, from A: B 1, C 3, D 4.24264 (not A-B-D = 5), E 5.24264 (A-D-E; A-B-C-E = 9).
From C: E 6 (direct; C-B-D-E = 7). F and G are unreachable from A..E.
"""

import math
from itertools import pairwise

import geopandas as gpd
import networkx as nx
import numpy as np
import pytest
from numpy.testing import assert_allclose
from pyproj import Transformer
from shapely.geometry import LineString

from ilp_dash.analysis.roads import (
    TravelError,
    build_graph,
    graph_from_edges,
    nearest_facility,
    shortest_paths,
    snap,
    with_links,
)

X0, Y0 = 500_000.0, 9_270_000.0  # UTM 49S, near Jepara
CRS = "EPSG:32749"
P = {
    "A": (0, 0),
    "B": (1000, 0),
    "C": (2000, 0),
    "D": (1000, 1000),
    "E": (2000, 1000),
    "F": (5000, 5000),
    "G": (6000, 5000),
}
EDGES = [
    ("A", "B", 60),
    ("B", "C", 30),
    ("A", "D", 20),
    ("B", "D", 15),
    ("D", "E", 60),
    ("C", "E", 10),
    ("F", "G", 30),
]
SQ2 = math.sqrt(2)


def xy(name):
    return X0 + P[name][0], Y0 + P[name][1]


def lonlat(x, y):
    return Transformer.from_crs(CRS, "EPSG:4326", always_xy=True).transform(x, y)


@pytest.fixture(scope="module")
def lines():
    return gpd.GeoDataFrame(
        {"speed_kmh": [s for *_, s in EDGES]},
        geometry=[LineString([xy(a), xy(b)]) for a, b, _ in EDGES],
        crs=CRS,
    )


@pytest.fixture(scope="module")
def graph(lines):
    return build_graph(lines, crs=CRS)


def node(graph, name):
    return int(graph.tree.query(xy(name))[1])


def test_tiny_graph_shortest_minutes_by_hand(graph):
    assert (graph.n_nodes, graph.n_edges) == (7, 7)
    src = [node(graph, "A"), node(graph, "C")]
    dst = [node(graph, n) for n in "ABCDEFG"]
    minutes, km, sea = shortest_paths(graph, src, dst)
    inf = np.inf
    assert_allclose(
        minutes, [[0, 1, 3, 3 * SQ2, 3 * SQ2 + 1, inf, inf], [3, 2, 0, 6, 6, inf, inf]], rtol=1e-9
    )
    # km of the fastest path, not of the shortest one: A→E runs A-D-E
    assert_allclose(km, [[0, 1, 2, SQ2, SQ2 + 1, inf, inf], [2, 1, 0, 2, 1, inf, inf]], rtol=1e-9)
    assert not sea.any()


def test_nearest_facility_multi_source(graph):
    facilities = [node(graph, "C"), node(graph, "F")]
    res = nearest_facility(graph, facilities)
    order = [node(graph, n) for n in "ABCDEFG"]
    assert_allclose(res.minutes[order], [3, 2, 0, 6, 6, 0, 2], rtol=1e-9)
    assert res.facility[order].tolist() == [0, 0, 0, 0, 0, 1, 1]
    only_c = nearest_facility(graph, [node(graph, "C")])
    assert only_c.facility[node(graph, "G")] == -1 and np.isinf(only_c.minutes[node(graph, "G")])


def test_snapping_distance_and_node(graph):
    lon, lat = lonlat(X0 + 1000, Y0 + 30)  # 30 m north of B
    s = snap(graph, [lon], [lat])
    assert s.node[0] == node(graph, "B")
    assert_allclose(s.distance_m, [30.0], atol=0.01)


def test_duplicate_lines_keep_fastest_and_near_vertices_merge():
    a, b = (X0, Y0), (X0 + 1000, Y0)
    gdf = gpd.GeoDataFrame(
        {"speed_kmh": [30.0, 60.0, 60.0]},
        crs=CRS,
        geometry=[
            LineString([a, b]),
            LineString([a, b]),
            LineString(
                [(X0 + 1000.4, Y0), (X0 + 2000, Y0)]
            ),  # starts 0.4 m from b: joins at merge_m=1
        ],
    )
    g = build_graph(gdf, crs=CRS)
    assert g.n_nodes == 3
    m, _, _ = shortest_paths(g, [int(g.tree.query(a)[1])], [int(g.tree.query((X0 + 2000, Y0))[1])])
    assert_allclose(m, [[2.0]], rtol=1e-3)  # 1 min at 60 (not 2 at 30) + 1 min
    apart = build_graph(gdf, crs=CRS, merge_m=0.0)
    assert apart.n_nodes == 4


def test_sea_link_edges_join_components(graph):
    c, f = node(graph, "C"), node(graph, "F")
    g = with_links(graph, [c], [f], [30.0], [5.0])
    m, km, sea = shortest_paths(g, [node(g, "A")], [node(g, "G"), node(g, "E")])
    assert_allclose(m, [[3 + 30 + 2, 3 * SQ2 + 1]], rtol=1e-9)
    assert_allclose(km, [[2 + 5 + 1, SQ2 + 1]], rtol=1e-9)
    assert sea.tolist() == [[True, False]]
    assert graph.n_edges == 7  # the original graph is unchanged


def test_agrees_with_networkx_on_a_random_graph():
    rng = np.random.default_rng(7)
    n = 300
    xy_ = rng.uniform(0, 10_000, size=(n, 2))
    u = rng.integers(0, n, 900)
    v = rng.integers(0, n, 900)
    km = np.hypot(*(xy_[u] - xy_[v]).T) / 1000 + 0.01
    minutes = km / rng.choice([20.0, 40.0, 60.0], size=900) * 60
    g = graph_from_edges(xy_, u, v, minutes, km, crs=CRS)
    G = nx.Graph()
    for a, b, t, k in zip(u, v, minutes, km):
        if a != b and (not G.has_edge(a, b) or G[a][b]["t"] > t):
            G.add_edge(int(a), int(b), t=t, k=k)
    m, k, _ = shortest_paths(g, [0, 5], np.arange(n), chunk=1)
    for row, s in enumerate([0, 5]):
        dist, paths = nx.single_source_dijkstra(G, s, weight="t")
        for t_node, d in dist.items():
            assert m[row, t_node] == pytest.approx(d, rel=1e-9)
            path = paths[t_node]
            assert k[row, t_node] == pytest.approx(
                sum(G[a][b]["k"] for a, b in pairwise(path)), rel=1e-9
            )
        unreachable = set(range(n)) - set(dist)
        assert all(np.isinf(m[row, list(unreachable)]))


def test_bad_arguments_raise_travel_error(lines):
    with pytest.raises(TravelError, match="no 'kecepatan' column"):
        build_graph(lines, speed_column="kecepatan")
    with pytest.raises(TravelError, match="positive speed"):
        build_graph(lines.assign(speed_kmh=0.0))
    with pytest.raises(TravelError, match="finite and greater than 0"):
        graph_from_edges(np.zeros((2, 2)), [0], [1], [0.0], [0.0], crs=CRS)
    assert issubclass(TravelError, ValueError)
