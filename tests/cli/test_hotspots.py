"""``ilp-dash hotspots`` (ilp_dash/cli/hotspots.py): input tables, boundary files, errors."""

from io import StringIO

import numpy as np
import pandas as pd
import pytest

from ilp_dash.analysis.weights import village_weights
from ilp_dash.cli import main

from ..conftest import ROOT


@pytest.fixture(scope="module")
def jw(jepara):
    return village_weights(jepara.villages)


def test_cli_totals_with_english_headers(tmp_path, jw):
    rng = np.random.default_rng(2)
    n = rng.integers(30, 200, jw.n)
    src = tmp_path / "totals.csv"
    pd.DataFrame({"village_code": jw.ids, "measured": n, "stunted": rng.binomial(n, 0.2)}).to_csv(
        src, index=False
    )
    out = tmp_path / "hot.csv"
    assert (
        main(
            ["hotspots", "--input", str(src), "--region", "33.20", "--seed", "4", "--out", str(out)]
        )
        == 0
    )
    table = pd.read_csv(out, dtype={"kode_desa": str})
    assert len(table) == 195 and table["kode_desa"].tolist() == list(jw.ids)
    for col in (
        "rate_crude",
        "rate_eb",
        "eb_lower",
        "eb_upper",
        "gi_z",
        "gi_p",
        "gi_fdr_significant",
        "class",
    ):
        assert col in table.columns
    assert table.loc[0, "desa"] == "Kedungmalang"


def test_cli_monthly_sample_to_stdout(capsys):
    assert (
        main(
            [
                "hotspots",
                "--input",
                str(ROOT / "data" / "33.20" / "stunting_desa.csv"),
                "--region",
                "33.20",
                "--seed",
                "1",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    table = pd.read_csv(StringIO(captured.out))
    assert len(table) == 195
    hot = set(table.loc[table["class"] == "hot", "desa"])
    assert {"Tempur", "Tanggul Tlare"} <= hot  # the generator's planted centres (data/README.md)
    assert "DATA CONTOH SINTETIS" in captured.err and "--permutations auto (7799)" in captured.err


def test_cli_with_boundary_file(tmp_path, jepara, capsys):
    kedung = jepara.villages[jepara.villages["kecamatan"] == "Kedung"]
    bnd = tmp_path / "kedung.geojson"
    kedung.to_file(bnd, driver="GeoJSON")
    src = tmp_path / "kedung.csv"
    pd.DataFrame({"kode_desa": kedung["kode"], "diukur": 100, "stunting": 20}).to_csv(
        src, index=False
    )
    assert (
        main(["hotspots", "--input", str(src), "--boundaries", str(bnd), "--permutations", "auto"])
        == 0
    )
    table = pd.read_csv(StringIO(capsys.readouterr().out))
    assert len(table) == len(kedung)
    assert (table["class"] == "not significant").all()  # identical rates: nothing to find


@pytest.mark.parametrize(
    "rows, extra, message",
    [
        (
            "village_code,measured,stunted\n33.20.01.2001,10,12\n",
            [],
            "Stunted children (12) exceed",
        ),
        ("village_code,measured,stunted\n33.20.99.2001,10,2\n", [], "33.20.99.2001"),
        ("village_code,measured\n33.20.01.2001,10\n", [], "stunting"),
        (
            "village_code,measured,stunted\n33.20.01.2001,10,2\n33.20.01.2001,5,1\n",
            [],
            "already used on row 2",
        ),
        ("village_code,measured,stunted\n33.20.01.2001,10,2\n", ["--region", "99.99"], "99.99"),
        ("village_code,measured,stunted\n33.20.01.2001,10,2\n", ["--alpha", "2"], "alpha"),
    ],
)
def test_cli_errors(tmp_path, capsys, rows, extra, message):
    src = tmp_path / "bad.csv"
    src.write_text(rows, encoding="utf-8")
    region = [] if "--region" in extra else ["--region", "33.20"]
    assert main(["hotspots", "--input", str(src), *region, *extra]) == 1
    assert message in capsys.readouterr().err


def test_cli_needs_region_or_boundaries(tmp_path, capsys):
    src = tmp_path / "t.csv"
    src.write_text("kode_desa,diukur,stunting\n33.20.01.2001,10,2\n", encoding="utf-8")
    assert main(["hotspots", "--input", str(src)]) == 1
    assert "--region" in capsys.readouterr().err


def test_cli_boundary_file_with_two_regencies_needs_region(tmp_path, jepara, capsys):
    two = jepara.villages.iloc[:2].copy()
    two.loc[two.index[1], "kode"] = "33.21.01.2001"
    bnd = tmp_path / "two.geojson"
    two.to_file(bnd, driver="GeoJSON")
    src = tmp_path / "t.csv"
    src.write_text("kode_desa,diukur,stunting\n33.20.01.2001,10,2\n", encoding="utf-8")
    assert main(["hotspots", "--input", str(src), "--boundaries", str(bnd)]) == 1
    assert "33.20, 33.21" in capsys.readouterr().err
