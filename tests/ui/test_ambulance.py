"""Ambulance planner builders (map, panels, export) on a 3-village × 3-candidate instance solved by hand.

Minutes (rows villages V1–V3, columns candidates C1–C3), population 100, 50, 30;
C1 is today's only base; standard T = 10 minutes::

         C1  C2  C3
    V1    5  20  12
    V2   25   8   9
    V3   30  14   6

Within 10 minutes C1 covers {V1}, C2 covers {V2}, C3 covers {V2, V3}.
Today: 100 of 180 covered (55.6%); mean minutes (100·5 + 50·25 + 30·30)/180 = 2650/180.
K = 2 (C1 fixed + one more): C2 adds 50, C3 adds 80 → C3 is proposed; all 180 covered;
nearest minutes 5, 9, 6 → mean 1130/180. People nearest each base: C1 100, C3 80.

The plan's own tests (state, solve, scenarios, curve numbers) are in
``tests/analysis/siting/test_plan.py``.
"""

import numpy as np
import pandas as pd
import pytest

from ilp_dash import policy
from ilp_dash.analysis.siting.plan import curve, scenario, solve_plan
from ilp_dash.region.results import SitingInputs
from ilp_dash.ui import ambulance as av
from ilp_dash.ui import ambulance_layout as al
from ilp_dash.ui import ambulance_panels as ap

MINUTES = np.array([[5.0, 20.0, 12.0], [25.0, 8.0, 9.0], [30.0, 14.0, 6.0]])


def inputs(minutes=MINUTES, base=(True, False, False)) -> SitingInputs:
    demand = pd.DataFrame({"kode": ["V1", "V2", "V3"], "penduduk": [100, 50, 30]})
    cand = pd.DataFrame(
        {
            "id": ["C1", "C2", "C3"],
            "nama": ["Puskesmas Satu", "Pustu Dua", "Rumah Sakit Tiga"],
            "jenis": ["Puskesmas", "Pustu", "Rumah sakit"],
            "lon": [110.1, 110.2, 110.3],
            "lat": [-6.1, -6.2, -6.3],
            "base": list(base),
        }
    )
    return SitingInputs(
        demand=demand, candidates=cand, minutes=minutes, sea=np.zeros_like(minutes, dtype=bool)
    )


def test_comparison_with_only_a_saved_leaves_b_and_the_difference_empty():
    a = scenario(solve_plan(inputs(), k=2, minutes=10))
    table = ap.comparison_table({"A": a}, inputs().candidates, "en")
    cells = [[td.children for td in tr.children] for tr in table.children[0].children[1].children]
    assert cells[3] == ["People covered", "180", "–", "–"]


# ------------------------------------------------------------------ export
def test_export_table_lists_current_new_and_removed_bases_with_people_covered():
    plan = solve_plan(inputs(), k=2, minutes=10)
    t = ap.export_table(plan, inputs().candidates, "en")
    assert list(t.columns) == [
        "base_id",
        "name",
        "type",
        "lon",
        "lat",
        "status",
        "population_covered_10_min",
    ]
    assert t.to_dict("records") == [
        {
            "base_id": "C1",
            "name": "Puskesmas Satu",
            "type": "Puskesmas",
            "lon": 110.1,
            "lat": -6.1,
            "status": "current",
            "population_covered_10_min": 100,
        },
        {
            "base_id": "C3",
            "name": "Rumah Sakit Tiga",
            "type": "Hospital",
            "lon": 110.3,
            "lat": -6.3,
            "status": "new",
            "population_covered_10_min": 80,
        },
    ]
    moved = solve_plan(inputs(), k=2, minutes=10, state={"pinned": ["C2"], "removed": ["C1"]})
    t_id = ap.export_table(moved, inputs().candidates, "id")
    assert t_id["id_pangkalan"].tolist() == ["C2", "C3", "C1"]
    assert t_id["status"].tolist() == ["dipaku", "baru", "dihapus"]
    # C2 keeps V2 (8 < 9 min), C3 takes V3; V1 is 12 min from C3 → not covered
    assert t_id["penduduk_terjangkau_10_menit"].tolist() == [50, 30, 0]


# ------------------------------------------------------------------ figures
def test_base_layers_carry_candidate_ids_for_clicks():
    plan = solve_plan(inputs(), k=2, minutes=10, state={"pinned": [], "removed": []})
    traces = av.base_traces(plan, inputs().candidates, "en")
    ids = {layer: list(t.customdata or []) for layer, t in zip(av.BASE_LAYERS, traces)}
    assert ids == {
        "site": ["C2"],
        "current": ["C1"],
        "removed": [],
        "pinned": [],
        "ring": ["C3"],
        "new": ["C3"],
    }
    patch = av.bases_patch(plan, inputs().candidates, "en").to_plotly_json()
    new_lon = [
        op for op in patch["operations"] if op["location"] == ["data", av.POINT_TRACE + 5, "lon"]
    ]
    assert new_lon[0]["params"]["value"] == [110.3]


def test_curve_gives_the_gain_of_each_added_base():
    cc, n_fixed = curve(inputs(), minutes=10, k_max=3)
    assert n_fixed == 1 and cc.k == (1, 2, 3) and cc.covered_weight == (100, 180, 180)
    fig = ap.curve_figure(cc, n_fixed, 2, "en")
    assert list(fig.data[0].x) == [1, 2] and list(fig.data[0].y) == [80, 0]
    assert list(fig.data[0].marker.color) == ["#D55E00", "#9e9e9e"]
    assert list(fig.data[1].x) == [0, 1, 2]  # the line starts at today's bases
    assert list(fig.data[1].y) == pytest.approx([100 * 100 / 180, 100, 100])
    assert ap._nice_ticks(84.4, 100) == [85, 90, 95, 100]
    assert ap._nice_ticks(0, 100) == [0, 25, 50, 75, 100]


def test_minutes_colours_run_to_twice_the_standard():
    plan = solve_plan(inputs(), k=2, minutes=10)
    values, scale = av.village_values(plan, "minutes", "en")
    np.testing.assert_allclose(values, [5, 9, 6])
    assert (scale.zmin, scale.zmax) == (0, 20)
    values, scale = av.village_values(plan, "cover", "en")
    assert scale.categories[1] == "newly covered (plan)" and list(values) == [0, 1, 1]


# ------------------------------------------------------------------ layout and patches
def test_explanation_names_the_ambulance_standard_and_k_marks_avoid_crowding():
    panel = al.explanation("en", 15)
    text = " ".join(str(p.children) for p in panel.children)
    assert policy.ambulance_standard_text("en") in text and panel.id == "amb-model"
    assert al.k_marks(1, 12, 5) == {1: "1", 12: "12", 5: "5"}
    assert al.k_marks(1, 12, 2) == {1: "1", 12: "12"}  # 2 would crowd the 1


def test_plan_patches_skip_the_inset_without_detached_villages():
    plan = solve_plan(inputs(), k=2, minutes=10)
    main, inset = av.plan_patches(plan, inputs().candidates, "cover", "en", np.zeros(3, bool))
    assert inset is None
    ops = main.to_plotly_json()["operations"]
    assert any(op["location"] == ["data", 1, "colorbar", "len"] for op in ops)
    main, inset = av.plan_patches(
        plan, inputs().candidates, "cover", "en", np.array([False, True, True])
    )
    z = [op for op in inset.to_plotly_json()["operations"] if op["location"] == ["data", 1, "z"]]
    assert len(z) == 1 and len(z[0]["params"]["value"]) == 2
