"""The results behind every figure, per region and data version (region/results.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from ilp_dash import policy
from ilp_dash.region import results, store


@pytest.fixture
def fresh():
    """Serve the disk's data again after a test that handed the store a data set of its own."""
    yield
    for code in ("33.20", "35.79"):
        store.reset(code)
    results.clear()


def _km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle km, written out here (the haversine formula, mean Earth radius 6371.0088 km)."""
    p1, p2 = np.radians(lat1)[:, None], np.radians(lat2)[None, :]
    dphi = p2 - p1
    dlmb = np.radians(lon2)[None, :] - np.radians(lon1)[:, None]
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(a))


def test_results_are_kept_per_data_version(fresh):
    first = results.coverage("35.79")
    assert results.coverage("35.79") is first  # computed once for this version
    before = store.version("35.79")
    assert (
        store.replace("35.79", store.dataset("35.79")) == before + 1
    )  # an upload: same files, new version
    again = results.coverage("35.79")
    assert again is not first  # a new version never reuses the old version's answer
    pd.testing.assert_frame_equal(again, first)


def test_report_months_are_the_stunting_months_else_the_ilp_rollout(fresh):
    ds = store.dataset("35.79")
    assert results.report_months("35.79") == sorted(ds.stunting["bulan"].unique())
    store.replace("35.79", dataclasses.replace(ds, stunting=None))
    ilp = ds.facilities["posyandu"]["bulan_ilp"].dropna()
    expected = [str(p) for p in pd.period_range(ilp.min(), ilp.max(), freq="M")]
    assert results.report_months("35.79") == expected
    store.replace("35.79", dataclasses.replace(ds, stunting=None, facilities={}))
    assert results.report_months("35.79") == []
    assert results.coverage("35.79") is None


def test_the_island_inset_holds_karimunjawa_and_nothing_else():
    vil = store.dataset("33.20").region.villages
    mask = results.detached("33.20")
    assert set(vil.loc[mask, "kecamatan"]) == {"Karimunjawa"}
    assert mask.sum() == (vil["kecamatan"] == "Karimunjawa").sum() > 0
    mask[:] = False  # a copy: the cached mask cannot be changed by a caller
    assert results.detached("33.20").any()
    assert not results.detached("35.79").any()  # Kota Batu is one piece of land


def test_ambulance_minutes_on_land_are_the_straight_line_estimate():
    """Kota Batu has no sea: every minute is km × 1.3 ÷ 40 km/h × 60, recomputed here."""
    inp = results.siting_inputs("35.79")
    d, c = inp.demand, inp.candidates
    km = _km(d["lon"].to_numpy(), d["lat"].to_numpy(), c["lon"].to_numpy(), c["lat"].to_numpy())
    expected = km * policy.CIRCUITY / policy.STRAIGHT_LINE_SPEED_KMH * 60
    np.testing.assert_allclose(inp.minutes, expected, rtol=1e-6)


def test_population_within_the_standard_counts_people_by_nearest_base():
    code = "35.79"
    inp = results.siting_inputs(code)
    bases = inp.current
    cols = inp.candidates.index[inp.candidates["id"].isin(bases)]
    nearest = inp.minutes[:, cols].min(axis=1)
    people = inp.demand["penduduk"].to_numpy(dtype=float)
    within, total = results.population_within(code, bases)
    assert total == people.sum()
    assert within == people[nearest <= policy.AMBULANCE_MINUTES].sum()
    assert results.population_within(code, [])[0] == 0  # no base reaches nobody


def test_facility_counts_add_up_to_the_registers():
    ds = store.dataset("33.20")
    counts = results.facility_counts("33.20")
    codes = set(ds.region.villages["kode"])
    for kind, frame in ds.facilities.items():
        assert counts[kind].sum() == frame["kode_desa"].isin(codes).sum(), kind


def test_population_source_says_what_weighs_each_village(fresh):
    ds = store.dataset("35.79")
    assert results.population_source("35.79") == "sample"  # the bundled data/ is synthetic
    store.replace("35.79", dataclasses.replace(ds, inputs={**ds.inputs, "population": False}))
    assert results.population_source("35.79") == "loaded"
    store.replace("35.79", dataclasses.replace(ds, population=None))
    assert results.population_source("35.79") == "none"
    assert (results.village_points("35.79")["penduduk"] == 1).all()  # each village counts 1
