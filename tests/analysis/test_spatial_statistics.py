"""Gi*, Local Moran, permutation inference and FDR, checked by hand (ilp_dash.analysis.spatial_statistics)."""

from itertools import combinations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse

from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.analysis.spatial_statistics import (
    _directed_p,
    _distinct_rows,
    fdr_bh,
    gi_star,
    local_moran,
)


def adjacency(n: int, pairs: list[tuple[int, int]]) -> sparse.csr_array:
    i, j = np.array(pairs).T
    m = sparse.csr_array((np.ones(2 * len(pairs)), (np.r_[i, j], np.r_[j, i])), shape=(n, n))
    m.sort_indices()
    return m


# --------------------------------------------------------------------------- hand-checked statistics

# esda's G_Local docstring example: points (10,10) (20,10) (40,10) (15,20) (30,20) (30,30),
# DistanceBand(threshold=15) → pairs below; y = 2, 3, 3.2, 5, 8, 7.
ESDA_PAIRS = [(0, 1), (0, 3), (1, 3), (1, 4), (2, 4), (3, 4), (4, 5)]
ESDA_Y = np.array([2, 3, 3.2, 5, 8, 7])


def test_gi_star_matches_hand_and_esda_docstring():
    # village 5: neighbours {4}; with itself c = 2, G = (7 + 8)/28.2 = 0.531915, E = 2/6;
    # ȳ = 4.7, s² = 161.24/6 − 4.7² = 4.783333;
    # V = 2·4/5/36 · 4.783333/22.09 = 0.0096241, z = (0.531915 − 0.333333)/0.098103 = 2.02424
    g = gi_star(ESDA_Y, adjacency(6, ESDA_PAIRS), permutations=99, seed=0)
    assert g.g[5] == pytest.approx(15 / 28.2)
    assert g.expected[5] == pytest.approx(2 / 6)
    assert g.variance[5] == pytest.approx(2 * 4 / 5 / 36 * (161.24 / 6 - 4.7**2) / 4.7**2)
    # esda: G_Local(y, w, transform='B', star=True).Zs
    assert_allclose(
        g.z, [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331], rtol=1e-7
    )


def test_local_moran_by_hand():
    # path 0–1–2–3, y = 1, 2, 3, 6: ȳ = 3, y − ȳ = −2, −1, 0, 3, σ² = 14/4 = 3.5, Σz² = 4
    # lag of (y − ȳ): −1, (−2 + 0)/2 = −1, (−1 + 3)/2 = 1, 0
    # I = (n − 1)/Σz² · (y − ȳ)·lag/σ² = 3/4 · [2, 1, 0, 0]/3.5
    lm = local_moran(
        np.array([1.0, 2, 3, 6]), adjacency(4, [(0, 1), (1, 2), (2, 3)]), permutations=99, seed=0
    )
    assert_allclose(lm.i, [0.75 * 2 / 3.5, 0.75 / 3.5, 0, 0], atol=1e-15)
    assert list(lm.quadrant) == ["LL", "LL", "LH", "HL"]  # z = 0 counts as low, lag = 0 as low
    assert lm.p_sim[2] == 1.0  # exactly at the mean: nothing to test


def exact_p(values: np.ndarray, i: int, nbrs: list[int], *, low: bool = False) -> float:
    """esda's directed p with P → ∞: all k-subsets of the other villages, equally likely.

    ``a`` counts sums ≥ the observed one (Gi*, Moran with z > 0) or ≤ it (``low``:
    Moran with z < 0, where I_sim ≥ I ⇔ sum ≤ observed); p = min(a, P − a) / P.
    """
    others = np.delete(values, i)
    sums = np.array([others[list(c)].sum() for c in combinations(range(len(others)), len(nbrs))])
    s = values[nbrs].sum()
    a = (sums <= s).mean() if low else (sums >= s).mean()
    return min(a, 1 - a)


def test_permutation_p_converges_to_enumeration():
    # y = 1, 2, 3, 4, 5, 10. Village 0 (neighbours 4, 5: sum 15): of the 10 pairs of
    # {2, 3, 4, 5, 10} only 5 + 10 reaches 15 → p = 0.1. Village 4 (neighbours 0, 5: 11):
    # pairs of {1, 2, 3, 4, 10} ≥ 11 are 1+10, 2+10, 3+10, 4+10 → p = min(.4, .6) = 0.4.
    # Village 4 is in the cardinality-2 group and is drawn for others: the self-replacement path.
    y = np.array([1.0, 2, 3, 4, 5, 10])
    pairs = [(0, 4), (0, 5), (1, 2), (2, 3), (4, 5)]
    m = adjacency(6, pairs)
    g = gi_star(y, m, permutations=40_000, seed=7)
    nbrs = [list(m.indices[m.indptr[i] : m.indptr[i + 1]]) for i in range(6)]
    exact = np.array([exact_p(y, i, nbrs[i]) for i in range(6)])
    assert exact[0] == pytest.approx(0.1) and exact[4] == pytest.approx(0.4)
    assert_allclose(g.p_sim, exact, atol=0.01)
    # Moran: same draws; ties (a random sum equal to the observed one) fall on the other side
    # for villages below the mean — village 0's sum 15 is the maximum, so its p is 1/(P + 1)
    lm = local_moran(y, m, permutations=40_000, seed=7)
    exact_moran = [exact_p(y, i, nbrs[i], low=y[i] < y.mean()) for i in range(6)]
    assert_allclose(lm.p_sim, exact_moran, atol=0.01)
    assert lm.p_sim[0] == 1 / 40_001


def test_directed_p_is_esdas_p_sim():
    # a = #(sim ≥ obs) of P = 999: a = 0 → 1/1000; a = 999 → folded to 0 → 1/1000;
    # a = 600 → P − a = 399 → 400/1000; a = 20 → 21/1000
    assert_allclose(_directed_p(np.array([0, 999, 600, 20]), 999), [0.001, 0.001, 0.4, 0.021])


@pytest.mark.parametrize("n, m", [(8561, 19), (30, 9), (5, 5)])
def test_distinct_rows(n, m):
    d = _distinct_rows(np.random.default_rng(0), n, m, 2000)
    assert d.shape == (2000, m) and d.min() >= 0 and d.max() < n
    assert all(len(set(r)) == m for r in d[:200])
    counts = np.bincount(d[:, 0], minlength=n)  # first column uniform over [0, n)
    if n <= 30:
        assert counts.min() > 2000 / n * 0.6


def test_fdr_by_hand():
    # p = .01, .04, .03, .20 (m = 4); sorted .01, .03, .04, .20 → p·m/rank = .04, .06, .0533, .20;
    # running minimum from the top: .04, .0533, .0533, .20
    sig, q = fdr_bh(np.array([0.01, 0.04, 0.03, 0.20]), alpha=0.05)
    assert_allclose(q, [0.04, 0.16 / 3, 0.16 / 3, 0.2])
    assert_array_equal(sig, [True, False, False, False])
    sig, q = fdr_bh(np.array([np.nan, 0.01]), alpha=0.05)
    assert np.isnan(q[0]) and q[1] == 0.01 and list(sig) == [False, True]


def test_seed_makes_results_reproducible():
    m = adjacency(6, ESDA_PAIRS)
    a, b = gi_star(ESDA_Y, m, seed=3), gi_star(ESDA_Y, m, seed=3)
    assert_array_equal(a.p_sim, b.p_sim)
    assert not np.array_equal(a.p_sim, gi_star(ESDA_Y, m, seed=4).p_sim)


def test_constant_values_are_never_significant():
    g = gi_star(np.full(6, 0.2), adjacency(6, ESDA_PAIRS))
    assert np.isnan(g.z).all() and (g.p_sim == 1).all()
    assert (local_moran(np.full(6, 0.2), adjacency(6, ESDA_PAIRS)).p_sim == 1).all()


@pytest.mark.parametrize(
    "y, m, kw, match",
    [
        (ESDA_Y[:5], adjacency(6, ESDA_PAIRS), {}, "shape"),
        (-ESDA_Y, adjacency(6, ESDA_PAIRS), {}, "non-negative"),
        (ESDA_Y, 2 * adjacency(6, ESDA_PAIRS), {}, "binary"),
        (ESDA_Y, adjacency(6, ESDA_PAIRS) + sparse.eye_array(6, format="csr"), {}, "itself"),
        (ESDA_Y, adjacency(6, ESDA_PAIRS).toarray(), {}, "CSR"),
        (ESDA_Y, adjacency(6, ESDA_PAIRS), {"permutations": 0}, "permutations must be"),
        (np.r_[ESDA_Y[:5], np.nan], adjacency(6, ESDA_PAIRS), {}, "missing"),
    ],
)
def test_gi_star_rejects_bad_input(y, m, kw, match):
    with pytest.raises(HotspotError, match=match):
        gi_star(y, m, **kw)
