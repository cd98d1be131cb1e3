"""Pure UI helpers: number formats, the browser GeoJSON, map patches."""

import json

import numpy as np
import pytest
import shapely

from ilp_dash.i18n import month_name, number, percent, signed, tr
from ilp_dash.io.geojson import encode, feature_collection, simplified
from ilp_dash.ui.maps import Scale, kecamatan_shapes, value_patch, village_map


def test_numbers_follow_the_language():
    assert number(1234.5, "id", 1) == "1.234,5"
    assert number(1234.5, "en", 1) == "1,234.5"
    assert percent(97.0149, "id") == "97%" and percent(float("nan"), "id") == "–"
    assert (
        signed(15, "id") == "+15"
        and signed(-0.04, "en", 1) == "±0"
        and signed(-0.06, "en", 1) == "−0.1"
        and signed(0, "id") == "±0"
    )
    assert month_name("2025-05", "id") == "Mei 2025" and month_name("2025-05", "en") == "May 2025"
    assert tr("en", "Desa", "Villages") == "Villages" and tr("id", "Desa", "Villages") == "Desa"


def test_simplified_villages_keep_shared_borders(jepara):
    vil = jepara.villages
    simp = simplified(vil)
    # coverage simplification leaves no gaps or overlaps: the union's area barely changes
    before = shapely.union_all(vil.geometry.to_numpy()).area
    after = shapely.union_all(simp).area
    assert after == pytest.approx(before, rel=0.01)
    # the source villages overlap by ~0.04% of the area; simplification may not make that much worse
    overlap = sum(a.area for a in simp) - after
    assert overlap / after < 0.002
    assert (
        shapely.get_num_coordinates(simp).sum()
        < 0.5 * shapely.get_num_coordinates(vil.geometry.to_numpy()).sum()
    )


def test_geojson_has_ids_only_and_four_decimals(jepara):
    gj = feature_collection(jepara.villages)
    assert [f["id"] for f in gj["features"]] == jepara.villages["kode"].tolist()
    assert all(f["properties"] == {} for f in gj["features"])
    first = gj["features"][0]["geometry"]["coordinates"]
    while isinstance(first[0], list):
        first = first[0]
    assert all(round(c, 4) == c for c in first)
    assert len(encode(gj)) < 300_000  # the regency's first-load budget


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
