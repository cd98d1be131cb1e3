"""Results, errors and input checks shared by the siting models (:mod:`ilp_dash.analysis.siting.models`)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import asdict, dataclass

import numpy as np

from ilp_dash.analysis.siting.solver import MilpSolution


class SitingError(ValueError):
    """Bad input or an infeasible siting model; the message is Bahasa Indonesia / English.

    ``ids`` holds the demand or candidate ids the problem is about (may be empty).
    """

    def __init__(self, message_id: str, message_en: str, ids: Sequence[Hashable] = ()) -> None:
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en
        self.ids = tuple(ids)


@dataclass(frozen=True)
class SitingResult:
    """The solution of one siting model.

    Attributes
    ----------
    model : {"mclp", "lscp", "pmedian"}
    selected : tuple
        Candidate ids of the open bases (fixed ones included), in candidate
        order. MCLP may return fewer than ``k`` when more bases add no
        coverage.
    covered_weight, total_weight : float
        Weight within ``minutes`` of an open base, and all weight.
    objective : float
        MCLP: covered weight. LSCP: number of bases. p-median: Σ weight ×
        minutes to the nearest open base (what spopt reports for each model).
    status : {"optimal", "time_limit", "impossible"}
        ``"impossible"`` (LSCP only): some demand points cannot be reached
        within ``minutes`` by any candidate — they are in ``unreachable`` and
        ``selected`` is the smallest set covering all the others.
    gap : float
        Relative MIP gap reported by HiGHS (0 when proven optimal).
    seconds : float
        Wall time of the call (reduction, solve and read-back).
    unreachable : tuple
        Demand ids that no candidate reaches within ``minutes`` (p-median: at all).
    assignment : tuple or None
        p-median: the nearest open base's id for each demand point (``None`` if
        no open base reaches it).
    reduced_shape : tuple of int
        ``(rows, columns)`` left after the reductions (0, 0 when no solve was needed).
    """

    model: str
    selected: tuple
    covered_weight: float
    total_weight: float
    objective: float
    status: str
    gap: float
    seconds: float
    k: int | None = None
    minutes: float | None = None
    fixed: tuple = ()
    unreachable: tuple = ()
    assignment: tuple | None = None
    backend: str = ""
    reduced_shape: tuple[int, int] = (0, 0)

    @property
    def covered_share(self) -> float:
        """Covered weight ÷ total weight (NaN when the total is 0)."""
        return self.covered_weight / self.total_weight if self.total_weight else float("nan")

    @property
    def mean_minutes(self) -> float:
        """p-median: weight-averaged minutes to the nearest open base."""
        if self.model != "pmedian" or not self.total_weight:
            return float("nan")
        return self.objective / self.total_weight

    @property
    def message(self) -> str:
        """A one-line, bilingual reading of the result."""
        if self.status == "impossible":
            shown = ", ".join(map(str, self.unreachable[:10]))
            more = f" (+{len(self.unreachable) - 10})" if len(self.unreachable) > 10 else ""
            return (
                f"Tidak mungkin: {len(self.unreachable)} desa tidak terjangkau dalam "
                f"{self.minutes:g} menit dari kandidat mana pun / impossible: these villages "
                f"cannot be reached within {self.minutes:g} minutes: {shown}{more}"
            )
        return (
            f"{len(self.selected)} pangkalan / bases, {self.covered_share:.1%} bobot terjangkau "
            f"/ weight covered ({self.status})"
        )

    def to_dict(self) -> dict:
        """JSON-ready dict (numpy scalars turned into Python ones)."""
        out = asdict(self)
        for key in ("selected", "fixed", "unreachable", "assignment"):
            if out[key] is not None:
                out[key] = [plain(v) for v in out[key]]
        out["reduced_shape"] = list(self.reduced_shape)
        return out


@dataclass(frozen=True)
class CoverageCurve:
    """Covered weight against the number of bases (each point an exact MCLP optimum)."""

    k: tuple[int, ...]
    covered_weight: tuple[float, ...]
    selected: tuple[tuple, ...]
    status: tuple[str, ...]
    total_weight: float
    coverable_weight: float
    minutes: float
    seconds: float

    @property
    def marginal_gain(self) -> tuple[float, ...]:
        """Extra weight covered by each added base (the first point counts from 0)."""
        prev = (0.0,) + self.covered_weight[:-1]
        return tuple(b - a for a, b in zip(prev, self.covered_weight))


def plain(value):
    return value.item() if isinstance(value, np.generic) else value


# ---------------------------------------------------------------- validation
@dataclass(frozen=True)
class Instance:
    cost: np.ndarray
    weights: np.ndarray
    demand_ids: tuple
    candidate_ids: tuple
    fixed: np.ndarray  # boolean mask over candidates


def _ids(given, fallback, n: int, what: str) -> tuple:
    ids = (
        tuple(given)
        if given is not None
        else (tuple(fallback) if fallback is not None else tuple(range(n)))
    )
    if len(ids) != n:
        raise SitingError(
            f"jumlah id {what} ({len(ids)}) tidak sama dengan ukuran matriks ({n})",
            f"{len(ids)} {what} ids given for a matrix dimension of {n}",
        )
    if len(set(ids)) != n:
        seen, dup = set(), []
        for i in ids:
            (dup.append(i) if i in seen else seen.add(i))
        raise SitingError(f"id {what} ganda: {dup[:5]}", f"duplicate {what} ids: {dup[:5]}", dup)
    return ids


def instance(cost, weights, demand_ids, candidate_ids, fixed) -> Instance:
    # a DataFrame's labels become ids (lists have an .index *method*: ignore callables)
    index, columns = getattr(cost, "index", None), getattr(cost, "columns", None)
    if callable(index) or callable(columns) or index is None or columns is None:
        index = columns = None
    c = np.asarray(cost, dtype=np.float64)
    if c.ndim != 2 or c.shape[0] == 0 or c.shape[1] == 0:
        raise SitingError(
            f"matriks biaya harus 2-D dan tidak kosong, bentuknya {c.shape}",
            f"the cost matrix must be 2-D and non-empty, got shape {c.shape}",
        )
    if np.isnan(c).any():
        raise SitingError(
            "matriks biaya berisi NaN; pakai inf untuk pasangan yang tak terjangkau",
            "the cost matrix contains NaN; use inf for unreachable pairs",
        )
    if (c < 0).any():
        raise SitingError(
            "matriks biaya berisi nilai negatif", "the cost matrix has negative values"
        )
    n, m = c.shape
    if weights is None:
        w = np.ones(n)
    else:
        w = np.asarray(weights, dtype=np.float64)
        if w.shape != (n,):
            raise SitingError(
                f"bobot harus berisi {n} angka (satu per titik permintaan), bentuknya {w.shape}",
                f"weights must hold {n} numbers (one per demand point), got shape {w.shape}",
            )
        if not np.isfinite(w).all() or (w < 0).any():
            raise SitingError(
                "bobot harus angka terhingga dan tidak negatif",
                "weights must be finite and non-negative",
            )
    d_ids = _ids(demand_ids, index, n, "permintaan/demand")
    c_ids = _ids(candidate_ids, columns, m, "kandidat/candidate")
    mask = np.zeros(m, dtype=bool)
    if fixed:
        position = {cid: j for j, cid in enumerate(c_ids)}
        unknown = [f for f in fixed if f not in position]
        if unknown:
            raise SitingError(
                f"pangkalan tetap tidak ada di daftar kandidat: {unknown}",
                f"fixed bases not among the candidates: {unknown}",
                unknown,
            )
        mask[[position[f] for f in fixed]] = True
    return Instance(c, w, d_ids, c_ids, mask)


def check_k(k: int, n_fixed: int) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise SitingError(
            f"k harus bilangan bulat ≥ 1, bukan {k!r}", f"k must be an integer ≥ 1, got {k!r}"
        )
    if n_fixed > k:
        raise SitingError(
            f"{n_fixed} pangkalan tetap melebihi k = {k} (pangkalan tetap dihitung dalam k)",
            f"{n_fixed} fixed bases exceed k = {k} (fixed bases count within k)",
        )
    return int(k)


def check_minutes(minutes: float) -> float:
    if (
        not isinstance(minutes, (int, float, np.integer, np.floating))
        or not np.isfinite(minutes)
        or minutes < 0
    ):
        raise SitingError(
            f"batas waktu harus angka ≥ 0, bukan {minutes!r}",
            f"minutes must be a number ≥ 0, got {minutes!r}",
        )
    return float(minutes)


def raise_unsolved(sol: MilpSolution, what_id: str, what_en: str) -> None:
    if sol.status == "infeasible":
        raise SitingError(f"model tidak layak: {what_id}", f"infeasible model: {what_en}")
    if sol.x is None:
        raise SitingError(
            f"HiGHS tidak menemukan solusi ({sol.message})",
            f"HiGHS found no solution ({sol.message}); try a longer time_limit",
        )


def covered_mask(cost: np.ndarray, open_mask: np.ndarray, minutes: float) -> np.ndarray:
    if not open_mask.any():
        return np.zeros(cost.shape[0], dtype=bool)
    return (cost[:, open_mask] <= minutes).any(axis=1)
