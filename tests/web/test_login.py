"""Planner login and the request gate (ilp_dash.web.login), through Flask's test client.

One app serves the whole module (building one takes seconds); each test sets
the login environment it needs, which the gate reads at request time. Every
password and hash here is made up by the test itself.
"""

from __future__ import annotations

import json
import re
import stat
import subprocess
import sys
import time
import types

import pytest
from werkzeug.security import generate_password_hash

from ilp_dash import access
from ilp_dash.config import settings
from ilp_dash.ui import login as login_view
from ilp_dash.web import gate, login

from .conftest import FAST, PASSWORD, _env

UPLOAD_OUTPUT = "..up-result.children...up-map-box.children...up-current.children.."
ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."


def _token(client, lang: str = "") -> str:
    page = client.get("/masuk" + lang).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _login(client, password: str = PASSWORD, user: str = "perencana", next_: str = "/cakupan"):
    return client.post(
        "/masuk",
        data={"username": user, "password": password, "csrf_token": _token(client), "next": next_},
    )


def _callback(
    client, output: str, outputs: list, inputs: list, state: list | None = None, changed=None
):
    body = {
        "output": output,
        "outputs": outputs,
        "inputs": inputs,
        "state": state or [],
        "changedPropIds": changed or [f"{i['id']}.{i['property']}" for i in inputs],
    }
    return client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )


def _upload_call(client):
    outs = [
        {"id": "up-result", "property": "children"},
        {"id": "up-map-box", "property": "children"},
        {"id": "up-current", "property": "children"},
    ]
    states = [
        {"id": "up-upload", "property": "filename", "value": None},
        {"id": "up-kind", "property": "value", "value": None},
        {"id": "up-context", "property": "data", "value": {"code": "33.20", "lang": "id"}},
    ]
    return _callback(
        client,
        UPLOAD_OUTPUT,
        outs,
        [{"id": "up-upload", "property": "contents", "value": None}],
        states,
    )


def _text(r) -> str:
    return json.dumps(r.get_json(), ensure_ascii=False)


def _route(client, pathname: str, search: str = ""):
    outs = [
        {"id": "_pages_content", "property": "children"},
        {"id": "_pages_store", "property": "data"},
    ]
    ins = [
        {"id": "_pages_location", "property": "pathname", "value": pathname},
        {"id": "_pages_location", "property": "search", "value": search},
    ]
    return _callback(client, ROUTER_OUTPUT, outs, ins)


# ---------------------------------------------------------------- pages and routes
@pytest.mark.parametrize("path", ["/cakupan", "/unggah?region=35.03&lang=en", "/ambulans/"])
def test_planner_page_redirects_to_login(client, path):
    r = client.get(path)
    assert r.status_code == 302
    assert r.headers["Location"].startswith("/masuk?next=")
    assert path.rstrip("/").split("?")[0] in r.headers["Location"]
    if "?" in path:
        assert "region%3D35.03" in r.headers["Location"] or "region=35.03" in r.headers["Location"]


@pytest.mark.parametrize(
    "path",
    ["/", "/layar", "/health", "/masuk", "/masuk?lang=en", "/_dash-layout", "/_dash-dependencies"],
)
def test_public_paths_answer_without_login(client, path):
    assert client.get(path).status_code == 200
    assert not gate.needs_login("/laporan") and not gate.needs_login(
        "/ekspor/peta.png"
    )  # slow to fetch


def test_login_page_is_bilingual(client):
    assert "Kata sandi" in client.get("/masuk").get_data(as_text=True)
    assert "Password" in client.get("/masuk?lang=en").get_data(as_text=True)


def test_login_then_planner_page_then_logout(client):
    r = _login(client)
    assert r.status_code == 302 and r.headers["Location"] == "/cakupan"
    assert client.get("/cakupan").status_code == 200
    cookie = client.get_cookie("ilp_session")
    assert cookie.http_only and cookie.same_site == "Lax" and not cookie.secure
    with client.session_transaction() as s:
        token = s["csrf"]
    assert client.post("/keluar", data={}).status_code == 400  # no CSRF token: stays logged in
    assert client.get("/cakupan").status_code == 200
    r = client.post("/keluar", data={"csrf_token": token})
    assert r.status_code == 302 and r.headers["Location"] == "/"
    assert client.get("/cakupan").status_code == 302


def test_wrong_password_is_401_and_bilingual(client):
    r = _login(client, password="salah-" + PASSWORD)
    assert r.status_code == 401
    assert "salah" in r.get_data(as_text=True)
    r = client.post(
        "/masuk",
        data={
            "username": "perencana",
            "password": "x",
            "lang": "en",
            "csrf_token": _token(client, "?lang=en"),
        },
    )
    assert r.status_code == 401 and "Wrong user name or password" in r.get_data(as_text=True)
    assert _login(client, user="tamu").status_code == 401  # unknown user, right password
    assert client.get("/cakupan").status_code == 302


def test_throttled_after_five_failures(client):
    for _ in range(login.MAX_FAILURES):
        assert _login(client, password="tebakan").status_code == 401
    r = _login(client)  # even the right password is refused while throttled
    assert r.status_code == 429
    assert "Terlalu banyak" in r.get_data(as_text=True)
    assert client.get("/cakupan").status_code == 302


def _clock(monkeypatch, seconds_ahead: float) -> None:
    """Move the login and session clocks only (Flask's cookie signing keeps the real one)."""
    later = time.time() + seconds_ahead
    clock = types.SimpleNamespace(time=lambda: later)
    monkeypatch.setattr(login, "time", clock)  # failed-login throttling
    monkeypatch.setattr(access, "time", clock)  # session age


def test_throttle_forgets_after_the_window(client, monkeypatch):
    for _ in range(login.MAX_FAILURES):
        _login(client, password="tebakan")
    _clock(monkeypatch, login.FAILURE_WINDOW - 5)
    assert _login(client).status_code == 429
    _clock(monkeypatch, login.FAILURE_WINDOW + 1)
    assert _login(client).status_code == 302


def test_csrf_missing_or_wrong_is_400(client):
    _token(client)
    assert (
        client.post("/masuk", data={"username": "perencana", "password": PASSWORD}).status_code
        == 400
    )
    r = client.post(
        "/masuk", data={"username": "perencana", "password": PASSWORD, "csrf_token": "palsu"}
    )
    assert r.status_code == 400
    assert client.get("/cakupan").status_code == 302


def test_session_expires(client, monkeypatch):
    monkeypatch.setenv("ILP_SESSION_HOURS", "1")
    settings.cache_clear()
    assert _login(client).status_code == 302
    _clock(monkeypatch, 3600 - 60)  # busy or not, the hour counts from the login
    assert client.get("/stunting").status_code == 200
    _clock(monkeypatch, 3600 + 5)
    r = client.get("/stunting")
    assert r.status_code == 302 and r.headers["Location"].startswith("/masuk")
    monkeypatch.undo()
    settings.cache_clear()
    with client.session_transaction() as s:
        assert "user" not in s  # cleared on expiry, not merely ignored


def test_changed_password_ends_sessions(client, monkeypatch):
    assert _login(client).status_code == 302
    monkeypatch.setenv(
        "ILP_PLANNER_PASSWORD_HASH", generate_password_hash("lain-" + PASSWORD, method=FAST)
    )
    settings.cache_clear()
    assert client.get("/cakupan").status_code == 302


@pytest.mark.parametrize(
    "target", ["//evil.example", "https://evil.example/", "/\\evil.example", "cakupan"]
)
def test_open_redirect_ignored(client, target):
    r = _login(client, next_=target)
    assert r.status_code == 302 and r.headers["Location"] == "/"


# ---------------------------------------------------------------- Dash callbacks
def test_planner_callback_needs_login(client):
    r = _upload_call(client)
    assert r.status_code == 403
    assert "Login" in r.get_json()["message"]
    _login(client)
    assert _upload_call(client).status_code != 403


def test_unknown_callback_forbidden_without_login(client):
    outs = [{"id": "nope", "property": "children"}]
    assert _callback(client, "nope.children", outs, []).status_code == 403
    r = client.post("/_dash-update-component", data="not json", content_type="application/json")
    assert r.status_code == 403


def test_layar_callback_is_public(client, app):
    from ilp_dash.region import display as rd
    from ilp_dash.region import store

    turn = next(
        k
        for k, v in app.callback_map.items()
        if getattr(v.get("callback"), "__name__", "") == "_turn"
    )
    outs = [
        dict(zip(("id", "property"), part.split(".", 1))) for part in turn.strip(".").split("...")
    ]
    state = {
        "code": "33.20",
        "lang": "id",
        "version": store.version("33.20"),
        "views": rd.available_views("33.20"),
        "index": 0,
    }
    r = _callback(
        client,
        turn,
        outs,
        [
            {"id": "ly-rotate", "property": "n_intervals", "value": 1},
            {"id": "ly-refresh", "property": "n_intervals", "value": None},
        ],
        [{"id": "ly-state", "property": "data", "value": state}],
        changed=["ly-rotate.n_intervals"],
    )
    assert r.status_code == 200
    assert "ly-state" in r.get_data(as_text=True)


def test_router_shows_login_panel_not_upload_box(client):
    r = _route(client, "/unggah", "?lang=en")
    assert r.status_code == 200
    text = _text(r)
    assert "Login required" in text and "/masuk?next=/unggah" in text
    assert "up-upload" not in text
    _login(client)
    assert "up-upload" in _text(_route(client, "/unggah"))


def test_router_serves_public_pages_without_login(client):
    text = _route(client, "/layar").get_data(as_text=True)
    assert "ly-state" in text and "auth-required" not in text
    assert "auth-required" not in _route(client, "/").get_data(as_text=True)


def test_briefing_login_option(client, monkeypatch):
    monkeypatch.setenv("ILP_BRIEFING_LOGIN", "1")
    settings.cache_clear()
    for path in ("/", "/laporan", "/ekspor/peta.png"):
        assert client.get(path).status_code == 302
    assert "auth-required" in _route(client, "/").get_data(as_text=True)
    assert client.get("/layar").status_code == 200
    assert "auth-required" not in _route(client, "/layar").get_data(as_text=True)


def test_other_writes_need_login(client):
    assert client.post("/laporan").status_code == 403


def test_enabled_but_not_configured(client, monkeypatch):
    _env(monkeypatch, ILP_AUTH="on")
    assert access.enabled()
    r = client.get("/masuk")
    assert r.status_code == 503 and "ILP_PLANNER_PASSWORD_HASH" in r.get_data(as_text=True)
    assert client.get("/cakupan").status_code == 302
    assert "Login is not configured" in _route(client, "/cakupan", "?lang=en").get_data(
        as_text=True
    )
    assert _upload_call(client).status_code == 403


# ---------------------------------------------------------------- switched off
def test_login_off_behaves_as_before(client, monkeypatch, tmp_path):
    _env(monkeypatch)
    assert not access.enabled()
    assert client.get("/cakupan").status_code == 200
    assert _upload_call(client).status_code != 403
    assert "up-upload" in _text(_route(client, "/unggah"))
    with client.application.test_request_context("/"):
        assert (
            access.is_planner()
            and access.current_user() is None
            and login_view.nav_status("id", access.viewer()) is None
        )
    assert not (tmp_path / "state" / "secret_key").exists()  # nothing written while login is off


@pytest.mark.parametrize(
    "values, expected",
    [
        ({}, False),
        ({"ILP_PROD": "1"}, True),
        ({"ILP_AUTH": "on"}, True),
        ({"ILP_AUTH": "off", "ILP_PROD": "1"}, False),
        ({"ILP_USERS_FILE": "/nonexistent"}, True),
    ],
)
def test_enabled_modes(monkeypatch, values, expected):
    _env(monkeypatch, **values)
    assert access.enabled() is expected


def test_users_file(client, monkeypatch, tmp_path):
    users = tmp_path / "users"
    users.write_text(
        "# planners\n\nana:" + generate_password_hash("ana-" + PASSWORD, method=FAST) + "\n"
    )
    users.chmod(0o600)
    _env(monkeypatch, ILP_USERS_FILE=str(users))
    access.check_config()
    assert _login(client, user="ana", password="ana-" + PASSWORD).status_code == 302
    assert client.get("/rujukan").status_code == 200
    users.write_text("# ana removed\n")
    assert client.get("/rujukan").status_code == 302


# ---------------------------------------------------------------- configuration
@pytest.mark.parametrize(
    "env",
    [
        {"ILP_PLANNER_PASSWORD_HASH": "rahasia123"},
        {"ILP_PLANNER_PASSWORD_HASH": "pbkdf2:sha256$nohash"},
    ],
)
def test_plain_password_refused_at_start(monkeypatch, env):
    from dash import Dash

    _env(monkeypatch, **env)
    with pytest.raises(access.AuthConfigError, match="hash-password") as err:
        gate.init_app(Dash(__name__))
    assert "rahasia123" not in str(err.value)
    assert "bukan hash" in str(err.value) and "not a password hash" in str(err.value)


def test_plain_password_in_users_file_refused(monkeypatch, tmp_path):
    users = tmp_path / "users"
    users.write_text("ana:rahasia123\n")
    _env(monkeypatch, ILP_USERS_FILE=str(users))
    with pytest.raises(access.AuthConfigError, match="baris / line 1"):
        access.check_config()


def test_world_readable_users_file_warns(monkeypatch, tmp_path, caplog):
    users = tmp_path / "users"
    users.write_text("ana:" + generate_password_hash(PASSWORD, method=FAST) + "\n")
    users.chmod(0o644)
    _env(monkeypatch, ILP_USERS_FILE=str(users))
    access.check_config()
    assert "chmod 600" in caplog.text


def test_secret_key_file_private_and_reused(monkeypatch, tmp_path):
    _env(monkeypatch, ILP_STATE_DIR=str(tmp_path / "state"))
    first = access.secret_key()
    path = tmp_path / "state" / "secret_key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) >= 32 and access.secret_key() == first
    assert list(path.parent.iterdir()) == [path]  # no temporary files left behind
    _env(monkeypatch, ILP_STATE_DIR=str(tmp_path / "other"))
    assert access.secret_key() != first
    _env(monkeypatch, ILP_SECRET_KEY="k" * 40, ILP_STATE_DIR=str(tmp_path / "third"))
    assert access.secret_key() == "k" * 40 and not (tmp_path / "third").exists()


def test_secret_key_race_gives_one_key(monkeypatch, tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    _env(monkeypatch, ILP_STATE_DIR=str(tmp_path / "state"))
    with ThreadPoolExecutor(8) as pool:
        keys = set(pool.map(lambda _: access.secret_key(), range(16)))
    assert len(keys) == 1 and keys == {(tmp_path / "state" / "secret_key").read_text()}


def test_secure_cookie_flag(monkeypatch):
    from dash import Dash

    _env(monkeypatch)
    monkeypatch.setenv("ILP_COOKIE_SECURE", "1")
    d = Dash(__name__)
    gate.init_app(d)
    assert d.server.config["SESSION_COOKIE_SECURE"] is True


def test_hash_password_command():
    run = [sys.executable, "-m", "ilp_dash.cli", "hash-password"]
    out = subprocess.run(
        run, input=PASSWORD + "\n", capture_output=True, text=True, check=True
    ).stdout.strip()
    assert access.is_hash(out)
    from werkzeug.security import check_password_hash

    assert check_password_hash(out, PASSWORD) and not check_password_hash(out, PASSWORD + "x")
    line = subprocess.run(
        run + ["--user", "ana"], input=PASSWORD + "\n", capture_output=True, text=True, check=True
    ).stdout.strip()
    assert line.startswith("ana:") and access.is_hash(line[4:])
    short = subprocess.run(run, input="pendek\n", capture_output=True, text=True, check=False)
    assert short.returncode == 1 and "8" in short.stderr and not short.stdout


TEXT_SUFFIXES = (
    ".py",
    ".md",
    ".toml",
    ".cfg",
    ".ini",
    ".env",
    ".txt",
    ".yml",
    ".yaml",
    ".json",
    ".sh",
    ".service",
    ".conf",
    "",
)


def test_no_real_password_hash_in_repository():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    hashes = re.compile(r"(scrypt|pbkdf2):[A-Za-z0-9:]*\$[^$\s]+\$[0-9a-f]{32,}")
    found = []
    for p in root.rglob("*"):
        if any(
            part in (".git", ".venv", "node_modules", "data") for part in p.relative_to(root).parts
        ):
            continue
        if (
            p.is_file()
            and p.suffix in TEXT_SUFFIXES
            and p.stat().st_size < 2_000_000
            and hashes.search(p.read_text(errors="ignore"))
        ):
            found.append(str(p.relative_to(root)))
    assert found == []


def test_nav_status(app, login_env):
    from flask import session

    with app.server.test_request_context("/"):
        link = login_view.nav_status("en", access.viewer())
        assert link.href == "/masuk?lang=en" and link.children == "Log in"
    with app.server.test_request_context("/"):
        session.update(
            user="perencana",
            login_at=time.time(),
            pw=access.fingerprint(access.credentials()["perencana"]),
            csrf="t" * 40,
        )
        form = login_view.nav_status("id", access.viewer())
        assert form.action == "/keluar" and form.method == "post"
        user, button = form.children
        assert user.children == "perencana" and button.children == "Keluar"
        assert button.name == "csrf_token" and button.value == "t" * 40
