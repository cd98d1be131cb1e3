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


def parse_month(text: str) -> str:
    """``'2024-06'``, ``'06/2024'``, ``'Juni 2024'``, ``'2024-06-01'`` → ``'2024-06'``."""
    s = str(text).strip().lower()
    m = re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", s)
    if m:
        y, mo = int(m[1]), int(m[2])
    else:
        m = re.fullmatch(r"(\d{1,2})[-/.](\d{4})", s)
        if m:
            y, mo = int(m[2]), int(m[1])
        else:
            m = re.fullmatch(r"([a-z]+)[\s\-/]*'?(\d{2}|\d{4})", s)
            if not m or m[1] not in MONTHS_ID:
                raise ValueError(s)
            mo = MONTHS_ID[m[1]]
            y = int(m[2]) + (2000 if len(m[2]) == 2 else 0)
    if not (1 <= mo <= 12 and 1990 <= y <= 2100):
        raise ValueError(s)
    return f"{y:04d}-{mo:02d}"


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
    s = str(text).strip().replace(" ", "")
    if re.fullmatch(r"-?\d+,\d+", s):
        s = s.replace(",", ".")
    return float(s)
