"""Sparse MILP formulations (and their reductions) behind :mod:`ilp_dash.analysis.siting.models`.

Everything here is vectorised numpy on coverage *pairs* (demand row, candidate
column) taken from the cost matrix; there is no Python loop over pairs. The
public entry points live in :mod:`ilp_dash.analysis.siting.models`; the exact MCLP
driver (Lagrangian fixing, restricted solves) in :mod:`ilp_dash.analysis.siting.mclp`.

Reductions (each one keeps at least one optimal solution, so the optimum value
is unchanged):

* **demand rows** with the same coverage set are merged, weights summed; rows
  no candidate reaches are set aside; MCLP drops zero-weight rows and rows a
  fixed base already covers; LSCP drops a row whose set is a strict superset of
  another row's (covering the smaller set covers it).
* **candidate columns** with the same coverage set are merged (lowest index
  kept); a column whose set is a strict subset of another column's is dropped
  (swapping it for its superset never loses coverage). This is safe because
  MCLP uses ``Σ y ≤ K`` (not ``= K``) and LSCP minimises the count.
* **singleton rows** (covered by one column only) of the MCLP become objective
  weight on that column instead of a row and a variable.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ilp_dash.analysis.siting.solver import MilpProblem

PAIR_BUDGET = 6_000_000
"""Largest number of set pairs enumerated by :func:`strict_subsets` (memory ≈ 16 B each)."""

_HASH_SEED = 0x1D5_2024


# ---------------------------------------------------------------- set utilities
def _csr(owner: np.ndarray, item: np.ndarray, n_owner: int) -> tuple[np.ndarray, np.ndarray]:
    """CSR (indptr, items) of ``item`` grouped by ``owner``; items sorted within owner."""
    order = np.lexsort((item, owner))
    indptr = np.zeros(n_owner + 1, dtype=np.int64)
    np.cumsum(np.bincount(owner, minlength=n_owner), out=indptr[1:])
    return indptr, item[order]


def group_identical(indptr: np.ndarray, items: np.ndarray, n_items: int) -> np.ndarray:
    """Group id (0…g-1, in order of first appearance) of each set, equal sets sharing one.

    Sets are hashed with two independent random 64-bit sums; every member of a
    group is then compared item by item with the group's first set, so a hash
    collision can only cost a merge, never create a wrong one.
    """
    n_sets = len(indptr) - 1
    if n_sets == 0:
        return np.zeros(0, dtype=np.int64)
    rng = np.random.default_rng(_HASH_SEED)
    keys = rng.integers(1, np.iinfo(np.int64).max, size=(2, n_items), dtype=np.int64).view(
        np.uint64
    )
    sizes = np.diff(indptr)
    owner = np.repeat(np.arange(n_sets), sizes)
    h = np.zeros((3, n_sets), dtype=np.uint64)
    h[0] = sizes.astype(np.uint64)
    with np.errstate(over="ignore"):
        np.add.at(h[1], owner, keys[0][items])
        np.add.at(h[2], owner, keys[1][items])
    _, first, inverse = np.unique(h, axis=1, return_index=True, return_inverse=True)
    inverse = inverse.ravel()
    rep = first[inverse]  # first set with the same hash
    # verify item by item (sizes are equal when hashes are)
    pos = np.arange(len(items)) - indptr[owner]
    same = items == items[indptr[rep[owner]] + pos]
    bad = np.unique(owner[~same])
    group = inverse.copy()
    if len(bad):  # hash collision: give the colliding sets groups of their own
        group[bad] = group.max() + 1 + np.arange(len(bad))
    # renumber in order of first appearance
    _, first_seen, dense = np.unique(group, return_index=True, return_inverse=True)
    rank = np.empty(len(first_seen), dtype=np.int64)
    rank[np.argsort(first_seen, kind="stable")] = np.arange(len(first_seen))
    return rank[dense.ravel()]


def strict_subsets(
    indptr: np.ndarray, items: np.ndarray, n_items: int, *, budget: int = PAIR_BUDGET
) -> tuple[np.ndarray, np.ndarray] | None:
    """Pairs ``(a, b)`` of sets with ``set a ⊊ set b`` (sets assumed pairwise distinct).

    Overlaps are counted from the pairs of sets sharing an item, so the work is
    ``Σ (sets containing item)²``; ``None`` when that exceeds ``budget``.
    """
    n_sets = len(indptr) - 1
    sizes = np.diff(indptr)
    owner = np.repeat(np.arange(n_sets), sizes)
    t_ptr, t_sets = _csr(items, owner, n_items)  # sets containing each item
    deg = np.diff(t_ptr)
    if int((deg.astype(np.int64) ** 2).sum()) > budget:
        return None
    per_entry = np.repeat(deg, deg)  # for each entry of t_sets: its item's degree
    first = np.repeat(t_sets, per_entry)
    start = np.repeat(np.repeat(t_ptr[:-1], deg), per_entry)
    run_start = np.repeat(np.cumsum(per_entry) - per_entry, per_entry)
    second = t_sets[start + np.arange(len(first)) - run_start]
    keep = first != second
    first, second = first[keep], second[keep]
    if n_sets * n_sets <= 16_000_000:
        counts = np.bincount(first * n_sets + second, minlength=n_sets * n_sets)
        key = np.flatnonzero(counts)
        counts = counts[key]
    else:
        key, counts = np.unique(first.astype(np.int64) * n_sets + second, return_counts=True)
    a, b = key // n_sets, key % n_sets
    sub = (counts == sizes[a]) & (sizes[a] < sizes[b])
    return a[sub], b[sub]


# ---------------------------------------------------------------- coverage models
@dataclass(frozen=True)
class CoverReduction:
    """A reduced covering instance: row sets over the kept candidate columns.

    ``cols`` maps model column → original candidate index; ``row_ptr``/``row_cols``
    hold each reduced row's set (model column numbers); ``row_weight`` the
    merged weights.
    """

    cols: np.ndarray
    row_ptr: np.ndarray
    row_cols: np.ndarray
    row_weight: np.ndarray

    @property
    def n_rows(self) -> int:
        return len(self.row_ptr) - 1


def _merge_rows(row: np.ndarray, col: np.ndarray, weight: np.ndarray, n_cols: int):
    """Merge rows with identical sets: returns (row_ptr, row_cols, weights)."""
    used, row = np.unique(row, return_inverse=True)
    ptr, items = _csr(row, col, len(used))
    group = group_identical(ptr, items, n_cols)
    n_groups = int(group.max()) + 1 if len(group) else 0
    w = np.bincount(group, weights=weight[used], minlength=n_groups)
    _, first = np.unique(group, return_index=True)  # groups are numbered by first row
    sizes = np.diff(ptr)[first]
    new_ptr = np.zeros(n_groups + 1, dtype=np.int64)
    np.cumsum(sizes, out=new_ptr[1:])
    gather = np.repeat(ptr[first], sizes) + np.arange(new_ptr[-1]) - np.repeat(new_ptr[:-1], sizes)
    return new_ptr, items[gather], w


def _drop_dominated_columns(row_ptr, row_cols, n_cols: int) -> np.ndarray:
    """Boolean mask of columns to keep: no duplicates, no strict subsets, no empty ones."""
    n_rows = len(row_ptr) - 1
    owner = np.repeat(np.arange(n_rows), np.diff(row_ptr))
    c_ptr, c_rows = _csr(row_cols, owner, n_cols)
    keep = np.diff(c_ptr) > 0
    group = group_identical(c_ptr, c_rows, n_rows)
    _, first = np.unique(group, return_index=True)
    dup = np.ones(n_cols, dtype=bool)
    dup[first] = False
    keep &= ~dup
    idx = np.flatnonzero(keep)
    sizes = np.diff(c_ptr)[idx]
    sub_ptr = np.zeros(len(idx) + 1, dtype=np.int64)
    np.cumsum(sizes, out=sub_ptr[1:])
    gather = np.repeat(c_ptr[idx], sizes) + np.arange(sub_ptr[-1]) - np.repeat(sub_ptr[:-1], sizes)
    pairs = strict_subsets(sub_ptr, c_rows[gather], n_rows)
    if pairs is not None:
        keep[idx[pairs[0]]] = False
    return keep


def reduce_cover(
    row: np.ndarray, col: np.ndarray, weight: np.ndarray, n_cols: int, *, superset_rows: bool
) -> CoverReduction:
    """Reduce covering pairs ``(row, col)`` (rows with positive/any weight, no fixed).

    ``superset_rows`` (LSCP only) also drops rows that strictly contain another
    row's set. Two passes of row/column reduction are made.
    """
    cols = np.arange(n_cols)
    w = np.asarray(weight, dtype=np.float64)
    for _ in range(2):
        ptr, items, w = _merge_rows(row, col, w, len(cols))
        if superset_rows:
            pairs = strict_subsets(ptr, items, len(cols))
            if pairs is not None and len(pairs[1]):
                keep_row = np.ones(len(ptr) - 1, dtype=bool)
                keep_row[pairs[1]] = False
                sizes = np.diff(ptr)
                mask = np.repeat(keep_row, sizes)
                items = items[mask]
                w = w[keep_row]
                ptr = np.concatenate(([0], np.cumsum(sizes[keep_row])))
        keep = _drop_dominated_columns(ptr, items, len(cols))
        new_id = np.cumsum(keep) - 1
        owner = np.repeat(np.arange(len(ptr) - 1), np.diff(ptr))
        on = keep[items]
        row, col = owner[on], new_id[items[on]]
        cols = cols[keep]
    ptr, items, w = _merge_rows(row, col, w, len(cols))
    return CoverReduction(cols=cols, row_ptr=ptr, row_cols=items, row_weight=w)


def csc_arrays(row: np.ndarray, col: np.ndarray, val: np.ndarray, n_cols: int):
    """CSC ``(indptr, indices, data)`` from COO triplets (rows sorted within each column)."""
    order = np.lexsort((row, col))
    indptr = np.zeros(n_cols + 1, dtype=np.int64)
    np.cumsum(np.bincount(col, minlength=n_cols), out=indptr[1:])
    return indptr, row[order], val[order]


def mclp_problem(red: CoverReduction, k_free: int, *, offset: float = 0.0) -> MilpProblem:
    """``max Σ c_j y_j + Σ w_i z_i``, ``z_i ≤ Σ_{j∈S_i} y_j``, ``Σ y ≤ k_free``.

    Variables: ``y`` (one binary per kept column) then ``z`` (one continuous
    ``[0, 1]`` per reduced row with two or more columns). Rows covered by a
    single column add their weight to that column's ``c_j`` instead.
    """
    m = len(red.cols)
    sizes = np.diff(red.row_ptr)
    owner = np.repeat(np.arange(red.n_rows), sizes)
    single = sizes == 1
    c_y = np.bincount(red.row_cols[single[owner]], weights=red.row_weight[single], minlength=m)
    multi = np.flatnonzero(~single)
    r = len(multi)
    new_row = np.full(red.n_rows, -1)
    new_row[multi] = np.arange(r)
    on = ~single[owner]
    y_rows, y_cols = new_row[owner[on]], red.row_cols[on]
    rows = np.concatenate([y_rows, np.full(m, r), np.arange(r)])
    cols = np.concatenate([y_cols, np.arange(m), m + np.arange(r)])
    vals = np.concatenate([-np.ones(len(y_rows)), np.ones(m), np.ones(r)])
    indptr, indices, data = csc_arrays(rows, cols, vals, m + r)
    return MilpProblem(
        c=np.concatenate([c_y, red.row_weight[multi]]),
        col_lb=np.zeros(m + r),
        col_ub=np.ones(m + r),
        integer=np.concatenate([np.ones(m, dtype=np.int32), np.zeros(r, dtype=np.int32)]),
        indptr=indptr,
        indices=indices,
        data=data,
        row_lb=np.full(r + 1, -np.inf),
        row_ub=np.concatenate([np.zeros(r), [float(k_free)]]),
        maximize=True,
        offset=offset,
    )


def lscp_problem(red: CoverReduction) -> MilpProblem:
    """``min Σ y_j`` s.t. ``Σ_{j∈S_i} y_j ≥ 1`` for every reduced row."""
    m = len(red.cols)
    owner = np.repeat(np.arange(red.n_rows), np.diff(red.row_ptr))
    indptr, indices, data = csc_arrays(owner, red.row_cols, np.ones(len(owner)), m)
    return MilpProblem(
        c=np.ones(m),
        col_lb=np.zeros(m),
        col_ub=np.ones(m),
        integer=np.ones(m, dtype=np.int32),
        indptr=indptr,
        indices=indices,
        data=data,
        row_lb=np.ones(red.n_rows),
        row_ub=np.full(red.n_rows, np.inf),
    )
