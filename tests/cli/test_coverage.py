"""``ilp-dash coverage`` (ilp_dash/cli/coverage.py) on the bundled Jepara sample."""

import pandas as pd


def test_cli_coverage_summary(tmp_path, capsys):
    from ilp_dash.cli import main

    out = tmp_path / "cov.csv"
    assert main(["coverage", "--region", "33.20", "--summary", "--out", str(out)]) == 0
    comp = pd.read_csv(out)
    kab = comp[comp.tingkat == "kabupaten"].iloc[0]
    # the sample data reaches 1,105 of 1,139 ILP Posyandu in 2025-05
    assert (kab.posyandu, kab.posyandu_ilp, kab.gap_posyandu, kab.bulan) == (
        1139,
        1105,
        34,
        "2025-05",
    )
    assert len(comp[comp.tingkat == "desa"]) == 195 and len(comp[comp.tingkat == "kecamatan"]) == 16
    assert "DATA CONTOH SINTETIS" in capsys.readouterr().err
