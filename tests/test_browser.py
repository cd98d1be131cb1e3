"""Browser tests: the dashboard in Debian's Chromium through dash.testing (dash_duo)."""

from pathlib import Path

import pytest

from ilp_dash.web import create_app

pytestmark = pytest.mark.browser
SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screens"

COUNT_LOCATIONS = """
const g = document.querySelector('#village-map .js-plotly-plot');
if (!g || !g.data) return -1;
return g.data.reduce((n, t) => n + (t.type === 'choroplethmap' && (t.subplot || 'map') === 'map' ? t.locations.length : 0), 0);
"""


def _shot(dash_duo, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    dash_duo.driver.save_screenshot(str(SHOTS / f"{name}.png"))


def _wait_villages(dash_duo, n):
    dash_duo.wait_for_element("#village-map .js-plotly-plot", timeout=20)
    import time

    deadline = time.time() + 20
    while time.time() < deadline:
        if dash_duo.driver.execute_script(COUNT_LOCATIONS) == n:
            return
        time.sleep(0.2)
    raise AssertionError(f"map did not show {n} villages")


def test_home_shows_jepara_villages_with_sample_badge(dash_duo):
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.start_server(create_app())
    _wait_villages(dash_duo, 195)
    dash_duo.wait_for_contains_text("h1", "Kabupaten Jepara", timeout=10)
    assert "DATA CONTOH" in dash_duo.find_element(".badge-sample").text
    assert "Sumber" in dash_duo.find_element(".source").text
    # Karimunjawa is kept, and drawn again in an inset
    inset = dash_duo.driver.execute_script(
        "return document.querySelector('#inset-map .js-plotly-plot').data.map(t => t.locations)")
    assert [sorted(x) for x in inset] == [["33.20.10.2001", "33.20.10.2002", "33.20.10.2003", "33.20.10.2004"]]
    import time

    time.sleep(2)  # let MapLibre finish drawing before the screenshot
    _shot(dash_duo, "ringkasan_jepara")
    assert dash_duo.get_logs() == []


def test_region_query_opens_trenggalek(dash_duo):
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.start_server(create_app())
    dash_duo.driver.get(dash_duo.server_url + "/?region=35.03")
    _wait_villages(dash_duo, 157)
    dash_duo.wait_for_contains_text("h1", "Trenggalek", timeout=10)
    _shot(dash_duo, "ringkasan_trenggalek")
    assert dash_duo.get_logs() == []
