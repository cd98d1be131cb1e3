"""``ilp-dash add-region`` (ilp_dash/cli/add_region.py): a regency and a city from the source as published.

The source is the SYNTHETIC province-64 copy of tests/io/test_wilayah_source.py
(64.01 "Kabupaten Contoh", 64.74 "KOTA CONTOH"), as a checkout folder and as
GitHub's zip. Regions go to ``ILP_REGIONS_DIR`` (a tmp folder here); the app
then lists and loads them.
"""

from __future__ import annotations

import json

import pytest

from ilp_dash.cli import main
from ilp_dash.config import settings
from ilp_dash.io.geodata import load_region, region_index

from ..io.test_geodata import EXPECTED
from ..io.test_wilayah_source import write_source, zip_source


@pytest.fixture
def regions_dir(tmp_path, monkeypatch):
    out = tmp_path / "added"
    monkeypatch.setenv("ILP_REGIONS_DIR", str(out))
    settings.cache_clear()
    yield out
    settings.cache_clear()


@pytest.fixture
def source(tmp_path):
    return write_source(tmp_path / "wilayah_boundaries")


def test_add_a_regency_and_a_city_from_a_checkout(regions_dir, source, capsys):
    assert main(["add-region", "64.01", "6474", "--source", str(source)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[:2] == [
        "64.01 Kabupaten Contoh: 3 desa/kelurahan, 2 kecamatan",
        "64.74 Kota Contoh: 2 desa/kelurahan, 1 kecamatan",
    ]
    assert str(regions_dir) in out[2]
    assert sorted(p.name for p in regions_dir.iterdir()) == [
        "64.01",
        "64.74",
        "LICENSE-wilayah_boundaries",
        "regions.json",
    ]
    # the app lists them without a code edit: the index, ilp-dash regions, the region switcher's check
    assert [e["code"] for e in region_index()] == sorted(EXPECTED) + ["64.01", "64.74"]
    assert main(["regions", "--json"]) == 0
    listed = {e["code"]: e for e in json.loads(capsys.readouterr().out)}
    assert (listed["64.74"]["name"], listed["64.74"]["villages"], listed["64.74"]["kelurahan"]) == (
        "Kota Contoh",
        2,
        2,
    )
    assert (listed["64.01"]["desa"], listed["64.01"]["kecamatan"]) == (2, 2)
    from ilp_dash.region.store import valid_region

    assert valid_region("64.74") == "64.74" and valid_region("64.72") == settings().default_region
    r = load_region("64.01")
    assert r.name == "Kabupaten Contoh" and len(r.villages) == 3


def test_add_from_the_github_zip_and_add_again(regions_dir, source, tmp_path, capsys):
    zipped = zip_source(source, tmp_path / "wilayah_boundaries-main.zip")
    assert main(["add-region", "64.74", "--source", str(zipped)]) == 0
    assert main(["add-region", "64.01", "--source", str(zipped)]) == 0
    assert main(["add-region", "64.74", "--source", str(source)]) == 0  # replaces it
    assert [e["code"] for e in json.loads((regions_dir / "regions.json").read_text())] == [
        "64.01",
        "64.74",
    ]
    assert load_region("64.74").name == "Kota Contoh"


def _bad(argv, capsys) -> str:
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    return captured.err


@pytest.mark.parametrize(
    "codes, said_id, said_en",
    [
        (["64.99"], "tidak ada di sumber", "64.01 Kabupaten Contoh, 64.74 Kota Contoh"),
        (["64.74.01"], "adalah kode kecamatan", "Use the regency/city code 64.74"),
        (["64.74.01.1001"], "kode desa/kelurahan", "is a village code"),
        (["99.01"], "kode provinsi 99", "province code 99 does not exist"),
        (["Bontang"], "bukan kode kabupaten/kota", "is not a regency/city code"),
        (["33.20"], "sudah tersedia bersama aplikasi", "already comes with the app"),
        (["64.74", "64.74.01"], "adalah kode kecamatan", "kecamatan (district) code"),
    ],
)
def test_bad_codes_write_nothing(regions_dir, source, capsys, codes, said_id, said_en):
    err = _bad(["add-region", *codes, "--source", str(source)], capsys)
    assert said_id in err and said_en in err
    assert "[GALAT]" in err and "[ERROR]" in err
    assert not regions_dir.exists()


def test_missing_and_damaged_files_write_nothing(regions_dir, source, tmp_path, capsys):
    kel = source / "db/kel/64/wilayah_boundaries_kel_64.74.sql"
    text = kel.read_text()
    kel.write_text(text[: len(text) // 2], encoding="utf-8")  # cut off
    err = _bad(["add-region", "64.01", "64.74", "--source", str(source)], capsys)
    assert "berkas terpotong" in err and "it was cut off" in err
    kel.unlink()
    err = _bad(["add-region", "64.74", "--source", str(source)], capsys)
    assert "wilayah_boundaries_kel_64.74.sql" in err and "source file for 64.74 is missing" in err
    err = _bad(["add-region", "64.74", "--source", str(tmp_path / "nowhere")], capsys)
    assert "tidak ditemukan" in err and "was not found" in err
    assert not regions_dir.exists()


def test_wrong_geometry_leaves_the_added_regions_as_they_were(regions_dir, source, capsys):
    assert main(["add-region", "64.01", "--source", str(source)]) == 0
    before = (regions_dir / "regions.json").read_text()
    capsys.readouterr()
    kel = source / "db/kel/64/wilayah_boundaries_kel_64.74.sql"
    kel.write_text(kel.read_text().replace("[0.1,117.4]", "[117.4,0.1]"), encoding="utf-8")
    err = _bad(["add-region", "64.74", "--source", str(source)], capsys)
    assert "di luar Indonesia" in err and "outside Indonesia" in err
    assert (regions_dir / "regions.json").read_text() == before
    assert sorted(p.name for p in regions_dir.iterdir() if p.is_dir()) == ["64.01"]


def test_build_geodata_reads_the_published_layout_and_reports_bad_input(source, tmp_path, capsys):
    out = tmp_path / "geodata"
    assert (
        main(["build-geodata", "--source", str(source), "--region", "64.74", "--out", str(out)])
        == 0
    )
    assert capsys.readouterr().out.startswith("64.74 Kota Contoh: 2 desa/kelurahan, 1 kecamatan")
    err = _bad(
        ["build-geodata", "--source", str(source), "--region", "64.98", "--out", str(out)], capsys
    )
    assert "Regency/city 64.98 is not in the source" in err
    assert [e["code"] for e in json.loads((out / "regions.json").read_text())] == ["64.74"]
