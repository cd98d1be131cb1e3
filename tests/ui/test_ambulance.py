"""Ambulance planner view functions on a 3-village × 3-candidate instance solved by hand.

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
"""

import numpy as np
import pandas as pd
import pytest

from ilp_dash import policy
from ilp_dash.region.results import SitingInputs
from ilp_dash.ui import ambulance as av

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


# ------------------------------------------------------------------ state transitions
def test_toggle_pins_a_site_removes_a_current_base_and_undoes_on_a_second_click():
    s0 = av.empty_state()
    s1 = av.toggle(s0, "C2", ["C1"])
    assert s1 == {"pinned": ["C2"], "removed": []}
    s2 = av.toggle(s1, "C1", ["C1"])
    assert s2 == {"pinned": ["C2"], "removed": ["C1"]}
    assert av.toggle(s2, "C2", ["C1"]) == {"pinned": [], "removed": ["C1"]}
    assert av.toggle(s2, "C1", ["C1"]) == {"pinned": ["C2"], "removed": []}
    assert s0 == {"pinned": [], "removed": []} and s1 == {
        "pinned": ["C2"],
        "removed": [],
    }  # not mutated
    assert av.toggle(None, "C3", ["C1"]) == {"pinned": ["C3"], "removed": []}


def test_fixed_bases_and_k_range_follow_pins_and_removals():
    ids = ["C1", "C2", "C3"]
    assert av.fixed_bases(ids, ["C1"], None) == ["C1"]
    assert av.fixed_bases(ids, ["C1"], {"pinned": ["C3"], "removed": []}) == ["C1", "C3"]
    assert av.fixed_bases(ids, ["C1"], {"pinned": ["C2"], "removed": ["C1"]}) == ["C2"]
    assert av.k_range(ids, ["C1"], None) == (1, 3)
    assert av.k_range(ids, ["C1"], {"pinned": ["C2", "C3"], "removed": []}) == (3, 3)
    assert av.k_range(ids, ["C1"], {"pinned": [], "removed": ["C1"]}) == (
        1,
        2,
    )  # C1 no longer a candidate
    assert av.k_range(ids * 1, ["C1"], None, extra=1) == (1, 2)


def test_default_minutes_is_the_one_ambulance_standard_whatever_the_coverage():
    assert (
        av.default_minutes(inputs()) == policy.AMBULANCE_MINUTES == 15
    )  # C1 reaches 100 of 180 within 15
    near = np.array([[5.0, 20.0, 12.0], [14.0, 8.0, 9.0], [15.0, 14.0, 6.0]])
    assert (
        av.default_minutes(inputs(near)) == policy.AMBULANCE_MINUTES
    )  # C1 reaches all 180 within 15


# ------------------------------------------------------------------ the plan
def test_plan_with_one_extra_base_proposes_c3_by_hand():
    plan = av.solve_plan(inputs(), k=2, minutes=10)
    assert plan.status == ("current", None, "new")
    assert plan.open_ids == ["C1", "C3"]
    assert plan.covered_before == 100 and plan.covered_after == 180 and plan.total == 180
    assert plan.share(plan.covered_before) == pytest.approx(100 * 100 / 180)
    assert plan.mean_before == pytest.approx(2650 / 180)
    assert plan.mean_after == pytest.approx(1130 / 180)
    np.testing.assert_allclose(plan.after, [5, 9, 6])
    np.testing.assert_allclose(plan.base_population, [100, 0, 80])
    np.testing.assert_array_equal(plan.cover_class(), [0, 1, 1])


def test_pinned_site_counts_within_k_and_a_larger_k_adds_the_next_best():
    pinned = {"pinned": ["C2"], "removed": []}
    plan = av.solve_plan(inputs(), k=2, minutes=10, state=pinned)
    assert plan.status == ("current", "pinned", None)
    assert plan.covered_after == 150  # V3 is 14 min from C2 and 30 from C1
    np.testing.assert_allclose(plan.base_population, [100, 50, 0])
    plan3 = av.solve_plan(inputs(), k=3, minutes=10, state=pinned)
    assert plan3.status == ("current", "pinned", "new")
    np.testing.assert_allclose(plan3.base_population, [100, 50, 30])  # V2 nearest C2 (8 < 9)
    # k below the fixed bases is raised to them
    assert av.solve_plan(inputs(), k=1, minutes=10, state=pinned).k == 2


def test_removed_base_is_not_reopened_and_its_villages_show_as_lost():
    plan = av.solve_plan(inputs(), k=1, minutes=10, state={"pinned": [], "removed": ["C1"]})
    assert plan.status == ("removed", None, "new")  # C3 (80) beats C2 (50); C1 is not a candidate
    assert plan.covered_before == 100 and plan.covered_after == 80
    np.testing.assert_array_equal(plan.cover_class(), [2, 1, 1])
    np.testing.assert_allclose(plan.after, [12, 9, 6])


# ------------------------------------------------------------------ scenarios
def test_scenario_comparison_numbers_by_hand():
    a = av.scenario(av.solve_plan(inputs(), k=2, minutes=10))
    b = av.scenario(
        av.solve_plan(inputs(), k=2, minutes=10, state={"pinned": ["C2"], "removed": []})
    )
    assert (
        a["bases"] == ["C1", "C3"]
        and a["new"] == ["C3"]
        and b["pinned"] == ["C2"]
        and b["new"] == []
    )
    assert a["share"] == 100.0 and b["share"] == pytest.approx(83.333)
    rows = {r["key"]: r for r in av.compare(a, b)}
    assert rows["bases"] == {"key": "bases", "a": 2, "b": 2, "diff": 0}
    assert rows["k"]["diff"] == 0 and rows["minutes"]["diff"] == 0
    assert (rows["covered"]["a"], rows["covered"]["b"], rows["covered"]["diff"]) == (180, 150, -30)
    assert rows["share"]["diff"] == pytest.approx(-16.667, abs=1e-3)
    # mean minutes: B = (100·5 + 50·8 + 30·14)/180 = 1320/180; B − A = 190/180
    assert rows["mean_minutes"]["b"] == pytest.approx(1320 / 180, abs=1e-3)
    assert rows["mean_minutes"]["diff"] == pytest.approx(190 / 180, abs=2e-3)
    assert av.base_difference(a, b) == (["C3"], ["C2"])


def test_comparison_with_only_a_saved_leaves_b_and_the_difference_empty():
    a = av.scenario(av.solve_plan(inputs(), k=2, minutes=10))
    table = av.comparison_table({"A": a}, inputs().candidates, "en")
    cells = [[td.children for td in tr.children] for tr in table.children[0].children[1].children]
    assert cells[3] == ["People covered", "180", "–", "–"]


# ------------------------------------------------------------------ export
def test_export_table_lists_current_new_and_removed_bases_with_people_covered():
    plan = av.solve_plan(inputs(), k=2, minutes=10)
    t = av.export_table(plan, inputs().candidates, "en")
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
    moved = av.solve_plan(inputs(), k=2, minutes=10, state={"pinned": ["C2"], "removed": ["C1"]})
    t_id = av.export_table(moved, inputs().candidates, "id")
    assert t_id["id_pangkalan"].tolist() == ["C2", "C3", "C1"]
    assert t_id["status"].tolist() == ["dipaku", "baru", "dihapus"]
    # C2 keeps V2 (8 < 9 min), C3 takes V3; V1 is 12 min from C3 → not covered
    assert t_id["penduduk_terjangkau_10_menit"].tolist() == [50, 30, 0]


# ------------------------------------------------------------------ figures
def test_base_layers_carry_candidate_ids_for_clicks():
    plan = av.solve_plan(inputs(), k=2, minutes=10, state={"pinned": [], "removed": []})
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
    cc, n_fixed = av.curve(inputs(), minutes=10, k_max=3)
    assert n_fixed == 1 and cc.k == (1, 2, 3) and cc.covered_weight == (100, 180, 180)
    fig = av.curve_figure(cc, n_fixed, 2, "en")
    assert list(fig.data[0].x) == [1, 2] and list(fig.data[0].y) == [80, 0]
    assert list(fig.data[0].marker.color) == ["#D55E00", "#9e9e9e"]
    assert list(fig.data[1].x) == [0, 1, 2]  # the line starts at today's bases
    assert list(fig.data[1].y) == pytest.approx([100 * 100 / 180, 100, 100])
    assert av._nice_ticks(84.4, 100) == [85, 90, 95, 100]
    assert av._nice_ticks(0, 100) == [0, 25, 50, 75, 100]


def test_minutes_colours_run_to_twice_the_standard():
    plan = av.solve_plan(inputs(), k=2, minutes=10)
    values, scale = av.village_values(plan, "minutes", "en")
    np.testing.assert_allclose(values, [5, 9, 6])
    assert (scale.zmin, scale.zmax) == (0, 20)
    values, scale = av.village_values(plan, "cover", "en")
    assert scale.categories[1] == "newly covered (plan)" and list(values) == [0, 1, 1]
