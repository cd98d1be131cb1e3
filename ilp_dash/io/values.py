"""Parse the values people type into registers: counts, yes/no, months and dates."""

from __future__ import annotations

import re
from datetime import date, datetime

MONTHS_ID = {
    "jan": 1,
    "januari": 1,
    "january": 1,
    "feb": 2,
    "februari": 2,
    "february": 2,
    "peb": 2,
    "mar": 3,
    "maret": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "juni": 6,
    "june": 6,
    "jul": 7,
    "juli": 7,
    "july": 7,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "agustus": 8,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "okt": 10,
    "oktober": 10,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "nopember": 11,
    "november": 11,
    "des": 12,
    "desember": 12,
    "dec": 12,
    "december": 12,
}
_YES = {"ya", "y", "yes", "1", "true", "benar", "sudah", "ilp", "v", "✓"}
_NO = {"tidak", "tdk", "t", "no", "n", "0", "false", "belum", "bukan", "-", ""}


def parse_count(text: str) -> int:
    """A whole non-negative-or-negative number; ``'1.139'`` (thousands dot) is 1139."""
    s = str(text).strip().replace(" ", "")
    if re.fullmatch(r"-?\d+", s):
        return int(s)
    if re.fullmatch(r"-?\d{1,3}([.,]\d{3})+", s):
        return int(re.sub(r"[.,]", "", s))
    if re.fullmatch(r"-?\d+\.0+", s):
        return int(float(s))
    raise ValueError(s)


def parse_yes_no(text: str) -> bool:
    s = str(text).strip().lower()
    if s in _YES:
        return True
    if s in _NO:
        return False
    raise ValueError(s)


_EXCEL_EPOCH = date(1899, 12, 30)  # Excel's day 0 (its 1900 leap-year bug folded in)
_SERIAL_RANGE = (32874, 73051)  # 1990-01-01 .. 2100-01-01 as Excel serial numbers


def excel_serial(text: str) -> date | None:
    """``'45778'`` or ``'45778.0'`` (an Excel date stored as a number) → 2025-05-01; else ``None``."""
    m = re.fullmatch(r"(\d{5})(?:\.0+)?", str(text).strip())
    if not m or not _SERIAL_RANGE[0] <= int(m[1]) <= _SERIAL_RANGE[1]:
        return None
    return date.fromordinal(_EXCEL_EPOCH.toordinal() + int(m[1]))


def parse_month(text: str) -> str:
    """A month in any common spelling → ``'YYYY-MM'``.

    ``'2024-06'``, ``'2024/06'``, ``'06/2024'``, ``'202406'``, ``'Juni 2024'``,
    ``'Jun-24'``, ``'June 2024'``, a date (``'2024-06-01'``, ``'17/06/2024'``,
    ``'17 Juni 2024'``) or an Excel serial date (``'45444'``).
    """
    s = str(text).strip().lower()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", s)
    if m:
        y, mo = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{4})", s):
        y, mo = int(m[2]), int(m[1])
    elif m := re.fullmatch(r"(\d{4})(\d{2})", s):
        y, mo = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([a-z]+)[\s\-/.,]*'?(\d{2}|\d{4})", s):
        if m[1] not in MONTHS_ID:
            raise ValueError(s)
        mo = MONTHS_ID[m[1]]
        y = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
    else:
        day = excel_serial(s)
        if day is None:
            try:
                day = parse_date(s)
            except ValueError:
                raise ValueError(s) from None
        y, mo = day.year, day.month
    if not (1 <= mo <= 12 and 1990 <= y <= 2100):
        raise ValueError(s)
    return f"{y:04d}-{mo:02d}"


def parse_year(text: str) -> str:
    """``'2024'`` or ``'2024.0'`` → ``'2024'`` (1990–2100)."""
    m = re.fullmatch(r"(\d{4})(?:\.0+)?", str(text).strip())
    if not m or not 1990 <= int(m[1]) <= 2100:
        raise ValueError(text)
    return m[1]


def month_of_year(month: str, year: str) -> str:
    """A month written apart from its year: ``('Desember', '2024')`` or ``('12', '2024')`` → ``'2024-12'``.

    A month that carries its own year (``'Des 2024'``, ``'2024-12'``) is read
    as it is when it agrees with ``year``; a disagreement raises ``ValueError``.
    """
    m, y = str(month).strip().lower().rstrip("."), parse_year(year)
    if m in MONTHS_ID:
        return f"{y}-{MONTHS_ID[m]:02d}"
    if re.fullmatch(r"\d{1,2}(?:\.0+)?", m) and 1 <= int(float(m)) <= 12:
        return f"{y}-{int(float(m)):02d}"
    full = parse_month(m)
    if full[:4] != y:
        raise ValueError(month)
    return full


def parse_date(text: str) -> date:
    """ISO dates, day-first ``17/03/2022`` or ``17-03-2022``, or ``17 Maret 2022``."""
    s = str(text).strip().lower()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", s)
    if m:
        return date(int(m[1]), int(m[2]), int(m[3]))
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", s)
    if m:
        return date(int(m[3]), int(m[2]), int(m[1]))
    m = re.fullmatch(r"(\d{1,2})\s+([a-z]+)\s+(\d{4})", s)
    if m and m[2] in MONTHS_ID:
        return date(int(m[3]), MONTHS_ID[m[2]], int(m[1]))
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        raise ValueError(s) from None


def parse_float(text: str) -> float:
    s = str(text).strip().replace(" ", "").replace("\u2212", "-")  # a typographic minus
    if re.fullmatch(r"-?\d+,\d+", s):
        s = s.replace(",", ".")
    return float(s)
