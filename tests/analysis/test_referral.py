"""The referral chain (analysis/referral.py); the command is in tests/cli/test_referral.py.

The synthetic set lies on the equator with a straight-line model at 60 km/h
and circuity 1, so minutes = km = degrees of longitude × 111.19508::

    RS2(-0.20)  U1b(-0.05)  P1(0) U1(0.02) Alpha(0.05) U3(0.09) P2(0.10) U4(0.12) P3(0.13)  Beta(0.30)  RS1(0.50)

P1 (village V1) → U1, its village's nearer Pustu (0.02) → Alpha, named by U1 (0.03) → RS2 (0.25): 0.30°.
P2 (V2, no Pustu) → nearest U3 (0.01) → Beta, named "PKM beta" (0.21) → RS1 (0.20): 0.42°.
P3 (V4) → U4 (0.01), whose "Puskesmas Gamma" does not exist → nearest Alpha (0.07) → RS2 (0.25): 0.33°.
"""

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose
from shapely.geometry import box

from ilp_dash.analysis.referral import (
    UNREACHABLE,
    ReferralError,
    band_labels,
    referral_chain,
    travel_band,
)
from ilp_dash.analysis.travel import travel_model

from ..conftest import ROOT

DEG = 2 * math.pi * 6371.0088 / 360  # km (and minutes at 60 km/h) per degree on the equator
DATA = ROOT / "data" / "33.20"


def frame(rows, **extra):
    df = pd.DataFrame(rows, columns=["id", "nama", "kode_desa", "lon", *extra])
    df["lat"] = 0.0
    return df


POSYANDU = frame(
    [
        ("P1", "Posyandu Satu", "V1", 0.00),
        ("P2", "Posyandu Dua", "V2", 0.10),
        ("P3", "Posyandu Tiga", "V4", 0.13),
    ]
)
PUSTU = frame(
    [
        ("U1", "Pustu Satu", "V1", 0.02, "Puskesmas Alpha"),
        ("U1b", "Pustu Satu B", "V1", -0.05, "Puskesmas Alpha"),
        ("U3", "Pustu Tiga", "V3", 0.09, "PKM beta"),
        ("U4", "Pustu Empat", "V4", 0.12, "Puskesmas Gamma"),
    ],
    puskesmas=None,
)
PUSKESMAS = frame([("K1", "Puskesmas Alpha", "V1", 0.05), ("K2", "Puskesmas Beta", "V9", 0.30)])
HOSPITALS = frame([("R1", "RSUD Timur", "V9", 0.50), ("R2", "RSUD Barat", "V0", -0.20)])
MODEL = travel_model(speed_kmh=60.0, circuity=1.0)


def test_band_thresholds_inclusive_at_the_edge():
    minutes = [0.0, 15.0, 15.0000000001, 15.01, 30.0, 45.0, 60.0, 60.5, np.inf, np.nan]
    assert list(travel_band(minutes)) == [
        "≤ 15",
        "≤ 15",
        "≤ 15",
        "16–30",
        "16–30",
        "31–60",
        "31–60",
        "> 60",
        UNREACHABLE,
        UNREACHABLE,
    ]
    assert band_labels((10, 20.5)) == ["≤ 10", "11–20.5", "> 20.5"]
    assert list(travel_band([10, 10.2, 20.5, 21], thresholds=(10, 20.5))) == [
        "≤ 10",
        "11–20.5",
        "11–20.5",
        "> 20.5",
    ]
    with pytest.raises(ReferralError, match="positive and increasing"):
        travel_band([1.0], thresholds=(30, 15))


def test_chain_on_a_tiny_synthetic_set():
    out = referral_chain(POSYANDU, PUSTU, PUSKESMAS, HOSPITALS, model=MODEL).posyandu
    assert out["pustu_id"].tolist() == ["U1", "U3", "U4"]
    assert out["pustu_dipilih"].tolist() == ["desa", "terdekat", "desa"]
    assert out["puskesmas_id"].tolist() == ["K1", "K2", "K1"]
    assert out["puskesmas_dipilih"].tolist() == ["induk", "induk", "terdekat"]
    assert out["rsud_id"].tolist() == ["R2", "R1", "R2"]
    legs = out[["menit_ke_pustu", "menit_ke_puskesmas", "menit_ke_rsud"]].to_numpy()
    assert_allclose(
        legs,
        np.array([[0.02, 0.03, 0.25], [0.01, 0.21, 0.20], [0.01, 0.07, 0.25]]) * DEG,
        rtol=1e-9,
    )
    assert_allclose(out["km_total"], np.array([0.30, 0.42, 0.33]) * DEG, rtol=1e-9)
    assert_allclose(
        out["menit_total"],
        out[["menit_ke_pustu", "menit_ke_puskesmas", "menit_ke_rsud"]].sum(axis=1),
    )
    assert out["kelompok_waktu"].tolist() == ["31–60"] * 3  # 33.4, 46.7, 36.7 min
    bands = referral_chain(
        POSYANDU, PUSTU, PUSKESMAS, HOSPITALS, model=MODEL, thresholds=(34, 40)
    ).posyandu
    assert bands["kelompok_waktu"].tolist() == ["≤ 34", "> 40", "35–40"]


def test_chain_without_pustu_goes_to_the_posyandu_puskesmas():
    posy = POSYANDU.assign(puskesmas=["Puskesmas Beta", None, "puskesmas  alpha"])
    out = referral_chain(posy, None, PUSKESMAS, HOSPITALS, model=MODEL).posyandu
    assert (
        out["pustu_dipilih"].tolist() == ["tanpa pustu"] * 3 and out["menit_ke_pustu"].eq(0).all()
    )
    assert out["puskesmas_id"].tolist() == ["K2", "K1", "K1"]
    assert out["puskesmas_dipilih"].tolist() == ["induk", "terdekat", "induk"]
    assert_allclose(
        out["menit_total"], np.array([0.30 + 0.20, 0.05 + 0.25, 0.08 + 0.25]) * DEG, rtol=1e-9
    )


def test_village_level_and_unreachable_island():
    villages = gpd.GeoDataFrame(
        {
            "kode": ["V1", "V2", "V4", "V8"],
            "nama": ["Satu", "Dua", "Empat", "Pulau"],
            "kecamatan": ["K"] * 4,
        },
        geometry=[
            box(-0.3, -0.05, 0.06, 0.05),
            box(0.06, -0.05, 0.115, 0.05),
            box(0.115, -0.05, 0.6, 0.05),
            box(1.0, -0.05, 1.1, 0.05),
        ],
        crs="EPSG:4326",
    )
    posy = pd.concat([POSYANDU, frame([("P9", "Posyandu Pulau", "V8", 1.05)])], ignore_index=True)
    chain = referral_chain(posy, PUSTU, PUSKESMAS, HOSPITALS, villages=villages)
    assert chain.method == "landmass"
    p = chain.posyandu.set_index("id")
    assert np.isinf(p.loc["P9", "menit_total"]) and p.loc["P9", "kelompok_waktu"] == UNREACHABLE
    assert p.loc["P9", "pustu_id"] == "U4"  # the nearest by km is still named
    v = chain.villages.set_index("kode_desa")
    assert v["posyandu"].to_dict() == {"V1": 1, "V2": 1, "V4": 1, "V8": 1}
    assert v.loc["V2", "pustu_dipilih"] == "terdekat" and v.loc["V4", "pustu_id"] == "U4"
    assert v.loc["V1", "menit_total_posyandu_maks"] == pytest.approx(p.loc["P1", "menit_total"])
    assert np.isinf(v.loc["V8", "menit_total"])
    assert chain.band_counts()[UNREACHABLE] == 1


def test_missing_registers_are_reported():
    with pytest.raises(ReferralError, match="hospitals: no rows"):
        referral_chain(POSYANDU, PUSTU, PUSKESMAS, HOSPITALS.iloc[:0], model=MODEL)
    with pytest.raises(ReferralError, match="puskesmas: missing column"):
        referral_chain(POSYANDU, PUSTU, PUSKESMAS.drop(columns="lon"), HOSPITALS, model=MODEL)


# --- real sample data: Jepara ---------------------------------------------------


@pytest.fixture(scope="module")
def jepara_data():
    from ilp_dash.io.dataset import load_folder

    return load_folder("33.20", DATA)


def test_karimunjawa_needs_the_sea_links(jepara_data):
    from ilp_dash.io.sea_links import read_sea_links

    ds, f = jepara_data, jepara_data.facilities
    args = (f["posyandu"], f["pustu"], f["puskesmas"], f["hospitals"])
    links = read_sea_links(DATA / "sea_links.csv", region=ds.region).data
    with_sea = referral_chain(
        *args, model=travel_model(villages=ds.region.villages, sea_links=links)
    ).posyandu
    without = referral_chain(*args, model=travel_model(villages=ds.region.villages)).posyandu
    island = with_sea["kode_desa"].str.startswith("33.20.10.")
    assert island.sum() == 8
    assert np.isfinite(with_sea.loc[island, "menit_total"]).all()
    assert (with_sea.loc[island, "menit_total"] > 60).all()
    assert (
        with_sea.loc[island, "lewat_laut"].all()
        and (with_sea.loc[island, "kelompok_waktu"] == "> 60").all()
    )
    assert np.isinf(without.loc[island, "menit_total"]).all()
    assert (without.loc[island, "kelompok_waktu"] == UNREACHABLE).all()
    mainland = ~island
    assert (
        np.isfinite(without.loc[mainland, "menit_total"]).all()
        and not with_sea.loc[mainland, "lewat_laut"].any()
    )
    assert_allclose(with_sea.loc[mainland, "menit_total"], without.loc[mainland, "menit_total"])


# --- the last leg ends at a government referral hospital ------------------------------------------
# On the equator, 60 km/h, circuity 1 (minutes = DEG × degrees):
#
#   RSUD Jauh(-0.40)   P1(0)   Alpha(0.05)   Graha(0.10, private)
#
# P1 → Alpha 0.05°; Alpha → Graha would be 0.05°, but the chain must end at the RSUD: 0.45°.
# Whole chain 0.50° (no Pustu register: the Pustu leg is 0).
ONE_POSYANDU = frame([("P1", "Posyandu Satu", "V1", 0.00)])
ONE_PUSKESMAS = frame([("K1", "Puskesmas Alpha", "V1", 0.05)])
PRIVATE_NEAR = frame([("R1", "RS Graha Husada", "V2", 0.10), ("R2", "RSUD Jauh", "V0", -0.40)])


def test_chain_passes_a_nearer_private_hospital_for_the_rsud():
    ref = referral_chain(ONE_POSYANDU, None, ONE_PUSKESMAS, PRIVATE_NEAR, model=MODEL)
    row = ref.posyandu.iloc[0]
    assert (row.rsud_id, row.rsud, row.rsud_milik) == ("R2", "RSUD Jauh", "pemerintah")
    assert_allclose([row.menit_ke_rsud, row.menit_total], [0.45 * DEG, 0.50 * DEG], rtol=1e-6)
    assert not ref.fallback
    assert ref.excluded == ("R1",)  # drawn apart on the map, never a destination


def test_ownership_column_wins_over_the_name():
    hospitals = PRIVATE_NEAR.assign(milik=["pemerintah", "swasta"])
    ref = referral_chain(ONE_POSYANDU, None, ONE_PUSKESMAS, hospitals, model=MODEL)
    row = ref.posyandu.iloc[0]
    assert (row.rsud_id, row.rsud_milik) == ("R1", "pemerintah")
    assert_allclose(row.menit_total, 0.10 * DEG, rtol=1e-6)
    assert ref.excluded == ("R2",)


def test_policy_may_allow_hospitals_of_unknown_owner():
    ref = referral_chain(
        ONE_POSYANDU,
        None,
        ONE_PUSKESMAS,
        PRIVATE_NEAR,
        model=MODEL,
        owners=("pemerintah", "tidak diketahui"),
    )
    assert ref.posyandu.iloc[0].rsud_id == "R1" and ref.excluded == ()


def test_no_government_hospital_falls_back_to_any_and_says_so():
    private = frame([("R1", "RS Graha Husada", "V2", 0.10), ("R2", "RS Islam", "V0", -0.40)])
    ref = referral_chain(ONE_POSYANDU, None, ONE_PUSKESMAS, private, model=MODEL)
    row = ref.posyandu.iloc[0]
    assert (row.rsud_id, row.rsud_milik) == ("R1", "tidak diketahui")
    assert_allclose(row.menit_total, 0.10 * DEG, rtol=1e-6)
    assert ref.fallback and ref.excluded == ()
