"""Facility registers: Posyandu, Pustu, Puskesmas, hospitals and ambulances.

A register is a CSV or XLSX table, one row per facility (per vehicle for
ambulances), or a GIS point layer (:mod:`ilp_dash.io.points`); the national
health-facility list is cut to the region and kind (:mod:`ilp_dash.io.faskes`).
It locates each row by coordinates (decimal degrees, decimal
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
from ilp_dash.io.facility_coords import place_point, read_coords, report_same_places
from ilp_dash.io.faskes import GOVERNMENT, hospital_owner, is_national_list, national_rows
from ilp_dash.io.geodata import Region
from ilp_dash.io.matching import normalise_name
from ilp_dash.io.points import POINT_SUFFIXES, read_point_table
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.rows import RowContext, match_report, match_village, read_count, record_point
from ilp_dash.io.tables import read_table
from ilp_dash.io.values import parse_month, parse_yes_no

SAME_PLACE_KINDS = ("pustu", "puskesmas", "hospitals")  # warned when two share a place (~25 m)

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
    path : CSV or XLSX table, or a GIS point layer (GeoJSON, GeoPackage, zipped
        Shapefile, any CRS). The national health-facility list (every Puskesmas
        and hospital of the country) is cut to ``region`` and ``kind``.
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
    read = read_point_table if path.suffix.lower() in POINT_SUFFIXES else read_table
    table = read(path, facility_aliases(kind), report, item=label_id, item_en=label_en)
    if table is None:
        raise_if_errors(report)
    ctx = RowContext(table, region, report, kind)
    if kind in ("puskesmas", "hospitals") and is_national_list(table):
        table = national_rows(table, kind, region, report, ctx.tol, (label_id, label_en))
        if table is None:
            raise_if_errors(report)
        ctx.t = table
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
    guessed: list[str] = []  # hospital owners inferred from the name
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
        typed = read_coords(ctx, rec, row)
        lon = lat = None
        approx = False
        if typed is not None:
            placed = place_point(ctx, typed[0], typed[1], row)
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
            record_point(ctx, row, name or fid, vcode, lon, lat)
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
            out["jenis_rs"] = rec.get("jenis_rs") or None
            out["milik"], inferred = hospital_owner(
                out["nama"], rec.get("kepemilikan"), out["jenis_rs"]
            )
            if inferred:
                guessed.append(out["milik"])
        if kind in ("puskesmas", "hospitals"):
            out["kepemilikan"] = rec.get("kepemilikan") or None
            out["alamat"] = rec.get("alamat") or None
        elif kind == "ambulances":
            out["pangkalan"] = rec.get("pangkalan") or None
            out["jenis_ambulans"] = rec.get("jenis") or None
        records.append(out)
    if "nama" in cols and not records and not report.has_errors:
        report.add("file_empty", file=ctx.file, item=label_id, item_en=label_en)
    raise_if_errors(report, match_report(ctx))
    if guessed:
        n_gov = guessed.count(GOVERNMENT)
        report.add(
            "hospital_owner_inferred",
            file=ctx.file,
            severity="info",
            n=len(guessed),
            gov=n_gov,
            other=len(guessed) - n_gov,
        )
    frame = pd.DataFrame.from_records(records)
    # buildings of their own; Posyandu meet in neighbours' houses, ambulances share their base
    if kind in SAME_PLACE_KINDS and len(frame):
        column = ctx.col.get("lat", "lat")
        report_same_places(frame, report, ctx.file, label_id, label_en, column)
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
