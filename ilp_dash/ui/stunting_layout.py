"""Stunting screen: the page's components — map switches, map block, side panel, missing-data notice.

Pure assembly of Dash components from values the page has already read (the
hotspot frame, the figures, the regional prevalence, the data's source line);
nothing here reads region data. Element ids are the ones the page's callbacks name.
"""

from __future__ import annotations

import pandas as pd
from dash import dcc, html

from ilp_dash.i18n import month_name, number, percent, tr
from ilp_dash.ui import shell
from ilp_dash.ui.stunting import (
    CLASS_COLORS,
    CLASSES,
    class_counts,
    class_labels,
    significance_text,
)

DEFAULT_MODE, DEFAULT_RATE = "prevalence", "eb"


def missing_body(title: str, lang: str) -> list:
    """The screen without stunting data: the title and what to load."""
    return [
        html.H2(title, className="map-title"),
        html.Div(
            tr(
                lang,
                "Belum ada data stunting (e-PPGBM) untuk wilayah ini. Muat tabel per desa dan bulan "
                "(kode_desa, bulan, diukur, stunting) di halaman Unggah data.",
                "No stunting data (e-PPGBM) for this region yet. Load a table per village and month "
                "(kode_desa, bulan, diukur, stunting) on the Upload data page.",
            ),
            className="error-box",
            id="st-missing",
        ),
    ]


def legend_list(h: pd.DataFrame, min_measured: int, lang: str) -> html.Ul:
    """Villages per hotspot class, with the class colours (``st-count-<class>``)."""
    counts = class_counts(h)
    labels = class_labels(lang, min_measured)
    items = [
        html.Li(
            [
                html.Span(className="st-swatch", style={"background": c}),
                html.Span(label),
                html.B(
                    tr(
                        lang,
                        f"{number(counts[k], lang)} desa",
                        f"{number(counts[k], lang)} villages",
                    )
                ),
            ],
            id=f"st-count-{k.replace(' ', '-')}",
        )
        for k, c, label in zip(CLASSES, CLASS_COLORS, labels)
    ]
    return html.Ul(items, className="st-counts")


def side_panel(h: pd.DataFrame, region: tuple | None, min_measured: int, lang: str) -> html.Div:
    """The region's prevalence (``region`` = (stunted, measured)), the class counts and the reading note."""
    mm = min_measured
    month = h.attrs["month"]
    head = []
    if region and region[1]:
        stunted, measured = region
        head = [
            html.Div(percent(100 * stunted / measured, lang, 1), className="st-big"),
            html.Div(
                tr(
                    lang,
                    f"stunting seluruh desa, {month_name(month, lang)}: {number(stunted, lang)} dari "
                    f"{number(measured, lang)} anak diukur",
                    f"stunting, all villages, {month_name(month, lang)}: {number(stunted, lang)} of "
                    f"{number(measured, lang)} children measured",
                ),
                className="st-big-label",
            ),
        ]
    return html.Div(
        [
            *head,
            html.H3(tr(lang, "Kelas hotspot", "Hot-spot classes")),
            legend_list(h, mm, lang),
            html.P(
                tr(
                    lang,
                    f"Kasar = stunting ÷ anak diukur. Dihaluskan (EB) = angka desa ditarik ke rata-rata "
                    f"wilayah sesuai ketidakpastiannya, agar desa kecil tidak merah karena kebetulan. Ungu muda "
                    f"bergaris tebal: < {mm} anak diukur, angka tidak pasti. Arahkan kursor ke desa untuk "
                    f"jumlah anak dan rentang 95%.",
                    f"Crude = stunted ÷ children measured. Smoothed (EB) = each rate pulled towards the regional "
                    f"mean by its uncertainty, so small villages do not turn red by chance. Pale purple, thick "
                    f"outline: < {mm} children measured, rate uncertain. Hover a village for its counts and 95% "
                    f"interval.",
                ),
                className="st-note",
            ),
        ],
        className="panel st-side",
    )


def rate_options(lang: str, disabled: bool) -> list[dict]:
    return [
        {"label": tr(lang, "Kasar", "Crude"), "value": "crude", "disabled": disabled},
        {
            "label": tr(lang, "Dihaluskan (EB)", "Smoothed (EB)"),
            "value": "eb",
            "disabled": disabled,
        },
    ]


def controls(lang: str) -> html.Div:
    """The map reading (``st-map-type``) and rate (``st-rate``) switches."""
    return html.Div(
        [
            html.Div(
                [
                    html.Span(tr(lang, "Peta", "Map"), className="st-ctl-label"),
                    dcc.RadioItems(
                        id="st-map-type",
                        value=DEFAULT_MODE,
                        inline=True,
                        className="st-radio",
                        options=[
                            {"label": tr(lang, "Prevalensi", "Prevalence"), "value": "prevalence"},
                            {"label": tr(lang, "Hotspot", "Hot spots"), "value": "hotspots"},
                        ],
                    ),
                ],
                className="st-ctl",
            ),
            html.Div(
                [
                    html.Span(tr(lang, "Angka", "Rate"), className="st-ctl-label"),
                    dcc.RadioItems(
                        id="st-rate",
                        value=DEFAULT_RATE,
                        inline=True,
                        className="st-radio",
                        options=rate_options(lang, False),
                    ),
                ],
                className="st-ctl",
                id="st-rate-wrap",
            ),
        ],
        className="st-controls",
    )


def map_block(fig, inset, attrs: dict, source: str, lang: str) -> html.Div:
    """Main map and inset (always present, hidden without islands), the hotspot rule, the source line."""
    month = month_name(attrs["month"], lang)
    return html.Div(
        [
            dcc.Loading(
                html.Div(
                    [
                        dcc.Graph(
                            id="village-map",
                            figure=fig,
                            className="map-main st-map",
                            config={"displaylogo": False},
                        ),
                        # always present (hidden without islands) so the switch callback has its output
                        dcc.Graph(
                            id="inset-map",
                            figure=inset if inset is not None else {},
                            className="inset-map" if inset is not None else "st-hidden",
                            config={"displayModeBar": False},
                        ),
                    ],
                    className="map-wrap",
                ),
                type="circle",
            ),
            html.P(significance_text(attrs, lang), className="st-rule", id="st-rule"),
            shell.source_line(
                source,
                lang,
                tr(
                    lang,
                    f"Stunting: data penimbangan {month} (TB/U < −2 SD).",
                    f"Stunting: measurements of {month} (height-for-age < −2 SD).",
                ),
            ),
        ],
        className="st-main",
    )


def body(params: dict, heading: str, main, side, tables: list) -> list:
    """The screen below the header: ``heading`` and switches, map and side panel, the tables."""
    return [
        dcc.Store(id="st-params", data=params),
        html.Div(
            [
                html.H2(heading, className="map-title", id="st-title"),
                controls(params["lang"]),
            ],
            className="map-head",
        ),
        html.Div([main, side], className="st-grid"),
        html.Div(tables, className="st-tables"),
    ]
