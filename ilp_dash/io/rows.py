"""Row-by-row reading shared by the register loaders: village matching and counts.

Every village matched (or not) is kept in ``RowContext.matches``; :func:`match_report`
turns them into the report a planner reads: one line per distinct village name as
written, with its rows, how it matched and the official village, plus one line per
facility placed by its coordinates with the village it falls in.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cached_property

import pandas as pd

from ilp_dash.io.geodata import Region
from ilp_dash.io.matching import normalise_name
from ilp_dash.io.messages import render
from ilp_dash.io.placement import has_coast
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.tables import Table
from ilp_dash.io.values import parse_count

# How far outside a coastal regency a point may lie and still be accepted (km).
# Hospitals may serve from across a bay; a landlocked regency keeps DEFAULT_TOLERANCE_KM.
OUTSIDE_TOLERANCE_KM = {"hospitals": 30.0}
DEFAULT_TOLERANCE_KM = 1.0


class RowContext:
    """Shared state while reading the rows of one register."""

    def __init__(self, table: Table, region: Region, report: ValidationReport, kind: str):
        self.t = table
        self.region = region
        self.report = report
        self.kind = kind
        self.file = table.file
        self.matcher = region.matcher  # made once per region (io/geodata.Region)
        self.locator = region.locator
        self.col = {c: table.source_columns.get(c, c) for c in table.frame.columns}
        self.matches: list[dict] = []
        self._fuzzy: dict[tuple[str, str], tuple[int, list[int]]] = {}

    @cached_property
    def coast(self) -> bool:
        """Whether the region has a sea coast (:func:`ilp_dash.io.placement.has_coast`)."""
        return has_coast(self.region)

    @cached_property
    def tol(self) -> float:
        """How far outside the regency (km) a point of this kind is accepted."""
        if not self.coast:
            return DEFAULT_TOLERANCE_KM
        return OUTSIDE_TOLERANCE_KM.get(self.kind, DEFAULT_TOLERANCE_KM)

    def add(self, code: str, row: int, column: str | None = None, /, **kw) -> None:
        self.report.add(code, file=self.file, row=row, column=self.col.get(column, column), **kw)


def fmt(v: float) -> str:
    return f"{v:.5f}".rstrip("0").rstrip(".")


def _match(ctx: RowContext, rec: dict, row: int) -> tuple[str | None, str, float]:
    """Match the row's village; returns (code or None, method, score) and reports problems."""
    code, name, kec = rec.get("kode_desa", ""), rec.get("desa", ""), rec.get("kecamatan", "")
    if not code and not name:
        return None, "", 0.0
    m = ctx.matcher.match(code or None, name or None, kec or None)
    if m.method == "kode":
        if name:
            official = ctx.matcher.names[m.code]
            if normalise_name(official) != normalise_name(name):
                fuzzy = ctx.matcher.match(None, name, ctx.matcher.kec_names[m.code[:8]])
                if fuzzy.code != m.code:
                    ctx.add(
                        "village_code_name_mismatch",
                        row,
                        "desa",
                        severity="warning",
                        code=m.code,
                        code_name=official,
                        value=name,
                    )
                    return m.code, "kode (nama berbeda)", 100.0
        return m.code, "kode", 100.0
    if m.method == "bad_code":
        if name:  # fall back on the name
            m2 = ctx.matcher.match(None, name, kec or None)
            if m2.code:
                ctx.add(
                    "village_code_unknown",
                    row,
                    "kode_desa",
                    severity="warning",
                    value=code,
                    region=ctx.region.name,
                    example=ctx.region.villages["kode"].iloc[0],
                )
                return m2.code, m2.method, m2.score
        ctx.add(
            "village_code_unknown",
            row,
            "kode_desa",
            value=code,
            region=ctx.region.name,
            example=ctx.region.villages["kode"].iloc[0],
        )
        return None, "kode tidak dikenal", 0.0
    if m.code and kec and not m.kecamatan_known:
        ctx.add(
            "kecamatan_unknown",
            row,
            "kecamatan",
            severity="warning",
            value=kec,
            region=ctx.region.name,
            options=", ".join(sorted(ctx.matcher.kec_names.values())),
        )
    if m.method == "fuzzy":
        _fuzzy_warning(ctx, row, name, kec, m.code, m.score)
        return m.code, "fuzzy", m.score
    if m.method == "nama":
        return m.code, "nama", 100.0
    if m.method == "ambiguous":
        cands = ", ".join(
            f"{ctx.matcher.names[c]} (Kec. {ctx.matcher.kec_names[c[:8]]})" for c in m.candidates
        )
        ctx.add("village_ambiguous", row, "desa", value=name, candidates=cands)
        return None, "ambigu", m.score
    if kec and not m.kecamatan_known:
        ctx.add(
            "kecamatan_unknown",
            row,
            "kecamatan",
            value=kec,
            region=ctx.region.name,
            options=", ".join(sorted(ctx.matcher.kec_names.values())),
        )
        return None, "kecamatan tidak dikenal", 0.0
    kec_code = ctx.matcher.kecamatan_code(kec) if kec else None
    sugg = ", ".join(ctx.matcher.suggestions(name, kec_code))
    ctx.add(
        "village_unknown",
        row,
        "desa",
        value=name,
        region=ctx.region.name,
        in_kec=f" di Kecamatan {kec}" if kec else "",
        in_kec_en=f" in kecamatan {kec}" if kec else "",
        suggestions=sugg,
    )
    return None, "tidak cocok", 0.0


def _fuzzy_warning(ctx: RowContext, row: int, name: str, kec: str, code: str, score: float) -> None:
    """One warning per distinct name as written: the first row's, listing every row."""
    key = (normalise_name(name), normalise_name(kec))
    params = dict(value=name, name=ctx.matcher.names[code], code=code, score=f"{score:.0f}")
    if key not in ctx._fuzzy:
        ctx.add("village_fuzzy", row, "desa", severity="warning", **params)
        ctx._fuzzy[key] = (len(ctx.report.problems) - 1, [row])
        return
    index, rows = ctx._fuzzy[key]
    rows.append(row)
    msg = render("village_fuzzy_rows", n=len(rows), rows=", ".join(map(str, rows)), **params)
    ctx.report.problems[index] = replace(
        ctx.report.problems[index],
        message_id=msg.message_id,
        message_en=msg.message_en,
        fix_id=msg.fix_id,
        fix_en=msg.fix_en,
    )


def match_village(ctx: RowContext, rec: dict, row: int) -> tuple[str | None, bool]:
    """Match the row's village and record how; returns (code or None, had_village_info).

    Every attempt goes into ``ctx.matches`` (the match report).
    """
    code, method, score = _match(ctx, rec, row)
    if not method:
        return None, False
    ctx.matches.append(
        {
            "berkas": ctx.file,
            "baris": row,
            "kode_desa_tertulis": rec.get("kode_desa", ""),
            "desa_tertulis": rec.get("desa", ""),
            "kecamatan_tertulis": rec.get("kecamatan", ""),
            "cara": method,
            "skor": round(float(score), 1),
            "kode_desa": code,
            "desa": ctx.matcher.names.get(code) if code else None,
        }
    )
    return code, True


def record_point(ctx: RowContext, row: int, name: str, code: str | None, lon: float, lat: float):
    """Record a facility placed by its coordinates (no village written) in the match report."""
    ctx.matches.append(
        {
            "berkas": ctx.file,
            "baris": row,
            "kode_desa_tertulis": "",
            "desa_tertulis": "",
            "kecamatan_tertulis": "",
            "cara": "koordinat",
            "skor": None,
            "kode_desa": code,
            "desa": ctx.matcher.names.get(code) if code else None,
            "nama": name,
            "lintang": round(float(lat), 6),
            "bujur": round(float(lon), 6),
        }
    )


def read_count(ctx: RowContext, rec: dict, col: str, row: int) -> int | None:
    text = rec.get(col, "")
    if not text:
        return None
    try:
        v = parse_count(text)
    except ValueError:
        ctx.add("bad_number", row, col, value=text, example="12")
        return None
    if v < 0:
        ctx.add("negative_number", row, col, value=v)
        return None
    return v


MATCH_COLUMNS = [
    "berkas",
    "kode_desa_tertulis",
    "desa_tertulis",
    "kecamatan_tertulis",
    "jumlah_baris",
    "baris",
    "cara",
    "skor",
    "kode_desa",
    "desa",
    "nama",
    "lintang",
    "bujur",
]


def match_report(ctx: RowContext) -> pd.DataFrame:
    """How each village name was matched: one line per distinct name as written.

    Rows that wrote the same code, village and kecamatan share a line
    (``jumlah_baris`` rows, listed in ``baris``). A facility placed by its
    coordinates has a line of its own (``cara`` = ``koordinat``) with its
    name, its point (``lintang``, ``bujur``) and the village it falls in.
    """
    lines: dict[tuple, dict] = {}
    for m in ctx.matches:
        if m["cara"] == "koordinat":
            key: tuple = ("koordinat", m["baris"])
        else:
            key = (
                m["berkas"],
                m["kode_desa_tertulis"].strip(),
                normalise_name(m["desa_tertulis"]),
                normalise_name(m["kecamatan_tertulis"]),
            )
        line = lines.get(key)
        if line is None:
            lines[key] = {
                **{c: m.get(c) for c in MATCH_COLUMNS},
                "jumlah_baris": 1,
                "baris": str(m["baris"]),
            }
        else:
            line["jumlah_baris"] += 1
            line["baris"] += f"; {m['baris']}"
    return pd.DataFrame(list(lines.values()), columns=MATCH_COLUMNS)
