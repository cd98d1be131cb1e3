"""Browser tests of the referral screen (dash_duo on Debian's Chromium)."""

import pytest
from browser_util import figure_data, no_console_errors, open_page, shot, wait_until, wait_villages
from selenium.webdriver.common.keys import Keys

from ilp_dash.ui import referral as rv
from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser

FIRST_LOAD = 90  # the first visit computes the referral chain and the island inset

# MapLibre layer order: is each line trace drawn above the village colours (trace 1)?
LINES_ON_TOP = """
const g = document.querySelector('#village-map .js-plotly-plot');
const ids = g._fullLayout.map._subplot.map.getStyle().layers.map(l => l.id);
const at = (i, kind) => ids.indexOf('plotly-trace-layer-' + g._fullData[i].uid + '-' + kind);
return arguments[0].map(i => at(i, 'line') > at(1, 'fill'));
"""


def _wait(dash_duo, check, what: str, timeout: float = 15):
    return wait_until(check, what, timeout)


def test_jepara_loads_with_bands_count_table_and_no_errors(dash_duo):
    open_page(dash_duo, create_app(), "/rujukan")
    wait_villages(dash_duo, 195, timeout=FIRST_LOAD)
    dash_duo.wait_for_contains_text("#rj-title", "Puskesmas terdekat", timeout=10)
    data = figure_data(dash_duo)
    bar = data[1]["colorbar"]
    assert bar["ticktext"] == ["≤ 15", "16–30", "31–60", "> 60", "tidak terjangkau"]
    assert data[1]["showscale"] is True
    # Parang (99.9 min) and Nyamuk (108.0 min, 2 boat trips) are the only villages > 30 min from a Puskesmas
    assert "2 desa / 1.640 penduduk" in dash_duo.find_element("#rj-count").text
    assert sorted(figure_data(dash_duo, "#inset-map")[1]["locations"]) == [
        "33.20.10.2001",
        "33.20.10.2002",
        "33.20.10.2003",
        "33.20.10.2004",
    ]
    first = dash_duo.find_elements("#rj-table tbody tr td")
    assert [c.text for c in first[:2]] == ["Nyamuk", "Karimunjawa"]
    assert "tidak berlayar setiap hari" in dash_duo.find_element("#rj-sea").text
    assert "bukan rute jalan" in dash_duo.find_element("#rj-rule").text
    assert "Sumber" in dash_duo.find_element(".source").text
    shot(dash_duo, "rujukan_jepara")
    dash_duo.driver.set_window_size(1920, 1080)
    shot(dash_duo, "rujukan_jepara_1920")
    no_console_errors(dash_duo)


def test_threshold_slider_patches_values_only_and_updates_the_count(dash_duo):
    open_page(dash_duo, create_app(), "/rujukan")
    wait_villages(dash_duo, 195, timeout=FIRST_LOAD)
    before = figure_data(dash_duo)
    thumb = dash_duo.find_element("#rj-threshold [role='slider']")
    thumb.click()
    for _ in range(4):  # 30 → 10 minutes in steps of 5
        thumb.send_keys(Keys.ARROW_LEFT)
    dash_duo.wait_for_contains_text("#rj-count", "lebih dari 10 menit", timeout=10)
    # each arrow key sends a patch: wait for the last one (10 min) to be drawn
    bands = ["≤ 5", "6–10", "11–20", "> 20"]
    after = _wait(
        dash_duo,
        lambda: (d := figure_data(dash_duo))[1]["colorbar"]["ticktext"][:4] == bands and d,
        "bands of 10 minutes",
    )
    assert "17 desa / 84.277 penduduk" in dash_duo.find_element("#rj-count").text
    assert after[1]["geojson"] == before[1]["geojson"] and isinstance(after[1]["geojson"], str)
    assert after[1]["locations"] == before[1]["locations"]
    assert after[1]["colorbar"]["ticktext"][:4] == ["≤ 5", "6–10", "11–20", "> 20"]
    for i in (0, *range(2, len(before))):  # every other trace untouched
        assert after[i] == before[i], f"trace {i} changed"
    no_console_errors(dash_duo)


def test_karimunjawa_draws_the_chain_with_its_sea_crossing(dash_duo):
    open_page(dash_duo, create_app(), "/rujukan")
    wait_villages(dash_duo, 195, timeout=FIRST_LOAD)
    dash_duo.select_dcc_dropdown("#rj-kec", value="Karimunjawa")
    sea = rv.LINE_TRACE + rv.LEGS.index("sea")
    data = _wait(dash_duo, lambda: (d := figure_data(dash_duo))[sea]["lon"] and d, "sea crossing")
    for leg in ("pustu", "puskesmas", "rsud"):
        assert any(v is not None for v in data[rv.LINE_TRACE + rv.LEGS.index(leg)]["lon"]), leg
    assert data[sea]["line"]["color"] == rv.LEG_COLORS["sea"]
    legs = [rv.LINE_TRACE + i for i in range(len(rv.LEGS))]
    assert dash_duo.driver.execute_script(LINES_ON_TOP, legs) == [True] * len(legs)
    lats = [v for v in data[sea]["lat"] if v is not None]
    assert min(lats) == pytest.approx(-6.585, abs=0.02)  # reaches the Jepara port
    text = dash_duo.find_element("#rj-selection").text
    assert "KMC Kartini (kapal cepat): 120 menit" in text
    dash_duo.wait_for_element(
        "#rj-inset-wrap.rj-hidden", timeout=10
    )  # the main map now shows the islands
    shot(dash_duo, "rujukan_karimunjawa")
    no_console_errors(dash_duo)
