"""The stunting picture of a month: one computation for the screens, the report, the display and the CLI.

:func:`month_picture` takes a village × month stunting table (``kode_desa,
bulan, diukur, stunting``, as :func:`ilp_dash.io.stunting.load_stunting`
reads it; child rows arrive already counted per village and month) or a
table of totals per village without months (a single period), keeps one
month — the latest unless another is asked, never a sum of months: a village
measured monthly would count each child once per month — and returns
:func:`ilp_dash.analysis.hotspots.hotspots` of it under the screens' rule:

* significance rule :data:`ilp_dash.policy.HOTSPOT_SIGNIFICANCE` (read when
  called), Benjamini–Hochberg FDR at :data:`~ilp_dash.policy.FDR_ALPHA`;
* ``permutations="auto"``: enough permutations for that FDR over all tested
  villages;
* seed :data:`~ilp_dash.policy.HOTSPOT_SEED`, so the same table gives the same
  classes every time;
* villages measuring fewer than :data:`~ilp_dash.policy.MIN_MEASURED` children
  are flagged ``small_n`` and never classed.

The result holds, per village, the crude rate, the EB rate with its interval,
the Gi*/Local Moran statistics and the class; ``attrs`` add ``month`` (the
period, ``None`` for totals of unknown period), ``permutations``, ``seed`` and
``rule`` (the rule in one line, e.g. ``gi_star; permutation p; BH FDR 0.05;
min 20 measured``) to the options :func:`~ilp_dash.analysis.hotspots.hotspots`
records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ilp_dash import policy
from ilp_dash.analysis.hotspots import hotspots
from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.io.stunting import StuntingPeriodError, month_rows

if TYPE_CHECKING:
    import geopandas as gpd
    import pandas as pd

    from ilp_dash.analysis.spatial_statistics import Seed
    from ilp_dash.analysis.weights import VillageWeights

__all__ = ["month_picture", "rule_line"]


def rule_line(method: str, significance: str, alpha: float, min_measured: int) -> str:
    """The hotspot rule in one line (``attrs["rule"]``)."""
    return f"{method}; {significance} p; BH FDR {alpha:g}; min {min_measured} measured"


def month_picture(
    stunting: pd.DataFrame,
    villages: gpd.GeoDataFrame,
    month: str | None = None,
    *,
    significance: Literal["permutation", "normal"] | None = None,
    seed: Seed = policy.HOTSPOT_SEED,
    permutations: int | Literal["auto"] = "auto",
    alpha: float = policy.FDR_ALPHA,
    min_measured: int = policy.MIN_MEASURED,
    method: Literal["gi_star", "moran"] = "gi_star",
    k: int = 4,
    weights: VillageWeights | None = None,
) -> pd.DataFrame:
    """The stunting picture of one month: crude, EB with interval, Gi*/LISA classes, small-n flags.

    Parameters
    ----------
    stunting : pandas.DataFrame
        ``kode_desa, bulan, diukur, stunting`` (one row per village and month),
        or ``kode_desa, diukur, stunting`` without ``bulan`` (a single period;
        its ``attrs["month"]``, if any, is its month).
    villages : geopandas.GeoDataFrame
        Village polygons with a ``kode`` column.
    month : str, optional
        The period (``YYYY-MM``, or ``YYYY`` for a yearly table); ``None``: the latest.
    significance : {"permutation", "normal"}, optional
        ``None`` (default): :data:`ilp_dash.policy.HOTSPOT_SIGNIFICANCE`, the screens' rule.
    seed, permutations, alpha, min_measured, method, k, weights
        As :func:`ilp_dash.analysis.hotspots.hotspots`; the defaults are the screens'.

    Returns
    -------
    pandas.DataFrame
        One row per village in the order of ``villages`` (columns
        :data:`ilp_dash.analysis.hotspots.COLUMNS`), ``attrs`` with ``month``,
        ``permutations``, ``seed``, ``rule`` and the other options.

    Raises
    ------
    HotspotError
        A month the table does not have, counts without children measured, or
        the errors of :func:`~ilp_dash.analysis.hotspots.hotspots` (bilingual
        messages for the first two).
    """
    if stunting.attrs.get("measured", True) is False:
        raise HotspotError(
            "tabel hanya berisi jumlah balita stunting, tanpa jumlah diukur: prevalensi dan hotspot "
            "tidak dapat dihitung / the table counts stunted children only, not children measured: "
            "no prevalence and no hotspots can be computed"
        )
    try:
        rows, chosen = month_rows(stunting, month)
    except StuntingPeriodError as exc:
        raise HotspotError(str(exc)) from None
    if significance is None:
        significance = policy.HOTSPOT_SIGNIFICANCE
    out = hotspots(
        rows,
        villages,
        permutations=permutations,
        seed=seed,
        alpha=alpha,
        min_measured=min_measured,
        method=method,
        significance=significance,
        k=k,
        weights=weights,
    )
    out.attrs["month"] = chosen
    out.attrs["rule"] = rule_line(method, significance, alpha, out.attrs["min_measured"])
    return out
