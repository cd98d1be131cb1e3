"""Ambulance planner (``/ambulans``) layout: controls, actions, panels and the explanation.

Pure html building for :mod:`ilp_dash.pages.ambulance`; the plan and the
figures come in ready-made (element ids are the page's callbacks' contract).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from ilp_dash import policy
from ilp_dash.analysis.siting.plan import Plan, scenario
from ilp_dash.i18n import tr
from ilp_dash.ui.ambulance_panels import comparison_table, edits_list, proposed_list, summary

HIDDEN, SHOWN = {"display": "none"}, {"display": "block"}
T_MARKS = {m: str(m) for m in (5, 10, 15, 30, 45, 60)}


def title(lang: str) -> str:
    return tr(
        lang,
        "Di mana ambulans berikutnya ditempatkan?",
        "Where should the next ambulances be based?",
    )


WEIGHTS = {  # what the demand weights are, by :func:`ilp_dash.region.results.population_source`
    "loaded": (
        "bobot: penduduk desa dari data penduduk yang dimuat",
        "weights: village population from the population file loaded",
    ),
    "sample": (
        "bobot: penduduk desa dari data contoh sintetis",
        "weights: village population from synthetic sample data",
    ),
    "none": (
        "belum ada data penduduk: setiap desa dihitung 1",
        "no population file yet: each village counts as 1",
    ),
}


def weights_text(lang: str, weights: str = "sample") -> str:
    """What the demand weights are (people from a real or a sample file, or 1 per village)."""
    return tr(lang, *WEIGHTS.get(weights, WEIGHTS["sample"]))


def model_note(lang: str, weights: str = "sample") -> str:
    """The model's caveats, in the source line under each figure."""
    return (
        tr(
            lang,
            "MCLP; waktu tempuh perkiraan garis lurus; ",
            "MCLP; straight-line travel-time estimate; ",
        )
        + weights_text(lang, weights)
        + "."
    )


def no_registers(lang: str) -> list:
    """The page body when no facility register is loaded (no candidate sites)."""
    return [
        html.H2(title(lang), className="map-title"),
        html.Div(
            tr(
                lang,
                "Register Puskesmas, rumah sakit dan Pustu belum dimuat, jadi tidak ada calon lokasi pangkalan. "
                "Muat registernya di halaman Unggah data.",
                "The Puskesmas, hospital and Pustu registers are not loaded, so there are no candidate base sites. "
                "Load them on the Upload data page.",
            ),
            className="error-box",
            id="amb-error",
        ),
    ]


def k_marks(low: int, high: int, n_current: int) -> dict:
    """Slider marks: both ends, and today's number of bases unless it crowds an end."""
    marks = {low: str(low), high: str(high)}
    if low + 1 < n_current < high - 1:  # not crowding the end marks
        marks[n_current] = str(n_current)
    return marks


def explanation(lang: str, minutes: int, weights: str = "sample") -> html.Div:
    """How to read the screen; names the ambulance standard (:func:`ilp_dash.policy.ambulance_standard_text`)."""
    return html.Div(
        [
            html.H3(tr(lang, "Cara membaca", "How to read this")),
            html.P(
                tr(
                    lang,
                    "Model: MCLP (maximal covering location problem). Dari semua Puskesmas, rumah sakit dan Pustu, "
                    "model memilih K pangkalan sehingga sebanyak mungkin penduduk berada dalam T menit dari "
                    "pangkalan terdekat. Pangkalan yang ada sekarang tetap dibuka dan dihitung dalam K; model hanya "
                    "menempatkan sisanya. Solusinya optimal (HiGHS), bukan perkiraan.",
                    "Model: MCLP (maximal covering location problem). Among all Puskesmas, hospitals and Pustu it "
                    "chooses K bases so that as many people as possible live within T minutes of the nearest base. "
                    "Today's bases stay open and count within K; the model places the rest. The solution is "
                    "optimal (HiGHS), not a heuristic.",
                )
            ),
            html.P(
                tr(
                    lang,
                    "Waktu tempuh adalah perkiraan garis lurus (jarak × 1,3 pada 40 km/jam, ditambah penyeberangan "
                    "laut), bukan rute jalan sebenarnya. ",
                    "Travel time is a straight-line estimate (distance × 1.3 at 40 km/h, plus sea crossings), not "
                    "an actual road route. ",
                )
                + weights_text(lang, weights).capitalize()
                + "."
            ),
            html.P(
                tr(
                    lang,
                    f"T dimulai pada standar ({minutes} menit), sama dengan Ringkasan, laporan dan layar publik; "
                    "geser T untuk menjajaki standar lain.",
                    f"T starts at the standard ({minutes} minutes), the same as the briefing, the report and "
                    "the public display; move T to explore another standard.",
                )
                + " "
                + policy.ambulance_standard_text(lang)
            ),
        ],
        className="panel amb-model",
        id="amb-model",
    )


def side_panel(
    plan: Plan,
    state: dict,
    candidates: pd.DataFrame,
    lang: str,
    *,
    k: int,
    t: int,
    k_bounds: tuple[int, int],
    n_current: int,
) -> html.Div:
    """Sliders K and T, the map mode, the plan's summary, proposed and edited bases, Reset."""
    low, high = k_bounds
    no_amb = (
        None
        if n_current
        else html.P(
            tr(
                lang,
                "Belum ada register ambulans: semua pangkalan di peta adalah usulan.",
                "No ambulance register loaded: every base on the map is a proposal.",
            ),
            className="amb-empty",
        )
    )
    return html.Div(
        [
            html.Label(
                tr(
                    lang,
                    f"K — jumlah pangkalan (kini {n_current})",
                    f"K — number of bases (now {n_current})",
                ),
                htmlFor="amb-k",
                className="amb-label",
            ),
            dcc.Slider(
                id="amb-k",
                min=low,
                max=high,
                step=1,
                value=k,
                marks=k_marks(low, high, n_current),
                className="amb-slider",
            ),
            html.Label(
                tr(lang, "T — standar waktu tempuh (menit)", "T — travel-time standard (minutes)"),
                htmlFor="amb-t",
                className="amb-label",
            ),
            dcc.Slider(
                id="amb-t",
                min=5,
                max=60,
                step=5,
                value=t,
                marks=T_MARKS,
                className="amb-slider",
            ),
            dcc.RadioItems(
                id="amb-mode",
                value="cover",
                inline=True,
                className="amb-mode",
                options=[
                    {"label": tr(lang, "Jangkauan ≤ T", "Covered ≤ T"), "value": "cover"},
                    {"label": tr(lang, "Menit tempuh", "Travel minutes"), "value": "minutes"},
                ],
            ),
            html.Div(id="amb-error"),
            html.Div(summary(plan, lang), id="amb-summary", className="amb-summary"),
            html.H3(tr(lang, "Usulan pangkalan baru", "Proposed new bases")),
            html.Div(proposed_list(plan, candidates, lang), id="amb-proposed"),
            no_amb,
            html.H3(tr(lang, "Dipaku / dihapus", "Pinned / removed")),
            html.Div(edits_list(state, candidates, lang), id="amb-edits"),
            html.Button(
                tr(lang, "Atur ulang", "Reset"), id="amb-reset", className="button secondary"
            ),
        ],
        className="panel amb-side",
    )


def actions(lang: str) -> html.Div:
    """Optimise, save as A/B, and the CSV/XLSX downloads."""
    return html.Div(
        [
            html.Button(
                tr(lang, "Optimalkan", "Optimise"),
                id="amb-optimise",
                className="button",
                title=tr(
                    lang,
                    "Hitung solusi optimal untuk setiap K: manfaat tiap pangkalan tambahan",
                    "Solve for every K: the gain of each added base",
                ),
            ),
            html.Button(
                tr(lang, "Simpan sebagai A", "Save as A"),
                id="amb-save-a",
                className="button secondary",
            ),
            html.Button(
                tr(lang, "Simpan sebagai B", "Save as B"),
                id="amb-save-b",
                className="button secondary",
            ),
            html.Button(
                "CSV",
                id="amb-csv",
                className="button secondary",
                title=tr(lang, "Unduh rencana (CSV)", "Download the plan (CSV)"),
            ),
            html.Button(
                "XLSX",
                id="amb-xlsx",
                className="button secondary",
                title=tr(lang, "Unduh rencana (Excel)", "Download the plan (Excel)"),
            ),
        ],
        className="actions",
    )


def page_body(
    code: str,
    lang: str,
    *,
    plan: Plan,
    state: dict,
    candidates: pd.DataFrame,
    maps: tuple[go.Figure, go.Figure | None],
    side: html.Div,
    source: Callable[[str], html.P],
    minutes: int,
    weights: str = "sample",
) -> list:
    """Stores, title and actions, the maps beside ``side``, the curve and comparison panels, the explanation.

    ``source(what)`` is the region's provenance line with ``what`` appended.
    """
    fig, inset = maps
    return [
        dcc.Store(id="amb-ctx", data={"code": code, "lang": lang}),
        dcc.Store(id="amb-state", data=state),
        dcc.Store(id="amb-plan", data=scenario(plan)),
        dcc.Store(id="amb-scenarios", data={}),
        dcc.Download(id="amb-download"),
        html.Div(
            [html.H2(title(lang), className="map-title"), actions(lang)], className="map-head"
        ),
        html.Div(
            [
                html.Div(
                    [
                        dcc.Loading(
                            html.Div(
                                [
                                    dcc.Graph(
                                        id="village-map",
                                        figure=fig,
                                        className="map-main amb-map",
                                        config={"displaylogo": False},
                                    ),
                                    dcc.Graph(
                                        id="inset-map",
                                        figure=inset if inset is not None else {},
                                        className="inset-map",
                                        config={"displayModeBar": False},
                                        style=None if inset is not None else HIDDEN,
                                    ),
                                ],
                                className="map-wrap",
                            ),
                            type="circle",
                            delay_show=300,
                        ),
                        source(model_note(lang, weights)),
                    ],
                    className="amb-map-col",
                ),
                side,
            ],
            className="amb-grid",
        ),
        html.Div(
            [
                html.Div(
                    [
                        html.H3(
                            tr(lang, "Manfaat tiap pangkalan tambahan", "Gain of each added base")
                        ),
                        html.Span(
                            tr(lang, "Menghitung solusi untuk setiap K…", "Solving for every K…"),
                            id="amb-busy",
                            className="amb-busy",
                            style={"display": "none"},
                        ),
                        html.P(
                            tr(
                                lang,
                                "Tekan Optimalkan: model diselesaikan untuk setiap K dan grafik menunjukkan berapa "
                                "penduduk tambahan yang dijangkau oleh tiap pangkalan berikutnya.",
                                "Press Optimise: the model is solved for every K and the chart shows how many more "
                                "people each next base reaches.",
                            ),
                            id="amb-curve-note",
                            className="amb-empty",
                        ),
                        dcc.Loading(
                            html.Div(
                                dcc.Graph(id="amb-curve", config={"displaylogo": False}),
                                id="amb-curve-wrap",
                                style=HIDDEN,
                            ),
                            type="dot",
                        ),
                        source(model_note(lang, weights)),
                    ],
                    className="panel amb-curve-panel",
                ),
                html.Div(
                    [
                        html.H3(
                            tr(lang, "Bandingkan skenario A dan B", "Compare scenarios A and B")
                        ),
                        html.Div(comparison_table({}, candidates, lang), id="amb-compare"),
                    ],
                    className="panel amb-compare-panel",
                ),
            ],
            className="amb-lower",
        ),
        explanation(lang, minutes, weights),
    ]
