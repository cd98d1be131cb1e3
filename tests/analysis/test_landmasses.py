"""Landmasses of a region (analysis/landmasses.py), on the equator fixtures of ``test_travel.py``."""

import pytest

from ilp_dash.analysis.landmasses import detached_villages, find_landmasses

from .test_travel import DEG_KM, island_villages


@pytest.fixture(scope="module")
def villages():
    return island_villages()


def test_landmasses_gap_rule(villages):
    land = find_landmasses(villages)  # gap 0.5 km: the islet 300 m away joins the island
    assert len(land) == 2
    label, off = land.label([0.05, 0.15, 0.65, 0.705, 0.35], [0.0] * 5)
    assert label[0] == label[1] != label[2] == label[3]
    # at sea: joins the nearest landmass (grown by 0.25 km); UTM zone 31 scale ≈ 1.001
    assert label[4] == label[0] and off[4] == pytest.approx(0.15 * DEG_KM - 0.25, abs=0.1)
    assert off[:4].tolist() == [0, 0, 0, 0]
    assert len(find_landmasses(villages, gap_km=0.2)) == 3


def test_villages_across_a_wide_sea_are_detached(villages):
    # the island and its islet lie 44 km off the mainland; one of the two pairs is the main body
    mask = detached_villages(villages)
    assert mask.tolist() in ([False, False, True, True], [True, True, False, False])
    assert not detached_villages(villages, gap_km=100).any()
