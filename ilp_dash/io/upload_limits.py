"""What every upload check shares: the kinds of upload, the limits, and the refusal.

The checks themselves are in :mod:`ilp_dash.io.upload_guard` (names, sizes,
plain files, the entry point :func:`~ilp_dash.io.upload_guard.inspect_upload`)
and :mod:`ilp_dash.io.upload_archive` (``.zip`` and ``.xlsx``). A check ends the
inspection by raising :class:`Refused`, which carries the one problem to show.
"""

from __future__ import annotations

import re

from ilp_dash.io.dataset import FACILITY_KINDS
from ilp_dash.io.problems import Problem
from ilp_dash.io.upload_messages import FIX_ROWS, TYPES, thousands
from ilp_dash.io.upload_messages import problem as _problem

MAX_BYTES = 20 * 1024 * 1024
BOUNDARIES = "boundaries"
TABLE_KINDS: tuple[str, ...] = (*FACILITY_KINDS, "population", "stunting")
KINDS: tuple[str, ...] = (*TABLE_KINDS, BOUNDARIES)
TABLE_SUFFIXES = (".csv", ".xlsx")
# Facility registers may also come as GIS point layers (checked by content like boundaries).
POINT_SUFFIXES = (".geojson", ".gpkg", ".zip")
POINT_KINDS: tuple[str, ...] = ("posyandu", "pustu", "puskesmas", "hospitals")

KIND_LABELS: dict[str, tuple[str, str]] = {
    "posyandu": ("Posyandu", "Posyandu"),
    "pustu": ("Pustu", "Pustu"),
    "puskesmas": ("Puskesmas", "Puskesmas"),
    "hospitals": ("Rumah sakit", "Hospitals"),
    "ambulances": ("Ambulans", "Ambulances"),
    "population": ("Penduduk", "Population"),
    "stunting": ("Stunting", "Stunting"),
    BOUNDARIES: ("Batas desa", "Village boundaries"),
}

# Rows a table may hold (header and title rows included). The largest regencies have ~4 million
# people, ~500 villages and ~4,000 Posyandu (about one per 1,000 people), so a register or a
# village population table of 100,000 rows is already 25x anything real. Stunting may come as
# e-PPGBM child rows: ~8% of 4 million are under five (~320,000 children); 2,000,000 rows hold
# six monthly weighings of the largest regency, or a whole year of a regency of ~2 million.
MAX_ROWS: dict[str, int] = {
    **{k: 100_000 for k in FACILITY_KINDS},
    "population": 100_000,
    "stunting": 2_000_000,
}

PK, SQLITE = b"PK\x03\x04", b"SQLite format 3\x00"

# first bytes: what a file looks like (Indonesian, English)
_SEEN = (
    (b"MZ", ("program Windows (.exe)", "a Windows program (.exe)")),
    (
        b"\xd0\xcf\x11\xe0",
        (
            "Excel lama (.xls) atau dokumen Office lama",
            "old Excel (.xls) or an old Office document",
        ),
    ),
    (b"%PDF", ("dokumen PDF", "a PDF document")),
    (PK, ("arsip zip atau dokumen Office", "a zip archive or an Office document")),
    (SQLITE, ("basis data SQLite", "an SQLite database")),
    (b"\xff\xfe", ("teks UTF-16 ('Unicode Text')", "UTF-16 text ('Unicode Text')")),
    (b"\xfe\xff", ("teks UTF-16 ('Unicode Text')", "UTF-16 text ('Unicode Text')")),
    (b"\x7fELF", ("program (ELF)", "a program (ELF)")),
    (b"\x89PNG", ("gambar PNG", "a PNG image")),
    (b"\xff\xd8\xff", ("gambar JPEG", "a JPEG image")),
    (b"Rar!", ("arsip RAR", "a RAR archive")),
    (b"7z\xbc\xaf", ("arsip 7-Zip", "a 7-Zip archive")),
)
HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<table)", re.IGNORECASE)


class Refused(Exception):
    """Carries the problem that ends the inspection."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def refuse(file: str, code: str, **params: object) -> Refused:
    """The refusal of ``file`` with the message ``code`` of :mod:`ilp_dash.io.upload_messages`."""
    return Refused(_problem(file, code, **params))


def member_name(name: str) -> str:
    """An archive member's name, shortened and without control characters, for a message."""
    text = re.sub(r"[\x00-\x1f\x7f]", "?", name)
    return text if len(text) <= 80 else text[:38] + "…" + text[-38:]


def _seen(content: bytes) -> tuple[str, str]:
    head = content[:64]
    for magic, (seen_id, seen_en) in _SEEN:
        if head.startswith(magic):
            return f" (isinya tampak seperti {seen_id})", f" (it looks like {seen_en})"
    if HTML.match(content[:1024]):
        return " (isinya tampak seperti halaman web, HTML)", " (it looks like a web page, HTML)"
    return "", ""


def mismatch(name: str, suffix: str, content: bytes) -> Refused:
    """The file's first bytes are not those of a ``suffix`` file (naming what they look like)."""
    type_id, type_en, fix_id, fix_en = TYPES[suffix]
    seen_id, seen_en = _seen(content)
    return refuse(
        name,
        "upload_content_mismatch",
        type_id=type_id,
        type_en=type_en,
        seen_id=seen_id,
        seen_en=seen_en,
        fix_id=fix_id,
        fix_en=fix_en,
    )


def damaged(name: str, detail_id: str, detail_en: str) -> Refused:
    """The file is damaged; the details say how, in both languages."""
    return refuse(name, "upload_damaged", detail_id=detail_id, detail_en=detail_en)


def too_many_rows(name: str, kind: str, found: int, where: tuple[str, str] = ("", "")) -> Refused:
    """More rows than :data:`MAX_ROWS` allows for ``kind``; ``where`` names the sheet."""
    label_id, label_en = KIND_LABELS[kind]
    (found_id, found_en), (limit_id, limit_en) = thousands(found), thousands(MAX_ROWS[kind])
    fix_id, fix_en = (
        t.format(label_id=label_id, label_en=label_en) for t in FIX_ROWS.get(kind, FIX_ROWS[""])
    )
    return refuse(
        name,
        "upload_too_many_rows",
        found_id=found_id,
        found_en=found_en,
        limit_id=limit_id,
        limit_en=limit_en,
        label_id=label_id,
        label_en=label_en.lower(),
        where_id=where[0],
        where_en=where[1],
        fix_id=fix_id,
        fix_en=fix_en,
    )
