"""Kemendagri regency codes as a user types them, and regency names as the app shows them.

A regency or city code has two parts, ``PP.KK`` (``64.74`` Kota Bontang);
``6474`` is read the same. A province (``64``), kecamatan (``64.74.01``) or
village code (``64.74.01.1001``) is refused with the regency code to use.
"""

from __future__ import annotations

import re

from ilp_dash.io.problems import ValidationReport

# the 38 province codes of Kepmendagri No 300.2.2-2430 Tahun 2025 (the source has one kab file each)
PROVINCES = (
    "11 12 13 14 15 16 17 18 19 21 31 32 33 34 35 36 51 52 53 61 62 63 64 65 "
    "71 72 73 74 75 76 81 82 91 92 93 94 95 96"
).split()
_LEVELS = {1: "provinsi", 3: "kecamatan", 4: "desa/kelurahan"}
_LEVELS_EN = {1: "province", 3: "kecamatan (district)", 4: "village"}


def check_region_code(value: str, report: ValidationReport, file: str = "--region") -> str | None:
    """``value`` as a regency code ``PP.KK`` (``6474`` is read as ``64.74``), or None with a problem."""
    text = str(value).strip()
    if re.fullmatch(r"\d+", text) and len(text) in (2, 4, 6, 10):
        cuts = {2: [2], 4: [2, 2], 6: [2, 2, 2], 10: [2, 2, 2, 4]}[len(text)]
        parts, i = [], 0
        for n in cuts:
            parts.append(text[i : i + n])
            i += n
        text = ".".join(parts)
    if not re.fullmatch(r"\d\d(\.\d\d(\.\d\d(\.\d{4})?)?)?", text):
        report.add("region_code_bad", file=file, value=value)
        return None
    parts = text.split(".")
    if parts[0] not in PROVINCES:
        report.add("region_province_unknown", file=file, value=value, prov=parts[0])
        return None
    if len(parts) != 2:
        suggest = f"{parts[0]}.KK" if len(parts) == 1 else ".".join(parts[:2])
        level = len(parts)
        report.add(
            "region_code_level",
            file=file,
            value=value,
            level=_LEVELS[level],
            level_en=_LEVELS_EN[level],
            suggest=suggest,
        )
        return None
    return text


def regency_name(nama: str) -> str:
    """ "Kota …" when the source names a city (``KOTA BONTANG``, ``Kota Batu``), else "Kabupaten …"."""
    name = " ".join(str(nama).split())
    if name.isupper():
        name = name.title()
    low = name.lower()
    if low.startswith("kota "):
        return "Kota " + name[5:].strip()
    for prefix in ("kabupaten ", "kab. ", "kab "):
        if low.startswith(prefix):
            return "Kabupaten " + name[len(prefix) :].strip()
    return "Kabupaten " + name
