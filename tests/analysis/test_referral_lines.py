"""Referral lines over land and sea (ilp_dash.analysis.referral_lines) on tiny cases worked out by hand.

Distances on the equator: 0.1° of longitude = 6371.0088 × π/180 × 0.1 = 11.1195 km;
× 1.3 = 14.4553 km; at 40 km/h = 21.683 minutes (the straight-line rule).
"""

import math

import pandas as pd
import pytest

from ilp_dash.analysis.referral_lines import (
    LINE_LEGS,
    chain_legs,
    dashes,
    leg_segments,
    route,
)

from ..conftest import two_island_sea_net

TENTH_DEG_MIN = 6371.0088 * math.pi / 180 * 0.1 * 1.3 / 40 * 60  # 21.683 min


def test_sea_net_merges_shared_ports():
    net = two_island_sea_net()
    assert net.ports.tolist() == [[0.1, 0.0], [0.9, 0.0]]
    assert net.port_land.tolist() == [0, 1]
    assert [(p, q, m) for p, q, m, _ in net.crossings] == [(0, 1, 60.0), (1, 0, 200.0)]


def test_route_crosses_by_the_fastest_boat():
    segs = route((0.0, 0.0), 0, (1.0, 0.0), 1, two_island_sea_net())
    assert [s.kind for s in segs] == ["land", "sea", "land"]
    assert (segs[0].lon1, segs[0].lon2, segs[1].lon2, segs[2].lon2) == (0.0, 0.1, 0.9, 1.0)
    assert segs[1].name == "fast" and segs[1].minutes == 60.0
    assert segs[0].minutes == pytest.approx(TENTH_DEG_MIN, abs=1e-3)
    assert sum(s.minutes for s in segs) == pytest.approx(2 * 21.683 + 60, abs=1e-2)


def test_route_same_landmass_is_one_straight_line_and_unreachable_is_empty():
    segs = route((0.0, 0.0), 0, (0.2, 0.0), 0, two_island_sea_net())
    assert [(s.kind, s.lon1, s.lon2) for s in segs] == [("land", 0.0, 0.2)]
    assert segs[0].minutes == pytest.approx(2 * TENTH_DEG_MIN, abs=1e-3)
    assert route((0.0, 0.0), 0, (3.0, 0.0), 2, two_island_sea_net()) == []  # no boat to landmass 2


def test_chain_legs_of_a_tiny_chain():
    # P1, P2 → Pustu S1 → PK1 → RS1; P3 has no Pustu (straight to PK1); P4's Pustu has no coordinates
    chain = pd.DataFrame(
        {
            "id": ["P1", "P2", "P3", "P4"],
            "pustu_id": ["S1", "S1", None, "SX"],
            "puskesmas_id": ["PK1"] * 4,
            "rsud_id": ["RS1"] * 4,
        }
    )
    coords = {k: (0.0, 0.0) for k in ("P1", "P2", "P3", "P4", "S1", "PK1", "RS1")}
    legs = chain_legs(chain, coords)
    assert legs == {
        "pustu": [("P1", "S1"), ("P2", "S1")],
        "puskesmas": [("S1", "PK1"), ("P3", "PK1"), ("P4", "PK1")],
        "rsud": [("PK1", "RS1")],
    }


def test_leg_segments_split_a_sea_leg_and_dash_the_crossing():
    coords = {"POS": (-0.1, 0.0), "PK": (0.0, 0.0), "RS": (1.0, 0.0)}
    land = {"POS": 0, "PK": 0, "RS": 1}
    legs = {"pustu": [], "puskesmas": [("POS", "PK")], "rsud": [("PK", "RS")]}
    segs, crossings = leg_segments(legs, coords, land, two_island_sea_net())
    assert segs["puskesmas"] == [(-0.1, 0.0, 0.0, 0.0)]
    assert segs["rsud"] == [
        (0.0, 0.0, 0.1, 0.0),
        (0.9, 0.0, 1.0, 0.0),
    ]  # to the port, from the port
    assert [c.name for c in crossings] == ["fast"]
    assert segs["sea"] == dashes(0.1, 0.0, 0.9, 0.0)


def test_dashes_are_pieces_with_gaps():
    pieces = dashes(0.0, 0.0, 1.0, 0.0, step_deg=0.25)
    assert [tuple(round(v, 6) for v in p) for p in pieces] == [
        (0.0, 0.0, 0.15, 0.0),
        (0.25, 0.0, 0.4, 0.0),
        (0.5, 0.0, 0.65, 0.0),
        (0.75, 0.0, 0.9, 0.0),
    ]


def test_line_legs_order():
    assert LINE_LEGS == ("pustu", "puskesmas", "rsud", "sea")
