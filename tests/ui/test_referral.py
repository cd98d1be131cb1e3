"""Referral screen map builders (ilp_dash.ui.referral) on tiny cases worked out by hand.

The routing of referral lines is tested in tests/analysis/test_referral_lines.py.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ilp_dash.analysis.referral_lines import leg_segments
from ilp_dash.ui import referral as rv

from ..conftest import two_island_sea_net


# ------------------------------------------------------------------ bands and counts
def test_band_edges_follow_the_threshold():
    assert rv.band_edges(30) == (15, 30, 60)  # the national survey's bands
    assert rv.band_edges(25) == (12, 25, 50)
    assert rv.band_labels(30, "id") == ["≤ 15", "16–30", "31–60", "> 60", "tidak terjangkau"]
    assert rv.band_labels(30, "en")[-1] == "unreachable"


def test_band_index_at_the_threshold_edge():
    minutes = [15.0, 15.0000000001, 15.5, 30.0, 30.01, 60.0, 60.5, np.inf, np.nan]
    assert rv.band_index(minutes, 30).tolist() == [0, 0, 1, 1, 2, 2, 3, 4, 4]
    # a threshold of 25: 12 | 25 | 50
    assert rv.band_index([12.0, 12.5, 25.0, 25.5, 50.0, 51.0], 25).tolist() == [0, 1, 1, 2, 2, 3]


def test_clamp_threshold():
    assert rv.clamp_threshold(None) == 30
    assert rv.clamp_threshold("x") == 30
    assert rv.clamp_threshold(7) == 10
    assert rv.clamp_threshold(500) == 120
    assert rv.clamp_threshold(33.4) == 33


def test_count_over_is_strict_and_counts_unreachable():
    minutes, people = [10.0, 30.0, 30.5, np.inf], [100, 200, 300, 400]
    assert rv.count_over(minutes, people, 30) == (
        2,
        700.0,
    )  # 30.5 and unreachable; 30 itself is within
    assert rv.count_over(minutes, people, 10) == (3, 900.0)
    assert rv.count_over(minutes, people, 120) == (1, 400.0)


def test_count_text_both_languages():
    assert rv.count_text(2, 1640, 1_200_000, 30, "puskesmas", "id") == (
        "2 desa / 1.640 penduduk (0,1%) lebih dari 30 menit dari Puskesmas"
    )
    assert rv.count_text(2, 1640, 1_200_000, 30, "puskesmas", "en") == (
        "2 villages / 1,640 people (0.1%) more than 30 minutes from a Puskesmas"
    )
    assert "RSUD" in rv.count_text(5, 10, 100, 45, "chain", "en")


def test_village_frame_joins_by_code_not_position():
    chain = pd.DataFrame({"kode_desa": ["A", "B"], "menit_total": [1.0, 2.0]})
    to_pk = pd.Series([7.0, 3.0], index=["B", "A"])
    pop = pd.Series([50], index=["B"])
    out = rv.village_frame(chain, to_pk, pop)
    assert out["menit_puskesmas_terdekat"].tolist() == [3.0, 7.0]
    assert out["penduduk"].tolist() == [0.0, 50.0]
    assert rv.measure_minutes(out, "puskesmas").tolist() == [3.0, 7.0]
    assert rv.measure_minutes(out, "chain").tolist() == [1.0, 2.0]


# ------------------------------------------------------------------ crossings in words
def test_crossing_text_names_each_crossing_once():
    coords = {"POS": (-0.1, 0.0), "PK": (0.0, 0.0), "RS": (1.0, 0.0)}
    land = {"POS": 0, "PK": 0, "RS": 1}
    legs = {"pustu": [], "puskesmas": [("POS", "PK")], "rsud": [("PK", "RS")]}
    _, crossings = leg_segments(legs, coords, land, two_island_sea_net())
    assert rv.crossing_text(crossings, "en") == (
        "Includes sea crossings — fast: 60 min. Boats do not sail every day."
    )
    assert rv.crossing_text([], "en") == ""


def test_line_traces_keep_their_order_even_when_empty():
    traces = rv.line_traces({}, {}, "id")
    assert [t.name for t in traces][:3] == [
        "Posyandu → Pustu",
        "Pustu → Puskesmas",
        "Puskesmas → RSUD",
    ]
    assert [t.name for t in traces][4:] == [
        "Puskesmas",
        "RSUD",
        "RS swasta (bukan tujuan rujukan)",
    ]
    assert traces[-1].marker.color == rv.PRIVATE_COLOR != traces[-2].marker.color
    fig = rv.pin_layer_order(
        go.Figure([go.Choroplethmap(), go.Choroplethmap(), go.Scattermap(), *traces])
    )
    assert [t.uid for t in fig.data] == [f"rj{i}" for i in range(10)]
    assert [t.below for t in fig.data] == ["plotly-trace-layer-rj1-fill"] + [
        f"plotly-trace-layer-rj{i}-line" for i in range(2, 10)
    ] + [""]
    patch = rv.lines_patch(traces).to_plotly_json()["operations"]
    assert {tuple(op["location"][:2]) for op in patch} == {
        ("data", rv.LINE_TRACE + i) for i in range(7)
    }


def test_private_hospitals_are_drawn_apart():
    dots = {"swasta": pd.DataFrame({"nama": ["RS Graha"], "lon": [110.5], "lat": [-6.5]})}
    traces = rv.line_traces({}, dots, "en")
    assert traces[-1].name == "Private hospital (not a referral destination)"
    assert list(traces[-1].lon) == [110.5] and list(traces[-1].text) == ["RS Graha"]
    assert list(traces[-2].lon) == []  # no referral hospital dot for it


def test_hospital_text_says_where_the_chain_ends():
    assert "rumah sakit pemerintah terdekat" in rv.hospital_text(False, "id")
    assert "no government hospital" in rv.hospital_text(True, "en")
    assert "apa pun kepemilikannya" in rv.hospital_text(True, "id")


def test_rule_text_states_the_estimate():
    text = rv.rule_text("landmass", "id", sea=True)
    assert (
        "× 1,3" in text and "40 km/jam" in text and "bukan rute jalan" in text and "kapal" in text
    )
    assert "kapal" not in rv.rule_text("landmass", "id")  # no sea links, no boats
    assert "1.3" in rv.rule_text("landmass", "en") and "not road routing" in rv.rule_text(
        "landmass", "en"
    )


def test_sea_text_says_boats_do_not_sail_daily():
    links = pd.DataFrame({"name": ["ferry", "KMC"], "minutes": [270.0, 120.0]})
    text = rv.sea_text(links, "en")
    assert (
        "Crossings: KMC about 120 min; ferry about 270 min." in text
        and "do not sail every day" in text
    )
    assert "tidak berlayar setiap hari" in rv.sea_text(links, "id")
    assert rv.sea_text(None, "id") == ""
