"""The frame every screen shares: title, navigation, region and language, sample badge, source line.

A screen's ``layout(region=None, lang=None, **query)`` calls :func:`frame`;
the region and language live in the URL (``?region=35.03&lang=en``), so any
screen can be opened, bookmarked or printed on a given region and language.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qsl, urlencode

import dash
from dash import Input, Output, State, dcc, html

from ilp_dash import auth, store
from ilp_dash.io.geodata import region_index
from ilp_dash.kpi import source_text
from ilp_dash.ui.i18n import tr, valid_lang
from ilp_dash.ui.login_view import nav_status
from ilp_dash.ui.versions_view import problem_banner

PAGES = (
    ("/", "Ringkasan", "Briefing"),
    ("/cakupan", "Cakupan ILP", "ILP coverage"),
    ("/stunting", "Stunting", "Stunting"),
    ("/rujukan", "Rujukan", "Referral"),
    ("/ambulans", "Ambulans", "Ambulances"),
    ("/layar", "Layar publik", "Public display"),
    ("/unggah", "Unggah data", "Upload data"),
)


def query(region: str, lang: str, **extra) -> str:
    params = {"region": region}
    if lang != "id":
        params["lang"] = lang
    params.update({k: v for k, v in extra.items() if v is not None})
    return "?" + urlencode(params)


def geo_url(code: str) -> str:
    """URL of the region's village GeoJSON for the data version being served."""
    return f"/geo/{code}/{store.version(code)}.json"


def sample_badge(lang: str) -> html.Span:
    return html.Span(tr(lang, "DATA CONTOH — sintetis, bukan data resmi", "SAMPLE DATA — synthetic, not official"),
                     className="badge-sample", title="DATA CONTOH / SAMPLE DATA")


def source_line(code: str, lang: str, what: str = "") -> html.P:
    """Boundaries' attribution, the data's origin and today's date, under every figure."""
    parts = [source_text(code, lang),
             (" " + what) if what else "",
             tr(lang, " Dibuat ", " Made ") + date.today().isoformat() + "."]
    return html.P("".join(parts), className="source")


def frame(path: str, code: str, lang: str, body, *, title: str | None = None, wide: bool = False) -> html.Div:
    """A screen: header (title, navigation, region, language, badge) above ``body``."""
    lang = valid_lang(lang)
    ds = store.dataset(code)
    nav = [dcc.Link(tr(lang, i, e), href=p + query(code, lang), className="nav-link" + (" active" if p == path else ""))
           for p, i, e in PAGES]
    header = html.Header([
        html.Div([
            html.Span("ILP Dash", className="brand"),
            html.H1(title or ds.region.name, id="page-title"),
            sample_badge(lang) if ds.synthetic else None,
        ], className="title-row"),
        html.Nav(nav, className="nav"),
        html.Div([
            dcc.Dropdown(id="region-select", value=code, clearable=False, className="region-select",
                         options=[{"label": e["name"], "value": e["code"]} for e in region_index()]),
            dcc.RadioItems(id="lang-select", value=lang, className="lang-select", inline=True,
                           options=[{"label": "ID", "value": "id"}, {"label": "EN", "value": "en"}]),
            nav_status(lang),
        ], className="controls"),
    ], className="topbar no-print-controls")
    banner = problem_banner(code, lang) if auth.is_planner() else None  # data warnings are for planners only
    return html.Div([header, banner, html.Main(body, className="page-body" + (" wide" if wide else ""))],
                    className="page", lang=lang)


def register(app: dash.Dash) -> None:
    """The frame's callback, registered on each app.

    (A module-level ``@dash.callback`` would only reach the first app made in a
    process: Dash hands global callbacks to one app.)
    """
    app.callback(Output("url", "search", allow_duplicate=True), Input("region-select", "value"),
                 Input("lang-select", "value"), State("url", "search"), prevent_initial_call=True)(_switch)


def _switch(code: str, lang: str, search: str | None):
    params = dict(parse_qsl((search or "").lstrip("?")))
    params["region"] = code
    if lang == "id":
        params.pop("lang", None)
    else:
        params["lang"] = lang
    target = "?" + urlencode(params)
    return dash.no_update if search == target else target
