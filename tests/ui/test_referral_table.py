"""The referral screen's village table (ilp_dash.ui.referral_table) on four villages worked out by hand."""

import numpy as np
import pandas as pd

from ilp_dash.ui import referral_table as rt


# ------------------------------------------------------------------ table
def _villages():
    return pd.DataFrame(
        {
            "desa": ["A", "B", "D", "C"],
            "kecamatan": ["K"] * 4,
            "pustu": ["S", None, "S", "S"],
            "puskesmas": ["PK"] * 4,
            "rsud": ["RS"] * 4,
            "rsud_milik": ["pemerintah", "pemerintah", "tidak diketahui", "swasta"],
            "menit_puskesmas_terdekat": [5.0, np.inf, 20.0, 20.0],
            "menit_ke_pustu": [1.0, 0.0, 2.0, 3.0],
            "km_ke_pustu": [0.66, 0.0, 1.33, 2.0],
            "menit_ke_puskesmas": [4.0, np.inf, 18.0, 17.0],
            "km_ke_puskesmas": [2.7, np.inf, 12.0, 11.3],
            "menit_ke_rsud": [30.0] * 4,
            "km_ke_rsud": [20.0] * 4,
            "menit_total": [35.0, np.inf, 50.0, 50.04],
            "km_total": [23.4, np.inf, 33.3, 33.3],
            "lewat_laut": [False, True, False, False],
        }
    )


def test_table_is_worst_first_with_ties_by_name():
    rows = rt.table_rows(_villages(), "puskesmas", "id")
    assert [r["desa"] for r in rows] == [
        "B",
        "C",
        "D",
        "A",
    ]  # unreachable first; 20 = 20 → C before D
    assert rows[0]["m_terdekat"] is None and rows[0]["laut"] == "ya" and rows[0]["pustu"] == "–"
    assert rows[-1]["k_pustu"] == 0.7 and rows[-1]["m_total"] == 35.0
    chain = rt.table_rows(_villages(), "chain", "en")
    assert [r["desa"] for r in chain] == ["B", "C", "D", "A"]  # 50.04 > 50
    assert chain[-1]["laut"] == "no"
    # the hospital's owner, in the reader's language
    assert [r["milik"] for r in rows] == ["pemerintah", "swasta", "tidak diketahui", "pemerintah"]
    assert [r["milik"] for r in chain] == ["government", "private", "unknown", "government"]
    names = {c["id"]: c["name"] for c in rt.table_columns("en")}
    assert names["milik"] == ["", "Hospital owner"]
    assert rt.owner_label(None, "id") == "–"


def test_table_columns_and_styles():
    ids = [c["id"] for c in rt.table_columns("id")]
    assert ids == [
        "desa",
        "kecamatan",
        "pustu",
        "puskesmas",
        "rsud",
        "milik",
        "m_terdekat",
        "m_pustu",
        "k_pustu",
        "m_puskesmas",
        "k_puskesmas",
        "m_rsud",
        "k_rsud",
        "m_total",
        "k_total",
        "laut",
    ]
    style = rt.table_styles("chain", 45)
    assert style[0]["if"] == {"column_id": "m_total"}
    assert style[1]["if"]["filter_query"] == "{m_total} > 45 || {m_total} is blank"
