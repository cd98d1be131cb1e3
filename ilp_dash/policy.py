"""Every planning standard and threshold of ILP Dash, once, with its unit and its source.

Screens, the printed report, the map PNG, the public display and the CLI read
these values from here and nowhere else (``tests/test_policy.py`` fails when a
module defines one again). Where no national norm exists the value is a
planning convention, and the text shown on screen says so
(:func:`ambulance_standard_text`).

Comparisons with a threshold use one rule, :func:`within` / :func:`beyond`:
minutes are rounded to 1e-6 first (float noise such as 30.0000000001 never
moves a village across a line) and a value *on* a threshold is inside it.
"""

from __future__ import annotations

import numpy as np

from ilp_dash.i18n import number, tr

# ------------------------------------------------------------------ travel time
TRAVEL_BANDS: tuple[float, float, float] = (15.0, 30.0, 60.0)
"""minutes; upper edges of the bands ≤ 15, 16–30, 31–60, > 60 — the travel-time bands of the national
health survey (Riskesdas / SKI), which planners use for access to health facilities."""

PUSKESMAS_MINUTES = 30.0
"""minutes; a village farther than this from its nearest Puskesmas is flagged (the end of the survey's
second band)."""

AMBULANCE_MINUTES = 15.0
"""minutes; ambulance response standard: the population within this travel time of an ambulance base
is "covered". No national numeric norm exists (Permenkes 19/2016 sets up PSC 119 without one); the
first travel-time band of the national health survey is used, on every screen, the report, the display
and the CLI."""

REFERRAL_HOSPITAL_OWNERS: tuple[str, ...] = ("pemerintah",)
"""hospital owners (the ``milik`` column: "pemerintah", "swasta", "tidak diketahui") the referral chain
may end at: by default the nearest government hospital (RSUD, RSUP, RS Bhayangkara, TNI hospitals…),
the referral hospitals of the public system. Add "tidak diketahui" or "swasta" to let the chain end at
other hospitals. A region with none of these owners falls back to any hospital, and the screens say so."""

AMBULANCE_EXTRA_BASES = 2
"""bases; the briefing's question: where should the next two ambulances be based?"""

STRAIGHT_LINE_SPEED_KMH = 40.0
"""km/h; average speed of the straight-line travel estimate (motorised, mixed roads)."""

CIRCUITY = 1.3
"""ratio; road distance ÷ straight-line distance of the straight-line estimate (typical rural value)."""

ROUND_DECIMALS = 6
"""minutes are rounded to this many decimals before a threshold comparison."""

# ------------------------------------------------------------------ stunting
MIN_MEASURED = 20
"""children; a village measuring fewer is shown as uncertain and never classed hot or cold."""

FDR_ALPHA = 0.05
"""false discovery rate (Benjamini–Hochberg) of the hotspot classes over all tested villages."""

HOTSPOT_SEED = 20240601
"""seed of the conditional permutations, so a map does not change between reloads."""

HOTSPOT_SIGNIFICANCE = "normal"
"""p-value behind the Gi* hotspot classes (Benjamini–Hochberg FDR): ``"normal"`` (two-sided normal p
of the analytic z) or ``"permutation"`` (conditional permutations); the same rule on every screen, the
report, the display and the CLI. Chosen by measurement (benchmarks/hotspots.md, "Which significance
rule"; benchmarks/hotspot_power.py): on clusters planted at twice the risk in the real villages of the
four bundled regions the normal rule finds 89% of planted villages, the permutation rule 53%; on
null data both flag under 0.5% of villages (targets: ≥ 80% and ≤ 5%)."""

# ------------------------------------------------------------------ ILP coverage
ILP_TARGET_PERCENT = 100.0
"""percent of Posyandu that are ILP Posyandu — the national target."""

# ------------------------------------------------------------------ privacy
PRIVACY_THRESHOLD = 5
"""children; a count below this (and every rate built on it) is withheld on public outputs."""


def within(minutes, limit: float) -> np.ndarray:
    """Mask of travel times within ``limit`` minutes (on the line = within; ``inf``/NaN = not)."""
    m = np.round(np.asarray(minutes, dtype=float), ROUND_DECIMALS)
    with np.errstate(invalid="ignore"):
        return m <= limit


def beyond(minutes, limit: float) -> np.ndarray:
    """Mask of travel times beyond ``limit`` minutes (unreachable ``inf`` included, missing NaN not)."""
    m = np.round(np.asarray(minutes, dtype=float), ROUND_DECIMALS)
    with np.errstate(invalid="ignore"):
        return m > limit


def ambulance_standard_text(lang: str) -> str:
    """The ambulance standard in words, for every figure that uses it."""
    n = number(AMBULANCE_MINUTES, lang)
    return tr(
        lang,
        f"Standar ambulans: ≤ {n} menit ke pangkalan terdekat (kelompok waktu tempuh pertama survei "
        "kesehatan nasional; belum ada norma nasional).",
        f"Ambulance standard: ≤ {n} minutes to the nearest base (first travel-time band of the "
        "national health survey; there is no national norm).",
    )
