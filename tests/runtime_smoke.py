"""Runtime smoke check: the app starts and answers from a venv with only ``pip install .``.

Run by ``./dev.sh test`` after pytest (not collected by pytest: no ``test_`` prefix):

    python tests/runtime_smoke.py [--venv .venv-runtime]

Standard library only; any Python can drive it. In the runtime venv (built by
dev.sh with the runtime dependencies and no extras) it

1. runs ``pip check``;
2. starts ``ilp-dash serve`` on a free port, on a copy of ``data/`` in a
   temporary folder (nothing in the working tree is written);
3. loads ``/`` and, for every screen, the page as Dash's router asks for it
   (``POST /_dash-update-component``, output ``_pages_content.children``) and
   one callback of the screen, fed with the values of the page just rendered;
4. reads an ``.osm.pbf`` road file without the optional ``osmium`` package:
   a clear message in both languages, no traceback;
5. fails if any answer is not 200/204 or the server log holds a traceback,
   then stops the server.

A missing runtime dependency shows up as a server that does not start (its log
is printed) or as a ``pip check`` complaint.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT_S = 180  # the default region's analyses run before the first answer (warm start)
REQUEST_TIMEOUT_S = 120
BAD_UPLOAD = "kolom_asing,lainnya\n1,2\n"  # synthetic: no recognised column -> a report, no change

# screen -> the inputs ("id.property", in order) of one cheap callback of that screen, or None
SCREENS: dict[str, list[str] | None] = {
    "/": None,  # the briefing has no server callback of its own: its page render is the check
    "/cakupan": ["ck-indicator.value", "ck-month.value", "ck-kec.value"],
    "/stunting": ["st-map-type.value", "st-rate.value"],
    "/rujukan": ["rj-threshold.value", "rj-measure.value"],
    "/ambulans": ["amb-k.value", "amb-t.value", "amb-mode.value", "amb-state.data"],
    "/layar": ["ly-rotate.n_intervals", "ly-refresh.n_intervals"],  # the rotation, _turn
    "/unggah": ["up-payload.data"],
}
# values a user action would bring (the rendered page holds none for these)
ACTIONS = {
    "ly-rotate.n_intervals": 1,
    "up-payload.data": {
        "contents": "data:text/csv;base64," + base64.b64encode(BAD_UPLOAD.encode()).decode(),
        "filename": "bukan_register.csv",
    },
}


class SmokeFailure(Exception):
    pass


def fail(message: str) -> None:
    raise SmokeFailure(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(
        base + path,
        data=data,
        headers={"Content-Type": "application/json"} if data else {},
        method="POST" if data else "GET",
    )
    try:
        with urllib.request.urlopen(req, timeout=REQUEST_TIMEOUT_S) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def parse_outputs(output: str) -> list[dict]:
    """Dash's output string (``..a.b...c.d..`` or ``a.b``) as the renderer sends it."""
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    out = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        out.append({"id": ident, "property": prop.split("@")[0]})
    return out


def find_callback(deps: list[dict], inputs: list[str]) -> dict:
    for dep in deps:
        names = [f"{i['id']}.{i['property']}" for i in dep["inputs"]]
        if names[: len(inputs)] == inputs:
            return dep
    fail(f"no callback with inputs {inputs} in /_dash-dependencies")


def props_by_id(tree, found: dict | None = None) -> dict:
    """Every component of a rendered layout: ``{id: props}`` (string ids only)."""
    found = {} if found is None else found
    if isinstance(tree, list):
        for item in tree:
            props_by_id(item, found)
    elif isinstance(tree, dict):
        props = tree.get("props")
        if isinstance(props, dict):
            if isinstance(props.get("id"), str):
                found[props["id"]] = props
            for value in props.values():
                props_by_id(value, found)
    return found


def call(base: str, dep: dict, values: dict) -> tuple[int, bytes]:
    def items(specs):
        return [
            {
                "id": s["id"],
                "property": s["property"],
                "value": values.get(f"{s['id']}.{s['property']}"),
            }
            for s in specs
        ]

    inputs = items(dep["inputs"])
    body = {
        "output": dep["output"],
        "outputs": parse_outputs(dep["output"]),
        "inputs": inputs,
        "changedPropIds": [f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": items(dep.get("state", [])),
    }
    if len(body["outputs"]) == 1:
        body["outputs"] = body["outputs"][0]
    return request(base, "/_dash-update-component", body)


def check_screens(base: str) -> list[str]:
    done = []
    status, page = request(base, "/")
    if status != 200 or b"_dash-config" not in page:
        fail(f"GET / -> {status}")
    done.append("GET / 200")
    status, raw = request(base, "/_dash-dependencies")
    if status != 200:
        fail(f"GET /_dash-dependencies -> {status}")
    deps = json.loads(raw)
    router = next((d for d in deps if "_pages_content.children" in d["output"]), None)
    if router is None:
        fail("the Dash pages router callback is missing")
    for path, inputs in SCREENS.items():
        values = {"_pages_location.pathname": path, "_pages_location.search": ""}
        status, raw = call(base, router, values)
        if status != 200:
            fail(f"{path}: page callback -> {status}: {raw[:300]!r}")
        content = json.loads(raw)["response"]["_pages_content"]["children"]
        line = f"{path}: page 200"
        if inputs:
            dep = find_callback(deps, inputs)
            layout = props_by_id(content)
            values = {
                f"{s['id']}.{s['property']}": layout.get(s["id"], {}).get(s["property"])
                for s in dep["inputs"] + dep.get("state", [])
            }
            values.update({k: v for k, v in ACTIONS.items() if k in values})
            status, raw = call(base, dep, values)
            if status not in (200, 204):
                fail(f"{path}: callback {inputs[0]} -> {status}: {raw[:300]!r}")
            if status == 200 and not json.loads(raw).get("response"):
                fail(f"{path}: callback {inputs[0]} answered without outputs: {raw[:300]!r}")
            line += f", callback {inputs[0]} {status}"
        done.append(line)
    return done


def check_osmium_message(exe: Path, env: dict, tmp: Path) -> str:
    """Without the optional osmium package an .osm.pbf gives the bilingual message, exit 1."""
    pbf = tmp / "jalan.osm.pbf"
    pbf.write_bytes(b"synthetic, never read")
    probe = subprocess.run(
        [str(exe.parent / "python"), "-c", "import osmium"], capture_output=True, env=env
    )
    if probe.returncode == 0:
        return "osmium is installed in the runtime venv: message check skipped"
    run = subprocess.run(
        [
            str(exe),
            "referral",
            "--region",
            "33.20",
            "--roads",
            str(pbf),
            "--out",
            str(tmp / "r.csv"),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=REQUEST_TIMEOUT_S,
    )
    if run.returncode != 1 or "Traceback" in run.stderr or "osmium" not in run.stderr:
        fail(f"referral --roads .osm.pbf without osmium: exit {run.returncode}\n{run.stderr}")
    if "belum terpasang" not in run.stderr or "not installed" not in run.stderr:
        fail(f"the osmium message is not in both languages:\n{run.stderr}")
    return "referral --roads .osm.pbf without osmium: clear message, exit 1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--venv", default=str(ROOT / ".venv-runtime"))
    venv = Path(parser.parse_args(argv).venv).resolve()
    python, exe = venv / "bin" / "python", venv / "bin" / "ilp-dash"
    if not exe.exists():
        print(f"runtime smoke: {exe} is missing (build the venv: ./dev.sh test)", file=sys.stderr)
        return 2
    t0 = time.monotonic()
    check = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True)
    if check.returncode != 0:
        print(f"RUNTIME SMOKE FAILED: pip check in {venv}\n{check.stdout}{check.stderr}")
        return 1
    with tempfile.TemporaryDirectory(prefix="ilp-smoke-") as tmp_name:
        tmp = Path(tmp_name)
        data = tmp / "data"
        shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".ilp", ".staging"))
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith("ILP_") and k != "REDIS_URL"}
        env.update(
            ILP_DATA_DIR=str(data),
            ILP_GEODATA_DIR=str(ROOT / "geodata"),
            ILP_CACHE_DIR=str(tmp / "cache"),
            PYTHONUNBUFFERED="1",
        )
        log_path = tmp / "server.log"
        with open(log_path, "wb") as log:
            server = subprocess.Popen(
                [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=tmp,  # not the source tree: the installed package must stand on its own
            )
        try:
            done = [f"pip check ok ({venv.name})"]
            osm = check_osmium_message(exe, env, tmp)  # while the server warms up
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + START_TIMEOUT_S
            while True:
                if server.poll() is not None:
                    fail(f"ilp-dash serve exited with {server.returncode} before answering")
                try:
                    with urllib.request.urlopen(base + "/_dash-layout", timeout=5):
                        break
                except (urllib.error.URLError, OSError):
                    if time.monotonic() > deadline:
                        fail(f"ilp-dash serve did not answer within {START_TIMEOUT_S} s")
                    time.sleep(0.5)
            done += check_screens(base)
            done.append(osm)
            text = log_path.read_text(errors="replace")
            if "Traceback" in text or "Exception on" in text:
                fail("the server log holds a traceback")
        except SmokeFailure as exc:
            print(f"RUNTIME SMOKE FAILED: {exc}\n--- server log ({venv.name}) ---")
            print(log_path.read_text(errors="replace")[-6000:])
            return 1
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
    for line in done:
        print(f"runtime smoke: {line}")
    print(f"runtime smoke: ok in {time.monotonic() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
