"""Priority index on three villages worked out by hand.

rate_eb 0.10, 0.30, 0.20 -> k_stunting 0, 1, 0.5 (min-max)
hotspot  F, T, F          -> 0, 1, 0
persen_ilp 100, 50, NaN   -> k_ilp_gap 0, 0.5, 1 (no Posyandu = 1)
minutes 30, 150, inf      -> k_rujukan 0.25, 1, 1 (cap 120)
weights 0.4/0.2/0.2/0.2:
 A: 100*(0 + 0 + 0 + 0.2*0.25)      = 5
 B: 100*(0.4 + 0.2 + 0.1 + 0.2)     = 90
 C: 100*(0.2 + 0 + 0.2 + 0.2)       = 60
"""

import numpy as np
import pandas as pd
import pytest

from ilp_dash.analysis.priority import PriorityError, priority_index

V = pd.DataFrame(
    {
        "kode_desa": ["A", "B", "C"],
        "rate_eb": [0.10, 0.30, 0.20],
        "hotspot": [False, True, False],
        "persen_ilp": [100.0, 50.0, np.nan],
        "menit_rujukan": [30.0, 150.0, np.inf],
    }
)


def test_scores_and_ranks():
    out = priority_index(V).set_index("kode_desa")
    assert out["skor"].to_dict() == pytest.approx({"A": 5.0, "B": 90.0, "C": 60.0})
    assert out["peringkat"].to_dict() == {"B": 1, "C": 2, "A": 3}
    assert out.loc[
        "C", ["k_stunting", "k_hotspot", "k_ilp_gap", "k_rujukan"]
    ].tolist() == pytest.approx([0.5, 0, 1, 1])
    assert (out["komponen"] == 4).all()


def test_custom_weights_and_missing_component():
    out = priority_index(
        V.drop(columns=["hotspot"]), weights={"stunting": 1, "rujukan": 1}
    ).set_index("kode_desa")
    # A: (0 + 0.25)/2 = 12.5; B: (1 + 1)/2 = 100; C: (0.5 + 1)/2 = 75
    assert out["skor"].to_dict() == pytest.approx({"A": 12.5, "B": 100.0, "C": 75.0})
    assert (out["komponen"] == 2).all()


def test_bad_weights():
    with pytest.raises(PriorityError):
        priority_index(V, weights={"stunting": -1})
    with pytest.raises(PriorityError):
        priority_index(V, weights={"jarak": 1})
