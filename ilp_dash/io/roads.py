"""Read road lines and the sea-links table.

**Roads** (:func:`read_roads`): a GeoPackage, GeoJSON or Shapefile of road
lines with a speed column (km/h) or a road-class column, or an OpenStreetMap
``.osm.pbf`` extract (needs the ``osmium`` package, pyosmium). Classes map to
speeds through :data:`ROAD_CLASS_SPEEDS_KMH`; a speed column wins where it
holds a number. OSM ``maxspeed`` is a legal limit, not a travel speed, and is
not used. Result: a GeoDataFrame of lines in EPSG:4326 with ``kelas``,
``speed_kmh`` and ``sumber_kecepatan`` (``"kolom"`` or ``"kelas"``).

**Sea links** (:func:`read_sea_links`): one row per boat connection, crossings
run both ways. Columns (Indonesian or English names)::

    nama | name          route or vessel, e.g. "KMC Kartini (kapal cepat)"
    dari | from_name     departure port name
    lintang_dari, bujur_dari | from_lat, from_lon
    ke | to_name         arrival port name
    lintang_ke, bujur_ke | to_lat, to_lon
    menit | minutes      crossing minutes, boarding included (required, > 0)
    jarak_km | km        optional sea distance (default: great circle)
    keterangan | note    optional

A port's coordinates may be left empty when the same port name has them on
another row. Result columns: ``name, from_name, from_lon, from_lat, to_name,
to_lon, to_lat, minutes, km, note`` — the frame
:func:`ilp_dash.analysis.travel.travel_model` takes as ``sea_links``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from ilp_dash.io.coords import CoordinateError, parse_coordinate
from ilp_dash.io.geodata import Region
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.rows import locator_for
from ilp_dash.io.tables import norm_header, read_table
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
SEA_ALIASES: dict[str, list[str]] = {
    "name": ["nama", "nama_kapal", "kapal", "rute", "nama_rute", "route", "vessel", "link"],
    "from_name": [
        "dari",
        "asal",
        "pelabuhan_asal",
        "pelabuhan_dari",
        "from",
        "from_port",
        "origin",
    ],
    "from_lat": ["lintang_dari", "lintang_asal", "lat_dari", "lat_asal", "from_latitude"],
    "from_lon": ["bujur_dari", "bujur_asal", "lon_dari", "lon_asal", "from_longitude", "from_lng"],
    "to_name": ["ke", "tujuan", "pelabuhan_tujuan", "pelabuhan_ke", "to", "to_port", "destination"],
    "to_lat": ["lintang_ke", "lintang_tujuan", "lat_ke", "lat_tujuan", "to_latitude"],
    "to_lon": ["bujur_ke", "bujur_tujuan", "lon_ke", "lon_tujuan", "to_longitude", "to_lng"],
    "minutes": [
        "menit",
        "waktu_menit",
        "lama_menit",
        "durasi_menit",
        "waktu_tempuh",
        "crossing_minutes",
        "duration_minutes",
    ],
    "km": ["jarak_km", "jarak", "distance_km"],
    "note": ["keterangan", "catatan", "sumber", "notes"],
}
SEA_COLUMNS = [
    "name",
    "from_name",
    "from_lon",
    "from_lat",
    "to_name",
    "to_lon",
    "to_lat",
    "minutes",
    "km",
    "note",
]
PORT_CONFLICT_KM = 1.0
PORT_FAR_KM = 5.0


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


def _port(
    rec: dict, end: str, row: int, report: ValidationReport, file: str, cols: dict
) -> tuple | None:
    """``(lon, lat)`` of one end of a link, ``()`` when left empty, ``None`` on an error."""
    lat_t, lon_t = rec.get(f"{end}_lat", ""), rec.get(f"{end}_lon", "")
    if not lat_t and not lon_t:
        return ()
    if not lat_t or not lon_t:
        present, absent = ("lintang", "bujur") if lat_t else ("bujur", "lintang")
        blank = f"{end}_lat" if not lat_t else f"{end}_lon"
        report.add(
            "coord_half",
            file=file,
            row=row,
            column=cols.get(blank),
            present=present,
            absent=absent,
            present_en="latitude" if lat_t else "longitude",
            absent_en="longitude" if lat_t else "latitude",
        )
        return None
    try:
        lat, lon = parse_coordinate(lat_t).value, parse_coordinate(lon_t).value
    except CoordinateError:
        bad = f"{end}_lat" if not _parses(lat_t) else f"{end}_lon"
        report.add("coord_unparseable", file=file, row=row, column=cols.get(bad), value=rec[bad])
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        report.add(
            "sea_coord_range", file=file, row=row, column=cols.get(f"{end}_lat"), lat=lat, lon=lon
        )
        return None
    return lon, lat


def _parses(text: str) -> bool:
    try:
        parse_coordinate(text)
        return True
    except CoordinateError:
        return False


def _km(a: tuple, b: tuple) -> float:
    lon1, lat1, lon2, lat2 = map(np.radians, (*a, *b))
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return float(2 * 6371.0088 * np.arcsin(np.sqrt(h)))


def read_sea_links(path: Path | str, *, region: Region | None = None) -> Loaded:
    """Read the sea-links table (see the module docstring); ``region`` adds a far-port check."""
    path = Path(path)
    report = ValidationReport()
    table = read_table(path, SEA_ALIASES, report, item="penyeberangan", item_en="crossing")
    raise_if_errors(report)
    file, cols = table.file, {c: table.source_columns.get(c, c) for c in table.frame.columns}
    if not table.has("minutes"):
        report.add(
            "missing_column",
            file=file,
            row=table.header_row,
            field="menit",
            found=", ".join(table.source_columns.values()),
            aliases=", ".join(SEA_ALIASES["minutes"][:4] + ["minutes"]),
        )
        raise_if_errors(report)
    parsed, known = [], {}
    for rec, row in zip(table.frame.to_dict("records"), table.rows):
        rec = {k: (v or "") for k, v in rec.items()}
        out = {c: rec.get(c, "") for c in ("name", "from_name", "to_name", "note")}
        try:
            out["minutes"] = parse_float(rec["minutes"]) if rec["minutes"] else None
        except ValueError:
            report.add(
                "bad_number",
                file=file,
                row=row,
                column=cols["minutes"],
                value=rec["minutes"],
                example="120",
            )
            continue
        if out["minutes"] is None:
            report.add(
                "missing_value", file=file, row=row, column=cols["minutes"], field=cols["minutes"]
            )
            continue
        if not out["minutes"] > 0:
            report.add(
                "sea_minutes_bad", file=file, row=row, column=cols["minutes"], value=rec["minutes"]
            )
            continue
        try:
            out["km"] = parse_float(rec["km"]) if rec.get("km") else np.nan
        except ValueError:
            report.add(
                "bad_number", file=file, row=row, column=cols["km"], value=rec["km"], example="82.5"
            )
            continue
        ends = [_port(rec, end, row, report, file, cols) for end in ("from", "to")]
        if None in ends:
            continue
        for end, pt in zip(("from", "to"), ends):
            key = norm_header(out[f"{end}_name"])
            if pt and key:
                first = known.setdefault(key, (pt, row))
                if _km(first[0], pt) > PORT_CONFLICT_KM:
                    report.add(
                        "sea_port_conflict",
                        file=file,
                        row=row,
                        column=cols.get(f"{end}_lat"),
                        severity="warning",
                        value=out[f"{end}_name"],
                        other_row=first[1],
                        km=f"{_km(first[0], pt):.1f}",
                    )
        parsed.append((row, out, ends))
    rows = []
    for row, out, ends in parsed:
        for end, pt in zip(("from", "to"), ends):
            if not pt:
                hit = known.get(norm_header(out[f"{end}_name"]))
                if hit is None:
                    report.add(
                        "sea_port_unknown",
                        file=file,
                        row=row,
                        column=cols.get(f"{end}_name"),
                        value=out[f"{end}_name"] or "(tanpa nama)",
                    )
                    break
                pt = hit[0]
            out[f"{end}_lon"], out[f"{end}_lat"] = pt
        else:
            if _km((out["from_lon"], out["from_lat"]), (out["to_lon"], out["to_lat"])) < 0.01:
                where = out["from_name"] or f"{out['from_lat']}, {out['from_lon']}"
                report.add("sea_same_ends", file=file, row=row, value=where)
                continue
            out["name"] = out["name"] or f"{out['from_name'] or '?'} – {out['to_name'] or '?'}"
            rows.append(out)
    raise_if_errors(report)
    if region is not None:
        _check_far(rows, region, report, file)
    frame = pd.DataFrame(rows, columns=SEA_COLUMNS)
    frame[["from_lon", "from_lat", "to_lon", "to_lat", "minutes", "km"]] = frame[
        ["from_lon", "from_lat", "to_lon", "to_lat", "minutes", "km"]
    ].astype(float)
    frame.attrs["synthetic"] = table.synthetic
    return Loaded(frame, report)


def _check_far(rows: list[dict], region: Region, report: ValidationReport, file: str) -> None:
    locator = locator_for(region)
    seen = set()
    for out in rows:
        for end in ("from", "to"):
            pt = (out[f"{end}_lon"], out[f"{end}_lat"])
            if pt in seen:
                continue
            seen.add(pt)
            km = locator.distance_km(*pt)
            if km > PORT_FAR_KM:
                report.add(
                    "sea_port_far",
                    file=file,
                    severity="warning",
                    km=f"{km:.1f}",
                    region=region.name,
                    value=out[f"{end}_name"] or f"{pt[1]}, {pt[0]}",
                )
