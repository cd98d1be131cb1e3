"""The public display's views (ilp_dash.ui.display_views): pure pieces by hand, views from the sample data.

The numbers themselves are tested in tests/region/test_display.py.
"""

import numpy as np
import pytest

from ilp_dash.region import display as rd
from ilp_dash.region import store
from ilp_dash.ui import display_views as dv

from .conftest import JEPARA, view_content


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
