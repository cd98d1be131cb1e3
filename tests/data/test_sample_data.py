"""Data tests: every bundled sample folder passes its contract, and says it is synthetic."""

import filecmp

import openpyxl
import pytest

from ilp_dash.analysis.coverage import village_ilp
from ilp_dash.cli import main
from ilp_dash.io.dataset import load_folder
from ilp_dash.sample.generator import generate_region

from ..conftest import ROOT

DATA = ROOT / "data"
REGIONS = ["33.20", "35.03", "35.79", "18.10"]
SSGI_2022 = {"33.20": 18.2, "35.03": 19.5, "35.79": 25.2, "18.10": 16.2}


@pytest.fixture(scope="module", params=REGIONS)
def ds(request):
    return request.param, load_folder(request.param, DATA / request.param)


@pytest.mark.parametrize("code", REGIONS)
def test_validate_cli_exits_zero(code, capsys):
    assert main(["validate", "--region", code, "--data", str(DATA / code)]) == 0
    assert "No problems found" in capsys.readouterr().out


def test_folders_load_clean_and_synthetic(ds):
    code, d = ds
    assert d.report.errors == [] and d.report.warnings == []
    assert set(d.facilities) == {"posyandu", "pustu", "puskesmas", "hospitals", "ambulances"}
    assert d.synthetic
    vil = set(d.region.villages["kode"])
    for frame in d.facilities.values():
        assert set(frame["kode_desa"].dropna()) <= vil
        assert frame.geometry.notna().all() and not frame.geometry.is_empty.any()
    assert set(d.population["kode_desa"]) == vil
    months = sorted(d.stunting["bulan"].unique())
    assert len(months) == 12 and months[0] == "2024-06" and months[-1] == "2025-05"
    assert (d.stunting["stunting"] <= d.stunting["diukur"]).all()


def test_stunting_calibrated_and_has_small_denominators(ds):
    code, d = ds
    s = d.stunting
    rate = 100 * s["stunting"].sum() / s["diukur"].sum()
    assert rate == pytest.approx(SSGI_2022[code], abs=1.0)
    per_village = s.groupby("kode_desa")["diukur"].mean()
    assert per_village.min() < 0.5 * per_village.median()


def test_jepara_matches_reported_figures():
    d = load_folder("33.20", DATA / "33.20")
    pos = d.facilities["posyandu"]
    assert len(pos) == 1139 and pos["kader"].sum() == 6443
    cov = village_ilp(d.region.villages["kode"], pos, "2024-06")
    assert cov["posyandu_ilp"].sum() == 232
    totals = [
        village_ilp(d.region.villages["kode"], pos, f"{y}-{m:02d}")["posyandu_ilp"].sum()
        for y, m in [(2024, 6), (2024, 7), (2024, 9), (2024, 12), (2025, 3), (2025, 5)]
    ]
    assert totals == sorted(totals) and totals[-1] > 0.9 * 1139
    pkm = d.facilities["puskesmas"]
    assert len(pkm) == 22 and pkm["lokasi_perkiraan"].all()
    assert {"Puskesmas Karimunjawa", "Puskesmas Keling II", "Puskesmas Pakis Aji"} <= set(
        pkm["nama"]
    )
    assert set(d.facilities["hospitals"]["nama"]) == {"RSUD R.A. Kartini", "RSUD Kelet"}
    amb = d.facilities["ambulances"]
    assert {"Puskesmas Batealit", "Puskesmas Keling II", "Puskesmas Mayong I"} <= set(
        amb["pangkalan"]
    )
    assert amb["lat"].notna().all()
    pustu = d.facilities["pustu"]
    assert 0.7 * 195 <= len(pustu) <= 195


def test_trenggalek_ilp_in_84_villages():
    d = load_folder("35.03", DATA / "35.03")
    pos = d.facilities["posyandu"]
    last = max(pos["bulan_ilp"].dropna())
    cov = village_ilp(d.region.villages["kode"], pos, last)
    assert (cov["posyandu_ilp"] > 0).sum() == 84


@pytest.mark.parametrize("code", REGIONS)
def test_every_file_says_synthetic(code):
    folder = DATA / code
    for path in folder.iterdir():
        if path.suffix == ".csv":
            assert path.read_text(encoding="utf-8").startswith("# DATA CONTOH SINTETIS"), path
        elif path.suffix == ".xlsx":
            ws = openpyxl.load_workbook(path, read_only=True).worksheets[0]
            assert "SINTETIS" in str(next(ws.iter_rows(values_only=True))[0]), path
        elif path.suffix == ".md":
            assert "SINTETIS" in path.read_text(encoding="utf-8").upper(), path
    assert "SYNTHETIC" in (DATA / "README.md").read_text(encoding="utf-8").upper()


def test_generator_is_reproducible(tmp_path):
    generate_region("35.79", tmp_path / "35.79")
    for path in (DATA / "35.79").iterdir():
        assert filecmp.cmp(path, tmp_path / "35.79" / path.name, shallow=False), path.name
