"""Road graphs: built from line geometries, snapped to, searched with ``scipy.sparse.csgraph``.

A :class:`RoadGraph` holds its nodes in metres of a projected CRS (the UTM zone
of the roads, from :func:`ilp_dash.io.wilayah_source.utm_crs_for`) and two
symmetric sparse matrices with the same sparsity: minutes and km per edge.
Every road is two-way (ambulances and motorbikes, village roads are rarely
one-way). Graphs are never changed in place: :func:`with_links` returns a new one.

Shortest paths run on minutes; the km of the fastest path are summed along the
predecessor tree by pointer jumping (``log2(depth)`` vectorised steps), so a
matrix reports both. Unreachable pairs are ``np.inf``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer
from scipy.sparse import csr_array
from scipy.sparse.csgraph import connected_components, dijkstra
from scipy.spatial import cKDTree

from ilp_dash.io.wilayah_source import utm_crs_for

NO_NODE = -9999  # scipy's marker for "no predecessor"


class TravelError(ValueError):
    """Bad arguments to a road-graph, travel-time or referral function."""


@dataclass(frozen=True, eq=False)
class RoadGraph:
    """An undirected road graph in metres of ``crs``.

    Attributes
    ----------
    xy : (n, 2) float array of node coordinates in ``crs`` (metres).
    crs : projected CRS of the nodes, e.g. ``"EPSG:32749"``.
    minutes, km : symmetric ``csr_array`` of edge minutes and km, same sparsity.
    sea : bool array aligned with ``minutes.data``: the edge is a sea link.
    """

    xy: np.ndarray
    crs: str
    minutes: csr_array
    km: csr_array
    sea: np.ndarray
    tree: cKDTree = field(repr=False)

    @property
    def n_nodes(self) -> int:
        return len(self.xy)

    @property
    def n_edges(self) -> int:
        """Undirected edges (each is stored twice)."""
        return self.minutes.nnz // 2

    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(u, v, minutes, km, sea)`` of each stored (directed) edge."""
        u = np.repeat(np.arange(self.n_nodes), np.diff(self.minutes.indptr))
        return (
            u,
            self.minutes.indices.copy(),
            self.minutes.data.copy(),
            self.km.data.copy(),
            self.sea.copy(),
        )


@dataclass(frozen=True, eq=False)
class Snapped:
    """Points snapped to their nearest graph node."""

    node: np.ndarray  # int index into the graph's nodes
    distance_m: np.ndarray  # straight distance from the point to that node


@dataclass(frozen=True, eq=False)
class NearestFacility:
    """For every node: minutes to the nearest facility and which one (``-1`` = none reachable)."""

    minutes: np.ndarray
    facility: np.ndarray


def graph_from_edges(
    xy: np.ndarray,
    u: np.ndarray,
    v: np.ndarray,
    minutes: np.ndarray,
    km: np.ndarray,
    *,
    crs: str,
    sea: np.ndarray | None = None,
) -> RoadGraph:
    """A :class:`RoadGraph` from edge arrays; edges are made two-way, duplicates keep the fastest.

    Self-loops are dropped. ``minutes`` must be finite and positive.
    """
    xy = np.asarray(xy, dtype=float)
    u, v = np.asarray(u, dtype=np.int64), np.asarray(v, dtype=np.int64)
    minutes, km = np.asarray(minutes, dtype=float), np.asarray(km, dtype=float)
    sea = np.zeros(len(u), dtype=bool) if sea is None else np.asarray(sea, dtype=bool)
    n = len(xy)
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise TravelError(f"xy must have shape (n, 2), got {xy.shape}")
    if not (len(u) == len(v) == len(minutes) == len(km) == len(sea)):
        raise TravelError("u, v, minutes, km and sea must have the same length")
    if len(u) and (min(u.min(), v.min()) < 0 or max(u.max(), v.max()) >= n):
        raise TravelError(f"edge end points must be node indices 0..{n - 1}")
    if not np.all(np.isfinite(minutes) & (minutes > 0)):
        raise TravelError("edge minutes must be finite and greater than 0")
    keep = u != v
    u, v, minutes, km, sea = (
        np.concatenate([a[keep], b[keep]])
        for a, b in ((u, v), (v, u), (minutes, minutes), (km, km), (sea, sea))
    )
    key = u * n + v
    order = np.lexsort((minutes, key))
    key, minutes, km, sea = key[order], minutes[order], km[order], sea[order]
    first = np.ones(len(key), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    key, minutes, km, sea = key[first], minutes[first], km[first], sea[first]
    rows, cols = key // n, key % n
    indptr = np.searchsorted(rows, np.arange(n + 1))
    t = csr_array((minutes, cols, indptr), shape=(n, n))
    k = csr_array((km, cols.copy(), indptr.copy()), shape=(n, n))
    return RoadGraph(xy=xy, crs=crs, minutes=t, km=k, sea=sea, tree=cKDTree(xy))


def build_graph(
    lines: gpd.GeoDataFrame,
    *,
    speed_column: str = "speed_kmh",
    merge_m: float = 1.0,
    crs: str | None = None,
) -> RoadGraph:
    """Build a road graph from line geometries with a speed per line.

    Every vertex is a node; vertices closer than ``merge_m`` metres (within or
    across lines) become one node, so lines meeting at a shared or nearly shared
    vertex connect. Lines that cross without a shared vertex (bridges,
    flyovers) do not connect. Each segment takes ``length / speed`` minutes.

    Parameters
    ----------
    lines : GeoDataFrame of (Multi)LineStrings with a CRS and ``speed_column`` in km/h
        (see :func:`ilp_dash.io.roads.read_roads`, which fills it from road classes).
    speed_column : column with the travel speed in km/h.
    merge_m : vertices this close (metres) are merged into one node.
    crs : projected CRS to work in; default the UTM zone of the lines' centre.
    """
    if lines.crs is None:
        raise TravelError("the road lines have no CRS")
    if speed_column not in lines.columns:
        raise TravelError(f"the road lines have no {speed_column!r} column")
    if merge_m < 0:
        raise TravelError(f"merge_m must be 0 or more, got {merge_m}")
    speeds = np.asarray(lines[speed_column], dtype=float)
    if not np.all(np.isfinite(speeds) & (speeds > 0)):
        bad = int(np.sum(~(np.isfinite(speeds) & (speeds > 0))))
        raise TravelError(f"{bad} road lines have no positive speed in {speed_column!r}")
    geoms = lines.geometry.values
    kinds = set(shapely.get_type_id(geoms[~shapely.is_empty(geoms)]).tolist())
    if not kinds <= {1, 5}:
        raise TravelError("road geometries must be LineString or MultiLineString")
    if crs is None:
        minx, miny, maxx, maxy = lines.total_bounds
        to_wgs84 = Transformer.from_crs(lines.crs, "EPSG:4326", always_xy=True)
        crs = utm_crs_for(*to_wgs84.transform((minx + maxx) / 2, (miny + maxy) / 2))
    parts = gpd.GeoSeries(geoms, crs=lines.crs).to_crs(crs).explode(index_parts=False)
    line_speed = speeds[parts.index.to_numpy()]
    coords, part = shapely.get_coordinates(parts.values, return_index=True)
    if len(coords) < 2:
        raise TravelError("the road lines hold no segments")
    node = _merge_vertices(coords, merge_m)
    xy = np.zeros((node.max() + 1, 2))
    xy[node] = coords  # any vertex of a merged group stands for it
    seg = np.flatnonzero(part[1:] == part[:-1])
    length_m = np.hypot(*(coords[seg + 1] - coords[seg]).T)
    speed = line_speed[part[seg]]
    u, v = node[seg], node[seg + 1]
    ok = (u != v) & (length_m > 0)
    km = length_m[ok] / 1000.0
    return graph_from_edges(xy, u[ok], v[ok], km / speed[ok] * 60.0, km, crs=crs)


def _merge_vertices(coords: np.ndarray, merge_m: float) -> np.ndarray:
    """Node label per vertex: equal coordinates, or within ``merge_m``, share a label."""
    uniq, inverse = np.unique(coords, axis=0, return_inverse=True)
    inverse = inverse.ravel()
    if merge_m > 0 and len(uniq) > 1:
        pairs = cKDTree(uniq).query_pairs(merge_m, output_type="ndarray")
        if len(pairs):
            m = len(uniq)
            adj = csr_array((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(m, m))
            _, label = connected_components(adj, directed=False)
            return label[inverse]
    return inverse


def with_links(graph: RoadGraph, u, v, minutes, km, *, sea: bool = True) -> RoadGraph:
    """A new graph with extra two-way edges (e.g. ferry crossings between snapped port nodes)."""
    gu, gv, gt, gk, gs = graph.edges()
    extra = np.full(len(np.atleast_1d(u)), sea, dtype=bool)
    return graph_from_edges(
        graph.xy,
        np.concatenate([gu, np.atleast_1d(u)]),
        np.concatenate([gv, np.atleast_1d(v)]),
        np.concatenate([gt, np.atleast_1d(minutes)]),
        np.concatenate([gk, np.atleast_1d(km)]),
        crs=graph.crs,
        sea=np.concatenate([gs, extra]),
    )


def snap(graph: RoadGraph, lon, lat) -> Snapped:
    """Snap WGS 84 points to their nearest node (straight distance in the graph's CRS)."""
    lon, lat = (
        np.atleast_1d(np.asarray(lon, dtype=float)),
        np.atleast_1d(np.asarray(lat, dtype=float)),
    )
    if lon.shape != lat.shape:
        raise TravelError("lon and lat must have the same length")
    if graph.n_nodes == 0:
        raise TravelError("the road graph has no nodes")
    x, y = Transformer.from_crs("EPSG:4326", graph.crs, always_xy=True).transform(lon, lat)
    dist, node = graph.tree.query(np.column_stack([x, y]))
    return Snapped(node=np.asarray(node, dtype=np.int64), distance_m=np.asarray(dist, dtype=float))


def nearest_facility(graph: RoadGraph, nodes, *, limit: float = np.inf) -> NearestFacility:
    """Minutes from every node to its nearest facility node, by one multi-source Dijkstra.

    Parameters
    ----------
    graph : the road graph.
    nodes : node index of each facility (e.g. from :func:`snap`).
    limit : stop searching beyond this many minutes (those nodes get ``inf``).

    Returns
    -------
    NearestFacility
        ``facility[i]`` is the position in ``nodes`` of node ``i``'s nearest
        facility (the first one when several share a node), ``-1`` when none is
        reachable; ``minutes[i]`` is ``inf`` then.
    """
    nodes = np.atleast_1d(np.asarray(nodes, dtype=np.int64))
    if len(nodes) == 0:
        raise TravelError("no facility nodes given")
    if nodes.min() < 0 or nodes.max() >= graph.n_nodes:
        raise TravelError(f"facility nodes must be node indices 0..{graph.n_nodes - 1}")
    dist, _, source = dijkstra(
        graph.minutes,
        directed=True,
        indices=nodes,
        min_only=True,
        return_predecessors=True,
        limit=limit,
    )
    position = np.full(graph.n_nodes, -1, dtype=np.int64)
    position[nodes[::-1]] = np.arange(len(nodes))[::-1]  # the first of duplicates wins
    facility = np.where(source >= 0, position[np.maximum(source, 0)], -1)
    return NearestFacility(minutes=dist, facility=facility)


def shortest_paths(
    graph: RoadGraph, sources, targets, *, chunk: int = 32
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Minutes, km and "uses a sea link" of the fastest path from each source to each target node.

    Runs Dijkstra from ``chunk`` sources at a time so memory stays at
    ``chunk × n_nodes``. Returns three ``(len(sources), len(targets))`` arrays;
    unreachable pairs have ``inf`` minutes and km.
    """
    sources = np.atleast_1d(np.asarray(sources, dtype=np.int64))
    targets = np.atleast_1d(np.asarray(targets, dtype=np.int64))
    n = graph.n_nodes
    for name, idx in (("sources", sources), ("targets", targets)):
        if len(idx) and (idx.min() < 0 or idx.max() >= n):
            raise TravelError(f"{name} must be node indices 0..{n - 1}")
    if chunk < 1:
        raise TravelError(f"chunk must be 1 or more, got {chunk}")
    minutes = np.full((len(sources), len(targets)), np.inf)
    km, sea = minutes.copy(), np.zeros(minutes.shape, dtype=bool)
    if not len(sources) or not len(targets):
        return minutes, km, sea
    u = np.repeat(np.arange(n, dtype=np.int64), np.diff(graph.minutes.indptr))
    keys = u * n + graph.minutes.indices
    has_sea = bool(graph.sea.any())
    for start in range(0, len(sources), chunk):
        src = sources[start : start + chunk]
        dist, pred = dijkstra(graph.minutes, directed=True, indices=src, return_predecessors=True)
        dist, pred = np.atleast_2d(dist), np.atleast_2d(pred)
        values = (graph.km.data, graph.sea.astype(float)) if has_sea else (graph.km.data,)
        sums = _sum_along_tree(pred, keys, n, *values)
        minutes[start : start + len(src)] = dist[:, targets]
        km[start : start + len(src)] = np.where(np.isfinite(dist), sums[0], np.inf)[:, targets]
        if has_sea:
            sea[start : start + len(src)] = sums[1][:, targets] > 0
    return minutes, km, sea


def _sum_along_tree(
    pred: np.ndarray, keys: np.ndarray, n: int, *values: np.ndarray
) -> list[np.ndarray]:
    """Sum per-edge ``values`` from each tree's root to every node, by pointer jumping.

    ``pred`` is ``(k, n)`` (one shortest-path tree per row). ``keys`` are the
    sorted ``u * n + v`` keys of the stored edges, aligned with each array in
    ``values``.
    """
    k = pred.shape[0]
    flat_pred = pred.ravel().astype(np.int64)
    has = flat_pred >= 0
    node = np.tile(np.arange(n, dtype=np.int64), k)
    edge = np.searchsorted(keys, flat_pred[has] * n + node[has])
    acc = []
    for val in values:
        a = np.zeros(k * n)
        a[has] = val[edge]
        acc.append(a)
    offset = np.repeat(np.arange(k, dtype=np.int64) * n, n)
    anc = np.where(has, flat_pred + offset, -1)  # flat index of the ancestor
    active = np.flatnonzero(anc >= 0)
    while len(active):
        up = anc[active]
        for a in acc:
            a[active] += a[up]
        anc[active] = anc[up]
        active = active[anc[active] >= 0]
    return [a.reshape(k, n) for a in acc]
