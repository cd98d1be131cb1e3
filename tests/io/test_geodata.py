import json

import pytest
import shapely

from ilp_dash.io.geodata import bundled_codes, load_region, region_codes, region_index
from ilp_dash.io.wilayah_source import build_region, path_to_geometry

from ..conftest import ROOT, SHARED

EXPECTED = {"33.20": (195, 16), "35.03": (157, 14), "35.79": (24, 3), "18.10": (131, 9)}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_bundled_layers_meet_contract(code):
    r = load_region(code)
    vil, kec = r.villages, r.kecamatan
    assert (len(vil), len(kec)) == EXPECTED[code]
    assert vil.crs.to_epsg() == 4326
    assert vil["kode"].is_unique and vil["kode"].str.fullmatch(r"\d\d\.\d\d\.\d\d\.\d{4}").all()
    assert vil["kode"].str.startswith(code + ".").all()
    assert set(vil["kode_kec"]) == set(kec["kode"])
    assert (
        vil.geometry.is_valid.all()
        and kec.geometry.is_valid.all()
        and r.regency.geometry.is_valid.all()
    )
    assert set(vil.geom_type) <= {"Polygon", "MultiPolygon"}
    # lon/lat order: Indonesia is at lon 95..141, lat -11..6
    minx, miny, maxx, maxy = vil.total_bounds
    assert 95 < minx < maxx < 141 and -11 < miny < maxy < 6
    assert (vil["luas_km2"] > 0).all()
    assert vil["luas_km2"].sum() == pytest.approx(r.regency["luas_km2"].iloc[0], rel=0.02)
    assert set(vil["tipe"]) <= {"desa", "kelurahan"}
    assert vil["nama"].notna().all() and vil["kecamatan"].notna().all()


def test_jepara_keeps_karimunjawa_and_types():
    vil = load_region("33.20").villages
    kj = vil[vil["kode_kec"] == "33.20.10"]
    assert set(kj["nama"]) >= {"Karimunjawa", "Kemujan", "Parang", "Nyamuk"}
    assert (kj.geometry.representative_point().y > -6.0).all()  # islands north of the mainland
    assert (vil["tipe"] == "desa").sum() == 184 and (vil["tipe"] == "kelurahan").sum() == 11


def test_attribution_and_licence_are_shipped():
    assert (ROOT / "geodata" / "LICENSE-wilayah_boundaries").read_text().startswith(
        "MIT"
    ) or "MIT License" in (ROOT / "geodata" / "LICENSE-wilayah_boundaries").read_text()
    assert all("wilayah_boundaries" in e["attribution"] for e in region_index())


def test_source_pairs_are_swapped_to_lon_lat():
    g = path_to_geometry("[[[-6.0,110.0],[-6.0,110.1],[-6.1,110.1],[-6.0,110.0]]]")
    assert g.exterior.coords[1] == (110.1, -6.0)
    mp = path_to_geometry(
        "[[[[-6.0,110.0],[-6.0,110.1],[-6.1,110.1],[-6.0,110.0]]],"
        "[[[-5.0,110.0],[-5.0,110.1],[-5.1,110.1],[-5.0,110.0]]]]"
    )
    assert mp.geom_type == "MultiPolygon" and len(mp.geoms) == 2


@pytest.mark.skipif(not SHARED.exists(), reason="shared/ boundary source not present")
def test_build_is_reproducible_from_source():
    built = build_region(SHARED, "35.79")
    bundled = load_region("35.79").villages
    assert list(built["villages"]["kode"]) == list(bundled["kode"])
    # bundled coordinates are rounded to 1e-6 degrees
    diff = shapely.hausdorff_distance(built["villages"].geometry.values, bundled.geometry.values)
    assert diff.max() < 1e-5


# --- added regions (ILP_REGIONS_DIR, written by ilp-dash add-region) -----------------------------------


@pytest.fixture
def added(tmp_path):
    """A regions folder holding the synthetic 64.01 (regency) and 64.74 (city) of test_wilayah_source."""
    from ilp_dash.io.wilayah_source import build_geodata

    from .test_wilayah_source import write_source

    out = tmp_path / "regions"
    build_geodata(write_source(tmp_path / "src"), ["64.01", "64.74"], out)
    return out


def test_added_regions_are_listed_beside_the_bundled_ones(added):
    index = region_index(regions_dir=added)
    assert [e["code"] for e in index] == sorted(EXPECTED) + ["64.01", "64.74"]
    names = {e["code"]: e["name"] for e in index}
    assert (names["64.01"], names["64.74"]) == ("Kabupaten Contoh", "Kota Contoh")
    assert region_codes(regions_dir=added) == [e["code"] for e in index]
    assert bundled_codes() == sorted(EXPECTED)


def test_an_added_city_loads_like_a_bundled_region(added):
    r = load_region("64.74", regions_dir=added)
    assert (r.code, r.name) == ("64.74", "Kota Contoh")
    assert r.villages["kode"].tolist() == ["64.74.01.1001", "64.74.01.1002"]
    assert r.villages.crs.to_epsg() == 4326 and r.villages.geometry.is_valid.all()
    assert r.kecamatan["kode"].tolist() == ["64.74.01"]
    assert "wilayah_boundaries" in r.attribution
    assert r.locator is not None and r.matcher is not None
    assert load_region("33.20", regions_dir=added).name == "Kabupaten Jepara"
    with pytest.raises(KeyError):
        load_region("64.72", regions_dir=added)


def test_settings_default_regions_dir_is_under_the_state_dir(monkeypatch, tmp_path):
    from ilp_dash.config import PROJECT_ROOT, settings

    monkeypatch.delenv("ILP_REGIONS_DIR", raising=False)
    monkeypatch.setenv("ILP_STATE_DIR", str(tmp_path / "state"))
    settings.cache_clear()
    try:
        assert settings().regions_dir == tmp_path / "state" / "regions"
        monkeypatch.setenv("ILP_REGIONS_DIR", str(tmp_path / "mine"))
        settings.cache_clear()
        assert settings().regions_dir == tmp_path / "mine"
        assert PROJECT_ROOT / "ilp_dash" not in settings().regions_dir.parents
    finally:
        monkeypatch.undo()
        settings.cache_clear()
    # the test session serves a copy of data/: no region is added there
    assert region_codes() == sorted(EXPECTED)


def test_a_bundled_code_wins_and_a_damaged_index_is_ignored(added):
    index = json.loads((added / "regions.json").read_text())
    fake = dict(index[0], code="33.20", name="Kabupaten Palsu")
    (added / "33.20").mkdir()
    (added / "33.20" / "villages.geojson").write_text("{}")
    (added / "regions.json").write_text(json.dumps([*index, fake]))
    assert {e["code"]: e["name"] for e in region_index(regions_dir=added)}["33.20"] == (
        "Kabupaten Jepara"
    )
    # an entry whose folder is gone is not offered
    (added / "regions.json").write_text(json.dumps([*index, dict(index[0], code="64.72")]))
    assert "64.72" not in region_codes(regions_dir=added)
    (added / "regions.json").write_text("[{not json")
    assert region_codes(regions_dir=added) == sorted(EXPECTED)
