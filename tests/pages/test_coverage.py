"""Browser tests of the Cakupan ILP screen (dash_duo on Debian's Chromium)."""

import time

import pytest
from browser_util import figure_data, no_console_errors, open_page, shot, wait_until, wait_villages

from ilp_dash.ui.coverage import SELECTED_TRACE
from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser

CLICK = """
const g = document.querySelector('#village-map .js-plotly-plot');
g.emit('plotly_click', {points: [{location: arguments[0], curveNumber: 1, pointNumber: arguments[1]}]});
"""


def _wait(predicate, timeout: float = 15, what: str = "condition"):
    return wait_until(predicate, what, timeout)


def test_cakupan_jepara_loads_with_totals_and_source(dash_duo):
    open_page(dash_duo, create_app(), "/cakupan")
    wait_villages(dash_duo, 195)
    dash_duo.wait_for_contains_text("#ck-map-title", "Mei 2025", timeout=10)
    assert "Sumber" in dash_duo.find_element(".source").text
    rows = dash_duo.find_elements("#ck-kec-rows tbody tr")
    assert len(rows) == 16  # Jepara's kecamatan, lowest ILP share first
    data = figure_data(dash_duo)
    assert "Mei 2025" in data[1]["colorbar"]["title"]["text"]
    assert [t["name"] for t in data[3:7]] == ["Posyandu", "Pustu", "Rumah sakit", "Puskesmas"]
    shot(dash_duo, "cakupan_jepara")
    no_console_errors(dash_duo)


def test_clicking_a_village_opens_its_profile(dash_duo):
    open_page(dash_duo, create_app(), "/cakupan")
    wait_villages(dash_duo, 195)
    # after an indicator change (a patch of trace 1) a click must still reach the callback
    dash_duo.select_dcc_dropdown("#ck-indicator", value="Kader per Posyandu")
    dash_duo.wait_for_contains_text("#ck-map-title", "Kader per Posyandu", timeout=10)
    dash_duo.driver.execute_script(CLICK, "33.20.01.2001", 0)
    dash_duo.wait_for_contains_text("#ck-profile", "Kedungmalang", timeout=10)
    text = dash_duo.find_element("#ck-profile").text
    assert "Kedung" in text and "Puskesmas Kedung I" in text
    dash_duo.wait_for_element("#ck-trend .js-plotly-plot", timeout=10)
    _wait(
        lambda: figure_data(dash_duo)[SELECTED_TRACE]["locations"] == ["33.20.01.2001"],
        what="outline",
    )
    shot(dash_duo, "cakupan_profile")
    no_console_errors(dash_duo)


def test_month_indicator_and_kecamatan_change_only_the_values(dash_duo):
    open_page(dash_duo, create_app(), "/cakupan")
    wait_villages(dash_duo, 195)
    before = figure_data(dash_duo)
    geo = before[1]["geojson"]
    assert isinstance(geo, str) and geo.startswith("/geo/33.20/")  # a URL, not polygons
    # Play from the last month restarts the roll-out at the first month, then pause
    dash_duo.find_element("#ck-play").click()
    dash_duo.wait_for_contains_text("#ck-play", "Jeda", timeout=10)
    _wait(
        lambda: "2024" in dash_duo.find_element("#ck-map-title").text,
        what="the roll-out to restart",
    )
    dash_duo.find_element("#ck-play").click()
    dash_duo.wait_for_contains_text("#ck-play", "Putar", timeout=10)
    time.sleep(1.5)  # let the last month's patch arrive
    first = figure_data(dash_duo)
    assert first[1]["z"] != before[1]["z"]
    assert first[1]["geojson"] == geo and first[1]["locations"] == before[1]["locations"]
    dash_duo.select_dcc_dropdown("#ck-indicator", value="Posyandu belum ILP (kurang)")
    _wait(
        lambda: "kurang" in figure_data(dash_duo)[1]["colorbar"]["title"]["text"],
        what="gap indicator",
    )
    gap = figure_data(dash_duo)
    assert gap[1]["z"] != first[1]["z"] and gap[1]["geojson"] == geo
    # the checklist shows the Posyandu dots (trace 3), greyed in the legend until then
    assert gap[3]["visible"] == "legendonly"
    dash_duo.find_elements("#ck-layers label")[0].click()
    _wait(lambda: figure_data(dash_duo)[3]["visible"] is True, what="Posyandu layer shown")
    dash_duo.select_dcc_dropdown("#ck-kec", value="Kedung")
    _wait(
        lambda: sum(z is not None for z in figure_data(dash_duo)[1]["z"]) == 18,
        what="Kedung filter",
    )
    dash_duo.wait_for_contains_text("#ck-map-title", "Kec. Kedung", timeout=10)
    # the Karimunjawa inset would show only grey now: it hides
    _wait(
        lambda: dash_duo.find_element("#inset-map").value_of_css_property("display") == "none",
        what="inset hidden",
    )
    no_console_errors(dash_duo)


def test_wall_screen_and_english(dash_duo):
    open_page(dash_duo, create_app(), "/cakupan", size=(1920, 1080))
    wait_villages(dash_duo, 195)
    shot(dash_duo, "cakupan_jepara_1080")
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.driver.get(dash_duo.server_url + "/cakupan?region=35.03&lang=en")
    wait_villages(dash_duo, 157)
    dash_duo.wait_for_contains_text("#ck-map-title", "as at end of May 2025", timeout=10)
    dash_duo.wait_for_contains_text("#ck-play", "Play", timeout=10)
    shot(dash_duo, "cakupan_en")
    no_console_errors(dash_duo)
