"""Ambulance base siting: hand-worked optima, brute-force pipelines and validation.

The equality tests against spopt live in ``test_models_peer.py``; the set reductions in
``test_formulations.py``; the distance helpers in ``tests/analysis/test_distance.py``; the
``site`` command in ``tests/cli/test_site.py``.
"""

import itertools
import json

import numpy as np
import pytest

from ilp_dash.analysis.siting import median
from ilp_dash.analysis.siting.models import SitingError, coverage_curve, lscp, mclp, pmedian
from ilp_dash.analysis.siting.solver import resolve_backend

INF = np.inf
BACKENDS = ["highspy", "scipy"] if resolve_backend("auto") == "highspy" else ["scipy"]

# Instance A (minutes). With T = 10 the coverage sets are
#   c0 → {d0}, c1 → {d1, d2}, c2 → {d3};  weights 10, 20, 30, 40.
# k=1: c0 10, c1 50, c2 40 → c1 (50).   k=2: c1 + c2 → 90.   k=3: everything → 100.
# With T = 15: c0 → {d0, d1}, c1 → {d1, d2}, c2 → {d2, d3}; the only 2-cover is {c0, c2}.
COST_A = np.array(
    [
        [5.0, 20.0, 30.0],
        [12.0, 8.0, 25.0],
        [30.0, 9.0, 14.0],
        [40.0, 35.0, 6.0],
    ]
)
W_A = np.array([10.0, 20.0, 30.0, 40.0])
DEMAND_A = ["d0", "d1", "d2", "d3"]
CAND_A = ("c0", "c1", "c2")
IDS_A = {"demand_ids": DEMAND_A, "candidate_ids": CAND_A}


# ---------------------------------------------------------------- MCLP
@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("k", "weight", "selected"), [(1, 50, ("c1",)), (2, 90, ("c1", "c2")), (3, 100, CAND_A)]
)
def test_mclp_hand_worked(backend, k, weight, selected):
    r = mclp(COST_A, W_A, k=k, minutes=10, backend=backend, **IDS_A)
    assert r.status == "optimal" and r.gap <= 1e-9
    assert r.objective == r.covered_weight == weight
    assert r.total_weight == 100
    assert r.selected == selected
    assert r.model == "mclp" and r.k == k and r.unreachable == ()


def test_mclp_fixed_base_counts_within_k():
    # c0 is forced open and uses one of the k = 2 slots: the best partner is c1 → 10 + 50 = 60
    r = mclp(COST_A, W_A, k=2, minutes=10, fixed=["c0"], **IDS_A)
    assert r.selected == ("c0", "c1") and r.objective == 60
    # k equal to the number of fixed bases: nothing is placed
    r = mclp(COST_A, W_A, k=1, minutes=10, fixed=["c2"], **IDS_A)
    assert r.selected == ("c2",) and r.objective == 40
    with pytest.raises(SitingError, match="fixed bases exceed k"):
        mclp(COST_A, W_A, k=1, minutes=10, fixed=["c0", "c1"], **IDS_A)


def test_mclp_k_larger_than_candidates_opens_every_useful_site():
    r = mclp(COST_A, W_A, k=10, minutes=10, **IDS_A)
    assert r.objective == 100 and r.selected == CAND_A
    # a site covering nothing within T is never opened, so fewer than k bases may come back
    cost = np.column_stack([COST_A, np.full(4, 99.0)])
    r = mclp(cost, W_A, k=10, minutes=10)
    assert r.objective == 100 and r.selected == (0, 1, 2)


def test_mclp_zero_weights_and_unreachable_points():
    # only d3 has weight: one base at c2 covers all of it
    r = mclp(COST_A, [0, 0, 0, 40], k=1, minutes=10, **IDS_A)
    assert r.selected == ("c2",) and r.covered_weight == 40 and r.total_weight == 40
    # all weights zero: nothing to gain, nothing is opened, no error
    r = mclp(COST_A, [0, 0, 0, 0], k=2, minutes=10)
    assert r.objective == 0 and r.status == "optimal"
    # d4 is unreachable from every candidate (inf): reported, never covered
    cost = np.vstack([COST_A, [INF, INF, INF]])
    r = mclp(cost, [10, 20, 30, 40, 1000], k=3, minutes=10, demand_ids=DEMAND_A + ["d4"])
    assert r.unreachable == ("d4",) and r.covered_weight == 100 and r.total_weight == 1100


def test_mclp_ties_return_an_optimum():
    # c0 and c1 both cover weight 30 alone; either is optimal
    cost = np.array([[1.0, 9.0], [9.0, 1.0]])
    r = mclp(cost, [30, 30], k=1, minutes=5)
    assert r.objective == 30 and len(r.selected) == 1
    # identical columns are merged: the lower index is kept
    r = mclp(np.array([[1.0, 1.0], [1.0, 1.0]]), [1, 1], k=1, minutes=5)
    assert r.selected == (0,) and r.objective == 2


def test_mclp_dataframe_ids_and_to_dict():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(COST_A, index=DEMAND_A, columns=CAND_A)
    r = mclp(frame, W_A, k=1, minutes=10)
    assert r.selected == ("c1",)
    out = json.loads(json.dumps(r.to_dict()))
    assert out["selected"] == ["c1"] and out["objective"] == 50 and out["status"] == "optimal"
    assert set(out) >= {
        "selected",
        "covered_weight",
        "total_weight",
        "objective",
        "status",
        "gap",
        "seconds",
    }
    assert r.covered_share == 0.5


def test_coverage_curve_hand_worked():
    curve = coverage_curve(COST_A, W_A, minutes=10, k_max=5, **IDS_A)
    assert curve.k == (1, 2, 3, 4, 5)
    assert curve.covered_weight == (50, 90, 100, 100, 100)
    assert curve.marginal_gain == (50, 40, 10, 0, 0)
    assert curve.selected[1] == ("c1", "c2") and curve.coverable_weight == 100
    # a fixed base starts the curve at k = 1 with that base: c0 alone covers 10
    curve = coverage_curve(COST_A, W_A, minutes=10, k_max=3, fixed=["c0"], **IDS_A)
    assert curve.covered_weight == (10, 60, 100)


# ---------------------------------------------------------------- LSCP
@pytest.mark.parametrize("backend", BACKENDS)
def test_lscp_hand_worked(backend):
    # T = 10: every site covers its own points only → 3 bases; T = 15: {c0, c2} covers all
    r = lscp(COST_A, minutes=10, weights=W_A, backend=backend, **IDS_A)
    assert r.objective == 3 and r.selected == CAND_A and r.status == "optimal"
    r = lscp(COST_A, minutes=15, weights=W_A, backend=backend, **IDS_A)
    assert r.objective == 2 and r.selected == ("c0", "c2") and r.covered_weight == 100


def test_lscp_impossible_names_the_villages():
    # T = 5: only d0 (5 min from c0) can be reached at all
    r = lscp(COST_A, minutes=5, weights=W_A, **IDS_A)
    assert r.status == "impossible"
    assert r.unreachable == ("d1", "d2", "d3")
    assert r.selected == ("c0",) and r.objective == 1 and r.covered_weight == 10
    assert "d1, d2, d3" in r.message and "cannot be reached within 5 minutes" in r.message
    assert "tidak terjangkau" in r.message


def test_lscp_fixed_and_zero_weights():
    # c1 is an existing base; d0 still needs c0 and d3 needs c2 → 3 bases in total
    r = lscp(COST_A, minutes=15, fixed=["c1"], **IDS_A)
    assert r.objective == 3 and r.selected == CAND_A
    # weights never change which set is smallest
    r = lscp(COST_A, minutes=15, weights=[0, 0, 0, 0], **IDS_A)
    assert r.objective == 2 and r.total_weight == 0


# ---------------------------------------------------------------- p-median
# Three points on a line, 10 minutes apart; candidates at the points.
#        c0  c1  c2
#   d0    0  10  20
#   d1   10   0  10
#   d2   20  10   0
COST_P = np.array([[0.0, 10.0, 20.0], [10.0, 0.0, 10.0], [20.0, 10.0, 0.0]])


@pytest.mark.parametrize("backend", BACKENDS)
def test_pmedian_hand_worked(backend):
    # k=1, equal weights: c0 → 30, c1 → 20, c2 → 30: the middle wins
    r = pmedian(COST_P, [1, 1, 1], k=1, backend=backend)
    assert r.selected == (1,) and r.objective == 20 and r.mean_minutes == pytest.approx(20 / 3)
    assert r.assignment == (1, 1, 1)
    # k=2, weights 3, 2, 1: {c0,c1} → 1·10 = 10; {c0,c2} → 2·10 = 20; {c1,c2} → 3·10 = 30
    r = pmedian(COST_P, [3, 2, 1], k=2, minutes=5, backend=backend)
    assert r.selected == (0, 1) and r.objective == 10
    assert r.assignment == (0, 1, 1)
    assert r.covered_weight == 5  # d0 and d1 are within 5 minutes of their base, d2 is 10 away


def test_pmedian_ties_fixed_and_k_too_large():
    # k=2, equal weights: every pair costs 10 — any pair is optimal
    r = pmedian(COST_P, [1, 1, 1], k=2)
    assert r.objective == 10 and len(r.selected) == 2
    # c2 fixed, weights 3, 2, 1: {c0,c2} → 20 beats {c1,c2} → 30
    r = pmedian(COST_P, [3, 2, 1], k=2, fixed=[2])
    assert r.selected == (0, 2) and r.objective == 20
    # k above the number of candidates is capped: every point gets its own base
    r = pmedian(COST_P, [3, 2, 1], k=7)
    assert r.selected == (0, 1, 2) and r.objective == 0 and r.k == 3


def test_pmedian_unreachable_pairs():
    #        c0   c1   c2
    #   d0    0    5  inf
    #   d1  inf  inf    3     only c2 reaches d1
    cost = np.array([[0.0, 5.0, INF], [INF, INF, 3.0]])
    # k=2: c2 is compulsory; c0 (0) beats c1 (10·5) for d0 → 10·0 + 1·3 = 3
    r = pmedian(cost, [10, 1], k=2)
    assert r.selected == (0, 2) and r.objective == 3 and r.assignment == (0, 2)
    # k=1: no single base reaches both points
    with pytest.raises(SitingError, match="no 1 bases reach every demand point"):
        pmedian(cost, [10, 1], k=1)
    # a zero-weight point does not constrain the choice; its assignment may be None
    r = pmedian(cost, [10, 0], k=1)
    assert (
        r.selected == (0,)
        and r.objective == 0
        and r.assignment == (0, None)
        and r.unreachable == (1,)
    )
    # a weighted point that no candidate reaches at all is named
    with pytest.raises(SitingError, match="no candidate can reach") as info:
        pmedian(np.array([[1.0, 2.0], [INF, INF]]), [1, 1], k=1, demand_ids=["a", "b"])
    assert info.value.ids == ("b",)


# ---------------------------------------------------------------- validation
@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"cost": [[1.0, np.nan]]}, "NaN"),
        ({"cost": [[1.0, -2.0]]}, "negative"),
        ({"cost": [1.0, 2.0]}, "2-D"),
        ({"weights": [1.0, 2.0]}, "one per demand point"),
        ({"weights": [-1.0]}, "non-negative"),
        ({"k": 0}, "k must be an integer"),
        ({"k": 1.5}, "k must be an integer"),
        ({"minutes": -1}, "minutes must be a number"),
        ({"fixed": ["zz"]}, "not among the candidates"),
        ({"candidate_ids": ["a", "a"]}, "duplicate"),
        ({"demand_ids": ["a", "b"]}, "ids given for a matrix dimension of 1"),
    ],
)
def test_bad_input_raises_siting_error(kwargs, match):
    args = {"cost": [[1.0, 2.0]], "weights": [1.0], "k": 1, "minutes": 5} | kwargs
    with pytest.raises(SitingError, match=match) as info:
        mclp(args.pop("cost"), args.pop("weights"), **args)
    assert isinstance(info.value, ValueError) and " / " in str(info.value)


def test_bad_backend():
    with pytest.raises(ValueError, match="backend must be one of"):
        mclp(COST_A, W_A, k=1, minutes=10, backend="cplex")


# ---------------------------------------------------------------- pipelines
def _brute_pmedian(cost, w, k, fixed=()):
    best = np.inf
    for s in itertools.combinations(range(cost.shape[1]), min(k, cost.shape[1])):
        if set(fixed) <= set(s):
            d = cost[:, list(s)].min(axis=1)
            if np.isfinite(d[w > 0]).all():
                best = min(best, float(w[w > 0] @ d[w > 0]))
    return best


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", range(12))
def test_pmedian_pipeline_matches_brute_force(monkeypatch, seed, backend):
    """Interchange → Lagrangian bound and fixing → MILP, forced on small instances."""
    monkeypatch.setattr(median, "DIRECT_CANDIDATES", 0)
    rng = np.random.default_rng(100 + seed)
    n, m = 30, 10
    pts, sites = rng.random((n, 2)) * 10, rng.random((m, 2)) * 10
    cost = np.round(np.hypot(*(pts[:, None] - sites[None]).transpose(2, 0, 1)), 1)
    if seed % 2:
        cost[rng.random((n, m)) < 0.3] = INF
    w = np.round(rng.lognormal(2, 1, n)) * (rng.random(n) > 0.1)
    k = int(rng.integers(2, 5))
    fixed = [int(rng.integers(m))] if seed % 3 == 0 else []
    expected = _brute_pmedian(cost, w, k, fixed)
    if not np.isfinite(expected):
        with pytest.raises(SitingError):
            pmedian(cost, w, k=k, fixed=fixed, backend=backend)
        return
    r = pmedian(cost, w, k=k, fixed=fixed, backend=backend)
    assert r.objective == pytest.approx(expected, rel=1e-9)
    assert len(r.selected) == k and set(fixed) <= set(r.selected)


@pytest.mark.parametrize("seed", range(4))
def test_lscp_matches_brute_force(seed):
    rng = np.random.default_rng(200 + seed)
    n, m = 30, 9
    pts, sites = rng.random((n, 2)) * 10, rng.random((m, 2)) * 10
    cost = np.hypot(*(pts[:, None] - sites[None]).transpose(2, 0, 1))
    T = 4.0
    reach = (cost <= T).any(axis=1)
    best = next(
        size
        for size in range(m + 1)
        for s in itertools.combinations(range(m), size)
        if ((cost[:, list(s)] <= T).any(axis=1) | ~reach).all()
    )
    r = lscp(cost, minutes=T)
    assert r.objective == best
    assert (r.status == "impossible") == (not reach.all())
