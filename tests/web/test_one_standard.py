"""The briefing card, the printed report, the public display and the planner screen name one ambulance standard."""

from __future__ import annotations

import html
import json

import pytest

from ilp_dash import policy
from ilp_dash.region import display as region_display
from ilp_dash.ui.display_views import view_content

CODE = "33.20"


@pytest.fixture(scope="module")
def client():
    from ilp_dash.web.app import create_app

    app = create_app()
    return app.server.test_client()


def _page(client, path: str, lang: str) -> str:
    """The page's layout as the Dash router renders it (login is off in development)."""
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": path},
            {"id": "_pages_location", "property": "search", "value": f"?region={CODE}&lang={lang}"},
        ],
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }
    r = client.post(
        "/_dash-update-component", data=json.dumps(body), content_type="application/json"
    )
    assert r.status_code == 200
    return json.dumps(r.get_json(), ensure_ascii=False)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_output_names_the_same_ambulance_standard(client, lang):
    standard = policy.ambulance_standard_text(lang)
    assert _page(client, "/", lang).count(standard) == 1  # the briefing card
    assert _page(client, "/ambulans", lang).count(standard) == 1  # the planner screen
    report = client.get(f"/laporan?region={CODE}&lang={lang}").get_data(as_text=True)
    assert standard in html.unescape(report)
    view = view_content(region_display.view_data(CODE, "ambulans"), lang)
    assert standard in view.note


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_minutes_on_the_card_are_the_standard(client, lang):
    card = _page(client, "/", lang)
    minutes = f"{policy.AMBULANCE_MINUTES:.0f}"
    label = (
        f"≤ {minutes} menit dari ambulans" if lang == "id" else f"≤ {minutes} min from an ambulance"
    )
    assert label in card
