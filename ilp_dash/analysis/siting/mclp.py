"""The exact MCLP driver: small instances straight to the MILP solver, large ones fixed first.

A reduced MCLP (:class:`~ilp_dash.analysis.siting.formulations.CoverReduction`)
with at most :data:`DIRECT_COLUMNS` columns goes to the MILP solver as it is.
A larger one is first shrunk by Lagrangian fixing (:func:`lagrangian_fixing`,
LP duals as multipliers): columns provably closed or open in every optimal
solution are removed (:func:`restrict_cover`) before the MILP. The entry point
is :func:`solve_mclp`; :func:`ilp_dash.analysis.siting.models.mclp` calls it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ilp_dash.analysis.siting.formulations import (
    CoverReduction,
    mclp_problem,
    reduce_cover,
)

DIRECT_COLUMNS = 80
"""Reduced MCLPs with at most this many columns go straight to the MILP solver."""


def covered_weight(red: CoverReduction, chosen: np.ndarray) -> float:
    """Weight of the reduced rows hit by the chosen columns (boolean mask)."""
    owner = np.repeat(np.arange(red.n_rows), np.diff(red.row_ptr))
    hit = np.zeros(red.n_rows, dtype=bool)
    hit[owner[chosen[red.row_cols]]] = True
    return float(red.row_weight[hit].sum())


def restrict_cover(
    red: CoverReduction, keep: np.ndarray, opened: np.ndarray
) -> tuple[CoverReduction, np.ndarray]:
    """The instance left when only ``keep`` columns may open and ``opened`` ones are open.

    Rows hit by an opened column are dropped (covered); returns the new
    reduction and, for each of its columns, the column number in ``red``.
    """
    owner = np.repeat(np.arange(red.n_rows), np.diff(red.row_ptr))
    hit = np.zeros(red.n_rows, dtype=bool)
    hit[owner[opened[red.row_cols]]] = True
    free = keep & ~opened
    on = free[red.row_cols] & ~hit[owner]
    index = np.flatnonzero(free)
    new_id = np.cumsum(free) - 1
    sub = reduce_cover(
        owner[on], new_id[red.row_cols[on]], red.row_weight, len(index), superset_rows=False
    )
    return sub, index[sub.cols]


def lagrangian_fixing(
    red: CoverReduction, mu: np.ndarray, k: int, lower: float
) -> tuple[np.ndarray, np.ndarray, float]:
    """Columns provably closed (``to0``) and open (``to1``) in every optimal MCLP solution.

    For any multipliers ``0 ≤ μ ≤ w`` on the rows ``z_i ≤ Σ y``, the Lagrangian
    bound is ``Σ (w_i − μ_i) + (sum of the k largest r_j)`` with
    ``r_j = Σ_{i ∋ j} μ_i`` (a singleton row counts with ``μ_i = w_i``). Forcing
    ``y_j = 1`` (or 0) and re-taking the top ``k`` bounds every solution with
    ``y_j = 1`` (or 0); if that bound is below ``lower`` (the value of a known
    solution) no optimal solution has it. Valid for any ``μ``; LP duals make it
    tight. Returns ``(to0, to1, bound)``.
    """
    m = len(red.cols)
    owner = np.repeat(np.arange(red.n_rows), np.diff(red.row_ptr))
    mu = np.clip(mu, 0.0, red.row_weight)
    r = np.bincount(red.row_cols, weights=mu[owner], minlength=m)
    base = float((red.row_weight - mu).sum())
    order = np.argsort(-r, kind="stable")
    top = r[order]
    in_top = np.zeros(m, dtype=bool)
    in_top[order[:k]] = True
    top_k = float(top[:k].sum())
    after = float(top[k]) if m > k else 0.0
    last = float(top[k - 1])
    force1 = base + np.where(in_top, top_k, top_k - last + r)
    force0 = base + np.where(in_top, top_k - r + after, top_k)
    tol = 1e-9 * float(red.row_weight.sum()) + 1e-9
    return force1 < lower - tol, force0 < lower - tol, base + top_k


@dataclass(frozen=True)
class MclpOutcome:
    chosen: np.ndarray  # boolean mask over red.cols
    status: str
    gap: float
    shape: tuple[int, int]
    steps: tuple[str, ...] = ()


def solve_mclp(
    red: CoverReduction,
    k: int,
    *,
    solve_milp,
    solve_lp,
    deadline: float | None = None,
    mip_rel_gap: float = 0.0,
    start: np.ndarray | None = None,
    clock=None,
) -> MclpOutcome:
    """Exact MCLP on a reduced instance: LP → incumbent → Lagrangian fixing → MILP.

    1. LP relaxation (its optimum is final when ``y`` comes out integral);
    2. an incumbent: the MILP restricted to the LP's support (and ``start``);
    3. :func:`lagrangian_fixing` with the LP duals and the incumbent's value;
    4. if every column left open to choice lies in that support, the restricted
       optimum is the optimum; otherwise the MILP on the columns that survive
       the fixing, started from the incumbent.

    Each step keeps every optimal solution, so the result is the exact optimum
    of the full instance. ``solve_milp``/``solve_lp`` are the backend calls
    (partially applied), ``deadline`` a ``clock()`` time.
    """
    m = len(red.cols)
    chosen = np.zeros(m, dtype=bool)
    if k >= m:
        return MclpOutcome(~chosen, "optimal", 0.0, (0, 0), ("trivial",))
    if k <= 0 or red.n_rows == 0:
        return MclpOutcome(chosen, "optimal", 0.0, (0, 0), ("trivial",))

    def left() -> float | None:
        return None if deadline is None else max(0.0, deadline - clock())

    def milp(sub: CoverReduction, kk: int, init: np.ndarray | None):
        problem = mclp_problem(sub, kk)
        x0 = None
        if init is not None:
            x0 = _mclp_start(sub, init)
        sol = solve_milp(problem, time_limit=left(), mip_rel_gap=mip_rel_gap, start=x0)
        if sol.x is None:
            return None, sol, problem.shape
        return sol.x[: len(sub.cols)] > 0.5, sol, problem.shape

    problem = mclp_problem(red, k)
    if m <= DIRECT_COLUMNS:
        pick, sol, shape = milp(red, k, start)
        if pick is None:
            return MclpOutcome(chosen, sol.status, sol.gap, shape, ("milp",))
        return MclpOutcome(pick, sol.status, sol.gap, shape, ("milp",))
    lp = solve_lp(problem, time_limit=left())
    if lp.x is None:  # fall back to the plain MILP
        pick, sol, shape = milp(red, k, start)
        return MclpOutcome(chosen if pick is None else pick, sol.status, sol.gap, shape, ("milp",))
    y = lp.x[:m]
    if np.all(np.abs(y - np.round(y)) < 1e-9):
        return MclpOutcome(y > 0.5, "optimal", 0.0, problem.shape, ("lp-integral",))
    sizes = np.diff(red.row_ptr)
    multi = np.flatnonzero(sizes > 1)
    mu = red.row_weight.copy()  # singleton rows: μ = w (their weight sits on the column)
    mu[multi] = np.abs(lp.row_dual[: len(multi)])
    # incumbent from the LP support
    support = y > 1e-9
    if start is not None:
        support |= start
    sub, sub_cols = restrict_cover(red, support, np.zeros(m, dtype=bool))
    init = None if start is None else start[sub_cols]
    pick, sol, shape = milp(sub, k, init)
    steps = [f"lp {problem.shape}", f"support {shape}"]
    if pick is None:
        pick_full = start.copy() if start is not None else np.zeros(m, dtype=bool)
        sub_status = "error"
    else:
        pick_full = np.zeros(m, dtype=bool)
        pick_full[sub_cols[pick]] = True
        sub_status = sol.status
    lower = covered_weight(red, pick_full)
    to0, to1, _ = lagrangian_fixing(red, mu, k, lower)
    free = ~to0
    if sub_status == "optimal" and not (free & ~support).any():
        return MclpOutcome(
            pick_full, "optimal", sol.gap, shape, tuple(steps + ["fixing proves support"])
        )
    final, final_cols = restrict_cover(red, free, to1)
    kk = k - int(to1.sum())
    steps.append(f"fixed {int(to0.sum())} closed, {int(to1.sum())} open")
    if kk >= len(final.cols) or kk <= 0 or final.n_rows == 0:
        out = to1.copy()
        if kk > 0:
            out[final_cols] = True
        return MclpOutcome(out, "optimal", 0.0, shape, tuple(steps))
    pick, sol, shape = milp(final, kk, pick_full[final_cols])
    steps.append(f"milp {shape}")
    if pick is None:
        return MclpOutcome(
            pick_full,
            sol.status if sub_status == "optimal" else "error",
            sol.gap,
            shape,
            tuple(steps),
        )
    out = to1.copy()
    out[final_cols[pick]] = True
    return MclpOutcome(out, sol.status, sol.gap, shape, tuple(steps))


def _mclp_start(red: CoverReduction, chosen: np.ndarray) -> np.ndarray:
    """A feasible ``(y, z)`` vector of :func:`mclp_problem` for the chosen columns."""
    sizes = np.diff(red.row_ptr)
    owner = np.repeat(np.arange(red.n_rows), sizes)
    hit = np.zeros(red.n_rows, dtype=bool)
    hit[owner[chosen[red.row_cols]]] = True
    return np.concatenate([chosen.astype(np.float64), hit[sizes > 1].astype(np.float64)])
