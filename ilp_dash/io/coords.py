"""Coordinates as people type them: decimal commas, DMS, swapped or unsigned.

:func:`parse_coordinate` reads one value; :func:`split_pair` reads a single
"koordinat" cell holding both; :class:`RegionLocator` checks a point against
the regency and repairs swapped latitude/longitude or a missing minus sign.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import geopandas as gpd
import shapely
from pyproj import Transformer
from shapely.geometry import Point

from ilp_dash.io.wilayah_source import utm_crs_for


class CoordinateError(ValueError):
    pass


_DEC = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_DEC_COMMA = re.compile(r"^[+-]?\d+,\d+$")
# hemisphere letters: N/S/E/W and Indonesian LU/LS/BT/BB (Lintang Utara/Selatan, Bujur Timur/Barat)
_HEMI = r"(?:LU|LS|BT|BB|N|S|E|W|U|T|B)"
_DMS = re.compile(
    rf"^(?P<h1>{_HEMI})?\s*(?P<sign>[+-])?\s*(?P<deg>\d+(?:[.,]\d+)?)\s*(?:°|º|˚|deg|d|\s|:)\s*"
    rf"(?:(?P<min>\d+(?:[.,]\d+)?)\s*(?:'|′|’|m|\s|:)?\s*)?"
    rf"(?:(?P<sec>\d+(?:[.,]\d+)?)\s*(?:\"|″|”|'')?\s*)?(?P<h2>{_HEMI})?$",
    re.IGNORECASE,
)
_NEG = {"S", "LS", "W", "BB", "B"}


@dataclass(frozen=True)
class Parsed:
    value: float
    note: str | None  # None, "decimal_comma" or "dms"


def _clean(text: str) -> str:
    return str(text).strip().replace("\u2212", "-").replace("\u2013", "-").replace("\u00a0", " ")


def parse_coordinate(text: object) -> Parsed:
    """Read one latitude or longitude value.

    >>> parse_coordinate("-6,5897").value
    -6.5897
    >>> round(parse_coordinate("6°35'23\\"S").value, 5)
    -6.58972
    """
    s = _clean(str(text))
    if not s:
        raise CoordinateError("empty")
    if _DEC.match(s):
        return Parsed(float(s), None)
    if _DEC_COMMA.match(s):
        return Parsed(float(s.replace(",", ".")), "decimal_comma")
    m = _DMS.match(s)
    if m and (m["min"] is not None or m["h1"] or m["h2"] or "°" in s):
        deg = float(m["deg"].replace(",", "."))
        mins = float(m["min"].replace(",", ".")) if m["min"] else 0.0
        secs = float(m["sec"].replace(",", ".")) if m["sec"] else 0.0
        if mins >= 60 or secs >= 60:
            raise CoordinateError("minutes or seconds >= 60")
        value = deg + mins / 60 + secs / 3600
        hemi = (m["h1"] or m["h2"] or "").upper()
        if m["sign"] == "-" or hemi in _NEG:
            value = -value
        return Parsed(value, "dms")
    raise CoordinateError(f"cannot read {s!r}")


def split_pair(text: object) -> tuple[str, str]:
    """Split a single cell holding "lat, lon" into its two parts (decimal commas allowed)."""
    s = _clean(str(text))
    if ";" in s:
        parts = [p for p in s.split(";") if p.strip()]
    elif "/" in s:
        parts = s.split("/")
    else:
        commas = s.count(",")
        if commas == 1:
            parts = s.split(",")
        elif commas == 3:  # "-6,5897, 110,6712"
            a = s.split(",")
            parts = [a[0] + "," + a[1], a[2] + "," + a[3]]
        elif commas == 2 and ", " in s:
            parts = s.split(", ", 1)
        else:
            # two DMS values separated by a space after a hemisphere letter
            m = re.match(rf"^(.*?(?:{_HEMI}))\s+(.+)$", s, re.IGNORECASE)
            parts = [m.group(1), m.group(2)] if m else s.split()
    if len(parts) != 2:
        raise CoordinateError(f"cannot split {s!r}")
    return parts[0].strip(), parts[1].strip()


@dataclass(frozen=True)
class Located:
    lon: float
    lat: float
    fix: str | None  # None, "swapped", "sign", "swapped_sign"
    outside_km: float  # 0 when inside the region


class RegionLocator:
    """Check points against a region polygon, in km, in the region's UTM zone."""

    def __init__(self, region_geometry, name: str, tolerance_km: float = 1.0):
        self.name = name
        self.geom = region_geometry
        c = region_geometry.centroid
        self._to_utm = Transformer.from_crs("EPSG:4326", utm_crs_for(c.x, c.y), always_xy=True)
        self.geom_utm = shapely.ops.transform(self._to_utm.transform, region_geometry)
        shapely.prepare(self.geom_utm)
        self.tolerance_km = tolerance_km

    @classmethod
    def from_frame(
        cls, gdf: gpd.GeoDataFrame, name: str, tolerance_km: float = 1.0
    ) -> "RegionLocator":
        return cls(gdf.union_all(), name, tolerance_km)

    def distance_km(self, lon: float, lat: float) -> float:
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            return float("inf")
        x, y = self._to_utm.transform(lon, lat)
        return float(self.geom_utm.distance(Point(x, y))) / 1000.0

    def locate(self, lat: float, lon: float, tolerance_km: float | None = None) -> Located:
        """Place a typed (lat, lon) pair, repairing a swap or a missing minus sign.

        The pair as typed wins when it lies inside (or within the tolerance of)
        the region. Otherwise a repaired variant that lies inside is returned
        with its ``fix``; failing that the pair as typed comes back with its
        distance to the region.
        """
        tol = self.tolerance_km if tolerance_km is None else tolerance_km
        d0 = self.distance_km(lon, lat)
        if d0 <= tol:
            return Located(lon, lat, None, d0)
        variants = [
            ("swapped", lon, lat),
            ("sign", -lat, lon),
            ("swapped_sign", -lon, lat),
        ]
        for fix, vlat, vlon in variants:
            if self.distance_km(vlon, vlat) <= tol:
                return Located(vlon, vlat, fix, self.distance_km(vlon, vlat))
        if d0 == float("inf"):
            d_swapped = self.distance_km(lat, lon)
            if d_swapped < float("inf"):
                return Located(lat, lon, "swapped", d_swapped)
        return Located(lon, lat, None, d0)
