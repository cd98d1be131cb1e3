"""The exact MCLP driver (ilp_dash.analysis.siting.mclp), forced onto small instances."""

import itertools

import numpy as np
import pytest

from ilp_dash.analysis.siting import mclp as exact_mclp
from ilp_dash.analysis.siting.models import mclp

from .test_models import BACKENDS


def _brute_mclp(cost, w, k, T, fixed=()):
    m = cost.shape[1]
    best = 0.0
    for size in range(min(k, m) + 1):
        for s in itertools.combinations(range(m), size):
            if set(fixed) <= set(s):
                best = max(best, w[(cost[:, list(s)] <= T).any(axis=1)].sum() if s else 0.0)
    return best


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("seed", range(12))
def test_mclp_pipeline_matches_brute_force(monkeypatch, seed, backend):
    """LP → incumbent → Lagrangian fixing → MILP, forced on small instances."""
    monkeypatch.setattr(exact_mclp, "DIRECT_COLUMNS", 0)
    rng = np.random.default_rng(seed)
    n, m = 40, 11
    pts, sites = rng.random((n, 2)) * 10, rng.random((m, 2)) * 10
    cost = np.hypot(*(pts[:, None] - sites[None]).transpose(2, 0, 1))
    w = np.round(rng.lognormal(2, 1, n))
    k = int(rng.integers(2, 5))
    fixed = [int(rng.integers(m))] if seed % 3 == 0 else []
    r = mclp(cost, w, k=k, minutes=3.0, fixed=fixed, backend=backend)
    assert r.objective == pytest.approx(_brute_mclp(cost, w, k, 3.0, fixed))
    assert len(r.selected) <= k and set(fixed) <= set(r.selected)
