"""The stunting screen's priority list (ilp_dash.ui.stunting_priority) on villages worked out by hand."""

import math

import numpy as np
import pandas as pd
import pytest

from ilp_dash.ui import stunting_priority as sp

from .conftest import NAN, VIL, H


def test_priority_inputs_from_hotspots_coverage_and_referral():
    cov = pd.DataFrame(
        {"persen_ilp": [100.0, 50.0, NAN, 0.0, 100.0]}, index=pd.Index(list("EDCBA"), name="kode")
    )
    ref = pd.DataFrame(
        {"kode_desa": ["A", "B", "C", "D"], "menit_total": [30.0, 150.0, np.inf, 10.0]}
    )
    x = sp.priority_inputs(H, cov, ref)
    assert x["hotspot"].tolist() == [True, False, False, False, False]
    assert x["persen_ilp"].tolist()[:2] == [100.0, 0.0] and math.isnan(x["persen_ilp"][2])
    assert x["menit_rujukan"].tolist()[:4] == [30.0, 150.0, np.inf, 10.0] and math.isnan(
        x["menit_rujukan"][4]
    )
    # small villages never count as hot, even if their class says so
    assert not sp.priority_inputs(H.assign(**{"class": ["hot"] * 5}), None, None)["hotspot"][3]
    assert list(sp.priority_inputs(H, None, None).columns) == ["kode_desa", "rate_eb", "hotspot"]


def test_priority_rows_and_csv_worked_by_hand():
    """Three villages of tests/test_priority.py: scores A 5, B 90, C 60 (weights 0.4/0.2/0.2/0.2)."""
    from ilp_dash.analysis.priority import priority_index

    h = pd.DataFrame(
        {
            "kode_desa": ["A", "B", "C"],
            "diukur": [100, 50, 80],
            "stunting": [10, 15, 16],
            "rate_eb": [0.10, 0.30, 0.20],
            "small_n": [False] * 3,
            "class": ["cold", "hot", "not significant"],
        }
    )
    cov = pd.DataFrame({"persen_ilp": [100.0, 50.0, NAN]}, index=["A", "B", "C"])
    ref = pd.DataFrame({"kode_desa": ["A", "B", "C"], "menit_total": [30.0, 150.0, np.inf]})
    full = sp.priority_frame(priority_index(sp.priority_inputs(h, cov, ref)), VIL.iloc[:3], h)
    assert full["kode_desa"].tolist() == ["B", "C", "A"]
    assert full["skor"].tolist() == pytest.approx([90.0, 60.0, 5.0])
    rows = sp.priority_rows(full, "id", top=2)
    assert rows == [
        {
            "peringkat": 1,
            "desa": "Bumi",
            "kecamatan": "K1",
            "skor": 90.0,
            "k_stunting": 1.0,
            "k_hotspot": 1.0,
            "k_ilp_gap": 0.5,
            "k_rujukan": 1.0,
            "eb": 30.0,
            "ilp": 50.0,
            "menit": 150.0,
        },
        {
            "peringkat": 2,
            "desa": "Cepu",
            "kecamatan": "K2",
            "skor": 60.0,
            "k_stunting": 0.5,
            "k_hotspot": 0.0,
            "k_ilp_gap": 1.0,
            "k_rujukan": 1.0,
            "eb": 20.0,
            "ilp": None,
            "menit": None,
        },
    ]
    lines = sp.priority_csv(full).splitlines()
    assert lines[0] == (
        "peringkat,kode_desa,desa,kecamatan,skor,k_stunting,k_hotspot,k_ilp_gap,k_rujukan,komponen,"
        "diukur,stunting,persen_stunting_eb,hotspot,persen_ilp,menit_rujukan"
    )
    assert lines[3] == "3,A,Alas,K1,5.0,0.0,0.0,0.0,0.25,4,100,10,10.0,False,100.0,30.0"
    assert len(lines) == 4
    assert {c["id"] for c in sp.priority_columns("id")} >= {
        "skor",
        "k_stunting",
        "k_hotspot",
        "k_ilp_gap",
        "k_rujukan",
    }
