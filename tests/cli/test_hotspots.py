"""``ilp-dash hotspots`` (ilp_dash/cli/hotspots.py): input tables, boundary files, errors."""

from io import StringIO

import numpy as np
import pandas as pd
import pytest

from ilp_dash import policy
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


SAMPLE = ROOT / "data" / "33.20" / "stunting_desa.csv"


def _run(capsys, *extra: str) -> tuple[pd.DataFrame, str]:
    assert main(["hotspots", "--input", str(SAMPLE), "--region", "33.20", *extra]) == 0
    captured = capsys.readouterr()
    return pd.read_csv(StringIO(captured.out), dtype={"kode_desa": str}), captured.err


def test_cli_monthly_sample_to_stdout(capsys):
    table, err = _run(capsys, "--seed", "1")
    assert len(table) == 195
    hot = set(table.loc[table["class"] == "hot", "desa"])
    assert {"Tempur", "Tanggul Tlare"} <= hot  # the generator's planted centres (data/README.md)
    assert "DATA CONTOH SINTETIS" in err and "2025-05" in err  # the month analysed is named
    assert "--permutations auto" not in err  # 'auto' is the default: enough for the FDR


def test_cli_warns_when_fewer_permutations_than_the_fdr_needs(capsys):
    _, err = _run(capsys, "--permutations", "999", "--significance", "permutation")
    assert "--permutations auto (7719)" in err  # 2 × 193 tested / 0.05 − 1 (2 villages < 20)


def test_cli_month_is_never_summed(capsys):
    """A village × month table: the latest month by default, or the one asked — never the sum."""
    raw = pd.read_csv(SAMPLE, comment="#", dtype={"kode_desa": str, "bulan": str})
    latest, _ = _run(capsys)
    june, err = _run(capsys, "--month", "2024-06")
    for table, month in ((latest, "2025-05"), (june, "2024-06")):
        rows = raw[raw["bulan"] == month].set_index("kode_desa")
        got = table.set_index("kode_desa")
        assert got["diukur"].equals(rows["diukur"].reindex(got.index).astype(got["diukur"].dtype))
        # Kedungmalang by hand: 165 measured, 24 stunted in 2025-05; 226 and 22 in 2024-06
    assert latest.set_index("kode_desa").loc["33.20.01.2001", ["diukur", "stunting"]].tolist() == [
        165,
        24,
    ]
    assert june.set_index("kode_desa").loc["33.20.01.2001", "rate_crude"] == round(22 / 226, 4)
    assert "2024-06" in err


def test_cli_without_seed_gives_the_same_answer_every_run(capsys):
    first, _ = _run(capsys)
    second, _ = _run(capsys)
    pd.testing.assert_frame_equal(first, second)


def test_cli_equals_the_screens(capsys):
    """Without options the command computes what the screens show (tests/test_one_truth.py: all regions)."""
    from ilp_dash.region import results

    table, _ = _run(capsys)
    screen = results.hotspots("33.20")
    assert table["class"].tolist() == screen["class"].tolist()
    assert table["rate_eb"].tolist() == screen["rate_eb"].round(4).tolist()


def test_cli_help_names_the_default_seed(capsys):
    with pytest.raises(SystemExit):
        main(["hotspots", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"bawaan {policy.HOTSPOT_SEED}" in out and "depart" in out


@pytest.mark.parametrize(
    "month, code, message",
    [
        ("2023-01", 1, "bulan 2023-01 tidak ada di tabel stunting"),
        ("2024-13", 2, "bukan bulan YYYY-MM"),
        ("Juni", 2, "not a month YYYY-MM"),
    ],
)
def test_cli_bad_month(capsys, month, code, message):
    if code == 2:
        with pytest.raises(SystemExit) as exc:
            main(["hotspots", "--input", str(SAMPLE), "--region", "33.20", "--month", month])
        assert exc.value.code == 2
    else:
        assert (
            main(["hotspots", "--input", str(SAMPLE), "--region", "33.20", "--month", month]) == 1
        )
    err = capsys.readouterr().err
    assert message in err
    if code == 1:
        assert "not in the stunting table" in err and "2025-05" in err


def test_cli_month_of_a_totals_table_is_refused(tmp_path, capsys):
    src = tmp_path / "t.csv"
    src.write_text("kode_desa,diukur,stunting\n33.20.01.2001,10,2\n", encoding="utf-8")
    args = ["hotspots", "--input", str(src), "--region", "33.20", "--month", "2024-06"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "tanpa kolom bulan" in err and "no month column" in err


def test_cli_child_rows_are_counted_per_month(tmp_path, capsys):
    """Two months of child rows: the latest month's children only, one row per child measured."""
    head = "kode_desa,jk,tgl_lahir,tgl_ukur,tinggi,cara_ukur\n"
    rows = [
        "33.20.01.2001,L,2022-01-15,2024-05-10,70.0,berdiri",  # May: not counted
        "33.20.01.2001,L,2022-01-15,2024-06-10,95.0,berdiri",
        "33.20.01.2001,P,2021-06-01,2024-06-11,75.0,berdiri",  # very short: stunted
    ]
    src = tmp_path / "anak.csv"
    src.write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    assert (
        main(
            ["hotspots", "--input", str(src), "--region", "33.20", "--out", str(tmp_path / "o.csv")]
        )
        == 0
    )
    table = pd.read_csv(tmp_path / "o.csv", dtype={"kode_desa": str}).set_index("kode_desa")
    assert table.loc["33.20.01.2001", ["diukur", "stunting"]].tolist() == [2, 1]
    assert "2024-06" in capsys.readouterr().err


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
