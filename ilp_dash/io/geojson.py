"""Village boundaries for the browser: simplified as a coverage, rounded, sent once.

Neighbouring villages share their borders, so they are simplified together
(:func:`shapely.coverage_simplify`, which keeps shared edges shared: no gaps or
slivers appear between villages) and coordinates are rounded to 4 decimals
(about 11 m). The map figures refer to the result by URL
(``/geo/<code>/<version>.json``), so the browser downloads it once and caches it;
changing an indicator then sends only the new values.
"""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import shapely

DECIMALS = 4


def tolerance_deg(villages: gpd.GeoDataFrame) -> float:
    """Simplification tolerance: 1/1000 of the region's extent, at least ~20 m.

    At the zoom that fits the region into ~1000 px one pixel is ~1/1000 of the
    extent, so the removed detail stays within a pixel.
    """
    minx, miny, maxx, maxy = villages.total_bounds
    return max(max(maxx - minx, maxy - miny) / 1000.0, 0.0002)


def _round(coords, nd: int):
    if isinstance(coords[0], (float, int)):
        return [round(coords[0], nd), round(coords[1], nd)]
    return [_round(c, nd) for c in coords]


def simplified(villages: gpd.GeoDataFrame, tolerance: float | None = None) -> np.ndarray:
    """The villages' geometries simplified together (shared borders kept shared)."""
    tol = tolerance_deg(villages) if tolerance is None else tolerance
    geoms = villages.geometry.to_numpy()
    out = shapely.coverage_simplify(geoms, tol, simplify_boundary=True)
    # a tiny village may collapse: keep its original shape then
    bad = shapely.is_empty(out) | ~shapely.is_valid(out)
    out[bad] = geoms[bad]
    return out


def feature_collection(
    villages: gpd.GeoDataFrame, *, tolerance: float | None = None, decimals: int = DECIMALS
) -> dict:
    """GeoJSON with only geometry and ``id`` (the Kemendagri code)."""
    return _collection(villages["kode"].astype(str), simplified(villages, tolerance), decimals)


def _collection(ids, geoms, decimals: int) -> dict:
    feats = []
    for code, geom in zip(ids, geoms):
        gj = shapely.geometry.mapping(geom)
        feats.append(
            {
                "type": "Feature",
                "id": code,
                "properties": {},
                "geometry": {
                    "type": gj["type"],
                    "coordinates": _round(gj["coordinates"], decimals),
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def kecamatan_collection(
    villages: gpd.GeoDataFrame, *, tolerance: float | None = None, decimals: int = DECIMALS
) -> dict:
    """Kecamatan borders as lines, from the *simplified* villages so they lie on the village edges.

    Drawn by the map as a line layer over the villages (``layout.map.layers``
    with this file's URL), so like the villages it is downloaded once.
    """
    tol = tolerance_deg(villages) if tolerance is None else tolerance
    simple = gpd.GeoDataFrame(
        {"kode_kec": villages["kode_kec"].to_numpy()},
        geometry=simplified(villages, tol),
        crs=villages.crs,
    )
    kec = simple.dissolve("kode_kec")
    return _collection(
        kec.index.astype(str), shapely.simplify(kec.geometry.boundary.to_numpy(), tol), decimals
    )


def encode(collection: dict) -> bytes:
    """Compact JSON bytes."""
    return json.dumps(collection, separators=(",", ":"), allow_nan=False).encode()


def bounds_view(
    villages: gpd.GeoDataFrame, width_px: int = 900, height_px: int = 480
) -> tuple[dict, float]:
    """Centre and zoom that fit ``villages`` into a map of about ``width_px`` × ``height_px``.

    MapLibre draws the world 512 px wide at zoom 0, so a span of ``d`` degrees
    fills ``512 * 2**zoom * d / 360`` pixels (near the equator).
    """
    minx, miny, maxx, maxy = villages.total_bounds
    center = {"lon": (minx + maxx) / 2, "lat": (miny + maxy) / 2}
    lon_zoom = math.log2(width_px / 256 * 360 / max(maxx - minx, 1e-3))
    lat_zoom = math.log2(height_px / 256 * 180 / max((maxy - miny) * 1.15, 1e-3))
    return center, max(min(lon_zoom, lat_zoom) - 0.35, 1.0)
