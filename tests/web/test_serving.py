"""``ilp-dash serve --prod``: gunicorn with several workers, preloaded app, clean stop on SIGTERM.

One real server (2 workers) is started for the module on a free loopback port,
with a copy of data/ and temporary state and cache folders. The last test
stops it with SIGTERM. The helpers here (free port, environment, start/stop,
HTTP) are also used by tests/test_cache_redis.py.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 120.0


# ------------------------------------------------------------------ helpers (shared with test_cache_redis)
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def served_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Environment for a server/worker subprocess: a copy of data/, its own state and cache folders."""
    data = tmp / "data"
    if not data.exists():
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".ilp", ".staging"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("ILP_") and k != "REDIS_URL"}
    env.update(
        ILP_DATA_DIR=str(data),
        ILP_STATE_DIR=str(tmp / "state"),
        ILP_CACHE_DIR=str(tmp / "cache"),
        PYTHONUNBUFFERED="1",
    )
    env.update(extra)
    return env


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """``python -m ilp_dash.cli <args>`` in its own process group, output to ``log``."""
    out = open(log, "wb")  # noqa: SIM115 - closed with the process in stop()
    proc = subprocess.Popen(
        [sys.executable, "-m", "ilp_dash.cli", *args],
        env=env,
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    proc.log_file = out  # type: ignore[attr-defined]
    return proc


def stop(proc: subprocess.Popen, timeout: float = 30.0) -> None:
    """SIGTERM to the process group started by :func:`start`, SIGKILL if it outlives ``timeout``."""
    try:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(10)
        try:  # children left behind by a killed leader
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    finally:
        proc.log_file.close()  # type: ignore[attr-defined]


def get(url: str, *, follow: bool = True, timeout: float = 30.0) -> tuple[int, bytes, dict]:
    """``(status, body, headers)`` of a GET; redirects are returned, not followed, when ``follow=False``."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener() if follow else urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as resp:
            return resp.status, resp.read(), dict(resp.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


def wait_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = START_TIMEOUT) -> None:
    """Wait until ``url`` answers 200; fail with the server's log when it exits or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(
                f"server exited ({proc.returncode}):\n{log.read_text(errors='replace')[-3000:]}"
            )
        try:
            if get(url, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(
        f"{url} did not answer within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}"
    )


def parent_pid(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def alive(pid: int) -> bool:
    """The process exists and is not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


# ------------------------------------------------------------------ options (no server)
def test_default_workers_is_cores_plus_one_capped():
    from ilp_dash.web.serving import default_workers

    assert default_workers(1) == 2
    assert default_workers(2) == 3
    assert default_workers(16) == 4


def test_gunicorn_options():
    from ilp_dash.web.serving import _options

    opts = _options("127.0.0.1", 8050, 3, 4, access_log=False)
    assert opts["worker_class"] == "gthread" and opts["preload_app"] is True
    assert (opts["workers"], opts["threads"], opts["timeout"], opts["graceful_timeout"]) == (
        3,
        4,
        120,
        30,
    )
    assert opts["accesslog"] is None and opts["errorlog"] == "-"
    assert opts["max_requests"] > 0 and 0 < opts["max_requests_jitter"] < opts["max_requests"]
    assert _options("127.0.0.1", 8050, 3, 4, access_log=True)["accesslog"] == "-"


# ------------------------------------------------------------------ a real server
@pytest.fixture(scope="module")
def prod_server(tmp_path_factory):
    from werkzeug.security import generate_password_hash

    tmp = tmp_path_factory.mktemp("prod")
    port = free_port()
    env = served_env(
        tmp,
        ILP_PLANNER_PASSWORD_HASH=generate_password_hash("uji-rahasia-123"),
        ILP_SECRET_KEY="test-secret-key",
    )
    log = tmp / "server.log"
    t0 = time.monotonic()
    proc = start(
        ["serve", "--prod", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"], env, log
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/health", proc, log)
        print(f"serve --prod answered after {time.monotonic() - t0:.1f} s")
        yield {"proc": proc, "base": base, "log": log, "tmp": tmp}
    finally:
        stop(proc)


def test_health_answers_from_several_workers_of_the_master(prod_server):
    pids = set()
    for _ in range(200):
        status, body, _headers = get(prod_server["base"] + "/health")
        assert status == 200
        info = json.loads(body)
        assert info["ok"] is True and "33.20" in info["versions"]
        pids.add(info["pid"])
        if len(pids) >= 2:
            break
    assert len(pids) == 2, pids
    master = prod_server["proc"].pid
    assert master not in pids
    assert all(parent_pid(p) == master for p in pids)


def test_master_warmed_the_default_region_into_the_shared_cache(prod_server):
    files = [
        p
        for p in (prod_server["tmp"] / "cache" / "results").iterdir()
        if not p.name.startswith("__")
    ]
    assert (
        len(files) >= 4
    )  # travel, referral, to-puskesmas/siting or hotspots, GeoJSON of the briefing
    assert "running at http://127.0.0.1:" in prod_server["log"].read_text()


def test_public_display_and_its_layout(prod_server):
    base = prod_server["base"]
    status, body, _ = get(base + "/layar?region=33.20")
    assert status == 200 and b"_dash-config" in body
    status, body, headers = get(base + "/_dash-layout")
    assert status == 200 and headers["Content-Type"].startswith("application/json")
    assert json.loads(body)["props"]["children"]


def test_planner_screen_needs_login_in_production(prod_server):
    status, _body, headers = get(prod_server["base"] + "/cakupan?region=33.20", follow=False)
    assert status == 302 and "/masuk" in headers["Location"]
    status, body, _ = get(prod_server["base"] + "/masuk")
    assert status == 200 and b'name="password"' in body


def test_sigterm_stops_master_and_workers(prod_server):
    """Runs last: stops the module's server."""
    proc = prod_server["proc"]
    workers = {json.loads(get(prod_server["base"] + "/health")[1])["pid"] for _ in range(10)}
    t0 = time.monotonic()
    os.kill(proc.pid, signal.SIGTERM)
    proc.wait(30)
    assert time.monotonic() - t0 < 30
    for pid in workers:
        deadline = time.monotonic() + 5
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not alive(pid), f"worker {pid} still running"
    assert "Shutting down" in prod_server["log"].read_text()
