"""Stunting from child rows (e-PPGBM style): scored with WHO 2006, then counted per village and month.

Read by :func:`ilp_dash.io.stunting.load_stunting` when a table has sex, birth
date and height but no children-measured count.

* **Privacy.** Only the columns needed to score a child are kept; every other
  column — ``NIK``, ``Nama``, ``Alamat``, ``RT``/``RW``, the parents' names —
  is dropped as soon as the table is read (:func:`keep_needed_columns`), so
  those values never reach a frame, a problem text, a log or a screen. The
  info note names the dropped *headers* only.
* **Scoring.** Each row gets a WHO 2006 height-for-age z-score
  (:mod:`ilp_dash.io.growth`); stunted = HAZ < −2. Rows are aggregated to
  village × month and **not kept**.
* **The export's own z-score** (``ZS TB/U``), when present, is compared with
  ours; differences above :data:`~ilp_dash.io.growth.ZSCORE_TOLERANCE` are
  listed in one warning by row number (never by name). Ours is used.
"""

from __future__ import annotations

import pandas as pd

from ilp_dash.io.columns import PERSONAL
from ilp_dash.io.growth import (
    IMPLAUSIBLE_ABS,
    MAX_AGE_DAYS,
    STUNTED_BELOW,
    ZSCORE_TOLERANCE,
    age_in_days,
    haz,
)
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.rows import RowContext, match_village
from ilp_dash.io.stunting_village import COLUMNS, EXAMPLES
from ilp_dash.io.tables import Table, norm_header
from ilp_dash.io.values import parse_date, parse_float

NEEDED = (
    "kode_desa",
    "desa",
    "kecamatan",
    "jk",
    "tgl_lahir",
    "tgl_ukur",
    "tinggi",
    "cara_ukur",
    "zs_tbu",
)
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


def keep_needed_columns(table: Table, report: ValidationReport) -> None:
    """Drop every column not needed to score a child (in place); say which, by header only."""
    personal = [
        h for c, h in table.source_columns.items() if c not in NEEDED and norm_header(h) in PERSONAL
    ]
    other = [
        h
        for c, h in table.source_columns.items()
        if c not in NEEDED and norm_header(h) not in PERSONAL and str(h).strip()
    ]
    table.frame = table.frame[[c for c in table.frame.columns if c in NEEDED]].copy()
    table.source_columns = {c: h for c, h in table.source_columns.items() if c in NEEDED}
    if personal:
        report.add(
            "personal_columns_dropped", file=table.file, severity="info", names=", ".join(personal)
        )
    if other:
        names = ", ".join(other)
        report.add("columns_ignored", file=table.file, severity="info", n=len(other), names=names)


def _read_row(ctx: RowContext, rec: dict, row: int):
    """``(sex, birth, measured, height, position)`` or ``None`` with the problems reported."""
    n_err = len(ctx.report.errors)
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
    pos_txt = rec.get("cara_ukur", "")
    position = _POSITION.get(pos_txt.lower()) if pos_txt else None
    if pos_txt and position is None:
        ctx.add("bad_position", row, "cara_ukur", value=pos_txt)
    if len(ctx.report.errors) > n_err:
        return None
    return sex, dates["tgl_lahir"], dates["tgl_ukur"], height, position


def _compare(report: ValidationReport, file: str, differ: list, compared: int) -> None:
    if not differ:
        return
    shown = differ[:EXAMPLES]
    report.add(
        "zscore_disagrees",
        file=file,
        severity="warning",
        tolerance=f"{ZSCORE_TOLERANCE:.2f}",
        n=len(differ),
        compared=compared,
        examples=", ".join(
            f"baris {r}: {theirs:.2f} / WHO {ours:.2f}" for r, theirs, ours in shown
        ),
        examples_en=", ".join(
            f"row {r}: {theirs:.2f} vs WHO {ours:.2f}" for r, theirs, ours in shown
        ),
    )


def child_rows(ctx: RowContext, report: ValidationReport) -> pd.DataFrame:
    """Village × month counts from child rows (see the module rules)."""
    measured: list[tuple[str, str, bool]] = []
    differ, compared = [], 0
    for rec, row in zip(ctx.t.frame.to_dict("records"), ctx.t.rows):
        rec = {k: (v or "").strip() for k, v in rec.items()}
        vcode, _ = match_village(ctx, rec, row)
        read = _read_row(ctx, rec, row)
        if read is None:
            continue
        sex, birth, when, height, position = read
        days = age_in_days(birth, when)
        if not 0 <= days <= MAX_AGE_DAYS:
            ctx.add(
                "age_out_of_range",
                row,
                "tgl_lahir",
                severity="warning",
                age_months=f"{days / 30.4375:.0f}",
            )
            continue
        z = haz(sex, birth, when, height, position)
        if z is None or abs(z) > IMPLAUSIBLE_ABS:
            z_text = "?" if z is None else f"{z:.1f}"
            ctx.add("haz_implausible", row, "tinggi", severity="warning", height=height, z=z_text)
            continue
        try:
            theirs = parse_float(rec["zs_tbu"]) if rec.get("zs_tbu") else None
        except ValueError:
            theirs = None
        if theirs is not None:
            compared += 1
            if abs(theirs - z) > ZSCORE_TOLERANCE:
                differ.append((row, theirs, z))
        measured.append((vcode, when.strftime("%Y-%m"), z < STUNTED_BELOW))
    _compare(report, ctx.file, differ, compared)
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
