"""Browser tests of the ambulance planner (dash_duo on Debian's Chromium)."""

import itertools
import socket

import pytest
from browser_util import figure_data, no_console_errors, shot, wait_until, wait_villages
from selenium.webdriver.common.keys import Keys

from ilp_dash.ui.ambulance import POINT_TRACE
from ilp_dash.web.app import create_app

pytestmark = pytest.mark.browser
NEW = POINT_TRACE + 5  # the "proposed" layer of the main map


def _open(dash_duo, path: str = "/ambulans") -> None:
    """Like ``browser_util.open_page`` but on a free port (other browser tests may hold 8050)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dash_duo.driver.set_window_size(1280, 720)
    dash_duo.start_server(create_app(), port=port)
    dash_duo.driver.get(dash_duo.server_url + path)


def _proposed(dash_duo) -> list[str]:
    return dash_duo.driver.execute_script(  # in one go: the list is replaced while the plan updates
        "return [...document.querySelectorAll('#amb-proposed li')].map(li => li.dataset.id);"
    )


def _proposed_if(dash_duo, n: int) -> list[str] | None:
    ids = _proposed(dash_duo)
    return ids if len(ids) == n else None


def _map_if(dash_duo, n: int) -> list | None:
    data = figure_data(dash_duo)
    return data if len(data[NEW]["customdata"]) == n else None


def _set_slider(dash_duo, slider: str, value: int) -> None:
    box = dash_duo.find_element(f"#{slider} input")
    box.send_keys(Keys.CONTROL, "a")
    box.send_keys(str(value), Keys.TAB)  # the slider's number box commits on blur


def _wait(predicate, what: str, timeout: float = 15):
    return wait_until(predicate, what, timeout)


def _explore_ten_minutes(dash_duo) -> None:
    """T to 10 min: within the 15-minute standard Jepara's bases already reach ~99% of people, so
    more bases than K = 24 add nobody; a planner explores a stricter T to compare sites."""
    _set_slider(dash_duo, "amb-t", 10)
    dash_duo.wait_for_contains_text("#amb-summary", "≤ 10 menit", timeout=15)


def test_jepara_loads_with_two_proposed_bases_and_no_errors(dash_duo):
    _open(dash_duo)
    wait_villages(dash_duo, 195, timeout=60)  # the machine may be busy
    dash_duo.wait_for_contains_text("#amb-summary", "→", timeout=10)
    data = figure_data(dash_duo)
    assert len(data[NEW]["customdata"]) == 2 == len(_proposed(dash_duo))
    assert sorted(data[NEW]["customdata"]) == sorted(_proposed(dash_duo))
    assert data[NEW]["name"].startswith("usulan baru")
    assert len(data[POINT_TRACE + 1]["customdata"]) == 22  # today's bases
    assert "MCLP" in dash_duo.find_element("#amb-model").text
    assert "Sumber" in dash_duo.find_element(".source").text
    shot(dash_duo, "ambulans_jepara")
    no_console_errors(dash_duo)


def _click_point(dash_duo, trace: int, index: int) -> None:
    """What plotly sends when a marker is clicked (dcc.Graph reads the customdata from the trace)."""
    dash_duo.driver.execute_script(
        "document.querySelector('#village-map .js-plotly-plot')"
        ".emit('plotly_click', {points: [{curveNumber: arguments[0], pointNumber: arguments[1]}]});",
        trace,
        index,
    )


def test_k_slider_and_clicks_change_the_proposed_bases(dash_duo):
    _open(dash_duo)
    wait_villages(dash_duo, 195, timeout=60)  # the machine may be busy
    dash_duo.wait_for_contains_text("#amb-summary", "→", timeout=10)
    assert "≤ 15 menit" in dash_duo.find_element("#amb-summary").text  # opens on the standard
    _explore_ten_minutes(dash_duo)
    before = _proposed(dash_duo)
    geo = figure_data(dash_duo)[1]["geojson"]
    _set_slider(dash_duo, "amb-k", 26)
    after = _wait(lambda: _proposed_if(dash_duo, 4), "K = 26 did not give 4 proposals")
    assert len(before) == 2 and set(after) != set(before)  # optimal sets need not be nested
    data = _wait(lambda: _map_if(dash_duo, 4), "the map's proposed layer was not patched")
    assert sorted(data[NEW]["customdata"]) == sorted(after)
    assert data[1]["geojson"] == geo and isinstance(geo, str)  # patched: no polygons sent
    dash_duo.wait_for_contains_text("#amb-summary", "K = 26", timeout=10)
    shot(dash_duo, "ambulans_k2")
    # pin the first candidate site: it counts within K, so one fewer is proposed
    site = data[POINT_TRACE]["customdata"][0]
    _click_point(dash_duo, POINT_TRACE, 0)
    dash_duo.wait_for_contains_text("#amb-edits", "Dipaku", timeout=10)
    _wait(lambda: len(_proposed(dash_duo)) == 3, "pinning did not take one proposal's place")
    assert site in figure_data(dash_duo)[POINT_TRACE + 3]["customdata"]
    # remove a current base: K stays, so the freed ambulance is proposed elsewhere
    _click_point(dash_duo, POINT_TRACE + 1, 0)
    dash_duo.wait_for_contains_text("#amb-edits", "Dihapus", timeout=10)
    _wait(lambda: len(_proposed(dash_duo)) == 4, "removing a base did not free a place")
    dash_duo.find_element("#amb-reset").click()
    _wait(lambda: sorted(_proposed(dash_duo)) == sorted(after), "reset did not restore the plan")
    no_console_errors(dash_duo)


def test_optimise_draws_the_curve_and_scenarios_compare(dash_duo):
    _open(dash_duo)
    wait_villages(dash_duo, 195, timeout=60)  # the machine may be busy
    dash_duo.wait_for_contains_text("#amb-summary", "→", timeout=10)
    _explore_ten_minutes(dash_duo)
    dash_duo.find_element("#amb-optimise").click()
    dash_duo.wait_for_element("#amb-curve .bars", timeout=60)
    bars = _wait(lambda: figure_data(dash_duo, "#amb-curve")[0]["y"], "no bars")
    assert len(bars) == 10  # one bar per added base, up to 10
    assert all(a >= b for a, b in itertools.pairwise(bars))  # gains shrink
    # the first two bars add up to what the live solve gained for K = current + 2
    people = dash_duo.find_element("#amb-people").text  # "1.110.895 → 1.161.865 penduduk (+50.970)"
    gain = int(people.split("(+")[1].split(")")[0].replace(".", ""))
    assert round(bars[0] + bars[1]) == gain
    dash_duo.find_element("#amb-save-a").click()
    _set_slider(dash_duo, "amb-k", 25)
    _wait(lambda: len(_proposed(dash_duo)) == 3, "K = 25 did not give 3 proposals")
    dash_duo.find_element("#amb-save-b").click()
    dash_duo.wait_for_contains_text("#amb-compare", "Hanya di B", timeout=10)
    rows = [r.text for r in dash_duo.find_elements("#amb-compare-table tbody tr")]
    assert rows[0].split()[-3:] == ["24", "25", "+1"]  # number of bases A, B, B − A
    dash_duo.driver.execute_script("document.querySelector('.amb-lower').scrollIntoView()")
    shot(dash_duo, "ambulans_curve")
    no_console_errors(dash_duo)
