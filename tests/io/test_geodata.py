import pytest
import shapely

from ilp_dash.io.geodata import load_region, region_index
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
