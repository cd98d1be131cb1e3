"""A thin, backend-neutral call into the HiGHS MILP solver.

Two ways to reach the same solver (HiGHS):

* ``"scipy"`` — :func:`scipy.optimize.milp` with a ``scipy.sparse`` CSC matrix.
  Always available (scipy is a project dependency) but importing
  ``scipy.optimize`` costs ~0.8–1.2 s on the project's 2-core machines, more
  than half the CLI's time budget.
* ``"highspy"`` — the official HiGHS Python binding: imports in ~20 ms on top of
  numpy, takes the CSC arrays as they are and accepts a start solution (used to
  warm-start the marginal-gain curve).

``backend="auto"`` (the default everywhere) uses ``highspy`` when it is
installed and falls back to scipy; both give the same optimum. Formulations are
built once, as plain numpy CSC arrays, in :mod:`ilp_dash.analysis.siting.formulations`.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

BACKENDS = ("auto", "highspy", "scipy")


@dataclass(frozen=True)
class MilpProblem:
    """``min/max c·x + offset`` s.t. ``row_lb ≤ A x ≤ row_ub``, ``col_lb ≤ x ≤ col_ub``.

    ``A`` is given column-wise (CSC: ``indptr``, ``indices``, ``data``);
    ``integer`` marks integer columns.
    """

    c: np.ndarray
    col_lb: np.ndarray
    col_ub: np.ndarray
    integer: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    data: np.ndarray
    row_lb: np.ndarray
    row_ub: np.ndarray
    maximize: bool = False
    offset: float = 0.0

    @property
    def shape(self) -> tuple[int, int]:
        return len(self.row_lb), len(self.c)


@dataclass(frozen=True)
class MilpSolution:
    """What came back from HiGHS, in backend-neutral terms.

    ``status`` is one of ``"optimal"``, ``"time_limit"`` (a feasible but
    unproven solution), ``"infeasible"`` or ``"error"``. ``x`` is ``None``
    when no feasible solution exists.
    """

    status: str
    x: np.ndarray | None
    objective: float
    gap: float
    backend: str
    message: str = ""


@lru_cache(maxsize=1)
def _has_highspy() -> bool:
    return importlib.util.find_spec("highspy") is not None


def resolve_backend(backend: str) -> str:
    """The concrete backend behind ``backend`` (``"auto"`` → highspy if installed)."""
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {BACKENDS}, got {backend!r}")
    if backend == "auto":
        return "highspy" if _has_highspy() else "scipy"
    if backend == "highspy" and not _has_highspy():
        raise ValueError("backend 'highspy' requested but the highspy package is not installed")
    return backend


def solve_milp(
    problem: MilpProblem,
    *,
    time_limit: float | None = None,
    mip_rel_gap: float = 0.0,
    backend: str = "auto",
    start: np.ndarray | None = None,
) -> MilpSolution:
    """Solve ``problem`` with HiGHS.

    Parameters
    ----------
    problem : MilpProblem
    time_limit : float, optional
        Seconds; ``None`` means no limit.
    mip_rel_gap : float, default 0
        Relative gap at which HiGHS may stop. 0 asks for a proof of optimality
        (HiGHS still stops at its absolute gap of 1e-6).
    backend : {"auto", "highspy", "scipy"}
    start : numpy.ndarray, optional
        A feasible solution to start from (highspy only; ignored by scipy).
    """
    concrete = resolve_backend(backend)
    if concrete == "highspy":
        return _solve_highspy(problem, time_limit, mip_rel_gap, start)
    return _solve_scipy(problem, time_limit, mip_rel_gap)


@dataclass(frozen=True)
class LpSolution:
    """The LP relaxation: primal ``x``, row duals (sign as the backend reports them)."""

    status: str
    x: np.ndarray | None
    row_dual: np.ndarray | None
    objective: float


def solve_lp(
    problem: MilpProblem, *, time_limit: float | None = None, backend: str = "auto"
) -> LpSolution:
    """Solve the LP relaxation of ``problem`` (integrality dropped) and return its duals.

    Only rows of the form ``A x ≤ ub`` are supported (what the MCLP needs).
    """
    if not (np.isneginf(problem.row_lb).all() and np.isfinite(problem.row_ub).all()):
        raise ValueError("solve_lp supports only rows of the form A x <= ub")
    concrete = resolve_backend(backend)
    if concrete == "highspy":
        import highspy

        h = _highs(problem, time_limit, integer=False)
        h.setOptionValue("simplex_strategy", 4)  # primal simplex: ~3x faster than dual here
        h.run()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            return LpSolution("error", None, None, float("nan"))
        sol = h.getSolution()
        return LpSolution(
            "optimal",
            np.asarray(sol.col_value, dtype=np.float64),
            np.asarray(sol.row_dual, dtype=np.float64),
            float(h.getInfo().objective_function_value),
        )
    from scipy.optimize import linprog
    from scipy.sparse import csc_array

    n_row, n_col = problem.shape
    sign = -1.0 if problem.maximize else 1.0
    a = csc_array((problem.data, problem.indices, problem.indptr), shape=(n_row, n_col))
    options = {} if time_limit is None else {"time_limit": float(time_limit)}
    res = linprog(
        sign * problem.c,
        A_ub=a,
        b_ub=problem.row_ub,
        bounds=np.column_stack([problem.col_lb, problem.col_ub]),
        method="highs",
        options=options,
    )
    if res.status != 0:
        return LpSolution("error", None, None, float("nan"))
    return LpSolution(
        "optimal",
        np.asarray(res.x),
        np.asarray(res.ineqlin.marginals),
        sign * float(res.fun) + problem.offset,
    )


def _quiet_highs():
    """A HiGHS instance that writes nothing to stdout (``--json`` output stays pure JSON).

    ``highspy.Highs()`` (1.8+) installs its Python callbacks in its constructor,
    which logs HiGHS's banner ("Running HiGHS …") on stdout before any option
    can be set. The plain core object has no callbacks (none are used here), so
    ``output_flag`` is switched off before HiGHS says anything. Older highspy
    (no ``_core``) logs the banner only at the first call after construction,
    so switching the output off first is enough there.
    """
    import highspy

    core = getattr(getattr(highspy, "_core", None), "_Highs", None)
    h = core() if core is not None else highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("log_to_console", False)
    return h


def _highs(p: MilpProblem, time_limit: float | None, *, integer: bool = True):
    import highspy

    h = _quiet_highs()
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    n_row, n_col = p.shape
    sense = highspy.ObjSense.kMaximize if p.maximize else highspy.ObjSense.kMinimize
    h.passModel(
        n_col,
        n_row,
        len(p.data),
        int(highspy.MatrixFormat.kColwise),
        int(sense),
        float(p.offset),
        np.ascontiguousarray(p.c, dtype=np.float64),
        np.ascontiguousarray(p.col_lb, dtype=np.float64),
        np.ascontiguousarray(p.col_ub, dtype=np.float64),
        np.ascontiguousarray(p.row_lb, dtype=np.float64),
        np.ascontiguousarray(p.row_ub, dtype=np.float64),
        np.ascontiguousarray(p.indptr, dtype=np.int32),
        np.ascontiguousarray(p.indices, dtype=np.int32),
        np.ascontiguousarray(p.data, dtype=np.float64),
        np.ascontiguousarray(p.integer if integer else np.zeros(n_col), dtype=np.int32),
    )
    return h


def _solve_highspy(
    p: MilpProblem, time_limit: float | None, mip_rel_gap: float, start: np.ndarray | None
) -> MilpSolution:
    import highspy

    h = _highs(p, time_limit)
    h.setOptionValue("mip_rel_gap", float(mip_rel_gap))
    n_col = p.shape[1]
    if start is not None:
        idx = np.arange(n_col, dtype=np.int32)
        h.setSolution(n_col, idx, np.ascontiguousarray(start, dtype=np.float64))
    h.run()
    ms = h.getModelStatus()
    info = h.getInfo()
    has_x = int(info.primal_solution_status) == 2  # kSolutionStatusFeasible
    if ms == highspy.HighsModelStatus.kOptimal:
        status = "optimal"
    elif ms == highspy.HighsModelStatus.kInfeasible:
        status = "infeasible"
    elif ms in (highspy.HighsModelStatus.kTimeLimit, highspy.HighsModelStatus.kInterrupt) and has_x:
        status = "time_limit"
    else:
        status = "error"
    x = np.asarray(h.getSolution().col_value, dtype=np.float64) if has_x else None
    return MilpSolution(
        status=status,
        x=x,
        objective=float(info.objective_function_value) if has_x else float("nan"),
        gap=float(info.mip_gap) if has_x else float("inf"),
        backend="highspy",
        message=h.modelStatusToString(ms),
    )


def _solve_scipy(p: MilpProblem, time_limit: float | None, mip_rel_gap: float) -> MilpSolution:
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csc_array

    n_row, n_col = p.shape
    sign = -1.0 if p.maximize else 1.0
    options: dict[str, float | bool] = {"mip_rel_gap": float(mip_rel_gap), "disp": False}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    constraints = []
    if n_row:
        a = csc_array((p.data, p.indices, p.indptr), shape=(n_row, n_col))
        constraints.append(LinearConstraint(a, p.row_lb, p.row_ub))
    res = milp(
        sign * np.asarray(p.c, dtype=np.float64),
        integrality=np.asarray(p.integer, dtype=np.uint8),
        bounds=Bounds(p.col_lb, p.col_ub),
        constraints=constraints,
        options=options,
    )
    has_x = res.x is not None
    status = {0: "optimal", 2: "infeasible"}.get(res.status, "time_limit" if has_x else "error")
    gap = getattr(res, "mip_gap", None)
    return MilpSolution(
        status=status,
        x=np.asarray(res.x, dtype=np.float64) if has_x else None,
        objective=sign * float(res.fun) + p.offset if has_x else float("nan"),
        gap=float(gap) if gap is not None and has_x else (0.0 if has_x else float("inf")),
        backend="scipy",
        message=str(res.message),
    )
