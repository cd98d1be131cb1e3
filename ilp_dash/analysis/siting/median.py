"""Exact p-median behind :func:`ilp_dash.analysis.siting.models.pmedian`.

Pipeline (each step keeps every optimal solution):

1. **incumbent** — greedy, then best-improvement vertex swaps (Whitaker's fast
   interchange, vectorised over all (remove, add) pairs);
2. **Lagrangian bound** — relax "each demand point is assigned once" with
   multipliers ``u``: ``L(u) = Σ u_i + (the k smallest ρ_j)``,
   ``ρ_j = Σ_i min(0, w_i d_ij − u_i)``, improved by subgradient steps. ``L(u)``
   is a valid lower bound for *any* ``u``;
3. **fixing** — a candidate whose bound with ``y_j = 1`` (or 0) exceeds the
   incumbent's cost is closed (or open) in every optimal solution;
4. **MILP** — HiGHS on the radius formulation (Elloumi 2010) over the
   candidates still free, the fixed-open ones forced to 1. Demand points whose
   nearest forced-open base is at least as near as every free candidate drop
   out (their cost is a constant). When fixing leaves nothing free the
   incumbent is optimal and no MILP is needed.

Unreachable pairs (``inf``) never enter the MILP. For the Lagrangian step they
cost a large finite ``BIG`` — a relaxation of the true problem, so its bound
stays valid; fixing is only used when the incumbent is truly feasible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ilp_dash.analysis.siting.formulations import csc_arrays
from ilp_dash.analysis.siting.solver import MilpProblem

DIRECT_CANDIDATES = 8
"""Instances with at most this many candidates go straight to the MILP."""


@dataclass(frozen=True)
class MedianOutcome:
    open_mask: np.ndarray
    status: str
    gap: float
    shape: tuple[int, int]
    steps: tuple[str, ...] = ()


# ---------------------------------------------------------------- radius formulation
def radius_problem(cost: np.ndarray, weight: np.ndarray, k: int, forced: np.ndarray) -> MilpProblem:
    """Radius formulation of the p-median, written incrementally.

    For demand ``i`` with distinct finite costs ``D¹ < D² < …`` ("levels"),
    ``z_i^l = 1`` means "no open base within ``D^l``". Rows:
    ``z^1 + Σ_{level 1} y ≥ 1`` and ``z^l − z^{l−1} + Σ_{level l} y ≥ 0``; objective
    ``Σ w_i (D¹ + Σ_l (D^{l+1} − D^l) z^l)``, ``Σ y = k``, ``y = 1`` where ``forced``.
    Levels past the first one holding a forced base, or the one holding the
    ``(m − k + 1)``-th nearest candidate (García, Labbé & Marín 2011: with ``k``
    open bases one of those is open), are left out and the last modelled
    ``z`` is fixed to 0 — which also makes "some reachable base is open" a hard
    constraint. Rows whose first level already contains a forced base become
    a constant.
    """
    n, m = cost.shape
    order = np.argsort(cost, axis=1, kind="stable")
    s = np.take_along_axis(cost, order, axis=1)
    finite = np.isfinite(s)
    new = np.ones_like(finite)
    new[:, 1:] = s[:, 1:] != s[:, :-1]
    level = np.cumsum(new & finite, axis=1) - 1
    level[~finite] = -1
    n_lev = level.max(axis=1) + 1
    if 0 < k <= m:
        cut = level[:, m - k]
        n_lev = np.where(cut >= 0, np.minimum(n_lev, cut + 1), n_lev)
    if forced.any():
        f_lev = np.where(forced[order] & finite, level, m).min(axis=1)
        n_lev = np.minimum(n_lev, f_lev + 1)
    dist = np.full((n, m), np.inf)
    rr, tt = np.nonzero(finite)
    dist[rr, level[rr, tt]] = s[rr, tt]
    offset = float(weight @ dist[:, 0]) if n else 0.0
    # rows with a single level and a forced base there are constant
    n_lev = np.where((n_lev == 1) & forced[order[:, 0]], 0, n_lev)
    first = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(n_lev, out=first[1:])
    nz = int(first[-1])
    zi = np.repeat(np.arange(n), n_lev)
    zl = np.arange(nz) - first[zi]
    ri, ti = np.nonzero((level >= 0) & (level < n_lev[:, None]))
    y_row = first[ri] + level[ri, ti]
    nxt = zl + 1 < n_lev[zi]
    z_idx = np.arange(nz)
    rows = np.concatenate([y_row, z_idx, z_idx[nxt] + 1, np.full(m, nz)])
    cols = np.concatenate([order[ri, ti], m + z_idx, m + z_idx[nxt], np.arange(m)])
    vals = np.concatenate([np.ones(len(y_row)), np.ones(nz), -np.ones(int(nxt.sum())), np.ones(m)])
    indptr, indices, data = csc_arrays(rows, cols, vals, m + nz)
    d_here = dist[zi, zl]
    d_next = np.where(nxt, dist[zi, np.minimum(zl + 1, m - 1)], d_here)
    return MilpProblem(
        c=np.concatenate([np.zeros(m), weight[zi] * (d_next - d_here)]),
        col_lb=np.concatenate([forced.astype(np.float64), np.zeros(nz)]),
        col_ub=np.concatenate([np.ones(m), np.where(nxt, 1.0, 0.0)]),
        integer=np.concatenate([np.ones(m, dtype=np.int32), np.zeros(nz, dtype=np.int32)]),
        indptr=indptr,
        indices=indices,
        data=data,
        row_lb=np.concatenate([(zl == 0).astype(np.float64), [float(k)]]),
        row_ub=np.concatenate([np.full(nz, np.inf), [float(k)]]),
        offset=offset,
    )


def radius_start(cost: np.ndarray, open_mask: np.ndarray, problem: MilpProblem) -> np.ndarray:
    """A ``(y, z)`` start for :func:`radius_problem` from the open bases.

    ``z`` is rebuilt from the rows: walking each demand's levels, ``z`` stays 1
    until a level holds an open base.
    """
    m = cost.shape[1]
    nz = len(problem.c) - m
    y = open_mask.astype(np.float64)
    # y-entries live in the first m columns; per row, is any open base at this level?
    owner_col = np.repeat(np.arange(m), np.diff(problem.indptr[: m + 1]))
    rows = problem.indices[: problem.indptr[m]]
    hit = np.zeros(nz + 1, dtype=bool)
    hit[rows[open_mask[owner_col]]] = True
    hit = hit[:nz]
    start_row = problem.row_lb[:nz] == 1.0  # level-1 rows start a demand point
    group = np.cumsum(start_row) - 1
    seen = np.maximum.accumulate(np.where(hit, np.arange(nz), -1))
    first_row = np.flatnonzero(start_row)[group] if nz else np.zeros(0, dtype=np.int64)
    covered_before = seen >= first_row
    return np.concatenate([y, (~covered_before).astype(np.float64)])


# ---------------------------------------------------------------- heuristic and bound
def interchange(
    d: np.ndarray,
    w: np.ndarray,
    k: int,
    forced: np.ndarray,
    *,
    start: np.ndarray | None = None,
    max_passes: int = 200,
) -> np.ndarray:
    """Greedy completion + best-improvement swap local search; returns the open mask (``k`` bases).

    ``d`` is a finite cost matrix (unreachable = a large number); ``start`` an
    optional first set of bases (completed greedily, then improved).
    """
    n = d.shape[0]
    far = 2.0 * float(d.max())
    open_mask = forced.copy() if start is None else (forced | start)
    near = d[:, open_mask].min(axis=1) if open_mask.any() else np.full(n, far)
    while open_mask.sum() < k:  # greedy: largest saving first
        saving = w @ np.maximum(0.0, near[:, None] - d)
        saving[open_mask] = -np.inf
        j = int(np.argmax(saving))
        open_mask[j] = True
        near = np.minimum(near, d[:, j])
    rows = np.arange(n)
    for _ in range(max_passes):
        idx = np.flatnonzero(open_mask)
        if forced[idx].all():
            break
        sub = d[:, idx]
        o = np.argsort(sub, axis=1)[:, :2] if len(idx) > 1 else np.zeros((n, 2), dtype=np.int64)
        d1 = sub[rows, o[:, 0]]
        d2 = sub[rows, o[:, 1]] if len(idx) > 1 else np.full(n, far)
        add = w @ (np.minimum(d, d1[:, None]) - d1[:, None])  # add j, remove nothing
        e = w[:, None] * (np.minimum(d, d2[:, None]) - np.minimum(d, d1[:, None]))
        assigned = np.zeros((len(idx), n))
        assigned[o[:, 0], rows] = 1.0
        loss = assigned @ e  # extra cost when a point's nearest base goes
        delta = add[None, :] + loss
        delta[:, open_mask] = np.inf
        delta[forced[idx], :] = np.inf
        r, a = np.unravel_index(np.argmin(delta), delta.shape)
        if not delta[r, a] < -1e-12 * max(1.0, float(w @ d1)):
            break
        open_mask[idx[r]] = False
        open_mask[a] = True
    return open_mask


def lagrangian_bound(
    wd: np.ndarray,
    k: int,
    forced: np.ndarray,
    upper: float,
    u0: np.ndarray,
    *,
    max_iter: int = 600,
    deadline=None,
    clock=None,
) -> tuple[float, np.ndarray, np.ndarray]:
    """Best ``(L(u), u, chosen)`` found by subgradient ascent (Polyak steps towards ``upper``).

    ``chosen`` is the subproblem's set of bases at the best ``u`` (a good start
    for :func:`interchange`).
    """
    m = wd.shape[1]
    free_k = k - int(forced.sum())
    free = np.flatnonzero(~forced)
    fixed = np.flatnonzero(forced)
    u = u0.copy()
    best, best_u, best_pick = -np.inf, u.copy(), fixed
    theta, stall = 2.0, 0
    buf = np.empty_like(wd)
    for it in range(max_iter):
        np.subtract(wd, u[:, None], out=buf)
        np.minimum(buf, 0.0, out=buf)
        rho = buf.sum(axis=0)
        pick = free[np.argpartition(rho[free], free_k - 1)[:free_k]] if free_k > 0 else free[:0]
        chosen = np.concatenate([fixed, pick])
        value = float(u.sum() + rho[chosen].sum())
        if best == -np.inf or value > best + 1e-12 * abs(best):
            best, best_u, best_pick, stall = value, u.copy(), chosen, 0
        else:
            stall += 1
            if stall >= 15:
                theta, stall = theta / 2, 0
        if upper - best <= 1e-12 * abs(upper) or theta < 1e-5:
            break
        if deadline is not None and it % 16 == 0 and clock() > deadline:
            break
        g = 1.0 - (buf[:, chosen] < 0).sum(axis=1)
        norm = float(g @ g)
        if norm == 0:
            break
        u += theta * (upper - value) / norm * g
    mask = np.zeros(m, dtype=bool)
    mask[best_pick] = True
    return best, best_u, mask


def median_fixing(
    wd: np.ndarray, u: np.ndarray, k: int, forced: np.ndarray, upper: float
) -> tuple[np.ndarray, np.ndarray]:
    """Candidates closed (``to0``) / open (``to1``) in every optimal solution, given ``L(u)``."""
    m = wd.shape[1]
    rho = np.minimum(wd - u[:, None], 0.0).sum(axis=0)
    base = float(u.sum() + rho[forced].sum())
    free = np.flatnonzero(~forced)
    kk = k - int(forced.sum())
    to0 = np.zeros(m, dtype=bool)
    to1 = np.zeros(m, dtype=bool)
    if kk <= 0 or kk >= len(free):
        return to0, to1
    r = rho[free]
    order = np.argsort(r, kind="stable")
    in_top = np.zeros(len(free), dtype=bool)
    in_top[order[:kk]] = True
    top = float(r[order[:kk]].sum())
    last, after = float(r[order[kk - 1]]), float(r[order[kk]])
    bound1 = base + np.where(in_top, top, top - last + r)  # y_j = 1
    bound0 = base + np.where(in_top, top - r + after, top)  # y_j = 0
    tol = 1e-9 * (abs(upper) + float(np.abs(u).sum())) + 1e-9
    to0[free] = bound1 > upper + tol
    to1[free] = bound0 > upper + tol
    return to0, to1


# ---------------------------------------------------------------- driver
def solve_pmedian(
    cost: np.ndarray,
    weight: np.ndarray,
    k: int,
    forced: np.ndarray,
    *,
    solve_milp,
    deadline: float | None = None,
    clock=None,
    mip_rel_gap: float = 0.0,
) -> MedianOutcome:
    """Exact p-median on ``cost`` (positive-weight rows only, each with a finite entry)."""
    n, m = cost.shape

    def left():
        return None if deadline is None else max(0.0, deadline - clock())

    def milp(candidates: np.ndarray, force: np.ndarray, start: np.ndarray | None, steps: list[str]):
        sub_cost = cost[:, candidates]
        problem = radius_problem(sub_cost, weight, k, force[candidates])
        x0 = None if start is None else radius_start(sub_cost, start[candidates], problem)
        sol = solve_milp(problem, time_limit=left(), mip_rel_gap=mip_rel_gap, start=x0)
        steps.append(f"milp {problem.shape}")
        if sol.x is None:
            return MedianOutcome(
                np.zeros(m, dtype=bool), sol.status, sol.gap, problem.shape, tuple(steps)
            )
        out = np.zeros(m, dtype=bool)
        out[candidates[sol.x[: len(candidates)] > 0.5]] = True
        return MedianOutcome(out, sol.status, sol.gap, problem.shape, tuple(steps))

    everything = np.arange(m)
    if m <= DIRECT_CANDIDATES:
        return milp(everything, forced, None, [])
    finite = np.isfinite(cost)
    big = 10.0 * (float(cost[finite].max()) + 1.0) * max(1, n)
    d = np.where(finite, cost, big)
    incumbent = interchange(d, weight, k, forced)
    near = d[:, incumbent].min(axis=1)
    steps = ["interchange"]
    if (near >= big).any():  # no truly feasible incumbent: no valid upper bound
        return milp(everything, forced, None, steps)
    upper = float(weight @ near)
    wd = weight[:, None] * d
    lower, u, pick = lagrangian_bound(
        wd, k, forced, upper, weight * near, deadline=deadline, clock=clock
    )
    for _ in range(4):  # Lagrangian heuristic: improve from the subproblem's bases
        if upper - lower <= 1e-9 * abs(upper) or (deadline is not None and clock() > deadline):
            break
        other = interchange(d, weight, k, forced, start=pick)
        other_cost = float(weight @ d[:, other].min(axis=1))
        if not other_cost < upper - 1e-9 * abs(upper):
            break
        incumbent, upper = other, other_cost
        steps.append("lagrangian heuristic")
        lower, u, pick = lagrangian_bound(wd, k, forced, upper, u, deadline=deadline, clock=clock)
    to0, to1 = median_fixing(wd, u, k, forced, upper)
    steps.append(
        f"lagrangian gap {(upper - lower) / max(abs(upper), 1e-12):.1e}, "
        f"fixed {int(to0.sum())} closed, {int(to1.sum())} open"
    )
    free = ~to0 & ~to1 & ~forced
    decided = to1 | forced
    if not free.any() and decided.sum() == k:  # every candidate decided: proven optimal
        return MedianOutcome(decided, "optimal", 0.0, (0, 0), tuple(steps))
    keep = np.flatnonzero(~to0)
    return milp(keep, forced | to1, incumbent, steps)
