"""Planner login routes (ilp_dash.web.login): /masuk, /keluar, throttling, CSRF, session end.

One app serves the whole module (building one takes seconds); each test sets
the login environment it needs, which the gate reads at request time. Every
password and hash here is made up by the test itself.
"""

from __future__ import annotations

import time
import types

import pytest
from werkzeug.security import generate_password_hash

from ilp_dash import access
from ilp_dash.config import settings
from ilp_dash.web import login

from .conftest import FAST, PASSWORD, _login, _token


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
