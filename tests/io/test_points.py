"""Facility registers as GIS point layers (ilp_dash/io/points.py): GeoJSON, GeoPackage, zipped Shapefile.

The fixture is a QGIS-style GeoJSON export with synthetic hospitals
(tests/fixtures/facilities/README.md); the GeoPackage (UTM 49S) and the zipped
Shapefile are written from it here.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString

from ilp_dash.io.facilities import load_facilities
from ilp_dash.io.problems import DataValidationError
from ilp_dash.io.upload_guard import inspect_upload

GEOJSON = (
    Path(__file__).resolve().parent.parent
    / "fixtures"
    / "facilities"
    / "rumah_sakit_qgis_sintetis.geojson"
)
EXPECTED = [
    ["RSUD Contoh Jepara", "C", "Pemda", "33.20.01.2006", 1],
    ["RS Swasta Contoh", "D", "Swasta", "33.20.04.2016", 2],
    ["RS Contoh Pecangaan", "D", "Swasta", "33.20.02.2003", 3],
]


def _columns(res):
    return res.data[["nama", "kelas", "kepemilikan", "kode_desa", "baris"]].values.tolist()


def test_qgis_geojson_loads(jepara):
    res = load_facilities(GEOJSON, "hospitals", jepara)
    assert _columns(res) == EXPECTED
    assert res.data[["lat", "lon"]].values.tolist()[0] == [-6.69114, 110.66671]
    assert res.report.codes() == []
    assert res.data.attrs["synthetic"]  # the export says "data sintetis"
    # placed by their points: each listed with the village it falls in
    assert res.matches[["baris", "cara", "desa"]].values.tolist() == [
        ["1", "koordinat", "Sowan Kidul"],
        ["2", "koordinat", "Bungu"],
        ["3", "koordinat", "Gerdu"],
    ]


def test_projected_geopackage_is_reprojected(jepara, tmp_path):
    out = tmp_path / "rumah_sakit.gpkg"
    gpd.read_file(GEOJSON).to_crs("EPSG:32749").to_file(out, driver="GPKG")
    res = load_facilities(out, "hospitals", jepara)
    assert _columns(res) == EXPECTED
    assert res.report.codes() == ["crs_reprojected"]
    assert "EPSG:32749" in res.report.problems[0].message_en
    lat, lon = res.data[["lat", "lon"]].values.tolist()[0]
    assert abs(lat - -6.69114) < 1e-6 and abs(lon - 110.66671) < 1e-6


def test_zipped_shapefile_loads(jepara, tmp_path):
    shp = tmp_path / "shp" / "rs.shp"
    shp.parent.mkdir()
    gpd.read_file(GEOJSON).to_file(shp)
    z = tmp_path / "rumah_sakit.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for part in shp.parent.iterdir():
            zf.write(part, f"rs/{part.name}")
    res = load_facilities(z, "hospitals", jepara)
    assert _columns(res) == EXPECTED  # the DBF cut 'KEPEMILIKAN' to 'KEPEMILIKA'
    assert inspect_upload("hospitals", "rumah_sakit.zip", z.read_bytes()).problems == []


def test_lines_are_refused(jepara, tmp_path):
    out = tmp_path / "jalan.geojson"
    gpd.GeoDataFrame(
        {"nama": ["x"]}, geometry=[LineString([(110.6, -6.7), (110.7, -6.7)])], crs=4326
    ).to_file(out)
    with pytest.raises(DataValidationError) as exc:
        load_facilities(out, "hospitals", jepara)
    e = exc.value.report.errors[0]
    assert e.code == "points_not_points" and "LineString" in e.message_en


def test_upload_guard_accepts_point_layers_for_facilities(tmp_path):
    gj = GEOJSON.read_bytes()
    assert inspect_upload("hospitals", "rumah_sakit.geojson", gj).problems == []
    assert inspect_upload("puskesmas", "puskesmas.geojson", gj).problems == []
    out = tmp_path / "p.gpkg"
    gpd.read_file(GEOJSON).to_file(out, driver="GPKG")
    assert inspect_upload("posyandu", "posyandu.gpkg", out.read_bytes()).problems == []
    # checked by content: a PDF named .geojson, and point layers still refused for ambulances
    assert inspect_upload("hospitals", "rs.geojson", b"%PDF-1.4").codes() == [
        "upload_content_mismatch"
    ]
    assert inspect_upload("ambulances", "ambulans.geojson", gj).codes() == ["file_type"]
