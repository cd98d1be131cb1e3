"""Fixtures of the web tests: an app with planner login configured, a client, a clean login state,
and the login helpers the login, gate and access tests share."""

from __future__ import annotations

import re

import pytest
from werkzeug.security import generate_password_hash

from ilp_dash.config import settings
from ilp_dash.web import login

PASSWORD = "kata-sandi-uji-" + "7f3a"  # made up for these tests only
FAST = "pbkdf2:sha256:1000"  # a cheap hash keeps the suite quick; production uses scrypt


def _env(monkeypatch, **values) -> None:
    for name in (
        "ILP_AUTH",
        "ILP_PLANNER_PASSWORD_HASH",
        "ILP_USERS_FILE",
        "ILP_BRIEFING_LOGIN",
        "ILP_PROD",
        "ILP_SECRET_KEY",
        "ILP_SESSION_HOURS",
    ):
        monkeypatch.delenv(name, raising=False)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    settings.cache_clear()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    state = tmp_path_factory.mktemp("state")
    mp = pytest.MonkeyPatch()
    mp.setenv("ILP_STATE_DIR", str(state))
    mp.setenv("ILP_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    _env(mp, ILP_PLANNER_PASSWORD_HASH=generate_password_hash(PASSWORD, method=FAST))
    from ilp_dash.web.app import create_app

    try:
        a = create_app()
        a.server.test_client().get(
            "/_dash-layout"
        )  # Dash fills its callback map on the first request
        yield a
    finally:
        mp.undo()
        settings.cache_clear()


@pytest.fixture
def login_env(monkeypatch, tmp_path):
    _env(
        monkeypatch,
        ILP_PLANNER_PASSWORD_HASH=generate_password_hash(PASSWORD, method=FAST),
        ILP_STATE_DIR=str(tmp_path / "state"),
    )
    login._failures.clear()
    yield
    login._failures.clear()


@pytest.fixture
def client(app, login_env):
    return app.server.test_client()


def _token(client, lang: str = "") -> str:
    page = client.get("/masuk" + lang).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _login(client, password: str = PASSWORD, user: str = "perencana", next_: str = "/cakupan"):
    return client.post(
        "/masuk",
        data={"username": user, "password": password, "csrf_token": _token(client), "next": next_},
    )
