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
