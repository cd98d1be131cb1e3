"""The request gate decides by declaration: every callback is either declared open or refused without login."""

from __future__ import annotations

import pytest

from ilp_dash import access
from ilp_dash.web import gate

from .test_login import _callback, _login

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
