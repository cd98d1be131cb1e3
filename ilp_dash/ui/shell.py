"""The frame every screen shares: title, navigation, region and language, sample badge, source line.

Pure builders: what the frame shows of the region and the viewer is handed in
(:mod:`ilp_dash.pages.frame` gathers it). The region and language live in the URL (``?region=35.03&lang=en``), so any
screen can be opened, bookmarked or printed on a given region and language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl, urlencode

import dash
from dash import Input, Output, State, dcc, html

from ilp_dash.access import Viewer, public
from ilp_dash.i18n import tr, valid_lang
from ilp_dash.ui.login import nav_status
from ilp_dash.ui.versions import problem_banner

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


def geo_url(code: str, version: int) -> str:
    """URL of the region's village GeoJSON for one data version."""
    return f"/geo/{code}/{version}.json"


def sample_text(lang: str, partly: str = "") -> str:
    """The sample-data badge's words; ``partly`` names the sample inputs when only some are."""
    if partly:
        return tr(lang, f"DATA CONTOH (sintetis): {partly}", f"SAMPLE DATA (synthetic): {partly}")
    return tr(
        lang, "DATA CONTOH — sintetis, bukan data resmi", "SAMPLE DATA — synthetic, not official"
    )


def sample_badge(lang: str, partly: str = "") -> html.Span:
    """Shown whenever any input of the screen is sample data, naming them when not all are."""
    return html.Span(
        sample_text(lang, partly), className="badge-sample", title="DATA CONTOH / SAMPLE DATA"
    )


def source_line(source: str, lang: str, what: str = "") -> html.P:
    """Boundaries' attribution and the data's origin (``source``), ``what`` and today's date, under every figure."""
    parts = [
        source,
        (" " + what) if what else "",
        tr(lang, " Dibuat ", " Made ") + date.today().isoformat() + ".",
    ]
    return html.P("".join(parts), className="source")


@dataclass(frozen=True)
class Header:
    """What the frame shows of a region: its name, whether sample data is shown, the region list, a data warning."""

    code: str
    name: str
    synthetic: bool  # any input is sample data
    regions: tuple[tuple[str, str], ...]  # (code, name) of every region on offer
    problem: dict | None = None  # a data-folder warning, shown to planners only
    sample: str = ""  # the sample inputs by name, when only some inputs are sample data


def frame(
    path: str,
    lang: str,
    body,
    *,
    header: Header,
    viewer: Viewer,
    title: str | None = None,
    wide: bool = False,
) -> html.Div:
    """A screen: header (title, navigation, region, language, badge) above ``body``."""
    lang = valid_lang(lang)
    code = header.code
    nav = [
        dcc.Link(
            tr(lang, i, e),
            href=p + query(code, lang),
            className="nav-link" + (" active" if p == path else ""),
        )
        for p, i, e in PAGES
    ]
    top = html.Header(
        [
            html.Div(
                [
                    html.Span("ILP Dash", className="brand"),
                    html.H1(title or header.name, id="page-title"),
                    sample_badge(lang, header.sample) if header.synthetic else None,
                ],
                className="title-row",
            ),
            html.Nav(nav, className="nav"),
            html.Div(
                [
                    dcc.Dropdown(
                        id="region-select",
                        value=code,
                        clearable=False,
                        className="region-select",
                        options=[{"label": n, "value": c} for c, n in header.regions],
                    ),
                    dcc.RadioItems(
                        id="lang-select",
                        value=lang,
                        className="lang-select",
                        inline=True,
                        options=[{"label": "ID", "value": "id"}, {"label": "EN", "value": "en"}],
                    ),
                    nav_status(lang, viewer),
                ],
                className="controls",
            ),
        ],
        className="topbar no-print-controls",
    )
    banner = (
        problem_banner(header.problem, lang) if viewer.planner else None
    )  # data warnings: planners only
    return html.Div(
        [top, banner, html.Main(body, className="page-body" + (" wide" if wide else ""))],
        className="page",
        lang=lang,
    )


def register(app: dash.Dash) -> None:
    """The frame's callback, registered on each app.

    (A module-level ``@dash.callback`` would only reach the first app made in a
    process: Dash hands global callbacks to one app.)
    """
    app.callback(
        Output("url", "search", allow_duplicate=True),
        Input("region-select", "value"),
        Input("lang-select", "value"),
        State("url", "search"),
        prevent_initial_call=True,
    )(public(_switch))


def _switch(code: str, lang: str, search: str | None):
    params = dict(parse_qsl((search or "").lstrip("?")))
    params["region"] = code
    if lang == "id":
        params.pop("lang", None)
    else:
        params["lang"] = lang
    target = "?" + urlencode(params)
    return dash.no_update if search == target else target
