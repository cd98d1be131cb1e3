"""Referral screen (``/rujukan``): the page's components — title, controls, side panel, map block.

Pure assembly of Dash components from values the page has already read
(figures, texts, kecamatan options, the data's source line); nothing here
reads region data. Element ids are the ones the page's callbacks name.
"""

from __future__ import annotations

from dash import dcc, html

from ilp_dash.i18n import tr
from ilp_dash.ui import shell
from ilp_dash.ui.referral import THRESHOLD_MAX, THRESHOLD_MIN


def title(measure: str, lang: str) -> str:
    """The line above the map, for the measure coloured."""
    if measure == "chain":
        return tr(
            lang,
            "Waktu tempuh rantai rujukan Posyandu → Pustu → Puskesmas → RSUD per desa",
            "Travel time along the referral chain Posyandu → Pustu → Puskesmas → RSUD, by village",
        )
    return tr(
        lang,
        "Waktu tempuh desa ke Puskesmas terdekat",
        "Travel time from each village to the nearest Puskesmas",
    )


def selection_hint(lang: str) -> str:
    return tr(
        lang,
        "Pilih kecamatan untuk menggambar rantai Posyandu → Pustu → Puskesmas → RSUD.",
        "Choose a district to draw its Posyandu → Pustu → Puskesmas → RSUD chain.",
    )


def missing_panel(need: list[str], lang: str) -> html.Div:
    """Why the chain cannot be computed: the registers in ``need`` are not loaded."""
    names = ", ".join(need) or "Posyandu, Puskesmas, rumah sakit"
    return html.Div(
        tr(
            lang,
            f"Rantai rujukan belum dapat dihitung: register {names} belum dimuat untuk wilayah ini. "
            f"Muat register dengan kolom id, nama, lon, lat di halaman Unggah data.",
            f"The referral chain cannot be computed yet: the {names} register is not loaded for this "
            f"region. Load it (columns id, nama, lon, lat) on the Upload data page.",
        ),
        className="error-box",
        id="rj-missing",
    )


def measure_controls(measure: str, lang: str) -> html.Div:
    """The "colour by" radio items (``rj-measure``)."""
    return html.Div(
        [
            html.Span(tr(lang, "Warnai menurut", "Colour by"), className="rj-ctl-label"),
            dcc.RadioItems(
                id="rj-measure",
                value=measure,
                inline=True,
                className="rj-radio",
                options=[
                    {
                        "label": tr(
                            lang, "Desa → Puskesmas terdekat", "Village → nearest Puskesmas"
                        ),
                        "value": "puskesmas",
                    },
                    {
                        "label": tr(lang, "Rantai penuh sampai RSUD", "Whole chain to the RSUD"),
                        "value": "chain",
                    },
                ],
            ),
        ],
        className="rj-ctl",
    )


def side_panel(
    threshold: int,
    count: str,
    kecamatan: list[dict],
    sea: str,
    rule: str,
    lang: str,
) -> html.Aside:
    """Threshold slider, the count above it, the kecamatan chooser and the travel rule."""
    return html.Aside(
        [
            html.Label(
                tr(lang, "Batas waktu tempuh (menit)", "Travel-time threshold (minutes)"),
                htmlFor="rj-threshold",
                className="rj-label",
            ),
            dcc.Slider(
                id="rj-threshold",
                min=THRESHOLD_MIN,
                max=THRESHOLD_MAX,
                step=5,
                value=threshold,
                marks={m: str(m) for m in (10, 30, 60, 90, 120)},
                className="rj-slider",
            ),
            html.Div(count, id="rj-count", className="rj-count"),
            html.P(
                tr(
                    lang,
                    "Biru tua: di atas batas. Kuning-hijau muda: di bawahnya. Jingga: tidak terjangkau.",
                    "Dark blue: above the threshold. Pale yellow-green: below it. Orange-red: unreachable.",
                ),
                className="rj-note",
            ),
            html.Label(
                tr(lang, "Garis rujukan untuk kecamatan", "Referral lines for district"),
                htmlFor="rj-kec",
                className="rj-label",
            ),
            dcc.Dropdown(
                id="rj-kec",
                options=kecamatan,
                value=None,
                clearable=True,
                placeholder=tr(lang, "Pilih kecamatan…", "Choose a district…"),
                className="rj-dropdown",
            ),
            html.P(selection_hint(lang), id="rj-selection", className="rj-selection"),
            html.P(sea, id="rj-sea", className="rj-sea") if sea else None,
            html.P(rule, id="rj-rule", className="rj-rule"),
        ],
        className="panel rj-side",
    )


def map_block(fig: dict, inset: dict | None, source: str, lang: str) -> html.Div:
    """The main map, the island inset (always present, hidden without islands) and the source line."""
    return html.Div(
        [
            dcc.Loading(
                html.Div(
                    [
                        dcc.Graph(
                            id="village-map",
                            figure=fig,
                            className="map-main rj-map",
                            config={"displaylogo": False},
                        ),
                        # always present (hidden without islands, or while the islands fill the main map)
                        html.Div(
                            dcc.Graph(
                                id="inset-map",
                                figure=inset if inset is not None else {},
                                className="inset-map",
                                config={"displayModeBar": False},
                            ),
                            id="rj-inset-wrap",
                            className="" if inset is not None else "rj-hidden",
                        ),
                    ],
                    className="map-wrap",
                ),
                type="circle",
                delay_show=400,
            ),
            shell.source_line(
                source,
                lang,
                tr(
                    lang,
                    "Waktu tempuh: perkiraan garis lurus, bukan rute jalan.",
                    "Travel times: straight-line estimate, not road routing.",
                ),
            ),
        ],
        className="rj-main",
    )


def body(
    params: dict,
    measure: str,
    main: html.Div,
    side: html.Aside,
    table,
    source: str,
    lang: str,
) -> list:
    """The screen below the header: title and controls, map and side panel, the village table."""
    return [
        dcc.Store(id="rj-params", data=params),
        html.Div(
            [
                html.H2(title(measure, lang), className="map-title", id="rj-title"),
                measure_controls(measure, lang),
            ],
            className="map-head",
        ),
        html.Div([main, side], className="rj-grid"),
        html.H2(
            tr(lang, "Desa dengan waktu tempuh terlama lebih dulu", "Worst-served villages first"),
            className="rj-table-title",
        ),
        table,
        shell.source_line(
            source,
            lang,
            tr(
                lang,
                "Klik judul kolom untuk mengurutkan ulang. Baris bergaris biru: di atas "
                "batas waktu.",
                "Click a column title to sort again. Rows with a blue edge: above the threshold.",
            ),
        ),
    ]
