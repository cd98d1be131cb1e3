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
        "nama_posyandu,kode_desa,desa,kecamatan,lintang,bujur\n"
        "A,3320012001,,,,\nB,,Bulakbaru,Kedung,,\nC,,Kedungmalng,Kedung,,\nD,,Desaku,Kedung,,\n"
        "E,,Kedungmalng,Kedung,,\nF,,,,-6.70989,110.61781\nG,,Kedung malng,kedung,,\n",
    )
    out = tmp_path / "matches.csv"
    assert main(["validate", "--region", "33.20", "--posyandu", str(p), "--matches", str(out)]) == 1
    import pandas as pd

    rep = pd.read_csv(out, dtype=str, keep_default_na=False)
    # one line per distinct name as written (case and spaces aside), in the order first seen;
    # the Posyandu placed by its point (row 7) is listed with the village it falls in
    assert rep[
        ["desa_tertulis", "jumlah_baris", "baris", "cara", "skor", "kode_desa", "desa"]
    ].values.tolist() == [
        ["", "1", "2", "kode", "100.0", "33.20.01.2001", "Kedungmalang"],
        ["Bulakbaru", "1", "3", "nama", "100.0", "33.20.01.2010", "Bulak Baru"],
        [
            "Kedungmalng",
            "3",
            "4; 6; 8",
            "fuzzy",
            "95.7",
            "33.20.01.2001",
            "Kedungmalang",
        ],  # 2·11/23
        ["Desaku", "1", "5", "tidak cocok", "0.0", "", ""],
        ["", "1", "7", "koordinat", "", "33.20.01.2001", "Kedungmalang"],
    ]
    assert rep.loc[4, ["nama", "lintang", "bujur"]].tolist() == ["F", "-6.70989", "110.61781"]
