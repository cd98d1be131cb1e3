"""The public display's data: pure pieces by hand, each view's numbers against the raw sample data."""

import numpy as np
import pandas as pd
import pytest

from ilp_dash.region import display as rd
from ilp_dash.region import store


def _hot_count(code: str = "33.20") -> int:
    """Hot villages of the region's latest month, whatever the screens' significance rule."""
    from ilp_dash.region import results

    return int((results.hotspots(code)["class"] == "hot").sum())


JEPARA = "33.20"


# ------------------------------------------------------------------ pure pieces, worked by hand
def test_travel_bands_follow_the_survey():
    minutes = [3, 15, 15.5, 30, 45, 60, 60.5, np.inf, np.nan]
    got = rd.band_index(minutes)
    np.testing.assert_array_equal(got, [0, 0, 1, 1, 2, 2, 3, 3, np.nan])


def test_counts_and_shares_of_travel_time():
    # 30.0 is within 30 minutes; unreachable is farther; a missing time is neither
    assert rd.over_limit([10, 30, 30.5, np.inf, np.nan], 30) == 2
    # 100 + 600 of 1000 people live within 30 minutes
    assert rd.population_share_within([10, 40, 20], [100, 300, 600], 30) == pytest.approx(70.0)
    assert rd.share(0, 0) is None


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
    out = rd.shown_stunting(table)
    assert out["ditahan"].tolist() == [True, True, False]
    assert np.isnan(out["rate_eb"].to_numpy()[:2]).all() and out.loc[2, "rate_eb"] == 0.19
    assert np.isnan(out.loc[0, "eb_upper"]) and out.loc[2, "diukur"] == 60


# ------------------------------------------------------------------ views on the Jepara sample
@pytest.fixture(scope="module")
def jepara_data():
    return store.dataset(JEPARA)


def test_all_four_views_are_available_for_jepara():
    assert rd.available_views(JEPARA) == ["ilp", "stunting", "puskesmas", "ambulans"]


def test_ilp_data_counts_the_register(jepara_data):
    data = rd.view_data(JEPARA, "ilp")
    pos = jepara_data.facilities["posyandu"]
    # independent count: Posyandu that became ILP by the end of the report month
    ilp = int((pos["ilp"] & (pos["bulan_ilp"] <= data.month)).sum())
    assert (ilp, len(pos)) == (1105, 1139) == (data.ilp, data.posyandu)
    assert data.percent == pytest.approx(100 * 1105 / 1139)
    assert data.month == "2025-05" and len(data.values) == 195
    assert np.nanmax(data.values) <= 100 and np.nanmin(data.values) >= 0
    assert data.points is None


def test_stunting_data_withholds_small_counts(jepara_data):
    data = rd.view_data(JEPARA, "stunting")
    raw = jepara_data.stunting
    latest = raw[raw["bulan"] == raw["bulan"].max()].set_index("kode_desa")
    latest = latest.reindex(jepara_data.region.villages["kode"])
    small = ((latest["stunting"] < 5) | (latest["diukur"] < 5)).to_numpy()
    assert small.sum() == 5
    # exactly the villages with a count under 5 are grey; every other village is coloured
    np.testing.assert_array_equal(np.isnan(data.values), small)
    assert data.withheld == 5
    crude = 100 * latest["stunting"].sum() / latest["diukur"].sum()
    assert data.percent == pytest.approx(crude)
    assert (data.stunted, data.measured) == (10084, 57417)
    assert not data.stunted_withheld and not data.measured_withheld
    assert data.points == "hotspot" and np.nanmax(data.values) <= 40


def test_travel_data():
    pk = rd.view_data(JEPARA, "puskesmas")
    amb = rd.view_data(JEPARA, "ambulans")
    # the two Karimunjawa villages far from their island's Puskesmas are > 60 minutes
    assert pk.over == 2 and (pk.values == 3).sum() == 2
    assert set(np.unique(pk.values)) <= {0.0, 1.0, 2.0, 3.0}
    assert amb.bases == 22
    assert amb.points == "ambulans" and pk.points == "puskesmas"


def test_a_view_that_fails_becomes_no_data(monkeypatch):
    def broken(code):
        raise KeyError("persen_ilp")

    monkeypatch.setitem(rd.READERS, "ilp", broken)
    data = rd.view_data(JEPARA, "ilp")
    assert isinstance(data, rd.NoData) and data.key == "ilp" and "persen_ilp" in data.error
    assert data.villages == 195
    empty = rd.view_data(JEPARA, "")
    assert (empty.key, empty.error) == (rd.EMPTY, None)


def test_dots_name_facilities_and_villages_only():
    vil = store.dataset(JEPARA).region.villages
    assert all(t.startswith("Puskesmas") for t in rd.view_points(JEPARA, "puskesmas").text)
    hot = rd.view_points(JEPARA, "hotspot")
    assert (
        len(hot.text) == _hot_count() > 0
        and set(hot.text) <= set(vil["nama"])
        and hot.kind == "hotspot"
    )
    assert rd.view_points(JEPARA, None) == rd.Points([], [], [])


def test_map_bounds_main_body_and_islands():
    bounds = rd.map_bounds(JEPARA)
    assert set(bounds) == {"main", "inset"} and len(bounds["main"]) == 4
    assert len(bounds["inset"]) == 4  # Karimunjawa


# ------------------------------------------------------------------ the display's turn (data)
def test_a_turn_moves_to_the_next_view():
    state = {
        "code": JEPARA,
        "lang": "en",
        "version": store.version(JEPARA),
        "views": ["ilp", "stunting", "puskesmas", "ambulans"],
        "index": 3,
    }
    t = rd.turn(state, rotate=True)
    assert t.state["index"] == 0 and t.data.key == "ilp" and not t.new_data
    assert t.rotate_off is None and t.bounds is None and t.lang == "en"
    # the slow refresh re-reads the same view
    assert rd.turn(t.state, rotate=False).data.key == "ilp"


def test_an_upload_lists_the_views_again():
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
        t = rd.turn(state, rotate=False)
        assert t.new_data and t.state["version"] == state["version"] + 1
        assert t.state["index"] == 1 and t.data.key == "stunting"
        assert t.geography.version == t.state["version"]
        assert set(t.bounds) == {"main", "inset"} and t.bounds["inset"] is None
    finally:
        store.reset(code)
