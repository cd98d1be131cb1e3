"""Great-circle distances and straight-line minutes (analysis/distance.py)."""

import numpy as np
import pytest
from numpy.testing import assert_allclose

from ilp_dash.analysis.distance import haversine_km, straight_line_minutes


def test_haversine_hand_values():
    # one degree of longitude on the equator: 2πR / 360 = 111.195 km
    assert_allclose(haversine_km(0.0, 0.0, 1.0, 0.0), [[111.19508]], rtol=1e-6)
    assert_allclose(haversine_km(110.0, -7.0, 110.0, -6.0), [[111.19508]], rtol=1e-6)  # meridian
    d = haversine_km([110.0, 110.5], [-7.0, -6.5], [110.0, 110.5, 111.0], [-7.0, -6.5, -6.0])
    assert d.shape == (2, 3)
    assert_allclose(np.diag(d[:, :2]), 0.0, atol=1e-9)
    back = haversine_km([110.0, 110.5, 111.0], [-7.0, -6.5, -6.0], [110.0, 110.5], [-7.0, -6.5])
    assert_allclose(back, d.T, rtol=1e-12)


def test_haversine_matches_textbook_formula_across_blocks():
    rng = np.random.default_rng(1)
    lon1, lat1 = rng.uniform(105, 115, 700), rng.uniform(-9, -5, 700)
    lon2, lat2 = (
        rng.uniform(105, 115, 150),
        rng.uniform(-9, -5, 150),
    )  # 700 × 150 spans several blocks
    p1, l1 = np.radians(lat1)[:, None], np.radians(lon1)[:, None]
    p2, l2 = np.radians(lat2)[None, :], np.radians(lon2)[None, :]
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin((l2 - l1) / 2) ** 2
    expected = 2 * 6371.0088 * np.arcsin(np.sqrt(a))
    assert_allclose(haversine_km(lon1, lat1, lon2, lat2), expected, rtol=1e-9, atol=1e-9)


def test_straight_line_minutes():
    # 10 km × 1.3 ÷ 40 km/h × 60 = 19.5 min; inf stays inf; the input is not modified
    km = np.array([10.0, np.inf])
    assert_allclose(straight_line_minutes(km), [19.5, np.inf])
    assert_allclose(straight_line_minutes(km, circuity=1.0, speed_kmh=60), [10.0, np.inf])
    assert km[0] == 10.0
    with pytest.raises(ValueError, match="speed_kmh"):
        straight_line_minutes(km, speed_kmh=0)
    with pytest.raises(ValueError, match="circuity"):
        straight_line_minutes(km, circuity=0.5)
