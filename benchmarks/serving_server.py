"""The server side of the serving benchmark: ``ilp-dash serve --prod`` on a free loopback port, and its faults.

:class:`Server` starts the app with its own copy of ``data/``, state and cache;
:func:`kill_worker` and :func:`corrupt_file` break it under load, and
:func:`judge_kill` / :func:`judge_corrupt` say whether users saw only what the
issue allows. The clients are in :mod:`serving_client`.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import requests
from serving_client import REGION, ROOT, DashClient, Record, Recorder, error_samples, turn_key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def has_prod(exe: Path) -> bool:
    """Whether ``ilp-dash serve`` knows ``--prod`` (gunicorn) yet."""
    out = subprocess.run(
        [str(exe), "serve", "--help"], capture_output=True, text=True, timeout=60
    ).stdout
    return "--prod" in out


class Server:
    """``ilp-dash serve --prod`` on a free loopback port with its own copy of data/, state and cache.

    Use as a context manager; ``stop()`` ends the whole process group it started.
    """

    def __init__(
        self,
        workdir: Path,
        *,
        workers: int = 2,
        threads: int = 4,
        prod: bool = True,
        env: dict[str, str] | None = None,
        exe: Path | None = None,
        log_name: str = "server.log",
        max_requests: int | None = None,
    ) -> None:
        self.workdir = Path(workdir)
        self.data = self.workdir / "data"
        self.state = self.workdir / "state"
        self.workers, self.threads, self.prod = workers, threads, prod
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.exe = exe or ROOT / ".venv" / "bin" / "ilp-dash"
        self.extra_env = env or {}
        self.max_requests = max_requests
        self.log_path = self.workdir / log_name
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self, wait: float = 180.0) -> None:
        if not self.data.exists():
            shutil.copytree(
                ROOT / "data", self.data, ignore=shutil.ignore_patterns(".ilp", ".staging")
            )
        env = {k: v for k, v in os.environ.items() if not k.startswith("ILP_")}
        env.update(
            {
                "ILP_DATA_DIR": str(self.data),
                "ILP_STATE_DIR": str(self.state),
                "ILP_CACHE_DIR": str(self.workdir / "cache"),
                "PYTHONUNBUFFERED": "1",
            }
        )
        env.update(self.extra_env)
        cmd = [str(self.exe), "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        if self.prod:
            cmd += ["--prod", "--workers", str(self.workers), "--threads", str(self.threads)]
            if self.max_requests is not None:
                cmd += ["--max-requests", str(self.max_requests)]
        self._log = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            cwd=self.workdir,
            start_new_session=True,
        )
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"server exited with {self.proc.returncode}; see {self.log_path}"
                )
            try:
                if requests.get(self.base + "/health", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(
            f"server did not answer /health within {wait:.0f} s; see {self.log_path}"
        )

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=20)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
        self._log.close()
        self.proc = None

    def processes(self):
        """psutil processes of the server: the process we started and all its descendants."""
        import psutil

        try:
            top = psutil.Process(self.proc.pid)
            return [top] + top.children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def worker_pids(self) -> set[int]:
        """Pids that answer requests: the gunicorn workers (the children of the master we started)."""
        import psutil

        if not self.prod:
            return {self.proc.pid}
        try:
            return {p.pid for p in psutil.Process(self.proc.pid).children()}
        except psutil.NoSuchProcess:
            return set()

    def health(self, tries: int = 1) -> list[dict]:
        """``/health`` answers (fresh connection each), ``tries`` times."""
        out = []
        for _ in range(tries):
            try:
                r = requests.get(self.base + "/health", timeout=10, headers={"Connection": "close"})
                if r.status_code == 200:
                    out.append(r.json())
            except requests.RequestException:
                pass
        return out

    def versions_by_worker(self, tries: int = 40) -> dict[int, dict]:
        """``{pid: versions}`` over ``tries`` fresh-connection /health calls (the kernel spreads them)."""
        return {h["pid"]: h.get("versions", {}) for h in self.health(tries)}


# ------------------------------------------------------------------ faults and how to judge them
def kill_worker(server: Server, rec: Recorder | None = None, wait: float = 15.0) -> dict:
    """SIGKILL a worker while it answers a request of ours; wait for the master to replace it.

    A probe connection asks ``/health`` (keep-alive: the connection stays with the worker that
    answered, whose pid it names), then sends a slow request (the briefing map PNG) on the same
    connection and the worker is killed 50 ms later: that request is certainly in flight on the
    victim. With ``rec``, the kill waits (at most ``wait`` s) until the load has requests under way.
    Returns the facts, among them what became of the probe request.
    """
    import http.client

    import psutil

    before = server.worker_pids()
    if rec is not None:
        deadline = time.monotonic() + wait
        while rec.in_flight == 0 and time.monotonic() < deadline:
            time.sleep(0.005)
    probe = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    probe.request("GET", "/health")
    victim = json.loads(probe.getresponse().read())["pid"]
    probe.request("GET", f"/ekspor/peta.png?region={REGION}&probe={time.monotonic()}")
    time.sleep(0.05)
    try:
        conns = len(
            [
                c
                for c in psutil.Process(victim).net_connections(kind="tcp")
                if c.status == "ESTABLISHED"
            ]
        )
    except (psutil.Error, AttributeError):
        conns = None
    in_flight_client = rec.in_flight if rec is not None else None
    t_kill = time.monotonic()
    os.kill(victim, signal.SIGKILL)
    try:
        resp = probe.getresponse()
        resp.read()
        probe_outcome = f"answered {resp.status} (finished before the kill)"
    except (OSError, http.client.HTTPException) as exc:
        probe_outcome = f"lost ({type(exc).__name__})"
    probe.close()
    respawn = None
    while time.monotonic() - t_kill < 60:
        now = server.worker_pids()
        if victim not in now and len(now) >= len(before) and now - before:
            respawn = time.monotonic() - t_kill
            break
        time.sleep(0.1)
    return {
        "victim": victim,
        "t_kill": t_kill,
        "victim_connections": conns,
        "respawn_s": respawn,
        "probe": probe_outcome,
        "load_in_flight_at_kill": in_flight_client,
        "workers_before": sorted(before),
        "workers_after": sorted(server.worker_pids()),
    }


def judge_kill(records: list[Record], facts: dict) -> dict:
    t = facts["t_kill"]
    in_flight = [r for r in records if r.start <= t < r.end]
    errors = [r for r in records if r.error]
    after = [
        r for r in records if r.start > t + 0.05
    ]  # begun after the kill (50 ms: clock of the kill itself)
    late_errors = [r for r in after if r.error]
    respawned_at = t + (facts["respawn_s"] or 1e9)
    after_respawn = [r for r in records if r.start > respawned_at]
    return {
        "in_flight_at_kill": len(in_flight),
        "errors": len(errors),
        "in_flight_resent": len([r for r in in_flight if r.retried and not r.error]),
        "errors_in_flight_at_kill": len([r for r in errors if r.start <= t + 0.05 and r.end >= t]),
        "errors_begun_after_kill": len(late_errors),
        "requests_after_respawn": len(after_respawn),
        "errors_after_respawn": len([r for r in after_respawn if r.error]),
        "error_samples": error_samples(errors, 10),
    }


def problem_text(state: Path) -> list[str]:
    """Strings of ``problem.json`` that a planner warning could show (messages, file names)."""
    data = json.loads((state / REGION / "problem.json").read_text(encoding="utf-8"))
    out = list(data.get("files", []))
    for p in data.get("problems", []):
        out += [p.get("message_id") or "", p.get("message_en") or ""]
    return [s for s in out if s]


def corrupt_file(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04 this is not a workbook " + os.urandom(4096))


def reference_turns(base: str, rec: Recorder, rounds: int = 2, region: str = REGION) -> bool:
    """One display that shows every view, by rotation and by refresh, ``rounds`` times: the answers to compare with."""
    c = DashClient(base, rec, "reference")
    try:
        if not c.open("/layar", f"?region={region}", kind="reference"):
            return False
        views = len(c.props["ly-state"]["data"].get("views") or [])
        for n in range(rounds * views):
            for trigger, prop in (
                ("refresh", "ly-refresh.n_intervals"),
                ("rotate", "ly-rotate.n_intervals"),
            ):
                state = c.props["ly-state"]["data"]
                if (
                    c.callback(
                        "ly-title.children",
                        {prop: n + 1},
                        kind="reference",
                        key=turn_key(trigger, state),
                    )
                    is None
                ):
                    return False
        return True
    finally:
        c.close()


def judge_corrupt(records: list[Record], t_c: float) -> dict:
    before: dict[str, set] = {}
    for r in records:
        if r.key and r.start < t_c and not r.error:
            before.setdefault(r.key, set()).add(r.digest)
    after = [r for r in records if r.key and r.start >= t_c]
    compared = [r for r in after if r.key in before]
    differ = [r for r in compared if r.digest not in before[r.key]]
    return {
        "answers_before": sum(1 for r in records if r.key and r.start < t_c),
        "distinct_answers_per_view_before": max((len(v) for v in before.values()), default=0),
        "answers_after": len(after),
        "compared": len(compared),
        "different": len(differ),
        "unseen_views_after": len(after) - len(compared),
        "errors_after": len([r for r in records if r.start >= t_c and r.error]),
    }
