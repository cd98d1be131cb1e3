"""Refusing dangerous or absurd uploads before any reader sees them (ilp_dash.io.upload_guard).

Every attack is built here, in memory; the good files are the sample data in
``data/33.20`` and a small zipped Shapefile made from Jepara's villages.
"""

from __future__ import annotations

import io
import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ilp_dash.io import upload_guard as ug
from ilp_dash.io.upload_guard import MAX_BYTES, MAX_ROWS, inspect_upload, json_depth

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


# ------------------------------------------------------------------ archives
@pytest.mark.parametrize(
    "member, what",
    [
        ("../../etc/x", "climbing out"),
        ("batas/../../x.shp", "climbing out"),
        ("..\\..\\x.shp", "climbing out"),
        ("/tmp/x", "absolute path"),
        ("C:/Windows/x.shp", "absolute path"),
        ("\\\\server\\x.shp", "absolute path"),
    ],
)
def test_zip_slip_refused(member, what):
    p = _refused(
        "boundaries", "batas_desa.zip", _zip({"desa.shp": b"x", member: b"y"}), "upload_zip_slip"
    )
    assert what in p.message_en


def test_symlink_member_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("desa.shp", b"x")
        link = zipfile.ZipInfo("desa.dbf")
        link.external_attr = 0o120777 << 16
        zf.writestr(link, "/etc/passwd")
    p = _refused("boundaries", "batas_desa.zip", buf.getvalue(), "upload_zip_slip")
    assert "symlink" in p.message_en and "desa.dbf" in p.message_id


def test_zip_bomb_refused_from_the_directory_without_unpacking(monkeypatch):
    bomb = _zip({"desa.shp": b"\0" * 50_000_000})
    assert len(bomb) < 200_000

    def no_reading(*args, **kwargs):
        raise AssertionError("a member was opened")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_reading)
    start = time.perf_counter()
    p = _refused("boundaries", "batas_desa.zip", bomb, "upload_zip_bomb")
    assert time.perf_counter() - start < 1.0
    assert "desa.shp" in p.message_en and "limit 100×" in p.message_en


def test_bomb_inside_an_xlsx_refused():
    big = _rezip(_xlsx(), add={"xl/media/zeros.bin": b"\0" * 20_000_000})
    _refused("posyandu", "posyandu.xlsx", big, "upload_zip_bomb")


def test_too_much_unpacked_in_total_refused(monkeypatch):
    monkeypatch.setattr(ug, "MAX_UNPACKED", 2 * 1024 * 1024)
    parts = {f"desa{i}.shp": random.Random(i).randbytes(1024 * 1024) for i in range(3)}
    p = _refused("boundaries", "batas_desa.zip", _zip(parts, zipfile.ZIP_STORED), "upload_zip_bomb")
    assert "its content is 3 MB, the limit is 2 MB" in p.message_en
    assert "isinya 3 MB, batasnya 2 MB" in p.message_id


def test_member_reads_are_bounded(monkeypatch):
    """Members are read in chunks no larger than CHUNK, never whole, and every byte is read once."""
    sizes = []
    real = zipfile.ZipExtFile.read

    def spy(self, n=-1):
        data = real(self, n)
        sizes.append((n, len(data)))
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    content = _zip({"desa.shp": random.Random(1).randbytes(3 * ug.CHUNK + 5)}, zipfile.ZIP_STORED)
    assert inspect_upload("boundaries", "batas_desa.zip", content).problems == []
    assert sizes and all(0 < n <= ug.CHUNK for n, _ in sizes)
    assert sum(got for _, got in sizes) == 3 * ug.CHUNK + 5


def test_nested_archive_refused():
    inner = _zip({"desa.shp": b"x"})
    p = _refused(
        "boundaries", "batas_desa.zip", _zip({"batas/inner.zip": inner}), "upload_zip_nested"
    )
    assert "inner.zip" in p.message_en
    # the same archive under a harmless name is found by its first bytes
    p = _refused(
        "boundaries",
        "batas_desa.zip",
        _zip({"desa.shp": b"x", "desa.dat": inner}),
        "upload_zip_nested",
    )
    assert "desa.dat" in p.message_id


def test_too_many_members_refused():
    content = _zip({f"desa{i}.txt": b"x" for i in range(ug.MAX_MEMBERS[".zip"] + 1)})
    p = _refused("boundaries", "batas_desa.zip", content, "upload_too_many_members")
    assert "201" in p.message_en and "Shapefile" in p.fix_en


def test_encrypted_member_refused():
    content = bytearray(_zip({"desa.shp": b"secret"}))
    local, central = content.find(b"PK\x03\x04"), content.find(b"PK\x01\x02")
    content[local + 6] |= 1  # general purpose flag, bit 0: encrypted
    content[central + 8] |= 1
    p = _refused("boundaries", "batas_desa.zip", bytes(content), "upload_zip_encrypted")
    assert "password" in p.message_en and "kata sandi" in p.message_id


def test_damaged_zip_and_crc_error_refused():
    _refused("boundaries", "batas_desa.zip", b"PK\x03\x04" + b"\x01" * 500, "upload_damaged")
    good = bytearray(_zip({"desa.shp": b"A" * 5000}, zipfile.ZIP_STORED))
    start = good.find(b"A" * 100)
    good[start + 10] = ord("B")  # the data no longer matches its CRC
    p = _refused("boundaries", "batas_desa.zip", bytes(good), "upload_damaged")
    assert "CRC" in p.message_en


# ------------------------------------------------------------------ workbooks
def test_truncated_xlsx_refused():
    whole = _xlsx(50)
    p = _refused("posyandu", "posyandu.xlsx", whole[: len(whole) // 2], "upload_damaged")
    assert "incomplete zip archive" in p.message_en


def test_macro_workbook_refused():
    p = _refused(
        "posyandu",
        "posyandu.xlsx",
        _rezip(_xlsx(), add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"}),
        "upload_macro",
    )
    assert "Macros are not accepted" in p.message_en and "without macros" in p.fix_en
    assert "Makro tidak diterima" in p.message_id


def test_macro_content_type_refused():
    xlsx = _xlsx()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        types = zf.read("[Content_Types].xml").replace(
            b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml"
        )
    _refused(
        "posyandu",
        "posyandu.xlsx",
        _rezip(xlsx, replace={"[Content_Types].xml": types}),
        "upload_macro",
    )


LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>&lol3;</sheets></workbook>"""


def test_billion_laughs_workbook_refused():
    p = _refused(
        "posyandu",
        "posyandu.xlsx",
        _rezip(_xlsx(), replace={"xl/workbook.xml": LAUGHS}),
        "upload_xml_entities",
    )
    assert "xl/workbook.xml" in p.message_en


def test_external_entity_in_a_sheet_refused():
    xlsx = _xlsx()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    evil = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        + sheet.replace(b"<sheetData>", b"<sheetData>&e;", 1)
    )
    assert b"&e;" in evil
    p = _refused(
        "posyandu",
        "posyandu.xlsx",
        _rezip(xlsx, replace={"xl/worksheets/sheet1.xml": evil}),
        "upload_xml_entities",
    )
    assert "sheet1.xml" in p.message_id


def test_absurd_dimension_refused():
    xlsx = _xlsx()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:B4"/>' in sheet
    huge = sheet.replace(b'<dimension ref="A1:B4"/>', b'<dimension ref="A1:B5000000"/>')
    p = _refused(
        "stunting",
        "stunting.xlsx",
        _rezip(xlsx, replace={"xl/worksheets/sheet1.xml": huge}),
        "upload_too_many_rows",
    )
    assert (
        "5.000.000" in p.message_id and "5,000,000" in p.message_en and "2,000,000" in p.message_en
    )
    assert "village-by-month table" in p.fix_en


def test_rows_counted_when_the_dimension_lies(monkeypatch):
    monkeypatch.setitem(MAX_ROWS, "posyandu", 100)  # a small limit keeps the workbook small
    p = _refused(
        "posyandu", "posyandu.xlsx", _xlsx(150), "upload_too_many_rows"
    )  # dimension A1:B151
    xlsx = _xlsx(150)
    with zipfile.ZipFile(io.BytesIO(xlsx)) as zf:
        sheet = zf.read("xl/worksheets/sheet1.xml")
    assert b'<dimension ref="A1:B151"/>' in sheet and "151 rows" in p.message_en
    lying = _rezip(xlsx, replace={"xl/worksheets/sheet1.xml": sheet.replace(b"A1:B151", b"A1:B2")})
    p = _refused("posyandu", "posyandu.xlsx", lying, "upload_too_many_rows")
    assert "151 rows" in p.message_en and "limit for posyandu data is 100 rows" in p.message_en


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
