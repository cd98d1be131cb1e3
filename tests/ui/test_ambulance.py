"""Ambulance planner map builders (ilp_dash.ui.ambulance) on the 3-village × 3-candidate instance of tests/ui/conftest.py.

The plan's own tests (state, solve, scenarios, curve numbers) are in
``tests/analysis/siting/test_plan.py``.
"""

import numpy as np

from ilp_dash.analysis.siting.plan import solve_plan
from ilp_dash.ui import ambulance as av

from ..conftest import siting_case as inputs


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


def test_minutes_colours_run_to_twice_the_standard():
    plan = solve_plan(inputs(), k=2, minutes=10)
    values, scale = av.village_values(plan, "minutes", "en")
    np.testing.assert_allclose(values, [5, 9, 6])
    assert (scale.zmin, scale.zmax) == (0, 20)
    values, scale = av.village_values(plan, "cover", "en")
    assert scale.categories[1] == "newly covered (plan)" and list(values) == [0, 1, 1]


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
