"""Checks an uploaded file must pass before any reader sees its bytes.

:func:`inspect_upload` refuses, each with a message and a fix in both
languages that name the file:

- files over :data:`MAX_BYTES`, of an unknown kind or of a type the loaders
  cannot read (``.xls``, a lone ``.shp``, ``.pdf`` …);
- files whose content is not what their name says (a program or a web page
  renamed ``.csv``, an old ``.xls`` renamed ``.xlsx``) — the type is told from
  the first bytes, not only from the name;
- archives (``.zip`` and ``.xlsx``, which is a zip) with members whose path
  leads out of the archive or that are links (zip-slip), that unpack far beyond
  their size (zip bomb), that hold other archives, that are locked with a
  password, that hold too many members, or that are damaged;
- workbooks with macros, with XML entity or DTD declarations, or whose sheets
  claim an absurd number of rows;
- CSV files with an absurd number of lines and GeoJSON files nested absurdly deep.

Nothing is written to disk: archives are read in memory with :mod:`zipfile`,
their sizes judged from the central directory first, and a member is only ever
read up to its declared size (which :mod:`zipfile` enforces) in small chunks.
"""

from __future__ import annotations

import io
import json
import re
import stat
import zipfile
import zlib
from pathlib import Path

import numpy as np
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_xml

from ilp_dash.io.dataset import BOUNDARY_SUFFIXES, FACILITY_KINDS
from ilp_dash.io.problems import Problem, ValidationReport
from ilp_dash.io.upload_messages import FIX_MEMBERS, FIX_ROWS, TYPES, thousands
from ilp_dash.io.upload_messages import problem as _problem

MAX_BYTES = 20 * 1024 * 1024
BOUNDARIES = "boundaries"
TABLE_KINDS: tuple[str, ...] = (*FACILITY_KINDS, "population", "stunting")
KINDS: tuple[str, ...] = (*TABLE_KINDS, BOUNDARIES)
TABLE_SUFFIXES = (".csv", ".xlsx")

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
MAX_MEMBERS = {".zip": 200, ".xlsx": 1000}
MAX_UNPACKED = 200 * 1024 * 1024  # all members of an archive together, as declared
MAX_RATIO = 100  # unpacked / packed size of one member …
RATIO_FLOOR = 1024 * 1024  # … judged only for members unpacking to more than this
MAX_JSON_DEPTH = 64
JSON_PARSE_BYTES = 5 * 1024 * 1024  # GeoJSON up to this size is parsed once to find damage early
MIN_ROW_BYTES = 10  # the shortest sheet row, <row r="1"/>, is 12 bytes
CHUNK = 1024 * 1024
ARCHIVE_SUFFIXES = (".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".jar", ".kmz")
OFFICE_SUFFIXES = (
    ".xlsx",
    ".docx",
    ".pptx",
    ".ods",
    ".odt",
    ".bin",
)  # zip containers never opened here

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
_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html|<\?xml[^>]*>\s*<html|<table)", re.IGNORECASE)
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d+)(?::[A-Z]*(\d+))?\"")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_XML_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


class _Refused(Exception):
    """Carries the problem that ends the inspection."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _refuse(file: str, code: str, **params: object) -> _Refused:
    return _Refused(_problem(file, code, **params))


def _member(name: str) -> str:
    """An archive member's name, shortened and without control characters, for a message."""
    text = re.sub(r"[\x00-\x1f\x7f]", "?", name)
    return text if len(text) <= 80 else text[:38] + "…" + text[-38:]


def _seen(content: bytes) -> tuple[str, str]:
    head = content[:64]
    for magic, (seen_id, seen_en) in _SEEN:
        if head.startswith(magic):
            return f" (isinya tampak seperti {seen_id})", f" (it looks like {seen_en})"
    if _HTML.match(content[:1024]):
        return " (isinya tampak seperti halaman web, HTML)", " (it looks like a web page, HTML)"
    return "", ""


def _mismatch(name: str, suffix: str, content: bytes) -> _Refused:
    type_id, type_en, fix_id, fix_en = TYPES[suffix]
    seen_id, seen_en = _seen(content)
    return _refuse(
        name,
        "upload_content_mismatch",
        type_id=type_id,
        type_en=type_en,
        seen_id=seen_id,
        seen_en=seen_en,
        fix_id=fix_id,
        fix_en=fix_en,
    )


def _damaged(name: str, detail_id: str, detail_en: str) -> _Refused:
    return _refuse(name, "upload_damaged", detail_id=detail_id, detail_en=detail_en)


def _too_many_rows(name: str, kind: str, found: int, where: tuple[str, str] = ("", "")) -> _Refused:
    label_id, label_en = KIND_LABELS[kind]
    (found_id, found_en), (limit_id, limit_en) = thousands(found), thousands(MAX_ROWS[kind])
    fix_id, fix_en = (
        t.format(label_id=label_id, label_en=label_en) for t in FIX_ROWS.get(kind, FIX_ROWS[""])
    )
    return _refuse(
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


# ------------------------------------------------------------------ names and sizes
def check_name(kind: str | None, filename: str, size: int) -> ValidationReport:
    """Problems told from the name and size alone: too large, unknown kind, a type the loaders cannot read."""
    report = ValidationReport()
    suffix = Path(filename).suffix.lower()
    if size > MAX_BYTES:
        mb_id, mb_en = (f"{size / 1024 / 1024:.1f}".replace(".", ","), f"{size / 1024 / 1024:.1f}")
        report.problems.append(
            _problem(
                filename,
                "upload_too_large",
                mb_id=mb_id,
                mb_en=mb_en,
                limit=MAX_BYTES // (1024 * 1024),
            )
        )
        return report
    if kind not in KINDS:
        report.problems.append(_problem(filename, "upload_kind_unknown", name=filename))
        return report
    label_id, label_en = KIND_LABELS[kind]
    if kind != BOUNDARIES and suffix == ".xls":
        report.problems.append(_problem(filename, "upload_old_excel"))
    elif kind == BOUNDARIES and suffix == ".shp":
        report.problems.append(_problem(filename, "upload_lone_shp"))
    elif kind == BOUNDARIES and suffix not in BOUNDARY_SUFFIXES:
        report.add(
            "file_type",
            file=filename,
            ext=suffix or "(tanpa akhiran)",
            what=label_id.lower(),
            what_en=label_en.lower(),
            allowed="Shapefile dalam .zip, GeoPackage (.gpkg) atau GeoJSON (.geojson/.json)",
            allowed_en="a zipped Shapefile (.zip), GeoPackage (.gpkg) or GeoJSON (.geojson/.json)",
        )
    elif kind != BOUNDARIES and suffix not in TABLE_SUFFIXES:
        report.add(
            "file_type",
            file=filename,
            ext=suffix or "(tanpa akhiran)",
            what=label_id,
            what_en=label_en,
            allowed="CSV (.csv) atau Excel (.xlsx)",
            allowed_en="CSV (.csv) or Excel (.xlsx)",
        )
    return report


# ------------------------------------------------------------------ plain files
def _check_csv(name: str, kind: str, content: bytes) -> None:
    head = content[: 64 * 1024]
    if b"\x00" in head or _HTML.match(head[:1024]):
        raise _mismatch(name, ".csv", content)
    lines = max(content.count(b"\n"), content.count(b"\r"))
    lines += 1 if content and not content.endswith((b"\n", b"\r")) else 0
    if lines > MAX_ROWS[kind]:
        raise _too_many_rows(name, kind, lines)


def json_depth(content: bytes) -> int:
    """How deeply the arrays and objects of a JSON text nest (strings skipped), without parsing it."""
    text = np.frombuffer(_JSON_STRING.sub(b'""', content), dtype=np.uint8)
    opening = (text == ord("[")) | (text == ord("{"))
    where = np.flatnonzero(opening | (text == ord("]")) | (text == ord("}")))
    steps = np.where(opening[where], 1, -1).astype(np.int32)
    return int(np.cumsum(steps).max(initial=0))


def _check_geojson(name: str, content: bytes) -> None:
    body = content[3:] if content.startswith(b"\xef\xbb\xbf") else content
    if not body.lstrip(b" \t\r\n").startswith(b"{"):
        raise _mismatch(name, ".geojson", content)
    depth = json_depth(body)
    if depth > MAX_JSON_DEPTH:
        raise _damaged(
            name,
            f"data bersarang {depth} tingkat, batasnya {MAX_JSON_DEPTH}",
            f"the data nests {depth} levels deep, the limit is {MAX_JSON_DEPTH}",
        )
    if len(body) <= JSON_PARSE_BYTES:
        try:
            json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise _damaged(
                name, f"JSON tidak utuh: {str(exc)[:80]}", f"incomplete JSON: {str(exc)[:80]}"
            ) from None


# ------------------------------------------------------------------ archives
def _unsafe_path(info: zipfile.ZipInfo) -> tuple[str, str] | None:
    """Why a member's path or type could land outside the folder it is unpacked to, if it could."""
    n = info.filename
    if stat.S_ISLNK(info.external_attr >> 16):
        return "sebuah tautan (symlink)", "a link (symlink)"
    if n.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", n):
        return "jalur mutlak", "an absolute path"
    if ".." in re.split(r"[\\/]+", n) or "\x00" in n:
        return (
            "jalur yang naik keluar dari arsip ('..')",
            "a path climbing out of the archive ('..')",
        )
    return None


def _check_directory(name: str, suffix: str, zf: zipfile.ZipFile) -> None:
    """Everything told from the central directory, before any member is read."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS[suffix]:
        fix_id, fix_en = FIX_MEMBERS[suffix]
        raise _refuse(
            name,
            "upload_too_many_members",
            count=len(infos),
            limit=MAX_MEMBERS[suffix],
            fix_id=fix_id,
            fix_en=fix_en,
        )
    total = 0
    for info in infos:
        member = _member(info.filename)
        why = _unsafe_path(info)
        if why is not None:
            raise _refuse(name, "upload_zip_slip", member=member, what_id=why[0], what_en=why[1])
        if info.flag_bits & 0x1:
            raise _refuse(name, "upload_zip_encrypted", member=member)
        if info.filename.lower().endswith(ARCHIVE_SUFFIXES):
            raise _refuse(name, "upload_zip_nested", member=member)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            times_id, times_en = thousands(round(ratio))
            raise _refuse(
                name,
                "upload_zip_bomb",
                detail_id=f"'{member}' mengembang {times_id}× (batas {MAX_RATIO}×)",
                detail_en=f"'{member}' unpacks {times_en}× (limit {MAX_RATIO}×)",
            )
        total += info.file_size
    if total > MAX_UNPACKED:
        mb, (total_id, total_en) = (
            MAX_UNPACKED // (1024 * 1024),
            thousands(round(total / 1024 / 1024)),
        )
        raise _refuse(
            name,
            "upload_zip_bomb",
            detail_id=f"isinya {total_id} MB, batasnya {mb} MB",
            detail_en=f"its content is {total_en} MB, the limit is {mb} MB",
        )


def _sheet_rows(name: str, kind: str, info: zipfile.ZipInfo, head: bytes) -> int | None:
    """Rows a worksheet declares in ``<dimension ref=…>``; refuses absurd ones at once."""
    m = _DIMENSION.search(head)
    if m is None:
        return None
    rows = int(m.group(2) or m.group(1))
    if rows > MAX_ROWS[kind]:
        raise _too_many_rows(
            name,
            kind,
            rows,
            (f" di lembar '{_member(info.filename)}'", f" in sheet '{_member(info.filename)}'"),
        )
    return rows


def _read_member(
    name: str, suffix: str, kind: str | None, zf: zipfile.ZipFile, info: zipfile.ZipInfo
) -> None:
    """Read one member in chunks (CRC checked at the end), scanning what each type needs."""
    lower = info.filename.lower()
    xml = suffix == ".xlsx" and lower.endswith((".xml", ".rels"))
    sheet = suffix == ".xlsx" and kind in MAX_ROWS and bool(_SHEET.match(info.filename))
    count_rows = sheet and info.file_size > MAX_ROWS[kind] * MIN_ROW_BYTES  # type: ignore[index]
    rows, read, tail = 0, 0, b""
    with zf.open(info) as fh:
        while True:
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            read += len(chunk)
            if (
                read > info.file_size
            ):  # zipfile never returns more than declared; refuse if it ever did
                raise _damaged(
                    name,
                    "isi arsip lebih besar dari yang tercatat",
                    "a member is larger than recorded",
                )
            if read == len(chunk):
                if (
                    suffix == ".zip"
                    and chunk.startswith(PK)
                    and not lower.endswith(OFFICE_SUFFIXES)
                ):
                    raise _refuse(name, "upload_zip_nested", member=_member(info.filename))
                if sheet:  # the declared size refuses at once; rows are still counted, a declaration can lie
                    _sheet_rows(name, kind, info, chunk[:8192])  # type: ignore[arg-type]
            window = tail + chunk
            if xml and _XML_DECL.search(window):
                raise _refuse(name, "upload_xml_entities", member=_member(info.filename))
            if count_rows:
                rows += len(_ROW.findall(window)) - len(_ROW.findall(tail))
                if rows > MAX_ROWS[kind]:  # type: ignore[index]
                    raise _too_many_rows(
                        name,
                        kind,
                        rows,
                        (
                            f" di lembar '{_member(info.filename)}'",  # type: ignore[arg-type]
                            f" in sheet '{_member(info.filename)}'",
                        ),
                    )
            tail = window[-16:]


def _check_workbook(name: str, zf: zipfile.ZipFile) -> None:
    names = {n.lower(): n for n in zf.namelist()}
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise _mismatch(name, ".xlsx", PK)
    if "xl/vbaproject.bin" in names or any(n.endswith("vbaproject.bin") for n in names):
        raise _refuse(name, "upload_macro")
    for key in ("[content_types].xml", "xl/workbook.xml"):
        info = zf.getinfo(names[key])
        with zf.open(info) as fh:
            text = fh.read(min(info.file_size, 4 * CHUNK) + 1)
        try:
            safe_xml(text, forbid_dtd=True)
        except DefusedXmlException:
            raise _refuse(name, "upload_xml_entities", member=names[key]) from None
        except Exception as exc:  # ParseError and friends
            raise _damaged(
                name, f"XML '{names[key]}' tidak terbaca", f"XML '{names[key]}' unreadable"
            ) from exc
        if key.startswith("[") and b"macroenabled" in text.lower():
            raise _refuse(name, "upload_macro")


def _check_archive(name: str, suffix: str, kind: str | None, content: bytes) -> None:
    if not content.startswith(PK):
        raise _mismatch(name, suffix, content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            _check_directory(name, suffix, zf)
            if suffix == ".xlsx":
                _check_workbook(name, zf)
            for info in zf.infolist():
                if not info.is_dir():
                    _read_member(name, suffix, kind, zf, info)
    except _Refused:
        raise
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        ValueError,
        OSError,
        KeyError,
        RuntimeError,
    ) as exc:
        detail = str(exc).splitlines()[0][:100] if str(exc) else type(exc).__name__
        raise _damaged(
            name, f"arsip zip tidak utuh: {detail}", f"incomplete zip archive: {detail}"
        ) from None


# ------------------------------------------------------------------ the entry point
def inspect_upload(kind: str | None, filename: str, content: bytes) -> ValidationReport:
    """Problems that refuse an uploaded file before any reader sees its bytes.

    Parameters
    ----------
    kind
        One of :data:`KINDS`, or ``None`` when it could not be told (refused).
    filename
        The file name, already made safe (:func:`ilp_dash.region.upload.safe_name`); it
        is named in every message.
    content
        The whole file as received.

    Returns
    -------
    ValidationReport
        Empty when the file may be handed to the loaders; otherwise one error
        (codes ``upload_too_large``, ``upload_kind_unknown``, ``upload_old_excel``,
        ``upload_lone_shp``, ``file_type``, ``upload_content_mismatch``,
        ``upload_damaged``, ``upload_zip_slip``, ``upload_zip_bomb``,
        ``upload_zip_nested``, ``upload_zip_encrypted``, ``upload_too_many_members``,
        ``upload_macro``, ``upload_xml_entities`` or ``upload_too_many_rows``).
    """
    report = check_name(kind, filename, len(content))
    if report.has_errors:
        return report
    suffix = Path(filename).suffix.lower()
    try:
        if suffix in (".zip", ".xlsx"):
            _check_archive(filename, suffix, kind, content)
        elif suffix == ".gpkg" and not content.startswith(SQLITE):
            raise _mismatch(filename, ".gpkg", content)
        elif suffix in (".geojson", ".json"):
            _check_geojson(filename, content)
        elif suffix == ".csv":
            _check_csv(filename, kind, content)  # type: ignore[arg-type]
    except _Refused as refused:
        report.problems.append(refused.problem)
    return report
