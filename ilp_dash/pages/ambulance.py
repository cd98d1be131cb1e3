"""Ambulans: where should the next ambulances be based? MCLP on the straight-line travel estimate.

Thin callbacks: the plan, scenarios, export table and figures are built by
:mod:`ilp_dash.ui.ambulance`; the village map is sent once and then
patched (village colours with ``value_patch``, base layers by trace index).
The coverage curve (one exact MCLP per K) runs as a background callback.
"""

from __future__ import annotations

from functools import lru_cache

import dash
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, html, no_update

from ilp_dash import policy
from ilp_dash.analysis.siting.models import SitingError
from ilp_dash.i18n import tr, valid_lang
from ilp_dash.io.safe_export import safe_cells
from ilp_dash.pages.frame import frame, geo_url, source_line
from ilp_dash.region import results, store
from ilp_dash.region.store import valid_region
from ilp_dash.ui import ambulance as av
from ilp_dash.ui.maps import map_pair, value_patch

dash.register_page(__name__, path="/ambulans", title="ILP Dash — Ambulans", name="Ambulans")

HIDDEN, SHOWN = {"display": "none"}, {"display": "block"}


# ------------------------------------------------------------------ cached reference data (read-only)
@lru_cache(maxsize=8)
def _candidates(code: str, version: int) -> pd.DataFrame:
    """Siting candidates with the kecamatan each facility register gives."""
    cand = results.siting_inputs(code).candidates
    kec = {}
    for kind in ("puskesmas", "hospitals", "pustu"):
        f = store.dataset(code).facilities.get(kind)
        if f is not None and len(f) and "kecamatan" in f:
            kec.update(zip(f["id"].astype(str), f["kecamatan"]))
    return cand.assign(kecamatan=cand["id"].astype(str).map(kec))


def candidates(code: str) -> pd.DataFrame:
    return _candidates(code, store.version(code))


def _error(lang: str, err: SitingError) -> html.Div:
    return html.Div(
        tr(
            lang,
            f"Model tidak dapat diselesaikan: {err.message_id}. Ubah K atau T, atau klik "
            "Atur ulang.",
            f"The model could not be solved: {err.message_en}. Change K or T, or click Reset.",
        ),
        className="error-box",
    )


# ------------------------------------------------------------------ figures
def maps(code: str, lang: str, plan: av.Plan, mode: str):
    """The main map and the island inset (or ``None``), both with the base layers."""
    ds = store.dataset(code)
    vil = ds.region.villages
    values, scale = av.village_values(plan, mode, lang)
    cand = candidates(code)
    kw = {"geo_url": geo_url(code), "no_data_label": tr(lang, "tak terjangkau", "unreachable")}
    fig, inset = map_pair(
        vil,
        values,
        scale,
        detached=results.detached(code),
        kecamatan=ds.region.kecamatan,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        points=av.base_traces(plan, cand, lang),
        **kw,
    )
    fig.data[0].showlegend = False
    fig.data[1].update(colorbar=av.COLORBAR_PLACE)
    fig.update_layout(
        legend={"font": {"size": 11}, "x": 0.99, "xanchor": "right", "y": 0.01, "yanchor": "bottom"}
    )
    if inset is not None:
        for trace in av.base_traces(plan, cand, lang):
            inset.add_trace(trace)
    return fig, inset


def _k_marks(low: int, high: int, n_current: int) -> dict:
    marks = {low: str(low), high: str(high)}
    if low + 1 < n_current < high - 1:  # not crowding the end marks
        marks[n_current] = str(n_current)
    return marks


def _explain(lang: str, minutes: int) -> html.Div:
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
                    "laut), bukan rute jalan sebenarnya. Bobot penduduk per desa adalah data contoh sintetis.",
                    "Travel time is a straight-line estimate (distance × 1.3 at 40 km/h, plus sea crossings), not "
                    "an actual road route. Population weights per village are a synthetic sample.",
                )
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


# ------------------------------------------------------------------ layout
def layout(region: str | None = None, lang: str | None = None, **_query) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    title = tr(
        lang,
        "Di mana ambulans berikutnya ditempatkan?",
        "Where should the next ambulances be based?",
    )
    inp = results.siting_inputs(code)
    if inp is None:
        body = [
            html.H2(title, className="map-title"),
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
        return frame("/ambulans", code, lang, body)
    cand = candidates(code)
    cids = cand["id"].astype(str).tolist()
    state = av.empty_state()
    n_current = len(inp.current)
    t = av.default_minutes(inp)
    low, high = av.k_range(cids, inp.current, state)
    k = min(high, max(low, n_current + av.EXTRA_BASES))
    plan = av.solve_plan(inp, k=k, minutes=t, state=state)
    fig, inset = maps(code, lang, plan, "cover")
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
    side = html.Div(
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
                marks=_k_marks(low, high, n_current),
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
                marks={m: str(m) for m in (5, 10, 15, 30, 45, 60)},
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
            html.Div(av.summary(plan, lang), id="amb-summary", className="amb-summary"),
            html.H3(tr(lang, "Usulan pangkalan baru", "Proposed new bases")),
            html.Div(av.proposed_list(plan, cand, lang), id="amb-proposed"),
            no_amb,
            html.H3(tr(lang, "Dipaku / dihapus", "Pinned / removed")),
            html.Div(av.edits_list(state, cand, lang), id="amb-edits"),
            html.Button(
                tr(lang, "Atur ulang", "Reset"), id="amb-reset", className="button secondary"
            ),
        ],
        className="panel amb-side",
    )
    actions = html.Div(
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
    model_note = tr(
        lang,
        "MCLP; waktu tempuh perkiraan garis lurus; bobot penduduk sintetis.",
        "MCLP; straight-line travel-time estimate; synthetic population weights.",
    )
    body = [
        dcc.Store(id="amb-ctx", data={"code": code, "lang": lang}),
        dcc.Store(id="amb-state", data=state),
        dcc.Store(id="amb-plan", data=av.scenario(plan)),
        dcc.Store(id="amb-scenarios", data={}),
        dcc.Download(id="amb-download"),
        html.Div([html.H2(title, className="map-title"), actions], className="map-head"),
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
                        source_line(code, lang, model_note),
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
                        source_line(code, lang, model_note),
                    ],
                    className="panel amb-curve-panel",
                ),
                html.Div(
                    [
                        html.H3(
                            tr(lang, "Bandingkan skenario A dan B", "Compare scenarios A and B")
                        ),
                        html.Div(av.comparison_table({}, cand, lang), id="amb-compare"),
                    ],
                    className="panel amb-compare-panel",
                ),
            ],
            className="amb-lower",
        ),
        _explain(lang, t),
    ]
    return frame("/ambulans", code, lang, body)


# ------------------------------------------------------------------ callbacks
@callback(
    Output("village-map", "figure"),
    Output("inset-map", "figure"),
    Output("amb-summary", "children"),
    Output("amb-proposed", "children"),
    Output("amb-edits", "children"),
    Output("amb-plan", "data"),
    Output("amb-error", "children"),
    Input("amb-k", "value"),
    Input("amb-t", "value"),
    Input("amb-mode", "value"),
    Input("amb-state", "data"),
    State("amb-ctx", "data"),
    prevent_initial_call=True,
)
def _solve(k, t, mode, state, context):
    code, lang = context["code"], context["lang"]
    inp = results.siting_inputs(code)
    cand = candidates(code)
    try:
        plan = av.solve_plan(
            inp, k=int(k or 1), minutes=float(t or av.STANDARD_MINUTES), state=state
        )
    except SitingError as err:
        return (no_update,) * 6 + (_error(lang, err),)
    values, scale = av.village_values(plan, mode, lang)
    main = av.bases_patch(plan, cand, lang, patch=av.place_colorbar(value_patch(values, scale)))
    detached = results.detached(code)
    inset = (
        av.bases_patch(
            plan, cand, lang, patch=value_patch(values[detached], scale), first=av.INSET_POINT_TRACE
        )
        if detached.any()
        else no_update
    )
    return (
        main,
        inset,
        av.summary(plan, lang),
        av.proposed_list(plan, cand, lang),
        av.edits_list(state, cand, lang),
        av.scenario(plan),
        None,
    )


@callback(
    Output("amb-k", "min"),
    Output("amb-k", "max"),
    Output("amb-k", "marks"),
    Output("amb-k", "value"),
    Input("amb-state", "data"),
    State("amb-k", "value"),
    State("amb-ctx", "data"),
    prevent_initial_call=True,
)
def _k_bounds(state, k, context):
    code = context["code"]
    inp = results.siting_inputs(code)
    low, high = av.k_range(candidates(code)["id"].astype(str).tolist(), inp.current, state)
    value = min(high, max(low, int(k or low)))
    return low, high, _k_marks(low, high, len(inp.current)), value if value != k else no_update


@callback(
    Output("amb-state", "data"),
    Input("village-map", "clickData"),
    Input("inset-map", "clickData"),
    Input("amb-reset", "n_clicks"),
    State("amb-state", "data"),
    State("amb-ctx", "data"),
    prevent_initial_call=True,
)
def _click(click_main, click_inset, _reset, state, context):
    """A click on a base layer toggles pinned/removed (each click carries a new timestamp)."""
    if ctx.triggered_id == "amb-reset":
        return av.empty_state()
    click = click_main if ctx.triggered_id == "village-map" else click_inset
    cid = ((click or {}).get("points") or [{}])[0].get("customdata")
    code = context["code"]
    if not isinstance(cid, str) or cid not in set(candidates(code)["id"].astype(str)):
        return no_update  # a village, not a base
    return av.toggle(state, cid, results.siting_inputs(code).current)


@callback(
    Output("amb-scenarios", "data"),
    Output("amb-compare", "children"),
    Input("amb-save-a", "n_clicks"),
    Input("amb-save-b", "n_clicks"),
    State("amb-plan", "data"),
    State("amb-scenarios", "data"),
    State("amb-ctx", "data"),
    prevent_initial_call=True,
)
def _save(_a, _b, plan, scenarios, context):
    slot = "A" if ctx.triggered_id == "amb-save-a" else "B"
    scenarios = {**(scenarios or {}), slot: plan}
    return scenarios, av.comparison_table(scenarios, candidates(context["code"]), context["lang"])


@callback(
    Output("amb-download", "data"),
    Input("amb-csv", "n_clicks"),
    Input("amb-xlsx", "n_clicks"),
    State("amb-k", "value"),
    State("amb-t", "value"),
    State("amb-state", "data"),
    State("amb-ctx", "data"),
    prevent_initial_call=True,
)
def _export(_csv, _xlsx, k, t, state, context):
    code, lang = context["code"], context["lang"]
    plan = av.solve_plan(results.siting_inputs(code), k=int(k), minutes=float(t), state=state)
    table = safe_cells(av.export_table(plan, candidates(code), lang))  # names come from uploads
    name = tr(lang, "rencana_ambulans", "ambulance_plan") + f"_{code}_K{plan.k}_T{plan.minutes:g}"
    if ctx.triggered_id == "amb-xlsx":
        return dcc.send_data_frame(
            table.to_excel, name + ".xlsx", index=False, sheet_name=tr(lang, "Rencana", "Plan")
        )
    return dcc.send_data_frame(table.to_csv, name + ".csv", index=False)


@callback(
    Output("amb-curve", "figure"),
    Output("amb-curve-wrap", "style"),
    Output("amb-curve-note", "children"),
    Input("amb-optimise", "n_clicks"),
    State("amb-k", "value"),
    State("amb-t", "value"),
    State("amb-state", "data"),
    State("amb-ctx", "data"),
    background=True,  # on the app's manager (ilp_dash.web.background)
    prevent_initial_call=True,
    running=[
        (Output("amb-optimise", "disabled"), True, False),
        (Output("amb-busy", "style"), {"display": "inline-block"}, {"display": "none"}),
    ],
)
def _curve(_n, k, t, state, context):
    code, lang = context["code"], context["lang"]
    inp = results.siting_inputs(code)
    try:
        cc, n_fixed = av.curve(
            inp,
            minutes=float(t),
            state=state,
            k_max=max(
                int(k),
                len(av.fixed_bases(candidates(code)["id"].astype(str).tolist(), inp.current, state))
                + 10,
            ),
        )
    except SitingError as err:
        return no_update, HIDDEN, _error(lang, err)
    note = tr(
        lang,
        f"T = {t:g} menit, {n_fixed} pangkalan tetap; batang jingga = pangkalan dalam K = {k}. "
        f"Bila batang mengecil, tiap ambulans tambahan menjangkau lebih sedikit orang.",
        f"T = {t:g} min, {n_fixed} fixed bases; vermillion bars = bases within K = {k}. "
        "Shrinking bars: each extra ambulance reaches fewer people.",
    )
    return av.curve_figure(cc, n_fixed, int(k), lang), SHOWN, note
