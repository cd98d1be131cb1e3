"""Cakupan ILP (coverage) screen: the page's components — controls, month player, map block, side panels.

Pure assembly of Dash components from values the page has already read (the
figures, kecamatan names, months, the profile's children, the data's source
line); nothing here reads region data. Element ids are the ones the page's
callbacks name. The kecamatan table (:func:`kecamatan_table`) is here too.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ilp_dash.i18n import number, percent, tr
from ilp_dash.ui import shell
from ilp_dash.ui.coverage import (
    ALL,
    DEFAULT_LAYERS,
    LAYER_STYLE,
    LAYERS,
    indicator_options,
    layer_label,
    month_marks,
)

PLAY_MS = 1200


def play_label(lang: str, playing: bool) -> str:
    return ("❚❚ " + tr(lang, "Jeda", "Pause")) if playing else ("▶ " + tr(lang, "Putar", "Play"))


def no_register(href: str, lang: str) -> html.Div:
    """What the screen shows without a Posyandu register: why, and a link (``href``) to Upload data."""
    return html.Div(
        [
            html.H2(tr(lang, "Belum ada register Posyandu", "No Posyandu register loaded")),
            html.P(
                tr(
                    lang,
                    "Peta cakupan ILP membutuhkan register Posyandu (nama, desa, status ILP, bulan ILP) untuk "
                    "wilayah ini. Unggah register di halaman Unggah data, lalu buka halaman ini lagi.",
                    "The ILP coverage map needs a Posyandu register (name, village, ILP status, ILP month) for this "
                    "region. Upload it on the Upload data page, then open this page again.",
                )
            ),
            dcc.Link(
                tr(lang, "Ke Unggah data", "Go to Upload data"), href=href, className="button"
            ),
        ],
        className="error-box",
        id="ck-error",
    )


def layer_options(lang: str) -> list[dict]:
    return [
        {
            "label": html.Span(
                [
                    html.Span(className="ck-dot", style={"background": LAYER_STYLE[k][0]}),
                    layer_label(k, lang),
                ]
            ),
            "value": k,
        }
        for k in LAYERS
    ]


def controls(indicator: str, kec: str, kecamatan: dict[str, str], lang: str) -> html.Div:
    """Indicator and kecamatan dropdowns and the point-layer checklist."""
    return html.Div(
        [
            html.Div(
                [
                    html.Label(tr(lang, "Indikator", "Indicator"), htmlFor="ck-indicator"),
                    dcc.Dropdown(
                        id="ck-indicator",
                        options=indicator_options(lang),
                        value=indicator,
                        clearable=False,
                        searchable=False,
                        className="ck-dropdown",
                    ),
                ],
                className="ck-field ck-field-wide",
            ),
            html.Div(
                [
                    html.Label(tr(lang, "Kecamatan", "District"), htmlFor="ck-kec"),
                    dcc.Dropdown(
                        id="ck-kec",
                        value=kec,
                        clearable=False,
                        className="ck-dropdown",
                        options=[
                            {"label": tr(lang, "Semua kecamatan", "All districts"), "value": ALL}
                        ]
                        + [{"label": n, "value": k} for k, n in kecamatan.items()],
                    ),
                ],
                className="ck-field",
            ),
            html.Div(
                [
                    html.Span(tr(lang, "Tampilkan:", "Show:"), className="ck-label"),
                    dcc.Checklist(
                        id="ck-layers",
                        options=layer_options(lang),
                        value=list(DEFAULT_LAYERS),
                        inline=True,
                        className="ck-layers",
                    ),
                ],
                className="ck-field ck-field-layers",
            ),
        ],
        className="ck-controls",
    )


def timeline(months: list[str], index: int, lang: str) -> html.Div:
    """The Play/Pause button, the month slider at ``index`` and the player's timer."""
    return html.Div(
        [
            html.Button(
                play_label(lang, False),
                id="ck-play",
                n_clicks=0,
                className="button ck-play",
                title=tr(
                    lang,
                    "Putar peluncuran ILP bulan demi bulan",
                    "Play the ILP roll-out month by month",
                ),
            ),
            html.Div(
                dcc.Slider(
                    id="ck-month",
                    min=0,
                    max=len(months) - 1,
                    step=1,
                    value=index,
                    marks=month_marks(months, lang),
                    allow_direct_input=False,
                    included=True,
                ),
                className="ck-slider",
            ),
            dcc.Interval(id="ck-interval", interval=PLAY_MS, disabled=True),
        ],
        className="ck-time",
    )


def inset_graph(inset, style: dict) -> dcc.Graph:
    """The island inset; without islands an empty, hidden one (the callbacks name it)."""
    if inset is None:
        return dcc.Graph(
            id="inset-map", style={"display": "none"}, config={"displayModeBar": False}
        )
    return dcc.Graph(
        id="inset-map",
        figure=inset,
        className="inset-map",
        style=style,
        config={"displayModeBar": False},
    )


def map_block(title: str, fig, inset: dcc.Graph, source: str, lang: str) -> html.Div:
    """The map's title, the main map with the inset, and the source line."""
    return html.Div(
        [
            html.H2(title, id="ck-map-title", className="map-title"),
            dcc.Loading(
                html.Div(
                    [
                        dcc.Graph(
                            id="village-map",
                            figure=fig,
                            className="map-main ck-map",
                            config={"displaylogo": False},
                        ),
                        inset,
                    ],
                    className="map-wrap",
                ),
                type="circle",
                delay_show=500,
            ),
            shell.source_line(
                source,
                lang,
                tr(
                    lang,
                    "Posyandu ILP dihitung pada akhir tiap bulan dari register Posyandu "
                    "(status dan bulan ILP). Target: 100% Posyandu menjadi Posyandu ILP.",
                    "ILP Posyandu counted at the end of each month from the Posyandu register "
                    "(ILP status and month). Target: 100% of Posyandu become ILP Posyandu.",
                ),
            ),
        ],
        className="ck-main",
    )


def side_panel(profile: list, table: html.Table, lang: str) -> html.Aside:
    """The village profile (``ck-profile``) above the kecamatan table (``ck-kec-table``)."""
    return html.Aside(
        [
            dcc.Loading(
                html.Div(profile, id="ck-profile", className="panel ck-profile"),
                type="dot",
                delay_show=300,
                show_initially=False,
                parent_className="ck-profile-wrap",
            ),
            html.Div(
                [
                    html.H3(
                        tr(
                            lang,
                            "Per kecamatan — yang paling perlu kerja di atas",
                            "By district — most work needed at the top",
                        )
                    ),
                    html.Div(table, id="ck-kec-table"),
                ],
                className="panel ck-kec",
            ),
        ],
        className="ck-side",
    )


def body(
    state: dict, desa: str | None, controls_: html.Div, timeline_: html.Div, main, side
) -> list:
    """The screen below the header, with the stores the callbacks share."""
    return [
        dcc.Store(id="ck-ctx", data=state),
        dcc.Store(id="ck-selected", data=desa),
        dcc.Store(id="ck-fit", data=0),
        controls_,
        timeline_,
        html.Div([main, side], className="ck-grid"),
    ]


# ------------------------------------------------------------------ kecamatan totals
def kecamatan_totals(rows: pd.DataFrame, month: str) -> pd.DataFrame:
    """Kecamatan rows of the coverage table for ``month``, lowest ILP share first (where the work is)."""
    t = rows[rows["bulan"] == month].copy()
    t = t.sort_values(
        ["persen_ilp", "gap_posyandu", "nama"], ascending=[True, False, True], na_position="last"
    )
    return t.reset_index(drop=True)


def kecamatan_table(
    totals: pd.DataFrame,
    lang: str,
    *,
    regency: pd.Series | None = None,
    selected: str | None = None,
) -> html.Table:
    """The totals as a compact table with a bar for the ILP share; the selected kecamatan is marked."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(tr(lang, "Kecamatan", "District")),
                html.Th(tr(lang, "ILP / Posyandu", "ILP / Posyandu"), className="num"),
                html.Th("% ILP", className="num"),
                html.Th(tr(lang, "Kurang", "To go"), className="num"),
            ]
        )
    )

    def row(r, cls: str = "") -> html.Tr:
        share = r["persen_ilp"]
        width = f"{0 if pd.isna(share) else max(min(share, 100), 0):.0f}%"
        return html.Tr(
            [
                html.Td(r["nama"]),
                html.Td(
                    f"{number(r['posyandu_ilp'], lang)} / {number(r['posyandu'], lang)}",
                    className="num",
                ),
                html.Td(
                    html.Div(
                        [
                            html.Div(className="ck-bar-fill", style={"width": width}),
                            html.Span(percent(share, lang)),
                        ],
                        className="ck-bar",
                    ),
                    className="num",
                ),
                html.Td(number(r["gap_posyandu"], lang), className="num"),
            ],
            className=cls or None,
        )

    body = [
        row(r, "ck-selected-row" if selected and str(r["kode"]) == str(selected) else "")
        for _, r in totals.iterrows()
    ]
    foot = html.Tfoot(row(regency, "ck-total-row")) if regency is not None else None
    return html.Table([head, html.Tbody(body), foot], className="ck-table", id="ck-kec-rows")
