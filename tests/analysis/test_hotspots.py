"""Hotspot classes and the top-level function on Jepara (the command: tests/cli/test_hotspots.py)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from numpy.testing import assert_allclose, assert_array_equal
from scipy.sparse.csgraph import connected_components

from ilp_dash.analysis.hotspots import COLUMNS, hotspots
from ilp_dash.analysis.smoothing import HotspotError
from ilp_dash.analysis.weights import village_weights

from ..conftest import ROOT

# --------------------------------------------------------------------------- top level on Jepara


@pytest.fixture(scope="module")
def jw(jepara):
    return village_weights(jepara.villages)


def counts_for(w, measured, stunted) -> pd.DataFrame:
    return pd.DataFrame({"kode_desa": w.ids, "diukur": measured, "stunting": stunted})


def test_hotspots_frame_on_sample_data(jepara, jw):
    from ilp_dash.io.dataset import load_folder

    ds = load_folder("33.20", ROOT / "data" / "33.20")
    out = hotspots(ds.stunting, jepara.villages, seed=1, weights=jw)
    assert list(out.columns) == COLUMNS and len(out) == 195
    assert list(out["kode_desa"]) == list(jepara.villages["kode"])
    totals = ds.stunting.groupby("kode_desa")[["diukur", "stunting"]].sum()
    assert_array_equal(out["diukur"], totals.loc[out["kode_desa"], "diukur"])
    assert_allclose(out["rate_crude"], out["stunting"] / out["diukur"])
    assert ((out["eb_lower"] <= out["rate_eb"]) & (out["rate_eb"] <= out["eb_upper"])).all()
    assert set(out["class"]) <= {"hot", "cold", "not significant"}
    assert_array_equal(out["gi_p"], out["moran_p"])  # same draws: both rank the neighbour sum
    assert out.attrs["knn_villages"] == [f"33.20.10.200{i}" for i in range(1, 5)]
    assert out.attrs["min_permutations"] == 2 * 195 / 0.05 - 1
    again = hotspots(ds.stunting, jepara.villages, seed=1, weights=jw)
    pd.testing.assert_frame_equal(out, again)
    moran = hotspots(ds.stunting, jepara.villages, seed=1, weights=jw, method="moran")
    assert set(moran["class"]) <= {"HH", "LL", "HL", "LH", "not significant"}


def test_small_villages_are_flagged_never_classed_but_still_neighbours(jepara, jw):
    rng = np.random.default_rng(5)
    n = rng.integers(100, 300, jw.n)
    risk = np.full(jw.n, 0.15)
    centre = list(jw.ids).index("33.20.14.2007")
    ring = jw.neighbours.indices[jw.neighbours.indptr[centre] : jw.neighbours.indptr[centre + 1]]
    risk[ring] = 0.45
    n[centre] = 12  # tiny village in the middle of a strong cluster
    y = rng.binomial(n, risk)
    y[centre] = 6
    out = hotspots(counts_for(jw, n, y), jepara.villages, seed=1, weights=jw, significance="normal")
    assert out["small_n"].tolist() == (n < 20).tolist()
    assert out.loc[centre, "class"] == "not significant" and np.isnan(out.loc[centre, "gi_q"])
    assert not out.loc[centre, "gi_fdr_significant"]
    assert out.loc[centre, "gi_z"] > 3  # its statistic is computed all the same
    assert (out.loc[ring, "class"] == "hot").mean() >= 0.8
    # a village missing from the counts: nothing measured, regional rate, small_n
    part = hotspots(counts_for(jw, n, y).iloc[1:], jepara.villages, seed=1, weights=jw)
    assert part.loc[0, "diukur"] == 0 and part.loc[0, "small_n"]
    assert part.loc[0, "rate_eb"] == pytest.approx(part.attrs["prior"]["mean"])


def flagged_share(jepara, jw, risk_fn, seeds, **kw) -> list[float]:
    shares = []
    for seed in seeds:
        rng = np.random.default_rng(seed)
        n = rng.integers(40, 300, jw.n)
        y = rng.binomial(n, risk_fn(rng))
        out = hotspots(counts_for(jw, n, y), jepara.villages, seed=seed, weights=jw, **kw)
        shares.append(out["gi_fdr_significant"].mean())
        shares.append(out["moran_fdr_significant"].mean())
    return shares


@pytest.mark.parametrize("significance", ["permutation", "normal"])
def test_spatially_random_counts_flag_at_most_5_percent(jepara, jw, significance):
    seeds = [11, 12, 13]
    constant = flagged_share(jepara, jw, lambda rng: 0.18, seeds, significance=significance)
    # real between-village variation, but no spatial structure (risks drawn independently)
    varying = flagged_share(
        jepara, jw, lambda rng: rng.beta(18, 82, jw.n), seeds, significance=significance
    )
    assert max(constant + varying) <= 0.05


def test_spatially_random_raw_p_values_are_calibrated(jepara, jw):
    share = []
    for seed in range(21, 27):
        rng = np.random.default_rng(seed)
        n = rng.integers(40, 300, jw.n)
        out = hotspots(
            counts_for(jw, n, rng.binomial(n, rng.beta(18, 82, jw.n))),
            jepara.villages,
            seed=seed,
            weights=jw,
        )
        share.append((np.minimum(1, 2 * out["gi_p"]) <= 0.05).mean())
    assert 0.02 <= np.mean(share) <= 0.08  # two-sided p ≤ .05 on ~5% of villages under the null


def planted(jepara, jw, seed: int, size: int = 12):
    """A connected disc of ``size`` villages with risk 0.35 amid 0.15; 100–300 children each."""
    xy = jepara.villages.to_crs("EPSG:32749").centroid
    xy = np.column_stack([xy.x, xy.y])
    rng = np.random.default_rng(seed)
    while True:
        start = rng.integers(jw.n)
        cluster = np.argsort(np.hypot(*(xy - xy[start]).T))[:size]
        sub = jw.neighbours[cluster][:, cluster]
        if not jw.knn[start] and connected_components(sub, directed=False)[0] == 1:
            break
    n = rng.integers(100, 300, jw.n)
    risk = np.full(jw.n, 0.15)
    risk[cluster] = 0.35
    return cluster, counts_for(jw, n, rng.binomial(n, risk))


def test_planted_clusters_found_hot_with_normal_significance(jepara, jw):
    for seed in (31, 32, 33):
        cluster, counts = planted(jepara, jw, seed)
        out = hotspots(counts, jepara.villages, seed=seed, weights=jw, significance="normal")
        hot = out["class"].to_numpy() == "hot"
        assert hot[cluster].mean() >= 0.8
        near = set(cluster) | set(jw.neighbours[cluster].indices)
        assert set(np.flatnonzero(hot)) <= near  # nothing hot away from the cluster


def test_planted_clusters_with_permutation_significance(jepara, jw):
    """Conditional permutation holds the village's own value fixed, so Gi* is tested on its
    neighbours only: villages on the edge of a cluster (most neighbours outside) cannot reach
    the FDR threshold. The core — at least 2/3 of the neighbours planted — is found."""
    core_hits, all_hits = [], []
    for seed in (31, 32, 33):
        cluster, counts = planted(jepara, jw, seed)
        out = hotspots(counts, jepara.villages, seed=seed, weights=jw, permutations="auto")
        assert out.attrs["permutations"] == 7799  # 2 · 195 / 0.05 − 1: full FDR resolution
        hot = out["class"].to_numpy() == "hot"
        inside = np.zeros(jw.n)
        inside[cluster] = 1
        share = (jw.neighbours @ inside)[cluster] / jw.cardinalities[cluster]
        core_hits += list(hot[cluster][share >= 2 / 3])
        all_hits += list(hot[cluster])
        near = set(cluster) | set(jw.neighbours[cluster].indices)
        assert set(np.flatnonzero(hot)) <= near
    assert np.mean(core_hits) >= 0.8
    assert np.mean(all_hits) >= 0.5


@pytest.mark.parametrize(
    "counts, kw, match",
    [
        (pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": [5]}), {}, "lack column"),
        (
            pd.DataFrame({"kode_desa": ["99.99.99.9999"], "diukur": [5], "stunting": [1]}),
            {},
            "not in the boundaries",
        ),
        (
            pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": [5], "stunting": [6]}),
            {},
            "exceeds",
        ),
        (
            pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": ["lima"], "stunting": [1]}),
            {},
            "whole number",
        ),
        (
            pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": [5], "stunting": [1]}),
            {"alpha": 5},
            "alpha",
        ),
        (
            pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": [5], "stunting": [1]}),
            {"method": "lisa"},
            "method",
        ),
        (
            pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": [5], "stunting": [1]}),
            {"significance": "z"},
            "significance",
        ),
        (
            pd.DataFrame({"kode_desa": ["33.20.01.2001"], "diukur": [5], "stunting": [1]}),
            {"min_measured": -1},
            "min_measured",
        ),
    ],
)
def test_hotspots_rejects_bad_input(jepara, jw, counts, kw, match):
    with pytest.raises(HotspotError, match=match):
        hotspots(counts, jepara.villages, weights=jw, **kw)


def test_hotspots_rejects_weights_of_other_villages(jepara, jw):
    with pytest.raises(HotspotError, match="weights.ids differ"):
        hotspots(counts_for(jw, 50, 5), jepara.villages.iloc[::-1], weights=jw)


def test_analysis_modules_import_no_esda_or_numba():
    for name in ("weights.py", "smoothing.py", "spatial_statistics.py", "hotspots.py"):
        text = (Path(ROOT) / "ilp_dash" / "analysis" / name).read_text(encoding="utf-8")
        assert "import esda" not in text and "from esda" not in text and "numba" not in text
