"""The ambulance plan: pin/remove state, one MCLP solve, the coverage curve and scenario numbers.

A **plan** is one MCLP solve on a region's siting inputs (demand, candidates,
minutes; see :class:`SitingData`): the current bases stay open unless the
planner *removed* them (then they are not candidates either), *pinned*
candidates are forced open, and the optimiser fills the rest of ``k`` bases
(fixed ones counted within ``k``) to cover the most people within ``minutes``.

Per-user state is small JSON: ``{"pinned": [...], "removed": [...]}``
(candidate ids) and scenario dicts from :func:`scenario`. No Dash here; the
screen's builders live in :mod:`ilp_dash.ui.ambulance` and
:mod:`ilp_dash.ui.ambulance_panels`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from ilp_dash import policy
from ilp_dash.analysis.siting.models import CoverageCurve, coverage_curve, mclp

STANDARD_MINUTES = int(policy.AMBULANCE_MINUTES)  # the slider starts on the standard
EXTRA_BASES = (
    policy.AMBULANCE_EXTRA_BASES
)  # the question on screen: where do the next two ambulances go?
K_REACH = (
    10  # how far past the fixed bases the K slider and the coverage curve reach (not a standard)
)


class SitingData(Protocol):
    """What a plan needs of the region's siting inputs (``region.results.SitingInputs``)."""

    demand: pd.DataFrame  # one row per village, ``penduduk`` = weight
    candidates: pd.DataFrame  # ``id``, ``base`` (bool: an ambulance is based here now), ...
    minutes: np.ndarray  # villages × candidates

    @property
    def current(self) -> list[str]: ...


# ------------------------------------------------------------------ state
def empty_state() -> dict:
    """No pinned and no removed bases."""
    return {"pinned": [], "removed": []}


def toggle(state: dict | None, cid: str, current) -> dict:
    """A click on candidate ``cid``: a current base is removed/restored, any other site pinned/unpinned.

    Returns a new dict; ``state`` is not changed.
    """
    state = state or empty_state()
    key = "removed" if cid in set(current) else "pinned"
    out = {"pinned": list(state.get("pinned", [])), "removed": list(state.get("removed", []))}
    out[key] = [c for c in out[key] if c != cid] if cid in out[key] else out[key] + [cid]
    return out


def fixed_bases(candidate_ids, current, state: dict | None) -> list[str]:
    """Bases forced open, in candidate order: current ones not removed, plus pinned ones."""
    state = state or empty_state()
    current, removed, pinned = (
        set(current),
        set(state.get("removed", [])),
        set(state.get("pinned", [])),
    )
    return [
        c
        for c in candidate_ids
        if (c in current and c not in removed) or (c in pinned and c not in current)
    ]


def k_range(candidate_ids, current, state: dict | None, extra: int = K_REACH) -> tuple[int, int]:
    """Smallest and largest ``k`` the slider offers: the fixed bases, up to ``extra`` more."""
    state = state or empty_state()
    n_fixed = len(fixed_bases(candidate_ids, current, state))
    available = len(candidate_ids) - len(set(state.get("removed", [])) & set(current))
    low = max(1, n_fixed)
    return low, max(low, min(available, max(n_fixed, len(set(current))) + extra))


def start_k(candidate_ids, current, state: dict | None = None) -> int:
    """The ``k`` the screen opens on: today's bases plus :data:`EXTRA_BASES`, within :func:`k_range`."""
    low, high = k_range(candidate_ids, current, state)
    return min(high, max(low, len(list(current)) + EXTRA_BASES))


def clamp_k(k, candidate_ids, current, state: dict | None) -> tuple[int, int, int]:
    """``(low, high, k)`` after an edit: the slider's range and ``k`` moved into it (``None`` → low)."""
    low, high = k_range(candidate_ids, current, state)
    return low, high, min(high, max(low, int(k or low)))


def default_minutes(inputs: SitingData | None = None) -> int:
    """The ambulance standard (:data:`ilp_dash.policy.AMBULANCE_MINUTES`), the same on every screen.

    The planner may move the slider to explore a stricter or looser T; the
    screen always names the standard beside it.
    """
    return STANDARD_MINUTES


# ------------------------------------------------------------------ the plan
@dataclass(frozen=True)
class Plan:
    """One solved plan. Arrays run over villages (``before``, ``after``, ``weights``) or candidates."""

    k: int
    minutes: float
    ids: tuple  # candidate ids
    status: tuple  # per candidate: "current", "pinned", "new", "removed" or None (not a base)
    before: np.ndarray  # minutes to the nearest current base (status quo)
    after: np.ndarray  # minutes to the nearest open base of the plan
    weights: np.ndarray  # population per village
    base_population: (
        np.ndarray
    )  # per candidate: people whose nearest open base it is, within minutes
    solver: str = "optimal"

    def with_status(self, *which: str) -> list[str]:
        return [c for c, s in zip(self.ids, self.status) if s in which]

    @property
    def open_ids(self) -> list[str]:
        return self.with_status("current", "pinned", "new")

    @property
    def total(self) -> float:
        return float(self.weights.sum())

    @property
    def covered_before(self) -> float:
        return float(self.weights[self.before <= self.minutes].sum())

    @property
    def covered_after(self) -> float:
        return float(self.weights[self.after <= self.minutes].sum())

    def share(self, covered: float) -> float:
        return 100 * covered / self.total if self.total else float("nan")

    @staticmethod
    def _mean(minutes: np.ndarray, w: np.ndarray) -> float:
        ok = np.isfinite(minutes)
        return (
            float(np.average(minutes[ok], weights=w[ok]))
            if ok.any() and w[ok].sum()
            else float("nan")
        )

    @property
    def mean_before(self) -> float:
        return self._mean(self.before, self.weights)

    @property
    def mean_after(self) -> float:
        """Population-weighted mean minutes to the nearest open base (villages reachable at all)."""
        return self._mean(self.after, self.weights)

    def cover_class(self) -> np.ndarray:
        """Per village: 0 covered now and in the plan, 1 newly covered, 2 no longer covered, 3 not covered."""
        b, a = self.before <= self.minutes, self.after <= self.minutes
        return np.select([b & a, ~b & a, b & ~a], [0, 1, 2], 3).astype(float)


def _nearest(minutes: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(cols):
        n = minutes.shape[0]
        return np.full(n, np.inf), np.full(n, -1)
    sub = minutes[:, cols]
    arg = sub.argmin(axis=1)
    return sub[np.arange(len(sub)), arg], cols[arg]


def solve_plan(inputs: SitingData, *, k: int, minutes: float, state: dict | None = None) -> Plan:
    """MCLP with the current bases (minus removed) and pinned sites fixed; ``k`` counts them.

    ``k`` below the number of fixed bases is raised to it. ``inputs`` is a
    :class:`SitingData` (``demand.penduduk``, ``candidates.id/base``, ``minutes``),
    e.g. the region's ``SitingInputs``.
    """
    state = state or empty_state()
    cids = inputs.candidates["id"].astype(str).tolist()
    current = [c for c, b in zip(cids, inputs.candidates["base"]) if b]
    removed = set(state.get("removed", [])) & set(current)
    pinned = set(state.get("pinned", [])) & (set(cids) - set(current))
    fixed = fixed_bases(cids, current, state)
    w = inputs.demand["penduduk"].to_numpy(dtype=float)
    cost = np.asarray(inputs.minutes, dtype=float)
    k = max(int(k), len(fixed), 1)
    keep = [j for j, c in enumerate(cids) if c not in removed]
    selected, solver = set(), "optimal"
    if keep:
        res = mclp(
            cost[:, keep],
            w,
            k=k,
            minutes=float(minutes),
            fixed=fixed,
            candidate_ids=[cids[j] for j in keep],
        )
        selected, solver = set(res.selected), res.status
    status = []
    for c in cids:
        if c in removed:
            status.append("removed")
        elif c in current:
            status.append("current")
        elif c in pinned:
            status.append("pinned")
        elif c in selected:
            status.append("new")
        else:
            status.append(None)
    is_current = np.array([c in set(current) for c in cids], dtype=bool)
    is_open = np.array([s in ("current", "pinned", "new") for s in status], dtype=bool)
    before, _ = _nearest(cost, np.flatnonzero(is_current))
    after, nearest = _nearest(cost, np.flatnonzero(is_open))
    served = (after <= minutes) & (nearest >= 0)
    base_pop = np.bincount(nearest[served], weights=w[served], minlength=len(cids)).astype(float)
    return Plan(
        k=k,
        minutes=float(minutes),
        ids=tuple(cids),
        status=tuple(status),
        before=before,
        after=after,
        weights=w,
        base_population=base_pop,
        solver=solver,
    )


def curve(
    inputs: SitingData,
    *,
    minutes: float,
    state: dict | None = None,
    k_max: int | None = None,
    k: int | None = None,
) -> tuple[CoverageCurve, int]:
    """The coverage curve (MCLP optimum for each k) with the plan's fixed bases and removals.

    Returns ``(CoverageCurve, n_fixed)``; ``k_max`` defaults to :data:`K_REACH` bases beyond
    the fixed ones, or to the planner's ``k`` when that is larger.
    """
    state = state or empty_state()
    cids = inputs.candidates["id"].astype(str).tolist()
    current = [c for c, b in zip(cids, inputs.candidates["base"]) if b]
    removed = set(state.get("removed", [])) & set(current)
    keep = [j for j, c in enumerate(cids) if c not in removed]
    fixed = fixed_bases(cids, current, state)
    k_max = max(
        1,
        len(fixed),
        min(len(keep), k_max if k_max is not None else max(int(k or 0), len(fixed) + K_REACH)),
    )
    cc = coverage_curve(
        np.asarray(inputs.minutes, dtype=float)[:, keep],
        inputs.demand["penduduk"].to_numpy(dtype=float),
        minutes=float(minutes),
        k_max=k_max,
        fixed=fixed,
        candidate_ids=[cids[j] for j in keep],
    )
    return cc, len(fixed)


# ------------------------------------------------------------------ scenarios
def _plain(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 3)


def scenario(plan: Plan) -> dict:
    """The plan as small JSON for a ``dcc.Store`` (saved as scenario A or B)."""
    return {
        "k": plan.k,
        "minutes": plan.minutes,
        "bases": plan.open_ids,
        "new": plan.with_status("new"),
        "pinned": plan.with_status("pinned"),
        "removed": plan.with_status("removed"),
        "covered": _plain(plan.covered_after),
        "total": _plain(plan.total),
        "share": _plain(plan.share(plan.covered_after)),
        "mean_minutes": _plain(plan.mean_after),
    }


COMPARE_ROWS = ("bases", "k", "minutes", "covered", "share", "mean_minutes")


def _value(s: dict | None, key: str):
    if not s:
        return None
    return len(s["bases"]) if key == "bases" else s.get(key)


def compare(a: dict | None, b: dict | None) -> list[dict]:
    """Rows ``{key, a, b, diff}`` (``diff = b − a``; ``None`` when a scenario or value is missing)."""
    rows = []
    for key in COMPARE_ROWS:
        va, vb = _value(a, key), _value(b, key)
        diff = None if va is None or vb is None else round(vb - va, 3)
        rows.append({"key": key, "a": va, "b": vb, "diff": diff})
    return rows


def base_difference(a: dict, b: dict) -> tuple[list[str], list[str]]:
    """Bases only in A, and only in B (in the order each scenario lists them)."""
    sa, sb = set(a["bases"]), set(b["bases"])
    return [c for c in a["bases"] if c not in sb], [c for c in b["bases"] if c not in sa]
