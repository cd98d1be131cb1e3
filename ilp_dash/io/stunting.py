"""Stunting data: village counts per month, or child-level measurements.

Two shapes are accepted (found from the columns):

* **village table** — village (code or name + kecamatan), month, children
  measured, children stunted;
* **child rows** (e-PPGBM style) — sex, birth date, measurement date,
  length/height, position and village. Each row gets a WHO 2006 height-for-age
  z-score (:mod:`ilp_dash.io.growth`); stunted = HAZ < −2. Rows are then
  aggregated to village × month and **not kept**: only the counts leave this
  module.

Both return a frame ``kode_desa, bulan, diukur, stunting``.

Totals per village without months (``kode_desa, diukur, stunting``), as the
``ilp-dash hotspots`` command accepts them, are read by :func:`read_village_totals`
and :func:`stunting_totals`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ilp_dash.io.columns import POPULATION, STUNTING_CHILD, STUNTING_VILLAGE
from ilp_dash.io.geodata import Region
from ilp_dash.io.growth import IMPLAUSIBLE_ABS, MAX_AGE_DAYS, STUNTED_BELOW, age_in_days, haz
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.rows import RowContext, match_report, match_village, read_count
from ilp_dash.io.tables import Table, read_table
from ilp_dash.io.values import parse_date, parse_float, parse_month

COLUMNS = ["kode_desa", "bulan", "diukur", "stunting"]
_SEX = {
    "l": "L",
    "laki": "L",
    "lakilaki": "L",
    "laki-laki": "L",
    "m": "L",
    "male": "L",
    "1": "L",
    "p": "P",
    "perempuan": "P",
    "pr": "P",
    "f": "P",
    "female": "P",
    "w": "P",
    "2": "P",
}
_POSITION = {
    "l": "L",
    "terlentang": "L",
    "telentang": "L",
    "berbaring": "L",
    "pb": "L",
    "lying": "L",
    "recumbent": "L",
    "length": "L",
    "panjang": "L",
    "h": "H",
    "berdiri": "H",
    "tb": "H",
    "standing": "H",
    "height": "H",
    "tinggi": "H",
}


def _missing(report: ValidationReport, table: Table, column: str, aliases: dict) -> None:
    report.add(
        "missing_column",
        file=table.file,
        row=table.header_row,
        field=column,
        found=", ".join(f"'{c}'" for c in table.source_columns.values()),
        aliases=", ".join(aliases[column][:5]),
    )


def _require(report, table, aliases, required) -> None:
    cols = set(table.frame.columns)
    for c in required:
        if c not in cols:
            _missing(report, table, c, aliases)
    if not cols & {"kode_desa", "desa"}:
        report.add(
            "missing_one_of",
            file=table.file,
            row=table.header_row,
            what="desa",
            what_en="the village",
            options="kode_desa, desa",
        )


def read_measured_stunted(
    ctx: RowContext, rec: dict, row: int
) -> tuple[int | None, int | None, bool]:
    """Children measured and stunted on one row; ``usable`` is False when stunted > measured.

    Empty or malformed counts are reported and come back as ``None``.
    """
    measured = read_count(ctx, rec, "diukur", row)
    stunted = read_count(ctx, rec, "stunting", row)
    for col, v in (("diukur", measured), ("stunting", stunted)):
        if v is None and not rec.get(col):
            ctx.add("missing_value", row, col, field=ctx.col[col])
    if measured is not None and stunted is not None and stunted > measured:
        ctx.add("stunted_gt_measured", row, "stunting", stunted=stunted, measured=measured)
        return measured, stunted, False
    return measured, stunted, True


def _village_rows(ctx: RowContext, report: ValidationReport) -> pd.DataFrame:
    out, seen = [], {}
    for rec, row in zip(ctx.t.frame.to_dict("records"), ctx.t.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        vcode, _ = match_village(ctx, rec, row)
        month = None
        if not rec.get("bulan"):
            ctx.add("missing_value", row, "bulan", field=ctx.col["bulan"])
        else:
            try:
                month = parse_month(rec["bulan"])
            except ValueError:
                ctx.add("bad_month", row, "bulan", value=rec["bulan"])
        measured, stunted, usable = read_measured_stunted(ctx, rec, row)
        if not usable:
            continue
        if vcode and month:
            key = (vcode, month)
            if key in seen:
                ctx.add(
                    "duplicate_village_month",
                    row,
                    "bulan",
                    village=ctx.matcher.names[vcode],
                    month=month,
                    other_row=seen[key],
                )
                continue
            seen[key] = row
        if vcode and month and measured is not None and stunted is not None:
            out.append((vcode, month, measured, stunted))
    return pd.DataFrame(out, columns=COLUMNS)


def _child_rows(ctx: RowContext, report: ValidationReport) -> pd.DataFrame:
    measured: list[tuple[str, str, bool]] = []
    for rec, row in zip(ctx.t.frame.to_dict("records"), ctx.t.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        n_err = len(report.errors)
        vcode, _ = match_village(ctx, rec, row)
        sex = _SEX.get(rec.get("jk", "").lower().replace(" ", ""))
        if sex is None:
            ctx.add("bad_sex", row, "jk", value=rec.get("jk", ""))
        dates = {}
        for col in ("tgl_lahir", "tgl_ukur"):
            try:
                dates[col] = parse_date(rec.get(col, ""))
            except ValueError:
                ctx.add("bad_date", row, col, value=rec.get(col, ""))
        height = None
        try:
            height = parse_float(rec.get("tinggi", ""))
        except ValueError:
            ctx.add("bad_number", row, "tinggi", value=rec.get("tinggi", ""), example="82.5")
        if height is not None and not 30 <= height <= 150:
            ctx.add("height_out_of_range", row, "tinggi", value=rec.get("tinggi", ""))
            height = None
        pos_txt = rec.get("cara_ukur", "")
        position = _POSITION.get(pos_txt.lower()) if pos_txt else None
        if pos_txt and position is None:
            ctx.add("bad_position", row, "cara_ukur", value=pos_txt)
        if len(report.errors) > n_err:
            continue
        days = age_in_days(dates["tgl_lahir"], dates["tgl_ukur"])
        if not 0 <= days <= MAX_AGE_DAYS:
            ctx.add(
                "age_out_of_range",
                row,
                "tgl_lahir",
                severity="warning",
                age_months=f"{days / 30.4375:.0f}",
            )
            continue
        z = haz(sex, dates["tgl_lahir"], dates["tgl_ukur"], height, position)
        if z is None or abs(z) > IMPLAUSIBLE_ABS:
            ctx.add(
                "haz_implausible",
                row,
                "tinggi",
                severity="warning",
                height=height,
                z="?" if z is None else f"{z:.1f}",
            )
            continue
        measured.append((vcode, dates["tgl_ukur"].strftime("%Y-%m"), z < STUNTED_BELOW))
    df = pd.DataFrame(measured, columns=["kode_desa", "bulan", "stunted"])
    agg = (
        df.groupby(["kode_desa", "bulan"], sort=True)["stunted"]
        .agg(diukur="size", stunting="sum")
        .reset_index()
    )
    agg["stunting"] = agg["stunting"].astype(int)
    if len(df):
        report.add(
            "children_aggregated", file=ctx.file, severity="info", n=len(df), villages=len(agg)
        )
    return agg[COLUMNS]


def load_stunting(path: Path | str, region: Region) -> Loaded:
    """Load stunting counts for ``region`` from a village table or child rows."""
    path = Path(path)
    report = ValidationReport()
    aliases = {**STUNTING_VILLAGE, **STUNTING_CHILD}
    table = read_table(path, aliases, report, item="desa per bulan", item_en="village per month")
    if table is None:
        raise_if_errors(report)
    cols = set(table.frame.columns)
    child = bool(cols & {"tgl_lahir", "tinggi", "jk"}) and not cols & {"diukur"}
    if child:
        _require(report, table, STUNTING_CHILD, ["jk", "tgl_lahir", "tgl_ukur", "tinggi"])
    else:
        _require(report, table, STUNTING_VILLAGE, ["bulan", "diukur", "stunting"])
    raise_if_errors(report)
    ctx = RowContext(table, region, report, "stunting")
    frame = _child_rows(ctx, report) if child else _village_rows(ctx, report)
    raise_if_errors(report, match_report(ctx))
    frame.attrs["synthetic"] = table.synthetic
    frame.attrs["shape"] = "child" if child else "village"
    return Loaded(
        frame.sort_values(["kode_desa", "bulan"]).reset_index(drop=True), report, match_report(ctx)
    )


def load_population(path: Path | str, region: Region) -> Loaded:
    """Load village population (``penduduk``) and under-five children (``balita``)."""
    path = Path(path)
    report = ValidationReport()
    table = read_table(path, POPULATION, report, item="desa", item_en="village")
    if table is None:
        raise_if_errors(report)
    _require(report, table, POPULATION, ["penduduk"])
    raise_if_errors(report)
    ctx = RowContext(table, region, report, "penduduk")
    out, seen = [], {}
    for rec, row in zip(table.frame.to_dict("records"), table.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        vcode, _ = match_village(ctx, rec, row)
        pop = read_count(ctx, rec, "penduduk", row)
        under5 = read_count(ctx, rec, "balita", row) if "balita" in table.frame.columns else None
        if vcode in seen:
            ctx.add("duplicate_code", row, "kode_desa", value=vcode, other_row=seen[vcode])
            continue
        if vcode:
            seen[vcode] = row
        if vcode and pop is not None:
            out.append((vcode, pop, under5))
    raise_if_errors(report)
    frame = pd.DataFrame(out, columns=["kode_desa", "penduduk", "balita"])
    frame.attrs["synthetic"] = table.synthetic
    return Loaded(frame, report, match_report(ctx))


# ------------------------------------------------------------------ totals per village (CLI input)
_CHILD_COLUMNS = {"jk", "tgl_lahir", "tgl_ukur", "tinggi"}


def read_village_totals(path: Path | str, region: Region) -> tuple[pd.DataFrame, bool] | None:
    """Read a table of stunting totals per village (no month column).

    Parameters
    ----------
    path
        CSV or Excel with ``village_code, measured, stunted`` (or ``kode_desa,
        diukur, stunting`` and the other spellings of :mod:`ilp_dash.io.columns`);
        a village name + kecamatan may replace the code.
    region
        The region whose villages the rows are matched to.

    Returns
    -------
    ``(frame, synthetic)`` with columns ``kode_desa, diukur, stunting`` and whether the
    file is marked as synthetic sample data; ``None`` when the table has a month
    column or child rows (then :func:`load_stunting` reads it).

    Raises
    ------
    DataValidationError
        On missing columns, unknown villages, bad numbers or duplicate villages.
    """
    path = Path(path)
    report = ValidationReport()
    aliases = {**STUNTING_VILLAGE, **STUNTING_CHILD}
    table = read_table(path, aliases, report, item="desa", item_en="village")
    if table is None:
        raise_if_errors(report)
    cols = set(table.frame.columns)
    if "bulan" in cols or (cols & _CHILD_COLUMNS and "diukur" not in cols):
        return None
    found = ", ".join(f"'{c}'" for c in table.source_columns.values())
    for c in ("diukur", "stunting"):
        if c not in cols:
            report.add(
                "missing_column",
                file=table.file,
                row=table.header_row,
                field=c,
                found=found,
                aliases=", ".join(STUNTING_VILLAGE[c][:5]),
            )
    if not cols & {"kode_desa", "desa"}:
        report.add(
            "missing_one_of",
            file=table.file,
            row=table.header_row,
            what="desa",
            what_en="the village",
            options="kode_desa, desa",
        )
    raise_if_errors(report)
    ctx = RowContext(table, region, report, "stunting")
    out, seen = [], {}
    for rec, row in zip(table.frame.to_dict("records"), table.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        code, _ = match_village(ctx, rec, row)
        measured, stunted, usable = read_measured_stunted(ctx, rec, row)
        if not usable:
            continue
        if code in seen:
            ctx.add("duplicate_code", row, "kode_desa", value=code, other_row=seen[code])
            continue
        if code:
            seen[code] = row
        if code and measured is not None and stunted is not None:
            out.append((code, measured, stunted))
    raise_if_errors(report)
    return pd.DataFrame(out, columns=["kode_desa", "diukur", "stunting"]), table.synthetic


def stunting_totals(path: Path | str, region: Region) -> tuple[pd.DataFrame, bool]:
    """Stunting counts per village from a table of totals, a village × month table or child rows.

    Totals are read by :func:`read_village_totals`; the other two shapes by
    :func:`load_stunting` (one row per village and month: several rows of a
    village are left for the caller to sum). Returns ``(frame, synthetic)``,
    the frame with columns ``kode_desa, diukur, stunting``; raises
    ``DataValidationError`` on invalid tables.
    """
    totals = read_village_totals(path, region)
    if totals is not None:
        return totals
    loaded = load_stunting(path, region)
    return loaded.data[["kode_desa", "diukur", "stunting"]], bool(
        loaded.data.attrs.get("synthetic")
    )
