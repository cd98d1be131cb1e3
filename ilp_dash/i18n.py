"""Bahasa Indonesia first, English on request: text pairs and number formats.

Every screen writes its words as pairs, ``tr(lang, "Desa", "Villages")``, next
to where they are used; there is no separate catalogue to fall out of step.
Numbers follow the language: ``1.234,5`` in Indonesian, ``1,234.5`` in English.
"""

from __future__ import annotations

import math

LANGS = ("id", "en")
DEFAULT = "id"
MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def valid_lang(lang: str | None) -> str:
    return lang if lang in LANGS else DEFAULT


def tr(lang: str, text_id: str, text_en: str) -> str:
    """The text in ``lang`` (Indonesian unless ``lang == "en"``)."""
    return text_en if lang == "en" else text_id


def number(value: float | None, lang: str, decimals: int = 0) -> str:
    """``1234.5`` → ``1.234,5`` (id) or ``1,234.5`` (en); ``–`` for missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "–"
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float | None, lang: str, decimals: int = 0) -> str:
    return "–" if value is None or not math.isfinite(value) else number(value, lang, decimals) + "%"


def signed(value: float, lang: str, decimals: int = 0) -> str:
    """With an explicit sign: ``+12``, ``−3``, ``±0``."""
    if round(value, decimals) == 0:
        return "±0"
    text = number(abs(value), lang, decimals)
    return ("+" if value > 0 else "−") + text


def month_name(month: str, lang: str) -> str:
    """``2025-05`` → ``Mei 2025`` / ``May 2025``; a year-only period ``2024`` → ``tahun 2024`` / ``year 2024``."""
    if isinstance(month, str) and len(month) == 4 and month.isdigit():
        return tr(lang, f"tahun {month}", f"year {month}")
    try:
        year, m = month.split("-")
        names = MONTHS_EN if lang == "en" else MONTHS_ID
        return f"{names[int(m) - 1]} {year}"
    except (ValueError, IndexError, AttributeError):
        return str(month)
