"""Checks an uploaded file must pass before any reader sees its bytes.

:func:`inspect_upload` refuses, each with a message and a fix in both
languages that name the file:

- files over :data:`MAX_BYTES`, of an unknown kind or of a type the loaders
  cannot read (``.xls``, a lone ``.shp``, ``.pdf`` …);
- files whose content is not what their name says (a program or a web page
  renamed ``.csv``, an old ``.xls`` renamed ``.xlsx``) — the type is told from
  the first bytes, not only from the name;
- unsafe or damaged archives and workbooks (:mod:`ilp_dash.io.upload_archive`);
- CSV files with an absurd number of lines and GeoJSON files nested absurdly deep.

The kinds, limits and the refusal shared by the checks are in
:mod:`ilp_dash.io.upload_limits` (and importable from here).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np

from ilp_dash.io.dataset import BOUNDARY_SUFFIXES
from ilp_dash.io.problems import ValidationReport
from ilp_dash.io.upload_archive import check_archive
from ilp_dash.io.upload_limits import (
    BOUNDARIES,
    HTML,
    KIND_LABELS,
    KINDS,
    MAX_BYTES,
    MAX_ROWS,
    POINT_KINDS,
    POINT_SUFFIXES,
    SQLITE,
    TABLE_SUFFIXES,
    Refused,
    damaged,
    mismatch,
    too_many_rows,
)
from ilp_dash.io.upload_messages import problem as _problem

MAX_JSON_DEPTH = 64
JSON_PARSE_BYTES = 5 * 1024 * 1024  # GeoJSON up to this size is parsed once to find damage early
_JSON_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)


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
    elif kind != BOUNDARIES and suffix not in (
        *TABLE_SUFFIXES,
        *(POINT_SUFFIXES if kind in POINT_KINDS else ()),  # GIS point layers, checked by content
    ):
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
    if b"\x00" in head or HTML.match(head[:1024]):
        raise mismatch(name, ".csv", content)
    lines = max(content.count(b"\n"), content.count(b"\r"))
    lines += 1 if content and not content.endswith((b"\n", b"\r")) else 0
    if lines > MAX_ROWS[kind]:
        raise too_many_rows(name, kind, lines)


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
        raise mismatch(name, ".geojson", content)
    depth = json_depth(body)
    if depth > MAX_JSON_DEPTH:
        raise damaged(
            name,
            f"data bersarang {depth} tingkat, batasnya {MAX_JSON_DEPTH}",
            f"the data nests {depth} levels deep, the limit is {MAX_JSON_DEPTH}",
        )
    if len(body) <= JSON_PARSE_BYTES:
        try:
            json.loads(body)
        except (ValueError, RecursionError) as exc:
            raise damaged(
                name, f"JSON tidak utuh: {str(exc)[:80]}", f"incomplete JSON: {str(exc)[:80]}"
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
            check_archive(filename, suffix, kind, content)
        elif suffix == ".gpkg" and not content.startswith(SQLITE):
            raise mismatch(filename, ".gpkg", content)
        elif suffix in (".geojson", ".json"):
            _check_geojson(filename, content)
        elif suffix == ".csv":
            _check_csv(filename, kind, content)  # type: ignore[arg-type]
    except Refused as refused:
        report.problems.append(refused.problem)
    return report
