import math

import pytest
from shapely.geometry import box

from ilp_dash.io.coords import CoordinateError, RegionLocator, parse_coordinate, split_pair


@pytest.mark.parametrize(
    "text, value, note",
    [
        ("-6.5897", -6.5897, None),
        ("110.6712", 110.6712, None),
        ("-6,5897", -6.5897, "decimal_comma"),
        ("\u22126.5897", -6.5897, None),  # unicode minus
        ("6°35'23\"S", -(6 + 35 / 60 + 23 / 3600), "dms"),
        ("6°35'23\" LS", -(6 + 35 / 60 + 23 / 3600), "dms"),
        ("S 6 35 23", -(6 + 35 / 60 + 23 / 3600), "dms"),
        ("6:35:23 S", -(6 + 35 / 60 + 23 / 3600), "dms"),
        ("110° 40' 5.1\" BT", 110 + 40 / 60 + 5.1 / 3600, "dms"),
        ("6° 35,5' LS", -(6 + 35.5 / 60), "dms"),
    ],
)
def test_parse_coordinate(text, value, note):
    p = parse_coordinate(text)
    assert p.value == pytest.approx(value, abs=1e-9)
    assert p.note == note


@pytest.mark.parametrize("text", ["", "abc", "6°75'00\"S", "12.3.4", "--6.5"])
def test_parse_coordinate_rejects(text):
    with pytest.raises(CoordinateError):
        parse_coordinate(text)


@pytest.mark.parametrize(
    "text, parts",
    [
        ("-6.5897, 110.6712", ("-6.5897", "110.6712")),
        ("-6,5897; 110,6712", ("-6,5897", "110,6712")),
        ("-6,5897, 110,6712", ("-6,5897", "110,6712")),
        ("-6.5,110.6", ("-6.5", "110.6")),
        ("6°35'23\"S 110°40'05\"E", ("6°35'23\"S", "110°40'05\"E")),
    ],
)
def test_split_pair(text, parts):
    assert split_pair(text) == parts


@pytest.fixture
def square():
    # a 1° × 1° region: lon 110..111, lat -7..-6
    return RegionLocator(box(110, -7, 111, -6), "Kotak Uji", tolerance_km=1.0)


def test_locator_inside_unchanged(square):
    loc = square.locate(-6.5, 110.5)
    assert (loc.lon, loc.lat, loc.fix, loc.outside_km) == (110.5, -6.5, None, 0.0)


def test_locator_repairs_swap_and_sign(square):
    assert square.locate(110.5, -6.5).fix == "swapped"
    loc = square.locate(6.5, 110.5)
    assert loc.fix == "sign" and loc.lat == -6.5
    assert square.locate(110.5, 6.5).fix == "swapped_sign"


def test_locator_distance_outside(square):
    # 0.5° of latitude south of the box edge: 0.5 × 111.0 km ≈ 55.4 km
    # (meridian arc at 7°S is 110.6 km/°; UTM scale factor ~0.9996-1.0004 nearby)
    loc = square.locate(-7.5, 110.5)
    assert loc.fix is None
    assert loc.outside_km == pytest.approx(0.5 * 110.6, rel=0.01)


def test_locator_tolerance(square):
    # 0.005° ≈ 0.55 km outside: accepted within the 1 km tolerance
    loc = square.locate(-7.005, 110.5)
    assert loc.fix is None and 0.4 < loc.outside_km < 0.7
    assert math.isinf(square.distance_km(200, -6))
