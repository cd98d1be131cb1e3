"""Small-count suppression for anything shown in public (the lobby display, printed hand-outs).

A count of children below ``threshold`` (5) in a village can point at one
family, so it is never shown: the count is displayed as ``"< 5"`` and every
rate computed from it (crude or smoothed prevalence) is withheld, since
``rate × measured`` would give the count back.

The rule is deliberately simple, so it can be stated on screen in one line:
*any* count below the threshold is withheld, zero included (showing "0
stunted" next to "3 measured" tells as much as "3 stunted"). A missing count
(no report from the village) is not a small count: it stays missing.

Pure pandas/numpy: no Dash, no I/O.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ilp_dash.i18n import number, percent, tr
from ilp_dash.policy import PRIVACY_THRESHOLD

THRESHOLD = PRIVACY_THRESHOLD
WITHHELD = "ditahan"  # boolean column added by suppress_counts: something in the row was withheld
CHILD_COUNTS = (
    "diukur",
    "stunting",
)  # the counts of a stunting table (children measured, children stunted)
CHILD_RATES = (
    "rate_crude",
    "rate_eb",
    "eb_lower",
    "eb_upper",
)  # rates a hotspot table builds on them


def _withheld_mask(frame: pd.DataFrame, cols: Sequence[str], threshold: float) -> pd.DataFrame:
    counts = frame[list(cols)].apply(pd.to_numeric, errors="coerce")
    return counts.lt(threshold) & counts.notna()


def suppress_counts(
    frame: pd.DataFrame,
    count_cols: Sequence[str],
    rate_cols: Sequence[str] = (),
    threshold: float = THRESHOLD,
) -> pd.DataFrame:
    """A copy of ``frame`` that is safe to show: small counts and the rates built on them removed.

    Parameters
    ----------
    frame
        One row per area (village, kecamatan, ...).
    count_cols
        Columns holding counts of people (children measured, children stunted).
    rate_cols
        Columns computed from those counts (crude or smoothed rates, bounds).
    threshold
        Counts ``< threshold`` are withheld (default 5).

    Returns
    -------
    pandas.DataFrame
        Same index and columns, plus:

        * each count column as float, ``NaN`` where it was below ``threshold``;
        * each rate column ``NaN`` in every row where *any* of ``count_cols``
          was below ``threshold``;
        * ``<count>_ditahan`` (bool) per count column: that count was withheld
          (so a display can write "< 5" rather than "no data");
        * ``ditahan`` (bool): something in the row was withheld.

    Raises
    ------
    KeyError
        When a named column is not in ``frame``.
    """
    missing = [c for c in (*count_cols, *rate_cols) if c not in frame.columns]
    if missing:
        raise KeyError(f"columns not in the table: {', '.join(missing)}")
    out = frame.copy()
    small = _withheld_mask(frame, count_cols, threshold)
    for col in count_cols:
        values = pd.to_numeric(frame[col], errors="coerce").astype(float)
        out[col] = values.mask(small[col])
        out[f"{col}_{WITHHELD}"] = small[col].to_numpy(dtype=bool)
    row = (
        small.any(axis=1).to_numpy(dtype=bool)
        if len(count_cols)
        else np.zeros(len(frame), dtype=bool)
    )
    for col in rate_cols:
        out[col] = pd.to_numeric(frame[col], errors="coerce").astype(float).mask(row)
    out[WITHHELD] = row
    return out


def display_count(n: float | None, lang: str, threshold: float = THRESHOLD) -> str:
    """A count of people as the public may see it: ``"< 5"`` below the threshold, ``–`` when missing.

    >>> display_count(4, "id"), display_count(5, "id"), display_count(1234, "id")
    ('< 5', '5', '1.234')
    """
    if n is None or (isinstance(n, float) and not math.isfinite(n)) or pd.isna(n):
        return "–"
    if n < threshold:
        return f"< {number(threshold, lang)}"
    return number(n, lang)


def count_labels(
    shown: pd.DataFrame, col: str, lang: str, threshold: float = THRESHOLD
) -> list[str]:
    """Texts for a count column of a :func:`suppress_counts` result (``"< 5"`` where withheld)."""
    flag = shown[f"{col}_{WITHHELD}"].to_numpy(dtype=bool)
    return [
        f"< {number(threshold, lang)}" if f else display_count(v, lang, threshold)
        for v, f in zip(shown[col].to_numpy(dtype=float), flag)
    ]


def shown_hotspots(table: pd.DataFrame, threshold: float = THRESHOLD) -> pd.DataFrame:
    """A stunting or hotspot table as the public may see it: :func:`suppress_counts` on its child counts.

    The rate columns of :data:`CHILD_RATES` that the table has are withheld with them.
    """
    rates = [c for c in CHILD_RATES if c in table.columns]
    return suppress_counts(table, list(CHILD_COUNTS), rates, threshold)


def shown_total(
    stunted: float | None, measured: float | None, threshold: float = THRESHOLD
) -> float | None:
    """Percent stunted of a whole area (regency), or ``None`` when either count is small or missing.

    >>> shown_total(3, 400), shown_total(40, 400)
    (None, 10.0)
    """
    if stunted is None or measured is None or not measured or pd.isna(stunted) or pd.isna(measured):
        return None
    if stunted < threshold or measured < threshold:
        return None
    return 100.0 * stunted / measured


def rate_range(
    table: pd.DataFrame,
    col: str = "rate_eb",
    *,
    tested: np.ndarray | None = None,
    threshold: float = THRESHOLD,
) -> tuple[float, float] | None:
    """``(lowest, highest)`` of ``col`` over the villages whose counts may be shown, or ``None``.

    A range's ends are single villages' rates, so villages with a small count
    are left out (``tested``: a further mask, e.g. villages measuring enough).
    """
    shown = shown_hotspots(table, threshold)
    values = shown[col].to_numpy(dtype=float)
    keep = np.isfinite(values) & ~shown[WITHHELD].to_numpy(dtype=bool)
    if tested is not None:
        keep &= np.asarray(tested, dtype=bool)
    return (float(values[keep].min()), float(values[keep].max())) if keep.any() else None


def rate_text(rate: float | None, lang: str, decimals: int = 1, *, withheld: bool = False) -> str:
    """A withheld rate reads "ditahan" / "withheld" (not "–", which means "no data")."""
    if withheld:
        return tr(lang, "ditahan", "withheld")
    return percent(rate, lang, decimals)


def rule_text(lang: str, threshold: float = THRESHOLD) -> str:
    """The rule, for the notes line of every public figure or table that withholds something."""
    n = number(threshold, lang)
    return tr(
        lang,
        f"< {n} = ditahan untuk privasi: jumlah anak di bawah {n} dan angka yang dihitung darinya "
        "tidak ditampilkan.",
        f"< {n} = withheld for privacy: counts of children below {n}, and rates computed from them, "
        "are not shown.",
    )
