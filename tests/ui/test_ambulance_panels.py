"""Ambulance planner side panels and export (ilp_dash.ui.ambulance_panels) on the instance of tests/ui/conftest.py."""

import pytest

from ilp_dash.analysis.siting.plan import curve, scenario, solve_plan
from ilp_dash.ui import ambulance_panels as ap

from ..conftest import siting_case as inputs


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
