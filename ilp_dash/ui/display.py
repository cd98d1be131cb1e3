"""The public display (``/layar``): its map, patches and page parts, built from values handed in.

The numbers of each view come from :mod:`ilp_dash.region.display`; their words
and colour bars from :mod:`ilp_dash.ui.display_views`. The map is built once
(:func:`display_figures`); turning to another view sends only
:func:`view_patches` (values, colour bar, which point layer is shown).
Nothing here shows a person: villages, facilities and counts ≥ 5 only.
"""

from __future__ import annotations

from datetime import datetime

import dash
import numpy as np
import plotly.graph_objects as go
from dash import Patch, html

from ilp_dash.i18n import month_name, tr
from ilp_dash.io.geojson import bounds_view
from ilp_dash.region.display import Geography, Points, Turn
from ilp_dash.ui import shell
from ilp_dash.ui.display_views import FONT_PX, View, view_content
from ilp_dash.ui.maps import OKABE_ITO, map_pair, value_patch

# one point trace, refilled per view (facilities, bases or hotspots); toggling the visibility of
# several traces made MapLibre redraw some of them under the villages
MAIN_POINTS = 3  # village_map: 0 grey, 1 values, 2 kecamatan outline, 3 points
INSET_POINTS = 2  # inset_map: 0 grey, 1 values, 2 points
DEFAULT_SECONDS = 20
MIN_SECONDS = 5
MAX_SECONDS = 3600
REFRESH_SECONDS = 300
VILLAGE_LINE = "#8a8a8a"  # village borders: grey, so pale villages keep an edge
MAP_PX = (1250, 800)  # the map's size on a 1920 × 1080 screen (fits the zoom)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# how each kind of dot is named in the legend, coloured and sized
POINT_STYLE = {
    "puskesmas": (("Puskesmas", "Puskesmas"), OKABE_ITO["black"], 14),
    "ambulans": (("pangkalan ambulans", "ambulance base"), OKABE_ITO["black"], 16),
    "hotspot": (("hotspot stunting", "stunting hotspot"), OKABE_ITO["blue"], 18),
}


# ------------------------------------------------------------------ pure pieces
def rotation_seconds(value: str | int | None) -> int:
    """``?detik=`` as seconds between views: default 20, at least 5, at most an hour."""
    try:
        seconds = int(float(str(value).replace(",", ".")))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_SECONDS
    return min(max(seconds, MIN_SECONDS), MAX_SECONDS)


def clock_text(now: datetime, lang: str) -> tuple[str, str]:
    """``("14.05", "Senin, 2 Juni 2025")`` — the same format as assets/layar.js."""
    if lang == "en":
        return now.strftime(
            "%H:%M"
        ), f"{DAYS_EN[now.weekday()]}, {now.day} {month_name(now.strftime('%Y-%m'), lang)}"
    return now.strftime(
        "%H.%M"
    ), f"{DAYS_ID[now.weekday()]}, {now.day} {month_name(now.strftime('%Y-%m'), lang)}"


# ------------------------------------------------------------------ figures and patches
def _points_props(pts: Points, lang: str) -> dict:
    """Trace properties of the dots; a view without dots keeps one invisible point far away.

    (A MapLibre point layer emptied and refilled was drawn under the villages once
    it came back: the trace is never left empty.)
    """
    if not pts.lon:
        return {
            "lon": [0.0],
            "lat": [0.0],
            "text": [""],
            "name": "",
            "showlegend": False,
            "hoverinfo": "skip",
            "marker": {"size": 1, "color": OKABE_ITO["black"], "opacity": 0},
            "hovertemplate": None,
        }
    names, color, size = POINT_STYLE[pts.kind]
    name = tr(lang, *names)
    return {
        "lon": pts.lon,
        "lat": pts.lat,
        "text": pts.text,
        "name": name,
        "showlegend": True,
        "hoverinfo": "all",
        "marker": {"size": size, "color": color, "opacity": 1},
        "hovertemplate": "%{text}<extra>" + name + "</extra>",
    }


def display_figures(
    geo: Geography, lang: str, view: View, points: Points
) -> tuple[go.Figure, go.Figure | None]:
    """The display's map (and the islands' inset, if any) showing ``view``, with large legend type."""
    vil, detached = geo.villages, geo.detached
    dots = go.Scattermap(mode="markers", **_points_props(points, lang))
    main = vil[~detached] if detached.any() else vil
    fig, inset = map_pair(
        vil,
        view.values,
        view.scale,
        detached=detached,
        geo_url=shell.geo_url(geo.code, geo.version),
        kecamatan=geo.kecamatan,
        no_data_label=view.no_data_label,
        view=main,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        points=[dots],
    )
    center, zoom = bounds_view(main, *MAP_PX)
    fig.update_traces(marker_line_color=VILLAGE_LINE, selector={"type": "choroplethmap"})
    fig.update_layout(
        map={"center": center, "zoom": zoom},
        font={"size": FONT_PX},
        legend={"font": {"size": FONT_PX}, "itemsizing": "constant"},
        hoverlabel={"font": {"size": FONT_PX}},
    )
    if inset is not None:
        inset.add_trace(dots)
        inset.update_traces(marker_line_color=VILLAGE_LINE, selector={"type": "choroplethmap"})
        sub = vil[detached]
        center, zoom = bounds_view(sub, width_px=400, height_px=230)
        inset.update_layout(
            map={"center": center, "zoom": zoom},
            margin={"t": 40},
            title={"font": {"size": FONT_PX}},
            hoverlabel={"font": {"size": FONT_PX}},
        )
    return fig, inset


def _patch(values, view: View, props: dict, points_trace: int) -> Patch:
    p = value_patch(values, view.scale)
    p["data"][0]["name"] = view.no_data_label
    p["data"][0]["hovertemplate"] = "%{text}<br>" + view.no_data_label + "<extra></extra>"
    for key, value in props.items():
        p["data"][points_trace][key] = value
    return p


def view_patches(
    detached: np.ndarray, lang: str, view: View, points: Points
) -> tuple[Patch, Patch | None]:
    """Turn the map (and inset) to ``view``: values, colour bar, no-data label, dots."""
    props = _points_props(points, lang)
    main = _patch(view.values, view, props, MAIN_POINTS)
    inset = None
    if detached.any():
        inset = _patch(np.asarray(view.values, dtype=float)[detached], view, props, INSET_POINTS)
    return main, inset


# ------------------------------------------------------------------ the page's parts and its turn
def number_cards(view: View) -> list:
    return [
        html.Div(
            [
                html.Div(n.value, className="ly-number-value"),
                html.Div(n.label, className="ly-number-label"),
            ],
            className="ly-number",
        )
        for n in view.numbers
    ]


def month_line(view: View, lang: str) -> str:
    if not view.month:
        return ""
    return tr(
        lang,
        f"Data per {month_name(view.month, lang)}",
        f"Data as of {month_name(view.month, lang)}",
    )


def view_dots(views: list[str], index: int, lang: str) -> list:
    """Which view of how many: one named pill per view, the current one filled."""
    names = {
        "ilp": tr(lang, "Posyandu ILP", "ILP Posyandu"),
        "stunting": tr(lang, "Stunting", "Stunting"),
        "puskesmas": tr(lang, "Puskesmas", "Puskesmas"),
        "ambulans": tr(lang, "Ambulans", "Ambulances"),
    }
    return [
        html.Span(names.get(k, k), className="ly-dot" + (" active" if i == index else ""))
        for i, k in enumerate(views)
    ]


def notes(source: str, lang: str, view: View) -> list:
    """How to read the view, then the source (``source``) and date line every figure carries."""
    return [html.P(view.note, className="ly-note"), shell.source_line(source, lang)]


def inset_style(inset) -> dict:
    return {} if inset is not None else {"display": "none"}


def turn_outputs(t: Turn) -> tuple:
    """The outputs of the display's turn callback for the picture ``t`` (:func:`ilp_dash.region.display.turn`).

    New data rebuilds the map (new GeoJSON URL, perhaps other views); otherwise
    only patches are sent. Returns map, inset, inset style, title, month line,
    numbers, notes, view pills, rotation ``disabled``, new state, map bounds.
    """
    lang = t.lang
    view = view_content(t.data, lang)
    if t.new_data:
        fig, inset = display_figures(t.geography, lang, view, t.points)
        inset_fig, style = (inset if inset is not None else {}), inset_style(inset)
    else:
        fig, inset_fig = view_patches(t.geography.detached, lang, view, t.points)
        inset_fig, style = (inset_fig if inset_fig is not None else dash.no_update), dash.no_update
    return (
        fig,
        inset_fig,
        style,
        view.title,
        month_line(view, lang),
        number_cards(view),
        notes(t.source, lang, view),
        view_dots(t.views, t.index, lang),
        dash.no_update if t.rotate_off is None else t.rotate_off,
        t.state,
        dash.no_update if t.bounds is None else t.bounds,
    )
