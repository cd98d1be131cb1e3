"""Benchmark: ILP Dash under ``ilp-dash serve --prod`` on loopback — load, soak and faults.

Modes (``--mode``, default ``load``):

* ``load`` — 200 public displays and 10 planners (``--display``, ``--planners``) for
  300 s (``--duration``): error rate and p50/p95/p99 latency per kind of request and
  overall. Goal: 0 errors, p95 ≤ 500 ms.
* ``soak`` — the displays only, 1800 s; the resident memory (RSS) of the gunicorn
  master and every worker is sampled every 30 s. Growth = median total RSS of the
  last 5 minutes vs median of the first 5 minutes after a 2-minute warm-up. Goal ≤ 10%.
* ``kill`` — under load, SIGKILL the worker that answered ``/health``; errors must be
  requests in flight at that moment (never more), the master must start a new worker
  and every request begun after the kill must succeed.
* ``corrupt`` — under load, overwrite ``data/33.20/posyandu.xlsx`` of the server's tmp
  copy with garbage; for ``--watch`` s every worker must keep serving the same data
  version, every display answer must be byte-identical to the answer for the same
  view before, nothing may fail, and a planner must see the warning.

What a client sends is described in ``serving_client.py`` (the real bodies of Dash's
renderer). Displays rotate every ``--detik`` s (the page's default, 20 s), started
at random over one rotation, so 200 displays make ~10 rotations/s plus ~13 watchdog
``/_dash-layout`` polls/s; planners think ``--think`` s (default 5) between actions.
The load generator runs on the same 2 cores as the server: its CPU use is reported.

Every mode starts its own server (``ilp-dash serve --prod`` on a free loopback port,
tmp copies of data/, ILP_STATE_DIR and ILP_CACHE_DIR, a planner password made here),
warms it with a few untimed page loads, prints machine info and the figures, and
writes ``artifacts/bench/serving-<mode>.json``.

Run: ``.venv/bin/python benchmarks/bench_serving.py --mode load [--duration 300]
[--display 200] [--planners 10] [--workers 3] [--threads 4]``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import statistics
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import serving_client as sc  # noqa: E402
import serving_server as ss  # noqa: E402
from machine_info import cpu_model  # noqa: E402 — benchmarks/ is the script's folder

ART = ROOT / "artifacts" / "bench"
P95_GOAL_MS = 500.0
GROWTH_GOAL = 0.10
DEFAULTS = {  # mode: (duration s, displays, planners)
    "load": (300.0, 200, 10),
    "soak": (1800.0, 200, 0),
    "kill": (90.0, 200, 10),
    "corrupt": (90.0, 200, 10),
}


# ------------------------------------------------------------------ machine and sampling
def machine(workers: int, threads: int) -> dict:
    import dash
    import psutil

    cpu = cpu_model()
    try:
        from importlib.metadata import version

        gunicorn = version("gunicorn")
    except Exception:  # noqa: BLE001
        gunicorn = "not installed"
    a, b, _ = os.getloadavg()
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "dash": dash.__version__,
        "gunicorn": gunicorn,
        "workers": workers,
        "threads": threads,
        "load_average_at_start": f"{a:.1f}, {b:.1f}",
    }


class Sampler(threading.Thread):
    """Every ``every`` s: RSS of each server process, server and load-generator CPU seconds, load average."""

    def __init__(self, server: ss.Server, every: float) -> None:
        super().__init__(daemon=True)
        self.server, self.every = server, every
        self.samples: list[dict] = []
        self.stop = threading.Event()
        self.t0 = time.monotonic()

    def take(self) -> dict:
        import psutil

        procs, cpu = {}, 0.0
        master = self.server.proc.pid if self.server.proc else None
        for p in self.server.processes():
            try:
                with p.oneshot():
                    rss = p.memory_info().rss
                    t = p.cpu_times()
                    cpu += t.user + t.system + t.children_user + t.children_system
                    role = "master" if p.pid == master else "worker"
                    procs[p.pid] = {"role": role, "rss": rss}
            except psutil.NoSuchProcess:
                continue
        me = psutil.Process().cpu_times()
        return {
            "t": time.monotonic() - self.t0,
            "procs": procs,
            "server_cpu_s": cpu,
            "client_cpu_s": me.user + me.system,
            "load1": os.getloadavg()[0],
        }

    def run(self) -> None:
        while True:
            self.samples.append(self.take())
            if self.stop.wait(self.every):
                self.samples.append(self.take())
                return


def cpu_use(samples: list[dict]) -> dict:
    """Mean CPU use (in cores) of the server and of the load generator over the samples."""
    if len(samples) < 2:
        return {}
    a, b = samples[0], samples[-1]
    span = b["t"] - a["t"]
    # server CPU of workers that ended between samples is lost; enough for a rough share
    return {
        "server_cores": round(max(0.0, b["server_cpu_s"] - a["server_cpu_s"]) / span, 2),
        "load_generator_cores": round((b["client_cpu_s"] - a["client_cpu_s"]) / span, 2),
        "load1_median": round(statistics.median(s["load1"] for s in samples), 1),
    }


# ------------------------------------------------------------------ server set-up
def password_env(password: str) -> dict[str, str]:
    from werkzeug.security import generate_password_hash

    return {
        "ILP_PLANNER_PASSWORD_HASH": generate_password_hash(password),
        "ILP_SECRET_KEY": secrets.token_hex(32),
    }


def warm_up(base: str, workers: int, password: str | None) -> float:
    """A few untimed visits so each worker has built the display and planner pages once."""
    t0 = time.monotonic()
    rec = sc.Recorder()
    for i in range(2 * workers):
        d = sc.DashClient(base, rec, f"w{i}")
        d.open("/layar", f"?region={sc.REGION}", kind="warm")
        for n in range(1, 5):
            d.callback("ly-title.children", {"ly-rotate.n_intervals": n}, kind="warm")
        d.close()
        p = sc.DashClient(base, rec, f"wp{i}")
        if password is not None:
            p.login(password)
        p.open("/cakupan", f"?region={sc.REGION}", kind="warm")
        for path in ("/ambulans", "/stunting", "/unggah"):
            p.navigate(path, f"?region={sc.REGION}", kind="warm")
        p.close()
    return time.monotonic() - t0


# ------------------------------------------------------------------ printing
def table(summary: dict[str, dict], title: str) -> list[str]:
    lines = [
        title,
        f"  {'kind':<28} {'requests':>8} {'errors':>6} {'rate':>7} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'max ms':>8} {'resent':>6}",
    ]
    for kind, v in summary.items():
        lines.append(
            f"  {kind:<28} {v['requests']:>8} {v['errors']:>6} {100 * v['error_rate']:>6.2f}% "
            f"{v['p50_ms']:>8.1f} {v['p95_ms']:>8.1f} {v['p99_ms']:>8.1f} {v['max_ms']:>8.1f} {v['retried']:>6}"
        )
    return lines


def verdict(ok: bool) -> str:
    return "yes" if ok else "**no**"


# ------------------------------------------------------------------ modes
def mode_load(args, server: ss.Server, password: str, out: dict) -> list[str]:
    sampler = Sampler(server, 10.0)
    sampler.start()
    rec = sc.run_clients(
        server.base,
        displays=args.display,
        planners=args.planners,
        duration=args.duration,
        detik=args.detik,
        think=args.think,
        password=password,
        seed=args.seed,
    )
    sampler.stop.set()
    sampler.join()
    records = rec.snapshot()
    summary = sc.summarize(records)
    overall = summary["all"]
    steady = [r for r in records if r.start - records[0].start >= args.detik + 5] if records else []
    out.update(
        summary=summary,
        steady_summary=sc.summarize(steady),
        cpu=cpu_use(sampler.samples),
        errors=sc.error_samples(records, 20),
        rss_mb=rss_table(sampler.samples),
        workers_seen=len(
            {p for s in sampler.samples for p, v in s["procs"].items() if v["role"] == "worker"}
        ),
    )
    ok = overall["errors"] == 0 and overall["p95_ms"] <= P95_GOAL_MS
    out["met"] = ok
    lines = table(
        summary, f"{args.display} displays + {args.planners} planners, {args.duration:.0f} s:"
    )
    lines += table({"all (after the first rotation)": sc.summarize(steady)["all"]}, "")
    lines += [
        f"CPU: {out['cpu']}",
        f"worker processes seen: {out['workers_seen']}",
        f"goal 0 errors and p95 <= {P95_GOAL_MS:.0f} ms: {verdict(ok)} "
        f"({overall['errors']} errors, p95 {overall['p95_ms']:.0f} ms)",
    ]
    if out["errors"]:
        lines.append("first errors: " + "; ".join(out["errors"][:5]))
    return lines


def rss_table(samples: list[dict]) -> dict:
    """Total RSS (MB) at the first and last sample, and its peak."""
    totals = [sum(p["rss"] for p in s["procs"].values()) / 2**20 for s in samples]
    return (
        {"first": round(totals[0], 1), "last": round(totals[-1], 1), "peak": round(max(totals), 1)}
        if totals
        else {}
    )


def mode_soak(args, server: ss.Server, password: str, out: dict) -> list[str]:
    sampler = Sampler(server, args.sample)
    sampler.start()
    rec = sc.run_clients(
        server.base,
        displays=args.display,
        planners=args.planners,
        duration=args.duration,
        detik=args.detik,
        think=args.think,
        password=password,
        seed=args.seed,
    )
    sampler.stop.set()
    sampler.join()
    s = sampler.samples
    warm, window = args.soak_warmup, 300.0
    first = [x for x in s if warm <= x["t"] <= warm + window]
    last = [x for x in s if x["t"] >= s[-1]["t"] - window]

    def total(x):
        return sum(p["rss"] for p in x["procs"].values()) / 2**20

    def role(x, r):
        return sum(p["rss"] for p in x["procs"].values() if p["role"] == r) / 2**20

    f_tot, l_tot = statistics.median(map(total, first)), statistics.median(map(total, last))
    growth = l_tot / f_tot - 1
    per_role = {
        r: {
            "first_mb": round(statistics.median(role(x, r) for x in first), 1),
            "last_mb": round(statistics.median(role(x, r) for x in last), 1),
        }
        for r in ("master", "worker")
    }
    # workers alive through both windows (gunicorn replaces a worker after max_requests)
    per_pid = {}
    for pid in set.intersection(*[set(x["procs"]) for x in first + last]):
        a = statistics.median(x["procs"][pid]["rss"] for x in first) / 2**20
        b = statistics.median(x["procs"][pid]["rss"] for x in last) / 2**20
        per_pid[pid] = {
            "role": first[0]["procs"][pid]["role"],
            "first_mb": round(a, 1),
            "last_mb": round(b, 1),
            "growth": round(b / a - 1, 4),
        }
    worker_pids = sorted({p for x in s for p, v in x["procs"].items() if v["role"] == "worker"})
    summary = sc.summarize(rec.snapshot())
    out.update(
        summary=summary,
        cpu=cpu_use(s),
        errors=sc.error_samples(rec.snapshot(), 20),
        total_first_mb=round(f_tot, 1),
        total_last_mb=round(l_tot, 1),
        growth=round(growth, 4),
        per_role=per_role,
        per_pid=per_pid,
        worker_pids=worker_pids,
        series=[
            {
                "t": round(x["t"]),
                "total_mb": round(total(x), 1),
                "procs": {str(p): round(v["rss"] / 2**20, 1) for p, v in x["procs"].items()},
            }
            for x in s
        ],
    )
    ok = growth <= GROWTH_GOAL and summary["all"]["errors"] == 0
    out["met"] = ok
    lines = table(summary, f"soak: {args.display} displays, {args.duration:.0f} s:")
    lines += [
        f"total RSS, median of {warm:.0f}-{warm + window:.0f} s: {f_tot:.1f} MB; of the last {window:.0f} s: "
        f"{l_tot:.1f} MB; growth {100 * growth:+.1f}%",
        "by role (median MB, first → last window): "
        + ", ".join(f"{r} {v['first_mb']} → {v['last_mb']}" for r, v in per_role.items()),
        "processes alive through both windows: "
        + (
            ", ".join(
                f"{p} ({v['role']}) {v['first_mb']} → {v['last_mb']} MB ({100 * v['growth']:+.1f}%)"
                for p, v in per_pid.items()
            )
            or "none"
        ),
        f"worker processes seen over the run: {len(worker_pids)} (gunicorn max_requests replaces workers)",
        f"CPU: {out['cpu']}",
        f"goal growth <= {100 * GROWTH_GOAL:.0f}% and 0 errors: {verdict(ok)}",
    ]
    return lines


def _background_load(args, server, password):
    rec, stop = sc.Recorder(), threading.Event()
    t = threading.Thread(
        target=sc.run_clients,
        args=(server.base,),
        daemon=True,
        kwargs={
            "displays": args.display,
            "planners": args.planners,
            "duration": args.duration,
            "detik": args.detik,
            "think": args.think,
            "password": password,
            "recorder": rec,
            "stop": stop,
            "seed": args.seed,
        },
    )
    t.start()
    return rec, stop, t


def mode_kill(args, server: ss.Server, password: str, out: dict) -> list[str]:
    rec, stop, t = _background_load(args, server, password)
    time.sleep(args.fault_at)
    facts = ss.kill_worker(server, rec)
    t.join()
    records = rec.snapshot()
    verdicts = ss.judge_kill(records, facts)
    out.update(
        facts={k: v for k, v in facts.items() if k != "t_kill"},
        kill=verdicts,
        summary=sc.summarize(records),
    )
    ok = (
        facts["probe"].startswith("lost")
        and verdicts["errors"] <= verdicts["in_flight_at_kill"]
        and verdicts["errors_begun_after_kill"] == 0
        and facts["respawn_s"] is not None
        and verdicts["errors_after_respawn"] == 0
    )
    out["met"] = ok
    lines = table(
        out["summary"],
        f"kill: {args.display} displays + {args.planners} planners, {args.duration:.0f} s; "
        f"SIGKILL worker {facts['victim']} at {args.fault_at:.0f} s:",
    )
    lines += [
        f"probe request in flight on the killed worker: {facts['probe']}",
        f"load requests in flight at the kill (all workers): {verdicts['in_flight_at_kill']}; open connections "
        f"of the killed worker: {facts['victim_connections']}",
        f"errors: {verdicts['errors']} (in flight at the kill: {verdicts['errors_in_flight_at_kill']}; begun "
        f"after it: {verdicts['errors_begun_after_kill']}); in-flight requests sent again on a new connection "
        f"(as a browser does when a kept-alive connection breaks): {verdicts['in_flight_resent']}",
        f"new worker after {facts['respawn_s'] if facts['respawn_s'] is None else round(facts['respawn_s'], 2)} s; "
        f"{verdicts['requests_after_respawn']} requests after it, {verdicts['errors_after_respawn']} errors",
        f"goal (only in-flight requests lost, worker replaced, all later requests succeed): {verdict(ok)}",
    ]
    if verdicts["error_samples"]:
        lines.append("errors: " + "; ".join(verdicts["error_samples"][:5]))
    return lines


def planner_view(base: str, password: str) -> str:
    """The text a planner gets for /unggah and /cakupan (page routes), logged in."""
    c = sc.DashClient(base, sc.Recorder(), "check")
    try:
        c.login(password)
        texts = []
        for path in ("/unggah", "/cakupan"):
            c.open(path, f"?region={sc.REGION}", kind="check")
            texts.append(json.dumps(c.props, ensure_ascii=False))
        return "\n".join(texts)
    finally:
        c.close()


def watch_versions(server: ss.Server, seconds: float) -> tuple[list[dict], float | None]:
    """Poll /health for ``seconds``; returns the per-poll ``{pid: versions}`` maps and when problem.json appeared."""
    seen, t0, problem_at = [], time.monotonic(), None
    while time.monotonic() - t0 < seconds:
        seen.append(server.versions_by_worker(6))
        if problem_at is None and (server.state / sc.REGION / "problem.json").exists():
            problem_at = time.monotonic() - t0
        time.sleep(1.0)
    return seen, problem_at


def mode_corrupt(args, server: ss.Server, password: str, out: dict) -> list[str]:
    pre_view = planner_view(server.base, password)
    rec, stop, t = _background_load(args, server, password)
    time.sleep(args.fault_at)
    versions_before = server.versions_by_worker(40)
    reference = ss.reference_turns(server.base, rec)
    target = server.data / sc.REGION / "posyandu.xlsx"
    t_c = time.monotonic()
    ss.corrupt_file(target)
    seen, problem_at = watch_versions(server, args.watch)
    post_view = planner_view(server.base, password)
    t.join()
    records = rec.snapshot()
    expected = set(json.dumps(v, sort_keys=True) for v in versions_before.values())
    drift = [
        m for m in seen if any(json.dumps(v, sort_keys=True) not in expected for v in m.values())
    ]
    texts = ss.problem_text(server.state) if problem_at is not None else []
    shown = [s for s in texts if s in post_view and s not in pre_view]
    banner = "data-warning" in post_view and "data-warning" not in pre_view
    judged = ss.judge_corrupt(records, t_c)
    out.update(
        versions_before={str(k): v for k, v in versions_before.items()},
        workers_polled=sorted({p for m in seen for p in m}),
        polls=len(seen),
        polls_with_other_version=len(drift),
        problem_json_after_s=problem_at,
        warning_texts=texts,
        warning_shown=shown,
        banner=banner,
        displays=judged,
        summary=sc.summarize(records),
    )
    ok = (
        reference
        and len(expected) == 1
        and not drift
        and judged["different"] == 0
        and judged["errors_after"] == 0
        and judged["compared"] > 0
        and bool(shown)
        and banner
    )
    out["met"] = ok
    lines = table(
        out["summary"],
        f"corrupt: {args.display} displays + {args.planners} planners, {args.duration:.0f} s; "
        f"{target.name} overwritten at {args.fault_at:.0f} s, watched {args.watch:.0f} s:",
    )
    lines += [
        f"versions before (per worker): {versions_before}; polls {len(seen)} over "
        f"{len(out['workers_polled'])} workers, with another version: {len(drift)}",
        f"problem.json written after {problem_at if problem_at is None else round(problem_at, 1)} s",
        f"display answers after the change: {judged['answers_after']}, compared with the same view before: "
        f"{judged['compared']}, different: {judged['different']} (views not seen before: "
        f"{judged['unseen_views_after']}); errors after the change: {judged['errors_after']}",
        f"planner warning (banner #data-warning on /unggah and /cakupan): "
        f"{'shown: ' + repr(shown[:2]) if shown and banner else 'NOT shown'} (texts of problem.json: {texts[:3]})",
        f"goal (served version and display unchanged, no errors, planner warned): {verdict(ok)}",
    ]
    return lines


MODES = {"load": mode_load, "soak": mode_soak, "kill": mode_kill, "corrupt": mode_corrupt}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mode", choices=MODES, default="load")
    ap.add_argument("--duration", type=float)
    ap.add_argument("--display", type=int)
    ap.add_argument("--planners", type=int)
    ap.add_argument(
        "--workers",
        type=int,
        default=3,
        help="gunicorn workers (serve --prod's default on 2 cores: 3)",
    )
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument(
        "--detik", type=float, default=20.0, help="display rotation, s (the page's default 20)"
    )
    ap.add_argument(
        "--think", type=float, default=5.0, help="planner think time, s (uniform 0.5-1.5x)"
    )
    ap.add_argument("--sample", type=float, default=30.0, help="soak: RSS sample interval, s")
    ap.add_argument(
        "--soak-warmup", type=float, default=120.0, help="soak: s before the first RSS window"
    )
    ap.add_argument(
        "--fault-at", type=float, default=30.0, help="kill/corrupt: s of load before the fault"
    )
    ap.add_argument(
        "--watch", type=float, default=30.0, help="corrupt: s to watch after the change"
    )
    ap.add_argument(
        "--max-requests", type=int, help="serve --prod --max-requests (0: workers never replaced)"
    )
    ap.add_argument("--seed", type=int, default=20241123)
    ap.add_argument("--keep", action="store_true", help="keep the tmp server folder (logs)")
    ap.add_argument(
        "--exe",
        default=str(ROOT / ".venv" / "bin" / "ilp-dash"),
        help="the ilp-dash command to serve",
    )
    args = ap.parse_args(argv)
    signal.signal(
        signal.SIGTERM, lambda *_: sys.exit(143)
    )  # stop the server we start on a plain kill too
    d, n_disp, n_plan = DEFAULTS[args.mode]
    args.duration = args.duration or d
    args.display = n_disp if args.display is None else args.display
    args.planners = n_plan if args.planners is None else args.planners
    if args.mode == "corrupt":
        args.duration = max(args.duration, args.fault_at + args.watch + 15)

    exe = Path(args.exe)
    prod = ss.has_prod(exe)
    info = machine(args.workers, args.threads)
    info["server"] = (
        "ilp-dash serve --prod (gunicorn gthread)" if prod else "ilp-dash serve (Flask dev server)"
    )
    out = {"mode": args.mode, "machine": info, "args": vars(args)}
    password = secrets.token_urlsafe(12)
    work = Path(tempfile.mkdtemp(prefix=f"ilp-serving-{args.mode}-"))
    lines = [f"{k}: {v}" for k, v in info.items()]
    try:
        with ss.Server(
            work,
            workers=args.workers,
            threads=args.threads,
            prod=prod,
            env=password_env(password),
            max_requests=args.max_requests,
            exe=exe,
        ) as server:
            out["warm_up_s"] = round(warm_up(server.base, args.workers, password), 1)
            lines.append(
                f"server up; untimed warm-up {out['warm_up_s']} s; pids {sorted(server.worker_pids())}"
            )
            print("\n".join(lines), flush=True)
            lines = MODES[args.mode](args, server, password, out)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"server folder kept: {work}")
    print("\n".join(lines), flush=True)
    ART.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.max_requests is None else f"-max{args.max_requests}"
    path = ART / f"serving-{args.mode}{suffix}.json"
    out["report"] = lines
    path.write_text(json.dumps(out, indent=1, default=str), encoding="utf-8")
    print(f"written: {path.relative_to(ROOT)}")
    return 0 if out.get("met") else 1


if __name__ == "__main__":
    sys.exit(main())
