"""The public display's figures, patches and turns (ilp_dash.ui.display): by hand and on the sample data.

The views are tested in tests/ui/test_display_views.py, the numbers in tests/region/test_display.py.
"""

import json
from datetime import datetime

from ilp_dash.region import display as rd
from ilp_dash.region import store
from ilp_dash.ui import display as lv

from .conftest import JEPARA, view_content


# ------------------------------------------------------------------ pure pieces, worked by hand
def _hot_count(code: str = "33.20") -> int:
    """Hot villages of the region's latest month, whatever the screens' significance rule."""
    from ilp_dash.region import results

    return int((results.hotspots(code)["class"] == "hot").sum())


def test_rotation_seconds_default_minimum_and_bad_input():
    assert lv.rotation_seconds(None) == 20
    assert lv.rotation_seconds("abc") == 20 and lv.rotation_seconds("inf") == 20
    assert lv.rotation_seconds("3") == 5
    assert lv.rotation_seconds("5") == 5
    assert lv.rotation_seconds("30") == 30
    assert lv.rotation_seconds("7,9") == 7
    assert lv.rotation_seconds("99999") == 3600


def test_clock_text():
    monday = datetime(2025, 6, 2, 14, 5)
    assert lv.clock_text(monday, "id") == ("14.05", "Senin, 2 Juni 2025")
    assert lv.clock_text(monday, "en") == ("14:05", "Monday, 2 June 2025")


# ------------------------------------------------------------------ figures and patches on the Jepara sample
def test_rotation_sends_values_not_geometry():
    view = view_content(JEPARA, "stunting", "id")
    points = rd.view_points(JEPARA, view.points)
    main, inset = lv.view_patches(rd.geography(JEPARA).detached, "id", view, points)
    ops = {
        tuple(op["location"]): op["params"].get("value")
        for op in main.to_plotly_json()["operations"]
    }
    assert len(ops[("data", 1, "z")]) == 195 and "coordinates" not in json.dumps(
        main.to_plotly_json()
    )
    assert ops[("data", 0, "name")] == "tidak ditampilkan (< 5 anak)"
    # the one dot layer now holds the hotspot villages, named in the legend
    assert (
        len(ops[("data", 3, "lon")]) == _hot_count() > 0 and ops[("data", 3, "showlegend")] is True
    )
    assert ops[("data", 3, "name")] == "hotspot stunting"
    assert ops[("data", 1, "colorbar")]["tickfont"]["size"] >= 24
    inset_ops = {
        tuple(op["location"]): op["params"].get("value")
        for op in inset.to_plotly_json()["operations"]
    }
    assert (
        len(inset_ops[("data", 1, "z")]) == 4 and len(inset_ops[("data", 2, "lon")]) == _hot_count()
    )


def test_figures_show_no_people():
    view = view_content(JEPARA, "ilp", "id")
    fig, inset = lv.display_figures(rd.geography(JEPARA), "id", view, rd.view_points(JEPARA, None))
    assert len(fig.data) == 4 and len(inset.data) == 3
    # the ILP view has no dots: one invisible point off the map, not in the legend
    assert (
        fig.data[3].marker.opacity == 0
        and fig.data[3].showlegend is False
        and fig.data[3].lon == (0.0,)
    )
    assert fig.data[1].geojson == f"/geo/{JEPARA}/{store.version(JEPARA)}.json"
    # hover texts: villages and facilities only
    vil = store.dataset(JEPARA).region.villages
    assert all(t.startswith(f"<b>{n}</b>") for t, n in zip(fig.data[1].text, vil["nama"]))
    assert all(t.startswith("Puskesmas") for t in rd.view_points(JEPARA, "puskesmas").text)
    hot = rd.view_points(JEPARA, "hotspot")
    assert len(hot.text) == _hot_count() and set(hot.text) <= set(vil["nama"])


# ------------------------------------------------------------------ the page's turn (no browser)
def turn(state: dict, *, rotate: bool) -> tuple:
    """What the page's callback does: the region's next picture, drawn."""
    return lv.turn_outputs(rd.turn(state, rotate=rotate))


def test_a_turn_patches_the_next_view():
    state = {
        "code": JEPARA,
        "lang": "en",
        "version": store.version(JEPARA),
        "views": ["ilp", "stunting", "puskesmas", "ambulans"],
        "index": 3,
    }
    fig, inset, _style, title, month, _numbers, _source, dots, _rotate_off, new, _bounds = turn(
        state, rotate=True
    )
    assert title == "ILP Posyandu coverage by village" and month == "Data as of May 2025"
    assert new["index"] == 0 and type(fig).__name__ == "Patch" and type(inset).__name__ == "Patch"
    assert "active" in dots[0].className and "active" not in dots[3].className
    # the slow refresh re-reads the same view
    assert turn(new, rotate=False)[3] == title


def test_an_upload_rebuilds_the_map_on_the_next_tick():
    code = "35.79"
    try:
        state = {
            "code": code,
            "lang": "id",
            "version": store.version(code),
            "views": rd.available_views(code),
            "index": 1,
        }
        store.replace(code, store.dataset(code))  # an upload: same files, new version
        fig, _inset, style, title, *_, new, bounds = turn(state, rotate=False)
        assert new["version"] == state["version"] + 1 and new["index"] == 1
        assert fig.data[1].geojson == f"/geo/{code}/{new['version']}.json"  # a whole new figure
        assert title == "Prevalensi stunting per desa" and style == {
            "display": "none"
        }  # Batu has no islands
        assert set(bounds) == {"main", "inset"} and bounds["inset"] is None
    finally:
        store.reset(code)
