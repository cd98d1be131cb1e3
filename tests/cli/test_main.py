"""``ilp-dash`` itself (ilp_dash/cli/main.py): ``regions`` and ``validate --matches``.

The bad-input corpus through ``validate`` (what a user reads on the terminal) is
a data test beside the loader half, ``tests/data/test_bad_input.py``; the bundled
sample folders passing ``validate`` are in ``tests/data/test_sample_data.py``.
"""

from __future__ import annotations

import json

from ilp_dash.cli import main

from ..io.test_geodata import EXPECTED

# --- regions -------------------------------------------------------------------


def test_regions_json_reports_counts(capsys):
    assert main(["regions", "--json"]) == 0
    out = {e["code"]: (e["villages"], e["kecamatan"]) for e in json.loads(capsys.readouterr().out)}
    assert out == EXPECTED


# --- validate ------------------------------------------------------------------


def test_match_report_says_how_each_row_matched(write, jepara, tmp_path):
    from ilp_dash.cli import main

    p = write(
        "m.csv",
        "nama_posyandu,kode_desa,desa,kecamatan\n"
        "A,3320012001,,\nB,,Bulakbaru,Kedung\nC,,Kedungmalng,Kedung\nD,,Desaku,Kedung\n",
    )
    out = tmp_path / "matches.csv"
    assert main(["validate", "--region", "33.20", "--posyandu", str(p), "--matches", str(out)]) == 1
    import pandas as pd

    rep = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert rep[["baris", "cara", "kode_desa"]].values.tolist() == [
        ["2", "kode", "33.20.01.2001"],
        ["3", "nama", "33.20.01.2010"],
        ["4", "fuzzy", "33.20.01.2001"],
        ["5", "tidak cocok", ""],
    ]
