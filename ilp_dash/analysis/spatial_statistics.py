"""Local spatial statistics: Getis-Ord Gi*, Local Moran's I, permutation inference and FDR.

Statistics (identical to esda's, so results can be checked against it)
---------------------------------------------------------------------
With ``y`` the analysed value per village, ``Y = Σ y``, ``N(i)`` the
neighbours of ``i`` (binary, self excluded, ``k_i = |N(i)|``):

* **Gi\\*** (esda ``G_Local(y, w, star=True, transform="B")``)::

      G_i  = (y_i + Σ_{j∈N(i)} y_j) / Y,        c_i = k_i + 1
      E_i  = c_i / n,   s² = Σy²/n − ȳ²
      V_i  = c_i (n − c_i) / (n − 1) / n² · s² / ȳ²,   z_i = (G_i − E_i) / √V_i

* **Local Moran** (esda ``Moran_Local(y, w, transformation="r")``):
  ``z = (y − ȳ) / σ`` (population σ), ``lag_i = mean of z over N(i)``,
  ``I_i = (n − 1) z_i lag_i / Σ z²``. Quadrant: ``HH`` (z > 0, lag > 0),
  ``LH``, ``LL``, ``HL`` (first letter: the village, second: its neighbours).

Conditional permutation inference
---------------------------------
Village ``i`` keeps its value; its ``k_i`` neighbours are replaced ``P``
times by ``k_i`` villages drawn without replacement from the other ``n − 1``.
The pseudo p-value is esda's ``p_sim`` ("directed", one-sided in the tail
where the observation falls)::

    a = #(simulated ≥ observed);   p = (min(a, P − a) + 1) / (P + 1)

No loop over villages: one block of ``P × (k + 1)`` distinct random indices
per cardinality ``k`` is shared by the villages with ``k`` neighbours (esda
shares one block across all villages); its row sums are sorted once and each
village's counts come from a binary search. In a row that contains village
``i`` itself, its ``(k + 1)``-th index replaces ``i``, so each village sees
uniformly random ``k``-subsets of the others. Unlike esda, a village without
neighbours, or (Moran) exactly at the mean, gets ``p = 1``, not ``1/(P + 1)``.

The hotspot analysis built on them is :func:`ilp_dash.analysis.hotspots.hotspots`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.policy import FDR_ALPHA

if TYPE_CHECKING:
    from scipy import sparse

    from ilp_dash.analysis.weights import VillageWeights

__all__ = ["GiStar", "LocalMoran", "fdr_bh", "gi_star", "local_moran"]

Seed = int | np.random.Generator | None
_CHUNK = 4_000_000  # random indices drawn at once


@dataclass(frozen=True)
class GiStar:
    """Gi* per village: statistic ``g``, its expectation/variance, ``z`` and pseudo p ``p_sim``."""

    g: np.ndarray
    expected: np.ndarray
    variance: np.ndarray
    z: np.ndarray
    p_sim: np.ndarray
    permutations: int


@dataclass(frozen=True)
class LocalMoran:
    """Local Moran per village: ``i``, standardised value ``z``, its ``lag``, ``quadrant``, ``p_sim``."""

    i: np.ndarray
    z: np.ndarray
    lag: np.ndarray
    quadrant: np.ndarray
    p_sim: np.ndarray
    permutations: int


# --------------------------------------------------------------------------- checks


def check_int(name: str, value: object, minimum: int) -> int:
    """``value`` as an int when it is a whole number of at least ``minimum``; else :class:`HotspotError`."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise HotspotError(f"{name} must be a whole number of at least {minimum}, got {value!r}")
    return int(value)


def _check_inputs(y: object, neighbours: object, permutations: int) -> tuple[np.ndarray, object]:
    m = getattr(neighbours, "neighbours", neighbours)  # VillageWeights or a CSR matrix
    csr = all(hasattr(m, a) for a in ("indptr", "indices", "data", "shape"))
    if not csr or getattr(m, "format", "csr") != "csr":
        raise HotspotError("neighbours must be a VillageWeights or a scipy.sparse CSR matrix")
    y = np.asarray(y, dtype=float)
    if y.ndim != 1 or m.shape != (len(y), len(y)):
        raise HotspotError(f"y has shape {y.shape} but the neighbour matrix is {m.shape}")
    if len(y) < 3:
        raise HotspotError(f"need at least 3 villages, got {len(y)}")
    if not np.isfinite(y).all():
        raise HotspotError("y must not contain missing or infinite values")
    if m.data.size and not (m.data == 1).all():
        raise HotspotError("neighbours must be binary (0/1): pass the unweighted neighbour matrix")
    rows = np.repeat(np.arange(len(y)), np.diff(m.indptr))
    if (m.indices == rows).any():
        raise HotspotError("neighbours must not include the village itself (zero diagonal)")
    check_int("permutations", permutations, 1)
    return y, m


# --------------------------------------------------------------------------- permutations


def _has_duplicates(rows: np.ndarray) -> np.ndarray:
    s = np.sort(rows, axis=1)
    return (s[:, 1:] == s[:, :-1]).any(axis=1)


def _distinct_rows(rng: np.random.Generator, n: int, m: int, count: int) -> np.ndarray:
    """``count × m`` indices in ``[0, n)``, distinct within a row, uniformly random order."""
    if np.prod(1 - np.arange(m) / n) < 0.25:  # rejection would be slow: full shuffles
        return np.argsort(rng.random((count, n)), axis=1)[:, :m]
    out = rng.integers(0, n, size=(count, m))
    bad = _has_duplicates(out)
    while bad.any():  # redraw whole rows: exact uniform sampling without replacement
        out[bad] = rng.integers(0, n, size=(int(bad.sum()), m))
        bad[bad] = _has_duplicates(out[bad])
    return out


def _permutation_counts(
    values: np.ndarray,
    observed: np.ndarray,
    card: np.ndarray,
    permutations: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """Per village, how many random neighbour sums are ``≥`` and ``≤`` its observed sum.

    Sums within a few rounding errors of each other count as ties (on both sides), so
    equal sets of values summed in another order compare as equal.
    """
    n, p = len(values), permutations
    tol = 64 * np.finfo(float).eps * np.abs(values).max() * max(int(card.max(initial=0)), 1)
    ge = np.zeros(n, dtype=np.int64)
    le = np.zeros(n, dtype=np.int64)
    member = np.zeros(n, dtype=bool)
    for k in np.unique(card[card > 0]):
        group = np.flatnonzero(card == k)
        member[group] = True
        chunk = max(1, _CHUNK // (int(k) + 1))  # bounds memory for large ``permutations``
        sums = []
        for start in range(0, p, chunk):
            draws = _distinct_rows(rng, n, int(k) + 1, min(chunk, p - start))
            first = draws[:, :k]
            part = values[first].sum(axis=1)
            sums.append(part)
            rows, cols = np.nonzero(member[first])  # rows where a group village drew itself
            if rows.size:
                who = first[rows, cols]
                old = part[rows]
                new = old - values[who] + values[draws[rows, k]]
                lo, hi = observed[who] - tol, observed[who] + tol
                ge += np.bincount(who, (new >= lo).astype(int) - (old >= lo), minlength=n).astype(
                    np.int64
                )
                le += np.bincount(who, (new <= hi).astype(int) - (old <= hi), minlength=n).astype(
                    np.int64
                )
        member[group] = False
        ordered = np.sort(np.concatenate(sums))
        ge[group] += p - np.searchsorted(ordered, observed[group] - tol, side="left")
        le[group] += np.searchsorted(ordered, observed[group] + tol, side="right")
    return ge, le


def _directed_p(larger: np.ndarray, permutations: int) -> np.ndarray:
    """esda's ``p_sim``: ``(min(a, P − a) + 1) / (P + 1)`` with ``a = #(sim ≥ obs)``."""
    return (np.minimum(larger, permutations - larger) + 1.0) / (permutations + 1.0)


# --------------------------------------------------------------------------- statistics


def gi_star(
    y: np.ndarray,
    neighbours: VillageWeights | sparse.csr_array,
    *,
    permutations: int = 999,
    seed: Seed = None,
) -> GiStar:
    """Getis-Ord Gi* (self included, binary weights) with conditional permutation p-values.

    Parameters
    ----------
    y : array-like of float
        Non-negative value per village (e.g. the EB-smoothed rate).
    neighbours : VillageWeights or scipy.sparse CSR matrix
        Binary neighbours without self; the village itself is added with
        weight 1, as esda's ``star=True``.
    permutations : int, default 999
    seed : int, numpy.random.Generator or None

    Returns
    -------
    GiStar
        ``g``, ``z`` NaN and ``p_sim`` 1 when ``y`` is constant.

    Raises
    ------
    HotspotError
        On mismatched shapes, weighted or self-including neighbours, negative
        or missing ``y``, fewer than 3 villages or ``permutations < 1``.
    """
    y, m = _check_inputs(y, neighbours, permutations)
    if (y < 0).any():
        raise HotspotError("Gi* needs non-negative values")
    n = len(y)
    card = np.diff(m.indptr)
    sums = m @ y
    total = y.sum()
    c = card + 1.0
    expected = c / n
    if np.ptp(y) == 0:
        nan = np.full(n, np.nan)
        return GiStar(nan, expected, nan.copy(), nan.copy(), np.ones(n), permutations)
    mean = total / n
    s2 = ((y - mean) ** 2).mean()  # = Σy²/n − ȳ² (esda), computed without cancellation
    variance = c * (n - c) / (n - 1) / n**2 * s2 / mean**2
    g = (y + sums) / total
    z = (g - expected) / np.sqrt(variance)
    ge, _ = _permutation_counts(y, sums, card, permutations, np.random.default_rng(seed))
    p = np.where(card > 0, _directed_p(ge, permutations), 1.0)
    return GiStar(g, expected, variance, z, p, permutations)


def local_moran(
    y: np.ndarray,
    neighbours: VillageWeights | sparse.csr_array,
    *,
    permutations: int = 999,
    seed: Seed = None,
) -> LocalMoran:
    """Local Moran's I (row-standardised weights) with conditional permutation p-values.

    Parameters and errors as :func:`gi_star` (negative values allowed). ``i``
    is NaN and ``p_sim`` 1 when ``y`` is constant.
    """
    y, m = _check_inputs(y, neighbours, permutations)
    n = len(y)
    card = np.diff(m.indptr)
    if np.ptp(y) == 0:
        nan = np.full(n, np.nan)
        return LocalMoran(
            nan, nan.copy(), nan.copy(), np.full(n, "", dtype=object), np.ones(n), permutations
        )
    z = (y - y.mean()) / y.std()
    sums = m @ z
    lag = np.divide(sums, card, out=np.zeros(n), where=card > 0)
    i = (n - 1) * z * lag / (z * z).sum()
    hi, hi_lag = z > 0, lag > 0
    quadrant = np.select(
        [hi & hi_lag, ~hi & hi_lag, ~hi & ~hi_lag], ["HH", "LH", "LL"], "HL"
    ).astype(object)
    # I_sim ≥ I ⇔ z_i·T ≥ z_i·S; z is affine in y, so rank sums of y (as Gi* does)
    ge, le = _permutation_counts(y, m @ y, card, permutations, np.random.default_rng(seed))
    larger = np.where(z > 0, ge, le)
    p = np.where((card > 0) & (z != 0), _directed_p(larger, permutations), 1.0)
    return LocalMoran(i, z, lag, quadrant, p, permutations)


def fdr_bh(p: np.ndarray, *, alpha: float = FDR_ALPHA) -> tuple[np.ndarray, np.ndarray]:
    """Benjamini–Hochberg step-up over the non-NaN entries of ``p``.

    Returns ``(significant, q)``: ``q`` the BH-adjusted p-values
    ``min_{j ≥ r} p_(j) m / j`` (NaN where ``p`` is NaN), ``significant = q ≤ alpha``.

    Examples
    --------
    >>> fdr_bh(np.array([0.01, 0.04, 0.03, np.nan]), alpha=0.05)[1]
    array([0.03, 0.04, 0.04,  nan])
    """
    if not 0 < alpha < 1:
        raise HotspotError(f"alpha must be between 0 and 1, got {alpha!r}")
    p = np.asarray(p, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(p))
    if tested.size:
        order = tested[np.argsort(p[tested], kind="stable")]
        m = tested.size
        ranked = p[order] * m / np.arange(1, m + 1)
        q[order] = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    return np.nan_to_num(q, nan=np.inf) <= alpha, q
