"""Map builders shared by the screens (ilp_dash.ui.maps): figures, colour scales and value patches."""

import json

import numpy as np
import pytest

from ilp_dash.io.geojson import encode
from ilp_dash.ui.maps import Scale, kecamatan_shapes, value_patch, village_map


def test_value_patch_sends_values_not_geometry(jepara):
    vil = jepara.villages
    scale = Scale(label="x (%)")
    values = np.linspace(0, 100, len(vil))
    values[0] = np.nan
    fig = village_map(vil, values, scale, geo_url="/geo/33.20/0.json", kecamatan=jepara.kecamatan)
    assert fig.data[1].geojson == "/geo/33.20/0.json" and fig.data[0].geojson == "/geo/33.20/0.json"
    patch = value_patch(values * 0.5, scale).to_plotly_json()
    text = json.dumps(patch)
    assert "coordinates" not in text and len(text) < 5_000
    ops = {tuple(op["location"]): op["params"]["value"] for op in patch["operations"]}
    z = ops[("data", 1, "z")]
    assert z[0] is None and z[-1] == 50.0 and len(z) == len(vil)


def test_categorical_scale_puts_each_category_in_its_own_band():
    s = Scale.categorical("kelas", ["a", "b", "c"], ["#111111", "#222222", "#333333"])
    assert (s.zmin, s.zmax) == (-0.5, 2.5)
    # category i sits in [i/3, (i+1)/3] of the scale
    assert s.colorscale[2] == [1 / 3, "#222222"] and s.colorscale[3] == [2 / 3, "#222222"]
    assert s.colorbar()["ticktext"] == ["a", "b", "c"]


def test_kecamatan_shapes_are_unions_of_villages(jepara):
    kec = kecamatan_shapes(jepara.villages)
    assert len(kec) == jepara.villages["kode_kec"].nunique() == 16
    total = jepara.villages.geometry.area.sum()
    assert kec.geometry.area.sum() == pytest.approx(
        total, rel=1e-3
    )  # less the source's small overlaps


def test_named_colour_scales_go_to_the_browser_as_stops():
    # plotly.js has no "OrRd": a bare name would silently fall back to its default scale
    patch = value_patch([1.0, 2.0], Scale(label="x", colorscale="OrRd")).to_plotly_json()
    ops = {tuple(op["location"]): op["params"]["value"] for op in patch["operations"]}
    stops = ops[("data", 1, "colorscale")]
    assert stops[0] == [0.0, "rgb(255,247,236)"] and stops[-1] == [1.0, "rgb(127,0,0)"]


def test_kecamatan_borders_are_a_line_layer_fetched_by_url(jepara):
    from ilp_dash.io.geojson import kecamatan_collection

    fig = village_map(
        jepara.villages,
        np.zeros(len(jepara.villages)),
        Scale(label="x"),
        geo_url="/geo/33.20/3.json",
        kecamatan=jepara.kecamatan,
    )
    layer = fig.layout.map.layers[0]
    assert layer.source == "/geo/33.20/3.kec.json" and layer.type == "line"
    assert fig.data[2].name == "batas kecamatan"  # legend entry only
    gj = kecamatan_collection(jepara.villages)
    assert len(gj["features"]) == 16
    assert len(encode(gj)) < 80_000
