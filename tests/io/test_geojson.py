"""The village GeoJSON sent to the browser (ilp_dash.io.geojson): simplified, ids only, small."""

import pytest
import shapely

from ilp_dash.io.geojson import encode, feature_collection, simplified


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
