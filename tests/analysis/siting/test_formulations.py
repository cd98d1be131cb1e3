"""Set reductions behind the covering models (analysis/siting/formulations.py)."""

import numpy as np

from ilp_dash.analysis.siting import formulations


def test_group_identical_and_strict_subsets():
    # sets: {0,1}, {2}, {0,1}, {0,1,2}, {}
    indptr = np.array([0, 2, 3, 5, 8, 8])
    items = np.array([0, 1, 2, 0, 1, 0, 1, 2])
    assert formulations.group_identical(indptr, items, 3).tolist() == [0, 1, 0, 2, 3]
    # distinct sets {0,1}, {2}, {0,1,2}: both small ones are strict subsets of the last
    a, b = formulations.strict_subsets(np.array([0, 2, 3, 6]), np.array([0, 1, 2, 0, 1, 2]), 3)
    assert sorted(zip(a.tolist(), b.tolist())) == [(0, 2), (1, 2)]


def test_reduce_cover_merges_rows_and_drops_dominated_columns():
    # rows 0 and 1 have the same set {0, 1} → one row of weight 3; column 0 ⊂ column 1 → dropped
    row = np.array([0, 0, 1, 1, 2])
    col = np.array([0, 1, 0, 1, 1])
    red = formulations.reduce_cover(row, col, np.array([1.0, 2.0, 4.0]), 2, superset_rows=False)
    assert red.cols.tolist() == [1]
    assert red.row_weight.sum() == 7 and red.n_rows == 1
