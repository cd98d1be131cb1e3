"""The screens' hotspot rule has measured power: small versions of ``benchmarks/hotspot_power.py``.

Planted clusters (twice the 20% background risk) on the real villages of the bundled regions,
denominators from the sample data; the rule is :data:`ilp_dash.policy.HOTSPOT_SIGNIFICANCE`,
called as the screens call it (``permutations="auto"``, policy alpha, seed and minimum).
"""

import importlib.util
import sys

import numpy as np
import pytest
from scipy.sparse.csgraph import connected_components

from ilp_dash import policy
from ilp_dash.ui.stunting import significance_text

from ..conftest import ROOT

SCREENS = {"significance": policy.HOTSPOT_SIGNIFICANCE, "permutations": "auto"}


@pytest.fixture(scope="module")
def power():
    spec = importlib.util.spec_from_file_location(
        "hotspot_power", ROOT / "benchmarks" / "hotspot_power.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    yield module
    sys.modules.pop(spec.name, None)


@pytest.fixture(scope="module")
def geometries(power):
    return [power.geometry(code) for code in ("33.20", "35.03", "18.10")]


def test_planted_shapes_are_what_they_say(power, geometries):
    g = geometries[0]
    rng = np.random.default_rng(1)
    for _ in range(5):
        ring = power.plant(g, "ring1", rng)
        centres = [i for i in ring if set(g.neighbours(i)) | {i} == set(ring)]
        assert centres  # one village and exactly its neighbours
        strip = power.plant(g, "strip", rng)
        assert len(set(g.kecamatan[strip])) == 2  # both sides of one kecamatan border
        assert all(set(g.neighbours(i)) & set(strip) for i in strip)  # no stray village
        assert g.on_edge[power.plant(g, "edge", rng)].any()
        two = power.plant(g, "two", rng)
        sub = g.weights.neighbours[two][:, two]
        assert connected_components(sub, directed=False)[0] == 2
    assert len(power.plant(g, "ring2", rng)) <= power.MAX_SHARE * g.n
    pool = power.denominators()
    assert pool.min() >= 20 and pool.max() <= 400 and 150 < np.median(pool) < 350


def test_screens_rule_finds_80_percent_of_planted_villages(power, geometries):
    rules = {
        "screens": SCREENS,
        "permutation": {"significance": "permutation", "permutations": "auto"},
    }
    r = power.measure(geometries, reps=4, rules=rules, relative_risks=(2.0,), nulls=(), seed=7)
    assert not r.attrs["skipped"]
    assert set(r["scenario"]) == set(power.SHAPES)
    screens = r[r["rule"] == "screens"]
    sensitivity = screens["found"].sum() / screens["planted"].sum()
    assert sensitivity >= 0.8
    # what the measurement found: conditional permutations miss the cluster edges
    perm = r[r["rule"] == "permutation"]
    assert perm["found"].sum() / perm["planted"].sum() < sensitivity
    # hot villages away from the clusters are rare
    assert screens["hot_elsewhere"].sum() / screens["others"].sum() <= 0.05


def test_screens_rule_flags_at_most_5_percent_on_null_data(power, geometries):
    r = power.measure(geometries, reps=6, rules={"screens": SCREENS}, shapes=(), seed=8)
    assert set(r["scenario"]) == {"null", "null_var"} and len(r) == 3 * 2 * 6
    assert r["flagged"].sum() / r["villages"].sum() <= 0.05
    assert (r["flagged"] / r["villages"]).max() <= 0.05  # and in every replicate


@pytest.mark.parametrize("lang", ["id", "en"])
def test_rule_text_names_the_screens_rule(lang):
    attrs = {"month": "2025-05", "permutations": 7719, "alpha": 0.05, "tested": 193}
    text = significance_text({**attrs, "significance": "normal"}, lang)
    assert ("skor z Gi*" if lang == "id" else "Gi* z-score") in text
    assert "Benjamini–Hochberg" in text and "7" not in text.split("FDR")[0]
    perm = significance_text({**attrs, "significance": "permutation"}, lang)
    assert ("7.719 permutasi" if lang == "id" else "7,719 conditional permutations") in perm
