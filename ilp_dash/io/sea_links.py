"""Read the sea-links table: one row per boat connection, crossings run both ways.

Columns (Indonesian or English names)::

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

from pathlib import Path

import numpy as np
import pandas as pd

from ilp_dash.io.coords import CoordinateError, parse_coordinate
from ilp_dash.io.geodata import Region
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.tables import norm_header, read_table
from ilp_dash.io.values import parse_float

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
    locator = region.locator
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
