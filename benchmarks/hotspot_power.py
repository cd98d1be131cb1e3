"""Power and false-positive share of the hotspot significance rules (issue 12, part 2).

Planted stunting clusters on the REAL village polygons of the bundled regions
(Jepara 33.20, Lumajang 35.03, Batu 35.79, Lampung Timur 18.10), analysed with
:func:`ilp_dash.analysis.hotspots.hotspots` exactly as the screens call it
(EB-smoothed rates, queen contiguity with 4 nearest for islands, Gi*,
Benjamini–Hochberg at ``policy.FDR_ALPHA``, ``min_measured`` from policy), once
per candidate significance rule on the same counts.

Instances
---------
* Children measured per village: drawn from the sample stunting tables
  (``data/<code>/stunting_desa.csv``, every row of every region, values within
  20–400), so denominators look like a real month's.
* Background risk 20% (``BASE_RISK``) in every village; inside a planted cluster
  the risk is ``relative_risk × 20%`` (1.5 or 2).
* Shapes (:data:`SHAPES`): a village and its ring of neighbours (``ring1``),
  a village and two rings (``ring2``), a strip of villages along both sides of a
  kecamatan border (``strip``), two separate one-ring clusters (``two``) and a
  one-ring cluster around a village on the regency's edge (``edge``). Planted
  villages are at most ``MAX_SHARE`` of the region (Batu has 24 villages).
* Null data: the same denominators, 20% everywhere (``null``) and, harder,
  independent village risks ``Beta`` with mean 20% and sd 4% (``null_var``:
  real between-village variation without spatial structure).

Measures
--------
* sensitivity = planted villages classed ``hot`` ÷ planted villages;
* hot elsewhere = villages outside the planted set classed ``hot`` ÷ those villages
  (Gi* counts a village's neighbours, so villages touching a cluster are expected
  among them);
* null flagged = villages classed ``hot`` or ``cold`` ÷ villages, on null data.

95% intervals: percentile bootstrap over instances (ratio of sums, 2,000
resamples, fixed seed). Run from the repository root::

    .venv/bin/python benchmarks/hotspot_power.py --reps 40
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ilp_dash import policy  # noqa: E402
from ilp_dash.analysis.hotspots import hotspots  # noqa: E402
from ilp_dash.analysis.weights import VillageWeights, village_weights  # noqa: E402
from ilp_dash.io.geodata import load_region  # noqa: E402

REGIONS = ("33.20", "35.03", "35.79", "18.10")
SHAPES = ("ring1", "ring2", "strip", "two", "edge")
NULLS = ("null", "null_var")
BASE_RISK = 0.20
NULL_SD = 0.04
MAX_SHARE = 0.25
SEED = 20240601

RULES: dict[str, dict] = {
    "permutation + BH (auto draws)": {"significance": "permutation", "permutations": "auto"},
    "permutation + BH (4 × auto draws)": {"significance": "permutation", "permutations": 4},
    "normal z + BH": {"significance": "normal", "permutations": 99},
    "normal z, no FDR (reference)": {"significance": "normal", "permutations": 99, "fdr": False},
}
"""Candidate rules: keyword arguments of :func:`hotspots` (an int ``permutations`` below 10 is a
multiple of the "auto" count). The normal rule ignores the draws (99 keeps it quick). The
reference rule classes every village whose two-sided normal p is ≤ alpha, without FDR."""


@dataclass
class Geometry:
    """A region's villages, weights and the facts the shapes need."""

    code: str
    villages: object
    weights: VillageWeights
    kecamatan: np.ndarray
    on_edge: np.ndarray

    @property
    def n(self) -> int:
        return self.weights.n

    def neighbours(self, i: int) -> np.ndarray:
        m = self.weights.neighbours
        return m.indices[m.indptr[i] : m.indptr[i + 1]]

    def rings(self, seed: int, rings: int) -> np.ndarray:
        members = {int(seed)}
        frontier = {int(seed)}
        for _ in range(rings):
            frontier = {int(j) for i in frontier for j in self.neighbours(i)} - members
            members |= frontier
        return np.array(sorted(members))


def geometry(code: str) -> Geometry:
    region = load_region(code)
    villages = region.villages
    w = village_weights(villages)
    outline = villages.geometry.union_all().boundary
    on_edge = villages.geometry.intersects(outline.buffer(1e-6)).to_numpy() & ~w.knn
    return Geometry(code, villages, w, villages["kode_kec"].astype(str).to_numpy(), on_edge)


def denominators() -> np.ndarray:
    """Children measured per village-month in the sample data, kept within 20–400."""
    values = []
    for code in REGIONS:
        table = pd.read_csv(ROOT / "data" / code / "stunting_desa.csv", comment="#")
        values.append(table["diukur"].to_numpy())
    d = np.concatenate(values)
    return d[(d >= 20) & (d <= 400)]


# --------------------------------------------------------------------------- shapes


def _strip(g: Geometry, rng: np.random.Generator, cap: int) -> np.ndarray | None:
    m = g.weights.neighbours.tocoo()
    across = g.kecamatan[m.row] != g.kecamatan[m.col]
    if not across.any():
        return None
    pick = rng.integers(across.sum())
    a, b = g.kecamatan[m.row[across][pick]], g.kecamatan[m.col[across][pick]]
    pair = across & (
        ((g.kecamatan[m.row] == a) & (g.kecamatan[m.col] == b))
        | ((g.kecamatan[m.row] == b) & (g.kecamatan[m.col] == a))
    )
    border = set(m.row[pair].tolist())
    start = int(m.row[across][pick])
    order, seen = [start], {start}
    for i in order:  # walk along the border, breadth first, until the cap
        for j in g.neighbours(i):
            if int(j) in border and int(j) not in seen:
                seen.add(int(j))
                order.append(int(j))
    return np.array(sorted(order[:cap])) if len(order) >= 3 else None


def plant(g: Geometry, shape: str, rng: np.random.Generator) -> np.ndarray | None:
    """Indices of the planted villages of one instance of ``shape``; None if none fits the region."""
    cap = max(3, int(MAX_SHARE * g.n))
    mainland = np.flatnonzero(~g.weights.knn)
    for _ in range(200):
        if shape == "strip":
            found = _strip(g, rng, min(cap, 12))
        elif shape == "edge":
            found = g.rings(rng.choice(np.flatnonzero(g.on_edge)), 1)
        elif shape == "two":
            first = g.rings(rng.choice(mainland), 1)
            near = {int(j) for i in first for j in g.rings(i, 2)}  # keep the two apart
            rest = np.setdiff1d(mainland, np.array(sorted(near)))
            if rest.size == 0:
                continue
            second = g.rings(rng.choice(rest), 1)
            found = None if np.intersect1d(first, second).size else np.union1d(first, second)
        else:
            found = g.rings(rng.choice(mainland), 1 if shape == "ring1" else 2)
        if found is not None and 3 <= len(found) <= cap:
            return found
    return None


def counts(g: Geometry, risk: np.ndarray, pool: np.ndarray, rng: np.random.Generator):
    n = rng.choice(pool, g.n)
    return pd.DataFrame(
        {"kode_desa": g.weights.ids, "diukur": n, "stunting": rng.binomial(n, risk)}
    )


# --------------------------------------------------------------------------- running


def classify(g: Geometry, table: pd.DataFrame, rule: dict, seed: int) -> np.ndarray:
    kw = dict(rule)
    fdr = kw.pop("fdr", True)
    if isinstance(kw["permutations"], int) and kw["permutations"] < 10:
        tested = int((table["diukur"] >= policy.MIN_MEASURED).sum())
        auto = max(999, int(np.ceil(2 * tested / policy.FDR_ALPHA)) - 1)
        kw["permutations"] = kw["permutations"] * (auto + 1) - 1
    out = hotspots(
        table,
        g.villages,
        seed=seed,
        weights=g.weights,
        alpha=policy.FDR_ALPHA,
        min_measured=policy.MIN_MEASURED,
        **kw,
    )
    if not fdr:
        sig = out["gi_p_norm"].to_numpy() <= policy.FDR_ALPHA
        z = out["gi_z"].to_numpy()
        return np.select([sig & (z > 0), sig & (z < 0)], ["hot", "cold"], "not significant")
    return out["class"].to_numpy()


def measure(
    geometries: list[Geometry],
    reps: int,
    rules: dict[str, dict] = RULES,
    relative_risks: tuple[float, ...] = (1.5, 2.0),
    shapes: tuple[str, ...] = SHAPES,
    nulls: tuple[str, ...] = NULLS,
    seed: int = SEED,
) -> pd.DataFrame:
    """One row per (instance, rule): region, scenario, relative risk, counts of hits.

    Columns: ``region, scenario, rr, rep, rule, planted, found, others, hot_elsewhere, flagged``
    (``flagged`` = hot or cold anywhere, for the null rows).
    """
    pool = denominators()
    rng = np.random.default_rng(seed)
    rows, skipped = [], set()
    scenarios = [(s, rr) for s in shapes for rr in relative_risks] + [(s, 1.0) for s in nulls]
    for g in geometries:
        for scenario, rr in scenarios:
            for rep in range(reps):
                risk = np.full(g.n, BASE_RISK)
                planted = np.zeros(g.n, dtype=bool)
                if scenario == "null_var":
                    k = BASE_RISK * (1 - BASE_RISK) / NULL_SD**2 - 1
                    risk = rng.beta(BASE_RISK * k, (1 - BASE_RISK) * k, g.n)
                elif scenario != "null":
                    found = plant(g, scenario, rng)
                    if found is None:  # e.g. two rings cover more than a quarter of Batu
                        skipped.add((g.code, scenario))
                        break
                    planted[found] = True
                    risk[planted] = BASE_RISK * rr
                table = counts(g, risk, pool, rng)
                draw_seed = int(rng.integers(2**31))
                for name, rule in rules.items():
                    cls = classify(g, table, rule, draw_seed)
                    hot = cls == "hot"
                    rows.append(
                        {
                            "region": g.code,
                            "scenario": scenario,
                            "rr": rr,
                            "rep": rep,
                            "rule": name,
                            "villages": g.n,
                            "planted": int(planted.sum()),
                            "found": int((hot & planted).sum()),
                            "others": int((~planted).sum()),
                            "hot_elsewhere": int((hot & ~planted).sum()),
                            "flagged": int(((cls == "hot") | (cls == "cold")).sum()),
                        }
                    )
    out = pd.DataFrame(rows)
    out.attrs["skipped"] = sorted(skipped)
    return out


def ratio_ci(num: np.ndarray, den: np.ndarray, seed: int = SEED, draws: int = 2000):
    """Ratio of sums and its 95% percentile-bootstrap interval over instances."""
    num, den = np.asarray(num, float), np.asarray(den, float)
    if den.sum() == 0:
        return np.nan, np.nan, np.nan
    idx = np.random.default_rng(seed).integers(0, len(num), (draws, len(num)))
    boot = num[idx].sum(axis=1) / np.maximum(den[idx].sum(axis=1), 1e-12)
    lo, hi = np.percentile(boot, [2.5, 97.5])
    return num.sum() / den.sum(), lo, hi


def _pct(est) -> str:
    share, lo, hi = est
    return f"{100 * share:.1f}% ({100 * lo:.1f}–{100 * hi:.1f})"


def summary(results: pd.DataFrame) -> pd.DataFrame:
    """Per rule: sensitivity at RR 2 and 1.5 (all shapes, all regions), hot elsewhere, null flagged."""
    out = []
    for rule, r in results.groupby("rule", sort=False):
        planted = r[r["planted"] > 0]
        nulls = r[r["planted"] == 0]
        row = {"rule": rule}
        for rr in sorted(planted["rr"].unique(), reverse=True):
            p = planted[planted["rr"] == rr]
            row[f"sensitivity RR {rr:g}"] = _pct(ratio_ci(p["found"], p["planted"]))
        row["hot elsewhere (RR 2)"] = _pct(
            ratio_ci(
                planted.loc[planted["rr"] == 2, "hot_elsewhere"],
                planted.loc[planted["rr"] == 2, "others"],
            )
        )
        for scenario, nn in nulls.groupby("scenario"):
            row[f"flagged on {scenario}"] = _pct(ratio_ci(nn["flagged"], nn["villages"]))
        out.append(row)
    return pd.DataFrame(out)


def by_shape(results: pd.DataFrame, rr: float = 2.0) -> pd.DataFrame:
    """Sensitivity per rule and shape (rows) at relative risk ``rr``."""
    p = results[(results["planted"] > 0) & (results["rr"] == rr)]
    table = p.groupby(["scenario", "rule"], sort=False).apply(
        lambda d: f"{100 * d['found'].sum() / d['planted'].sum():.1f}%", include_groups=False
    )
    return table.unstack("rule").reindex(SHAPES)


def by_region(results: pd.DataFrame, rr: float = 2.0) -> pd.DataFrame:
    p = results[(results["planted"] > 0) & (results["rr"] == rr)]
    table = p.groupby(["region", "rule"], sort=False).apply(
        lambda d: f"{100 * d['found'].sum() / d['planted'].sum():.1f}%", include_groups=False
    )
    return table.unstack("rule")


def markdown(frame: pd.DataFrame, index: bool = False) -> str:
    """A pipe table (no tabulate dependency)."""
    f = frame.reset_index() if index else frame
    head = [str(c) for c in f.columns]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in f.itertuples(index=False)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=40, help="replicates per region × scenario (40)")
    ap.add_argument("--regions", nargs="*", default=list(REGIONS))
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--csv", help="also write every instance's counts to this CSV")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    geos = [geometry(c) for c in args.regions]
    results = measure(geos, args.reps, seed=args.seed)
    if args.csv:
        results.to_csv(args.csv, index=False)
    inst = results.groupby("rule").size().iloc[0]
    print(
        f"{args.reps} replicates per region × scenario; {inst} instances per rule "
        f"({', '.join(f'{g.code}: {g.n} villages' for g in geos)}); seed {args.seed}; "
        f"{time.perf_counter() - t0:.0f} s"
    )
    for code, scenario in results.attrs["skipped"]:
        print(
            f"skipped: {scenario} in {code} (no such cluster within {MAX_SHARE:.0%} of the villages)"
        )
    print()
    print(markdown(summary(results)))
    print("\nSensitivity by shape, RR 2:\n")
    print(markdown(by_shape(results), index=True))
    print("\nSensitivity by region, RR 2:\n")
    print(markdown(by_region(results), index=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
