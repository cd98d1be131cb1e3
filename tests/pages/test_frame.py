"""The frame every screen shares, fed from the region being served (pages/frame.py)."""

from __future__ import annotations

import json

from ilp_dash.pages import frame
from ilp_dash.region import store


def _text(component) -> str:
    return json.dumps(component.to_plotly_json(), default=lambda o: o.to_plotly_json())


def test_header_names_the_region_and_offers_every_bundled_region():
    head = frame.header("35.03")
    assert head.name == store.dataset("35.03").region.name
    assert head.synthetic is True  # the bundled data/ is the synthetic sample
    assert {"33.20", "35.03", "35.79", "18.10"} <= {code for code, _ in head.regions}


def test_a_screen_shows_the_sample_badge_and_its_region():
    page = _text(frame.frame("/", "35.79", "en", ["body"]))
    assert store.dataset("35.79").region.name in page
    assert "SAMPLE DATA" in page and "region-select" in page


def test_geo_url_names_the_served_version():
    assert frame.geo_url("33.20") == f"/geo/33.20/{store.version('33.20')}.json"


def test_source_line_says_where_the_data_comes_from():
    line = _text(frame.source_line("33.20", "id", "Catatan."))
    assert "DATA CONTOH SINTETIS" in line and "Catatan." in line and "wilayah_boundaries" in line


def test_a_mixed_folder_names_its_sample_inputs_on_every_output(tmp_path, monkeypatch):
    """Real Puskesmas beside the sample registers: the badge stays and names the sample inputs."""
    import dataclasses

    from ilp_dash.io.dataset import load_dataset
    from ilp_dash.region import display, results
    from ilp_dash.region.briefing import sample_inputs_text, source_text
    from ilp_dash.web import report

    from ..io.test_dataset import real_puskesmas

    code = "35.79"
    real = load_dataset(code, {"puskesmas": real_puskesmas(tmp_path)}).facilities["puskesmas"]
    ds = store.dataset(code)
    mixed = dataclasses.replace(
        ds,
        facilities={**ds.facilities, "puskesmas": real},
        inputs={**ds.inputs, "puskesmas": False},
    )
    store.replace(code, mixed)
    try:
        for lang, words in (("id", "register Posyandu"), ("en", "Posyandu register")):
            named = sample_inputs_text(code, lang)
            assert words in named and "Puskesmas" not in named
            assert named in _text(frame.frame("/", code, lang, ["body"]))  # every screen's header
            assert named in source_text(code, lang)  # the line under every figure and the display
            assert named in report.report_html(code, lang)  # the printed report
            drawn = {}
            monkeypatch.setattr(report, "map_png", lambda *a, **kw: drawn.update(kw) or b"png")
            report.ilp_map_png(code, lang)  # the map PNG's corner note
            assert named in drawn["sample_note"]
            monkeypatch.undo()
        assert display.available_views(code)  # the display still turns
    finally:
        store.reset(code)
        results.clear()
