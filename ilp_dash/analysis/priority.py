"""Priority index for choosing intervention villages (desa lokus stunting, next ILP roll-out).

A transparent weighted mean of four components, each scaled to 0–1:

* ``k_stunting`` — empirical-Bayes smoothed stunting rate, min–max scaled over
  the villages of the region (highest = 1);
* ``k_hotspot`` — 1 when the village is in a significant hot spot, else 0;
* ``k_ilp_gap`` — share of the village's Posyandu not yet ILP
  (``(100 − persen_ilp) / 100``; a village without any Posyandu counts 1);
* ``k_rujukan`` — referral time to the hospital, ``min(minutes, cap) / cap``
  (default cap 120 min; unreachable = 1).

``skor`` = 100 × Σ wᵢ·kᵢ / Σ wᵢ over the components the village has (a missing
component is left out and its weight with it — ``komponen`` says how many were
used). Villages are ranked by score (1 = highest priority), ties by code.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

DEFAULT_WEIGHTS = {"stunting": 0.4, "hotspot": 0.2, "ilp_gap": 0.2, "rujukan": 0.2}
COMPONENTS = {
    "stunting": "k_stunting",
    "hotspot": "k_hotspot",
    "ilp_gap": "k_ilp_gap",
    "rujukan": "k_rujukan",
}


class PriorityError(ValueError):
    pass


def priority_index(
    villages: pd.DataFrame,
    *,
    weights: dict[str, float] | None = None,
    minutes_cap: float = 120.0,
) -> pd.DataFrame:
    """Score and rank villages.

    Parameters
    ----------
    villages : one row per village with ``kode_desa`` and any of ``rate_eb``,
        ``hotspot`` (bool), ``persen_ilp`` (NaN = no Posyandu), ``menit_rujukan``.
    weights : component weights (keys of :data:`DEFAULT_WEIGHTS`); missing keys are 0.
    minutes_cap : referral minutes at which ``k_rujukan`` reaches 1.

    Returns
    -------
    The input columns plus ``k_*`` components, ``komponen``, ``skor`` and ``peringkat``.
    """
    w = dict(DEFAULT_WEIGHTS if weights is None else weights)
    unknown = set(w) - set(COMPONENTS)
    if unknown:
        raise PriorityError(f"unknown components {sorted(unknown)}; expected {sorted(COMPONENTS)}")
    if any(v < 0 for v in w.values()) or sum(w.values()) <= 0:
        raise PriorityError("weights must be non-negative and not all zero")
    if minutes_cap <= 0:
        raise PriorityError("minutes_cap must be positive")
    out = villages.copy()
    nan = pd.Series(np.nan, index=out.index)
    if "rate_eb" in out:
        r = out["rate_eb"].astype(float)
        span = r.max() - r.min()
        out["k_stunting"] = (r - r.min()) / span if span > 0 else r * 0.0
    else:
        out["k_stunting"] = nan
    out["k_hotspot"] = out["hotspot"].astype(float) if "hotspot" in out else nan
    if "persen_ilp" in out:
        out["k_ilp_gap"] = ((100.0 - out["persen_ilp"].astype(float)) / 100.0).fillna(1.0)
    else:
        out["k_ilp_gap"] = nan
    if "menit_rujukan" in out:
        m = out["menit_rujukan"].astype(float)
        out["k_rujukan"] = np.minimum(m.fillna(np.inf), minutes_cap) / minutes_cap
    else:
        out["k_rujukan"] = nan
    k = out[[COMPONENTS[c] for c in COMPONENTS]].to_numpy(dtype=float)
    wv = np.array([w.get(c, 0.0) for c in COMPONENTS])
    has = ~np.isnan(k) & (wv > 0)
    num = np.where(has, np.nan_to_num(k) * wv, 0.0).sum(axis=1)
    den = np.where(has, wv, 0.0).sum(axis=1)
    out["komponen"] = has.sum(axis=1)
    out["skor"] = np.where(den > 0, 100.0 * num / np.where(den > 0, den, 1.0), np.nan)
    order = out.sort_values(
        ["skor", "kode_desa"], ascending=[False, True], na_position="last"
    ).index
    out.loc[order, "peringkat"] = np.arange(1, len(out) + 1)
    out["peringkat"] = out["peringkat"].astype(int)
    return out.sort_values("peringkat")
