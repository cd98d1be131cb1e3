"""Reading the boundary source as published (ilp_dash/io/wilayah_source.py, wilayah_files.py, region_code.py).

The fixtures are SYNTHETIC: :func:`write_source` writes tiny square
"regencies" of a made-up province-64 geography in the SQL format of
github.com/cahyadsn/wilayah_boundaries (``INSERT … VALUES ('kode','nama',lat,lng,'path')``,
pairs [latitude, longitude]), in the repository's published layout
(``db/kab/wilayah_boundaries_kab_64.sql``, ``db/kec/…_kec_64.sql``,
``db/kel/64/…_kel_64.74.sql``), as its GitHub zip, or in the flat layout of the
shared copy. One test re-lays the real shared files (MIT) the same way.

The synthetic geography, by hand (lon, lat in degrees):

- ``64.01`` "Kabupaten Contoh": the square 117.0–117.2 × 0.0–0.2. Kecamatan
  ``64.01.01`` is its west half, ``64.01.02`` its east half. Villages:
  ``64.01.01.2001`` (desa, west half, south), ``64.01.01.1002`` (kelurahan,
  west half, north), ``64.01.02.2001`` (desa, the east half).
- ``64.74`` "KOTA CONTOH" (a city, upper case as some dumps write it): the
  square 117.4–117.5 × 0.1–0.2, one kecamatan ``64.74.01``, two kelurahan
  (south and north halves).
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from ilp_dash.io.problems import DataValidationError, ValidationReport
from ilp_dash.io.region_code import check_region_code, regency_name
from ilp_dash.io.wilayah_source import build_all, build_geodata, build_region

from ..conftest import SHARED

HEADER = (
    "/*\nSYNTHETIC test data in the format of cahyadsn/wilayah_boundaries (MIT).\n"
    "filename  : {name}\n*/\n"
)


def box(x0: float, y0: float, x1: float, y1: float) -> list:
    """A closed square ring in the source's [lat, lng] order."""
    return [[[y0, x0], [y0, x1], [y1, x1], [y1, x0], [y0, x0]]]


KAB = [("64.01", "Kabupaten Contoh", box(117.0, 0.0, 117.2, 0.2)),
       ("64.74", "KOTA CONTOH", box(117.4, 0.1, 117.5, 0.2))]  # fmt: skip
KEC = [("64.01.01", "Barat", box(117.0, 0.0, 117.1, 0.2)),
       ("64.01.02", "Timur", box(117.1, 0.0, 117.2, 0.2)),
       ("64.74.01", "Contoh Kota", box(117.4, 0.1, 117.5, 0.2))]  # fmt: skip
KEL = {
    "64.01": [
        ("64.01.01.2001", "Sukamaju", box(117.0, 0.0, 117.1, 0.1)),
        ("64.01.01.1002", "Kampung Baru", box(117.0, 0.1, 117.1, 0.2)),
        ("64.01.02.2001", "Sungai O''ong", [box(117.1, 0.0, 117.2, 0.2)]),
    ],  # fmt: skip
    "64.74": [
        ("64.74.01.1001", "Selatan", box(117.4, 0.1, 117.5, 0.15)),
        ("64.74.01.1002", "Utara", box(117.4, 0.15, 117.5, 0.2)),
    ],  # fmt: skip
}


def sql(name: str, rows: list[tuple[str, str, list]], batch: int = 2) -> str:
    """An SQL dump as the source writes it: rows in INSERT batches, the last row of each ends with ';'."""
    out = [HEADER.format(name=name), "DELETE FROM wilayah_boundaries WHERE kode LIKE '64.%';\n"]
    for start in range(0, len(rows), batch):
        chunk = rows[start : start + batch]
        out.append("INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n")
        for i, (kode, nama, path) in enumerate(chunk):
            end = ";" if i == len(chunk) - 1 else ","
            out.append(
                f"\t('{kode}','{nama}',0.1,117.1,'{json.dumps(path, separators=(',', ':'))}'){end}\n"
            )
        out.append("\n")
    return "".join(out)


def write_source(root: Path, layout: str = "published", kel: dict | None = None) -> Path:
    """The synthetic source under ``root``: ``published`` (a checkout) or ``flat`` (the shared copy)."""
    files = {"kab": sql("kab", KAB), "kec": sql("kec", KEC)}
    for code, rows in (kel if kel is not None else KEL).items():
        files[f"kel/{code}"] = sql(f"kel {code}", rows)
    for key, text in files.items():
        layer, _, code = key.partition("/")
        if layout == "published":
            rel = (f"db/kel/64/wilayah_boundaries_kel_{code}.sql" if code
                   else f"db/{layer}/wilayah_boundaries_{layer}_64.sql")  # fmt: skip
        else:
            rel = f"kel/64/{code}.sql" if code else f"{layer}/64.sql"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    (root / "LICENSE").write_text("MIT License (synthetic test copy)\n", encoding="utf-8")
    return root


def zip_source(folder: Path, target: Path, top: str = "wilayah_boundaries-main/") -> Path:
    """``folder`` zipped the way GitHub's "Download ZIP" does: everything under one top folder."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(folder.rglob("*")):
            if p.is_file():
                zf.write(p, top + p.relative_to(folder).as_posix())
    return target


@pytest.fixture
def source(tmp_path):
    return write_source(tmp_path / "wilayah_boundaries")


def codes_of(exc: pytest.ExceptionInfo) -> list[str]:
    return exc.value.report.codes()


# --- building a regency and a city ----------------------------------------------------------------


def test_regency_from_the_published_layout(source):
    b = build_region(source, "64.01")
    vil, kec = b["villages"], b["kecamatan"]
    assert b["name"] == "Kabupaten Contoh" and b["code"] == "64.01"
    assert list(vil["kode"]) == ["64.01.01.1002", "64.01.01.2001", "64.01.02.2001"]
    assert list(vil["tipe"]) == ["kelurahan", "desa", "desa"]
    assert list(vil["kecamatan"]) == ["Barat", "Barat", "Timur"]
    assert set(vil["kabupaten"]) == {"Kabupaten Contoh"} and set(vil["kode_kab"]) == {"64.01"}
    assert vil.loc[2, "nama"] == "Sungai O'ong"  # SQL '' unescaped
    assert list(kec["jumlah_desa"]) == [2, 1]
    # [lat, lng] pairs swapped: the regency is lon 117.0–117.2, lat 0.0–0.2
    assert [round(v, 6) for v in b["regency"].total_bounds] == [117.0, 0.0, 117.2, 0.2]
    # 0.2° × 0.2° at the equator: 0.2·111.32 km × 0.2·110.57 km = 492.3 km² (UTM, ±1 %)
    assert b["regency"]["luas_km2"].iloc[0] == pytest.approx(492.3, rel=0.01)
    assert vil["luas_km2"].tolist() == pytest.approx([123.1, 123.1, 246.2], rel=0.01)
    assert b["report"].problems == []


def test_city_is_named_kota(source):
    b = build_region(source, "64.74")
    assert b["name"] == "Kota Contoh"
    assert set(b["villages"]["kabupaten"]) == {"Kota Contoh"}
    assert list(b["villages"]["tipe"]) == ["kelurahan", "kelurahan"]
    assert b["regency"]["nama"].tolist() == ["Kota Contoh"]


@pytest.mark.parametrize("form", ["checkout", "db folder", "zip", "zip without top folder", "flat"])
def test_every_form_of_the_source_gives_the_same_region(tmp_path, source, form):
    if form == "checkout":
        path = source
    elif form == "db folder":
        path = source / "db"
    elif form == "zip":
        path = zip_source(source, tmp_path / "wilayah_boundaries-main.zip")
    elif form == "zip without top folder":
        path = zip_source(source, tmp_path / "wb.zip", top="")
    else:
        path = write_source(tmp_path / "flat", layout="flat")
    expected = build_region(source, "64.74")["villages"]
    got = build_region(path, "64.74")["villages"]
    assert got["kode"].tolist() == expected["kode"].tolist()
    assert got.geometry.geom_equals(expected.geometry).all()


def test_build_all_reads_the_licence_of_a_zip(tmp_path, source):
    result = build_all(zip_source(source, tmp_path / "wb.zip"), ["64.01", "6474"])
    assert [b["code"] for b in result["regions"]] == ["64.01", "64.74"]
    assert result["licence"].startswith("MIT License")


def test_rows_with_spaces_after_commas_are_read(tmp_path):
    # the published 35.01 file writes "('35.01.10.2017','Ketro Harjo',-8.10…, 111.34…,'[…" (a space)
    root = write_source(tmp_path / "src")
    kel = root / "db/kel/64/wilayah_boundaries_kel_64.74.sql"
    kel.write_text(kel.read_text().replace("',0.1,117.1,'", "', 0.1 , 117.1 ,'"), encoding="utf-8")
    assert len(build_region(root, "64.74")["villages"]) == 2


def test_a_self_crossing_polygon_is_repaired_with_a_warning(tmp_path):
    bowtie = [[[0.1, 117.4], [0.15, 117.5], [0.1, 117.5], [0.15, 117.4], [0.1, 117.4]]]
    kel = {"64.74": [KEL["64.74"][0][:2] + (bowtie,), KEL["64.74"][1]]}
    b = build_region(write_source(tmp_path / "src", kel=kel), "64.74")
    assert b["repaired"] == ["64.74.01.1001"] and b["report"].codes() == ["geom_repaired"]
    assert b["villages"].geometry.is_valid.all()


# --- region codes and names -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, code, problem",
    [
        ("64.74", "64.74", None),
        (" 6474 ", "64.74", None),
        ("64.74.01", None, "region_code_level"),
        ("6474011001", None, "region_code_level"),
        ("64", None, "region_code_level"),
        ("99.01", None, "region_province_unknown"),
        ("Bontang", None, "region_code_bad"),
        ("64.7", None, "region_code_bad"),
    ],
)
def test_region_codes(value, code, problem):
    report = ValidationReport()
    assert check_region_code(value, report) == code
    assert report.codes() == ([problem] if problem else [])


def test_a_kecamatan_code_is_refused_with_the_regency_code_to_use():
    report = ValidationReport()
    check_region_code("64.74.01", report)
    p = report.problems[0]
    assert "kode kecamatan" in p.message_id and "kecamatan (district) code" in p.message_en
    assert "64.74" in p.fix_id and "64.74" in p.fix_en
    check_region_code("6474011001", report)
    assert "desa/kelurahan" in report.problems[1].message_id


@pytest.mark.parametrize(
    "nama, name",
    [
        ("Kota Batu", "Kota Batu"),
        ("KOTA BONTANG", "Kota Bontang"),
        ("kota  Samarinda", "Kota Samarinda"),
        ("Kabupaten Jepara", "Kabupaten Jepara"),
        ("KABUPATEN KUTAI KARTANEGARA", "Kabupaten Kutai Kartanegara"),
        ("Kab. Paser", "Kabupaten Paser"),
        ("Mahakam Ulu", "Kabupaten Mahakam Ulu"),
        ("Kotawaringin Barat", "Kabupaten Kotawaringin Barat"),  # "Kota…" in a word is no city
    ],
)
def test_regency_names(nama, name):
    assert regency_name(nama) == name


# --- bad input: one clear problem in both languages ------------------------------------------------


def test_unknown_regency_lists_the_province(source):
    with pytest.raises(DataValidationError) as exc:
        build_region(source, "64.99")
    (p,) = exc.value.report.problems
    assert p.code == "region_not_in_source" and p.file.endswith("wilayah_boundaries_kab_64.sql")
    assert "64.01 Kabupaten Contoh, 64.74 Kota Contoh" in p.message_en
    assert "tidak ada di sumber" in p.message_id


def test_missing_files_are_named_as_the_layout_names_them(tmp_path, source):
    (source / "db/kec/wilayah_boundaries_kec_64.sql").unlink()
    (source / "db/kel/64/wilayah_boundaries_kel_64.74.sql").unlink()
    with pytest.raises(DataValidationError) as exc:
        build_region(source, "64.74")
    assert codes_of(exc) == ["source_file_missing", "source_file_missing"]
    assert [Path(p.file).name for p in exc.value.report.problems] == [
        "wilayah_boundaries_kec_64.sql",
        "wilayah_boundaries_kel_64.74.sql",
    ]
    flat = write_source(tmp_path / "flat", layout="flat", kel={"64.01": KEL["64.01"]})
    with pytest.raises(DataValidationError) as exc:
        build_region(flat, "64.74")
    assert exc.value.report.problems[0].file.endswith("kel/64/64.74.sql")


def test_not_a_source(tmp_path):
    (tmp_path / "empty").mkdir()
    for path, code in (
        (tmp_path / "nowhere", "source_not_found"),
        (tmp_path / "empty", "source_layout_unknown"),
    ):
        with pytest.raises(DataValidationError) as exc:
            build_region(path, "64.74")
        assert codes_of(exc) == [code] and exc.value.report.problems[0].file == "--source"
    junk = tmp_path / "wb.zip"
    junk.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataValidationError) as exc:
        build_region(junk, "64.74")
    assert codes_of(exc) == ["source_zip_damaged"]


def _kel(source: Path) -> Path:
    return source / "db/kel/64/wilayah_boundaries_kel_64.74.sql"


def test_a_file_cut_in_the_middle_of_a_row(source):
    kel = _kel(source)
    text = kel.read_text()
    kel.write_text(text[: text.index("'Utara'") + 30], encoding="utf-8")  # stops inside row 2
    lines = kel.read_text().splitlines()
    with pytest.raises(DataValidationError) as exc:
        build_region(source, "64.74")
    damaged, truncated = exc.value.report.problems
    assert (damaged.code, damaged.row) == ("sql_row_damaged", len(lines))
    assert (truncated.code, truncated.row) == ("sql_truncated", len(lines))
    assert "64.74.01.1002" in damaged.message_en


def test_a_file_cut_after_a_row_ending_with_a_comma(source):
    kel = _kel(source)
    lines = kel.read_text().splitlines(keepends=True)
    first = next(i for i, s in enumerate(lines) if s.startswith("\t('64.74.01.1001'"))
    kel.write_text(
        "".join(lines[: first + 1]), encoding="utf-8"
    )  # row 1 ends with ',' and nothing follows
    with pytest.raises(DataValidationError) as exc:
        build_region(source, "64.74")
    (p,) = exc.value.report.problems
    assert (p.code, p.row) == ("sql_truncated", first + 1)
    assert "terpotong" in p.message_id and "cut off" in p.message_en


@pytest.mark.parametrize(
    "path, code",
    [
        (
            [[[117.4, 0.1], [117.5, 0.1], [117.5, 0.15], [117.4, 0.15], [117.4, 0.1]]],
            "source_geom_outside",
        ),
        ([[[0.1, 117.4], [0.1, 117.5], [0.1, 117.4]]], "source_geom_empty"),  # a ring of 3 points
        ([[[[[0.1, 117.4]]]]], "sql_row_damaged"),  # nesting depth 5
    ],
    ids=["pairs given as [lng, lat]", "no polygon", "wrong nesting"],
)
def test_wrong_geometry(tmp_path, path, code):
    kel = {"64.74": [("64.74.01.1001", "Selatan", path), KEL["64.74"][1]]}
    with pytest.raises(DataValidationError) as exc:
        build_region(write_source(tmp_path / "src", kel=kel), "64.74")
    (p,) = exc.value.report.problems
    assert (p.code, p.column) == (code, "path")
    assert p.row == 7  # header comment 4 lines, DELETE, INSERT, then the first row


def test_a_village_without_polygon_is_left_out_with_a_warning(tmp_path):
    # as published: "('96.01.05.1012','Malagusa',-0.95…, 131.33…,'')," (the only one in the source)
    root = write_source(tmp_path / "src")
    kel = _kel(root)
    text = kel.read_text()
    start = text.index("'Utara',0.1,117.1,'") + len("'Utara',0.1,117.1,'")
    kel.write_text(text[:start] + text[text.index("'", start) :], encoding="utf-8")
    b = build_region(root, "64.74")
    assert b["villages"]["kode"].tolist() == ["64.74.01.1001"]
    (p,) = b["report"].problems
    assert (p.code, p.severity, p.row) == ("source_village_no_polygon", "warning", 8)
    assert "64.74.01.1002 (Utara)" in p.message_en
    kel.write_text(re.sub(r"'\[\[.*\]'\)", "'')", kel.read_text()), encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:  # no village left: nothing to build
        build_region(root, "64.74")
    assert codes_of(exc) == ["source_village_no_polygon"] * 2 + ["region_no_villages"]


def test_path_that_is_not_json(source):
    kel = _kel(source)
    kel.write_text(kel.read_text().replace("'[[[0.1,117.4]", "'[[[0.1;117.4]", 1), encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        build_region(source, "64.74")
    assert codes_of(exc) == ["sql_row_damaged"]


def test_villages_need_their_kecamatan_and_a_file_needs_villages(tmp_path):
    kel = {"64.74": [*KEL["64.74"], ("64.74.02.1001", "Lain", box(117.4, 0.1, 117.45, 0.12))]}
    with pytest.raises(DataValidationError) as exc:
        build_region(write_source(tmp_path / "a", kel=kel), "64.74")
    (p,) = exc.value.report.problems
    assert p.code == "village_kecamatan_missing" and "64.74.02" in p.message_en
    with pytest.raises(DataValidationError) as exc:
        build_region(write_source(tmp_path / "b", kel={"64.74": []}), "64.74")
    assert codes_of(exc) == ["region_no_villages"]


def test_duplicate_village_codes(tmp_path):
    kel = {"64.74": [*KEL["64.74"], KEL["64.74"][0]]}
    with pytest.raises(DataValidationError) as exc:
        build_region(write_source(tmp_path / "src", kel=kel), "64.74")
    assert codes_of(exc) == ["duplicate_code"]


def test_build_geodata_writes_nothing_when_one_region_is_bad(tmp_path, source):
    out = tmp_path / "out"
    _kel(source).write_text("INSERT INTO wilayah_boundaries(kode,nama,lat,lng,path) VALUES\n")
    with pytest.raises(DataValidationError):
        build_geodata(source, ["64.01", "64.74"], out)
    assert not out.exists()


def test_build_geodata_writes_layers_index_and_licence(tmp_path, source):
    out = tmp_path / "out"
    entries = build_geodata(zip_source(source, tmp_path / "wb.zip"), ["64.74", "64.01"], out)
    assert [(e["code"], e["name"], e["villages"], e["desa"], e["kelurahan"], e["kecamatan"])
            for e in entries] == [("64.74", "Kota Contoh", 2, 0, 2, 1),
                                  ("64.01", "Kabupaten Contoh", 3, 2, 1, 2)]  # fmt: skip
    index = json.loads((out / "regions.json").read_text())
    assert [e["code"] for e in index] == ["64.01", "64.74"]
    assert sorted(p.name for p in (out / "64.74").iterdir()) == [
        "kecamatan.geojson",
        "regency.geojson",
        "villages.geojson",
    ]
    assert (out / "LICENSE-wilayah_boundaries").read_text().startswith("MIT")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no staging left behind


# --- the real source, re-laid in the published layout ------------------------------------------------


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ boundary source not present")
def test_real_regency_and_city_from_the_published_layout(tmp_path):
    """Kota Batu (35.79) and Kabupaten Pringsewu (18.10) of the shared copy (MIT), renamed as published."""
    root = tmp_path / "wilayah_boundaries-main"
    for prov, code in (("35", "35.79"), ("18", "18.10")):
        for layer in ("kab", "kec"):
            target = root / f"db/{layer}/wilayah_boundaries_{layer}_{prov}.sql"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(SHARED / layer / f"{prov}.sql", target)
        target = root / f"db/kel/{prov}/wilayah_boundaries_kel_{code}.sql"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SHARED / "kel" / prov / f"{code}.sql", target)
    for path in (root, zip_source(root, tmp_path / "wilayah_boundaries-main.zip")):
        result = build_all(path, ["35.79", "18.10"])
        got = [(b["name"], len(b["villages"]), len(b["kecamatan"])) for b in result["regions"]]
        assert got == [("Kota Batu", 24, 3), ("Kabupaten Pringsewu", 131, 9)]
