"""Read road lines: a GeoPackage, GeoJSON, Shapefile or OpenStreetMap extract.

:func:`read_roads` reads a GeoPackage, GeoJSON or Shapefile of road lines
with a speed column (km/h) or a road-class column, or an OpenStreetMap
``.osm.pbf`` extract (needs the ``osmium`` package, pyosmium). Classes map to
speeds through :data:`ROAD_CLASS_SPEEDS_KMH`; a speed column wins where it
holds a number. OSM ``maxspeed`` is a legal limit, not a travel speed, and is
not used. Result: a GeoDataFrame of lines in EPSG:4326 with ``kelas``,
``speed_kmh`` and ``sumber_kecepatan`` (``"kolom"`` or ``"kelas"``).

The sea-links table is read by :mod:`ilp_dash.io.sea_links`
(sea links: :func:`ilp_dash.io.sea_links.read_sea_links`).
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.tables import norm_header
from ilp_dash.io.values import parse_float

ROAD_SUFFIXES = (".gpkg", ".geojson", ".json", ".shp", ".pbf")
ROAD_CLASS_SPEEDS_KMH: dict[str, float] = {
    # OpenStreetMap highway=* (also Geofabrik's "fclass"); *_link takes its road's speed.
    "motorway": 80,
    "trunk": 60,
    "primary": 50,
    "secondary": 40,
    "tertiary": 30,
    "unclassified": 25,
    "road": 20,
    "residential": 20,
    "living_street": 10,
    "service": 15,
    "track": 15,
    "path": 10,
    "cycleway": 10,
    "bridleway": 5,
    "footway": 5,
    "pedestrian": 5,
    "steps": 3,
    # Indonesian RBI (BIG) road functions ("Jalan Arteri", "Jalan Lokal", ...).
    "tol": 80,
    "arteri": 50,
    "kolektor": 40,
    "lokal": 30,
    "lingkungan": 20,
    "lain": 20,
    "setapak": 5,
}
"""Average travel speed (km/h) by road class, for ambulances and motorbikes on Javanese
roads: well below legal limits on arterials (mixed traffic, markets), walking pace on paths."""
NOT_ROADS = frozenset(
    {
        "construction",
        "proposed",
        "abandoned",
        "disused",
        "platform",
        "bus_stop",
        "raceway",
        "elevator",
        "corridor",
        "rest_area",
        "services",
        "razed",
    }
)
CLASS_ALIASES = [
    "highway",
    "fclass",
    "kelas",
    "kelas_jalan",
    "jenis_jalan",
    "fungsi_jalan",
    "remark",
    "class",
    "road_class",
    "type",
    "jenis",
]
SPEED_ALIASES = ["speed_kmh", "kecepatan", "kecepatan_kmh", "kec_kmh", "speed", "kmh", "avg_speed"]


def road_class_key(value: object) -> str:
    """Normalised road class: ``'Jalan Arteri'`` → ``'arteri'``, ``'primary_link'`` → ``'primary'``,
    ``'track_grade2'`` → ``'track'``."""
    s = norm_header(value)
    s = re.sub(r"^jalan_", "", s)
    return re.sub(r"(_link|_grade\d)$", "", s)


def _find(columns, aliases: list[str], given: str | None) -> str | None:
    if given is not None:
        return given if given in columns else None
    by_norm = {norm_header(c): c for c in columns if c != "geometry"}
    return next((by_norm[a] for a in aliases if a in by_norm), None)


def _read_pbf(path: Path, report: ValidationReport) -> gpd.GeoDataFrame | None:
    try:
        import osmium
    except ImportError:
        report.add("road_reader_missing", file=path.name)
        return None
    rows, geoms = [], []
    try:
        fp = (
            osmium.FileProcessor(str(path))
            .with_locations()
            .with_filter(osmium.filter.KeyFilter("highway"))
        )
        for obj in fp:
            if not obj.is_way():
                continue
            pts = [(n.lon, n.lat) for n in obj.nodes if n.location.valid()]
            if len(pts) >= 2:
                rows.append({"osm_id": obj.id, "highway": obj.tags.get("highway")})
                geoms.append(shapely.LineString(pts))
    except RuntimeError as exc:
        report.add(
            "file_unreadable",
            file=path.name,
            kind="OSM PBF",
            detail=str(exc)[:120],
            fix="Unduh ulang ekstrak OSM (mis. dari Geofabrik).",
            fix_en="Download the OSM extract again (e.g. from Geofabrik).",
        )
        return None
    if not rows:
        return gpd.GeoDataFrame({"highway": []}, geometry=[], crs="EPSG:4326")
    return gpd.GeoDataFrame(rows, geometry=geoms, crs="EPSG:4326")


def _open_roads(path: Path, report: ValidationReport) -> gpd.GeoDataFrame | None:
    if not path.exists():
        report.add("file_not_found", file=path.name)
        return None
    if path.suffix.lower() not in ROAD_SUFFIXES:
        report.add(
            "file_type",
            file=path.name,
            ext=path.suffix.lower() or "(tanpa akhiran)",
            what="jaringan jalan",
            what_en="a road network",
            allowed="GeoPackage (.gpkg), GeoJSON, Shapefile atau OSM (.osm.pbf)",
            allowed_en="GeoPackage (.gpkg), GeoJSON, Shapefile or OSM (.osm.pbf)",
        )
        return None
    if path.suffix.lower() == ".pbf":
        return _read_pbf(path, report)
    try:
        return gpd.read_file(path)
    except Exception as exc:  # noqa: BLE001 — pyogrio raises several types for damaged files
        report.add(
            "file_unreadable",
            file=path.name,
            kind=path.suffix.lstrip(".").upper(),
            detail=str(exc).splitlines()[0][:120],
            fix="Ekspor ulang lapisan jalan dari aplikasi SIG.",
            fix_en="Export the road layer again from the GIS application.",
        )
        return None


def _to_wgs84(
    gdf: gpd.GeoDataFrame, name: str, report: ValidationReport
) -> gpd.GeoDataFrame | None:
    minx, miny, maxx, maxy = gdf.total_bounds
    if gdf.crs is None:
        if -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90:
            report.add("crs_assumed_wgs84", file=name, severity="warning")
            return gdf.set_crs("EPSG:4326")
        report.add("crs_missing_projected", file=name, x=f"{minx:.0f}", y=f"{miny:.0f}")
        return None
    if gdf.crs.to_epsg() != 4326:
        report.add("crs_reprojected", file=name, severity="info", crs=gdf.crs.to_string())
        return gdf.to_crs("EPSG:4326")
    return gdf


def read_roads(
    path: Path | str, *, class_column: str | None = None, speed_column: str | None = None
) -> Loaded:
    """Read road lines and give each a ``speed_kmh``; raise ``DataValidationError`` on errors.

    Parameters
    ----------
    path : ``.gpkg``, ``.geojson``/``.json``, ``.shp`` or ``.osm.pbf``.
    class_column, speed_column : column names; default: found among
        :data:`CLASS_ALIASES` (``highway``, ``fclass``, ``kelas``, ...) and
        :data:`SPEED_ALIASES` (``speed_kmh``, ``kecepatan``, ...).

    Lines of an unknown class without a speed are skipped with a warning;
    classes in :data:`NOT_ROADS` (construction, platform, ...) are skipped.
    """
    path = Path(path)
    report = ValidationReport()
    gdf = _open_roads(path, report)
    raise_if_errors(report)
    name = path.name
    geoms = gdf.geometry
    is_line = (
        np.isin(shapely.get_type_id(geoms.values), [1, 5]) & ~shapely.is_empty(geoms.values)
        if len(gdf)
        else np.zeros(0, dtype=bool)
    )
    if not is_line.any():
        report.add("road_no_lines", file=name)
        raise_if_errors(report)
    if not is_line.all():
        other = geoms[~is_line].geom_type.dropna()
        report.add(
            "road_not_line",
            file=name,
            severity="warning",
            n=int((~is_line).sum()),
            geom_type=other.iloc[0] if len(other) else "kosong",
        )
    feature = np.flatnonzero(is_line) + 1  # features count from 1, as in a GIS attribute table
    gdf = _to_wgs84(gdf[is_line].reset_index(drop=True), name, report)
    raise_if_errors(report)
    cls_col = _find(gdf.columns, CLASS_ALIASES, class_column)
    spd_col = _find(gdf.columns, SPEED_ALIASES, speed_column)
    if cls_col is None and spd_col is None:
        report.add(
            "missing_one_of",
            file=name,
            what="kecepatan jalan",
            what_en="road speed",
            options=", ".join(SPEED_ALIASES[:3] + CLASS_ALIASES[:4]),
        )
        raise_if_errors(report)
    speed = np.full(len(gdf), np.nan)
    if spd_col is not None:
        speed = np.array([_speed(v) for v in gdf[spd_col]])
    from_column = np.isfinite(speed)
    keys = gdf[cls_col].map(road_class_key) if cls_col is not None else pd.Series([""] * len(gdf))
    by_class = keys.map(ROAD_CLASS_SPEEDS_KMH).to_numpy(float)
    speed = np.where(from_column, speed, by_class)
    skipped = keys.isin(NOT_ROADS).to_numpy() & ~from_column
    for value, n in sorted(Counter(keys[skipped]).items()):
        report.add("road_class_skipped", file=name, severity="info", n=n, value=value)
    missing = ~np.isfinite(speed) & ~skipped
    if missing.any() and cls_col is None:
        rows = feature[missing]
        report.add(
            "road_bad_speed",
            file=name,
            column=spd_col,
            n=int(missing.sum()),
            speed_col=spd_col,
            rows=", ".join(map(str, rows[:5])),
            value=gdf[spd_col].iloc[np.flatnonzero(missing)[0]],
        )
        raise_if_errors(report)
    unknown = Counter(gdf[cls_col][missing].astype(str)) if cls_col is not None else Counter()
    for value, n in sorted(unknown.items()):
        report.add(
            "road_class_unknown",
            file=name,
            column=cls_col,
            severity="warning",
            n=n,
            value=value,
            known=", ".join(list(ROAD_CLASS_SPEEDS_KMH)[:10]) + ", ...",
        )
    keep = np.isfinite(speed)
    if not keep.any():
        report.add("road_no_lines", file=name)
        raise_if_errors(report)
    report.add(
        "road_speeds_used",
        file=name,
        severity="info",
        n_column=int((from_column & keep).sum()),
        speed_col=spd_col or "-",
        n_class=int((~from_column & keep).sum()),
    )
    out = gpd.GeoDataFrame(
        {
            "kelas": gdf[cls_col].to_numpy(object)[keep] if cls_col is not None else None,
            "speed_kmh": speed[keep],
            "sumber_kecepatan": np.where(from_column[keep], "kolom", "kelas"),
            "fitur": feature[keep],
        },
        geometry=gdf.geometry.to_numpy()[keep],
        crs="EPSG:4326",
    )
    return Loaded(out, report)


def _speed(value: object) -> float:
    """A speed cell as km/h; ``nan`` when empty, not a number or not above 0."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return np.nan
    try:
        v = float(value) if isinstance(value, (int, float, np.number)) else parse_float(str(value))
    except ValueError:
        return np.nan
    return v if np.isfinite(v) and v > 0 else np.nan
