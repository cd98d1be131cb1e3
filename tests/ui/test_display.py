"""The public display's pictures: pure pieces by hand, views, figures and turns from the sample data.

The numbers themselves are tested in tests/region/test_display.py.
"""

import json
from datetime import datetime

import numpy as np
import pytest

from ilp_dash.region import display as rd
from ilp_dash.region import store
from ilp_dash.ui import display as lv
from ilp_dash.ui import display_views as dv

JEPARA = "33.20"


# ------------------------------------------------------------------ pure pieces, worked by hand
def test_rotation_seconds_default_minimum_and_bad_input():
    assert lv.rotation_seconds(None) == 20
    assert lv.rotation_seconds("abc") == 20 and lv.rotation_seconds("inf") == 20
    assert lv.rotation_seconds("3") == 5
    assert lv.rotation_seconds("5") == 5
    assert lv.rotation_seconds("30") == 30
    assert lv.rotation_seconds("7,9") == 7
    assert lv.rotation_seconds("99999") == 3600


def test_travel_band_labels_follow_the_survey():
    assert dv.band_labels("id") == ["≤ 15", "16–30", "31–60", "> 60"]


def test_share_text_never_rounds_up_to_a_false_100():
    assert dv.share_text(100 * 1105 / 1139, "id") == "97,0%"
    assert dv.share_text(99.96, "id") == "> 99,9%"
    assert dv.share_text(99.94, "en") == "99.9%"
    assert dv.share_text(100.0, "id") == "100%"
    assert dv.share_text(None, "id") == "–"


def test_colour_bar_top():
    assert dv.rounded_top([7.0, 37.8, np.nan]) == 40
    assert dv.rounded_top([3.0]) == 10
    assert dv.rounded_top([]) == 10


def test_clock_text():
    monday = datetime(2025, 6, 2, 14, 5)
    assert lv.clock_text(monday, "id") == ("14.05", "Senin, 2 Juni 2025")
    assert lv.clock_text(monday, "en") == ("14:05", "Monday, 2 June 2025")


def test_withheld_counts_are_written_as_below_the_threshold():
    assert dv.count_text(np.nan, True, "id") == "< 5"
    assert dv.count_text(np.nan, False, "id") == "–"
    assert dv.count_text(10084.0, False, "id") == "10.084"


def test_display_scale_has_large_type_and_plain_stops():
    scale = dv.DisplayScale(label="Stunting (%)", colorscale="OrRd", zmax=40)
    assert isinstance(scale.colorscale, list) and scale.colorscale[0][0] == 0.0
    bar = scale.colorbar()
    assert bar["tickfont"]["size"] >= 24 and bar["title"]["font"]["size"] >= 24
    assert bar["tickvals"] == [0.0, 10.0, 20.0, 30.0, 40.0]
    cat = dv.DisplayScale.categorical("Menit", dv.band_labels("id"), list(dv.BAND_COLORS))
    assert cat.colorbar()["ticktext"] == ["≤ 15", "16–30", "31–60", "> 60"]


# ------------------------------------------------------------------ views on the Jepara sample
@pytest.fixture(scope="module")
def jepara_data():
    return store.dataset(JEPARA)


def view_content(code: str, key: str, lang: str) -> dv.View:
    return dv.view_content(rd.view_data(code, key), lang)


def test_ilp_view_counts_the_register(jepara_data):
    view = view_content(JEPARA, "ilp", "id")
    pos = jepara_data.facilities["posyandu"]
    # independent count: Posyandu that became ILP by the end of the report month
    ilp = int((pos["ilp"] & (pos["bulan_ilp"] <= view.month)).sum())
    assert (ilp, len(pos)) == (1105, 1139)
    assert view.numbers[0].value == "97,0%"
    assert view.numbers[0].label == "Posyandu ILP: 1.105 dari 1.139"
    assert view.month == "2025-05" and len(view.values) == 195
    assert np.nanmax(view.values) <= 100 and np.nanmin(view.values) >= 0


def test_stunting_view_withholds_small_counts(jepara_data):
    view = view_content(JEPARA, "stunting", "id")
    raw = jepara_data.stunting
    latest = raw[raw["bulan"] == raw["bulan"].max()].set_index("kode_desa")
    latest = latest.reindex(jepara_data.region.villages["kode"])
    small = ((latest["stunting"] < 5) | (latest["diukur"] < 5)).to_numpy()
    assert small.sum() == 5
    # exactly the villages with a count under 5 are grey; every other village is coloured
    np.testing.assert_array_equal(np.isnan(view.values), small)
    assert view.no_data_label == "tidak ditampilkan (< 5 anak)"
    crude = 100 * latest["stunting"].sum() / latest["diukur"].sum()
    assert view.numbers[1].value == dv.share_text(crude, "id") == "17,6%"
    assert "10.084 dari 57.417" in view.numbers[1].label
    assert view.points == "hotspot" and view.scale.zmax == 40


def test_travel_views(jepara_data):
    pk = view_content(JEPARA, "puskesmas", "id")
    amb = view_content(JEPARA, "ambulans", "en")
    # the two Karimunjawa villages far from their island's Puskesmas are > 60 minutes
    assert pk.numbers[0].value == "2" and (pk.values == 3).sum() == 2
    assert set(np.unique(pk.values)) <= {0.0, 1.0, 2.0, 3.0}
    assert amb.numbers[1].value == "22" and amb.numbers[1].label == "ambulance bases"
    assert amb.points == "ambulans" and pk.points == "puskesmas"


def test_a_view_that_fails_becomes_a_notice(monkeypatch):
    def broken(code):
        raise KeyError("persen_ilp")

    monkeypatch.setitem(rd.READERS, "ilp", broken)
    view = view_content(JEPARA, "ilp", "en")
    assert view.title == "This view cannot be shown yet" and "persen_ilp" in view.numbers[0].label
    assert np.isnan(view.values).all() and len(view.values) == 195


def test_rotation_sends_values_not_geometry():
    view = view_content(JEPARA, "stunting", "id")
    points = rd.view_points(JEPARA, view.points)
    main, inset = lv.view_patches(rd.geography(JEPARA).detached, "id", view, points)
    ops = {
        tuple(op["location"]): op["params"].get("value")
        for op in main.to_plotly_json()["operations"]
    }
    assert len(ops[("data", 1, "z")]) == 195 and "coordinates" not in json.dumps(
        main.to_plotly_json()
    )
    assert ops[("data", 0, "name")] == "tidak ditampilkan (< 5 anak)"
    # the one dot layer now holds the 14 hotspot villages, named in the legend
    assert len(ops[("data", 3, "lon")]) == 14 and ops[("data", 3, "showlegend")] is True
    assert ops[("data", 3, "name")] == "hotspot stunting"
    assert ops[("data", 1, "colorbar")]["tickfont"]["size"] >= 24
    inset_ops = {
        tuple(op["location"]): op["params"].get("value")
        for op in inset.to_plotly_json()["operations"]
    }
    assert len(inset_ops[("data", 1, "z")]) == 4 and len(inset_ops[("data", 2, "lon")]) == 14


def test_figures_show_no_people():
    view = view_content(JEPARA, "ilp", "id")
    fig, inset = lv.display_figures(rd.geography(JEPARA), "id", view, rd.view_points(JEPARA, None))
    assert len(fig.data) == 4 and len(inset.data) == 3
    # the ILP view has no dots: one invisible point off the map, not in the legend
    assert (
        fig.data[3].marker.opacity == 0
        and fig.data[3].showlegend is False
        and fig.data[3].lon == (0.0,)
    )
    assert fig.data[1].geojson == f"/geo/{JEPARA}/{store.version(JEPARA)}.json"
    # hover texts: villages and facilities only
    vil = store.dataset(JEPARA).region.villages
    assert all(t.startswith(f"<b>{n}</b>") for t, n in zip(fig.data[1].text, vil["nama"]))
    assert all(t.startswith("Puskesmas") for t in rd.view_points(JEPARA, "puskesmas").text)
    hot = rd.view_points(JEPARA, "hotspot")
    assert len(hot.text) == 14 and set(hot.text) <= set(vil["nama"])


# ------------------------------------------------------------------ the page's turn (no browser)
def turn(state: dict, *, rotate: bool) -> tuple:
    """What the page's callback does: the region's next picture, drawn."""
    return lv.turn_outputs(rd.turn(state, rotate=rotate))


def test_a_turn_patches_the_next_view():
    state = {
        "code": JEPARA,
        "lang": "en",
        "version": store.version(JEPARA),
        "views": ["ilp", "stunting", "puskesmas", "ambulans"],
        "index": 3,
    }
    fig, inset, _style, title, month, _numbers, _source, dots, _rotate_off, new, _bounds = turn(
        state, rotate=True
    )
    assert title == "ILP Posyandu coverage by village" and month == "Data as of May 2025"
    assert new["index"] == 0 and type(fig).__name__ == "Patch" and type(inset).__name__ == "Patch"
    assert "active" in dots[0].className and "active" not in dots[3].className
    # the slow refresh re-reads the same view
    assert turn(new, rotate=False)[3] == title


def test_an_upload_rebuilds_the_map_on_the_next_tick():
    code = "35.79"
    try:
        state = {
            "code": code,
            "lang": "id",
            "version": store.version(code),
            "views": rd.available_views(code),
            "index": 1,
        }
        store.replace(code, store.dataset(code))  # an upload: same files, new version
        fig, _inset, style, title, *_, new, bounds = turn(state, rotate=False)
        assert new["version"] == state["version"] + 1 and new["index"] == 1
        assert fig.data[1].geojson == f"/geo/{code}/{new['version']}.json"  # a whole new figure
        assert title == "Prevalensi stunting per desa" and style == {
            "display": "none"
        }  # Batu has no islands
        assert set(bounds) == {"main", "inset"} and bounds["inset"] is None
    finally:
        store.reset(code)
