"""Facility registers drawn as points in a GIS: GeoJSON (a QGIS export), GeoPackage, zipped Shapefile.

:func:`read_point_table` turns the layer into the same :class:`~ilp_dash.io.tables.Table`
a CSV register gives: the attribute columns mapped to canonical names, and each
point's position written into ``lat``/``lon`` (reprojected to WGS 84 from any
CRS). Rows count features from 1, as a GIS attribute table does. A layer of
lines or polygons is refused; a feature without a geometry keeps whatever
location columns it has.
"""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ilp_dash.io.boundaries import to_wgs84
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.tables import Table, norm_header

POINT_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".shp")
_INNER = (".shp", ".gpkg", ".geojson", ".json")


def _text(value: object) -> str:
    """An attribute value as the text a CSV cell would hold."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value).strip()


def _extract(path: Path, workdir: Path, report: ValidationReport) -> Path | None:
    try:
        with zipfile.ZipFile(path) as zf:
            for m in zf.namelist():
                if m.endswith("/") or "__MACOSX" in m:
                    continue
                target = (workdir / Path(m).name).resolve()
                if target.parent == workdir.resolve():
                    target.write_bytes(zf.read(m))
    except zipfile.BadZipFile:
        report.add(
            "file_unreadable",
            file=path.name,
            kind="ZIP",
            detail="arsip zip rusak",
            detail_en="damaged zip archive",
            fix="Buat ulang arsip zip dari berkas-berkas aslinya.",
            fix_en="Make the zip archive again from the original files.",
        )
        return None
    inner = sorted(p for p in workdir.iterdir() if p.suffix.lower() in _INNER)
    if not inner:
        report.add("zip_no_shapefile", file=path.name)
        return None
    return inner[0]


def _read(path: Path, report: ValidationReport, item: str, item_en: str) -> gpd.GeoDataFrame | None:
    name = path.name
    with tempfile.TemporaryDirectory() as tmp:
        target = _extract(path, Path(tmp), report) if path.suffix.lower() == ".zip" else path
        if target is None:
            return None
        if target.suffix.lower() == ".shp":
            for part in (".shx", ".dbf"):
                if not any(target.with_suffix(s).exists() for s in (part, part.upper())):
                    report.add("shp_missing_part", file=name, part=part)
                    return None
        try:
            gdf = gpd.read_file(target)
        except Exception as exc:  # pyogrio raises several types for damaged files
            report.add(
                "file_unreadable",
                file=name,
                kind=target.suffix.lstrip(".").upper(),
                detail=str(exc).splitlines()[0][:120],
                fix="Ekspor ulang lapisan titik dari aplikasi SIG.",
                fix_en="Export the point layer again from the GIS application.",
            )
            return None
    if gdf.empty:
        report.add("file_empty", file=name, item=item, item_en=item_en)
        return None
    return gdf


def _to_wgs84(gdf: gpd.GeoDataFrame, name: str, report: ValidationReport):
    """:func:`ilp_dash.io.boundaries.to_wgs84` for a layer that may hold rows without a point."""
    has = gdf.geometry.notna() & ~gdf.geometry.is_empty
    if not has.any():
        return gdf
    return to_wgs84(gdf, name, report)


def read_point_table(
    path: Path | str,
    aliases: dict[str, list[str]],
    report: ValidationReport,
    *,
    item: str,
    item_en: str,
) -> Table | None:
    """A GIS point layer as a register :class:`Table`, or ``None`` with the reason in ``report``."""
    path = Path(path)
    name = path.name
    if not path.exists():
        report.add("file_not_found", file=name)
        return None
    gdf = _read(path, report, item, item_en)
    if gdf is None:
        return None
    kinds = set(gdf.geometry.dropna().geom_type)
    if kinds - {"Point", "MultiPoint"}:
        report.add(
            "points_not_points",
            file=name,
            geom_type=", ".join(sorted(kinds - {"Point", "MultiPoint"})),
            item=item,
            item_en=item_en,
        )
        return None
    gdf = _to_wgs84(gdf, name, report)
    if gdf is None:
        return None
    lookup = {norm_header(a): canon for canon, names in aliases.items() for a in [canon, *names]}
    columns: dict[str, list[str]] = {}
    source: dict[str, str] = {}
    for col in gdf.columns:
        if col == gdf.geometry.name:
            continue
        key = norm_header(col)
        canon = lookup.get(key, f"_extra_{key}")
        if canon in columns:
            continue  # the first of two spellings wins, as QGIS exports often repeat fields
        columns[canon] = [_text(v) for v in gdf[col].tolist()]
        source[canon] = str(col)
    lat, lon = [], []
    for geom in gdf.geometry:
        if geom is None or geom.is_empty:
            lat.append("")
            lon.append("")
            continue
        p = geom if geom.geom_type == "Point" else geom.centroid
        lat.append(f"{p.y:.7f}")
        lon.append(f"{p.x:.7f}")
    drawn = [bool(t) for t in lat]
    for canon, values in (("lat", lat), ("lon", lon)):
        typed = columns.get(canon, [""] * len(gdf))
        columns[canon] = [v if d else t for v, t, d in zip(values, typed, drawn)]
        source.setdefault(canon, "geometry")
    if any(drawn):
        source["lat"] = source["lon"] = "geometry"
    frame = pd.DataFrame(columns, dtype=object)
    head = path.read_bytes()[:4096].upper() if path.suffix.lower() in (".geojson", ".json") else b""
    synthetic = any(w in name.upper().encode() + head for w in (b"SINTETIS", b"SYNTHETIC"))
    return Table(name, frame, list(range(1, len(gdf) + 1)), None, source, synthetic)  # type: ignore[arg-type]
