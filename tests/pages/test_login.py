"""Login in the browser: a planner logs in, works, and is told when the session has ended.

The server runs with a planner password hash made here (never one from a real
deployment); the public display needs no login.
"""

from __future__ import annotations

import pytest
from browser_util import open_page, shot, wait_until, wait_villages
from werkzeug.security import generate_password_hash

from ilp_dash import access
from ilp_dash.config import settings
from ilp_dash.region import store
from ilp_dash.web.app import create_app

PASSWORD = "uji-coba-rahasia-7"


@pytest.fixture
def login_on(monkeypatch, tmp_path):
    monkeypatch.setenv("ILP_PLANNER_PASSWORD_HASH", generate_password_hash(PASSWORD))
    monkeypatch.setenv("ILP_SECRET_KEY", "kunci-uji-" + tmp_path.name)
    settings.cache_clear()
    assert access.enabled()
    yield
    settings.cache_clear()
    store.reset()


def test_planner_logs_in_and_is_told_when_the_session_ends(dash_duo, login_on):
    open_page(dash_duo, create_app(), "/cakupan?region=35.79&lang=en")
    # not logged in: the planner screen sends the browser to the login form
    wait_until(lambda: "/masuk" in dash_duo.driver.current_url, what="redirect to /masuk")
    dash_duo.wait_for_element("#password").send_keys(PASSWORD)
    dash_duo.find_element("button[type=submit]").click()
    wait_until(lambda: "/cakupan" in dash_duo.driver.current_url, what="back on Cakupan")
    wait_villages(dash_duo, 24)
    assert dash_duo.find_element(".auth-user").text == "perencana"
    assert not dash_duo.find_elements("#session-ended")
    # the session ends (here: the cookie is gone); the next change is refused and the planner is told
    dash_duo.driver.delete_all_cookies()
    dash_duo.select_dcc_dropdown("#ck-indicator", index=1)
    dash_duo.wait_for_contains_text("#session-ended", "Your session has ended", timeout=15)
    link = dash_duo.find_element("#session-ended a")
    assert "/masuk?next=%2Fcakupan" in link.get_attribute("href")
    shot(dash_duo, "sesi_berakhir")


def test_public_display_opens_without_login(dash_duo, login_on):
    open_page(dash_duo, create_app(), "/layar?region=35.79&detik=5")
    wait_villages(dash_duo, 24)
    title = dash_duo.find_element("#ly-title").text
    wait_until(
        lambda: dash_duo.find_element("#ly-title").text != title, what="display turns", timeout=20
    )
    assert "/layar" in dash_duo.driver.current_url and not dash_duo.find_elements("#session-ended")
