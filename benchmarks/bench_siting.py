"""Benchmark: ambulance base siting (MCLP, LSCP, p-median) — ILP Dash against spopt + CBC.

Instances (all seeded, built in this process):

* **province** — every village of Jawa Tengah (8,561 desa/kelurahan, representative
  points of the real boundaries in ``shared/data/wilayah_boundaries/kel/33/*.sql``)
  as demand, weights = synthetic population ``round(lognormal(ln 4000, 0.6))``;
  1,000 candidate sites = a seeded sample of the villages; MCLP with K = 30,
  T = 15 minutes (straight-line minutes = great-circle km × 1.3 ÷ 40 km/h × 60,
  the CLI defaults). Timed **end to end as the CLI** (``ilp-dash site … --json`` in
  a fresh process: interpreter start, imports, CSV reading, the 8.6 M-cell cost
  matrix, reductions, HiGHS, output), ``--reps`` runs, median.
* **regency** — Jepara's 195 villages × 22 Puskesmas of the sample data, population
  weights; MCLP / LSCP / p-median / the marginal-gain curve solved in process
  (what a dashboard slider does), median of 21 runs.
* **p-median 1,100 × 200** — the first 1,100 villages of the province (by code)
  × 200 of them sampled, population weights, K = 10; in process (median of
  ``--reps``) and as the CLI.

spopt gets the same cost matrices (``inf`` → 1e6) through ``from_cost_matrix``
and CBC (``pulp.PULP_CBC_CMD(msg=False)``); its time includes building the PuLP
model. The slow peers (province MCLP and the 1,100 × 200 p-median, about a minute
or more each) run once, or not at all with ``--skip-slow-peer``.

Run: ``python benchmarks/bench_siting.py [--reps 5] [--skip-slow-peer] [--out benchmarks/siting.md]``.
The machine is shared: read medians and ratios, not single timings.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from machine_info import cpu_model  # noqa: E402 — benchmarks/ is the script's folder

from ilp_dash.analysis.distance import haversine_km, straight_line_minutes  # noqa: E402
from ilp_dash.analysis.siting.models import coverage_curve, lscp, mclp, pmedian  # noqa: E402

SOURCE = Path(__file__).resolve().parents[2] / "shared" / "data" / "wilayah_boundaries"
SEED = 20240601
CLI = ROOT / ".venv" / "bin" / "ilp-dash"
BIG = 1e6


# ---------------------------------------------------------------- machine and data
def machine() -> dict:
    cpu = cpu_model("unknown")
    versions = {}
    for mod in ("numpy", "scipy", "highspy", "spopt", "pulp"):
        try:
            from importlib.metadata import version

            versions[mod] = version(mod)
        except Exception:  # noqa: BLE001 - a missing package is just reported as such
            versions[mod] = "-"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        **versions,
    }


def province_points():
    import shapely

    from ilp_dash.io.wilayah_source import read_sql_rows

    rows = []
    for path in sorted((SOURCE / "kel" / "33").glob("*.sql")):
        rows += read_sql_rows(path, prefix="33.", code_len=13)
    rows.sort(key=lambda r: r.kode)
    pts = shapely.point_on_surface([r.geometry for r in rows])
    return [r.kode for r in rows], shapely.get_x(pts), shapely.get_y(pts)


def write_csv(path: Path, header: list[str], rows) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(rows)
    return path


def minutes(lon1, lat1, lon2, lat2):
    return straight_line_minutes(haversine_km(lon1, lat1, lon2, lat2))


# ---------------------------------------------------------------- timing helpers
SITE_ONLY = (
    "import argparse, sys; from ilp_dash.cli import site; p = argparse.ArgumentParser(); "
    "site.register(p.add_subparsers()); a = p.parse_args(sys.argv[1:]); sys.exit(a.func(a))"
)


def cli_runs(args: list[str], reps: int, *, site_only: bool = False) -> dict:
    """``ilp-dash <args> --json`` in fresh processes; ``site_only`` registers only the site command."""
    walls, outs = [], []
    exe = [str(ROOT / ".venv" / "bin" / "python"), "-c", SITE_ONLY] if site_only else [str(CLI)]
    for _ in range(reps):
        t = time.perf_counter()
        done = subprocess.run([*exe, *args, "--json"], capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - t)
        if done.returncode != 0:
            raise RuntimeError(done.stderr)
        outs.append(json.loads(done.stdout))
    return {
        "wall": statistics.median(walls),
        "walls": walls,
        "solver": statistics.median(o["seconds"] for o in outs),
        "in_process": statistics.median(o["seconds_total"] for o in outs),
        "out": outs[-1],
    }


def startup(reps: int) -> dict:
    def wall(cmd):
        ts = []
        for _ in range(reps):
            t = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True)
            ts.append(time.perf_counter() - t)
        return statistics.median(ts)

    py = str(ROOT / ".venv" / "bin" / "python")
    return {
        "python": wall([py, "-c", "pass"]),
        "numpy+highspy": wall([py, "-c", "import numpy, highspy"]),
        "scipy.optimize": wall([py, "-c", "import numpy, scipy.optimize"]),
        "cli --help": wall([str(CLI), "site", "--help"]),
    }


def in_process(fn, reps: int):
    ts, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t)
    return statistics.median(ts), out


def spopt_time(kind: str, cost, w=None, radius=None, p=None, reps: int = 1):
    import pulp
    from spopt.locate import LSCP, MCLP, PMedian

    c = np.where(np.isfinite(cost), cost, BIG)
    ts, obj, cbc = [], None, []
    for _ in range(reps):
        t = time.perf_counter()
        if kind == "mclp":
            model = MCLP.from_cost_matrix(c, w, radius, p_facilities=p)
        elif kind == "lscp":
            model = LSCP.from_cost_matrix(c, radius)
        else:
            model = PMedian.from_cost_matrix(c, w, p_facilities=p)
        model.solve(pulp.PULP_CBC_CMD(msg=False))
        ts.append(time.perf_counter() - t)
        cbc.append(model.problem.solutionTime)
        obj = model.problem.objective.value()
    return statistics.median(ts), obj, statistics.median(cbc)


# ---------------------------------------------------------------- main
def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument(
        "--skip-slow-peer", action="store_true", help="no spopt on the province / 1,100 × 200"
    )
    ap.add_argument("--skip-peer", action="store_true", help="no spopt at all")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "siting.md"))
    args = ap.parse_args(argv)
    info = machine()
    print("machine:", info, flush=True)
    rows: list[dict] = []
    work = Path(tempfile.mkdtemp(prefix="bench_siting_"))

    # ---- province instance
    t = time.perf_counter()
    ids, lon, lat = province_points()
    rng = np.random.default_rng(SEED)
    pop = np.round(rng.lognormal(np.log(4000), 0.6, len(ids)))
    cand = np.sort(rng.choice(len(ids), 1000, replace=False))
    demand_csv = write_csv(
        work / "province_demand.csv",
        ["id", "lon", "lat", "weight"],
        ((i, f"{x:.6f}", f"{y:.6f}", int(p)) for i, x, y, p in zip(ids, lon, lat, pop)),
    )
    cand_csv = write_csv(
        work / "province_candidates.csv",
        ["id", "lon", "lat"],
        ((f"S{ids[j]}", f"{lon[j]:.6f}", f"{lat[j]:.6f}") for j in cand),
    )
    print(
        f"province instance: {len(ids)} villages, built in {time.perf_counter() - t:.1f} s",
        flush=True,
    )
    starts = startup(args.reps)
    print("start-up:", {k: round(v, 3) for k, v in starts.items()}, flush=True)
    prov_args = ["site", "--demand", str(demand_csv), "--candidates", str(cand_csv)]
    prov_args += ["--k", "30", "--minutes", "15"]
    run = cli_runs(prov_args, args.reps)
    run_site = cli_runs(prov_args, args.reps, site_only=True)
    out = run["out"]
    print(
        f"province CLI: median {run['wall']:.3f} s {[round(x, 3) for x in run['walls']]}, "
        f"solver {run['solver']:.3f} s, status {out['status']}, gap {out['gap']}, objective {out['objective']}; "
        f"site-only CLI {run_site['wall']:.3f} s",
        flush=True,
    )
    # same matrix in process (rounded coordinates, as the CLI read them)
    dl = np.array([[float(x), float(y)] for x, y in zip(lon, lat)]).round(6)
    cost_p = minutes(dl[:, 0], dl[:, 1], dl[cand, 0], dl[cand, 1])
    t_ip, r_ip = in_process(lambda: mclp(cost_p, pop, k=30, minutes=15), args.reps)
    peer = (None, None, None)
    if not (args.skip_slow_peer or args.skip_peer):
        print("spopt MCLP on the province (slow)…", flush=True)
        peer = spopt_time("mclp", cost_p, pop, 15.0, 30)
        print(f"  spopt {peer[0]:.1f} s (CBC {peer[2]:.1f} s), objective {peer[1]}", flush=True)
    rows.append(
        {
            "instance": "province MCLP 8,561 × 1,000, K=30, T=15 — CLI end to end",
            "ours": run["wall"],
            "spopt": peer[0],
            "cbc": peer[2],
            "obj": out["objective"],
            "peer_obj": peer[1],
            "status": f"{out['status']}, gap {out['gap']:.1g}",
            "target": 1.5,
        }
    )
    rows.append(
        {
            "instance": "province MCLP — same, but a CLI that registers only `site` (no other command imports)",
            "ours": run_site["wall"],
            "spopt": peer[0],
            "cbc": peer[2],
            "obj": run_site["out"]["objective"],
            "peer_obj": peer[1],
            "status": run_site["out"]["status"],
            "target": 1.5,
        }
    )
    rows.append(
        {
            "instance": "province MCLP — in process (matrix given)",
            "ours": t_ip,
            "spopt": peer[0],
            "cbc": peer[2],
            "obj": r_ip.objective,
            "peer_obj": peer[1],
            "status": f"{r_ip.status}, reduced {r_ip.reduced_shape}",
            "target": None,
        }
    )

    # ---- regency instance (Jepara)
    from ilp_dash.io.dataset import load_folder
    from ilp_dash.io.geodata import load_region

    villages = load_region("33.20").villages
    ds = load_folder("33.20", ROOT / "data" / "33.20")
    pkm = ds.facilities["puskesmas"]
    pts = villages.geometry.representative_point()
    jw = ds.population.set_index("kode_desa")["penduduk"].reindex(villages["kode"]).to_numpy(float)
    jc = minutes(pts.x.to_numpy(), pts.y.to_numpy(), pkm["lon"].to_numpy(), pkm["lat"].to_numpy())
    reach20 = (jc <= 20).any(axis=1)
    cases = [
        ("Jepara MCLP K=3, T=15", lambda: mclp(jc, jw, k=3, minutes=15), ("mclp", jc, jw, 15.0, 3)),
        ("Jepara MCLP K=6, T=10", lambda: mclp(jc, jw, k=6, minutes=10), ("mclp", jc, jw, 10.0, 6)),
        ("Jepara MCLP K=4, T=30", lambda: mclp(jc, jw, k=4, minutes=30), ("mclp", jc, jw, 30.0, 4)),
        (
            "Jepara LSCP T=20 (reachable villages for spopt)",
            lambda: lscp(jc, minutes=20, weights=jw),
            ("lscp", jc[reach20], None, 20.0, None),
        ),
        ("Jepara p-median K=3", lambda: pmedian(jc, jw, k=3), ("pmedian", jc, jw, None, 3)),
        ("Jepara p-median K=5", lambda: pmedian(jc, jw, k=5), ("pmedian", jc, jw, None, 5)),
        ("Jepara p-median K=10", lambda: pmedian(jc, jw, k=10), ("pmedian", jc, jw, None, 10)),
    ]
    for name, fn, (kind, c, w, radius, p) in cases:
        t_ours, res = in_process(fn, 21)
        peer = (None, None, None) if args.skip_peer else spopt_time(kind, c, w, radius, p, reps=3)
        print(
            f"{name}: ours {t_ours * 1000:.1f} ms, spopt {peer[0]}, objective {res.objective} / {peer[1]}",
            flush=True,
        )
        rows.append(
            {
                "instance": name + " — in process",
                "ours": t_ours,
                "spopt": peer[0],
                "cbc": peer[2],
                "obj": res.objective,
                "peer_obj": peer[1],
                "status": res.status,
                "target": 0.05 if "MCLP" in name or "LSCP" in name else None,
            }
        )
    t_curve, curve = in_process(lambda: coverage_curve(jc, jw, minutes=15), 5)
    rows.append(
        {
            "instance": f"Jepara marginal-gain curve K=1…22, T=15 ({len(curve.k)} exact MCLPs)",
            "ours": t_curve,
            "spopt": None,
            "cbc": None,
            "obj": None,
            "peer_obj": None,
            "status": "optimal",
            "target": None,
        }
    )

    # ---- p-median 1,100 × 200
    n1 = 1100
    rng = np.random.default_rng(SEED + 1)
    c200 = np.sort(rng.choice(n1, 200, replace=False))
    cost_m = minutes(dl[:n1, 0], dl[:n1, 1], dl[c200, 0], dl[c200, 1])
    t_pm, r_pm = in_process(lambda: pmedian(cost_m, pop[:n1], k=10), args.reps)
    pm_demand = write_csv(
        work / "pm_demand.csv",
        ["id", "lon", "lat", "weight"],
        ((ids[i], f"{dl[i, 0]:.6f}", f"{dl[i, 1]:.6f}", int(pop[i])) for i in range(n1)),
    )
    pm_cand = write_csv(
        work / "pm_candidates.csv",
        ["id", "lon", "lat"],
        ((f"S{ids[j]}", f"{dl[j, 0]:.6f}", f"{dl[j, 1]:.6f}") for j in c200),
    )
    run_pm = cli_runs(
        [
            "site",
            "--model",
            "pmedian",
            "--demand",
            str(pm_demand),
            "--candidates",
            str(pm_cand),
            "--k",
            "10",
            "--minutes",
            "30",
        ],
        args.reps,
    )
    peer = (None, None, None)
    if not (args.skip_slow_peer or args.skip_peer):
        print("spopt PMedian 1,100 × 200 (slow)…", flush=True)
        peer = spopt_time("pmedian", cost_m, pop[:n1], None, 10)
    print(
        f"p-median 1100x200: ours {t_pm:.3f} s, CLI {run_pm['wall']:.3f} s, spopt {peer[0]}, "
        f"objective {r_pm.objective} / {peer[1]}",
        flush=True,
    )
    rows.append(
        {
            "instance": "p-median 1,100 × 200, K=10 — in process",
            "ours": t_pm,
            "spopt": peer[0],
            "cbc": peer[2],
            "obj": r_pm.objective,
            "peer_obj": peer[1],
            "status": r_pm.status,
            "target": 0.5,
        }
    )
    rows.append(
        {
            "instance": "p-median 1,100 × 200, K=10 — CLI end to end",
            "ours": run_pm["wall"],
            "spopt": None,
            "cbc": None,
            "obj": run_pm["out"]["objective"],
            "peer_obj": None,
            "status": run_pm["out"]["status"],
            "target": None,
        }
    )

    text = report(info, starts, rows, args)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


def _fmt(seconds):
    if seconds is None:
        return "–"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _same(a, b):
    if a is None or b is None:
        return "–"
    return "yes" if abs(a - b) <= 1e-6 * max(1.0, abs(b)) else f"NO ({a:.6g} vs {b:.6g})"


def report(info: dict, starts: dict, rows: list[dict], args) -> str:
    lines = [
        "# Ambulance base siting: ILP Dash vs spopt + CBC",
        "",
        (
            f"Machine: {info['nproc']} cores ({info['cpu']}), Python {info['python']}, load average "
            f"{info['load']} at start; numpy {info['numpy']}, scipy {info['scipy']}, highspy {info['highspy']}, "
            f"spopt {info['spopt']}, PuLP {info['pulp']} (CBC bundled). Shared machine: medians of {args.reps} runs "
            "(21 for the Jepara rows); spopt's slow rows ran once."
        ),
        "",
        "Command: `python benchmarks/bench_siting.py"
        + (" --skip-slow-peer" if args.skip_slow_peer else "")
        + f" --reps {args.reps}`",
        "",
        "| instance | ILP Dash (median) | spopt + CBC (CBC alone) | spopt ÷ ILP Dash | same optimum | status | target |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        ratio = f"{r['spopt'] / r['ours']:.0f}×" if r["spopt"] else "–"
        peer = f"{_fmt(r['spopt'])} ({_fmt(r['cbc'])})" if r["spopt"] else "–"
        target = (
            "–"
            if r["target"] is None
            else f"≤ {_fmt(r['target'])}: "
            + (
                "met"
                if r["ours"] <= r["target"]
                else f"**missed by {_fmt(r['ours'] - r['target'])}**"
            )
        )
        lines.append(
            f"| {r['instance']} | {_fmt(r['ours'])} | {peer} | {ratio} | {_same(r['obj'], r['peer_obj'])} "
            f"| {r['status']} | {target} |"
        )
    lines += [
        "",
        "CLI start-up (fresh process, median): "
        + ", ".join(f"{k} {_fmt(v)}" for k, v in starts.items())
        + ". `ilp-dash` builds its whole parser, so every sub-command module is imported on every call: "
        "a module-level `import pandas` in any of them (today `ilp_dash/cli/hotspots.py`) is paid by "
        "`site` too.",
        "",
        (
            "How the province MCLP gets to ~1 s: the coverage pairs (cost ≤ T) are reduced (identical demand "
            "rows merged, duplicate and dominated candidates dropped, single-candidate rows folded into the "
            "objective), the LP relaxation is solved (HiGHS primal simplex), an incumbent comes from the MILP "
            "restricted to the LP's support, and a Lagrangian bound built from the LP duals proves most "
            "candidates closed (or open) in every optimal solution; HiGHS then proves optimality on what is "
            "left. Each step keeps all optimal solutions, so the optimum is exact (gap 0)."
        ),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
