"""Stunting data: village counts per period, or child-level measurements.

Two shapes are accepted (found from the columns):

* **village table** — village (code or name + kecamatan), period, children
  measured, children stunted: hand-made tables, the SIGIZI/e-PPGBM monthly
  recap and the open-data tables (:mod:`ilp_dash.io.stunting_village`);
* **child rows** (e-PPGBM style) — sex, birth date, measurement date,
  length/height, position and village, scored with WHO 2006 and counted per
  village and month; names, NIK and addresses are dropped on reading
  (:mod:`ilp_dash.io.stunting_children`).

Both return a frame ``kode_desa, bulan, diukur, stunting`` with ``attrs``
``shape`` (``village``/``child``), ``period`` (``month``: ``bulan`` is
``YYYY-MM``; ``year``: ``bulan`` is the year ``YYYY``), ``measured`` (False:
counts only, ``diukur`` is ``<NA>`` and no prevalence may be computed) and
``synthetic``.

Totals per village without months (``kode_desa, diukur, stunting``), as the
``ilp-dash hotspots`` command accepts them, are read by :func:`read_village_totals`
and :func:`stunting_table`; :func:`month_rows` keeps one period of a table (the
latest month unless another is asked; months are never summed) and
:func:`stunting_totals` reads a file and keeps one period.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ilp_dash.io.columns import POPULATION, STUNTING_CHILD, STUNTING_VILLAGE
from ilp_dash.io.geodata import Region
from ilp_dash.io.problems import Loaded, ValidationReport, raise_if_errors
from ilp_dash.io.rows import RowContext, match_report, match_village, read_count
from ilp_dash.io.stunting_children import child_rows, keep_needed_columns
from ilp_dash.io.stunting_village import (
    COLUMNS,
    PERIOD_COLUMNS,
    USED,
    counts_only_allowed,
    ignored_columns,
    note_period,
    read_measured_stunted,
    village_rows,
)
from ilp_dash.io.tables import Table, read_table

__all__ = [
    "COLUMNS",
    "load_population",
    "load_stunting",
    "read_measured_stunted",
    "StuntingPeriodError",
    "month_rows",
    "read_village_totals",
    "stunting_table",
    "stunting_totals",
]


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


def _check_village_columns(report: ValidationReport, table: Table) -> bool:
    """Required columns of a village table; returns whether it holds counts only."""
    cols = set(table.frame.columns)
    counts_only = "diukur" not in cols and "stunting" in cols and counts_only_allowed(cols)
    _require(
        report, table, STUNTING_VILLAGE, ["stunting"] if counts_only else ["diukur", "stunting"]
    )
    if not cols & set(PERIOD_COLUMNS):
        found = ", ".join(f"'{c}'" for c in table.source_columns.values())
        report.add("missing_period", file=table.file, row=table.header_row, found=found)
    ignored = ignored_columns(table, USED)
    if ignored:
        names = ", ".join(ignored)
        report.add("columns_ignored", file=table.file, severity="info", n=len(ignored), names=names)
    if counts_only:
        report.add("stunting_counts_only", file=table.file, severity="warning")
    return counts_only


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
    counts_only = False
    if child:
        keep_needed_columns(table, report)
        _require(report, table, STUNTING_CHILD, ["jk", "tgl_lahir", "tgl_ukur", "tinggi"])
    else:
        counts_only = _check_village_columns(report, table)
    raise_if_errors(report)
    ctx = RowContext(table, region, report, "stunting")
    if child:
        frame = child_rows(ctx, report)
    else:
        frame = village_rows(ctx, report, counts_only=counts_only)
    raise_if_errors(report, match_report(ctx))
    frame = frame.sort_values(["kode_desa", "bulan"]).reset_index(drop=True)
    frame.attrs["synthetic"] = table.synthetic
    frame.attrs["shape"] = "child" if child else "village"
    frame.attrs["period"] = "month" if child else note_period(frame, report, table.file)
    frame.attrs["measured"] = not counts_only
    return Loaded(frame, report, match_report(ctx))


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
    if cols & set(PERIOD_COLUMNS) or (cols & _CHILD_COLUMNS and "diukur" not in cols):
        return None
    _require(report, table, STUNTING_VILLAGE, ("diukur", "stunting"))
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


class StuntingPeriodError(ValueError):
    """A month asked of a stunting table that does not have it (message in both languages)."""


def month_rows(table: pd.DataFrame, month: str | None = None) -> tuple[pd.DataFrame, str | None]:
    """The counts of one period of a stunting table: ``(rows, month)``.

    A village × month table (column ``bulan``) gives the rows of ``month``
    (``None``: the latest period in the table); months are never summed, as a
    village measured monthly would count each child once per month. A table
    without ``bulan`` (one row per village) is a single period and is returned
    as it is, with ``attrs["month"]`` (``None`` when unknown) as its month.
    Rows keep the columns ``kode_desa, diukur, stunting``.

    Raises
    ------
    StuntingPeriodError
        When ``month`` is not a period of the table (the message lists them), or
        a month is asked of a table without months.
    """
    cols = ["kode_desa", "diukur", "stunting"]
    if "bulan" not in table.columns:
        own = table.attrs.get("month")
        if month is not None and month != own:
            raise StuntingPeriodError(
                f"tabel stunting tanpa kolom bulan (satu periode): bulan {month} tidak dapat "
                f"dipilih / the stunting table has no month column (a single period): month "
                f"{month} cannot be chosen"
            )
        return table[cols].reset_index(drop=True), own
    periods = sorted(table["bulan"].astype(str).unique())
    if not periods:
        raise StuntingPeriodError("tabel stunting kosong / the stunting table is empty")
    chosen = periods[-1] if month is None else str(month).strip()
    if chosen not in periods:
        shown = ", ".join(periods if len(periods) <= 12 else [*periods[:3], "…", *periods[-3:]])
        raise StuntingPeriodError(
            f"bulan {chosen} tidak ada di tabel stunting (ada: {shown}) / month {chosen} is "
            f"not in the stunting table (it has: {shown})"
        )
    rows = table.loc[table["bulan"].astype(str) == chosen, cols].reset_index(drop=True)
    return rows, chosen


def stunting_table(path: Path | str, region: Region) -> tuple[pd.DataFrame, bool]:
    """A stunting file as read for one period: totals per village, or the village × month table.

    Totals (no month column) are read by :func:`read_village_totals` (columns
    ``kode_desa, diukur, stunting``); a village × month table or child rows by
    :func:`load_stunting` (columns ``kode_desa, bulan, diukur, stunting``, child
    rows counted per village and month). Returns ``(frame, synthetic)``; raises
    ``DataValidationError`` on invalid tables and on counts without children
    measured (no prevalence can be computed from them).
    """
    totals = read_village_totals(path, region)
    if totals is not None:
        return totals
    loaded = load_stunting(path, region)
    if not loaded.data.attrs.get("measured", True):
        report = ValidationReport()
        report.add("stunting_needs_measured", file=Path(path).name, column="diukur")
        raise_if_errors(report)
    return loaded.data, bool(loaded.data.attrs.get("synthetic"))


def stunting_totals(
    path: Path | str, region: Region, month: str | None = None
) -> tuple[pd.DataFrame, bool]:
    """Stunting counts per village of one period, from totals, a village × month table or child rows.

    The file is read by :func:`stunting_table`; of a table with months only
    ``month`` (``None``: the latest) is kept (:func:`month_rows`), never a sum of
    months. Returns ``(frame, synthetic)``, the frame with columns ``kode_desa,
    diukur, stunting`` and ``attrs["month"]``; raises ``DataValidationError`` on
    invalid tables and :class:`StuntingPeriodError` on a month the table lacks.
    """
    table, synthetic = stunting_table(path, region)
    rows, chosen = month_rows(table, month)
    rows.attrs["month"] = chosen
    return rows, synthetic
