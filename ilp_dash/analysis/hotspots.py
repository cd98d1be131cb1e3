"""Stunting hotspots per village: EB rates, Gi*, Local Moran, FDR and a class.

The statistics and their permutation inference are in
:mod:`ilp_dash.analysis.spatial_statistics` (:func:`gi_star`, :func:`local_moran`,
:func:`fdr_bh`, also importable from here).

Significance and classes (:func:`hotspots`)
-------------------------------------------
* The analysed value is the **empirical-Bayes rate** (:mod:`.smoothing`):
  crude rates of small villages are mostly noise and would create or hide
  clusters; EB rates shrink them to the regional rate by their uncertainty.
* Villages measuring fewer than ``min_measured`` children are flagged
  ``small_n``: they keep their EB value as neighbours of others but are
  never tested nor classed.
* Benjamini–Hochberg FDR at ``alpha`` over the tested villages, on the
  **two-sided** ``min(1, 2 p_sim)`` (a village may be hot or cold); the
  BH-adjusted ``q`` is reported. BH can only reject when some two-sided p is
  ≤ ``alpha / m``; with ``P`` permutations the smallest is ``2 / (P + 1)``,
  so ``P ≥ 2m/alpha − 1`` is needed for full resolution (attrs
  ``min_permutations``; ``permutations="auto"`` uses it).
* ``significance="normal"`` (the screens' rule,
  :data:`ilp_dash.policy.HOTSPOT_SIGNIFICANCE`, the default) feeds the Gi*
  class with the two-sided normal p of the analytic ``z`` (Getis & Ord's
  moments under total randomisation, own value included, as ArcGIS' Hot
  Spot Analysis does). ``significance="permutation"`` uses the conditional
  permutation ``gi_p`` instead, which keeps the village's own value fixed, so
  for Gi* it tests only the neighbours (the same test as Gi and, with the
  same draws, the same p-value as Local Moran up to ties): a village on the
  edge of a cluster, with most neighbours outside, is rarely significant.
  Measured on planted clusters in the real villages of the four bundled
  regions (``benchmarks/hotspot_power.py``, ``benchmarks/hotspots.md``): at
  twice the risk the normal rule finds 89% of planted villages, the
  permutation rule 53% (more draws do not help), both flag ~0% of villages
  on null data. ``gi_p`` (and the Moran classes) stay permutation-based.
* ``method="gi_star"``: ``class`` is ``hot`` (significant, z > 0), ``cold``
  (significant, z < 0) or ``not significant``. ``method="moran"``: the
  quadrant (``HH``, ``LL``, ``HL``, ``LH``) when significant, else
  ``not significant``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np

from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.analysis.spatial_statistics import (
    GiStar,
    LocalMoran,
    Seed,
    check_int,
    fdr_bh,
    gi_star,
    local_moran,
)
from ilp_dash.policy import FDR_ALPHA, HOTSPOT_SIGNIFICANCE, MIN_MEASURED

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from ilp_dash.analysis.weights import VillageWeights

__all__ = ["GiStar", "LocalMoran", "fdr_bh", "gi_star", "hotspots", "local_moran"]

MAX_AUTO_PERMUTATIONS = 999_999
NOT_SIGNIFICANT = "not significant"
COLUMNS = [
    "kode_desa",
    "diukur",
    "stunting",
    "rate_crude",
    "rate_eb",
    "eb_lower",
    "eb_upper",
    "gi_z",
    "gi_p",
    "gi_p_norm",
    "gi_q",
    "gi_fdr_significant",
    "moran_i",
    "moran_p",
    "moran_q",
    "moran_quadrant",
    "moran_fdr_significant",
    "small_n",
    "class",
]


# --------------------------------------------------------------------------- top level


def hotspots(
    counts: pd.DataFrame,
    villages: gpd.GeoDataFrame,
    *,
    permutations: int | Literal["auto"] = 999,
    seed: Seed = None,
    alpha: float = FDR_ALPHA,
    min_measured: int = MIN_MEASURED,
    method: Literal["gi_star", "moran"] = "gi_star",
    significance: Literal["permutation", "normal"] | None = None,
    k: int = 4,
    weights: VillageWeights | None = None,
) -> pd.DataFrame:
    """Stunting hotspots per village: crude and EB rates, Gi*, Local Moran, FDR and a class.

    Parameters
    ----------
    counts : pandas.DataFrame
        Columns ``kode_desa, diukur, stunting``; several rows per village
        (e.g. months) are summed — monthly rows then count a child once per month.
    villages : geopandas.GeoDataFrame
        Village polygons with a ``kode`` column. Villages without counts get
        ``diukur = 0`` (so ``small_n``; their EB value is the regional rate).
    permutations : int or "auto", default 999
        Conditional permutations (Gi* and Moran share the draws). ``"auto"``:
        enough for full FDR resolution, ``⌈2m/alpha⌉ − 1`` for ``m`` tested
        villages (at least 999, at most :data:`MAX_AUTO_PERMUTATIONS`).
    seed : int, numpy.random.Generator or None
    alpha : float, default 0.05
        False discovery rate.
    min_measured : int, default 20
        Villages measuring fewer children are ``small_n``: never hot or cold.
    method : {"gi_star", "moran"}, default "gi_star"
        Statistic behind ``class`` (both are always computed).
    significance : {"permutation", "normal"}, optional
        p-value behind the Gi* FDR step: ``gi_p`` or ``gi_p_norm`` (module docstring);
        ``None`` (default): :data:`ilp_dash.policy.HOTSPOT_SIGNIFICANCE`, the screens' rule.
    k : int, default 4
        Nearest neighbours for villages without a contiguous one.
    weights : VillageWeights, optional
        Prebuilt :func:`~ilp_dash.analysis.weights.village_weights` of ``villages``.

    Returns
    -------
    pandas.DataFrame
        One row per village in the order of ``villages``, columns :data:`COLUMNS`;
        ``attrs`` holds the prior, the options and ``min_permutations``.

    Raises
    ------
    HotspotError
        On invalid counts or options, unknown village codes, or weights built
        from other villages.
    """
    import pandas as pd
    from scipy.special import ndtr

    from ilp_dash.analysis.smoothing import eb_rates, village_totals
    from ilp_dash.analysis.weights import village_weights

    if permutations != "auto":
        check_int("permutations", permutations, 1)
    min_measured = check_int("min_measured", min_measured, 0)
    if method not in ("gi_star", "moran"):
        raise HotspotError(f"method must be 'gi_star' or 'moran', got {method!r}")
    if significance is None:
        significance = HOTSPOT_SIGNIFICANCE
    if significance not in ("permutation", "normal"):
        raise HotspotError(f"significance must be 'permutation' or 'normal', got {significance!r}")
    if not 0 < alpha < 1:
        raise HotspotError(f"alpha must be between 0 and 1, got {alpha!r}")
    if weights is None:
        weights = village_weights(villages, k=k)
    elif "kode" in villages.columns and list(weights.ids) != villages["kode"].astype(str).tolist():
        raise HotspotError(
            "weights.ids differ from villages['kode']: build the weights from these villages"
        )
    measured, stunted = village_totals(counts, weights.ids)
    eb = eb_rates(stunted, measured)
    small = measured < min_measured
    tested = int((~small).sum())
    needed = int(np.ceil(2 * tested / alpha)) - 1
    if permutations == "auto":
        permutations = max(999, min(needed, MAX_AUTO_PERMUTATIONS))
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        seed = int(np.random.default_rng(seed).integers(2**63))
    gi = gi_star(eb.rate, weights, permutations=permutations, seed=seed)
    lm = local_moran(eb.rate, weights, permutations=permutations, seed=seed)
    p_norm = 2 * ndtr(-np.abs(gi.z))
    gi_two_sided = p_norm if significance == "normal" else np.minimum(1.0, 2 * gi.p_sim)
    gi_sig, gi_q = fdr_bh(np.where(small, np.nan, gi_two_sided), alpha=alpha)
    lm_sig, lm_q = fdr_bh(np.where(small, np.nan, np.minimum(1.0, 2 * lm.p_sim)), alpha=alpha)
    if method == "gi_star":
        cls = np.select(
            [gi_sig & (gi.z > 0), gi_sig & (gi.z < 0)], ["hot", "cold"], NOT_SIGNIFICANT
        )
    else:
        cls = np.where(lm_sig, lm.quadrant, NOT_SIGNIFICANT)
    out = pd.DataFrame(
        {
            "kode_desa": weights.ids.astype(str),
            "diukur": measured,
            "stunting": stunted,
            "rate_crude": eb.crude,
            "rate_eb": eb.rate,
            "eb_lower": eb.lower,
            "eb_upper": eb.upper,
            "gi_z": gi.z,
            "gi_p": gi.p_sim,
            "gi_p_norm": p_norm,
            "gi_q": gi_q,
            "gi_fdr_significant": gi_sig,
            "moran_i": lm.i,
            "moran_p": lm.p_sim,
            "moran_q": lm_q,
            "moran_quadrant": lm.quadrant,
            "moran_fdr_significant": lm_sig,
            "small_n": small,
            "class": cls.astype(object),
        }
    )
    prior = eb.prior
    out.attrs.update(
        {
            "method": method,
            "significance": significance,
            "alpha": alpha,
            "permutations": permutations,
            "seed": seed,
            "min_measured": min_measured,
            "tested": tested,
            "min_permutations": needed,
            "prior": {
                "mean": prior.mean,
                "between_variance": prior.between_variance,
                "a": prior.a,
                "b": prior.b,
            },
            "knn_villages": weights.ids[weights.knn].astype(str).tolist(),
            "k": weights.k,
        }
    )
    return out
