"""Unit tests of the Cakupan ILP screen's map builders (ilp_dash.ui.coverage)."""

import numpy as np
import pandas as pd
import pytest

from ilp_dash.ui import coverage as cv


@pytest.fixture
def rows():
    """Three villages by hand: A half-way, B without Posyandu, C done."""
    return pd.DataFrame(
        {
            "posyandu": [4, 0, 2],
            "posyandu_ilp": [1, 0, 2],
            "kader": [20, 0, 9],
            "desa_dengan_pustu": [1, 0, 0],
            "gap_posyandu": [3, 0, 0],
        },
        index=pd.Index(["A", "B", "C"], name="kode"),
    )


def _ops(patch) -> dict:
    """Patch operations as {path tuple: value} (the last assignment wins)."""
    return {
        tuple(op["location"]): op["params"].get("value")
        for op in patch.to_plotly_json()["operations"]
        if op["operation"] == "Assign"
    }


# ------------------------------------------------------------------ indicator values
@pytest.mark.parametrize(
    "indicator, expected",
    [
        ("persen_ilp", [25.0, np.nan, 100.0]),
        ("posyandu_ilp", [1.0, np.nan, 2.0]),
        ("kader_per_posyandu", [5.0, np.nan, 4.5]),
        ("pustu", [1.0, 0.0, 0.0]),
        ("gap_posyandu", [3.0, np.nan, 0.0]),
    ],
)
def test_indicator_values_by_hand(rows, indicator, expected):
    np.testing.assert_allclose(cv.indicator_values(rows, indicator), expected)


def test_unknown_indicator_names_the_choices(rows):
    with pytest.raises(ValueError, match="unknown indicator 'stunting'.*persen_ilp"):
        cv.indicator_values(rows, "stunting")


def test_kecamatan_filter_masks_other_villages_without_touching_input():
    values = np.array([1.0, 2.0, 3.0, np.nan])
    kec = ["33.20.01", "33.20.02", "33.20.01", "33.20.01"]
    np.testing.assert_array_equal(
        cv.mask_kecamatan(values, kec, "33.20.01"), [1.0, np.nan, 3.0, np.nan]
    )
    np.testing.assert_array_equal(cv.mask_kecamatan(values, kec, cv.ALL), values)
    np.testing.assert_array_equal(cv.mask_kecamatan(values, kec, None), values)
    assert values[1] == 2.0  # the caller's array is unchanged
    assert np.isnan(cv.mask_kecamatan(values, kec, "33.20.99")).all()


# ------------------------------------------------------------------ scales and patches
def test_scales_keep_their_range_and_name_the_month(rows):
    pct = cv.indicator_scale("persen_ilp", "id", "2025-05", rows)
    assert (pct.zmin, pct.zmax, pct.unit) == (0.0, 100.0, "%")
    assert pct.colorbar()["title"]["text"] == "Posyandu ILP (%)<br>Mei 2025"
    count = cv.indicator_scale("posyandu_ilp", "en", "2024-08", rows)
    assert (count.zmin, count.zmax) == (0.0, 4.0)  # the most Posyandu any village has
    assert "August 2024" in count.colorbar()["title"]["text"]
    kader = cv.indicator_scale("kader_per_posyandu", "id", "2025-05", rows)
    assert (kader.zmin, kader.zmax) == (4.0, 5.0)  # floor(4.5), ceil(5.0)
    pustu = cv.indicator_scale("pustu", "id", "2025-05", rows)
    assert pustu.categories == ("belum ada", "ada") and (pustu.zmin, pustu.zmax) == (-0.5, 1.5)
    assert pustu.colorbar()["ticktext"] == ["belum ada", "ada"]


def test_map_patch_changes_values_only_and_keeps_codes_for_clicks(rows):
    scale = cv.indicator_scale("persen_ilp", "id", "2025-05", rows)
    values = cv.indicator_values(rows, "persen_ilp")
    ops = _ops(cv.map_patch(values, scale, ["A", "B", "C"], no_data="tanpa Posyandu"))
    assert ops[("data", 1, "z")] == [25.0, None, 100.0]
    assert ops[("data", 1, "customdata")] == ["A", "B", "C"]
    assert ops[("data", 0, "name")] == "tanpa Posyandu"
    touched = {path[-1] for path in ops}
    assert not touched & {"geojson", "locations", "text"}
    assert all(path[0] == "data" for path in ops)  # no view change unless asked
    moved = _ops(
        cv.map_patch(values, scale, ["A", "B", "C"], view=({"lon": 110.7, "lat": -6.6}, 11.0))
    )
    assert moved[("layout", "map", "center")] == {"lon": 110.7, "lat": -6.6}
    assert moved[("layout", "map", "zoom")] == 11.0


def test_categorical_patch_keeps_category_names(rows):
    scale = cv.indicator_scale("pustu", "en", "2025-05", rows)
    ops = _ops(cv.map_patch(cv.indicator_values(rows, "pustu"), scale, ["A", "B", "C"]))
    assert ops[("data", 1, "customdata")] == ["yes", "none", "none"]
    assert ops[("data", 1, "z")] == [1.0, 0.0, 0.0]


def test_layer_patch_shows_chosen_layers_and_greys_the_rest():
    ops = _ops(cv.layer_patch(["pustu", "puskesmas"]))
    assert ops == {
        ("data", 3, "visible"): "legendonly",
        ("data", 4, "visible"): True,
        ("data", 5, "visible"): "legendonly",
        ("data", 6, "visible"): True,
    }
    assert cv.LAYERS[1] == "pustu" and cv.LAYERS[3] == "puskesmas"


def test_clicked_code_from_polygon_or_facility():
    codes = ["33.20.01.2001", "33.20.01.2002"]
    assert (
        cv.clicked_code({"points": [{"location": "33.20.01.2002", "curveNumber": 1}]}, codes)
        == "33.20.01.2002"
    )
    assert (
        cv.clicked_code({"points": [{"curveNumber": 4, "customdata": "33.20.01.2001"}]}, codes)
        == "33.20.01.2001"
    )
    assert (
        cv.clicked_code({"points": [{"curveNumber": 1, "location": "99.99.99.9999"}]}, codes)
        is None
    )
    assert cv.clicked_code({"points": []}, codes) is None
    assert cv.clicked_code(None, codes) is None


@pytest.mark.parametrize(
    "trigger, value, stopped, expected",
    [
        ("play", 11, True, (0, False)),  # play at the end starts over
        ("play", 4, True, (4, False)),
        ("play", 4, False, (4, True)),  # pause
        ("tick", 4, False, (5, False)),
        ("tick", 10, False, (11, True)),  # the last month stops the player
        ("tick", 4, True, (4, True)),  # a late tick after pause changes nothing
    ],
)
def test_play_step(trigger, value, stopped, expected):
    assert cv.play_step(trigger, value, 11, stopped) == expected


def test_month_labels():
    assert cv.short_month("2024-08", "id") == "Agu 24"
    assert cv.short_month("2024-08", "en") == "Aug 24"
    assert cv.month_marks(["2024-12", "2025-01"], "id") == {0: "Des 24", 1: "Jan 25"}
    assert cv.map_title("gap_posyandu", "2025-05", "id", "Kedung").endswith(
        "akhir Mei 2025 — Kec. Kedung"
    )
