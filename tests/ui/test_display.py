"""The public display's content: pure pieces by hand, the views against the raw sample data."""

import json
from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from ilp_dash.region import store
from ilp_dash.ui import display as lv

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


def test_travel_bands_follow_the_survey():
    minutes = [3, 15, 15.5, 30, 45, 60, 60.5, np.inf, np.nan]
    got = lv.band_index(minutes)
    np.testing.assert_array_equal(got, [0, 0, 1, 1, 2, 2, 3, 3, np.nan])
    assert lv.band_labels("id") == ["≤ 15", "16–30", "31–60", "> 60"]


def test_counts_and_shares_of_travel_time():
    # 30.0 is within 30 minutes; unreachable is farther; a missing time is neither
    assert lv.over_limit([10, 30, 30.5, np.inf, np.nan], 30) == 2
    # 100 + 600 of 1000 people live within 30 minutes
    assert lv.population_share_within([10, 40, 20], [100, 300, 600], 30) == pytest.approx(70.0)
    assert lv.share(0, 0) is None


def test_share_text_never_rounds_up_to_a_false_100():
    assert lv.share_text(100 * 1105 / 1139, "id") == "97,0%"
    assert lv.share_text(99.96, "id") == "> 99,9%"
    assert lv.share_text(99.94, "en") == "99.9%"
    assert lv.share_text(100.0, "id") == "100%"
    assert lv.share_text(None, "id") == "–"


def test_colour_bar_top():
    assert lv.rounded_top([7.0, 37.8, np.nan]) == 40
    assert lv.rounded_top([3.0]) == 10
    assert lv.rounded_top([]) == 10


def test_clock_text():
    monday = datetime(2025, 6, 2, 14, 5)
    assert lv.clock_text(monday, "id") == ("14.05", "Senin, 2 Juni 2025")
    assert lv.clock_text(monday, "en") == ("14:05", "Monday, 2 June 2025")


def test_shown_stunting_withholds_villages_with_few_children():
    table = pd.DataFrame(
        {
            "kode_desa": ["a", "b", "c"],
            "diukur": [40, 4, 60],
            "stunting": [3, 2, 12],
            "rate_crude": [0.075, 0.5, 0.2],
            "rate_eb": [0.12, 0.18, 0.19],
            "eb_lower": [0.05, 0.02, 0.1],
            "eb_upper": [0.2, 0.5, 0.3],
        }
    )
    out = lv.shown_stunting(table)
    assert out["ditahan"].tolist() == [True, True, False]
    assert np.isnan(out["rate_eb"].to_numpy()[:2]).all() and out.loc[2, "rate_eb"] == 0.19
    assert np.isnan(out.loc[0, "eb_upper"]) and out.loc[2, "diukur"] == 60


def test_display_scale_has_large_type_and_plain_stops():
    scale = lv.DisplayScale(label="Stunting (%)", colorscale="OrRd", zmax=40)
    assert isinstance(scale.colorscale, list) and scale.colorscale[0][0] == 0.0
    bar = scale.colorbar()
    assert bar["tickfont"]["size"] >= 24 and bar["title"]["font"]["size"] >= 24
    assert bar["tickvals"] == [0.0, 10.0, 20.0, 30.0, 40.0]
    cat = lv.DisplayScale.categorical("Menit", lv.band_labels("id"), list(lv.BAND_COLORS))
    assert cat.colorbar()["ticktext"] == ["≤ 15", "16–30", "31–60", "> 60"]


# ------------------------------------------------------------------ views on the Jepara sample
@pytest.fixture(scope="module")
def jepara_data():
    return store.dataset(JEPARA)


def test_all_four_views_are_available_for_jepara():
    assert lv.available_views(JEPARA) == ["ilp", "stunting", "puskesmas", "ambulans"]


def test_ilp_view_counts_the_register(jepara_data):
    view = lv.view_content(JEPARA, "ilp", "id")
    pos = jepara_data.facilities["posyandu"]
    # independent count: Posyandu that became ILP by the end of the report month
    ilp = int((pos["ilp"] & (pos["bulan_ilp"] <= view.month)).sum())
    assert (ilp, len(pos)) == (1105, 1139)
    assert view.numbers[0].value == "97,0%"
    assert view.numbers[0].label == "Posyandu ILP: 1.105 dari 1.139"
    assert view.month == "2025-05" and len(view.values) == 195
    assert np.nanmax(view.values) <= 100 and np.nanmin(view.values) >= 0


def test_stunting_view_withholds_small_counts(jepara_data):
    view = lv.view_content(JEPARA, "stunting", "id")
    raw = jepara_data.stunting
    latest = raw[raw["bulan"] == raw["bulan"].max()].set_index("kode_desa")
    latest = latest.reindex(jepara_data.region.villages["kode"])
    small = ((latest["stunting"] < 5) | (latest["diukur"] < 5)).to_numpy()
    assert small.sum() == 5
    # exactly the villages with a count under 5 are grey; every other village is coloured
    np.testing.assert_array_equal(np.isnan(view.values), small)
    assert view.no_data_label == "tidak ditampilkan (< 5 anak)"
    crude = 100 * latest["stunting"].sum() / latest["diukur"].sum()
    assert view.numbers[1].value == lv.share_text(crude, "id") == "17,6%"
    assert "10.084 dari 57.417" in view.numbers[1].label
    assert view.points == "hotspot" and view.scale.zmax == 40


def test_travel_views(jepara_data):
    pk = lv.view_content(JEPARA, "puskesmas", "id")
    amb = lv.view_content(JEPARA, "ambulans", "en")
    # the two Karimunjawa villages far from their island's Puskesmas are > 60 minutes
    assert pk.numbers[0].value == "2" and (pk.values == 3).sum() == 2
    assert set(np.unique(pk.values)) <= {0.0, 1.0, 2.0, 3.0}
    assert amb.numbers[1].value == "22" and amb.numbers[1].label == "ambulance bases"
    assert amb.points == "ambulans" and pk.points == "puskesmas"


def test_a_view_that_fails_becomes_a_notice(monkeypatch):
    def broken(code, lang):
        raise KeyError("persen_ilp")

    monkeypatch.setitem(lv.BUILDERS, "ilp", broken)
    view = lv.view_content(JEPARA, "ilp", "en")
    assert view.title == "This view cannot be shown yet" and "persen_ilp" in view.numbers[0].label
    assert np.isnan(view.values).all() and len(view.values) == 195


def test_rotation_sends_values_not_geometry():
    view = lv.view_content(JEPARA, "stunting", "id")
    main, inset = lv.view_patches(JEPARA, "id", view)
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
    view = lv.view_content(JEPARA, "ilp", "id")
    fig, inset = lv.display_figures(JEPARA, "id", view)
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
    assert all(t.startswith("Puskesmas") for t in lv.view_points(JEPARA, "id", "puskesmas").text)
    hot = lv.view_points(JEPARA, "id", "hotspot")
    assert len(hot.text) == 14 and set(hot.text) <= set(vil["nama"])


# ------------------------------------------------------------------ the page's turn (no browser)
def test_a_turn_patches_the_next_view():
    state = {
        "code": JEPARA,
        "lang": "en",
        "version": store.version(JEPARA),
        "views": ["ilp", "stunting", "puskesmas", "ambulans"],
        "index": 3,
    }
    fig, inset, _style, title, month, _numbers, _source, dots, _rotate_off, new, _bounds = lv.turn(
        state, rotate=True
    )
    assert title == "ILP Posyandu coverage by village" and month == "Data as of May 2025"
    assert new["index"] == 0 and type(fig).__name__ == "Patch" and type(inset).__name__ == "Patch"
    assert "active" in dots[0].className and "active" not in dots[3].className
    # the slow refresh re-reads the same view
    assert lv.turn(new, rotate=False)[3] == title


def test_an_upload_rebuilds_the_map_on_the_next_tick():
    code = "35.79"
    try:
        state = {
            "code": code,
            "lang": "id",
            "version": store.version(code),
            "views": lv.available_views(code),
            "index": 1,
        }
        store.replace(code, store.dataset(code))  # an upload: same files, new version
        fig, _inset, style, title, *_, new, bounds = lv.turn(state, rotate=False)
        assert new["version"] == state["version"] + 1 and new["index"] == 1
        assert fig.data[1].geojson == f"/geo/{code}/{new['version']}.json"  # a whole new figure
        assert title == "Prevalensi stunting per desa" and style == {
            "display": "none"
        }  # Batu has no islands
        assert set(bounds) == {"main", "inset"} and bounds["inset"] is None
    finally:
        store.reset(code)
