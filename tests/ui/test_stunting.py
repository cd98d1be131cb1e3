"""Map builders of the stunting screen (ilp_dash.ui.stunting) on the five villages of tests/ui/conftest.py."""

import math

import numpy as np
import pytest

from ilp_dash.ui import stunting as sv
from ilp_dash.ui import stunting_priority as sp
from ilp_dash.ui.maps import OKABE_ITO

from .conftest import VIL, H


def test_class_index_small_n_wins_and_nothing_measured_is_nan():
    idx = sv.class_index(H)
    assert idx[:4].tolist() == [0.0, 1.0, 2.0, 3.0]
    assert math.isnan(idx[4])
    assert sv.class_counts(H) == {"hot": 1, "cold": 1, "not significant": 1, "few": 1}


def test_hotspot_scale_maps_index_to_colour_blind_safe_colours():
    scale = sv.hotspot_scale("id")
    assert (scale.zmin, scale.zmax) == (-0.5, 3.5)
    assert scale.colors[0] == OKABE_ITO["vermillion"] and scale.colors[1] == OKABE_ITO["blue"]
    assert scale.categories == (
        "hotspot (tinggi)",
        "coldspot (rendah)",
        "tidak bermakna",
        "diukur < 20 anak",
    )
    # index i is drawn with colour i: stops [i/4, c_i], [(i+1)/4, c_i]
    for i, c in enumerate(sv.CLASS_COLORS):
        assert scale.colorscale[2 * i] == [i / 4, c] and scale.colorscale[2 * i + 1] == [
            (i + 1) / 4,
            c,
        ]
    # "few measured" is not the grey of "no data", and no two classes share a colour
    assert len(set(sv.CLASS_COLORS)) == 4 and "#d9d9d9" not in [c.lower() for c in sv.CLASS_COLORS]
    assert sv.hotspot_scale("en", 15).categories[3] == "< 15 children measured"


def test_prevalence_values_percent_and_shared_range():
    assert sv.prevalence_values(H, "crude")[:4] == pytest.approx([30.0, 10.0, 20.0, 37.5])
    assert sv.prevalence_values(H, "eb")[:4] == pytest.approx([28.0, 11.0, 19.0, 21.0])
    assert math.isnan(
        sv.prevalence_values(H, "eb")[4]
    )  # E: nothing measured, although EB gave the prior
    assert sv.prevalence_zmax(H) == 40.0  # 37.5 rounded up to 5
    assert sv.prevalence_zmax(H.assign(rate_crude=[0.40, 0, 0, 0, 0])) == 40.0  # exactly on a step
    assert sv.prevalence_zmax(H.assign(rate_crude=[0.401, 0, 0, 0, 0])) == 45.0


def _ops(patch) -> dict:
    return {
        tuple(o["location"]): o["params"]["value"] for o in patch.to_plotly_json()["operations"]
    }


def test_map_patch_touches_only_trace_1_values_and_keeps_colour_bar_inside():
    ops = _ops(sv.map_patch(H, "prevalence", "crude", "id", 40.0))
    assert {loc[:2] for loc in ops} == {("data", 1)}
    assert not any("geojson" in loc or "locations" in loc for loc in ops)
    assert ops[("data", 1, "z")] == [30.0, 10.0, 20.0, 37.5, None]
    assert ops[("data", 1, "zmax")] == 40.0
    assert ops[("data", 1, "colorbar")]["x"] == 0.99  # last assignment wins
    hot = _ops(sv.map_patch(H, "hotspots", "crude", "en", 40.0))
    assert hot[("data", 1, "z")] == [0.0, 1.0, 2.0, 3.0, None]
    assert hot[("data", 1, "customdata")] == [
        "hot spot (high)",
        "cold spot (low)",
        "not significant",
        "< 20 children measured",
        "–",
    ]
    inset = _ops(
        sv.map_patch(H, "prevalence", "eb", "id", 40.0, subset=np.array([0, 0, 0, 1, 1], bool))
    )
    assert inset[("data", 1, "z")] == [21.0, None]


def test_hover_gives_counts_and_eb_interval():
    names = sv.hover_names(VIL, H, "id")
    assert names[0] == (
        "<b>Alas</b><br>Kec. K1<br>diukur 100 · stunting 30<br>kasar 30,0% · EB 28,0% "
        "(20,0%–40,0%)<br>Gi* z 3,10 · q 0,010"
    )
    # D: small, untested: interval but no Gi* line
    assert names[3].endswith("kasar 37,5% · EB 21,0% (10,5%–34,7%)")
    assert names[4].endswith("tidak ada anak diukur")
    assert "measured 100 · stunted 30" in sv.hover_names(VIL, H, "en")[0]


def test_uncertain_layer_holds_only_small_measured_villages():
    names = sv.hover_names(VIL, H, "id")
    t = sv.uncertain_trace(VIL, H, geo_url="/geo/x/1.json", names=names, lang="id")
    assert list(t.locations) == ["D"]  # E measured nobody: it is "no data", not "uncertain"
    assert t.geojson == "/geo/x/1.json" and t.showlegend
    assert t.colorscale[0][1] == sv.UNCERTAIN_FILL == sv.CLASS_COLORS[3]
    empty = sv.uncertain_trace(
        VIL, H, geo_url="/g", names=names, lang="id", mask=np.array([1, 1, 1, 0, 0], bool)
    )
    assert list(empty.locations) == [] and not empty.showlegend


def test_fit_view_centres_in_the_free_strip():
    # 0.703125° of longitude = 1 px at zoom 0; fill 1024 px → zoom 10; a 100 px inset moves the centre 50 px west
    bounds = (-0.3515625, -1e-6, 0.3515625, 1e-6)
    center, zoom = sv.fit_view(bounds, width_px=1024, height_px=500, fill=1.0)
    assert zoom == pytest.approx(10.0) and center["lon"] == pytest.approx(0.0)
    center, zoom = sv.fit_view(bounds, width_px=1124, height_px=500, left_px=100, fill=1.0)
    assert zoom == pytest.approx(10.0)
    assert center["lon"] == pytest.approx(-50 * 360 / (512 * 1024))


def test_significance_text_states_the_rule():
    attrs = {
        "month": "2025-05",
        "permutations": 7719,
        "alpha": 0.05,
        "tested": 193,
        "k": 4,
        "min_measured": 20,
        "knn_villages": ["x"],
    }
    text = sv.significance_text(attrs, "id")
    for part in (
        "Mei 2025",
        "7.719 permutasi",
        "FDR 5%",
        "193 desa",
        "Benjamini–Hochberg",
        "4 desa terdekat",
        "< 20 anak",
    ):
        assert part in text
    en = sv.significance_text({**attrs, "knn_villages": []}, "en")
    assert "7,719 conditional permutations" in en and "island" not in en
    assert "40% EB stunting" in sp.priority_explanation("en")
