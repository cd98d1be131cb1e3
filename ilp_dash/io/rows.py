"""Row-by-row reading shared by the register loaders: village matching and counts."""

from __future__ import annotations

import pandas as pd

from ilp_dash.io.coords import RegionLocator
from ilp_dash.io.geodata import Region
from ilp_dash.io.matching import VillageMatcher, normalise_name
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.tables import Table
from ilp_dash.io.values import parse_count

# How far outside the regency a point may lie and still be accepted (km).
# Hospitals may serve from a neighbouring regency.
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
        self.matcher = matcher_for(region)
        self.locator = locator_for(region)
        self.tol = OUTSIDE_TOLERANCE_KM.get(kind, DEFAULT_TOLERANCE_KM)
        self.col = {c: table.source_columns.get(c, c) for c in table.frame.columns}
        self.matches: list[dict] = []

    def add(self, code: str, row: int, column: str | None = None, /, **kw) -> None:
        self.report.add(code, file=self.file, row=row, column=self.col.get(column, column), **kw)


def matcher_for(region: Region) -> VillageMatcher:
    """The region's village matcher (made once per region object, see :attr:`Region.matcher`)."""
    return region.matcher


def locator_for(region: Region) -> RegionLocator:
    """The region's point locator (made once per region object, see :attr:`Region.locator`)."""
    return region.locator


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
        ctx.add(
            "village_fuzzy",
            row,
            "desa",
            severity="warning",
            value=name,
            name=ctx.matcher.names[m.code],
            code=m.code,
            score=f"{m.score:.0f}",
        )
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
    "baris",
    "kode_desa_tertulis",
    "desa_tertulis",
    "kecamatan_tertulis",
    "cara",
    "skor",
    "kode_desa",
    "desa",
]


def match_report(ctx: RowContext) -> pd.DataFrame:
    """What was matched how, and what did not match, one row per register row."""
    return pd.DataFrame(ctx.matches, columns=MATCH_COLUMNS)
