"""Facility registers: Posyandu, Pustu, Puskesmas, hospitals and ambulances.

A register is a CSV or XLSX table, one row per facility (per vehicle for
ambulances). It locates each row by coordinates (decimal degrees, decimal
comma, degrees-minutes-seconds, or one "koordinat" cell), by village (code or
name), or — for ambulances — by the name of the Puskesmas or hospital it is
based at. A row with only a village is placed inside that village and flagged
``lokasi_perkiraan`` (approximate).

:func:`load_facilities` returns :class:`~ilp_dash.io.problems.Loaded` with a
GeoDataFrame, or raises :class:`~ilp_dash.io.problems.DataValidationError` that
lists every problem of the file.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point

from ilp_dash.io.columns import KIND_LABEL, facility_aliases
from ilp_dash.io.coords import CoordinateError, parse_coordinate, split_pair
from ilp_dash.io.geodata import Region
from ilp_dash.io.matching import normalise_name
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.rows import (
    DEFAULT_TOLERANCE_KM,
    RowContext,
    fmt,
    match_report,
    match_village,
    read_count,
)
from ilp_dash.io.tables import read_table
from ilp_dash.io.values import parse_month, parse_yes_no

OUTPUT_COLUMNS = [
    "id",
    "nama",
    "jenis",
    "kode_desa",
    "desa",
    "kode_kec",
    "kecamatan",
    "puskesmas",
    "lon",
    "lat",
    "lokasi_perkiraan",
    "baris",
]


def point_in_polygon(polygon, seed_text: str) -> tuple[float, float]:
    """A deterministic pseudo-random point inside ``polygon`` (seeded by ``seed_text``)."""
    seed = int.from_bytes(hashlib.sha256(seed_text.encode()).digest()[:8], "little")
    rng = np.random.default_rng(seed)
    minx, miny, maxx, maxy = polygon.bounds
    shapely.prepare(polygon)
    for _ in range(200):
        x, y = rng.uniform(minx, maxx), rng.uniform(miny, maxy)
        if shapely.contains_xy(polygon, x, y):
            return float(x), float(y)
    p = polygon.representative_point()
    return float(p.x), float(p.y)


def _read_coords(ctx: RowContext, rec: dict, row: int) -> tuple[float, float] | None:
    """(lat, lon) as typed (after parsing), or None; problems go to the report."""
    lat_txt, lon_txt = rec.get("lat", ""), rec.get("lon", "")
    lat_col, lon_col = "lat", "lon"
    if not lat_txt and not lon_txt and rec.get("koordinat", ""):
        try:
            lat_txt, lon_txt = split_pair(rec["koordinat"])
        except CoordinateError:
            ctx.add("coord_unparseable", row, "koordinat", value=rec["koordinat"])
            return None
        lat_col = lon_col = "koordinat"
    if not lat_txt and not lon_txt:
        return None
    if bool(lat_txt) != bool(lon_txt):
        present, absent = ("lintang", "bujur") if lat_txt else ("bujur", "lintang")
        present_en, absent_en = ("latitude", "longitude") if lat_txt else ("longitude", "latitude")
        ctx.add(
            "coord_half",
            row,
            "lon" if lat_txt else "lat",
            present=present,
            absent=absent,
            present_en=present_en,
            absent_en=absent_en,
        )
        return None
    values = []
    for text, col in ((lat_txt, lat_col), (lon_txt, lon_col)):
        try:
            parsed = parse_coordinate(text)
        except CoordinateError as exc:
            ctx.add(
                "coord_dms_range" if "60" in str(exc) else "coord_unparseable", row, col, value=text
            )
            return None
        if parsed.note == "decimal_comma":
            ctx.add(
                "coord_decimal_comma",
                row,
                col,
                severity="info",
                value=text,
                parsed=fmt(parsed.value),
            )
        elif parsed.note == "dms":
            ctx.add("coord_dms", row, col, severity="info", value=text, parsed=fmt(parsed.value))
        values.append(parsed.value)
    return values[0], values[1]


def _place(ctx: RowContext, lat: float, lon: float, row: int) -> tuple[float, float] | None:
    """Check a typed point against the regency; returns (lon, lat) or None on error."""
    loc = ctx.locator.locate(lat, lon, tolerance_km=ctx.tol)
    args = dict(lat=fmt(lat), lon=fmt(lon), region=ctx.region.name)
    if loc.fix is None and loc.outside_km <= ctx.tol:
        if loc.outside_km > DEFAULT_TOLERANCE_KM or (
            loc.outside_km > 0.25 and ctx.kind != "hospitals"
        ):
            ctx.add(
                "coord_near_edge",
                row,
                "lat",
                severity="warning",
                km=f"{loc.outside_km:.1f}",
                **args,
            )
        return loc.lon, loc.lat
    if loc.fix is not None and loc.outside_km <= ctx.tol:
        if loc.fix == "swapped":
            ctx.add(
                "coord_swapped",
                row,
                "lat",
                severity="warning",
                fixed_lat=fmt(loc.lat),
                fixed_lon=fmt(loc.lon),
                **args,
            )
        else:
            ctx.add("coord_sign", row, "lat", severity="warning", fixed_lat=fmt(loc.lat), **args)
        return loc.lon, loc.lat
    km = loc.outside_km
    shown = f"{km:,.1f}" if km != float("inf") else "?"
    if loc.fix == "swapped":  # typed pair was not even valid degrees; report the swapped distance
        args = dict(lat=fmt(loc.lat), lon=fmt(loc.lon), region=ctx.region.name)
    ctx.add("coord_outside", row, "lat", km=shown, **args)
    return None


def _posyandu_fields(ctx: RowContext, rec: dict, row: int, out: dict) -> None:
    out["kader"] = read_count(ctx, rec, "kader", row)
    out["rw"] = rec.get("rw", "") or None
    out["strata"] = rec.get("strata", "") or None
    ilp_txt, month_txt = rec.get("ilp", ""), rec.get("bulan_ilp", "")
    ilp = None
    if ilp_txt:
        try:
            ilp = parse_yes_no(ilp_txt)
        except ValueError:
            ctx.add("bad_yes_no", row, "ilp", value=ilp_txt)
    month = None
    if month_txt:
        try:
            month = parse_month(month_txt)
        except ValueError:
            ctx.add("bad_month", row, "bulan_ilp", value=month_txt)
    out["ilp"] = bool(ilp) or month is not None
    out["bulan_ilp"] = month


def load_facilities(path: Path | str, kind: str, region: Region) -> Loaded:
    """Load one facility register of ``kind`` for ``region``.

    Parameters
    ----------
    path : CSV or XLSX file.
    kind : one of ``posyandu``, ``pustu``, ``puskesmas``, ``hospitals``, ``ambulances``.
    region : the bundled (or uploaded) region whose villages and boundary are used.

    Returns
    -------
    Loaded
        ``data`` is a GeoDataFrame in EPSG:4326 with :data:`OUTPUT_COLUMNS` and
        the register's own fields; ``report`` holds warnings and notes.
    """
    path = Path(path)
    report = ValidationReport()
    label_id, label_en = KIND_LABEL[kind]
    table = read_table(path, facility_aliases(kind), report, item=label_id, item_en=label_en)
    if table is None:
        raise_if_errors(report)
    ctx = RowContext(table, region, report, kind)
    cols = set(table.frame.columns)
    if "nama" not in cols and not (
        kind == "ambulances" and ("kode" in cols or "pangkalan" in cols)
    ):
        aliases = facility_aliases(kind)["nama"]
        report.add(
            "missing_column",
            file=ctx.file,
            row=table.header_row,
            field="nama",
            found=", ".join(f"'{c}'" for c in table.source_columns.values()),
            aliases=", ".join(aliases[:5]),
        )
    has_loc = cols & {"lat", "lon", "koordinat", "kode_desa", "desa"} or (
        kind == "ambulances" and "pangkalan" in cols
    )
    if not has_loc:
        report.add(
            "missing_one_of",
            file=ctx.file,
            row=table.header_row,
            what="lokasi",
            what_en="the location",
            options="lintang+bujur, koordinat, kode_desa, desa"
            + (", pangkalan" if kind == "ambulances" else ""),
        )
    raise_if_errors(report)

    vil = region.villages
    geom = dict(zip(vil["kode"], vil.geometry))
    vname = dict(zip(vil["kode"], vil["nama"]))
    vkec = dict(zip(vil["kode"], vil["kecamatan"]))
    sindex = vil.sindex

    def village_at(lon: float, lat: float) -> str | None:
        hit = sindex.query(Point(lon, lat), predicate="intersects")
        return vil["kode"].iloc[hit[0]] if len(hit) else None

    records = []
    seen_codes: dict[str, int] = {}
    for rec, row in zip(table.frame.to_dict("records"), table.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        name = rec.get("nama", "")
        if "nama" in cols and not name:
            ctx.add("missing_value", row, "nama", field=ctx.col.get("nama", "nama"))
            continue
        fid = rec.get("kode", "")
        if fid:
            if fid in seen_codes:
                ctx.add("duplicate_code", row, "kode", value=fid, other_row=seen_codes[fid])
                continue
            seen_codes[fid] = row
        n_before = len(report.errors)
        vcode, had_village = match_village(ctx, rec, row)
        typed = _read_coords(ctx, rec, row)
        lon = lat = None
        approx = False
        if typed is not None:
            placed = _place(ctx, typed[0], typed[1], row)
            if placed is not None:
                lon, lat = placed
        if len(report.errors) > n_before:
            continue
        if lon is None and vcode is not None:
            lon, lat = point_in_polygon(geom[vcode], f"{kind}|{fid or name}|{vcode}")
            approx = True
            ctx.add("location_approximate", row, "desa", severity="info", village_name=vname[vcode])
        if lon is None and not (kind == "ambulances" and rec.get("pangkalan")):
            ctx.add("no_location", row, None)
            continue
        if lon is not None and vcode is None:
            vcode = village_at(lon, lat)
        elif lon is not None and not approx:
            # about 500 m of slack: registers round coordinates and boundaries are simplified
            if geom[vcode].distance(Point(lon, lat)) > 0.005:
                found = village_at(lon, lat)
                if found:
                    ctx.add(
                        "coord_other_village",
                        row,
                        "lat",
                        severity="warning",
                        found_name=vname[found],
                        village_name=vname[vcode],
                    )
        if rec.get("lokasi_perkiraan"):
            try:
                approx = approx or parse_yes_no(rec["lokasi_perkiraan"])
            except ValueError:
                ctx.add("bad_yes_no", row, "lokasi_perkiraan", value=rec["lokasi_perkiraan"])
        out = {
            "id": fid or f"{kind}-{row}",
            "nama": name or fid,
            "jenis": kind,
            "kode_desa": vcode,
            "desa": vname[vcode] if vcode else None,
            "kode_kec": vcode[:8] if vcode else None,
            "kecamatan": vkec[vcode] if vcode else None,
            "puskesmas": rec.get("puskesmas") or None,
            "lon": lon,
            "lat": lat,
            "lokasi_perkiraan": approx,
            "baris": row,
        }
        if kind == "posyandu":
            _posyandu_fields(ctx, rec, row, out)
        elif kind == "pustu":
            out["bidan"] = read_count(ctx, rec, "bidan", row)
            out["perawat"] = read_count(ctx, rec, "perawat", row)
        elif kind == "puskesmas":
            out["rawat_inap"] = rec.get("rawat_inap") or None
        elif kind == "hospitals":
            out["kelas"] = rec.get("kelas") or None
        elif kind == "ambulances":
            out["pangkalan"] = rec.get("pangkalan") or None
            out["jenis_ambulans"] = rec.get("jenis") or None
        records.append(out)
    if "nama" in cols and not records and not report.has_errors:
        report.add("file_empty", file=ctx.file, item=label_id, item_en=label_en)
    raise_if_errors(report, match_report(ctx))
    frame = pd.DataFrame.from_records(records)
    gdf = gpd.GeoDataFrame(
        frame, geometry=gpd.points_from_xy(frame["lon"], frame["lat"]), crs="EPSG:4326"
    )
    gdf.attrs["synthetic"] = table.synthetic
    gdf.attrs["file"] = table.file
    return Loaded(gdf, report, match_report(ctx))


def resolve_ambulance_bases(
    ambulances: gpd.GeoDataFrame, bases: gpd.GeoDataFrame, file: str = "ambulans"
) -> Loaded:
    """Place ambulances that name a base (``pangkalan``) at that Puskesmas or hospital.

    ``bases`` holds Puskesmas and hospitals (``nama`` and geometry). Names are
    compared normalised, with or without a "Puskesmas"/"RSUD" prefix.
    """
    report = ValidationReport()

    def key(s: str) -> str:
        n = normalise_name(s)
        for p in ("puskesmas", "pkm", "rsud", "rumahsakit", "rs"):
            if n.startswith(p):
                n = n[len(p) :]
        return n

    lookup: dict[str, int] = {}
    for i, name in zip(bases.index, bases["nama"]):
        lookup.setdefault(key(name), i)
    out = ambulances.copy()
    for i, row in out.iterrows():
        base = row.get("pangkalan")
        if not base:
            continue
        j = lookup.get(key(base))
        if j is None:
            report.add(
                "base_unknown",
                file=file,
                row=int(row["baris"]),
                column="pangkalan",
                value=base,
                example=bases["nama"].iloc[0],
            )
            continue
        if pd.isna(row["lon"]) or row["lokasi_perkiraan"]:
            out.loc[i, ["lon", "lat", "kode_desa", "desa", "kode_kec", "kecamatan"]] = bases.loc[
                j, ["lon", "lat", "kode_desa", "desa", "kode_kec", "kecamatan"]
            ].values
            out.loc[i, "lokasi_perkiraan"] = bool(bases.loc[j, "lokasi_perkiraan"])
    raise_if_errors(report)
    out = gpd.GeoDataFrame(
        out, geometry=gpd.points_from_xy(out["lon"], out["lat"]), crs="EPSG:4326"
    )
    return Loaded(out, report)
