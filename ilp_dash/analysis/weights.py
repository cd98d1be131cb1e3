"""Spatial weights for village polygons: queen contiguity with a k-nearest fallback.

The rule
--------
1. Two villages are neighbours when their polygons share at least one boundary
   point (*queen* contiguity, built with
   :meth:`libpysal.graph.Graph.build_contiguity` on shared vertices, which
   suits the topologically clean Kemendagri/BIG village coverages).
2. A village with **no** contiguous neighbour (an island, e.g. Jepara's
   Karimunjawa villages ``33.20.10.*``) gets its ``k`` nearest villages
   (default 4) by distance between polygon centroids, measured in the local
   UTM zone (:func:`ilp_dash.io.wilayah_source.utm_crs_for`). Ties are broken
   by the villages' order.
3. The fallback is **not** symmetrised: the k neighbours of an island are
   added to the island's row only, so a mainland village keeps exactly its
   contiguous neighbours. (A group of islands touching one another — a
   connected component of its own — keeps its contiguity and gets no
   fallback.)

The result is a plain structure, :class:`VillageWeights`: the village codes and
a binary ``scipy.sparse`` CSR matrix with a zero diagonal (row ``i`` lists the
neighbours of village ``i``). The statistics derive what they need from it:
:meth:`VillageWeights.row_standardised` (each row sums to 1, Local Moran) and
:meth:`VillageWeights.binary` with ``self_weight=True`` (1 on the diagonal,
Getis-Ord Gi*, as esda's ``G_Local(star=True, transform="B")``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from ilp_dash.analysis.smoothing import HotspotError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["VillageWeights", "village_weights"]


@dataclass(frozen=True)
class VillageWeights:
    """Binary neighbour structure of villages, rows aligned with ``ids``.

    Attributes
    ----------
    ids : numpy.ndarray
        Village codes (``kode``), one per row.
    neighbours : scipy.sparse.csr_array
        ``n × n`` binary matrix, zero diagonal; ``neighbours[i, j] == 1`` when
        ``j`` is a neighbour of ``i``. Read-only: derive new matrices with the
        methods below.
    knn : numpy.ndarray
        Boolean per village: its neighbours come from the k-nearest fallback.
    k : int
        The ``k`` used for the fallback.
    """

    ids: np.ndarray
    neighbours: sparse.csr_array
    knn: np.ndarray
    k: int

    def __post_init__(self) -> None:
        n = len(self.ids)
        if self.neighbours.shape != (n, n):
            raise HotspotError(f"neighbour matrix is {self.neighbours.shape}, expected ({n}, {n})")
        if len(self.knn) != n:
            raise HotspotError(f"knn flags have length {len(self.knn)}, expected {n}")
        for arr in (
            self.ids,
            self.knn,
            self.neighbours.data,
            self.neighbours.indices,
            self.neighbours.indptr,
        ):
            arr.flags.writeable = False

    @classmethod
    def from_sparse(
        cls, ids: np.ndarray | list[str], matrix: sparse.sparray | sparse.spmatrix
    ) -> VillageWeights:
        """Wrap any square sparse neighbour matrix (non-zero = neighbour; diagonal ignored)."""
        ids = np.asarray(ids, dtype=object)
        m = sparse.csr_array(matrix, dtype=float)
        if m.shape != (len(ids), len(ids)):
            raise HotspotError(f"matrix is {m.shape} but there are {len(ids)} ids")
        if len(set(ids.tolist())) != len(ids):
            raise HotspotError("village ids must be unique")
        m = m.tolil()
        m.setdiag(0)
        m = sparse.csr_array(m)
        m.eliminate_zeros()
        m.data[:] = 1.0
        m.sort_indices()
        return cls(ids, m, np.zeros(len(ids), dtype=bool), 0)

    @property
    def n(self) -> int:
        """Number of villages."""
        return len(self.ids)

    @property
    def cardinalities(self) -> np.ndarray:
        """Number of neighbours of each village (self excluded)."""
        return np.diff(self.neighbours.indptr)

    def binary(self, *, self_weight: bool = False) -> sparse.csr_array:
        """A new binary matrix; ``self_weight=True`` puts 1 on the diagonal (Gi*)."""
        m = self.neighbours.copy()
        if self_weight:
            m = sparse.csr_array(m + sparse.eye_array(self.n, format="csr"))
            m.sort_indices()
        return m

    def row_standardised(self) -> sparse.csr_array:
        """A new matrix whose rows sum to 1 (rows of villages without neighbours stay 0)."""
        card = self.cardinalities.astype(float)
        scale = np.divide(1.0, card, out=np.zeros_like(card), where=card > 0)
        return sparse.csr_array(sparse.diags_array(scale) @ self.neighbours)


def _projected_centroids(villages: gpd.GeoDataFrame) -> np.ndarray:
    from ilp_dash.io.wilayah_source import utm_crs_for

    geo = villages.geometry
    minx, miny, maxx, maxy = geo.to_crs("EPSG:4326").total_bounds
    utm = utm_crs_for((minx + maxx) / 2, (miny + maxy) / 2)
    c = geo.to_crs(utm).centroid
    return np.column_stack([c.x.to_numpy(), c.y.to_numpy()])


def _check_villages(villages: gpd.GeoDataFrame, code_column: str) -> np.ndarray:
    if code_column not in villages.columns:
        raise HotspotError(
            f"villages have no column {code_column!r}; columns: {list(villages.columns)}"
        )
    if villages.crs is None:
        raise HotspotError("villages have no CRS: set it (e.g. EPSG:4326) before building weights")
    if len(villages) < 2:
        raise HotspotError(f"need at least 2 villages to build neighbours, got {len(villages)}")
    ids = villages[code_column].astype(str).to_numpy(dtype=object)
    dup = villages[code_column][villages[code_column].duplicated()].astype(str).unique()
    if len(dup):
        raise HotspotError(f"village codes must be unique; repeated: {', '.join(dup[:5])}")
    geom = villages.geometry
    bad = geom.isna() | geom.is_empty | ~geom.geom_type.isin(["Polygon", "MultiPolygon"])
    if bad.any():
        first = ", ".join(ids[bad.to_numpy()][:5])
        raise HotspotError(f"villages need polygon geometries; not a polygon: {first}")
    return ids


def village_weights(
    villages: gpd.GeoDataFrame, *, k: int = 4, code_column: str = "kode"
) -> VillageWeights:
    """Queen contiguity of village polygons, with ``k`` nearest villages for islands.

    Parameters
    ----------
    villages : geopandas.GeoDataFrame
        Village polygons in any CRS, one row per village.
    k : int, default 4
        Neighbours given (by centroid distance, local UTM zone) to a village
        that touches no other village. Capped at ``n - 1``.
    code_column : str, default "kode"
        Column holding the village code.

    Returns
    -------
    VillageWeights
        Rows in the order of ``villages``.

    Raises
    ------
    HotspotError
        On a missing code column or CRS, repeated codes, non-polygon
        geometries, fewer than 2 villages, or ``k < 1``.
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise HotspotError(f"k must be a whole number of at least 1, got {k!r}")
    ids = _check_villages(villages, code_column)
    from libpysal.graph import Graph

    geoms = villages.geometry.reset_index(drop=True)
    graph = Graph.build_contiguity(geoms, rook=False, strict=False)
    contig = sparse.csr_array(graph.sparse, dtype=float)  # rows follow geoms' RangeIndex
    contig.setdiag(0)
    contig.eliminate_zeros()
    card = np.diff(contig.indptr)
    islands = np.flatnonzero(card == 0)
    n = len(ids)
    knn = np.zeros(n, dtype=bool)
    if islands.size:
        from scipy.spatial import cKDTree

        kk = min(int(k), n - 1)
        xy = _projected_centroids(villages)
        _, idx = cKDTree(xy).query(xy[islands], k=kk + 1)
        idx = np.atleast_2d(idx)
        rows, cols = [], []
        for i, near in zip(islands, idx):
            near = [j for j in near if j != i][:kk]
            rows.extend([i] * len(near))
            cols.extend(near)
        extra = sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=(n, n))
        contig = sparse.csr_array(contig + extra)
        knn[islands] = True
    contig.data[:] = 1.0
    contig.sort_indices()
    return VillageWeights(ids, contig, knn, int(k))
