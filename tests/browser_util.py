"""Shared helpers for the browser tests (dash_duo on Debian's chromium)."""

from __future__ import annotations

import time
from pathlib import Path

SHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screens"

# villages drawn with a value layer: the number of locations of the map's trace 1
COUNT_LOCATIONS = """
const g = document.querySelector(arguments[0] + ' .js-plotly-plot');
if (!g || !g.data || g.data.length < 2) return -1;
return g.data[1].locations.length;
"""


def shot(dash_duo, name: str, settle: float = 2.0) -> Path:
    """Save a screenshot to ``artifacts/screens/<name>.png`` after MapLibre has had time to draw."""
    time.sleep(settle)
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    dash_duo.driver.save_screenshot(str(path))
    return path


def wait_until(predicate, what: str = "condition", timeout: float = 15):
    """Poll ``predicate`` until it returns something truthy; return that, or fail naming ``what``."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def wait_villages(dash_duo, n: int, graph: str = "#village-map", timeout: float = 30) -> None:
    dash_duo.wait_for_element(f"{graph} .js-plotly-plot", timeout=timeout)
    wait_until(
        lambda: dash_duo.driver.execute_script(COUNT_LOCATIONS, graph) == n,
        f"map {graph} to show {n} villages",
        timeout,
    )


def open_page(dash_duo, app, path: str = "/", size=(1280, 720)) -> None:
    dash_duo.driver.set_window_size(*size)
    dash_duo.start_server(app)
    if path != "/":
        dash_duo.driver.get(dash_duo.server_url + path)


def figure_data(dash_duo, graph: str = "#village-map"):
    """The plotly traces of a graph as the browser holds them."""
    return dash_duo.driver.execute_script(
        "const g = document.querySelector(arguments[0] + ' .js-plotly-plot'); return g ? g.data : null;",
        graph,
    )


def no_console_errors(dash_duo) -> None:
    logs = [e for e in dash_duo.get_logs() if e.get("level") == "SEVERE"]
    assert logs == [], logs
