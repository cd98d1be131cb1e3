"""The login page, the nav bar's login status (ilp_dash.ui.login), rendered by the web tests' app."""

from __future__ import annotations

import time

from ilp_dash import access
from ilp_dash.ui import login as login_view

from ..web import conftest as web

app, login_env, client = web.app, web.login_env, web.client  # the web tests' fixtures


def test_login_page_is_bilingual(client):
    assert "Kata sandi" in client.get("/masuk").get_data(as_text=True)
    assert "Password" in client.get("/masuk?lang=en").get_data(as_text=True)


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
