"""A facility row's coordinates: read as typed, checked against the regency, compared.

:func:`read_coords` reads the row's latitude/longitude (or one "koordinat"
cell); :func:`place_point` accepts, repairs or refuses the point against the
regency — a point inside another known regency is refused naming it, and only
a coastal regency accepts points off its outline (:mod:`ilp_dash.io.placement`);
:func:`report_same_places` warns once per group of facilities that share a place.
"""

from __future__ import annotations

import pandas as pd

from ilp_dash.io.coords import CoordinateError, parse_coordinate, split_pair
from ilp_dash.io.placement import max_distance_m, regency_at, same_place_groups
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.rows import DEFAULT_TOLERANCE_KM, RowContext, fmt


def read_coords(ctx: RowContext, rec: dict, row: int) -> tuple[float, float] | None:
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


def place_point(ctx: RowContext, lat: float, lon: float, row: int) -> tuple[float, float] | None:
    """Check a typed point against the regency; returns (lon, lat) or None on error."""
    loc = ctx.locator.locate(lat, lon, tolerance_km=ctx.tol)
    args = dict(lat=fmt(lat), lon=fmt(lon), region=ctx.region.name)
    if loc.fix is None and loc.outside_km > DEFAULT_TOLERANCE_KM:
        other = regency_at(ctx.region, loc.lon, loc.lat)
        if other is not None:
            shown = f"{loc.outside_km:,.1f}" if loc.outside_km != float("inf") else "?"
            ctx.add("coord_other_regency", row, "lat", other=other, km=shown, **args)
            return None
    if loc.fix is None and loc.outside_km <= ctx.tol:
        if loc.outside_km > DEFAULT_TOLERANCE_KM or (
            loc.outside_km > 0.25 and ctx.kind != "hospitals"
        ):
            ctx.add(
                "coord_near_edge" if ctx.coast else "coord_near_border",
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


def report_same_places(
    frame: pd.DataFrame, report: ValidationReport, file: str, item: str, item_en: str, column: str
) -> None:
    """One warning per group of facilities within :data:`SAME_PLACE_M` of each other.

    ``frame`` holds ``lon``, ``lat``, ``nama``, ``baris`` and ``lokasi_perkiraan``;
    points placed inside their village for want of coordinates are left out.
    """
    exact = frame[~frame["lokasi_perkiraan"].astype(bool)]
    if len(exact) < 2:
        return
    for group in same_place_groups(exact["lon"].to_numpy(), exact["lat"].to_numpy()):
        rows = exact.iloc[group]
        metres = max_distance_m(rows["lon"].to_numpy(), rows["lat"].to_numpy())
        report.add(
            "facility_same_place",
            file=file,
            row=int(rows["baris"].iloc[0]),
            column=column,
            severity="warning",
            n=len(rows),
            item=item,
            item_en=item_en,
            metres=f"{metres:.0f}",
            rows=", ".join(str(int(r)) for r in rows["baris"]),
            names=", ".join(str(n) for n in rows["nama"]),
        )
