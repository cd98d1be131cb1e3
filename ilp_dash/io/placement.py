"""Where facility points may lie: the sea tolerance, other regencies, points that coincide.

- :func:`has_coast`: a coastal regency accepts a point a little off its outline
  (a quay, a hospital on reclaimed land, a boundary simplified along the shore);
  a landlocked one does not. ``regions.json`` may say so (``"coast": true``);
  otherwise a regency whose outline has more than one part (islands) is coastal.
- :func:`regency_at`: the other known regency (bundled or added, see
  :func:`ilp_dash.io.geodata.region_index`) a point falls in, if any.
- :func:`same_place_groups`: facilities (Pustu, Puskesmas, hospitals) closer than :data:`SAME_PLACE_M` to each
  other (the same place entered twice, or a geocoder's default point).
"""

from __future__ import annotations

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from ilp_dash.io.geodata import Region, load_region, region_index
from ilp_dash.io.wilayah_source import utm_crs_for

SAME_PLACE_M = 25.0
"""Facilities of one kind closer than this (metres) are reported as one place."""


def _entry(code: str) -> dict | None:
    try:
        return next((e for e in region_index() if e["code"] == code), None)
    except (OSError, ValueError):
        return None


def has_coast(region: Region) -> bool:
    """Whether ``region`` has a sea coast (see the module docstring for the rule)."""
    entry = _entry(region.code)
    if entry is not None and "coast" in entry:
        return bool(entry["coast"])
    outline = region.regency.union_all()
    return len(getattr(outline, "geoms", [outline])) > 1


def regency_at(region: Region, lon: float, lat: float) -> str | None:
    """The name of the other known regency that holds the point, or ``None``."""
    try:
        entries = region_index()
    except (OSError, ValueError):
        return None
    point = Point(lon, lat)
    for e in entries:
        if e["code"] == region.code:
            continue
        bbox = e.get("bbox")
        if bbox and not (bbox[0] <= lon <= bbox[2] and bbox[1] <= lat <= bbox[3]):
            continue
        try:
            other = load_region(e["code"])
        except (KeyError, OSError, ValueError):
            continue
        if other.regency.intersects(point).any() or other.villages.intersects(point).any():
            return other.name
    return None


def same_place_groups(
    lon: np.ndarray, lat: np.ndarray, metres: float = SAME_PLACE_M
) -> list[list[int]]:
    """Groups (positions into ``lon``/``lat``) of points chained within ``metres`` of each other.

    Only groups of two or more come back, each sorted, in the order of their first point.
    """
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    if len(lon) < 2:
        return []
    to_utm = Transformer.from_crs(
        "EPSG:4326", utm_crs_for(float(lon.mean()), float(lat.mean())), always_xy=True
    )
    x, y = to_utm.transform(lon, lat)
    points = shapely.points(x, y)
    left, right = shapely.STRtree(points).query(points, predicate="dwithin", distance=metres)
    parent = list(range(len(lon)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in zip(left.tolist(), right.tolist()):
        if a != b:
            parent[max(root(a), root(b))] = min(root(a), root(b))
    groups: dict[int, list[int]] = {}
    for i in range(len(lon)):
        groups.setdefault(root(i), []).append(i)
    return [g for _, g in sorted(groups.items()) if len(g) > 1]


def max_distance_m(lon: np.ndarray, lat: np.ndarray) -> float:
    """The largest distance (metres) between any two of the points."""
    lon, lat = np.asarray(lon, float), np.asarray(lat, float)
    to_utm = Transformer.from_crs(
        "EPSG:4326", utm_crs_for(float(lon.mean()), float(lat.mean())), always_xy=True
    )
    x, y = to_utm.transform(lon, lat)
    dx, dy = x[:, None] - x[None, :], y[:, None] - y[None, :]
    return float(np.sqrt(dx**2 + dy**2).max())
