"""Village stunting prevalence: crude rates and empirical-Bayes (beta-binomial) smoothing.

Villages measure tens to a few hundred children, so a crude rate
``stunting / diukur`` swings wildly where the denominator is small. The
smoothed rate borrows strength from the whole region (*global* empirical
Bayes): every village's rate is pulled towards the regional rate, the more so
the fewer children it measured.

Model and estimator
-------------------
Beta-binomial, fitted by the method of moments (Kleinman 1973)::

    y_i | p_i ~ Binomial(n_i, p_i),      p_i ~ Beta(a, b)

with ``y_i`` stunted and ``n_i`` measured children in village ``i``. Over the
``k`` villages with ``n_i > 0``, with ``N = Σ n_i`` and ``r_i = y_i / n_i``::

    μ  = Σ y_i / N                                  (pooled rate)
    S  = Σ n_i (r_i − μ)²
    τ² = (S − (k − 1) μ(1 − μ)) / (N − Σ n_i² / N − (k − 1))

``τ²`` is the between-village variance of the true rates (unbiased moment
estimator: ``E[S] = τ² (N − Σn_i²/N − (k − 1)) + (k − 1) μ(1 − μ)``). Then::

    a + b = μ(1 − μ) / τ² − 1,   a = μ (a + b),   b = (1 − μ)(a + b)

and each village's posterior is ``Beta(a + y_i, b + n_i − y_i)``:

* smoothed rate = posterior mean ``(a + y_i) / (a + b + n_i)``
  ``= w_i r_i + (1 − w_i) μ`` with ``w_i = n_i / (n_i + a + b)``;
* 95% interval = the posterior 2.5% and 97.5% quantiles.

When ``τ² ≤ 0`` (the rates vary no more than binomial noise alone would make
them) the prior is a point mass at ``μ``: every smoothed rate is ``μ`` and the
interval collapses to ``[μ, μ]`` (``a + b`` is reported as infinite). A
village with nothing measured gets the prior mean and the prior interval.

This is the binomial analogue of Marshall's (1991) global Poisson-Gamma
estimator used by PySAL's ``Empirical_Bayes``; the beta prior keeps every
rate and interval inside [0, 1].
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy.special import betaincinv

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BetaPrior",
    "HotspotError",
    "SmoothedRates",
    "crude_rate",
    "eb_rates",
    "fit_beta_prior",
    "village_totals",
]


class HotspotError(ValueError):
    """Bad input to the stunting hotspot analysis (smoothing, weights, statistics)."""


@dataclass(frozen=True)
class BetaPrior:
    """The fitted ``Beta(a, b)`` prior of village rates.

    Attributes
    ----------
    mean : float
        Pooled rate ``μ = Σ y / Σ n``.
    between_variance : float
        Moment estimate ``τ²`` of the variance of true village rates (may be ≤ 0).
    a, b : float
        Beta parameters; infinite when ``τ² ≤ 0`` (point mass at ``mean``).
    villages : int
        Villages with at least one child measured (``k``).
    """

    mean: float
    between_variance: float
    a: float
    b: float
    villages: int

    @property
    def strength(self) -> float:
        """Prior sample size ``a + b``: a village measuring this many children gets weight ½."""
        return self.a + self.b


@dataclass(frozen=True)
class SmoothedRates:
    """Crude and empirical-Bayes rates, aligned with the input arrays."""

    crude: np.ndarray
    rate: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    prior: BetaPrior
    level: float


def _counts(stunted: np.ndarray, measured: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    y = np.asarray(stunted, dtype=float)
    n = np.asarray(measured, dtype=float)
    if y.ndim != 1 or n.ndim != 1 or len(y) != len(n):
        raise HotspotError(
            f"stunted and measured must be 1-D arrays of the same length, got shapes {y.shape} and {n.shape}"
        )
    if not (np.isfinite(y).all() and np.isfinite(n).all()):
        raise HotspotError("stunted and measured must not contain missing or infinite values")
    if (y < 0).any() or (n < 0).any():
        raise HotspotError("stunted and measured must be 0 or more")
    if (y != np.round(y)).any() or (n != np.round(n)).any():
        raise HotspotError("stunted and measured must be whole numbers of children")
    over = np.flatnonzero(y > n)
    if over.size:
        i = over[0]
        raise HotspotError(
            f"stunted exceeds measured at position {i} ({y[i]:.0f} > {n[i]:.0f}) "
            f"and {over.size - 1} other(s)"
        )
    return y, n


def crude_rate(stunted: np.ndarray, measured: np.ndarray) -> np.ndarray:
    """``stunted / measured`` per village; NaN where nobody was measured.

    Examples
    --------
    >>> crude_rate(np.array([2, 0]), np.array([10, 0]))
    array([0.2, nan])
    """
    y, n = _counts(stunted, measured)
    out = np.full(len(y), np.nan)
    np.divide(y, n, out=out, where=n > 0)
    return out


def fit_beta_prior(stunted: np.ndarray, measured: np.ndarray) -> BetaPrior:
    """Method-of-moments ``Beta(a, b)`` prior of the village rates (see module docstring).

    Raises
    ------
    HotspotError
        If the counts are invalid or no child was measured anywhere.
    """
    y, n = _counts(stunted, measured)
    has = n > 0
    k = int(has.sum())
    if k == 0:
        raise HotspotError("no child was measured in any village: nothing to smooth")
    y, n = y[has], n[has]
    total = n.sum()
    mu = float(y.sum() / total)
    s = float((n * (y / n - mu) ** 2).sum())
    denom = total - (n**2).sum() / total - (k - 1)
    tau2 = (s - (k - 1) * mu * (1 - mu)) / denom if denom > 0 else 0.0
    if tau2 <= 0 or mu in (0.0, 1.0):
        return BetaPrior(mu, float(tau2), np.inf, np.inf, k)
    strength = mu * (1 - mu) / tau2 - 1
    if strength <= 0:  # τ² ≥ μ(1 − μ): cannot happen for rates in [0, 1] but guard anyway
        strength = np.finfo(float).eps
    return BetaPrior(mu, float(tau2), float(mu * strength), float((1 - mu) * strength), k)


def eb_rates(stunted: np.ndarray, measured: np.ndarray, *, level: float = 0.95) -> SmoothedRates:
    """Crude and empirical-Bayes smoothed rates with an equal-tailed credible interval.

    Parameters
    ----------
    stunted, measured : array-like of int
        Children stunted and children measured per village (same length).
    level : float, default 0.95
        Probability mass of the posterior interval.

    Returns
    -------
    SmoothedRates
        ``crude`` (NaN where nothing measured), ``rate`` (posterior mean),
        ``lower``/``upper`` (posterior quantiles) and the fitted ``prior``.

    Raises
    ------
    HotspotError
        On invalid counts, no child measured anywhere, or ``level`` outside (0, 1).
    """
    if not 0 < level < 1:
        raise HotspotError(f"level must be between 0 and 1, got {level!r}")
    y, n = _counts(stunted, measured)
    prior = fit_beta_prior(y, n)
    crude = crude_rate(y, n)
    if not np.isfinite(prior.strength):
        full = np.full(len(y), prior.mean)
        return SmoothedRates(crude, full, full.copy(), full.copy(), prior, level)
    a_post = prior.a + y
    b_post = prior.b + n - y
    rate = a_post / (a_post + b_post)
    tail = (1 - level) / 2
    lower = betaincinv(a_post, b_post, tail)
    upper = betaincinv(a_post, b_post, 1 - tail)
    return SmoothedRates(crude, rate, lower, upper, prior, level)


def village_totals(counts: pd.DataFrame, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Children measured and stunted per village of ``ids``, summed over the rows of ``counts``.

    Parameters
    ----------
    counts : pandas.DataFrame
        Columns ``kode_desa, diukur, stunting`` (whole numbers ≥ 0, ``stunting ≤ diukur``
        on every row); several rows per village (e.g. months) are summed.
    ids : numpy.ndarray
        Village codes, in output order; a village without rows gets 0 and 0.

    Returns
    -------
    measured, stunted : numpy.ndarray of int

    Raises
    ------
    HotspotError
        On missing columns, bad numbers, stunting above diukur, or codes not in ``ids``.
    """
    import pandas as pd

    need = ["kode_desa", "diukur", "stunting"]
    if not isinstance(counts, pd.DataFrame):
        raise HotspotError(f"counts must be a DataFrame, got {type(counts).__name__}")
    missing = [c for c in need if c not in counts.columns]
    if missing:
        raise HotspotError(
            f"counts lack column(s) {', '.join(missing)}; columns: {list(counts.columns)}"
        )
    frame = pd.DataFrame({"kode_desa": counts["kode_desa"].astype(str).to_numpy()})
    for col in ("diukur", "stunting"):
        values = pd.to_numeric(counts[col], errors="coerce").to_numpy(dtype=float)
        bad = np.flatnonzero(np.isnan(values) | (values < 0) | (values != np.round(values)))
        if bad.size:
            raise HotspotError(
                f"{col} must be a whole number ≥ 0; row {counts.index[bad[0]]}: "
                f"{counts[col].iloc[bad[0]]!r}"
            )
        frame[col] = values.astype(np.int64)
    over = np.flatnonzero(frame["stunting"] > frame["diukur"])
    if over.size:
        raise HotspotError(
            f"stunting exceeds diukur in row {counts.index[over[0]]} "
            f"(village {frame['kode_desa'].iloc[over[0]]})"
        )
    unknown = sorted(set(frame["kode_desa"]) - set(np.asarray(ids).tolist()))
    if unknown:
        raise HotspotError(
            f"{len(unknown)} village code(s) not in the boundaries: {', '.join(unknown[:5])}"
        )
    totals = frame.groupby("kode_desa")[["diukur", "stunting"]].sum().reindex(ids, fill_value=0)
    return totals["diukur"].to_numpy(), totals["stunting"].to_numpy()
