"""What planners see of the data versions (ilp_dash.ui.versions): the data-folder warning and the versions panel.

Each test serves a fresh copy of data/ with its own state folder (as in tests/region/test_versions.py).
"""

import os
import time

from ilp_dash.region import store, versions

CODE = "35.79"  # Kota Batu: 24 villages, loads fast


def _age(path, seconds: float = 10.0) -> None:
    """Make a file look written ``seconds`` ago (the folder check waits for files to settle)."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def _texts(component) -> str:
    """All strings in a Dash component tree."""
    if component is None:
        return ""
    if isinstance(component, (str, int, float)):
        return str(component)
    if isinstance(component, (list, tuple)):
        return " ".join(_texts(c) for c in component)
    return _texts(getattr(component, "children", None))


def test_planners_see_why_a_file_was_not_used_and_what_is_served(data_dir):
    from ilp_dash.pages.frame import frame
    from ilp_dash.ui.versions import problem_banner

    v = store.version(CODE)
    assert problem_banner(versions.problem(CODE), "id") is None
    target = data_dir / CODE / "pustu.csv"
    target.write_text("kode,nama_pustu\nP1,Pustu Satu\n", encoding="utf-8")
    _age(target)
    versions.sync_folder(CODE, lambda f: store._load(f, CODE))
    for lang, words in (
        ("id", ("pustu.csv", f"versi {v}", "Perbaiki")),
        ("en", ("pustu.csv", f"version {v}", "Fix")),
    ):
        text = _texts(problem_banner(versions.problem(CODE), lang))
        assert all(w in text for w in words), text
    # the frame of every screen carries it (login is off in tests: everyone is a planner)
    assert "pustu.csv" in _texts(frame("/cakupan", CODE, "id", html_body()))


def html_body():
    from dash import html

    return html.P("isi")


def test_versions_panel_offers_every_kept_version_but_the_served_one(data_dir):
    from ilp_dash.ui.versions import versions_panel

    v = store.version(CODE)
    versions.restore(CODE, v)
    panel = versions_panel(versions.list_versions(CODE), "en", v + 1)
    rows = panel.children[2].children[1].children
    assert [r.children[0].children for r in rows] == [str(v + 1), str(v)]
    assert rows[0].children[4].children.children == "being served"
    button = rows[1].children[4].children
    assert button.id == {"type": "up-restore", "version": v} and button.children == f"Restore {v}"
