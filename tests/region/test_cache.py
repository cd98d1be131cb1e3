"""The shared results cache (filesystem and a real Redis) and background callbacks on Celery + Redis.

A fixture starts ``redis-server`` on a free loopback port (no persistence) and
stops it afterwards; ``./dev.sh test`` installs Debian's ``redis-server``.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from http.cookiejar import CookieJar
from urllib.parse import urlencode

import pytest

from ..web.test_serving import ROOT, free_port, served_env, start, stop, wait_http

# a "worker": computes the hotspots of 33.20 with the shared cache attached and prints their digest;
# with "forbid", the hotspot analysis itself raises, so only a cache hit can answer
WORKER = """
import hashlib, sys
from flask import Flask
from ilp_dash.region import cache, results
if sys.argv[1] == "forbid":
    def refuse(*a, **k):
        raise RuntimeError("computed although the shared cache holds the result")
    results.hotspot_table = refuse  # the analysis the results module calls
cache.init_app(Flask("worker"))
table = results.hotspots("33.20")
print("DIGEST", hashlib.sha256(table.to_csv().encode()).hexdigest(), table.attrs["month"])
"""


@pytest.fixture
def redis_server(tmp_path):
    """A fresh ``redis-server`` on a free port; yields ``(url of db 0, process)``."""
    exe = shutil.which("redis-server")
    if exe is None:
        pytest.fail(
            "redis-server is not installed (Debian: apt-get install redis-server; ./dev.sh test installs it)"
        )
    import redis

    port = free_port()
    log = open(tmp_path / "redis.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        [exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        client = redis.Redis(port=port, socket_connect_timeout=1)
        deadline = time.monotonic() + 15
        while True:
            try:
                if client.ping():
                    break
            except redis.exceptions.ConnectionError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(
                        f"redis-server did not start: {(tmp_path / 'redis.log').read_text()}"
                    )
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0", proc
    finally:
        proc.terminate()
        proc.wait(10)
        log.close()


def _run_worker(mode: str, env: dict[str, str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", WORKER, mode],
        env=env,
        cwd=ROOT,
        capture_output=True,
        check=False,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return next(line for line in done.stdout.splitlines() if line.startswith("DIGEST"))


@pytest.mark.parametrize("backend", ["filesystem", "redis"])
def test_second_worker_takes_hotspots_from_the_shared_cache(backend, tmp_path, request):
    extra = {}
    if backend == "redis":
        url, _proc = request.getfixturevalue("redis_server")
        extra["REDIS_URL"] = url
    env = served_env(tmp_path, **extra)
    if (
        backend == "filesystem"
    ):  # control (once): without a shared result, the forbidding worker does fail
        cold = subprocess.run(
            [sys.executable, "-c", WORKER, "forbid"],
            env=served_env(tmp_path / "cold"),
            check=False,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert cold.returncode != 0 and "computed although" in cold.stderr
    first = _run_worker("compute", env)
    second = _run_worker("forbid", env)
    assert second == first
    if backend == "redis":
        import redis

        keys = redis.Redis.from_url(url).keys("ilp:_hotspots:33.20:*")
        assert len(keys) == 1
    else:
        assert any((tmp_path / "cache" / "results").iterdir())


def test_results_still_computed_when_redis_dies(redis_server, monkeypatch, caplog):
    from flask import Flask

    from ilp_dash.config import settings
    from ilp_dash.region import cache, results, store

    url, proc = redis_server
    monkeypatch.setenv("REDIS_URL", url)
    settings.cache_clear()
    monkeypatch.setattr(cache, "_cache", None)
    try:
        cache.init_app(Flask("redis-test"))
        store.reset()  # served from this test's folders, whatever earlier tests loaded
        results.clear()
        before = results.hotspots("33.20")
        import redis

        assert redis.Redis.from_url(url).keys("ilp:_hotspots:*")
        proc.kill()  # Redis gone between two requests
        proc.wait(10)
        results.clear()
        with caplog.at_level(logging.WARNING, logger="ilp_dash.region.cache"):
            after = results.hotspots("33.20")
        assert after.equals(before)
        assert any("shared cache unreadable" in r.getMessage() for r in caplog.records)
        assert any("shared cache not written" in r.getMessage() for r in caplog.records)
    finally:
        monkeypatch.delenv("REDIS_URL")
        settings.cache_clear()
        results.clear()


def test_value_that_does_not_pickle_is_computed_and_not_stored(tmp_path, monkeypatch, caplog):
    from flask import Flask

    from ilp_dash.config import settings
    from ilp_dash.region import cache

    monkeypatch.setenv("ILP_CACHE_DIR", str(tmp_path / "c"))
    settings.cache_clear()
    monkeypatch.setattr(cache, "_cache", None)
    try:
        cache.init_app(Flask("pickle-test"))
        with caplog.at_level(logging.WARNING, logger="ilp_dash.region.cache"):
            value = cache.fetch("x:1", lambda: lambda: 1)  # a lambda does not pickle
        assert callable(value)
        assert any("not written" in r.getMessage() for r in caplog.records)
        calls = []
        assert cache.fetch("y:1", lambda: calls.append(1) or None) is None
        assert cache.fetch("y:1", lambda: calls.append(1) or None) is None
        assert calls == [1]  # a cached None is a hit
    finally:
        settings.cache_clear()


# ------------------------------------------------------------------ Celery: the ambulance coverage curve
def _curve_body(deps: list[dict]) -> dict:
    cb = next(d for d in deps if "amb-curve.figure" in d["output"])
    assert cb.get("background"), "the coverage curve should be a background callback"
    outputs = [
        dict(zip(("id", "property"), o.split("."))) for o in cb["output"].strip(".").split("...")
    ]
    return {
        "output": cb["output"],
        "outputs": outputs,
        "changedPropIds": ["amb-optimise.n_clicks"],
        "inputs": [{"id": "amb-optimise", "property": "n_clicks", "value": 1}],
        "state": [
            {"id": "amb-k", "property": "value", "value": 8},
            {"id": "amb-t", "property": "value", "value": 10},
            {"id": "amb-state", "property": "data", "value": {"pinned": [], "removed": []}},
            {"id": "amb-ctx", "property": "data", "value": {"code": "33.20", "lang": "id"}},
        ],
    }


def test_background_callback_runs_on_the_celery_worker(redis_server, tmp_path):
    """Browser protocol by hand: page load (endId), callback POST (job handle), polls until the result."""
    url, _proc = redis_server
    env = served_env(tmp_path, ILP_BACKGROUND="celery", REDIS_URL=url, ILP_AUTH="off")
    port = free_port()
    worker = start(["worker"], env, tmp_path / "worker.log")
    server = start(
        ["serve", "--host", "127.0.0.1", "--port", str(port)], env, tmp_path / "server.log"
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_http(base + "/health", server, tmp_path / "server.log")
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
        page = opener.open(base + "/ambulans?region=33.20", timeout=60).read().decode()
        config = re.search(
            r'<script id="_dash-config" type="application/json">(.*?)</script>', page, re.DOTALL
        )
        end_id = json.loads(config.group(1))["end_id"]
        body = json.dumps(
            _curve_body(json.loads(opener.open(base + "/_dash-dependencies").read()))
        ).encode()

        def post(**query) -> dict:
            req = urllib.request.Request(
                f"{base}/_dash-update-component?{urlencode({'endId': end_id, **query})}",
                data=body,
                headers={"Content-Type": "application/json"},
            )
            with opener.open(req, timeout=60) as resp:
                return json.loads(resp.read())

        handle = post()
        assert set(handle) >= {"cacheKey", "job"}
        deadline = time.monotonic() + 60
        while "response" not in (answer := post(cacheKey=handle["cacheKey"], job=handle["job"])):
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()[-3000:]
            time.sleep(0.5)
        figure = answer["response"]["amb-curve"]["figure"]
        assert figure["data"] and len(figure["data"][0]["x"]) >= 1
        assert answer["response"]["amb-curve-wrap"]["style"] == {"display": "block"}
        worker_log = (tmp_path / "worker.log").read_text()
        assert re.search(r"Task background_callback_\w+\[[-\w]+\] succeeded", worker_log), (
            worker_log[-3000:]
        )
    finally:
        stop(server)
        stop(worker)


def test_celery_needs_a_redis_url(monkeypatch):
    from ilp_dash.config import settings
    from ilp_dash.web import background

    monkeypatch.setenv("ILP_BACKGROUND", "celery")
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("ILP_CELERY_BROKER_URL", raising=False)
    settings.cache_clear()
    try:
        assert background.uses_celery()
        with pytest.raises(background.BackgroundConfigError, match="REDIS_URL"):
            background.broker_url()
    finally:
        monkeypatch.delenv("ILP_BACKGROUND")
        settings.cache_clear()
