"""The Cakupan ILP screen's layout builders (ilp_dash.ui.coverage_layout): the kecamatan table."""

import numpy as np
import pandas as pd

from ilp_dash.region import results, store
from ilp_dash.ui import coverage_layout as cl


# ------------------------------------------------------------------ kecamatan totals
def test_kecamatan_totals_lowest_share_first():
    t = pd.DataFrame(
        {
            "bulan": ["2025-05"] * 4 + ["2025-04"],
            "kode": ["k1", "k2", "k3", "k4", "k1"],
            "nama": ["Satu", "Dua", "Tiga", "Empat", "Satu"],
            "posyandu": [10, 4, 0, 8, 10],
            "posyandu_ilp": [10, 1, 0, 4, 2],
            "persen_ilp": [100.0, 25.0, np.nan, 50.0, 20.0],
            "gap_posyandu": [0, 3, 0, 4, 8],
        }
    )
    out = cl.kecamatan_totals(t, "2025-05")
    assert out["nama"].tolist() == ["Dua", "Empat", "Satu", "Tiga"]
    table = cl.kecamatan_table(out, "id", selected="k4")
    body = table.children[1].children
    assert [r.children[0].children for r in body] == ["Dua", "Empat", "Satu", "Tiga"]
    assert [r.className for r in body] == [None, "ck-selected-row", None, None]
    assert body[0].children[1].children == "1 / 4"


def test_jepara_kecamatan_totals_add_up_to_the_regency():
    month = results.report_months("33.20")[-1]
    totals = cl.kecamatan_totals(results.level_totals("33.20", "kecamatan"), month)
    assert len(totals) == 16
    shares = totals["persen_ilp"].to_numpy()
    assert (np.diff(shares) >= 0).all()
    pos = store.dataset("33.20").facilities["posyandu"]
    assert totals["posyandu"].sum() == len(pos)
