"""Travel-time matrices (analysis/travel.py): straight line, landmasses + sea links, road network.

The landmasses themselves are tested in ``test_landmasses.py``.

Fixtures lie on the equator, where a degree of longitude is 2πR/360 =
111.19508 km (R = 6371.0088 km) and the great circle between two points is
the equator itself, so every expected value is a hand calculation.
"""

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from pyproj import Transformer
from shapely.geometry import LineString, box

from ilp_dash.analysis.travel import (
    TravelError,
    straight_line_matrix,
    travel_matrix,
    travel_model,
)

DEG_KM = 2 * math.pi * 6371.0088 / 360  # 111.19508 km


def pts(*lons, lat=0.0):
    return pd.DataFrame({"lon": lons, "lat": [lat] * len(lons)})


def island_villages() -> gpd.GeoDataFrame:
    """Mainland: two touching villages over lon 0–0.2; an island over lon 0.6–0.7; a islet 300 m off it."""
    return gpd.GeoDataFrame(
        {
            "kode": ["99.01.01.2001", "99.01.01.2002", "99.01.02.2001", "99.01.02.2002"],
            "nama": ["Daratan Barat", "Daratan Timur", "Pulau", "Gosong"],
        },
        geometry=[
            box(0.0, -0.05, 0.1, 0.05),
            box(0.1, -0.05, 0.2, 0.05),
            box(0.6, -0.05, 0.7, 0.05),
            box(0.7027, -0.01, 0.71, 0.01),
        ],  # 0.0027° = 300 m of water east of the island
        crs="EPSG:4326",
    )


@pytest.fixture(scope="module")
def villages():
    return island_villages()


SEA = pd.DataFrame(
    {
        "name": ["Feri"],
        "from_lon": [0.2],
        "from_lat": [0.0],
        "to_lon": [0.6],
        "to_lat": [0.0],
        "minutes": [100.0],
    }
)


def test_straight_line_one_degree_at_the_equator():
    tm = straight_line_matrix(pts(0.0), pts(1.0, 0.0), circuity=1.0, speed_kmh=60.0)
    assert_allclose(tm.km, [[DEG_KM, 0.0]], rtol=1e-6)
    assert_allclose(tm.minutes, [[DEG_KM, 0.0]], rtol=1e-6)  # 60 km/h: one minute per km
    default = straight_line_matrix(pts(0.0), pts(1.0))  # circuity 1.3, 40 km/h
    assert_allclose(default.km, [[DEG_KM * 1.3]], rtol=1e-6)
    assert_allclose(default.minutes, [[DEG_KM * 1.3 / 40 * 60]], rtol=1e-6)  # 216.83 min
    assert default.method == "straight_line" and not default.sea.any()


def test_points_as_geodataframe_or_array():
    gdf = gpd.GeoDataFrame(geometry=gpd.points_from_xy([0.0], [0.0]), crs="EPSG:4326").to_crs(
        "EPSG:32749"
    )
    a = straight_line_matrix(gdf, np.array([[1.0, 0.0]]))
    b = straight_line_matrix(pts(0.0), pts(1.0))
    assert_allclose(a.minutes, b.minutes, rtol=1e-6)  # reprojection round trip
    assert straight_line_matrix(pts(), pts(1.0)).minutes.shape == (0, 1)


def test_island_to_mainland_is_land_plus_crossing_plus_land(villages):
    model = travel_model(villages=villages, sea_links=SEA)
    tm = model.matrix(pts(0.65), pts(0.05, 0.15, 0.62))

    def land_min(deg):
        return deg * DEG_KM * 1.3 / 40 * 60

    expected = [0.05 + 0.15, 0.05 + 0.05]  # island → port 0.6 (0.05°), port 0.2 → destination
    assert_allclose(tm.minutes[0, :2], [land_min(d) + 100 for d in expected], rtol=1e-9)
    assert_allclose(tm.km[0, :2], [d * DEG_KM * 1.3 + 0.4 * DEG_KM for d in expected], rtol=1e-9)
    assert_allclose(tm.minutes[0, 2], land_min(0.03), rtol=1e-9)  # same island: a straight line
    assert tm.sea.tolist() == [[True, True, False]]
    assert tm.method == "landmass"
    # the crossing's own km, when given, replaces the great-circle km
    tm_km = travel_model(villages=villages, sea_links=SEA.assign(km=50.0)).matrix(
        pts(0.6), pts(0.2)
    )
    assert_allclose(tm_km.km, [[50.0]])


def test_without_sea_link_other_landmass_is_unreachable(villages):
    tm = travel_model(villages=villages).matrix(pts(0.65, 0.05), pts(0.05, 0.15))
    assert np.isinf(tm.minutes[0]).all() and np.isinf(tm.km[0]).all()
    assert np.isfinite(tm.minutes[1]).all()
    # the plain straight line would have crossed the sea
    assert np.isfinite(travel_matrix(pts(0.65), pts(0.05)).minutes).all()


def test_fastest_of_two_crossings_is_used(villages):
    two = pd.concat([SEA, SEA.assign(name="Kapal cepat", minutes=40.0)], ignore_index=True)
    tm = travel_model(villages=villages, sea_links=two).matrix(pts(0.6), pts(0.2))
    assert_allclose(tm.minutes, [[40.0]])


UTM = "EPSG:32749"  # zone 49S; x = 500 000 is its central meridian (111° E), near Jepara
X0, Y0 = 500_000.0, 9_270_000.0


def utm_pts(*xy):
    """Lon/lat of points given in metres east/north of (X0, Y0)."""
    to_ll = Transformer.from_crs(UTM, "EPSG:4326", always_xy=True)
    lon, lat = to_ll.transform([X0 + x for x, _ in xy], [Y0 + y for _, y in xy])
    return pd.DataFrame({"lon": lon, "lat": lat})


def utm_line(*xy):
    return LineString([(X0 + x, Y0 + y) for x, y in xy])


def test_road_network_matrix_adds_snap_walk_and_marks_unreachable():
    # a 2 km road at 30 km/h (nodes every km), and a detached 1 km road 50 km east
    roads = gpd.GeoDataFrame(
        {"speed_kmh": [30.0, 30.0]},
        crs=UTM,
        geometry=[utm_line((0, 0), (1000, 0), (2000, 0)), utm_line((50_000, 0), (51_000, 0))],
    )
    model = travel_model(roads=roads)
    origins = utm_pts((0, 200), (0, 0), (0, 10_000))  # 200 m off the road; on it; 10 km away
    tm = model.matrix(origins, utm_pts((2000, 0), (50_500, 0)))
    assert tm.method == "road_network"
    assert_allclose(tm.origin_snap_m, [200.0, 0.0, 10_000.0], atol=0.01)
    # 200 m walked at 5 km/h = 2.4 min, plus 2 km at 30 km/h = 4 min
    assert_allclose(tm.minutes[:2, 0], [2.4 + 4.0, 4.0], rtol=1e-6)
    assert_allclose(tm.km[:2, 0], [2.2, 2.0], rtol=1e-6)
    assert np.isinf(tm.minutes[:, 1]).all() and np.isinf(tm.km[:, 1]).all()  # other road component
    assert np.isinf(tm.minutes[2]).all()  # beyond max_snap_km (3 km)
    looser = travel_model(roads=roads, max_snap_km=20, access_kmh=10).matrix(
        origins[2:], utm_pts((0, 0))
    )
    assert_allclose(looser.minutes, [[60.0]], rtol=1e-6)  # 10 km at 10 km/h


def test_sea_link_on_a_road_network():
    roads = gpd.GeoDataFrame(
        {"speed_kmh": [30.0, 30.0]},
        crs=UTM,
        geometry=[utm_line((0, 0), (2000, 0)), utm_line((10_000, 0), (12_000, 0))],
    )
    ends = utm_pts((2000, 0), (10_000, 0), (40_000, 0))
    lon, lat = ends["lon"].to_numpy(), ends["lat"].to_numpy()
    sea = pd.DataFrame(
        {
            "name": ["Perahu", "Jauh"],
            "from_lon": lon[[0, 0]],
            "from_lat": lat[[0, 0]],
            "to_lon": lon[[1, 2]],
            "to_lat": lat[[1, 2]],
            "minutes": [30.0, 10.0],
        }
    )
    model = travel_model(roads=roads, sea_links=sea)
    assert model.unused_links == ("Jauh",)  # its far end has no road within 3 km
    tm = model.matrix(utm_pts((0, 0)), utm_pts((12_000, 0)))
    assert_allclose(tm.minutes, [[4.0 + 30.0 + 4.0]], rtol=1e-6)
    assert tm.sea.tolist() == [[True]]


def test_bad_arguments():
    with pytest.raises(TravelError, match="speed_kmh must be a positive number"):
        straight_line_matrix(pts(0.0), pts(1.0), speed_kmh=0)
    with pytest.raises(TravelError, match="circuity must be a number of at least 1"):
        travel_model(circuity=0.9)
    with pytest.raises(TravelError, match="sea links need villages"):
        travel_model(sea_links=SEA)
    with pytest.raises(TravelError, match="lacks column"):
        travel_model(villages=None, roads=None, sea_links=SEA.drop(columns="minutes"))
    with pytest.raises(TravelError, match="origins: 1 points have no valid lon/lat"):
        straight_line_matrix(pts(np.nan), pts(1.0))
