"""Origin × destination travel-time matrices, three ways; unreachable pairs are ``np.inf``.

1. **Straight line** (:func:`straight_line_matrix`): great-circle km × circuity
   ÷ speed (defaults 1.3 and 40 km/h, from :mod:`ilp_dash.analysis.distance`,
   the same rule the ambulance siting uses). Every pair is finite.
2. **Landmasses and sea links** (``travel_model(villages=..., sea_links=...)``):
   straight lines only *within* a landmass (a connected group of village
   polygons, :func:`~ilp_dash.analysis.landmasses.find_landmasses`) plus boat crossings between ports. An
   island village reaches the mainland as land → port + crossing + port → land;
   without a sea link, a pair on different landmasses is ``inf``, never a
   straight line over the sea.
3. **Road network** (``travel_model(roads=...)``): points snap to the nearest
   node of a :class:`~ilp_dash.analysis.roads.RoadGraph`; the snap distance is
   walked at ``access_kmh`` (5 km/h) and reported; points farther than
   ``max_snap_km`` (3 km) from every node are unreachable. Sea links become
   graph edges between the snapped ports.

Build a :class:`TravelModel` once with :func:`travel_model`, then call
:meth:`TravelModel.matrix` for any origins and destinations. Points are a frame
with ``lon``/``lat`` columns, a point GeoDataFrame or an ``(n, 2)`` lon/lat array.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd

from ilp_dash.analysis.distance import DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH, haversine_km
from ilp_dash.analysis.landmasses import DEFAULT_GAP_KM, Landmasses, find_landmasses
from ilp_dash.analysis.roads import (
    RoadGraph,
    TravelError,
    build_graph,
    graph_from_edges,
    shortest_paths,
    snap,
    with_links,
)

__all__ = [
    "DEFAULT_CIRCUITY",
    "DEFAULT_SPEED_KMH",
    "Landmasses",
    "TravelError",
    "TravelMatrix",
    "TravelModel",
    "find_landmasses",
    "straight_line_matrix",
    "travel_matrix",
    "travel_model",
]

DEFAULT_ACCESS_KMH = 5.0
"""Walking speed for the distance from a point to its snapped road node."""
DEFAULT_MAX_SNAP_KM = 3.0
"""Points farther than this from every road node are unreachable on the road network."""
SEA_COLUMNS = ("from_lon", "from_lat", "to_lon", "to_lat", "minutes")


@dataclass(frozen=True, eq=False)
class TravelMatrix:
    """Minutes and km from every origin (rows) to every destination (columns).

    ``inf`` marks an unreachable pair. Straight-line km are estimated road km
    (great circle × circuity); sea legs count the crossing's km; road-network km
    follow the fastest path plus the snap distances. ``sea`` is true where the
    fastest path uses a sea link. ``origin_snap_m``/``destination_snap_m`` are the distances
    to the snapped road nodes (road-network method only, else ``None``).
    """

    minutes: np.ndarray
    km: np.ndarray
    sea: np.ndarray
    method: str
    origin_snap_m: np.ndarray | None = None
    destination_snap_m: np.ndarray | None = None


def _lonlat(points, name: str) -> tuple[np.ndarray, np.ndarray]:
    """``(lon, lat)`` arrays from a frame, a point GeoDataFrame or an ``(n, 2)`` array."""
    if isinstance(points, pd.DataFrame) and {"lon", "lat"} <= set(points.columns):
        lon, lat = points["lon"].to_numpy(float), points["lat"].to_numpy(float)
    elif isinstance(points, gpd.GeoDataFrame):
        g = points.geometry.to_crs("EPSG:4326") if points.crs else points.geometry
        if not (g.geom_type == "Point").all():
            raise TravelError(f"{name}: geometries must be points (or give lon/lat columns)")
        lon, lat = g.x.to_numpy(float), g.y.to_numpy(float)
    else:
        arr = (
            np.asarray(points, dtype=float).reshape(-1, 2) if np.size(points) else np.empty((0, 2))
        )
        lon, lat = arr[:, 0], arr[:, 1]
    bad = ~(np.isfinite(lon) & np.isfinite(lat)) | (np.abs(lat) > 90) | (np.abs(lon) > 180)
    if bad.any():
        raise TravelError(
            f"{name}: {int(bad.sum())} points have no valid lon/lat (first: row {int(np.argmax(bad))})"
        )
    return lon, lat


def _check_speed(speed_kmh: float, circuity: float) -> None:
    if not (np.isfinite(speed_kmh) and speed_kmh > 0):
        raise TravelError(f"speed_kmh must be a positive number, got {speed_kmh!r}")
    if not (np.isfinite(circuity) and circuity >= 1):
        raise TravelError(f"circuity must be a number of at least 1, got {circuity!r}")


def straight_line_matrix(
    origins,
    destinations,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> TravelMatrix:
    """Straight-line travel: ``km = great-circle km × circuity``, ``minutes = km ÷ speed × 60``.

    The km reported are the estimated road km (circuity included).
    """
    _check_speed(speed_kmh, circuity)
    (lo, la), (ld, lad) = _lonlat(origins, "origins"), _lonlat(destinations, "destinations")
    km = (
        haversine_km(lo, la, ld, lad) * circuity
        if len(lo) and len(ld)
        else np.zeros((len(lo), len(ld)))
    )
    return TravelMatrix(
        minutes=km / speed_kmh * 60.0, km=km, sea=np.zeros(km.shape, bool), method="straight_line"
    )


def _sea_frame(sea_links: pd.DataFrame) -> pd.DataFrame:
    missing = [c for c in SEA_COLUMNS if c not in sea_links.columns]
    if missing:
        raise TravelError(
            f"sea_links lacks column(s) {', '.join(missing)}; see ilp_dash.io.sea_links.read_sea_links"
        )
    out = sea_links.copy()
    vals = out[list(SEA_COLUMNS)].to_numpy(float)
    if not np.isfinite(vals).all() or (vals[:, 4] <= 0).any():
        raise TravelError("sea_links: coordinates must be finite and minutes greater than 0")
    gc = (
        np.diag(haversine_km(vals[:, 0], vals[:, 1], vals[:, 2], vals[:, 3]))
        if len(out)
        else np.zeros(0)
    )
    km = out["km"].to_numpy(float) if "km" in out.columns else np.full(len(out), np.nan)
    out["km"] = np.where(np.isfinite(km), km, gc)
    if "name" not in out.columns:
        out["name"] = [f"sea link {i + 1}" for i in range(len(out))]
    return out.reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class TravelModel:
    """How travel is measured; build with :func:`travel_model`, use :meth:`matrix`."""

    method: str
    speed_kmh: float
    circuity: float
    access_kmh: float
    max_snap_km: float
    landmasses: Landmasses | None = None
    roads: RoadGraph | None = None
    ports: np.ndarray | None = None  # (P, 2) lon/lat of the sea-link ends
    port_land: np.ndarray | None = None  # landmass of each port
    port_minutes: np.ndarray | None = None  # (P, P) fastest port-to-port minutes
    port_km: np.ndarray | None = None
    port_sea: np.ndarray | None = None
    unused_links: tuple[str, ...] = ()  # sea links whose ports are off the road network

    def matrix(self, origins, destinations) -> TravelMatrix:
        """Minutes and km from every origin to every destination by this model's method."""
        if self.method == "road_network":
            return self._road(origins, destinations)
        straight = straight_line_matrix(
            origins, destinations, circuity=self.circuity, speed_kmh=self.speed_kmh
        )
        if self.method == "straight_line":
            return straight
        return self._landmass(origins, destinations, straight)

    def _land(self, lon, lat, label, lon2, lat2, label2) -> tuple[np.ndarray, np.ndarray]:
        km = (
            haversine_km(lon, lat, lon2, lat2) * self.circuity
            if len(lon) and len(lon2)
            else np.zeros((len(lon), len(lon2)))
        )
        km[label[:, None] != label2[None, :]] = np.inf
        return km / self.speed_kmh * 60.0, km

    def _landmass(self, origins, destinations, straight: TravelMatrix) -> TravelMatrix:
        (lo, la), (ld, lad) = _lonlat(origins, "origins"), _lonlat(destinations, "destinations")
        o_land, d_land = self.landmasses.label(lo, la)[0], self.landmasses.label(ld, lad)[0]
        apart = o_land[:, None] != d_land[None, :]
        minutes, km = straight.minutes.copy(), straight.km.copy()
        minutes[apart], km[apart] = np.inf, np.inf
        sea = np.zeros(minutes.shape, bool)
        if self.ports is None or not len(self.ports):
            return TravelMatrix(minutes=minutes, km=km, sea=sea, method=self.method)
        plon, plat = self.ports[:, 0], self.ports[:, 1]
        a_min, a_km = self._land(lo, la, o_land, plon, plat, self.port_land)  # origin → port p
        c_min, c_km = self._land(
            plon, plat, self.port_land, ld, lad, d_land
        )  # port q → destination
        # origin → port q through the port graph (land legs and crossings): min over p
        v_min = np.full(a_min.shape, np.inf)
        v_km, v_sea = v_min.copy(), np.zeros(a_min.shape, bool)
        for p in range(len(self.ports)):
            t = a_min[:, p : p + 1] + self.port_minutes[p][None, :]
            better = t < v_min
            v_min = np.where(better, t, v_min)
            v_km = np.where(better, a_km[:, p : p + 1] + self.port_km[p][None, :], v_km)
            v_sea = np.where(better, self.port_sea[p][None, :], v_sea)
        for q in range(len(self.ports)):
            t = v_min[:, q : q + 1] + c_min[q][None, :]
            better = t < minutes
            minutes = np.where(better, t, minutes)
            km = np.where(better, v_km[:, q : q + 1] + c_km[q][None, :], km)
            sea = np.where(better, v_sea[:, q : q + 1], sea)
        return TravelMatrix(minutes=minutes, km=km, sea=sea, method=self.method)

    def _road(self, origins, destinations) -> TravelMatrix:
        (lo, la), (ld, lad) = _lonlat(origins, "origins"), _lonlat(destinations, "destinations")
        so, sd = snap(self.roads, lo, la), snap(self.roads, ld, lad)
        o_nodes, o_inv = np.unique(so.node, return_inverse=True)
        d_nodes, d_inv = np.unique(sd.node, return_inverse=True)
        if len(o_nodes) <= len(
            d_nodes
        ):  # run Dijkstra from the smaller side (the graph is symmetric)
            net_min, net_km, net_sea = shortest_paths(self.roads, o_nodes, d_nodes)
        else:
            net_min, net_km, net_sea = (a.T for a in shortest_paths(self.roads, d_nodes, o_nodes))
        idx = np.ix_(o_inv.ravel(), d_inv.ravel())
        net_min, net_km, net_sea = net_min[idx], net_km[idx], net_sea[idx]
        o_km, d_km = so.distance_m / 1000.0, sd.distance_m / 1000.0
        km = o_km[:, None] + net_km + d_km[None, :]
        minutes = (o_km[:, None] + d_km[None, :]) / self.access_kmh * 60.0 + net_min
        too_far = (o_km[:, None] > self.max_snap_km) | (d_km[None, :] > self.max_snap_km)
        minutes[too_far], km[too_far] = np.inf, np.inf
        return TravelMatrix(
            minutes=minutes,
            km=km,
            sea=net_sea & np.isfinite(minutes),
            method=self.method,
            origin_snap_m=so.distance_m,
            destination_snap_m=sd.distance_m,
        )


def travel_model(
    *,
    villages: gpd.GeoDataFrame | None = None,
    roads: RoadGraph | gpd.GeoDataFrame | None = None,
    sea_links: pd.DataFrame | None = None,
    speed_kmh: float = DEFAULT_SPEED_KMH,
    circuity: float = DEFAULT_CIRCUITY,
    gap_km: float = DEFAULT_GAP_KM,
    access_kmh: float = DEFAULT_ACCESS_KMH,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
) -> TravelModel:
    """Choose and prepare a travel method.

    ``roads`` given → road network (plus sea links as edges); else ``villages``
    given → straight lines within landmasses plus sea links; else plain
    straight lines (``sea_links`` then needs ``villages`` or ``roads``).

    Parameters
    ----------
    villages : village polygons, for landmasses.
    roads : a :class:`RoadGraph`, or road lines with ``speed_kmh`` (built with
        :func:`~ilp_dash.analysis.roads.build_graph`).
    sea_links : frame with ``from_lon, from_lat, to_lon, to_lat, minutes`` and
        optional ``km`` (default: great-circle between the ends) and ``name``;
        crossings are two-way (see :func:`ilp_dash.io.sea_links.read_sea_links`).
    speed_kmh, circuity : straight-line rule (40 km/h, 1.3).
    gap_km : water narrower than this joins landmasses (0.5 km).
    access_kmh, max_snap_km : road network only: walking speed to the snapped
        node (5 km/h) and the farthest snap allowed (3 km).
    """
    _check_speed(speed_kmh, circuity)
    if not (np.isfinite(access_kmh) and access_kmh > 0):
        raise TravelError(f"access_kmh must be a positive number, got {access_kmh!r}")
    if not (max_snap_km >= 0):
        raise TravelError(f"max_snap_km must be 0 or more, got {max_snap_km!r}")
    common = {
        "speed_kmh": speed_kmh,
        "circuity": circuity,
        "access_kmh": access_kmh,
        "max_snap_km": max_snap_km,
    }
    links = _sea_frame(sea_links) if sea_links is not None else None
    if roads is not None:
        graph = roads if isinstance(roads, RoadGraph) else build_graph(roads)
        unused: list[str] = []
        if links is not None and len(links):
            a = snap(graph, links["from_lon"], links["from_lat"])
            b = snap(graph, links["to_lon"], links["to_lat"])
            ok = (np.maximum(a.distance_m, b.distance_m) <= max_snap_km * 1000) & (a.node != b.node)
            unused = links.loc[~ok, "name"].astype(str).tolist()
            walk_km = (a.distance_m + b.distance_m)[ok] / 1000.0
            if ok.any():
                graph = with_links(
                    graph,
                    a.node[ok],
                    b.node[ok],
                    links["minutes"].to_numpy(float)[ok] + walk_km / access_kmh * 60.0,
                    links["km"].to_numpy(float)[ok] + walk_km,
                )
        return TravelModel(method="road_network", roads=graph, unused_links=tuple(unused), **common)
    if villages is None:
        if links is not None:
            raise TravelError("sea links need villages (to find landmasses) or a road network")
        return TravelModel(method="straight_line", **common)
    land = find_landmasses(villages, gap_km=gap_km)
    if links is None or not len(links):
        return TravelModel(method="landmass", landmasses=land, **common)
    return TravelModel(
        method="landmass",
        landmasses=land,
        **_port_graph(links, land, speed_kmh, circuity),
        **common,
    )


def _port_graph(links: pd.DataFrame, land: Landmasses, speed_kmh: float, circuity: float) -> dict:
    """Fastest port-to-port minutes, km and sea use: crossings plus land legs within a landmass."""
    ends = np.vstack(
        [
            links[["from_lon", "from_lat"]].to_numpy(float),
            links[["to_lon", "to_lat"]].to_numpy(float),
        ]
    )
    ports, inverse = np.unique(np.round(ends, 6), axis=0, return_inverse=True)
    inverse = inverse.ravel()
    n_links, p = len(links), len(ports)
    port_land = land.label(ports[:, 0], ports[:, 1])[0]
    gc = haversine_km(ports[:, 0], ports[:, 1], ports[:, 0], ports[:, 1]) * circuity
    same = (port_land[:, None] == port_land[None, :]) & ~np.eye(p, dtype=bool)
    uu, vv = np.nonzero(same)
    u = np.concatenate([uu, inverse[:n_links]])
    v = np.concatenate([vv, inverse[n_links:]])
    minutes = np.concatenate([gc[uu, vv] / speed_kmh * 60.0, links["minutes"].to_numpy(float)])
    km = np.concatenate([gc[uu, vv], links["km"].to_numpy(float)])
    sea = np.concatenate([np.zeros(len(uu), bool), np.ones(n_links, bool)])
    keep = (u != v) & (minutes > 0)
    xy = np.zeros((p, 2))  # the port graph needs no geometry
    g = graph_from_edges(xy, u[keep], v[keep], minutes[keep], km[keep], crs=land.crs, sea=sea[keep])
    allp = np.arange(p)
    pm, pk, ps = shortest_paths(g, allp, allp)
    return {
        "ports": ports,
        "port_land": port_land,
        "port_minutes": pm,
        "port_km": pk,
        "port_sea": ps,
    }


def travel_matrix(origins, destinations, **options) -> TravelMatrix:
    """One-off matrix: ``travel_model(**options).matrix(origins, destinations)``."""
    return travel_model(**options).matrix(origins, destinations)
