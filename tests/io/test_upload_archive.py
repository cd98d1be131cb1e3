"""Refusing unsafe or damaged archives and workbooks (ilp_dash.io.upload_archive).

Every attack is built here, in memory, and handed to the entry point
:func:`~ilp_dash.io.upload_guard.inspect_upload`.
"""

from __future__ import annotations

import io
import random
import time
import zipfile

import pytest

from ilp_dash.io import upload_archive as ua
from ilp_dash.io.upload_guard import inspect_upload
from ilp_dash.io.upload_limits import MAX_ROWS

from .test_upload_guard import _refused, _rezip, _xlsx, _zip


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
    monkeypatch.setattr(ua, "MAX_UNPACKED", 2 * 1024 * 1024)
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
    content = _zip({"desa.shp": random.Random(1).randbytes(3 * ua.CHUNK + 5)}, zipfile.ZIP_STORED)
    assert inspect_upload("boundaries", "batas_desa.zip", content).problems == []
    assert sizes and all(0 < n <= ua.CHUNK for n, _ in sizes)
    assert sum(got for _, got in sizes) == 3 * ua.CHUNK + 5


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
    content = _zip({f"desa{i}.txt": b"x" for i in range(ua.MAX_MEMBERS[".zip"] + 1)})
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
