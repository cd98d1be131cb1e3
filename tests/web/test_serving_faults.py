"""``ilp-dash serve --prod`` on loopback: a short load, a killed worker, a corrupted data file.

The short version of ``benchmarks/bench_serving.py`` (figures: benchmarks/serving.md).
One server (gunicorn, 2 workers × 4 threads) on a free port with tmp copies of data/,
state and cache serves all tests of this module; the display clients rotate every 2 s
instead of the page's 20 s so that 15 s of load hold several turns per display.
``ILP_SERVING_TEST_EXE`` names another ``ilp-dash`` command to serve (to try a change).
"""

from __future__ import annotations

import json
import os
import secrets
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "benchmarks"))

import serving_client as sc  # noqa: E402
import serving_server as ss  # noqa: E402

EXE = Path(os.environ.get("ILP_SERVING_TEST_EXE", ROOT / ".venv" / "bin" / "ilp-dash"))
WORKERS = 2
PASSWORD = secrets.token_urlsafe(12)

pytestmark = pytest.mark.skipif(not EXE.exists(), reason="no .venv/bin/ilp-dash")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if not ss.has_prod(EXE):
        pytest.skip("ilp-dash serve --prod (gunicorn) not available")
    from werkzeug.security import generate_password_hash

    env = {
        "ILP_PLANNER_PASSWORD_HASH": generate_password_hash(PASSWORD),
        "ILP_SECRET_KEY": secrets.token_hex(32),
    }
    srv = ss.Server(
        tmp_path_factory.mktemp("serving"), workers=WORKERS, threads=4, env=env, exe=EXE
    )
    srv.start()
    try:
        rec = sc.Recorder()
        for i in range(WORKERS):  # untimed: each worker builds the pages once
            c = sc.DashClient(srv.base, rec, f"warm{i}")
            c.login(PASSWORD)
            c.open("/layar", f"?region={sc.REGION}", kind="warm")
            c.open("/cakupan", f"?region={sc.REGION}", kind="warm")
            c.close()
        yield srv
    finally:
        srv.stop()


def _load(
    srv, seconds: float, displays: int, planners: int
) -> tuple[sc.Recorder, threading.Thread]:
    rec = sc.Recorder()
    t = threading.Thread(
        target=sc.run_clients,
        args=(srv.base,),
        daemon=True,
        kwargs={
            "displays": displays,
            "planners": planners,
            "duration": seconds,
            "detik": 2.0,
            "think": 1.0,
            "ramp": 2.0,
            "password": PASSWORD,
            "recorder": rec,
        },
    )
    t.start()
    return rec, t


def test_displays_and_planners_without_errors(server):
    rec, t = _load(server, 15.0, displays=20, planners=2)
    t.join(60)
    records = rec.snapshot()
    summary = sc.summarize(records)
    assert summary["all"]["errors"] == 0, sc.error_samples(records)
    assert summary["display-turn"]["requests"] >= 20 * 4  # every display turned several times
    assert summary["display-route"]["requests"] == 20
    planner_actions = sum(
        v["requests"]
        for k, v in summary.items()
        if k in ("planner-cakupan", "planner-ambulans", "planner-stunting")
    )
    assert planner_actions >= 4
    assert (
        summary["login"]["requests"] == 2
    )  # login is on under --prod, and worked (no error above)


@pytest.fixture(scope="module")
def corrupted(server):
    """Displays turn while posyandu.xlsx of the served folder is overwritten with garbage; what they saw."""
    versions_before = server.versions_by_worker(30)
    rec, stop = sc.Recorder(), threading.Event()
    clients = [sc.DashClient(server.base, rec, f"c{i}") for i in range(4)]
    for c in clients:
        assert c.open("/layar", f"?region={sc.REGION}&detik=5", kind="display")
    n = {"turn": 0}

    def turn_all():
        n["turn"] += 1
        for c in clients:
            state = c.props["ly-state"]["data"]
            c.callback(
                "ly-title.children",
                {"ly-rotate.n_intervals": n["turn"]},
                kind="display-turn",
                key=sc.turn_key("rotate", state),
            )

    for _ in range(8):  # every view at least twice before the change
        turn_all()
    t_c = time.monotonic()
    ss.corrupt_file(server.data / sc.REGION / "posyandu.xlsx")
    problem = server.state / sc.REGION / "problem.json"
    polls, problem_after = [], None
    while time.monotonic() - t_c < 25 and (
        problem_after is None or time.monotonic() - t_c < problem_after + 4
    ):
        turn_all()
        polls.append(server.versions_by_worker(6))
        if problem_after is None and problem.exists():
            problem_after = time.monotonic() - t_c
        time.sleep(0.3)
    stop.set()
    for c in clients:
        c.close()
    return {
        "versions_before": versions_before,
        "polls": polls,
        "problem_after": problem_after,
        "records": rec.snapshot(),
        "t_c": t_c,
    }


def test_corrupt_file_changes_nothing_displays_see(corrupted):
    before = corrupted["versions_before"]
    assert before and len({json.dumps(v, sort_keys=True) for v in before.values()}) == 1
    served = next(iter(before.values()))
    seen = {pid: v for poll in corrupted["polls"] for pid, v in poll.items()}
    assert seen and all(v == served for poll in corrupted["polls"] for v in poll.values()), seen
    assert corrupted["problem_after"] is not None, "the bad file was not detected within 25 s"
    judged = ss.judge_corrupt(corrupted["records"], corrupted["t_c"])
    assert judged["distinct_answers_per_view_before"] == 1  # a view's answer is reproducible at all
    assert judged["answers_after"] >= 4 * 4
    assert judged["compared"] == judged["answers_after"]
    assert judged["different"] == 0
    assert judged["errors_after"] == 0 and not any(r.error for r in corrupted["records"])


def test_corrupt_file_warns_planner(server, corrupted):
    texts = ss.problem_text(server.state)
    assert texts and "posyandu.xlsx" in texts
    c = sc.DashClient(server.base, sc.Recorder(), "planner")
    assert c.login(PASSWORD)
    for path in ("/unggah", "/cakupan"):  # the banner heads every planner screen
        assert c.open(path, f"?region={sc.REGION}", kind="planner-page")
        assert "data-warning" in c.props, path
        shown = json.dumps(c.props["data-warning"], ensure_ascii=False)
        messages = [t for t in texts if t != "posyandu.xlsx"]
        assert "posyandu.xlsx" in shown and any(m in shown for m in messages), (messages, shown)
    c.close()
    public = sc.DashClient(server.base, sc.Recorder(), "display")
    assert public.open("/layar", f"?region={sc.REGION}", kind="display")
    assert "data-warning" not in public.props  # the lobby shows nothing of it
    public.close()


def test_sigkill_worker_loses_only_in_flight_requests(server):
    """… and of the load, only requests in flight at that moment may fail; the master replaces the worker."""
    rec, t = _load(server, 14.0, displays=12, planners=2)
    time.sleep(5.0)
    facts = ss.kill_worker(server, rec)
    t.join(60)
    records = rec.snapshot()
    judged = ss.judge_kill(records, facts)
    assert facts["probe"].startswith("lost"), facts[
        "probe"
    ]  # our request in flight on the victim is lost …
    assert facts["respawn_s"] is not None, "the master did not start a new worker within 60 s"
    assert judged["errors"] <= judged["in_flight_at_kill"], judged
    assert judged["errors_begun_after_kill"] == 0, judged
    assert judged["requests_after_respawn"] > 0 and judged["errors_after_respawn"] == 0, judged
    new = set(facts["workers_after"]) - set(facts["workers_before"])
    assert new and facts["victim"] not in facts["workers_after"]
    answers = server.versions_by_worker(20)
    assert answers and facts["victim"] not in answers


def test_new_workers_answer_their_first_display_turns(server):
    """A worker the master starts anew (after a kill, or gunicorn's max_requests) answers at once.

    Its first requests arrive together: none may be refused (403) or fail while the
    worker is still setting up.
    """
    import signal
    from collections import Counter

    import requests

    c = sc.DashClient(server.base, sc.Recorder(), "display")
    assert c.open("/layar", f"?region={sc.REGION}", kind="display")
    body = c.body(c.dependency("ly-title.children"), {"ly-rotate.n_intervals": 1})
    c.close()
    old = server.worker_pids()
    for pid in old:
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        now = server.worker_pids()
        if len(now) == WORKERS and not now & old:
            break
        time.sleep(0.05)
    assert not server.worker_pids() & old
    time.sleep(0.5)
    n = 4 * WORKERS * 2
    codes, start = [], threading.Barrier(n)

    def post():
        start.wait()
        try:
            r = requests.post(
                server.base + "/_dash-update-component",
                json=body,
                timeout=60,
                headers={"Connection": "close"},
            )
            codes.append(r.status_code)
        except requests.RequestException as exc:
            codes.append(type(exc).__name__)

    threads = [threading.Thread(target=post) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(90)
    assert Counter(codes) == Counter({200: n})
