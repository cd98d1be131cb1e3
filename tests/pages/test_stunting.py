"""Browser tests of the stunting screen (dash_duo on Debian's Chromium)."""

import time

import pytest
from browser_util import figure_data, no_console_errors, open_page, shot, wait_villages

from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser


def _click_radio(dash_duo, radio: str, value: str) -> None:
    dash_duo.find_element(f"#{radio} input[value='{value}']").click()


def _wait_z_change(dash_duo, before, timeout: float = 10):
    deadline = time.time() + timeout
    while time.time() < deadline:
        data = figure_data(dash_duo)
        if data[1]["z"] != before:
            return data
        time.sleep(0.2)
    raise AssertionError("trace 1 z did not change")


def test_jepara_loads_with_legends_tables_and_no_errors(dash_duo):
    open_page(dash_duo, create_app(), "/stunting")
    wait_villages(dash_duo, 195)
    dash_duo.wait_for_contains_text("#st-title", "Mei 2025", timeout=10)
    data = figure_data(dash_duo)
    assert data[1]["showscale"] is True  # colour bar = legend of the values
    assert sorted(data[3]["locations"]) == [
        "33.20.04.2018",
        "33.20.12.2008",
    ]  # < 20 measured, drawn as uncertain
    assert "Benjamini" in dash_duo.find_element("#st-rule").text
    assert dash_duo.find_element("#st-hotspot-table") is not None
    assert len(dash_duo.find_elements("#st-priority-table tbody tr")) >= 15
    shot(dash_duo, "stunting_jepara")
    no_console_errors(dash_duo)


def test_crude_smoothed_switch_patches_values_only(dash_duo):
    open_page(dash_duo, create_app(), "/stunting")
    wait_villages(dash_duo, 195)
    before = figure_data(dash_duo)
    _click_radio(dash_duo, "st-rate", "crude")
    after = _wait_z_change(dash_duo, before[1]["z"])
    assert after[1]["geojson"] == before[1]["geojson"]
    assert isinstance(after[1]["geojson"], str)  # still a URL: no polygons were sent
    assert after[1]["locations"] == before[1]["locations"]
    # Kedungmalang (165 measured, 24 stunted): crude 14.55%, EB 15.06%
    assert after[1]["z"][0] == pytest.approx(14.55, abs=0.01)
    assert before[1]["z"][0] == pytest.approx(15.06, abs=0.01)
    # hot-spot reading: categories, rate switch disabled
    _click_radio(dash_duo, "st-map-type", "hotspots")
    hot = _wait_z_change(dash_duo, after[1]["z"])
    assert set(hot[1]["z"]) <= {0, 1, 2, 3}
    assert hot[1]["geojson"] == before[1]["geojson"]
    dash_duo.wait_for_element("#st-rate input[value='crude']:disabled", timeout=10)
    no_console_errors(dash_duo)


def test_english(dash_duo):
    open_page(dash_duo, create_app(), "/stunting?lang=en")
    wait_villages(dash_duo, 195)
    dash_duo.wait_for_contains_text("#st-title", "May 2025", timeout=10)
    assert "Score 0–100" in dash_duo.find_element("#st-explain").text
    shot(dash_duo, "stunting_jepara_en")
    no_console_errors(dash_duo)
