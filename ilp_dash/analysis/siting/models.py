"""Ambulance base siting: MCLP, LSCP and p-median on any cost matrix.

Every model takes a **cost matrix** ``cost[i, j]`` = minutes from demand point
``i`` (a village) to candidate site ``j`` (``np.inf`` = unreachable), built in
one place (:mod:`ilp_dash.analysis.distance` for straight lines,
:mod:`ilp_dash.analysis.travel` for roads), like spopt's ``from_cost_matrix``.
Models are solved exactly with HiGHS on sparse formulations after safe
reductions (see :mod:`ilp_dash.analysis.siting.formulations`).

* :func:`mclp` — maximal covering: most weight within ``minutes`` using ``k`` bases.
* :func:`lscp` — set covering: fewest bases covering every demand point.
* :func:`pmedian` — least total weighted minutes with ``k`` bases.
* :func:`coverage_curve` — MCLP for ``k = 1 … k_max``: the marginal gain of each base.

Fixed (existing) bases are forced open and **counted within k**: with 3 fixed
bases and ``k = 5`` the model places 2 new ones.
"""

from __future__ import annotations

import time
from collections.abc import Hashable, Sequence
from functools import partial

import numpy as np
from numpy.typing import ArrayLike

from ilp_dash.analysis.siting.formulations import CoverReduction, lscp_problem, reduce_cover
from ilp_dash.analysis.siting.mclp import MclpOutcome, solve_mclp
from ilp_dash.analysis.siting.median import solve_pmedian
from ilp_dash.analysis.siting.solver import resolve_backend, solve_lp, solve_milp
from ilp_dash.analysis.siting.types import (
    CoverageCurve,
    Instance,
    SitingError,
    SitingResult,
    check_k,
    check_minutes,
    covered_mask,
    instance,
    raise_unsolved,
)

__all__ = [
    "CoverageCurve",
    "SitingError",
    "SitingResult",
    "coverage_curve",
    "lscp",
    "mclp",
    "pmedian",
]


# ---------------------------------------------------------------- coverage models
def _run_mclp(
    red: CoverReduction,
    k_free: int,
    *,
    backend: str,
    time_limit: float | None,
    mip_rel_gap: float = 0.0,
    start: np.ndarray | None = None,
) -> MclpOutcome:
    now = time.perf_counter()
    out = solve_mclp(
        red,
        k_free,
        solve_milp=partial(solve_milp, backend=backend),
        solve_lp=partial(solve_lp, backend=backend),
        deadline=None if time_limit is None else now + time_limit,
        mip_rel_gap=mip_rel_gap,
        start=start,
        clock=time.perf_counter,
    )
    if out.status not in ("optimal", "time_limit"):
        raise SitingError(
            f"HiGHS tidak menyelesaikan MCLP ({out.status})",
            f"HiGHS did not solve the MCLP ({out.status}); try a longer time_limit",
        )
    return out


def _prepare_cover(inst: Instance, minutes: float):
    r, c = np.nonzero(inst.cost <= minutes)
    m = inst.cost.shape[1]
    reachable = np.bincount(r, minlength=inst.cost.shape[0]) > 0
    by_fixed = np.zeros(inst.cost.shape[0], dtype=bool)
    by_fixed[r[inst.fixed[c]]] = True
    return r, c, m, reachable, by_fixed


def mclp(
    cost: ArrayLike,
    weights: ArrayLike,
    *,
    k: int,
    minutes: float,
    fixed: Sequence[Hashable] = (),
    demand_ids: Sequence[Hashable] | None = None,
    candidate_ids: Sequence[Hashable] | None = None,
    time_limit: float | None = None,
    mip_rel_gap: float = 0.0,
    backend: str = "auto",
) -> SitingResult:
    """Maximal covering location problem: most weight within ``minutes`` using ``k`` bases.

    Parameters
    ----------
    cost : array_like, shape (n_demand, n_candidates)
        Minutes (``np.inf`` = unreachable). A DataFrame's index/columns are
        used as ids when ``demand_ids``/``candidate_ids`` are not given.
    weights : array_like, shape (n_demand,)
        Population, stunting burden, … (≥ 0).
    k : int
        Number of bases, **fixed bases included**.
    minutes : float
        Service standard: a demand point is covered when an open base is at
        most this many minutes away.
    fixed : sequence of candidate ids
        Existing bases that stay open (count within ``k``).
    demand_ids, candidate_ids : sequence, optional
        Ids reported in the result (default: row/column positions).
    time_limit : float, optional
        Seconds for HiGHS; on timeout the best solution is returned with
        ``status="time_limit"`` and its gap.
    mip_rel_gap : float, default 0
        0 = prove optimality.
    backend : {"auto", "highspy", "scipy"}
        See :mod:`ilp_dash.analysis.siting.solver`.

    Returns
    -------
    SitingResult

    Notes
    -----
    ``max Σ_i w_i z_i`` s.t. ``z_i ≤ Σ_{j: cost_ij ≤ T} y_j``, ``Σ_j y_j ≤ k``,
    ``y_j = 1`` for fixed ``j``, ``y`` binary, ``0 ≤ z ≤ 1``, built only from the
    pairs within ``T`` (sparse). Solved on the reduced instance (duplicate and
    dominated rows/columns removed, single-candidate rows folded into the
    objective); above 80 candidates the LP relaxation, an incumbent from the
    LP's support and a Lagrangian bound first prove most candidates closed or
    open in every optimal solution (:func:`~ilp_dash.analysis.siting.mclp.solve_mclp`).
    ``Σ y ≤ k`` rather than ``= k``: same optimum as spopt's ``= k``.
    """
    t0 = time.perf_counter()
    inst = instance(cost, weights, demand_ids, candidate_ids, fixed)
    k = check_k(k, int(inst.fixed.sum()))
    minutes = check_minutes(minutes)
    backend = resolve_backend(backend)
    r, c, m, reachable, by_fixed = _prepare_cover(inst, minutes)
    on = ((inst.weights > 0) & ~by_fixed)[r] & ~inst.fixed[c]
    red = reduce_cover(r[on], c[on], inst.weights, m, superset_rows=False)
    k_free = k - int(inst.fixed.sum())
    out = _run_mclp(red, k_free, backend=backend, time_limit=time_limit, mip_rel_gap=mip_rel_gap)
    open_mask = inst.fixed.copy()
    open_mask[red.cols[out.chosen]] = True
    gap, status, shape = out.gap, out.status, out.shape
    covered = covered_mask(inst.cost, open_mask, minutes)
    weight = float(inst.weights[covered].sum())
    return SitingResult(
        model="mclp",
        selected=tuple(inst.candidate_ids[j] for j in np.flatnonzero(open_mask)),
        covered_weight=weight,
        total_weight=float(inst.weights.sum()),
        objective=weight,
        status=status,
        gap=gap,
        seconds=time.perf_counter() - t0,
        k=k,
        minutes=minutes,
        fixed=tuple(fixed),
        unreachable=tuple(inst.demand_ids[i] for i in np.flatnonzero(~reachable)),
        backend=backend,
        reduced_shape=shape,
    )


def lscp(
    cost: ArrayLike,
    *,
    minutes: float,
    weights: ArrayLike | None = None,
    fixed: Sequence[Hashable] = (),
    demand_ids: Sequence[Hashable] | None = None,
    candidate_ids: Sequence[Hashable] | None = None,
    time_limit: float | None = None,
    mip_rel_gap: float = 0.0,
    backend: str = "auto",
) -> SitingResult:
    """Location set covering problem: fewest bases so every demand point is within ``minutes``.

    Parameters are those of :func:`mclp` (``weights`` only feeds the reported
    covered/total weight). When some demand points cannot be reached within
    ``minutes`` by any candidate the result has ``status="impossible"``, lists
    them in ``unreachable`` and ``selected`` covers every *other* point with
    as few bases as possible — nothing is raised, so a dashboard can show
    both the villages that need a new site and the best cover of the rest.

    Notes
    -----
    ``min Σ_j y_j`` s.t. ``Σ_{j: cost_ij ≤ T} y_j ≥ 1`` for every reachable ``i``,
    ``y_j = 1`` for fixed ``j``, ``y`` binary. The objective counts fixed bases.
    """
    t0 = time.perf_counter()
    inst = instance(cost, weights, demand_ids, candidate_ids, fixed)
    minutes = check_minutes(minutes)
    backend = resolve_backend(backend)
    r, c, m, reachable, by_fixed = _prepare_cover(inst, minutes)
    on = ~by_fixed[r] & ~inst.fixed[c]
    open_mask = inst.fixed.copy()
    gap, status, shape = 0.0, "optimal", (0, 0)
    if on.any():
        red = reduce_cover(r[on], c[on], np.ones(len(inst.weights)), m, superset_rows=True)
        problem = lscp_problem(red)
        shape = problem.shape
        sol = solve_milp(problem, time_limit=time_limit, mip_rel_gap=mip_rel_gap, backend=backend)
        raise_unsolved(sol, "LSCP", "LSCP")
        open_mask[red.cols[sol.x > 0.5]] = True
        gap, status = sol.gap, sol.status
    unreachable = tuple(inst.demand_ids[i] for i in np.flatnonzero(~reachable))
    covered = covered_mask(inst.cost, open_mask, minutes)
    return SitingResult(
        model="lscp",
        selected=tuple(inst.candidate_ids[j] for j in np.flatnonzero(open_mask)),
        covered_weight=float(inst.weights[covered].sum()),
        total_weight=float(inst.weights.sum()),
        objective=float(open_mask.sum()),
        status="impossible" if unreachable else status,
        gap=gap,
        seconds=time.perf_counter() - t0,
        minutes=minutes,
        fixed=tuple(fixed),
        unreachable=unreachable,
        backend=backend,
        reduced_shape=shape,
    )


def coverage_curve(
    cost: ArrayLike,
    weights: ArrayLike,
    *,
    minutes: float,
    k_max: int | None = None,
    fixed: Sequence[Hashable] = (),
    demand_ids: Sequence[Hashable] | None = None,
    candidate_ids: Sequence[Hashable] | None = None,
    time_limit: float | None = None,
    backend: str = "auto",
) -> CoverageCurve:
    """Exact MCLP optimum for every ``k`` from ``max(1, len(fixed))`` to ``k_max``.

    The reduced instance is built once; each ``k`` re-solves it with the
    previous optimum as the start solution (highspy backend). Once all
    coverable weight is covered, larger ``k`` repeat that point without a solve.

    Parameters
    ----------
    k_max : int, optional
        Default: the number of candidates.
    time_limit : float, optional
        Seconds per ``k``.

    Other parameters are those of :func:`mclp`.
    """
    t0 = time.perf_counter()
    inst = instance(cost, weights, demand_ids, candidate_ids, fixed)
    n_fixed = int(inst.fixed.sum())
    m = inst.cost.shape[1]
    k_max = check_k(m if k_max is None else k_max, n_fixed)
    minutes = check_minutes(minutes)
    backend = resolve_backend(backend)
    r, c, m, reachable, by_fixed = _prepare_cover(inst, minutes)
    on = ((inst.weights > 0) & ~by_fixed)[r] & ~inst.fixed[c]
    red = reduce_cover(r[on], c[on], inst.weights, m, superset_rows=False)
    coverable = float(inst.weights[reachable].sum())
    ks, weights_out, selected, statuses = [], [], [], []
    start = None
    prev_mask = inst.fixed
    for k in range(max(1, n_fixed), k_max + 1):
        status = "optimal"
        if weights_out and weights_out[-1] >= coverable:  # nothing left to gain
            open_mask = prev_mask
        else:
            out = _run_mclp(red, k - n_fixed, backend=backend, time_limit=time_limit, start=start)
            start, status = out.chosen, out.status
            open_mask = inst.fixed.copy()
            open_mask[red.cols[out.chosen]] = True
        prev_mask = open_mask
        ks.append(k)
        weights_out.append(float(inst.weights[covered_mask(inst.cost, open_mask, minutes)].sum()))
        selected.append(tuple(inst.candidate_ids[j] for j in np.flatnonzero(open_mask)))
        statuses.append(status)
    return CoverageCurve(
        k=tuple(ks),
        covered_weight=tuple(weights_out),
        selected=tuple(selected),
        status=tuple(statuses),
        total_weight=float(inst.weights.sum()),
        coverable_weight=coverable,
        minutes=minutes,
        seconds=time.perf_counter() - t0,
    )


# ---------------------------------------------------------------- p-median
def pmedian(
    cost: ArrayLike,
    weights: ArrayLike,
    *,
    k: int,
    minutes: float | None = None,
    fixed: Sequence[Hashable] = (),
    demand_ids: Sequence[Hashable] | None = None,
    candidate_ids: Sequence[Hashable] | None = None,
    time_limit: float | None = None,
    mip_rel_gap: float = 0.0,
    backend: str = "auto",
) -> SitingResult:
    """p-median: ``k`` bases minimising Σ weight × minutes to the nearest open base.

    Parameters
    ----------
    k : int
        Number of bases, fixed ones included (capped at the number of candidates).
    minutes : float, optional
        Only for the reported ``covered_weight`` (weight assigned within it);
        without it ``covered_weight`` is the weight with a reachable open base.

    Other parameters are those of :func:`mclp`.

    Raises
    ------
    SitingError
        When a demand point with positive weight has no reachable candidate,
        or no ``k`` bases reach every such point.

    Notes
    -----
    Radius formulation (Elloumi 2010) in incremental form: binary ``y_j`` and,
    per demand point and distinct finite cost level, a continuous ``z`` that is
    1 when no open base is that close; unreachable pairs never enter the model.
    Before HiGHS runs, a swap heuristic and a Lagrangian bound close or open
    every candidate they can prove closed/open in all optimal solutions
    (:mod:`ilp_dash.analysis.siting.median`); often nothing is left to branch
    on. Zero-weight points do not influence the choice (they are still
    assigned afterwards).
    """
    t0 = time.perf_counter()
    inst = instance(cost, weights, demand_ids, candidate_ids, fixed)
    n, m = inst.cost.shape
    k = min(check_k(k, int(inst.fixed.sum())), m)
    if minutes is not None:
        minutes = check_minutes(minutes)
    backend = resolve_backend(backend)
    pos = np.flatnonzero(inst.weights > 0)
    sub = inst.cost[pos]
    no_route = pos[~np.isfinite(sub).any(axis=1)]
    if len(no_route):
        ids = [inst.demand_ids[i] for i in no_route]
        raise SitingError(
            f"titik permintaan tanpa kandidat yang terjangkau: {ids[:10]}",
            f"demand points that no candidate can reach: {ids[:10]}",
            ids,
        )
    open_mask = inst.fixed.copy()
    gap, status, shape = 0.0, "optimal", (0, 0)
    if len(pos) and k > int(inst.fixed.sum()):
        now = time.perf_counter()
        out = solve_pmedian(
            sub,
            inst.weights[pos],
            k,
            inst.fixed,
            solve_milp=partial(solve_milp, backend=backend),
            deadline=None if time_limit is None else now + time_limit,
            clock=time.perf_counter,
            mip_rel_gap=mip_rel_gap,
        )
        if out.status == "infeasible":
            raise SitingError(
                f"tidak ada {k} pangkalan yang menjangkau semua titik permintaan",
                f"no {k} bases reach every demand point",
            )
        if out.status not in ("optimal", "time_limit"):
            raise SitingError(
                f"HiGHS tidak menyelesaikan p-median ({out.status})",
                f"HiGHS did not solve the p-median ({out.status}); try a longer time_limit",
            )
        open_mask, gap, status, shape = out.open_mask, out.gap, out.status, out.shape
    elif not len(pos):
        open_mask[np.flatnonzero(~inst.fixed)[: k - int(inst.fixed.sum())]] = True
    opened = np.flatnonzero(open_mask)
    near = inst.cost[:, opened]
    best = near.argmin(axis=1)
    best_cost = near[np.arange(n), best]
    reach = np.isfinite(best_cost)
    served = reach if minutes is None else best_cost <= minutes
    ids = inst.candidate_ids
    return SitingResult(
        model="pmedian",
        selected=tuple(ids[j] for j in opened),
        covered_weight=float(inst.weights[served].sum()),
        total_weight=float(inst.weights.sum()),
        objective=float(inst.weights[pos] @ best_cost[pos]),
        status=status,
        gap=gap,
        seconds=time.perf_counter() - t0,
        k=k,
        minutes=minutes,
        fixed=tuple(fixed),
        unreachable=tuple(inst.demand_ids[i] for i in np.flatnonzero(~reach)),
        assignment=tuple(ids[opened[b]] if ok else None for b, ok in zip(best, reach)),
        backend=backend,
        reduced_shape=shape,
    )
