"""Stunting counts per village and period, as offices export them.

Read by :func:`ilp_dash.io.stunting.load_stunting` for every table that is not
child rows: a hand-made ``kode_desa, bulan, diukur, stunting`` table, the
SIGIZI/e-PPGBM monthly recap by kelurahan (``Bulan`` = ``Desember`` with a
``Tahun`` column, ``Balita_Diukur_PB_TB``, ``Jml_Balita_Stunting`` and dozens
of indicator columns) and the open-data tables (``kemendagri_kode_desa_kelurahan``,
``jumlah_balita_stunting``, ``satuan``, ``tahun``).

Rules:

* **Period.** ``bulan`` in any spelling of :func:`~ilp_dash.io.values.parse_month`,
  or a month name/number with ``tahun``; ``periode`` as a month or a year; a
  table with only ``tahun`` is **yearly**: its period is the year itself
  (``"2024"``), no month is invented (frame ``attrs["period"] == "year"``;
  screens show "tahun 2024").
* **Rows not yet reported** (every count empty: the export's future months)
  are skipped, named in one warning. A row with one count filled and the
  other empty is an error.
* **Counts only.** A yearly or open-data table (one with ``satuan``) may carry
  stunted children without children measured: ``diukur`` is then missing
  (``<NA>``) and ``attrs["measured"]`` is ``False``; such counts are shown as
  counts, never divided into a prevalence. A monthly table without ``diukur``
  stays an error (a recap always has it; the column is then misnamed).
* **Province-wide tables.** When a table's village codes span several
  regencies, rows of the other regencies are skipped with one warning.
"""

from __future__ import annotations

import re

import pandas as pd

from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.rows import RowContext, match_village, read_count
from ilp_dash.io.values import month_of_year, parse_month, parse_year

COLUMNS = ["kode_desa", "bulan", "diukur", "stunting"]
PERIOD_COLUMNS = ("bulan", "periode", "tahun")
USED = {"kode_desa", "desa", "kecamatan", "diukur", "stunting", "satuan", *PERIOD_COLUMNS}
COUNT_UNITS = {"", "orang", "jiwa", "balita", "anak", "kasus", "jumlah", "org"}
EXAMPLES = 10  # rows named in a grouped message


def row_list(rows: list[int], limit: int = EXAMPLES) -> str:
    """``[3, 4, 5, 9]`` → ``'3–5, 9'``; after ``limit`` runs, ``'… (+n)'``."""
    runs: list[list[int]] = []
    for r in sorted(rows):
        if runs and r == runs[-1][1] + 1:
            runs[-1][1] = r
        else:
            runs.append([r, r])
    text = [f"{a}–{b}" if b > a else str(a) for a, b in runs[:limit]]
    more = sum(b - a + 1 for a, b in runs[limit:])
    return ", ".join(text) + (f", … (+{more})" if more else "")


def counts_only_allowed(columns: set[str]) -> bool:
    """A table may lack children measured when it is yearly or an open-data table (``satuan``)."""
    return "bulan" not in columns or "satuan" in columns


def ignored_columns(table, used: set[str]) -> list[str]:
    """Header names of the columns a loader does not read."""
    return [
        table.source_columns.get(c, c)
        for c in table.frame.columns
        if c not in used and str(table.source_columns.get(c, "")).strip()
    ]


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


def _year(ctx: RowContext, text: str, row: int) -> str | None:
    try:
        return parse_year(text)
    except ValueError:
        ctx.add("bad_year", row, "tahun", value=text)
        return None


def read_period(ctx: RowContext, rec: dict, row: int) -> str | None:
    """The row's period, ``'YYYY-MM'`` or (yearly) ``'YYYY'``; problems reported."""
    cols = ctx.t.frame.columns
    month, period, year_text = rec.get("bulan", ""), rec.get("periode", ""), rec.get("tahun", "")
    col, text = ("bulan", month) if month else ("periode", period)
    if not text:
        missing = next((c for c in PERIOD_COLUMNS if c in cols), "bulan")
        if "bulan" in cols or not year_text:
            ctx.add("missing_value", row, missing, field=ctx.col.get(missing, missing))
            return None
        return _year(ctx, year_text, row)
    year = _year(ctx, year_text, row) if year_text else None
    if year_text and year is None:
        return None
    if col == "periode" and re.fullmatch(r"\d{4}(?:\.0+)?", text):
        own = _year(ctx, text, row)
        if own and year and own != year:
            ctx.add("month_year_disagree", row, col, value=text, year=year)
            return None
        return own
    try:
        return month_of_year(text, year) if year else parse_month(text)
    except ValueError:
        try:
            parse_month(text)
        except ValueError:
            ctx.add("bad_month", row, col, value=text)
        else:
            ctx.add("month_year_disagree", row, col, value=text, year=year)
        return None


def _other_regency_rows(ctx: RowContext) -> dict[int, str]:
    """Rows whose village code names another regency, when the table spans several."""
    own = ctx.region.code.replace(".", "")
    prefixes = {}
    for rec, row in zip(ctx.t.frame.to_dict("records"), ctx.t.rows):
        digits = re.sub(r"\D", "", (rec.get("kode_desa") or "").strip())
        if len(digits) >= 10:
            prefixes[row] = digits[:4]
    if len(set(prefixes.values())) < 2 or own not in prefixes.values():
        return {}
    return {row: f"{p[:2]}.{p[2:]}" for row, p in prefixes.items() if p != own}


def _check_units(ctx: RowContext) -> None:
    if "satuan" not in ctx.t.frame.columns:
        return
    seen = set()
    for rec, row in zip(ctx.t.frame.to_dict("records"), ctx.t.rows):
        unit = (rec.get("satuan") or "").strip()
        if unit.lower() not in COUNT_UNITS and unit.lower() not in seen:
            seen.add(unit.lower())
            ctx.add("unit_not_count", row, "satuan", value=unit)


def village_rows(ctx: RowContext, report: ValidationReport, *, counts_only: bool) -> pd.DataFrame:
    """``kode_desa, bulan, diukur, stunting`` of a village table (see the module rules)."""
    _check_units(ctx)
    other = _other_regency_rows(ctx)
    out, seen, empty = [], {}, []
    for rec, row in zip(ctx.t.frame.to_dict("records"), ctx.t.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        if not rec.get("stunting") and not rec.get("diukur"):
            empty.append(row)
            continue
        if row in other:
            continue
        vcode, _ = match_village(ctx, rec, row)
        period = read_period(ctx, rec, row)
        if counts_only:
            measured, stunted, usable = None, read_count(ctx, rec, "stunting", row), True
        else:
            measured, stunted, usable = read_measured_stunted(ctx, rec, row)
        if not usable or not (vcode and period):
            continue
        key = (vcode, period)
        if key in seen:
            col = "bulan" if "bulan" in ctx.t.frame.columns else "tahun"
            village = ctx.matcher.names[vcode]
            ctx.add(
                "duplicate_village_month",
                row,
                col,
                village=village,
                month=period,
                other_row=seen[key],
            )
            continue
        seen[key] = row
        if stunted is not None and (counts_only or measured is not None):
            out.append((vcode, period, measured, stunted))
    if other:
        codes = ", ".join(sorted(set(other.values())))
        rows = row_list(list(other))
        report.add(
            "rows_other_region",
            file=ctx.file,
            severity="warning",
            n=len(other),
            codes=codes,
            rows=rows,
        )
    if empty:
        rows = row_list(empty)
        report.add("rows_not_reported", file=ctx.file, severity="warning", n=len(empty), rows=rows)
    if len(empty) == len(ctx.t.rows):
        report.add("nothing_reported", file=ctx.file)
    frame = pd.DataFrame(out, columns=COLUMNS)
    frame["diukur"] = frame["diukur"].astype("Int64" if counts_only else int)
    frame["stunting"] = frame["stunting"].astype(int)
    return frame


def note_period(frame: pd.DataFrame, report: ValidationReport, file: str) -> str:
    """``'year'`` when every period is a year (said once), else ``'month'``."""
    periods = frame["bulan"].astype(str)
    if len(periods) and periods.str.fullmatch(r"\d{4}").all():
        report.add(
            "stunting_yearly", file=file, severity="info", years=", ".join(sorted(set(periods)))
        )
        return "year"
    return "month"
