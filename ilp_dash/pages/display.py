"""Layar publik: a full-screen display for a health-office lobby, rotating views, unattended.

``/layar?region=33.20&lang=en&detik=20``. No navigation and no controls: the
screen turns to the next view every ``detik`` seconds (at least 5), re-reads
the numbers every five minutes (an upload shows up without a restart) and
reloads itself when the server comes back after an outage (assets/layar.js).
Counts of children below 5 are withheld (:mod:`ilp_dash.region.privacy`).
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

import dash
from dash import (
    ClientsideFunction,
    Input,
    Output,
    State,
    callback,
    clientside_callback,
    ctx,
    dcc,
    html,
)

from ilp_dash import access
from ilp_dash.i18n import tr, valid_lang
from ilp_dash.region import display as rd
from ilp_dash.region import store
from ilp_dash.region.briefing import sample_inputs_text, source_text
from ilp_dash.region.store import valid_region
from ilp_dash.ui import display as lv
from ilp_dash.ui.display_views import View, view_content
from ilp_dash.ui.shell import sample_badge

dash.register_page(
    __name__,
    path="/layar",
    title="ILP Dash — Layar publik",
    name="Layar publik",
    audience=access.PUBLIC,
)

GRAPH_CONFIG = {"displayModeBar": False, "scrollZoom": False, "doubleClick": False}


def opening(code: str, lang: str) -> tuple[list[str], View, dict, dict | None]:
    """``(views, first view, map, inset)`` a display opens with — built once per data version and language.

    Two hundred lobby screens opening at once would otherwise each build the
    same two figures (~0.1 s of plotly per screen); the figures are plain dicts
    that are only serialised, never changed.
    """
    return _opening(code, store.version(code), lang)


@lru_cache(maxsize=32)
def _opening(code: str, version: int, lang: str) -> tuple[list[str], View, dict, dict | None]:
    views = rd.available_views(code)
    view = view_content(rd.view_data(code, views[0] if views else ""), lang)
    points = rd.view_points(code, view.points)
    fig, inset = lv.display_figures(rd.geography(code), lang, view, points)
    return views, view, fig.to_plotly_json(), inset.to_plotly_json() if inset is not None else None


def layout(
    region: str | None = None, lang: str | None = None, detik: str | None = None, **_query
) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    seconds = lv.rotation_seconds(detik if detik is not None else lv.DEFAULT_SECONDS)
    ds = store.dataset(code)
    views, view, fig, inset = opening(code, lang)
    time_text, date_text = lv.clock_text(datetime.now(), lang)
    state = {
        "code": code,
        "lang": lang,
        "version": store.version(code),
        "views": list(views),
        "index": 0,
    }
    header = html.Header(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.Span("ILP Dash", className="ly-brand"),
                            html.Span(ds.region.name, className="ly-region", id="ly-region"),
                        ],
                        className="ly-kicker",
                    ),
                    html.H1(view.title, id="ly-title", className="ly-title"),
                ],
                className="ly-head-main",
            ),
            html.Div(
                [
                    html.Div(
                        [
                            html.Span(time_text, id="ly-time", className="ly-time"),
                            html.Span(date_text, id="ly-date", className="ly-date"),
                        ],
                        className="ly-clock",
                    ),
                    html.Div(
                        [
                            sample_badge(lang, sample_inputs_text(code, lang))
                            if ds.synthetic
                            else None,
                            html.Span(
                                lv.month_line(view, lang), id="ly-month", className="ly-month"
                            ),
                        ],
                        className="ly-meta",
                    ),
                ],
                className="ly-head-side",
            ),
        ],
        className="ly-header",
    )
    body = html.Main(
        [
            dcc.Loading(
                html.Div(
                    [
                        dcc.Graph(
                            id="village-map",
                            figure=fig,
                            className="ly-map",
                            config=GRAPH_CONFIG,
                            responsive=True,
                        ),
                        dcc.Graph(
                            id="inset-map",
                            figure=inset if inset is not None else {},
                            className="inset-map ly-inset",
                            config=GRAPH_CONFIG,
                            style=lv.inset_style(inset),
                        ),
                    ],
                    className="ly-map-wrap",
                ),
                type="circle",
                delay_show=1000,
                parent_className="ly-map-cell",
                overlay_style={"visibility": "visible", "opacity": 0.5},
            ),
            html.Aside(lv.number_cards(view), id="ly-numbers", className="ly-numbers"),
        ],
        className="ly-body",
    )
    footer = html.Footer(
        [
            html.Div(
                lv.notes(source_text(code, lang), lang, view), id="ly-source", className="ly-source"
            ),
            html.Div(lv.view_dots(views, 0, lang), id="ly-dots", className="ly-dots"),
        ],
        className="ly-footer",
    )
    return html.Div(
        [
            dcc.Store(id="ly-state", data=state),
            dcc.Store(id="ly-bounds", data=rd.map_bounds(code)),
            dcc.Interval(id="ly-rotate", interval=seconds * 1000, disabled=len(views) < 2),
            dcc.Interval(id="ly-refresh", interval=lv.REFRESH_SECONDS * 1000),
            dcc.Interval(id="ly-tick", interval=1000),
            header,
            body,
            footer,
        ],
        id="ly-root",
        className="ly-page",
        lang=lang,
        **{
            "data-offline": tr(
                lang,
                "Sambungan ke server terputus — mencoba lagi…",
                "Connection to the server lost — retrying…",
            )
        },
    )


@callback(
    Output("village-map", "figure", allow_duplicate=True),
    Output("inset-map", "figure", allow_duplicate=True),
    Output("inset-map", "style"),
    Output("ly-title", "children"),
    Output("ly-month", "children"),
    Output("ly-numbers", "children"),
    Output("ly-source", "children"),
    Output("ly-dots", "children"),
    Output("ly-rotate", "disabled"),
    Output("ly-state", "data"),
    Output("ly-bounds", "data"),
    Input("ly-rotate", "n_intervals"),
    Input("ly-refresh", "n_intervals"),
    State("ly-state", "data"),
    prevent_initial_call=True,
)
@access.public
def _turn(_rotate: int | None, _refresh: int | None, state: dict):
    return lv.turn_outputs(rd.turn(state, rotate=ctx.triggered_id == "ly-rotate"))


# fit the maps to the screen they are on (the server cannot know its size); again after new data.
# The outlines reserve room for the colour bar (bottom) and the inset's title (top).
clientside_callback(
    ClientsideFunction(namespace="layar", function_name="fit_main"),
    Output("village-map", "figure", allow_duplicate=True),
    Input("ly-bounds", "data"),
    prevent_initial_call="initial_duplicate",
)
clientside_callback(
    ClientsideFunction(namespace="layar", function_name="fit_inset"),
    Output("inset-map", "figure", allow_duplicate=True),
    Input("ly-bounds", "data"),
    prevent_initial_call="initial_duplicate",
)
clientside_callback(
    ClientsideFunction(namespace="layar", function_name="clock"),
    Output("ly-time", "children"),
    Output("ly-date", "children"),
    Input("ly-tick", "n_intervals"),
    State("ly-state", "data"),
)
