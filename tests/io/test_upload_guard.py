"""Refusing dangerous or absurd uploads before any reader sees them (ilp_dash.io.upload_guard).

Every attack is built here, in memory; the good files are the sample data in
``data/33.20`` and a small zipped Shapefile made from Jepara's villages.
"""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ilp_dash.io import upload_guard as ug
from ilp_dash.io.upload_guard import inspect_upload, json_depth
from ilp_dash.io.upload_limits import MAX_BYTES

from ..conftest import ROOT

SAMPLE = ROOT / "data" / "33.20"
KIND_OF = {
    "ambulans.csv": "ambulances",
    "penduduk.csv": "population",
    "puskesmas.csv": "puskesmas",
    "pustu.csv": "pustu",
    "rumah_sakit.csv": "hospitals",
    "stunting_desa.csv": "stunting",
    "posyandu.xlsx": "posyandu",
}


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _xlsx(rows: int = 3) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nama_posyandu", "kode_desa"])
    for i in range(rows):
        ws.append([f"Posyandu {i}", "33.20.01.2001"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _rezip(
    xlsx: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """The workbook's members with some replaced or added."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members.update(replace or {})
    members.update(add or {})
    return _zip(members)


def _refused(kind, name, content, code):
    """The one problem of a refused upload, checked to carry the code and name the file in both languages."""
    report = inspect_upload(kind, name, content)
    assert report.codes() == [code], report.to_text()
    p = report.problems[0]
    assert p.severity == "error" and p.file == name
    assert name in p.message_id and name in p.message_en
    assert p.fix_id and p.fix_en and p.fix_id != p.fix_en
    return p


# ------------------------------------------------------------------ good files pass
@pytest.mark.parametrize("file", sorted(KIND_OF))
def test_sample_files_pass(file):
    assert inspect_upload(KIND_OF[file], file, (SAMPLE / file).read_bytes()).problems == []


def test_small_zipped_shapefile_passes(tmp_path, jepara):
    jepara.villages.head(5)[["kode", "nama", "geometry"]].to_file(tmp_path / "desa.shp")
    members = {
        f"batas/desa.{ext}": (tmp_path / f"desa.{ext}").read_bytes()
        for ext in ("shp", "shx", "dbf", "prj", "cpg")
        if (tmp_path / f"desa.{ext}").exists()
    }
    assert inspect_upload("boundaries", "batas_desa.zip", _zip(members)).problems == []


def test_geojson_and_gpkg_pass(tmp_path, jepara):
    v = jepara.villages.head(3)[["kode", "nama", "geometry"]]
    v.to_file(tmp_path / "d.geojson")
    v.to_file(tmp_path / "d.gpkg")
    assert (
        inspect_upload(
            "boundaries", "batas.geojson", (tmp_path / "d.geojson").read_bytes()
        ).problems
        == []
    )
    assert (
        inspect_upload("boundaries", "batas.gpkg", (tmp_path / "d.gpkg").read_bytes()).problems
        == []
    )


def test_name_checks_kept():
    assert inspect_upload("pustu", "pustu.csv", b"x" * (MAX_BYTES + 1)).codes() == [
        "upload_too_large"
    ]
    assert inspect_upload(None, "catatan.csv", b"a,b\n").codes() == ["upload_kind_unknown"]
    assert inspect_upload("auto", "catatan.csv", b"a,b\n").codes() == ["upload_kind_unknown"]
    assert inspect_upload("posyandu", "posyandu.xls", b"\xd0\xcf\x11\xe0").codes() == [
        "upload_old_excel"
    ]
    assert inspect_upload("boundaries", "batas.shp", b"\0").codes() == ["upload_lone_shp"]
    assert inspect_upload("posyandu", "posyandu.pdf", b"%PDF").codes() == ["file_type"]


# ------------------------------------------------------------------ type by content
def test_program_renamed_csv_refused():
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200 + b"This program cannot be run in DOS mode"
    p = _refused("posyandu", "posyandu.csv", exe, "upload_content_mismatch")
    assert "Windows" in p.message_id and "Windows program" in p.message_en
    assert "CSV UTF-8" in p.fix_en


@pytest.mark.parametrize(
    "name, kind, content, seen",
    [
        (
            "posyandu.xlsx",
            "posyandu",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "old Excel",
        ),
        (
            "posyandu.xlsx",
            "posyandu",
            b"<html><body><table><tr><td>1</td></tr></table></body></html>",
            "web page",
        ),
        ("pustu.csv", "pustu", b"<!DOCTYPE html>\n<html><table></table></html>", "web page"),
        ("pustu.csv", "pustu", "kode,nama\n1,a\n".encode("utf-16"), "UTF-16"),
        ("batas_desa.zip", "boundaries", b"%PDF-1.4 ...", "PDF"),
        ("batas_desa.gpkg", "boundaries", b"PK\x03\x04 not a database", "zip archive"),
        ("batas_desa.geojson", "boundaries", b"<?xml version='1.0'?><kml></kml>", ""),
    ],
)
def test_content_not_what_the_name_says(name, kind, content, seen):
    p = _refused(kind, name, content, "upload_content_mismatch")
    assert seen in p.message_en
    assert "Renaming a file does not change its content" in p.message_en


def test_zip_without_workbook_parts_is_not_xlsx():
    p = _refused("posyandu", "posyandu.xlsx", _zip({"a.txt": b"hello"}), "upload_content_mismatch")
    assert "Excel workbook" in p.message_en


# ------------------------------------------------------------------ row counts and GeoJSON
def test_register_with_three_million_lines_refused():
    content = b"nama_posyandu,kode_desa\n" + b"a,1\n" * 3_000_000
    start = time.perf_counter()
    p = _refused("posyandu", "posyandu.csv", content, "upload_too_many_rows")
    assert time.perf_counter() - start < 1.0
    assert "3.000.001" in p.message_id and "100.000" in p.message_id
    assert "3,000,001" in p.message_en and "100,000" in p.message_en and "kecamatan" in p.fix_en


def test_child_rows_allowed_up_to_the_stunting_limit():
    rows = b"id_anak,tanggal_lahir\n" + b"1,2020-01-01\n" * 500_000
    assert inspect_upload("stunting", "stunting_anak.csv", rows).problems == []
    assert inspect_upload("posyandu", "posyandu.csv", rows).codes() == ["upload_too_many_rows"]


def test_deep_geojson_refused():
    deep = b'{"type": "FeatureCollection", "features": ' + b"[" * 5000 + b"]" * 5000 + b"}"
    p = _refused("boundaries", "batas_desa.geojson", deep, "upload_damaged")
    assert "5001 levels" in p.message_en


def test_json_depth_skips_strings():
    assert json_depth(b'{"a": [[1, 2]], "b": "[[[[{{{{"}') == 3
    assert json_depth(b'{"a": "say \\"[[[\\" please"}') == 1


def test_truncated_geojson_refused():
    p = _refused(
        "boundaries", "batas.json", b'{"type": "FeatureCollection", "features": [', "upload_damaged"
    )
    assert "JSON" in p.message_en


def test_bom_and_whitespace_before_geojson_allowed():
    good = b'\xef\xbb\xbf \n{"type": "FeatureCollection", "features": []}'
    assert inspect_upload("boundaries", "batas.geojson", good).problems == []


def test_module_is_dash_free():
    text = Path(ug.__file__).read_text()
    assert "import dash" not in text and "from dash" not in text
