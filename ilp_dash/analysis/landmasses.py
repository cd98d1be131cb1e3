"""Landmasses of a region: which villages are joined by land, and which lie out at sea.

A landmass is a connected group of village polygons, allowing water narrower
than a gap (a bridge, a causeway). Travel within a landmass may follow
straight lines; between landmasses only boats go (:mod:`ilp_dash.analysis.travel`).
With a wide gap, the same rule finds the islands maps draw in an inset
(:func:`detached_villages`).
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from pyproj import Transformer

from ilp_dash.analysis.roads import TravelError
from ilp_dash.io.wilayah_source import utm_crs_for

DEFAULT_GAP_KM = 0.5
"""Water narrower than this joins two landmasses (channels crossed by a bridge or causeway)."""


@dataclass(frozen=True, eq=False)
class Landmasses:
    """Connected groups of land, as polygons in a projected CRS (metres)."""

    polygons: np.ndarray
    crs: str
    gap_km: float

    def __len__(self) -> int:
        return len(self.polygons)

    def label(self, lon, lat) -> tuple[np.ndarray, np.ndarray]:
        """Landmass of each WGS 84 point, and its distance (km) to it (0 when on land).

        A point off every landmass (a quay on the coast, a hospital across the
        regency border) joins the nearest one.
        """
        lon, lat = np.atleast_1d(np.asarray(lon, float)), np.atleast_1d(np.asarray(lat, float))
        x, y = Transformer.from_crs("EPSG:4326", self.crs, always_xy=True).transform(lon, lat)
        tree = shapely.STRtree(self.polygons)
        idx, dist = tree.query_nearest(
            shapely.points(x, y), return_distance=True, all_matches=False
        )
        label = np.empty(len(lon), dtype=np.int64)
        far = np.empty(len(lon))
        label[idx[0]], far[idx[0]] = idx[1], dist / 1000.0
        return label, far


INSET_GAP_KM = 15.0  # km of sea beyond which villages are drawn in an inset


def find_landmasses(villages: gpd.GeoDataFrame, *, gap_km: float = DEFAULT_GAP_KM) -> Landmasses:
    """Landmasses of a region: village polygons grown by ``gap_km / 2`` and unioned.

    Villages that touch, or are separated by less than ``gap_km`` of water,
    are one landmass (in Jepara: the mainland; Karimunjawa with Kemujan,
    joined by a bridge; Parang; Nyamuk; and small islands). It is the rule of
    :func:`detached_villages` with a narrow gap.
    """
    if villages.crs is None:
        raise TravelError("villages have no CRS")
    if not np.isfinite(gap_km) or gap_km < 0:
        raise TravelError(f"gap_km must be 0 or more, got {gap_km}")
    geoms = villages.geometry[~villages.geometry.is_empty & villages.geometry.notna()]
    if geoms.empty:
        raise TravelError("no village polygons to find landmasses in")
    minx, miny, maxx, maxy = geoms.to_crs("EPSG:4326").total_bounds
    crs = utm_crs_for((minx + maxx) / 2, (miny + maxy) / 2)
    grown = geoms.to_crs(crs).buffer(gap_km * 500.0).union_all()
    parts = np.array(list(getattr(grown, "geoms", [grown])), dtype=object)
    return Landmasses(polygons=parts, crs=crs, gap_km=gap_km)


def detached_villages(villages: gpd.GeoDataFrame, *, gap_km: float = INSET_GAP_KM) -> np.ndarray:
    """Mask of villages lying more than ``gap_km`` from the regency's main body (islands).

    The landmasses of :func:`find_landmasses` with a wide gap; the one holding
    most villages is the main body, villages on the others are detached (maps
    show them in an inset: Karimunjawa for Jepara).
    """
    land = find_landmasses(villages, gap_km=gap_km)
    if len(land) == 1:
        return np.zeros(len(villages), dtype=bool)
    pts = villages.geometry.to_crs("EPSG:4326").representative_point()
    label, _ = land.label(pts.x.to_numpy(), pts.y.to_numpy())
    return label != np.bincount(label).argmax()
