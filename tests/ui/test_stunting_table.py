"""The stunting screen's hotspot table (ilp_dash.ui.stunting_table) on the five villages of tests/ui/conftest.py."""

import pandas as pd

from ilp_dash.ui import stunting_table as st

from .conftest import VIL, H


def test_hotspot_rows_significant_only_hot_first():
    h = pd.concat(
        [
            H,
            pd.DataFrame(
                {
                    "kode_desa": ["F"],
                    "diukur": [300],
                    "stunting": [120],
                    "rate_crude": [0.40],
                    "rate_eb": [0.39],
                    "eb_lower": [0.34],
                    "eb_upper": [0.45],
                    "gi_z": [4.0],
                    "gi_q": [0.005],
                    "small_n": [False],
                    "class": ["hot"],
                }
            ),
        ],
        ignore_index=True,
    )
    vil = pd.concat(
        [VIL, pd.DataFrame({"kode": ["F"], "nama": ["Fajar"], "kecamatan": ["K3"]})],
        ignore_index=True,
    )
    rows = st.hotspot_rows(vil, h, "id")
    assert [r["kode"] for r in rows] == ["F", "A", "B"]  # hot by z (4.0, 3.1), then cold
    assert rows[1] == {
        "kode": "A",
        "desa": "Alas",
        "kecamatan": "K1",
        "kelas": "hotspot (tinggi)",
        "diukur": 100,
        "stunting": 30,
        "kasar": 30.0,
        "eb": 28.0,
        "interval": "20,0–40,0",
        "z": 3.1,
        "q": 0.01,
    }
    assert rows[2]["kelas"] == "coldspot (rendah)" and rows[2]["z"] == -2.5
    assert [c["id"] for c in st.hotspot_columns("en")] == [
        "desa",
        "kecamatan",
        "kelas",
        "diukur",
        "stunting",
        "kasar",
        "eb",
        "interval",
        "z",
        "q",
    ]
