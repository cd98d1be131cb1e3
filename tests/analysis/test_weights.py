"""Village weights: queen contiguity, the k-nearest fallback for islands, derived matrices."""

import geopandas as gpd
import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy import sparse
from shapely.geometry import Point, box

from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.analysis.weights import VillageWeights, village_weights

X0, Y0 = 460_000, 9_270_000  # UTM 49S, near Jepara


def grid_with_island() -> gpd.GeoDataFrame:
    """3 × 3 squares of 1 km ("g<col><row>") and an island square "isl" 3 km east.

    Island centroid (X0 + 5500, Y0 + 1700); distances to the east column's
    centroids: g21 √(3000² + 200²) = 3007 m, g22 √(3000² + 800²) = 3105 m,
    g20 √(3000² + 1200²) = 3231 m, so k = 2 gives g21 and g22.
    """
    codes, geoms = [], []
    for i in range(3):
        for j in range(3):
            codes.append(f"g{i}{j}")
            geoms.append(
                box(X0 + 1000 * i, Y0 + 1000 * j, X0 + 1000 * (i + 1), Y0 + 1000 * (j + 1))
            )
    codes.append("isl")
    geoms.append(box(X0 + 5000, Y0 + 1200, X0 + 6000, Y0 + 2200))
    return gpd.GeoDataFrame({"kode": codes}, geometry=geoms, crs="EPSG:32749")


def neighbours_of(w: VillageWeights, code: str) -> set[str]:
    i = list(w.ids).index(code)
    m = w.neighbours
    return set(w.ids[m.indices[m.indptr[i] : m.indptr[i + 1]]])


def test_queen_contiguity_on_a_grid():
    w = village_weights(grid_with_island(), k=2)
    assert list(w.ids) == [f"g{i}{j}" for i in range(3) for j in range(3)] + ["isl"]
    assert neighbours_of(w, "g00") == {"g01", "g10", "g11"}  # g11 touches at a corner only
    assert neighbours_of(w, "g11") == {f"g{i}{j}" for i in range(3) for j in range(3)} - {"g11"}
    assert neighbours_of(w, "g21") == {"g10", "g11", "g12", "g20", "g22"}
    assert_array_equal(w.cardinalities[:9], [3, 5, 3, 5, 8, 5, 3, 5, 3])


def test_island_gets_k_nearest_by_centroid_not_symmetrised():
    w = village_weights(grid_with_island(), k=2)
    assert neighbours_of(w, "isl") == {"g21", "g22"}
    assert "isl" not in neighbours_of(w, "g21")  # mainland rows keep their contiguity only
    assert_array_equal(w.knn, [False] * 9 + [True])
    assert neighbours_of(village_weights(grid_with_island(), k=3), "isl") == {"g20", "g21", "g22"}
    # the same in WGS 84: distances are still measured in the UTM zone
    wgs = grid_with_island().to_crs("EPSG:4326")
    assert neighbours_of(village_weights(wgs, k=2), "isl") == {"g21", "g22"}


def test_derived_matrices():
    w = village_weights(grid_with_island(), k=2)
    r = w.row_standardised()
    assert_allclose(r.sum(axis=1), 1.0)
    assert_allclose(r[[0]].toarray()[0][[1, 3, 4]], 1 / 3)
    b = w.binary(self_weight=True)
    assert_allclose(b.diagonal(), 1.0)
    assert (b - w.neighbours - sparse.eye_array(w.n)).count_nonzero() == 0
    assert w.binary().diagonal().sum() == 0
    with pytest.raises(ValueError):
        w.neighbours.data[0] = 5.0  # read-only: derive, never mutate


def test_from_sparse_binarises_and_drops_the_diagonal():
    m = sparse.csr_array(np.array([[3.0, 0.5, 0], [0.5, 1, 2], [0, 2, 0]]))
    w = VillageWeights.from_sparse(["a", "b", "c"], m)
    assert_array_equal(w.neighbours.toarray(), [[0, 1, 0], [1, 0, 1], [0, 1, 0]])
    with pytest.raises(HotspotError, match="unique"):
        VillageWeights.from_sparse(["a", "a", "c"], m)


def test_jepara_karimunjawa_islands(jepara):
    w = village_weights(jepara.villages)
    assert w.n == 195
    karimunjawa = sorted(c for c in w.ids if c.startswith("33.20.10."))
    assert sorted(w.ids[w.knn]) == karimunjawa and len(karimunjawa) == 4
    for code in karimunjawa:
        near = neighbours_of(w, code)
        assert len(near) == 4 and set(karimunjawa) - {code} <= near
    mainland = ~w.knn
    m = w.neighbours.toarray()[np.ix_(mainland, mainland)]
    assert_array_equal(m, m.T)
    assert w.cardinalities.min() >= 2


@pytest.mark.parametrize(
    "change, match",
    [
        (lambda g: g.rename(columns={"kode": "code"}), "no column 'kode'"),
        (lambda g: g.set_crs(None, allow_override=True), "no CRS"),
        (lambda g: g.assign(kode=["x"] * len(g)), "repeated: x"),
        (
            lambda g: g.set_geometry([Point(X0, Y0)] + list(g.geometry[1:]), crs=g.crs),
            "not a polygon: g00",
        ),
        (lambda g: g.iloc[:1], "at least 2 villages"),
    ],
)
def test_bad_villages_raise(change, match):
    with pytest.raises(HotspotError, match=match):
        village_weights(change(grid_with_island()))


@pytest.mark.parametrize("k", [0, -1, 2.5, True])
def test_bad_k_raises(k):
    with pytest.raises(HotspotError, match="k must be a whole number"):
        village_weights(grid_with_island(), k=k)
