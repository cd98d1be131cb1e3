"""Village boundary files a planner brings: Shapefile (plain or zipped), GeoPackage, GeoJSON.

Any CRS is reprojected to EPSG:4326. Columns are recognised in the BIG village
schema (``KDEPUM`` code, ``WADMKD`` village, ``WADMKC`` kecamatan, ``KDCPUM``,
``WADMKK`` regency, ``KDPKAB``) or plain ``kode``/``nama`` columns. Invalid
polygons are repaired with a warning; a shapefile without ``.prj`` is read as
WGS 84 when its coordinates are plainly degrees and refused when they are
metres (the UTM zone cannot be guessed).

The result has the columns of the bundled villages layer (see
:mod:`ilp_dash.io.wilayah_source`).
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from ilp_dash.io.matching import normalise_code
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.tables import norm_header
from ilp_dash.io.wilayah_source import make_valid_polygonal, utm_crs_for

SUFFIXES = (".shp", ".zip", ".gpkg", ".geojson", ".json")
ALIASES = {
    "kode": [
        "kdepum",
        "kode",
        "kode_desa",
        "kd_desa",
        "kode_kemendagri",
        "village_code",
        "code",
        "kode_wilayah",
    ],
    "nama": ["wadmkd", "nama", "nama_desa", "desa", "namobj", "village", "name"],
    "kecamatan": ["wadmkc", "kecamatan", "nama_kecamatan", "district"],
    "kode_kec": ["kdcpum", "kode_kec", "kode_kecamatan"],
    "kabupaten": ["wadmkk", "kabupaten", "kota", "regency"],
}
COLUMNS = [
    "kode",
    "nama",
    "tipe",
    "kode_kec",
    "kecamatan",
    "kode_kab",
    "kabupaten",
    "luas_km2",
    "geometry",
]


def _pick(frame: pd.DataFrame, canon: str) -> str | None:
    by_norm = {norm_header(c): c for c in frame.columns if c != "geometry"}
    for alias in ALIASES[canon]:
        if alias in by_norm:
            return by_norm[alias]
    return None


def _open(path: Path, report: ValidationReport, workdir: Path) -> gpd.GeoDataFrame | None:
    name = path.name
    suffix = path.suffix.lower()
    if not path.exists():
        report.add("file_not_found", file=name)
        return None
    if suffix not in SUFFIXES:
        report.add(
            "file_type",
            file=name,
            ext=suffix or "(tanpa akhiran)",
            what="batas desa",
            what_en="village boundaries",
            allowed="Shapefile (.shp/.zip), GeoPackage (.gpkg) atau GeoJSON",
            allowed_en="Shapefile (.shp/.zip), GeoPackage (.gpkg) or GeoJSON",
        )
        return None
    if suffix == ".zip":
        try:
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.namelist() if not m.endswith("/")]
                for m in members:
                    target = (workdir / Path(m).name).resolve()
                    if target.parent != workdir.resolve():
                        continue
                    target.write_bytes(zf.read(m))
        except zipfile.BadZipFile:
            report.add(
                "file_unreadable",
                file=name,
                kind="ZIP",
                detail="arsip zip rusak",
                detail_en="damaged zip archive",
                fix="Buat ulang arsip zip dari berkas-berkas aslinya.",
                fix_en="Make the zip archive again from the original files.",
            )
            return None
        inner = [p for p in workdir.iterdir() if p.suffix.lower() in (".shp", ".gpkg", ".geojson")]
        if not inner:
            report.add("zip_no_shapefile", file=name)
            return None
        path = inner[0]
        suffix = path.suffix.lower()
    if suffix == ".shp":
        for part in (".shx", ".dbf"):
            if not any(path.with_suffix(s).exists() for s in (part, part.upper())):
                report.add("shp_missing_part", file=name, part=part)
                return None
    try:
        gdf = gpd.read_file(path)
    except Exception as exc:  # pyogrio raises several types for damaged files
        detail = str(exc).splitlines()[0][:120]
        report.add(
            "file_unreadable",
            file=name,
            kind=suffix.lstrip(".").upper(),
            detail=detail,
            fix="Ekspor ulang lapisan dari aplikasi SIG.",
            fix_en="Export the layer again from the GIS application.",
        )
        return None
    if gdf.empty:
        report.add("file_empty", file=name, item="desa", item_en="village")
        return None
    return gdf


def to_wgs84(gdf: gpd.GeoDataFrame, name: str, report: ValidationReport) -> gpd.GeoDataFrame | None:
    """``gdf`` in EPSG:4326, or ``None`` with the reason in ``report``.

    No CRS: degrees are taken as WGS 84 (a warning), metres are refused; any
    other CRS is reprojected (an info note); coordinates outside ±180/±90
    after that are refused.
    """
    minx, miny, maxx, maxy = gdf.total_bounds
    degrees = -180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90
    if gdf.crs is None:
        if degrees:
            report.add("crs_assumed_wgs84", file=name, severity="warning")
            return gdf.set_crs("EPSG:4326")
        report.add("crs_missing_projected", file=name, x=f"{minx:.0f}", y=f"{miny:.0f}")
        return None
    if gdf.crs.to_epsg() != 4326:
        label = f"EPSG:{gdf.crs.to_epsg()}" if gdf.crs.to_epsg() else gdf.crs.name
        report.add("crs_reprojected", file=name, severity="info", crs=label)
        gdf = gdf.to_crs("EPSG:4326")
    minx, miny, maxx, maxy = gdf.total_bounds
    if not (-180 <= minx and maxx <= 180 and -90 <= miny and maxy <= 90):
        report.add("geom_out_of_range", file=name, x=f"{minx:.0f}", y=f"{miny:.0f}")
        return None
    return gdf


def load_boundaries(path: Path | str, region: str | None = None) -> Loaded:
    """Load a village boundary file; ``region`` (``PP.KK``) keeps the check to one regency.

    Row numbers in the report count features from 1 (as a GIS attribute table does).
    """
    path = Path(path)
    report = ValidationReport()
    name = path.name
    with tempfile.TemporaryDirectory() as tmp:
        gdf = _open(path, report, Path(tmp))
        if gdf is not None:
            gdf = to_wgs84(gdf, name, report)
    raise_if_errors(report)
    code_col = _pick(gdf, "kode")
    if code_col is None:
        report.add(
            "boundary_no_code",
            file=name,
            aliases=", ".join(
                a.upper() if a.startswith(("kd", "wadm")) else a for a in ALIASES["kode"]
            ),
        )
        raise_if_errors(report)
    name_col, kec_col, kab_col = (
        _pick(gdf, "nama"),
        _pick(gdf, "kecamatan"),
        _pick(gdf, "kabupaten"),
    )
    rows = []
    seen: dict[str, int] = {}
    for i, (raw_code, geom) in enumerate(zip(gdf[code_col], gdf.geometry), start=1):
        code = normalise_code(raw_code) if raw_code is not None else None
        if code is None:
            report.add("boundary_bad_code", file=name, row=i, column=code_col, value=raw_code)
            continue
        if code in seen:
            report.add(
                "duplicate_code",
                file=name,
                row=i,
                column=code_col,
                value=code,
                other_row=seen[code],
            )
            continue
        seen[code] = i
        if region and not code.startswith(region + "."):
            report.add(
                "boundary_other_region", file=name, row=i, column=code_col, code=code, region=region
            )
            continue
        if geom is None or geom.is_empty:
            report.add("geom_missing", file=name, row=i, column="geometry")
            continue
        if geom.geom_type not in ("Polygon", "MultiPolygon"):
            report.add(
                "geom_not_polygon", file=name, row=i, column="geometry", geom_type=geom.geom_type
            )
            continue
        if not geom.is_valid:
            reason = shapely.is_valid_reason(geom)
            fixed, _ = make_valid_polygonal(geom)
            if (
                fixed.is_empty
                or not fixed.is_valid
                or fixed.area < geom.area * 0.5
                and geom.area > 0
            ):
                report.add("geom_unrepairable", file=name, row=i, column="geometry", reason=reason)
                continue
            report.add(
                "geom_repaired",
                file=name,
                row=i,
                column="geometry",
                severity="warning",
                reason=reason,
            )
            geom = fixed
        rows.append(
            {
                "kode": code,
                "nama": str(gdf[name_col].iloc[i - 1]) if name_col else code,
                "tipe": "kelurahan" if code[9] == "1" else "desa",
                "kode_kec": code[:8],
                "kecamatan": str(gdf[kec_col].iloc[i - 1]) if kec_col else None,
                "kode_kab": code[:5],
                "kabupaten": str(gdf[kab_col].iloc[i - 1]) if kab_col else None,
                "geometry": shapely.orient_polygons(geom),
            }
        )
    if not rows and not report.has_errors:
        report.add("file_empty", file=name, item="desa", item_en="village")
    raise_if_errors(report)
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    c = out.union_all().centroid
    out["luas_km2"] = (out.to_crs(utm_crs_for(c.x, c.y)).area / 1e6).round(3)
    return Loaded(out[COLUMNS].sort_values("kode").reset_index(drop=True), report)
