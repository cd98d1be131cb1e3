"""Checks of uploaded archives (``.zip``, and ``.xlsx`` which is a zip) before they are unpacked.

Refused: members whose path leads out of the archive or that are links
(zip-slip), that unpack far beyond their size (zip bomb), that hold other
archives, that are locked with a password, too many members, damaged
archives; workbooks with macros, with XML entity or DTD declarations, or
whose sheets claim (or hold) an absurd number of rows.

Nothing is written to disk: archives are read in memory with :mod:`zipfile`,
their sizes judged from the central directory first, and a member is only ever
read up to its declared size (which :mod:`zipfile` enforces) in small chunks.
"""

from __future__ import annotations

import io
import re
import stat
import zipfile
import zlib

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_xml

from ilp_dash.io.upload_limits import (
    MAX_ROWS,
    PK,
    Refused,
    damaged,
    member_name,
    mismatch,
    refuse,
    too_many_rows,
)
from ilp_dash.io.upload_messages import FIX_MEMBERS, thousands

MAX_MEMBERS = {".zip": 200, ".xlsx": 1000}
MAX_UNPACKED = 200 * 1024 * 1024  # all members of an archive together, as declared
MAX_RATIO = 100  # unpacked / packed size of one member …
RATIO_FLOOR = 1024 * 1024  # … judged only for members unpacking to more than this
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


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*(\d+)(?::[A-Z]*(\d+))?\"")
_ROW = re.compile(rb"<(?:\w+:)?row[\s>/]")
_XML_DECL = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_SHEET = re.compile(r"^xl/worksheets/[^/]+\.xml$", re.IGNORECASE)


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
        raise refuse(
            name,
            "upload_too_many_members",
            count=len(infos),
            limit=MAX_MEMBERS[suffix],
            fix_id=fix_id,
            fix_en=fix_en,
        )
    total = 0
    for info in infos:
        member = member_name(info.filename)
        why = _unsafe_path(info)
        if why is not None:
            raise refuse(name, "upload_zip_slip", member=member, what_id=why[0], what_en=why[1])
        if info.flag_bits & 0x1:
            raise refuse(name, "upload_zip_encrypted", member=member)
        if info.filename.lower().endswith(ARCHIVE_SUFFIXES):
            raise refuse(name, "upload_zip_nested", member=member)
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
            times_id, times_en = thousands(round(ratio))
            raise refuse(
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
        raise refuse(
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
        raise too_many_rows(
            name,
            kind,
            rows,
            (
                f" di lembar '{member_name(info.filename)}'",
                f" in sheet '{member_name(info.filename)}'",
            ),
        )
    return rows


def _readmember_name(
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
                raise damaged(
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
                    raise refuse(name, "upload_zip_nested", member=member_name(info.filename))
                if sheet:  # the declared size refuses at once; rows are still counted, a declaration can lie
                    _sheet_rows(name, kind, info, chunk[:8192])  # type: ignore[arg-type]
            window = tail + chunk
            if xml and _XML_DECL.search(window):
                raise refuse(name, "upload_xml_entities", member=member_name(info.filename))
            if count_rows:
                rows += len(_ROW.findall(window)) - len(_ROW.findall(tail))
                if rows > MAX_ROWS[kind]:  # type: ignore[index]
                    raise too_many_rows(
                        name,
                        kind,
                        rows,
                        (
                            f" di lembar '{member_name(info.filename)}'",  # type: ignore[arg-type]
                            f" in sheet '{member_name(info.filename)}'",
                        ),
                    )
            tail = window[-16:]


def _check_workbook(name: str, zf: zipfile.ZipFile) -> None:
    names = {n.lower(): n for n in zf.namelist()}
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise mismatch(name, ".xlsx", PK)
    if "xl/vbaproject.bin" in names or any(n.endswith("vbaproject.bin") for n in names):
        raise refuse(name, "upload_macro")
    for key in ("[content_types].xml", "xl/workbook.xml"):
        info = zf.getinfo(names[key])
        with zf.open(info) as fh:
            text = fh.read(min(info.file_size, 4 * CHUNK) + 1)
        try:
            safe_xml(text, forbid_dtd=True)
        except DefusedXmlException:
            raise refuse(name, "upload_xml_entities", member=names[key]) from None
        except Exception as exc:  # ParseError and friends
            raise damaged(
                name, f"XML '{names[key]}' tidak terbaca", f"XML '{names[key]}' unreadable"
            ) from exc
        if key.startswith("[") and b"macroenabled" in text.lower():
            raise refuse(name, "upload_macro")


def check_archive(name: str, suffix: str, kind: str | None, content: bytes) -> None:
    """Refuse (raise :class:`~ilp_dash.io.upload_limits.Refused`) an unsafe or damaged ``.zip`` or ``.xlsx``."""
    if not content.startswith(PK):
        raise mismatch(name, suffix, content)
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            _check_directory(name, suffix, zf)
            if suffix == ".xlsx":
                _check_workbook(name, zf)
            for info in zf.infolist():
                if not info.is_dir():
                    _readmember_name(name, suffix, kind, zf, info)
    except Refused:
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
        raise damaged(
            name, f"arsip zip tidak utuh: {detail}", f"incomplete zip archive: {detail}"
        ) from None
