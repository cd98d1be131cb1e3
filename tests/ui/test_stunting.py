"""Pure builders of the stunting screen on tiny frames whose answers are worked out by hand.

Fixture (five villages):

====  ======  ========  =====  ========  ===========  =====  =====  ======
kode  diukur  stunting  crude  rate_eb   class        small  gi_z   gi_q
====  ======  ========  =====  ========  ===========  =====  =====  ======
A     100     30        0.30   0.28      hot          no      3.10  0.010
B     200     20        0.10   0.11      cold         no     -2.50  0.020
C     50      10        0.20   0.19      not sig.     no      0.40  0.700
D     8       3         0.375  0.21      not sig.     yes     1.00  NaN
E     0       0         NaN    0.18      not sig.     yes     NaN   NaN
====  ======  ========  =====  ========  ===========  =====  =====  ======

class index: A hot 0, B cold 1, C 2, D fewer than 20 measured 3, E nothing measured NaN.
"""

import math

import numpy as np
import pandas as pd
import pytest

from ilp_dash.ui import stunting as sv
from ilp_dash.ui import stunting_priority as sp
from ilp_dash.ui import stunting_table as st
from ilp_dash.ui.maps import OKABE_ITO

NAN = float("nan")
H = pd.DataFrame(
    {
        "kode_desa": ["A", "B", "C", "D", "E"],
        "diukur": [100, 200, 50, 8, 0],
        "stunting": [30, 20, 10, 3, 0],
        "rate_crude": [0.30, 0.10, 0.20, 0.375, NAN],
        "rate_eb": [0.28, 0.11, 0.19, 0.21, 0.18],
        "eb_lower": [0.20, 0.07, 0.10, 0.105171, 0.05],
        "eb_upper": [0.40, 0.16, 0.30, 0.347395, 0.40],
        "gi_z": [3.10, -2.50, 0.40, 1.00, NAN],
        "gi_q": [0.010, 0.020, 0.700, NAN, NAN],
        "small_n": [False, False, False, True, True],
        "class": ["hot", "cold", "not significant", "not significant", "not significant"],
    }
)
VIL = pd.DataFrame(
    {
        "kode": ["A", "B", "C", "D", "E"],
        "nama": ["Alas", "Bumi", "Cepu", "Dawe", "Ekor"],
        "kecamatan": ["K1", "K1", "K2", "K2", "K2"],
    }
)


def test_class_index_small_n_wins_and_nothing_measured_is_nan():
    idx = sv.class_index(H)
    assert idx[:4].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert math.isnan(idx[4])
    assert sv.class_counts(H) == {"hot": 1, "cold": 1, "not significant": 1, "few": 1}


def test_hotspot_scale_maps_index_to_colour_blind_safe_colours():
    scale = sv.hotspot_scale("id")
    assert (scale.zmin, scale.zmax) == (-0.5, 3.5)
    assert scale.colors[0] == OKABE_ITO["vermillion"] and scale.colors[1] == OKABE_ITO["blue"]
    assert scale.categories == (
        "hotspot (tinggi)",
        "coldspot (rendah)",
        "tidak bermakna",
        "diukur < 20 anak",
    )
    # index i is drawn with colour i: stops [i/4, c_i], [(i+1)/4, c_i]
    for i, c in enumerate(sv.CLASS_COLORS):
        assert scale.colorscale[2 * i] == [i / 4, c] and scale.colorscale[2 * i + 1] == [
            (i + 1) / 4,
            c,
        ]
    # "few measured" is not the grey of "no data", and no two classes share a colour
    assert len(set(sv.CLASS_COLORS)) == 4 and "#d9d9d9" not in [c.lower() for c in sv.CLASS_COLORS]
    assert sv.hotspot_scale("en", 15).categories[3] == "< 15 children measured"


def test_prevalence_values_percent_and_shared_range():
    assert sv.prevalence_values(H, "crude")[:4] == pytest.approx([30.0, 10.0, 20.0, 37.5])
    assert sv.prevalence_values(H, "eb")[:4] == pytest.approx([28.0, 11.0, 19.0, 21.0])
    assert math.isnan(
        sv.prevalence_values(H, "eb")[4]
    )  # E: nothing measured, although EB gave the prior
    assert sv.prevalence_zmax(H) == 40.0  # 37.5 rounded up to 5
    assert sv.prevalence_zmax(H.assign(rate_crude=[0.40, 0, 0, 0, 0])) == 40.0  # exactly on a step
    assert sv.prevalence_zmax(H.assign(rate_crude=[0.401, 0, 0, 0, 0])) == 45.0


def _ops(patch) -> dict:
    return {
        tuple(o["location"]): o["params"]["value"] for o in patch.to_plotly_json()["operations"]
    }


def test_map_patch_touches_only_trace_1_values_and_keeps_colour_bar_inside():
    ops = _ops(sv.map_patch(H, "prevalence", "crude", "id", 40.0))
    assert {loc[:2] for loc in ops} == {("data", 1)}
    assert not any("geojson" in loc or "locations" in loc for loc in ops)
    assert ops[("data", 1, "z")] == [30.0, 10.0, 20.0, 37.5, None]
    assert ops[("data", 1, "zmax")] == 40.0
    assert ops[("data", 1, "colorbar")]["x"] == 0.99  # last assignment wins
    hot = _ops(sv.map_patch(H, "hotspots", "crude", "en", 40.0))
    assert hot[("data", 1, "z")] == [0.0, 1.0, 2.0, 3.0, None]
    assert hot[("data", 1, "customdata")] == [
        "hot spot (high)",
        "cold spot (low)",
        "not significant",
        "< 20 children measured",
        "–",
    ]
    inset = _ops(
        sv.map_patch(H, "prevalence", "eb", "id", 40.0, subset=np.array([0, 0, 0, 1, 1], bool))
    )
    assert inset[("data", 1, "z")] == [21.0, None]


def test_hover_gives_counts_and_eb_interval():
    names = sv.hover_names(VIL, H, "id")
    assert names[0] == (
        "<b>Alas</b><br>Kec. K1<br>diukur 100 · stunting 30<br>kasar 30,0% · EB 28,0% "
        "(20,0%–40,0%)<br>Gi* z 3,10 · q 0,010"
    )
    # D: small, untested: interval but no Gi* line
    assert names[3].endswith("kasar 37,5% · EB 21,0% (10,5%–34,7%)")
    assert names[4].endswith("tidak ada anak diukur")
    assert "measured 100 · stunted 30" in sv.hover_names(VIL, H, "en")[0]


def test_uncertain_layer_holds_only_small_measured_villages():
    names = sv.hover_names(VIL, H, "id")
    t = sv.uncertain_trace(VIL, H, geo_url="/geo/x/1.json", names=names, lang="id")
    assert list(t.locations) == ["D"]  # E measured nobody: it is "no data", not "uncertain"
    assert t.geojson == "/geo/x/1.json" and t.showlegend
    assert t.colorscale[0][1] == sv.UNCERTAIN_FILL == sv.CLASS_COLORS[3]
    empty = sv.uncertain_trace(
        VIL, H, geo_url="/g", names=names, lang="id", mask=np.array([1, 1, 1, 0, 0], bool)
    )
    assert list(empty.locations) == [] and not empty.showlegend


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


def test_fit_view_centres_in_the_free_strip():
    # 0.703125° of longitude = 1 px at zoom 0; fill 1024 px → zoom 10; a 100 px inset moves the centre 50 px west
    bounds = (-0.3515625, -1e-6, 0.3515625, 1e-6)
    center, zoom = sv.fit_view(bounds, width_px=1024, height_px=500, fill=1.0)
    assert zoom == pytest.approx(10.0) and center["lon"] == pytest.approx(0.0)
    center, zoom = sv.fit_view(bounds, width_px=1124, height_px=500, left_px=100, fill=1.0)
    assert zoom == pytest.approx(10.0)
    assert center["lon"] == pytest.approx(-50 * 360 / (512 * 1024))


def test_significance_text_states_the_rule():
    attrs = {
        "month": "2025-05",
        "permutations": 7719,
        "alpha": 0.05,
        "tested": 193,
        "k": 4,
        "min_measured": 20,
        "knn_villages": ["x"],
    }
    text = sv.significance_text(attrs, "id")
    for part in (
        "Mei 2025",
        "7.719 permutasi",
        "FDR 5%",
        "193 desa",
        "Benjamini–Hochberg",
        "4 desa terdekat",
        "< 20 anak",
    ):
        assert part in text
    en = sv.significance_text({**attrs, "knn_villages": []}, "en")
    assert "7,719 conditional permutations" in en and "island" not in en
    assert "40% EB stunting" in sp.priority_explanation("en")
