"""The request gate decides by declaration: every callback is either declared open or refused without login."""

from __future__ import annotations

import json

import pytest

from ilp_dash import access
from ilp_dash.config import settings
from ilp_dash.ui import login as login_view
from ilp_dash.web import gate

from .conftest import _env, _login

UPLOAD_OUTPUT = "..up-result.children...up-map-box.children...up-current.children.."
ROUTER_OUTPUT = ".._pages_content.children..._pages_store.data.."


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


# what the screens declare open to visitors (output ids of the callbacks, by function name)
# the lobby display's rotation, the header's region/language switch, and Dash's page router (which
# renders a planner page's layout as the login panel for a visitor, see gate._gated_layout)
DECLARED_PUBLIC = {"_turn", "_switch", "update"}


def _server_callbacks(app):
    """(output key, function) of every callback that runs on the server (clientside ones never reach it)."""
    return [(k, v["callback"]) for k, v in app.callback_map.items() if callable(v.get("callback"))]


def _name(fn) -> str:
    while hasattr(fn, "__wrapped__"):
        fn = fn.__wrapped__
    return fn.__name__


def test_every_callback_is_declared_open_or_refused_without_login(app, client):
    """Planner callbacks answer 403 to a visitor; the open ones are exactly those declared."""
    checker = gate.CallbackGate(app)
    refused, open_ = [], set()
    for key, fn in _server_callbacks(app):
        audience = checker.audience_of(key)
        if audience == access.PLANNER:
            outs = [
                dict(zip(("id", "property"), part.split(".", 1)))
                for part in key.split("@")[0].strip(".").split("...")
            ]
            r = _callback(client, key, outs, [])
            assert r.status_code == 403, key
            refused.append(key)
        else:
            open_.add((_name(fn), audience))
    assert {name for name, _ in open_} == DECLARED_PUBLIC
    assert {audience for _, audience in open_} == {access.PUBLIC}
    assert len(refused) >= 15  # coverage, stunting, referral, ambulance and upload screens


def test_a_logged_in_planner_passes_the_gate(app, client):
    _login(client)
    for key, _fn in _server_callbacks(app)[:5]:
        assert _callback(client, key, [], []).status_code != 403, key


def test_moving_a_module_does_not_change_who_may_call(app, monkeypatch):
    """The audience travels with the function, not with its module's name."""
    key, fn = next((k, f) for k, f in _server_callbacks(app) if _name(f) == "_turn")
    inner = fn
    while hasattr(inner, "__wrapped__"):
        inner = inner.__wrapped__
    monkeypatch.setattr(inner, "__module__", "somewhere.else.entirely")
    monkeypatch.setattr(fn, "__module__", "somewhere.else.entirely")
    assert gate.CallbackGate(app).audience_of(key) == access.PUBLIC


@pytest.mark.parametrize(
    ("path", "audience"),
    [
        ("/layar", access.PUBLIC),
        ("/", access.BRIEFING),
        ("/laporan", access.BRIEFING),
        ("/cakupan", access.PLANNER),
        ("/unggah/", access.PLANNER),
        ("/assets/style.css", None),
    ],
)
def test_pages_declare_their_audience(app, path, audience):
    assert gate.page_audience(path) == audience


def test_undeclared_function_needs_a_planner():
    def plain():
        return None

    assert access.audience_of(plain) == access.PLANNER
    assert access.audience_of(access.public(lambda: None)) == access.PUBLIC


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


def test_secure_cookie_flag(monkeypatch):
    from dash import Dash

    _env(monkeypatch)
    monkeypatch.setenv("ILP_COOKIE_SECURE", "1")
    d = Dash(__name__)
    gate.init_app(d)
    assert d.server.config["SESSION_COOKIE_SECURE"] is True
