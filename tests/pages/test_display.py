"""Browser tests of the public display (/layar): full screen, rotating, no controls."""

import time

import pytest
from browser_util import figure_data, no_console_errors, open_page, shot, wait_villages

from ilp_dash.region import store
from ilp_dash.ui.display import DAYS_ID
from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser


def _hot_count(code: str = "33.20") -> int:
    """Hot villages of the region's latest month, whatever the screens' significance rule."""
    from ilp_dash.region import results

    return int((results.hotspots(code)["class"] == "hot").sum())


FULL_HD = (1920, 1080)
INNER = "return [window.innerWidth, window.innerHeight];"
PX = "return parseFloat(getComputedStyle(document.querySelector(arguments[0])).fontSize);"


def viewport(dash_duo, width: int, height: int) -> None:
    """Make the page itself (not the window with its frame) width × height, as on a kiosk screen."""
    w, h = dash_duo.driver.execute_script(INNER)
    if (w, h) != (width, height):
        size = dash_duo.driver.get_window_size()
        dash_duo.driver.set_window_size(size["width"] + width - w, size["height"] + height - h)


def open_display(dash_duo, path: str, size=FULL_HD) -> None:
    open_page(dash_duo, create_app(), path, size=size)
    viewport(dash_duo, *size)


def test_display_loads_for_jepara_full_screen(dash_duo):
    open_display(dash_duo, "/layar?region=33.20&detik=300")  # hold the first view while we look
    assert dash_duo.driver.execute_script(INNER) == list(FULL_HD)
    wait_villages(dash_duo, 195, timeout=60)
    dash_duo.wait_for_contains_text("#ly-title", "Posyandu ILP", timeout=10)
    assert "Kabupaten Jepara" in dash_duo.find_element("#ly-region").text
    assert "DATA CONTOH" in dash_duo.find_element(".badge-sample").text
    assert "Mei 2025" in dash_duo.find_element("#ly-month").text
    numbers = dash_duo.find_element("#ly-numbers").text
    assert "1.105 dari 1.139" in numbers and "97,0%" in numbers
    # a kiosk: none of the shell's navigation or controls
    assert dash_duo.driver.find_elements("css selector", ".nav, #region-select, #lang-select") == []
    # readable across a room at 1920 × 1080
    assert dash_duo.driver.execute_script(PX, ".ly-page") >= 28
    assert dash_duo.driver.execute_script(PX, ".ly-number-value") >= 64
    # the map has its colour bar, with large type; Karimunjawa sits in the inset
    bar = figure_data(dash_duo)[1]["colorbar"]
    assert bar["tickfont"]["size"] >= 24 and "Posyandu ILP" in bar["title"]["text"]
    assert len(figure_data(dash_duo, "#inset-map")[1]["locations"]) == 4
    # the clock runs in the browser
    assert any(day in dash_duo.find_element("#ly-date").text for day in DAYS_ID)
    assert dash_duo.find_element("#ly-time").text.count(".") == 1
    shot(dash_duo, "layar_jepara_1080")
    no_console_errors(dash_duo)


SNAPSHOT = """
const g = document.querySelector('#village-map .js-plotly-plot');
const layers = g._fullLayout.map._subplot.map.getStyle().layers;
return {title: document.querySelector('#ly-title').textContent,
        layer_ids: layers.map(l => l.id), dots_uid: g._fullData[3].uid, values_uid: g._fullData[1].uid,
        numbers: document.querySelector('#ly-numbers').textContent,
        active: document.querySelector('.ly-dot.active').textContent,
        traces: g.data.map(t => ({geojson: t.geojson, n: (t.locations || []).length, z: t.z,
                                  name: t.name, dots: (t.lon || []).length, bar: t.colorbar && t.colorbar.title.text}))};
"""
HOLD = "window.dash_clientside.set_props('ly-rotate', {disabled: true});"
STEP = (
    "window.dash_clientside.set_props('ly-rotate', {n_intervals: Date.now()});"  # one tick, by hand
)


def title(dash_duo) -> str:
    return dash_duo.find_element("#ly-title").text


def wait_turn(dash_duo, old: str, timeout: float = 40) -> str:
    """Wait until the title is no longer ``old``; return the new one."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        now = title(dash_duo)
        if now != old:
            return now
        time.sleep(0.2)
    raise AssertionError(f"the display stayed on {old!r} for {timeout} s")


def settled(dash_duo, quiet: float = 3.0) -> str:
    """The title once it has not changed for ``quiet`` seconds (no turn still on its way)."""
    last, since = title(dash_duo), time.time()
    while time.time() - since < quiet:
        time.sleep(0.3)
        now = title(dash_duo)
        if now != last:
            last, since = now, time.time()
    return last


def hold_on(dash_duo, word: str) -> dict:
    """Stop the rotation, then turn one view at a time (as a tick would) until ``word`` shows."""
    dash_duo.driver.execute_script(HOLD)
    now = settled(dash_duo)
    for _ in range(4):
        if word in now:
            return dash_duo.driver.execute_script(SNAPSHOT)
        dash_duo.driver.execute_script(STEP)
        wait_turn(dash_duo, now)
        now = settled(dash_duo, 1.5)
    raise AssertionError(f"no view about {word!r}")


def test_display_rotates_to_the_stunting_view_by_patch(dash_duo):
    open_display(dash_duo, "/layar?region=33.20&detik=5")
    wait_villages(dash_duo, 195, timeout=60)
    first = dash_duo.driver.execute_script(SNAPSHOT)
    # it turns by itself every 5 s
    wait_turn(dash_duo, first["title"])
    now = hold_on(dash_duo, "stunting")
    assert now["active"] == "Stunting"
    values = now["traces"][1]
    # the same polygons (by URL: sent once), new values and colour bar; withheld villages grey
    assert (
        values["geojson"]
        == first["traces"][1]["geojson"]
        == f"/geo/33.20/{store.version('33.20')}.json"
        and values["n"] == 195
    )
    assert "Stunting" in values["bar"]
    assert sum(z is None for z in values["z"]) == 5
    assert (
        now["traces"][3]["dots"] == _hot_count() and now["traces"][3]["name"] == "hotspot stunting"
    )  # the hotspots' dots
    # drawn over the villages, not under them (the kecamatan border layer may lie above both)
    ids = now["layer_ids"]
    last = {
        uid: max(i for i, lid in enumerate(ids) if uid in lid)
        for uid in (now["dots_uid"], now["values_uid"])
    }
    assert last[now["dots_uid"]] > last[now["values_uid"]]
    assert str(_hot_count()) in now["numbers"] and "10.084 dari 57.417" in now["numbers"]
    shot(dash_duo, "layar_view2")
    assert "stunting" in title(dash_duo)
    no_console_errors(dash_duo)


def test_display_in_english_for_batu(dash_duo):
    open_display(dash_duo, "/layar?region=35.79&lang=en&detik=5", size=(1280, 720))
    wait_villages(dash_duo, 24, timeout=60)
    english = {
        "ILP Posyandu coverage by village",
        "Stunting prevalence by village",
        "Travel time to a Puskesmas",
        "Ambulance reach",
    }
    assert title(dash_duo) in english
    assert "SAMPLE DATA" in dash_duo.find_element(".badge-sample").text
    assert ":" in dash_duo.find_element("#ly-time").text
    assert not dash_duo.find_element("#inset-map").is_displayed()  # no islands in Batu
    assert wait_turn(dash_duo, title(dash_duo)) in english
    shot(dash_duo, "layar_batu_en_720")
    no_console_errors(dash_duo)
