"""Read the ``wilayah_boundaries`` SQL dumps and build a region's boundary layers.

The source (cahyadsn/wilayah_boundaries, MIT licence) stores each region as an
SQL ``INSERT`` row ``(kode, nama, lat, lng, path)`` where ``path`` is JSON text
of polygon rings whose pairs are **[latitude, longitude]**. We swap them to
GeoJSON order (lon, lat), repair the few invalid polygons, compute areas in the
local UTM zone and write one GeoJSON file per layer and region. Where the files
are (a checkout, its zip, the shared copy) is :mod:`ilp_dash.io.wilayah_files`.

Everything is checked before anything is written: the region code, the files,
every row (a cut-off or damaged row, a geometry outside Indonesia or empty),
village codes, villages per kecamatan. Problems carry the file, its line
number and a message in both languages; :func:`build_geodata` writes nothing
when one region has an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon

from ilp_dash.io.problems import ValidationReport, raise_if_errors
from ilp_dash.io.region_code import PROVINCES, check_region_code, regency_name
from ilp_dash.io.region_files import ATTRIBUTION, write_all
from ilp_dash.io.wilayah_files import LAYERS, BoundarySource, SourceError

_ROW = re.compile(
    r"^\s*\(\s*'(?P<kode>[0-9.]+)'\s*,\s*'(?P<nama>(?:[^']|'')*)'\s*,\s*"
    r"(?P<lat>-?[0-9.eE+-]+|NULL)\s*,\s*(?P<lng>-?[0-9.eE+-]+|NULL)\s*,\s*"
    r"'(?P<path>[^']*)'\s*\)\s*(?P<end>[,;]?)\s*$"
)
_ROW_START = re.compile(r"^\s*\(\s*'(?P<kode>[0-9.]*)")
# a generous box around Indonesia (lon 95..141, lat -11..6): a point outside is not Indonesian
LON_RANGE, LAT_RANGE = (90.0, 145.0), (-15.0, 10.0)
_CODE_LEN = {"kab": 5, "kec": 8, "kel": 13}


@dataclass(frozen=True)
class SourceRow:
    kode: str
    nama: str
    geometry: Polygon | MultiPolygon


@dataclass(frozen=True)
class _RawRow:
    line: int
    kode: str
    nama: str
    path: str


def _swap(ring: list) -> list[tuple[float, float]]:
    return [(float(p[1]), float(p[0])) for p in ring]


def path_to_geometry(path_json: str) -> Polygon | MultiPolygon:
    """Turn the source's lat-first JSON rings into a shapely geometry (lon, lat)."""
    data = json.loads(path_json)
    depth = 0
    probe = data
    while isinstance(probe, list) and probe:
        depth += 1
        probe = probe[0]
    # depth 3: polygon [[ [lat,lng], ...], ...holes]; depth 4: multipolygon
    if depth == 3:
        polys = [data]
    elif depth == 4:
        polys = data
    else:
        raise ValueError(f"unexpected nesting depth {depth} in path")
    shapes = [
        Polygon(_swap(p[0]), [_swap(h) for h in p[1:]]) for p in polys if p and len(p[0]) >= 4
    ]
    return shapes[0] if len(shapes) == 1 else MultiPolygon(shapes)


def _scan(lines, file: str, prefix: str, code_len: int, report: ValidationReport) -> list[_RawRow]:
    """The rows of one SQL dump whose code starts with ``prefix`` and has ``code_len`` chars.

    A row line that does not parse is reported when its code is ours or unreadable;
    a file that ends inside an ``INSERT`` (last row ending with a comma) is cut off.
    """
    rows, open_insert, last = [], False, 0
    for number, line in enumerate(lines, start=1):
        if line.lstrip().upper().startswith("INSERT INTO"):
            open_insert, last = True, number
            continue
        start = _ROW_START.match(line)
        if not start:
            continue
        m = _ROW.match(line)
        kode = m["kode"] if m else start["kode"]
        ours = len(kode) == code_len and kode.startswith(prefix)
        if not m:
            if kode.startswith(prefix) or prefix.startswith(kode):
                detail = line.strip()[:60] + ("…" if len(line.strip()) > 60 else "")
                report.add("sql_row_damaged", file=file, row=number, detail=detail)
            open_insert, last = True, number
            continue
        open_insert, last = m["end"] != ";", number
        if ours:
            rows.append(_RawRow(number, kode, m["nama"].replace("''", "'"), m["path"]))
    if open_insert:
        report.add("sql_truncated", file=file, row=last)
    return rows


def read_sql_rows(path: Path, prefix: str, code_len: int) -> list[SourceRow]:
    """Rows of one SQL dump whose code starts with ``prefix`` and has ``code_len`` chars."""
    report = ValidationReport()
    with open(path, encoding="utf-8") as fh:
        raw = _scan(fh, str(path), prefix, code_len, report)
    raise_if_errors(report)
    return [SourceRow(r.kode, r.nama, path_to_geometry(r.path)) for r in raw]


def make_valid_polygonal(geom) -> tuple[object, bool]:
    """Repair a geometry keeping only its polygonal parts; return (geom, repaired)."""
    if geom.is_valid:
        return geom, False
    fixed = shapely.make_valid(geom)
    polys = [
        g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    parts = []
    for g in polys:
        parts.extend(getattr(g, "geoms", [g]))
    out = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return out, True


def utm_crs_for(lon: float, lat: float) -> str:
    zone = int((lon + 180) // 6) + 1
    return f"EPSG:{32700 + zone if lat < 0 else 32600 + zone}"


def _geometry(row: _RawRow, file: str, report: ValidationReport) -> tuple[object, bool] | None:
    """The row's checked geometry and whether it was repaired, or None with a problem."""
    try:
        geom = path_to_geometry(row.path)
    except (ValueError, TypeError, IndexError) as exc:
        detail = f"{row.kode}: {str(exc)[:80]}"
        report.add("sql_row_damaged", file=file, row=row.line, column="path", detail=detail)
        return None
    if geom.is_empty:
        report.add("source_geom_empty", file=file, row=row.line, column="path", code=row.kode)
        return None
    minx, miny, maxx, maxy = geom.bounds
    if not (
        LON_RANGE[0] <= minx <= maxx <= LON_RANGE[1]
        and LAT_RANGE[0] <= miny <= maxy <= LAT_RANGE[1]
    ):
        bad = (minx, miny) if not LON_RANGE[0] <= minx <= LON_RANGE[1] else (maxx, maxy)
        report.add(
            "source_geom_outside",
            file=file,
            row=row.line,
            column="path",
            code=row.kode,
            lat=f"{bad[1]:.4f}",
            lon=f"{bad[0]:.4f}",
        )
        return None
    if geom.is_valid:
        return geom, False
    reason = shapely.is_valid_reason(geom)
    fixed, _ = make_valid_polygonal(geom)
    if fixed.is_empty or not fixed.is_valid or (geom.area > 0 and fixed.area < geom.area * 0.5):
        report.add("geom_unrepairable", file=file, row=row.line, column="path", reason=reason)
        return None
    report.add(
        "geom_repaired", file=file, row=row.line, column="path", severity="warning", reason=reason
    )
    return fixed, True


def _frame(rows: list[_RawRow], file: str, report: ValidationReport, villages: bool = False):
    """The rows as a GeoDataFrame (lon/lat) and the codes repaired (problems in ``report``).

    A village the source has no polygon for (``path`` ``''``, as 96.01.05.1012 is
    published) is left out with a warning; any other bad geometry is an error.
    """
    kode, nama, geoms, repaired, seen = [], [], [], [], {}
    for r in rows:
        if r.kode in seen:
            report.add(
                "duplicate_code",
                file=file,
                row=r.line,
                column="kode",
                value=r.kode,
                other_row=seen[r.kode],
            )
            continue
        seen[r.kode] = r.line
        if villages and not r.path.strip():
            report.add(
                "source_village_no_polygon",
                file=file,
                row=r.line,
                column="path",
                severity="warning",
                code=r.kode,
                name=r.nama,
            )
            continue
        checked = _geometry(r, file, report)
        if checked is None:
            continue
        g, was = checked
        if was:
            repaired.append(r.kode)
        kode.append(r.kode)
        nama.append(r.nama)
        geoms.append(shapely.orient_polygons(g))
    gdf = gpd.GeoDataFrame({"kode": kode, "nama": nama}, geometry=geoms, crs="EPSG:4326")
    return gdf, repaired


def _area_km2(gdf: gpd.GeoDataFrame) -> list[float]:
    c = gdf.union_all().centroid
    return (gdf.to_crs(utm_crs_for(c.x, c.y)).area / 1e6).round(3).tolist()


def _read_layers(src: BoundarySource, code: str, report: ValidationReport) -> dict | None:
    """The raw rows of the three layers of ``code``, or None when a file or the regency is missing."""
    prefixes = {"kab": code[:3], "kec": code + ".", "kel": code + "."}
    raw = {}
    for layer in LAYERS:  # kab first: an unknown code is told before a missing kec/kel file
        file = src.label(layer, code)
        if not src.exists(layer, code):
            report.add("source_file_missing", file=file, value=code)
            continue
        try:
            raw[layer] = _scan(
                src.lines(layer, code), file, prefixes[layer], _CODE_LEN[layer], report
            )
        except (UnicodeDecodeError, OSError, EOFError, ValueError) as exc:  # zlib/zip damage too
            report.add("source_file_damaged", file=file, detail=str(exc).splitlines()[0][:100])
            return None
        if layer == "kab":
            regencies = {r.kode: r.nama for r in raw["kab"]}
            if code not in regencies and not report.has_errors:
                options = ", ".join(f"{k} {regency_name(v)}" for k, v in sorted(regencies.items()))
                report.add(
                    "region_not_in_source",
                    file=file,
                    value=code,
                    prov=code[:2],
                    options=options or "-",
                )
                return None
            raw["kab"] = [r for r in raw["kab"] if r.kode == code]
    if len(raw) < len(LAYERS):
        return None
    if not raw["kel"]:
        report.add("region_no_villages", file=src.label("kel", code), value=code)
    return raw


def _build(src: BoundarySource, region: str, report: ValidationReport) -> dict | None:
    code = check_region_code(region, report)
    if code is None:
        return None
    raw = _read_layers(src, code, report)
    if raw is None or report.has_errors:
        return None
    kab, rep_kab = _frame(raw["kab"], src.label("kab", code), report)
    kec, rep_kec = _frame(raw["kec"], src.label("kec", code), report)
    vil, rep_vil = _frame(raw["kel"], src.label("kel", code), report, villages=True)
    if report.has_errors or vil.empty:
        if not report.has_errors:
            report.add("region_no_villages", file=src.label("kel", code), value=code)
        return None
    name = regency_name(kab.loc[0, "nama"])
    kec_names = dict(zip(kec["kode"], kec["nama"]))
    vil["tipe"] = ["kelurahan" if k[9] == "1" else "desa" for k in vil["kode"]]
    vil["kode_kec"] = vil["kode"].str[:8]
    lines = {r.kode: r.line for r in raw["kel"]}
    for kode, kec_code in zip(vil["kode"], vil["kode_kec"]):
        if kec_code not in kec_names:
            report.add(
                "village_kecamatan_missing",
                file=src.label("kel", code),
                row=lines[kode],
                column="kode",
                code=kode,
                kec=kec_code,
                kec_file=src.relative("kec", code),
            )
    if report.has_errors:
        return None
    vil["kecamatan"] = vil["kode_kec"].map(kec_names)
    vil["kode_kab"] = code
    vil["kabupaten"] = name
    vil["luas_km2"] = _area_km2(vil)
    kec["kode_kab"] = code
    kec["jumlah_desa"] = kec["kode"].map(vil["kode_kec"].value_counts()).fillna(0).astype(int)
    kec["luas_km2"] = _area_km2(kec)
    kab["nama"] = name
    kab["luas_km2"] = _area_km2(kab)
    cols = ["kode", "nama", "tipe", "kode_kec", "kecamatan", "kode_kab", "kabupaten", "luas_km2"]
    return {
        "code": code,
        "villages": vil[[*cols, "geometry"]].sort_values("kode").reset_index(drop=True),
        "kecamatan": kec[["kode", "nama", "kode_kab", "jumlah_desa", "luas_km2", "geometry"]]
        .sort_values("kode")
        .reset_index(drop=True),
        "regency": kab[["kode", "nama", "luas_km2", "geometry"]],
        "repaired": rep_vil + rep_kec + rep_kab,
        "name": name,
    }


def open_source(
    source: Path | str | BoundarySource, report: ValidationReport
) -> BoundarySource | None:
    """The boundary source at ``source`` (folder or zip), or None with a problem."""
    if isinstance(source, BoundarySource):
        return source
    try:
        return BoundarySource(source)
    except SourceError as exc:
        report.add(exc.code, file="--source", **exc.params)
        return None


def build_region(source: Path | str | BoundarySource, region: str) -> dict:
    """Build the village, kecamatan and regency layers of one regency code (``PP.KK``).

    Raises :class:`DataValidationError` listing every problem; the result's
    ``"report"`` holds the warnings (repaired polygons).
    """
    report = ValidationReport()
    src = open_source(source, report)
    built = None
    if src is not None:
        try:
            built = _build(src, region, report)
        finally:
            if src is not source:
                src.close()
    raise_if_errors(report)
    return {**built, "report": report}


def build_geodata(
    source: Path | str | BoundarySource, regions: list[str], out_dir: Path
) -> list[dict]:
    """Build ``regions`` from ``source`` into ``out_dir`` and update its ``regions.json``.

    Every region is built and checked first (:func:`build_all`); one error anywhere
    raises :class:`DataValidationError` with all problems of all regions, and
    nothing is written.
    """
    return write_all(build_all(source, regions), out_dir)


def build_all(source: Path | str | BoundarySource, regions: list[str]) -> dict:
    """Build and check every region: ``{"regions": [built…], "report": warnings, "licence": text}``."""
    report = ValidationReport()
    src = open_source(source, report)
    built, licence = [], None
    if src is not None:
        try:
            for region in regions:
                b = _build(src, region, report)
                if b is not None:
                    built.append(b)
            licence = src.licence()
        finally:
            if src is not source:
                src.close()
    raise_if_errors(report)
    return {"regions": built, "report": report, "licence": licence}


__all__ = [
    "ATTRIBUTION",
    "PROVINCES",
    "build_all",
    "build_geodata",
    "build_region",
    "check_region_code",
    "regency_name",
    "write_all",
]
