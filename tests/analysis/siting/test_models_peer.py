"""ILP Dash's MCLP, LSCP and p-median against spopt + CBC (test-only dependencies).

Both get the same cost matrix. spopt needs finite costs, so ``inf`` becomes a large
number for it (beyond any service radius, and dear enough that its p-median never
uses it when a finite assignment exists). We compare optimum *values*: with ties the
two solvers may pick different, equally good sites.
"""

import numpy as np
import pytest

from ilp_dash.analysis.distance import haversine_km, straight_line_minutes
from ilp_dash.analysis.siting.models import lscp, mclp, pmedian

from ...conftest import ROOT

spopt_locate = pytest.importorskip("spopt.locate")
pulp = pytest.importorskip("pulp")

BIG = 1e6


def cbc():
    return pulp.PULP_CBC_CMD(msg=False)


def finite(cost):
    return np.where(np.isfinite(cost), cost, BIG)


def spopt_mclp(cost, w, radius, p, fixed=None):
    predefined = None
    if fixed is not None:
        predefined = np.zeros(cost.shape[1], dtype=int)
        predefined[list(fixed)] = 1
    model = spopt_locate.MCLP.from_cost_matrix(
        finite(cost), w, radius, p_facilities=p, predefined_facilities_arr=predefined
    )
    return model.solve(cbc()).problem.objective.value()


def spopt_lscp(cost, radius):
    return (
        spopt_locate.LSCP.from_cost_matrix(finite(cost), radius)
        .solve(cbc())
        .problem.objective.value()
    )


def spopt_pmedian(cost, w, p):
    return (
        spopt_locate.PMedian.from_cost_matrix(finite(cost), w, p_facilities=p)
        .solve(cbc())
        .problem.objective.value()
    )


def random_instance(seed):
    """40–80 demand points × 10–20 candidates in a 30 × 30 km square; minutes at 40 km/h × 1.3."""
    rng = np.random.default_rng(seed)
    n, m = int(rng.integers(40, 81)), int(rng.integers(10, 21))
    pts, sites = rng.random((n, 2)) * 30, rng.random((m, 2)) * 30
    km = np.hypot(*(pts[:, None] - sites[None]).transpose(2, 0, 1))
    cost = straight_line_minutes(km)
    if seed % 2:  # some pairs unreachable (a river without a bridge)
        cost[rng.random((n, m)) < 0.1] = np.inf
    w = np.round(rng.lognormal(7, 0.8, n))
    return cost, w, rng


@pytest.mark.parametrize("seed", range(6))
def test_mclp_equals_spopt(seed):
    cost, w, rng = random_instance(seed)
    k, radius = int(rng.integers(2, 6)), float(rng.choice([10.0, 15.0, 20.0]))
    ours = mclp(cost, w, k=k, minutes=radius)
    assert ours.status == "optimal"
    assert ours.objective == pytest.approx(spopt_mclp(cost, w, radius, k), rel=1e-9)


@pytest.mark.parametrize("seed", range(3))
def test_mclp_pipeline_equals_spopt(monkeypatch, seed):
    """Force the LP → Lagrangian fixing → MILP path (normally only above 80 candidates)."""
    from ilp_dash.analysis.siting import mclp as exact_mclp

    monkeypatch.setattr(exact_mclp, "DIRECT_COLUMNS", 0)
    cost, w, rng = random_instance(60 + seed)
    k = int(rng.integers(2, 5))
    ours = mclp(cost, w, k=k, minutes=15)
    assert ours.objective == pytest.approx(spopt_mclp(cost, w, 15, k), rel=1e-9)


def test_mclp_fixed_equals_spopt_predefined():
    cost, w, _ = random_instance(11)
    ours = mclp(cost, w, k=4, minutes=12, fixed=[0, 1])
    assert ours.objective == pytest.approx(spopt_mclp(cost, w, 12, 4, fixed=[0, 1]), rel=1e-9)


@pytest.mark.parametrize("seed", range(4))
def test_lscp_equals_spopt(seed):
    cost, w, _rng = random_instance(20 + seed)
    radius = 25.0
    reach = (cost <= radius).any(axis=1)
    ours = lscp(cost, minutes=radius, weights=w)
    # spopt fails on points nobody reaches: give it only the reachable ones
    assert ours.objective == spopt_lscp(cost[reach], radius)
    assert (ours.status == "impossible") == (not reach.all())


@pytest.mark.parametrize("seed", range(4))
def test_pmedian_equals_spopt(seed):
    cost, w, rng = random_instance(40 + seed)
    k = int(rng.integers(2, 5))
    ours = pmedian(cost, w, k=k)
    assert ours.status == "optimal"
    assert ours.objective == pytest.approx(spopt_pmedian(cost, w, k), rel=1e-7)


# ---------------------------------------------------------------- Jepara: 195 villages × 22 Puskesmas
@pytest.fixture(scope="module")
def jepara_case(jepara):
    from ilp_dash.io.dataset import load_folder

    villages = jepara.villages
    ds = load_folder("33.20", ROOT / "data" / "33.20")
    pkm = ds.facilities["puskesmas"]
    points = villages.geometry.representative_point()
    pop = ds.population.set_index("kode_desa")["penduduk"].reindex(villages["kode"]).to_numpy(float)
    assert not np.isnan(pop).any()
    cost = straight_line_minutes(
        haversine_km(
            points.x.to_numpy(), points.y.to_numpy(), pkm["lon"].to_numpy(), pkm["lat"].to_numpy()
        )
    )
    assert cost.shape == (195, 22)
    return cost, pop, list(villages["kode"]), list(pkm["id"])


@pytest.mark.parametrize(("k", "minutes"), [(3, 15), (6, 10), (4, 30)])
def test_jepara_mclp_equals_spopt(jepara_case, k, minutes):
    cost, pop, vids, pids = jepara_case
    ours = mclp(cost, pop, k=k, minutes=minutes, demand_ids=vids, candidate_ids=pids)
    assert ours.objective == pytest.approx(spopt_mclp(cost, pop, minutes, k), rel=1e-9)
    assert set(ours.selected) <= set(pids)


def test_jepara_lscp_equals_spopt(jepara_case):
    cost, pop, vids, _ = jepara_case
    minutes = 20.0
    reach = (cost <= minutes).any(axis=1)
    ours = lscp(cost, minutes=minutes, weights=pop, demand_ids=vids)
    assert ours.objective == spopt_lscp(cost[reach], minutes)
    # Karimunjawa's villages lie ~80 km offshore: no Puskesmas on the mainland reaches them
    assert ours.unreachable == tuple(v for v, ok in zip(vids, reach) if not ok)


@pytest.mark.parametrize("k", [3, 5])
def test_jepara_pmedian_equals_spopt(jepara_case, k):
    cost, pop, _, _ = jepara_case
    ours = pmedian(cost, pop, k=k)
    assert ours.objective == pytest.approx(spopt_pmedian(cost, pop, k), rel=1e-7)
