"""The ambulance plan (:mod:`ilp_dash.analysis.siting.plan`) on a 3-village × 3-candidate instance solved by hand.

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
import pytest

from ilp_dash import policy
from ilp_dash.analysis.siting import plan as amb

from ...conftest import siting_case as inputs


# ------------------------------------------------------------------ state transitions
def test_toggle_pins_a_site_removes_a_current_base_and_undoes_on_a_second_click():
    s0 = amb.empty_state()
    s1 = amb.toggle(s0, "C2", ["C1"])
    assert s1 == {"pinned": ["C2"], "removed": []}
    s2 = amb.toggle(s1, "C1", ["C1"])
    assert s2 == {"pinned": ["C2"], "removed": ["C1"]}
    assert amb.toggle(s2, "C2", ["C1"]) == {"pinned": [], "removed": ["C1"]}
    assert amb.toggle(s2, "C1", ["C1"]) == {"pinned": ["C2"], "removed": []}
    assert s0 == {"pinned": [], "removed": []} and s1 == {
        "pinned": ["C2"],
        "removed": [],
    }  # not mutated
    assert amb.toggle(None, "C3", ["C1"]) == {"pinned": ["C3"], "removed": []}


def test_fixed_bases_and_k_range_follow_pins_and_removals():
    ids = ["C1", "C2", "C3"]
    assert amb.fixed_bases(ids, ["C1"], None) == ["C1"]
    assert amb.fixed_bases(ids, ["C1"], {"pinned": ["C3"], "removed": []}) == ["C1", "C3"]
    assert amb.fixed_bases(ids, ["C1"], {"pinned": ["C2"], "removed": ["C1"]}) == ["C2"]
    assert amb.k_range(ids, ["C1"], None) == (1, 3)
    assert amb.k_range(ids, ["C1"], {"pinned": ["C2", "C3"], "removed": []}) == (3, 3)
    assert amb.k_range(ids, ["C1"], {"pinned": [], "removed": ["C1"]}) == (
        1,
        2,
    )  # C1 no longer a candidate
    assert amb.k_range(ids * 1, ["C1"], None, extra=1) == (1, 2)


def test_default_minutes_is_the_one_ambulance_standard_whatever_the_coverage():
    assert (
        amb.default_minutes(inputs()) == policy.AMBULANCE_MINUTES == 15
    )  # C1 reaches 100 of 180 within 15
    near = np.array([[5.0, 20.0, 12.0], [14.0, 8.0, 9.0], [15.0, 14.0, 6.0]])
    assert (
        amb.default_minutes(inputs(near)) == policy.AMBULANCE_MINUTES
    )  # C1 reaches all 180 within 15


# ------------------------------------------------------------------ the plan
def test_plan_with_one_extra_base_proposes_c3_by_hand():
    plan = amb.solve_plan(inputs(), k=2, minutes=10)
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
    plan = amb.solve_plan(inputs(), k=2, minutes=10, state=pinned)
    assert plan.status == ("current", "pinned", None)
    assert plan.covered_after == 150  # V3 is 14 min from C2 and 30 from C1
    np.testing.assert_allclose(plan.base_population, [100, 50, 0])
    plan3 = amb.solve_plan(inputs(), k=3, minutes=10, state=pinned)
    assert plan3.status == ("current", "pinned", "new")
    np.testing.assert_allclose(plan3.base_population, [100, 50, 30])  # V2 nearest C2 (8 < 9)
    # k below the fixed bases is raised to them
    assert amb.solve_plan(inputs(), k=1, minutes=10, state=pinned).k == 2


def test_removed_base_is_not_reopened_and_its_villages_show_as_lost():
    plan = amb.solve_plan(inputs(), k=1, minutes=10, state={"pinned": [], "removed": ["C1"]})
    assert plan.status == ("removed", None, "new")  # C3 (80) beats C2 (50); C1 is not a candidate
    assert plan.covered_before == 100 and plan.covered_after == 80
    np.testing.assert_array_equal(plan.cover_class(), [2, 1, 1])
    np.testing.assert_allclose(plan.after, [12, 9, 6])


# ------------------------------------------------------------------ scenarios
def test_scenario_comparison_numbers_by_hand():
    a = amb.scenario(amb.solve_plan(inputs(), k=2, minutes=10))
    b = amb.scenario(
        amb.solve_plan(inputs(), k=2, minutes=10, state={"pinned": ["C2"], "removed": []})
    )
    assert (
        a["bases"] == ["C1", "C3"]
        and a["new"] == ["C3"]
        and b["pinned"] == ["C2"]
        and b["new"] == []
    )
    assert a["share"] == 100.0 and b["share"] == pytest.approx(83.333)
    rows = {r["key"]: r for r in amb.compare(a, b)}
    assert rows["bases"] == {"key": "bases", "a": 2, "b": 2, "diff": 0}
    assert rows["k"]["diff"] == 0 and rows["minutes"]["diff"] == 0
    assert (rows["covered"]["a"], rows["covered"]["b"], rows["covered"]["diff"]) == (180, 150, -30)
    assert rows["share"]["diff"] == pytest.approx(-16.667, abs=1e-3)
    # mean minutes: B = (100·5 + 50·8 + 30·14)/180 = 1320/180; B − A = 190/180
    assert rows["mean_minutes"]["b"] == pytest.approx(1320 / 180, abs=1e-3)
    assert rows["mean_minutes"]["diff"] == pytest.approx(190 / 180, abs=2e-3)
    assert amb.base_difference(a, b) == (["C3"], ["C2"])


def test_start_k_and_clamp_k_keep_k_within_the_slider():
    ids = ["C1", "C2", "C3"]
    # one base today + EXTRA_BASES (2) = 3, within k_range (1, 3)
    assert amb.start_k(ids, ["C1"], None) == min(3, 1 + policy.AMBULANCE_EXTRA_BASES)
    assert amb.clamp_k(3, ids, ["C1"], {"pinned": [], "removed": ["C1"]}) == (1, 2, 2)
    assert amb.clamp_k(None, ids, ["C1"], {"pinned": ["C2", "C3"], "removed": []}) == (3, 3, 3)


def test_curve_numbers_by_hand():
    cc, n_fixed = amb.curve(inputs(), minutes=10, k_max=3)
    assert n_fixed == 1 and cc.k == (1, 2, 3) and cc.covered_weight == (100, 180, 180)
    assert cc.marginal_gain[1:] == (80, 0)
    # without k_max the curve runs 10 bases past the fixed ones, capped by the 3 candidates
    assert amb.curve(inputs(), minutes=10, k=2)[0].k == (1, 2, 3)
