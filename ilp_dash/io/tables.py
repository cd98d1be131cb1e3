"""Read the CSV and Excel tables people actually have.

Handles: UTF-8 or Windows-1252 text, comma/semicolon/tab separators, comment
lines starting with ``#`` above the table, title rows above the header (found
by looking for recognised column names), empty rows, and Indonesian or English
column names (mapped to one canonical name per field).
"""

from __future__ import annotations

import csv
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from ilp_dash.io.problems import ValidationReport

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx", ".xlsm")
HEADER_SEARCH_ROWS = 15


def norm_header(text: object) -> str:
    """``'Nama Posyandu '`` → ``'nama_posyandu'``; accents removed."""
    s = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", s.lower()).strip("_")


@dataclass
class Table:
    """A table read from a file: canonical column names, text values, spreadsheet rows."""

    file: str
    frame: pd.DataFrame
    rows: list[int]
    header_row: int
    source_columns: dict[str, str] = field(default_factory=dict)
    synthetic: bool = False

    def has(self, column: str) -> bool:
        return column in self.frame.columns


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_csv_rows(path: Path, report: ValidationReport) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        report.add("encoding_latin1", file=path.name, severity="warning")
    lines = text.splitlines()
    body = [ln for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    sample = "\n".join(body[:20])
    counts = {d: sample.count(d) for d in (";", "\t", ",")}
    # Prefer ';' or tab when present: a comma may be a decimal comma.
    delim = ";" if counts[";"] else ("\t" if counts["\t"] else ",")
    rows = []
    for ln in lines:
        if ln.lstrip().startswith("#"):
            rows.append(["#" + ln.lstrip().lstrip("#")])
        else:
            rows.append(next(csv.reader([ln], delimiter=delim)) if ln.strip() else [])
    return rows


def _read_xlsx_rows(path: Path) -> list[list[str]]:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        ws = wb.worksheets[0]
        return [[_cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        wb.close()


def read_rows(path: Path, report: ValidationReport, what: str = "tabel") -> list[list[str]] | None:
    """All rows of a CSV/XLSX file as text, or ``None`` with an error in ``report``."""
    if not path.exists():
        report.add("file_not_found", file=path.name)
        return None
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        report.add(
            "file_type",
            file=path.name,
            ext=suffix or "(tanpa akhiran)",
            what=what,
            what_en=what,
            allowed="CSV atau XLSX",
            allowed_en="CSV or XLSX",
        )
        return None
    if suffix in (".xlsx", ".xlsm"):
        try:
            return _read_xlsx_rows(path)
        except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
            broken = isinstance(exc, zipfile.BadZipFile)
            report.add(
                "file_unreadable",
                file=path.name,
                kind="XLSX",
                detail="bukan arsip XLSX yang utuh" if broken else type(exc).__name__,
                detail_en="not a complete XLSX archive" if broken else type(exc).__name__,
                fix="Buka dan simpan ulang berkas di Excel/LibreOffice sebagai XLSX.",
                fix_en="Open the file and save it again from Excel/LibreOffice as XLSX.",
            )
            return None
    return _read_csv_rows(path, report)


def read_table(
    path: Path,
    aliases: dict[str, list[str]],
    report: ValidationReport,
    *,
    item: str,
    item_en: str,
) -> Table | None:
    """Read a table and map its columns to canonical names.

    ``aliases`` maps each canonical column to the header spellings accepted for
    it (normalised with :func:`norm_header`). Returns ``None`` when the file
    cannot be used; the reason is in ``report``.
    """
    path = Path(path)
    rows = read_rows(path, report, what=item)
    if rows is None:
        return None
    lookup = {norm_header(a): canon for canon, names in aliases.items() for a in [canon, *names]}
    synthetic = any(
        r and ("SINTETIS" in " ".join(r).upper() or "SYNTHETIC" in " ".join(r).upper())
        for r in rows[:HEADER_SEARCH_ROWS]
    )
    data_like = [
        i for i, r in enumerate(rows) if any(c.strip() for c in r) and not r[0].startswith("#")
    ]
    if not data_like:
        report.add("file_empty", file=path.name, item=item, item_en=item_en)
        return None
    header_idx = None
    for i in data_like[:HEADER_SEARCH_ROWS]:
        hits = sum(1 for c in rows[i] if norm_header(c) in lookup)
        if hits >= 2 or (hits == 1 and len([c for c in rows[i] if c.strip()]) == 1):
            header_idx = i
            break
    if header_idx is None:
        example = ", ".join(list(aliases)[:4])
        report.add(
            "header_not_found",
            file=path.name,
            row=data_like[0] + 1,
            expected=", ".join(list(aliases)[:8]),
            example=example,
        )
        return None
    if header_idx != data_like[0]:
        report.add(
            "header_found_below",
            file=path.name,
            row=header_idx + 1,
            severity="info",
            header_row=header_idx + 1,
        )
    header = rows[header_idx]
    canon_cols: list[str] = []
    source: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    for j, h in enumerate(header):
        key = norm_header(h)
        canon = lookup.get(key)
        if canon is None:
            canon = f"_extra_{key or j}"
        seen.setdefault(canon, []).append(h)
        canon_cols.append(canon)
        source.setdefault(canon, h)
    dup = [c for c, names in seen.items() if len(names) > 1 and not c.startswith("_extra_")]
    for c in dup:
        report.add(
            "duplicate_column",
            file=path.name,
            row=header_idx + 1,
            column=seen[c][1],
            field=c,
            names=", ".join(f"'{n}'" for n in seen[c]),
        )
    if dup:
        return None
    width = len(header)
    records, numbers = [], []
    for i in range(header_idx + 1, len(rows)):
        r = rows[i]
        if not r or r[0].startswith("#") or not any(c.strip() for c in r):
            continue
        r = (list(r) + [""] * width)[:width]
        records.append([c.strip() for c in r])
        numbers.append(i + 1)
    if not records:
        report.add("file_empty", file=path.name, item=item, item_en=item_en)
        return None
    frame = pd.DataFrame(records, columns=canon_cols, dtype=object)
    frame = frame.loc[:, ~pd.Index(canon_cols).duplicated()]
    return Table(path.name, frame, numbers, header_idx + 1, source, synthetic)
