"""Load generator for ILP Dash served over HTTP: public displays and planners, no browser.

Shared by ``benchmarks/bench_serving.py`` (load, soak, kill, corrupt) and
``tests/test_serving_faults.py`` (the short version). Needs ``requests`` (a
dependency of Dash) and ``psutil`` (server processes: pids, RSS, connections).

What a client sends is what Dash's renderer sends (checked against Chromium's
network log, see ``benchmarks/serving.md``):

* **display** (``/layar``, public, unattended): ``GET /layar?region=…&detik=…``,
  ``GET /_dash-layout``, ``GET /_dash-dependencies``, the page-routing callback
  (``POST /_dash-update-component`` for ``_pages_content``) and the village GeoJSON
  ``GET /geo/<code>/<version>.json`` once; then the page's ``_turn`` callback every
  ``detik`` seconds (rotation, ``ly-rotate.n_intervals``) and every 300 s (refresh,
  ``ly-refresh.n_intervals``), with the ``ly-state`` the previous answer set, and
  the watchdog of ``assets/layar.js`` (``GET /_dash-layout`` every 15 s). Static
  assets (JS/CSS bundles) are not fetched: a display loads them once a day.
* **planner**: logs in (``/masuk``; a 404 means login is not installed and is
  tolerated), opens ``/cakupan`` like the display opens ``/layar``, then loops with
  a think time: indicator switch, month change and kecamatan on Cakupan, the K slider
  on Ambulans and the map switch on Stunting, moving between pages the way
  ``dcc.Link`` does (only the page-routing callback, no new ``GET``).

Every request is recorded (:class:`Record`): kind, start/end time, HTTP status,
error text (a connection error, a timeout or a status ≥ 400 is an error) and, for
the display's ``_turn``, a digest of the answer so a test can prove the picture did
not change.
"""

from __future__ import annotations

import hashlib
import random
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
REGION = "33.20"
WATCHDOG_SECONDS = 15.0  # assets/layar.js POLL_MS
REFRESH_SECONDS = 300.0  # ilp_dash.ui.display.REFRESH_SECONDS
TIMEOUT = 30.0
PLANNER_USER = "perencana"


# ------------------------------------------------------------------ recording
@dataclass
class Record:
    kind: str
    client: str
    start: float  # time.monotonic()
    end: float
    status: int | None
    error: str | None = None
    size: int = 0
    key: str | None = None  # display turns: "<trigger>:<index sent>:<version sent>"
    digest: str | None = None  # display turns: sha-1 of the answer
    retried: bool = False  # sent again after the server closed an idle kept-alive connection

    @property
    def latency(self) -> float:
        return self.end - self.start


class Recorder:
    """Thread-safe list of :class:`Record` plus the number of requests under way."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.in_flight = 0  # requests sent and not yet answered
        self._lock = threading.Lock()

    def sent(self, n: int) -> None:
        with self._lock:
            self.in_flight += n

    def add(self, rec: Record) -> None:
        with self._lock:
            self.records.append(rec)

    def snapshot(self) -> list[Record]:
        with self._lock:
            return list(self.records)


def percentile(values: list[float], q: float) -> float:
    """Linear-interpolated percentile (numpy's default) without numpy."""
    if not values:
        return float("nan")
    s = sorted(values)
    pos = (len(s) - 1) * q / 100.0
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summarize(records: list[Record]) -> dict[str, dict]:
    """Per kind and ``"all"``: requests, errors, error rate, p50/p95/p99/max latency in ms."""
    kinds: dict[str, list[Record]] = {}
    for r in records:
        kinds.setdefault(r.kind, []).append(r)
    kinds["all"] = list(records)
    out = {}
    for kind, recs in sorted(kinds.items()):
        lat = [r.latency * 1e3 for r in recs]
        errors = sum(1 for r in recs if r.error)
        out[kind] = {
            "requests": len(recs),
            "errors": errors,
            "retried": sum(1 for r in recs if r.retried),
            "error_rate": errors / len(recs) if recs else 0.0,
            "p50_ms": percentile(lat, 50),
            "p95_ms": percentile(lat, 95),
            "p99_ms": percentile(lat, 99),
            "max_ms": max(lat) if lat else float("nan"),
        }
    return out


def error_samples(records: list[Record], n: int = 5) -> list[str]:
    return [f"{r.kind} {r.status} {r.error}" for r in records if r.error][:n]


# ------------------------------------------------------------------ one browser-like client
def _closed_idle(exc: Exception) -> bool:
    """A connection the server closed under us (reset / remote end closed), not a timeout or refusal."""
    text = repr(exc)
    return any(
        s in text
        for s in (
            "Connection aborted",
            "RemoteDisconnected",
            "ConnectionResetError",
            "BrokenPipeError",
        )
    )


def _walk(node, props: dict[str, dict]) -> None:
    """Collect ``{id: props}`` of every component with a string id in a layout tree."""
    if isinstance(node, list):
        for child in node:
            _walk(child, props)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            p = node["props"]
            if isinstance(p.get("id"), str):
                props[p["id"]] = p
            for value in p.values():
                if isinstance(value, (dict, list)):
                    _walk(value, props)


def _outputs(spec: str) -> list[dict] | dict:
    """The ``outputs`` member of a callback body from the dependency's ``output`` string."""

    def one(s: str) -> dict:
        head, at, tail = s.partition("@")  # "village-map.figure@<hash>": an allow_duplicate output
        cid, prop = head.rsplit(".", 1)
        return {"id": cid, "property": prop + at + tail}

    if spec.startswith(".."):
        return [one(s) for s in spec[2:-2].split("...")]
    return one(spec)


class DashClient:
    """One browser tab: a keep-alive HTTP session, the page's component props and the app's callbacks."""

    def __init__(self, base: str, recorder: Recorder, name: str, timeout: float = TIMEOUT) -> None:
        self.base = base.rstrip("/")
        self.rec = recorder
        self.name = name
        self.timeout = timeout
        self.http = requests.Session()
        self.deps: list[dict] = []
        self.props: dict[str, dict] = {}
        self.end_id: str | None = None
        self.path, self.search = "/", ""

    # ---- plain requests, recorded
    def _idle_socket(self) -> bool:
        """Whether the next request goes out on a kept-alive connection (one the server may close meanwhile)."""
        try:
            pools = self.http.get_adapter(self.base).poolmanager.pools
            return any(
                c is not None and getattr(c, "sock", None) is not None
                for key in pools.keys()
                for c in list(pools[key].pool.queue)
            )
        except Exception:  # noqa: BLE001 — private urllib3 structures; no retry then
            return False

    def request(self, kind: str, method: str, path: str, *, key: str | None = None, **kw):
        """Send one request and record it; returns the response, or ``None`` on a connection error.

        Like Chromium, a request whose *kept-alive* connection was closed by the server before
        any answer came back is sent once more on a new connection (gunicorn closes idle
        connections after ``keepalive`` s; a browser never shows that as an error). Such a
        request is recorded with ``retried=True``; any other connection error is an error.
        """
        t0 = time.monotonic()
        self.rec.sent(1)
        try:
            return self._request(kind, method, path, t0, key, kw)
        finally:
            self.rec.sent(-1)

    def _request(self, kind, method, path, t0, key, kw):
        retried = False
        while True:
            reused = self._idle_socket()
            try:
                resp = self.http.request(method, self.base + path, timeout=self.timeout, **kw)
                body = resp.content
                break
            except requests.ConnectionError as exc:
                if reused and not retried and _closed_idle(exc):
                    retried = True
                    continue
                error = exc
            except requests.RequestException as exc:
                error = exc
            self.rec.add(
                Record(
                    kind,
                    self.name,
                    t0,
                    time.monotonic(),
                    None,
                    f"{type(error).__name__}: {error}"[:300],
                    key=key,
                    retried=retried,
                )
            )
            return None
        t1 = time.monotonic()
        ok = resp.status_code < 400 or (
            kind == "login-form" and resp.status_code == 404
        )  # no login installed
        digest = hashlib.sha1(body).hexdigest() if key else None
        self.rec.add(
            Record(
                kind,
                self.name,
                t0,
                t1,
                resp.status_code,
                None if ok else f"HTTP {resp.status_code}",
                len(body),
                key,
                digest,
                retried,
            )
        )
        return resp

    # ---- a page as the renderer loads it
    def open(self, path: str, search: str = "", *, kind: str = "page") -> bool:
        """Full page load: index HTML, layout, dependencies, then the page-routing callback."""
        resp = self.request(kind, "GET", path + search)
        if resp is None or resp.status_code >= 400:
            return False
        m = re.search(r'"end_id":"([^"]+)"', resp.text)
        self.end_id = m.group(1) if m else None
        for what in ("_dash-layout", "_dash-dependencies"):
            r = self.request(kind + "-" + what.strip("_").replace("dash-", ""), "GET", "/" + what)
            if r is None or r.status_code >= 400:
                return False
            if what == "_dash-dependencies":
                self.deps = r.json()
        self.props = {}
        return self.navigate(path, search, kind=kind + "-route", first=True)

    def navigate(
        self, path: str, search: str = "", *, kind: str = "route", first: bool = False
    ) -> bool:
        """What ``dcc.Link`` does: only the page-routing callback with the new location."""
        changed = {"_pages_location.pathname": path, "_pages_location.search": search}
        if not first:  # only what changed, like the renderer
            before = {"_pages_location.pathname": self.path, "_pages_location.search": self.search}
            changed = {k: v for k, v in changed.items() if v != before[k]}
        self.path, self.search = path, search
        out = self.callback("_pages_content.children", changed, kind=kind)
        if out is None:
            return False
        self.props = {"_pages_location": {"pathname": path, "search": search}}
        _walk(out.get("_pages_content", {}).get("children"), self.props)
        # what Chromium sends next once the page is drawn (its network log): the frame's region and
        # language dropdowns report their values, and Cakupan's empty village-selection store its data
        on_load = [
            {
                "region-select.value": self.props.get("region-select", {}).get("value"),
                "lang-select.value": self.props.get("lang-select", {}).get("value"),
            }
            if "region-select" in self.props and "lang-select" in self.props
            else None,
            {"ck-selected.data": None} if "ck-selected" in self.props else None,
        ]
        return all(self.fire(c, kind=kind) is not None for c in on_load if c)

    def dependency(self, output: str) -> dict:
        for d in self.deps:
            if output in d["output"]:
                return d
        raise KeyError(f"no callback with output {output!r}")

    def body(self, dep: dict, changed: dict[str, object]) -> dict:
        """The JSON body the renderer POSTs when ``changed`` (``{"id.prop": value}``) fire callback ``dep``."""
        for name, value in changed.items():
            cid, prop = name.rsplit(".", 1)
            self.props.setdefault(cid, {})[prop] = value

        def item(spec: dict) -> dict:
            out = {"id": spec["id"], "property": spec["property"]}
            props = self.props.get(spec["id"], {})
            if spec["property"] in props and props[spec["property"]] is not None:
                out["value"] = props[spec["property"]]
            return out

        body = {
            "output": dep["output"],
            "outputs": _outputs(dep["output"]),
            "inputs": [item(s) for s in dep["inputs"]],
            "changedPropIds": list(changed),
            "parsedChangedPropsIds": list(changed),
        }
        if dep["state"]:
            body["state"] = [item(s) for s in dep["state"]]
        return body

    def callback(
        self, output: str, changed: dict[str, object], *, kind: str, key: str | None = None
    ) -> dict | None:
        """POST the callback of ``output``; store the non-patch outputs as the components' new props."""
        return self._post(self.dependency(output), changed, kind=kind, key=key)

    def fire(self, changed: dict[str, object], *, kind: str) -> dict | None:
        """What the renderer does when props change: every server callback with one of them as input, in turn."""
        names = set(changed)
        answers: dict | None = {}
        for dep in self.deps:
            if dep.get("clientside_function") is None and any(
                f"{i['id']}.{i['property']}" in names for i in dep["inputs"]
            ):
                out = self._post(dep, changed, kind=kind)
                answers = None if out is None or answers is None else {**answers, **out}
        return answers

    def _post(
        self, dep: dict, changed: dict[str, object], *, kind: str, key: str | None = None
    ) -> dict | None:
        query = {"endId": self.end_id} if self.end_id else None
        resp = self.request(
            kind,
            "POST",
            "/_dash-update-component",
            params=query,
            json=self.body(dep, changed),
            key=key,
        )
        if resp is None or resp.status_code >= 400:
            return None
        if resp.status_code == 204:  # every output no_update
            return {}
        answer = resp.json().get("response", {})
        for cid, props in answer.items():
            for prop, value in props.items():
                if not (isinstance(value, dict) and "__dash_patch_update" in value):
                    self.props.setdefault(cid, {})[prop] = value
        return answer

    def login(self, password: str, user: str = PLANNER_USER) -> bool:
        """``/masuk``: read the form's csrf_token, post the credentials. 404 (no login installed) is fine."""
        resp = self.request("login-form", "GET", "/masuk")
        if resp is None:
            return False
        if resp.status_code == 404 or 'name="csrf_token"' not in resp.text:
            return True  # login not installed: the planner screens are open
        m = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', resp.text) or re.search(
            r'value="([^"]+)"[^>]*name="csrf_token"', resp.text
        )
        data = {
            "username": user,
            "password": password,
            "csrf_token": m.group(1) if m else "",
            "next": "/cakupan",
        }
        resp = self.request("login", "POST", "/masuk", data=data, allow_redirects=False)
        return resp is not None and resp.status_code in (200, 302, 303)

    def close(self) -> None:
        self.http.close()


# ------------------------------------------------------------------ display and planner loops
def turn_key(trigger: str, state: dict) -> str:
    return f"{trigger}:{state.get('index')}:{state.get('version')}"


def display_loop(
    base: str,
    rec: Recorder,
    stop: threading.Event,
    name: str,
    *,
    detik: float = 20.0,
    start_delay: float = 0.0,
    region: str = REGION,
    watchdog: bool = True,
) -> None:
    """One lobby screen until ``stop``: load /layar, then rotate / refresh / watchdog on their timers."""
    if stop.wait(start_delay):
        return
    c = DashClient(base, rec, name)
    try:
        while not stop.is_set() and not c.open(
            "/layar", f"?region={region}&detik={int(detik)}", kind="display"
        ):
            stop.wait(5.0)  # the watchdog's way: try again a little later
        if stop.is_set():
            return
        state = c.props.get("ly-state", {}).get("data") or {}
        c.request(
            "display-geo", "GET", f"/geo/{state.get('code', region)}/{state.get('version', 0)}.json"
        )
        t0 = time.monotonic()
        n_rot = n_ref = n_dog = 1
        while True:
            due = {
                "rotate": t0 + n_rot * detik,
                "refresh": t0 + n_ref * REFRESH_SECONDS,
                "watchdog": t0 + n_dog * WATCHDOG_SECONDS + 0.5 if watchdog else float("inf"),
            }
            what = min(due, key=due.get)
            if stop.wait(max(0.0, due[what] - time.monotonic())):
                return
            if what == "watchdog":
                n_dog += 1
                c.request(
                    "display-watchdog",
                    "GET",
                    "/_dash-layout",
                    headers={"Cache-Control": "no-store"},
                )
                continue
            if what == "rotate":
                n_rot += 1
                changed = {"ly-rotate.n_intervals": n_rot - 1}
            else:
                n_ref += 1
                changed = {"ly-refresh.n_intervals": n_ref - 1}
            state = c.props.get("ly-state", {}).get("data") or {}
            c.callback("ly-title.children", changed, kind="display-turn", key=turn_key(what, state))
    finally:
        c.close()


def planner_actions(c: DashClient, rng: random.Random):
    """The planner's screens and controls, forever: (kind, function) pairs to call in turn."""

    def cakupan_indicator():
        props = c.props.get("ck-indicator", {})
        options = [o["value"] for o in props.get("options", [])] or ["persen_ilp"]
        choice = rng.choice([o for o in options if o != props.get("value")] or options)
        return c.fire({"ck-indicator.value": choice}, kind="planner-cakupan")

    def cakupan_month():
        props = c.props.get("ck-month", {})
        top = int(props.get("max", 0) or 0)
        return c.fire({"ck-month.value": rng.randint(0, top)}, kind="planner-cakupan")

    def cakupan_kec():
        options = [o["value"] for o in c.props.get("ck-kec", {}).get("options", [])] or ["semua"]
        return c.fire({"ck-kec.value": rng.choice(options)}, kind="planner-cakupan")

    def ambulans_k():
        props = c.props.get("amb-k", {})
        lo, hi = int(props.get("min", 1) or 1), int(props.get("max", 1) or 1)
        return c.fire({"amb-k.value": rng.randint(lo, hi)}, kind="planner-ambulans")

    def stunting_switch():
        now = c.props.get("st-map-type", {}).get("value")
        return c.fire(
            {"st-map-type.value": "hotspots" if now == "prevalence" else "prevalence"},
            kind="planner-stunting",
        )

    script = [
        ("/cakupan", [cakupan_indicator, cakupan_month, cakupan_kec, cakupan_month]),
        ("/ambulans", [ambulans_k, ambulans_k]),
        ("/stunting", [stunting_switch, stunting_switch]),
    ]
    while True:
        for path, actions in script:
            yield ("nav", path)
            for action in actions:
                yield ("act", action)


def planner_loop(
    base: str,
    rec: Recorder,
    stop: threading.Event,
    name: str,
    *,
    password: str | None,
    think: float = 5.0,
    start_delay: float = 0.0,
    region: str = REGION,
    rng=None,
) -> None:
    """One planner until ``stop``: log in, open /cakupan, then the screens' controls with ``think`` s between."""
    rng = rng or random.Random()
    if stop.wait(start_delay):
        return
    c = DashClient(base, rec, name)
    search = f"?region={region}"
    try:
        if password is not None and not c.login(password):
            stop.wait(5.0)
        opened = c.open("/cakupan", search, kind="planner-page")
        for step, what in planner_actions(c, rng):
            if stop.wait(rng.uniform(0.5 * think, 1.5 * think)):
                return
            if step == "nav":
                if what == "/cakupan" and not opened:
                    opened = c.open("/cakupan", search, kind="planner-page")
                elif what != c.path:
                    c.navigate(what, search, kind="planner-route")
            elif c.path != "/cakupan" or opened:
                what()
    finally:
        c.close()


def run_clients(
    base: str,
    *,
    displays: int,
    planners: int,
    duration: float,
    detik: float = 20.0,
    think: float = 5.0,
    password: str | None = None,
    ramp: float | None = None,
    recorder: Recorder | None = None,
    stop: threading.Event | None = None,
    seed: int = 1,
    watchdog: bool = True,
) -> Recorder:
    """Run ``displays`` + ``planners`` clients for ``duration`` seconds; returns the recorder.

    Displays start spread over ``ramp`` seconds (default one rotation, ``detik``), so
    their turns arrive at a steady ~``displays / detik`` per second.
    """
    rec = recorder or Recorder()
    stop = stop or threading.Event()
    ramp = detik if ramp is None else ramp
    rng = random.Random(seed)
    threads = []
    for i in range(displays):
        t = threading.Thread(
            target=display_loop,
            args=(base, rec, stop, f"d{i}"),
            daemon=True,
            kwargs={"detik": detik, "start_delay": rng.uniform(0, ramp), "watchdog": watchdog},
        )
        threads.append(t)
    for i in range(planners):
        t = threading.Thread(
            target=planner_loop,
            args=(base, rec, stop, f"p{i}"),
            daemon=True,
            kwargs={
                "password": password,
                "think": think,
                "start_delay": rng.uniform(0, think),
                "rng": random.Random(rng.random()),
            },
        )
        threads.append(t)
    for t in threads:
        t.start()
    stop.wait(duration)
    stop.set()
    for t in threads:
        t.join(timeout=TIMEOUT + 5)
    return rec
