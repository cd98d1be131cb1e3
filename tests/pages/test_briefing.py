"""Browser tests of the briefing screen: the dashboard in Debian's Chromium through dash.testing."""

import pytest
from browser_util import figure_data, no_console_errors, open_page, shot, wait_villages

from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser


def test_home_shows_jepara_villages_kpis_and_sample_badge(dash_duo):
    open_page(dash_duo, create_app())
    wait_villages(dash_duo, 195)
    dash_duo.wait_for_contains_text("h1", "Kabupaten Jepara", timeout=10)
    assert "DATA CONTOH" in dash_duo.find_element(".badge-sample").text
    assert "Sumber" in dash_duo.find_element(".source").text
    assert "1.105 / 1.139" in dash_duo.find_element("#kpi-ilp").text
    # Karimunjawa is kept, and drawn again in an inset
    inset = figure_data(dash_duo, "#inset-map")
    assert sorted(inset[1]["locations"]) == [
        "33.20.10.2001",
        "33.20.10.2002",
        "33.20.10.2003",
        "33.20.10.2004",
    ]
    shot(dash_duo, "ringkasan_jepara")
    no_console_errors(dash_duo)


def test_region_query_opens_trenggalek_in_english(dash_duo):
    open_page(dash_duo, create_app(), "/?region=35.03&lang=en")
    wait_villages(dash_duo, 157)
    dash_duo.wait_for_contains_text("h1", "Trenggalek", timeout=10)
    dash_duo.wait_for_contains_text("#kpi-ilp", "ILP Posyandu", timeout=10)
    shot(dash_duo, "ringkasan_trenggalek_en")
    no_console_errors(dash_duo)


def _choose(dash_duo, selector, label):
    """Open a dcc.Dropdown and click the option with this label (retrying while the page settles)."""
    import time

    from selenium.webdriver.common.by import By

    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            dash_duo.find_element(selector).click()
            options = dash_duo.driver.find_elements(
                By.XPATH, f"//*[@role='option'][contains(., '{label}')]"
            )
            if options:
                options[0].click()
                return
        except Exception:  # the dropdown was re-rendered under the cursor: try again
            pass
        time.sleep(0.5)
    raise AssertionError(f"option {label!r} not found in {selector}")


def test_region_switcher_changes_the_map(dash_duo):
    open_page(dash_duo, create_app())
    wait_villages(dash_duo, 195)
    dash_duo.wait_for_text_to_equal("h1", "Kabupaten Jepara", timeout=10)
    _choose(dash_duo, "#region-select", "Kota Batu")
    try:
        wait_villages(dash_duo, 24)
    except AssertionError:
        shot(dash_duo, "debug_switch", settle=0)
        raise AssertionError(
            f"url {dash_duo.driver.current_url}; h1 {dash_duo.find_element('h1').text}; "
            f"logs {dash_duo.get_logs()}"
        )
    dash_duo.wait_for_contains_text("h1", "Batu", timeout=10)
    assert "region=35.79" in dash_duo.driver.current_url
    no_console_errors(dash_duo)
