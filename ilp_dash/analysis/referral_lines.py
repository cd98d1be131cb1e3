"""Referral lines: where the chain's legs run, over land and across the sea, and how long they take.

The travel model's straight-line rule kept with its geometry so it can be
drawn: within one landmass a leg is a straight line (great-circle km ×
circuity at a fixed speed); between landmasses it goes land → port, a boat
crossing, port → land, by the fastest path (:func:`route`). :func:`chain_legs`
lists the distinct legs of referral-chain rows, :func:`leg_segments` turns them
into drawable segments per kind (:data:`LINE_LEGS`), and :func:`dashes` cuts a
crossing into short pieces with gaps.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ilp_dash.analysis.distance import haversine_km
from ilp_dash.policy import CIRCUITY as DEFAULT_CIRCUITY
from ilp_dash.policy import STRAIGHT_LINE_SPEED_KMH as DEFAULT_SPEED_KMH

LINE_LEGS = ("pustu", "puskesmas", "rsud", "sea")
"""Kinds of drawn segments in order: Posyandu → Pustu, Pustu → Puskesmas, Puskesmas → RSUD, sea crossings."""


@dataclass(frozen=True)
class SeaNet:
    """Ports (lon/lat, landmass) and the crossings between them (two-way)."""

    ports: np.ndarray  # (P, 2)
    port_land: np.ndarray  # (P,)
    crossings: tuple[tuple[int, int, float, str], ...]  # (port i, port j, minutes, name)


def sea_net(links: pd.DataFrame | None, from_land, to_land) -> SeaNet:
    """Ports and crossings from a sea-link table (``from_lon, from_lat, to_lon, to_lat, minutes, name``).

    ``from_land``/``to_land`` are the landmass labels of each link's two ends.
    """
    if links is None or not len(links):
        return SeaNet(np.empty((0, 2)), np.empty(0, dtype=np.int64), ())
    ends = np.vstack(
        [
            links[["from_lon", "from_lat"]].to_numpy(float),
            links[["to_lon", "to_lat"]].to_numpy(float),
        ]
    )
    lands = np.concatenate([np.asarray(from_land), np.asarray(to_land)]).astype(np.int64)
    ports, first, inverse = np.unique(
        np.round(ends, 6), axis=0, return_index=True, return_inverse=True
    )
    inverse = inverse.ravel()
    n = len(links)
    names = (
        links["name"].astype(str).tolist()
        if "name" in links.columns
        else [f"{i + 1}" for i in range(n)]
    )
    minutes = links["minutes"].to_numpy(float)
    crossings = tuple(
        (int(inverse[i]), int(inverse[n + i]), float(minutes[i]), names[i]) for i in range(n)
    )
    return SeaNet(ports, lands[first], crossings)


@dataclass(frozen=True)
class Segment:
    kind: str  # "land" or "sea"
    lon1: float
    lat1: float
    lon2: float
    lat2: float
    minutes: float
    name: str = ""


def land_minutes(
    lon1: float,
    lat1: float,
    lon2: float,
    lat2: float,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> float:
    """Straight-line rule: great-circle km × circuity at ``speed_kmh``."""
    return float(haversine_km(lon1, lat1, lon2, lat2)[0, 0]) * circuity / speed_kmh * 60.0


def route(
    a: tuple[float, float],
    a_land: int,
    b: tuple[float, float],
    b_land: int,
    net: SeaNet,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> list[Segment]:
    """Fastest path a → b: straight lines within a landmass, crossings between ports.

    The travel model's rule, kept with its geometry so it can be drawn. Empty
    when b cannot be reached from a.
    """
    nodes = [tuple(map(float, a)), tuple(map(float, b))] + [tuple(map(float, p)) for p in net.ports]
    land = [int(a_land), int(b_land)] + [int(x) for x in net.port_land]
    edges: dict[int, list[tuple[int, float, str, str]]] = {i: [] for i in range(len(nodes))}
    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            if land[i] == land[j]:
                m = land_minutes(*nodes[i], *nodes[j], circuity=circuity, speed_kmh=speed_kmh)
                edges[i].append((j, m, "land", ""))
                edges[j].append((i, m, "land", ""))
    for p, q, m, name in net.crossings:
        edges[p + 2].append((q + 2, m, "sea", name))
        edges[q + 2].append((p + 2, m, "sea", name))
    best = {0: 0.0}
    back: dict[int, tuple[int, float, str, str]] = {}
    heap = [(0.0, 0)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > best.get(u, math.inf) or u == 1:
            continue
        for v, m, kind, name in edges[u]:
            if d + m < best.get(v, math.inf) - 1e-9:
                best[v], back[v] = d + m, (u, m, kind, name)
                heapq.heappush(heap, (d + m, v))
    if 1 not in best:
        return []
    out, v = [], 1
    while v != 0:
        u, m, kind, name = back[v]
        out.append(Segment(kind, *nodes[u], *nodes[v], minutes=m, name=name))
        v = u
    return out[::-1]


# ------------------------------------------------------------------ chain legs
def chain_legs(
    chain: pd.DataFrame, coords: dict[str, tuple[float, float]]
) -> dict[str, list[tuple[str, str]]]:
    """Distinct legs of the chain rows, by kind: ``{"pustu": [(from_id, to_id), …], "puskesmas": …, "rsud": …}``.

    Each row is ``id`` (Posyandu) → ``pustu_id`` → ``puskesmas_id`` → ``rsud_id``;
    a missing Pustu joins the Posyandu straight to the Puskesmas (a
    ``"puskesmas"`` leg). Ends without coordinates are skipped.
    """
    legs: dict[str, list[tuple[str, str]]] = {k: [] for k in LINE_LEGS[:3]}
    seen: set[tuple[str, str, str]] = set()
    for row in chain.itertuples(index=False):
        stops = [
            ("start", row.id),
            ("pustu", row.pustu_id),
            ("puskesmas", row.puskesmas_id),
            ("rsud", row.rsud_id),
        ]
        stops = [
            (k, str(i))
            for k, i in stops
            if i is not None and not (isinstance(i, float) and math.isnan(i)) and str(i) in coords
        ]
        for (_, a), (kind, b) in itertools.pairwise(stops):
            if a != b and (kind, a, b) not in seen:
                seen.add((kind, a, b))
                legs[kind].append((a, b))
    return legs


def leg_segments(
    legs: dict[str, list[tuple[str, str]]],
    coords: dict[str, tuple[float, float]],
    land: dict[str, int],
    net: SeaNet,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> tuple[dict[str, list[tuple]], list[Segment]]:
    """Drawable segments per trace (:data:`LINE_LEGS`) and the sea crossings used (each once, in order met)."""
    out: dict[str, list[tuple]] = {k: [] for k in LINE_LEGS}
    crossings: list[Segment] = []
    for kind, pairs in legs.items():
        for a, b in pairs:
            pa, pb = coords[a], coords[b]
            if land.get(a) == land.get(b) and not len(net.crossings):
                out[kind].append((*pa, *pb))
                continue
            for s in route(
                pa,
                land.get(a, -1),
                pb,
                land.get(b, -2),
                net,
                circuity=circuity,
                speed_kmh=speed_kmh,
            ):
                if s.kind == "sea":
                    key = (s.lon1, s.lat1, s.lon2, s.lat2)
                    if not any(
                        (c.lon1, c.lat1, c.lon2, c.lat2) in (key, (key[2], key[3], key[0], key[1]))
                        for c in crossings
                    ):
                        crossings.append(s)
                        out["sea"] += dashes(s.lon1, s.lat1, s.lon2, s.lat2)
                else:
                    out[kind].append((s.lon1, s.lat1, s.lon2, s.lat2))
    return out, crossings


def dashes(
    lon1: float, lat1: float, lon2: float, lat2: float, step_deg: float = 0.025
) -> list[tuple]:
    """A straight line as short pieces with gaps (MapLibre line traces cannot be dashed)."""
    length = math.hypot(lon2 - lon1, lat2 - lat1)
    n = max(2, min(80, round(length / step_deg)))
    pieces = []
    for k in range(n):
        f0, f1 = k / n, (k + 0.6) / n
        pieces.append(
            (
                lon1 + (lon2 - lon1) * f0,
                lat1 + (lat2 - lat1) * f0,
                lon1 + (lon2 - lon1) * f1,
                lat1 + (lat2 - lat1) * f1,
            )
        )
    return pieces
