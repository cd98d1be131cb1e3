"""Reading road files (io/roads.py); the road graphs are tested in tests/analysis/test_roads.py."""

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from ilp_dash.analysis.roads import build_graph
from ilp_dash.io.problems import DataValidationError
from ilp_dash.io.roads import ROAD_CLASS_SPEEDS_KMH, read_roads, road_class_key

CRS = "EPSG:32749"


def test_read_geopackage_with_class_and_speed_columns(tmp_path):
    path = tmp_path / "jalan.gpkg"
    gdf = gpd.GeoDataFrame(
        {
            "highway": [
                "primary",
                "secondary_link",
                "residential",
                "construction",
                "menhir",
                "track",
            ],
            "kecepatan": [None, None, 25.0, None, None, "12,5"],
        },
        geometry=[
            LineString([(110.6 + i / 100, -6.6), (110.6 + i / 100, -6.59)]) for i in range(6)
        ],
        crs="EPSG:4326",
    )
    gdf.to_crs(CRS).to_file(path, driver="GPKG")
    res = read_roads(path)
    out = res.data
    assert out.crs.to_epsg() == 4326
    assert out["kelas"].tolist() == ["primary", "secondary_link", "residential", "track"]
    assert out["speed_kmh"].tolist() == [50.0, 40.0, 25.0, 12.5]
    assert out["sumber_kecepatan"].tolist() == ["kelas", "kelas", "kolom", "kolom"]
    assert res.report.codes() == [
        "crs_reprojected",
        "road_class_skipped",
        "road_class_unknown",
        "road_speeds_used",
    ]
    unknown = res.report.warnings[0]
    assert (unknown.column, unknown.message_en) == (
        "highway",
        "1 road lines of class 'menhir' are not recognised and were skipped.",
    )
    assert build_graph(out).n_edges == 4


def test_read_roads_errors(tmp_path):
    pts = gpd.GeoDataFrame({"highway": ["primary"]}, geometry=[Point(110.6, -6.6)], crs="EPSG:4326")
    pts.to_file(tmp_path / "titik.geojson")
    with pytest.raises(DataValidationError) as exc:
        read_roads(tmp_path / "titik.geojson")
    assert exc.value.report.codes() == ["road_no_lines"]
    plain = gpd.GeoDataFrame(
        {"nama": ["Jl. Kartini"]},
        geometry=[LineString([(110.6, -6.6), (110.7, -6.6)])],
        crs="EPSG:4326",
    )
    plain.to_file(tmp_path / "jalan.geojson")
    with pytest.raises(DataValidationError, match="No column for road speed"):
        read_roads(tmp_path / "jalan.geojson")
    speeds = plain.assign(speed_kmh=[0])
    speeds.to_file(tmp_path / "nol.geojson")
    with pytest.raises(DataValidationError) as exc:
        read_roads(tmp_path / "nol.geojson")
    assert (
        exc.value.report.errors[0].message_en
        == "1 road lines have no valid speed in column 'speed_kmh' (e.g. feature 1: '0')."
    )
    with pytest.raises(DataValidationError) as exc:
        read_roads(tmp_path / "jalan.txt")
    assert exc.value.report.codes() == ["file_not_found"]


def test_road_class_keys_and_table():
    assert [
        road_class_key(v) for v in ("Jalan Arteri", "primary_link", "track_grade2", "Residential")
    ] == ["arteri", "primary", "track", "residential"]
    assert (
        ROAD_CLASS_SPEEDS_KMH["primary"]
        > ROAD_CLASS_SPEEDS_KMH["residential"]
        > ROAD_CLASS_SPEEDS_KMH["footway"]
    )


def test_read_osm_pbf(tmp_path):
    osmium = pytest.importorskip("osmium")
    path = tmp_path / "mini.osm.pbf"
    w = osmium.SimpleWriter(str(path))
    for i, (lon, lat) in enumerate(
        [(110.60, -6.60), (110.61, -6.60), (110.62, -6.60), (110.62, -6.61)], start=1
    ):
        w.add_node(osmium.osm.mutable.Node(id=i, location=(lon, lat)))
    w.add_way(
        osmium.osm.mutable.Way(
            id=10, nodes=[1, 2, 3], tags={"highway": "secondary", "maxspeed": "80"}
        )
    )
    w.add_way(osmium.osm.mutable.Way(id=11, nodes=[3, 4], tags={"highway": "footway"}))
    w.add_way(osmium.osm.mutable.Way(id=12, nodes=[1, 4], tags={"building": "yes"}))
    w.close()
    out = read_roads(path).data
    assert out["kelas"].tolist() == ["secondary", "footway"]
    assert out["speed_kmh"].tolist() == [40.0, 5.0]  # maxspeed is a legal limit, not used
    assert len(out.geometry.iloc[0].coords) == 3


def test_read_roads_with_a_speed_column_only(tmp_path):
    gdf = gpd.GeoDataFrame(
        {"Kecepatan": [30, 45.5]},
        crs="EPSG:4326",
        geometry=[
            LineString([(110.6, -6.6), (110.61, -6.6)]),
            LineString([(110.61, -6.6), (110.62, -6.6)]),
        ],
    )
    gdf.to_file(tmp_path / "jalan.geojson")
    res = read_roads(tmp_path / "jalan.geojson")
    assert res.data["speed_kmh"].tolist() == [30.0, 45.5] and res.data["kelas"].isna().all()
    assert res.report.codes() == ["road_speeds_used"]
