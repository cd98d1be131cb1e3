"""Cakupan ILP (coverage): village map of the ILP roll-out, month by month, with a village profile.

The map figure is built once in :func:`layout`; the indicator, month and
kecamatan controls send only a :func:`~ilp_dash.ui.coverage.map_patch` of
the values (and, for a kecamatan, the view). URL options, all optional:
``indikator``, ``kec`` (kecamatan code), ``bulan`` (``YYYY-MM``) and ``desa``
(village code, opens its profile).
"""

from __future__ import annotations

from functools import lru_cache

import dash
from dash import Input, Output, State, callback, ctx, html, no_update

from ilp_dash.i18n import tr, valid_lang
from ilp_dash.pages.frame import frame, geo_url
from ilp_dash.region import results, store
from ilp_dash.region.briefing import source_text
from ilp_dash.region.store import valid_region
from ilp_dash.ui import coverage as cv
from ilp_dash.ui import coverage_layout as cl
from ilp_dash.ui import coverage_profile as cp
from ilp_dash.ui.maps import map_pair
from ilp_dash.ui.shell import query

PATH = "/cakupan"

dash.register_page(__name__, path=PATH, title="ILP Dash — Cakupan ILP", name="Cakupan ILP")


def _inset_style(code: str, kec: str) -> dict:
    """The island inset hides while a kecamatan of the main body is chosen (it would show only grey)."""
    vil = store.dataset(code).region.villages
    shown = kec == cv.ALL or bool(
        results.detached(code)[(vil["kode_kec"].astype(str) == kec).to_numpy()].any()
    )
    return {} if shown else {"display": "none"}


def _kecamatan(code: str) -> dict[str, str]:
    """Kecamatan code → name, by name."""
    return _kecamatan_cached(code, store.version(code))


@lru_cache(maxsize=8)
def _kecamatan_cached(code: str, version: int) -> dict[str, str]:
    vil = store.dataset(code).region.villages
    pairs = vil.drop_duplicates("kode_kec")[["kode_kec", "kecamatan"]]
    return dict(
        sorted(
            zip(pairs["kode_kec"].astype(str), pairs["kecamatan"].astype(str)), key=lambda kv: kv[1]
        )
    )


def _month_index(months: list[str], value) -> int:
    try:
        return min(max(int(value), 0), len(months) - 1)
    except (TypeError, ValueError):
        return len(months) - 1


def _values(code: str, indicator: str, month: str, kec: str | None):
    rows = results.village_coverage(code, month)
    vil = store.dataset(code).region.villages
    values = cv.mask_kecamatan(cv.indicator_values(rows, indicator), vil["kode_kec"], kec)
    return rows, values


def _table(code: str, lang: str, month: str, kec: str | None) -> html.Table:
    totals = cl.kecamatan_totals(results.level_totals(code, "kecamatan"), month)
    kab = results.level_totals(code, "kabupaten")
    kab = kab[kab["bulan"] == month]
    return cl.kecamatan_table(totals, lang, regency=kab.iloc[0] if len(kab) else None, selected=kec)


def layout(
    region: str | None = None,
    lang: str | None = None,
    indikator: str | None = None,
    kec: str | None = None,
    bulan: str | None = None,
    desa: str | None = None,
    **_query,
) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    ds = store.dataset(code)
    months = results.report_months(code)
    if results.coverage(code) is None or not months:
        return frame(PATH, code, lang, [cl.no_register("/unggah" + query(code, lang), lang)])
    vil = ds.region.villages
    codes = vil["kode"].astype(str).tolist()
    kecs = _kecamatan(code)
    indicator = indikator if indikator in cv.INDICATORS else "persen_ilp"
    kec = kec if kec in kecs else cv.ALL
    m = months.index(bulan) if bulan in months else len(months) - 1
    month = months[m]
    desa = desa if desa in set(codes) else None

    rows, values = _values(code, indicator, month, kec)
    scale = cv.indicator_scale(indicator, lang, month, rows)
    url = geo_url(code)
    nodata = cv.no_data_label(lang, kecs.get(kec))
    detached = results.detached(code)
    fig, inset = map_pair(
        vil,
        values,
        scale,
        detached=detached,
        geo_url=url,
        kecamatan=ds.region.kecamatan,
        no_data_label=nodata,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        points=cv.layer_traces(ds.facilities, lang) + [cv.selected_trace(url, desa)],
    )
    whole = (dict(fig.layout.map.center.to_plotly_json()), float(fig.layout.map.zoom))
    if kec != cv.ALL:
        center, zoom = cv.kecamatan_view(vil, kec, whole=whole)
        fig.update_layout(map={"center": center, "zoom": zoom})
    fig.update_layout(separators=",." if lang != "en" else ".,")
    if not scale.categories:
        fig.data[1].customdata = codes
    if inset is not None:
        inset.update_layout(separators=",." if lang != "en" else ".,")
        if not scale.categories:
            inset.data[1].customdata = list(inset.data[1].locations)
    inset_graph = cl.inset_graph(inset, _inset_style(code, kec) if inset is not None else {})
    state = {
        "code": code,
        "lang": lang,
        "whole": {"center": whole[0], "zoom": whole[1]},
        "zoom": float(fig.layout.map.zoom),
        "inset": inset is not None,
    }
    profile = cp.profile_hint(lang) if desa is None else _profile(code, lang, desa, month)
    source = source_text(code, lang)
    title = cv.map_title(indicator, month, lang, kecs.get(kec))
    body = cl.body(
        state,
        desa,
        cl.controls(indicator, kec, kecs, lang),
        cl.timeline(months, m, lang),
        cl.map_block(title, fig, inset_graph, source, lang),
        cl.side_panel(profile, _table(code, lang, month, kec), lang),
    )
    return frame(PATH, code, lang, body)


def _profile(code: str, lang: str, kode: str, month: str) -> list:
    ds = store.dataset(code)
    f = ds.facilities
    try:
        p = cp.village_profile(
            kode,
            month,
            villages=ds.region.villages,
            posyandu=f["posyandu"],
            pustu=f.get("pustu"),
            puskesmas=f.get("puskesmas"),
            hospitals=f.get("hospitals"),
        )
    except KeyError:
        return cp.profile_hint(lang)
    trend = results.stunting_trend(code)
    fig = None
    if trend is not None:
        fig = cp.trend_figure(cp.stunting_series(trend, kode), lang, cp.stunting_series(trend))
    return cp.profile_panel(p, lang, fig)


# ------------------------------------------------------------------ callbacks
# The server fits the view to a map of about FIT_PX (maps.village_map); a larger map on a
# wall screen zooms in by the ratio of sizes, once, in the browser. The zoom step is kept
# in ck-fit so that a kecamatan view sent later gets the same step.
FIT_PX = (900, 480)
dash.clientside_callback(  # waits until the map's first draw is over, then measures it
    """
    function(state) {
        const ready = (gd) => gd && gd._fullLayout && gd._fullLayout.map && gd.clientWidth
            && !gd.classList.contains('dash-graph--pending');
        const fit = (tries, settled) => new Promise((resolve) => {
            const gd = document.querySelector('#village-map .js-plotly-plot');
            if (!ready(gd) || settled < 3) {  // ready on three checks in a row
                if (tries > 100) { resolve(window.dash_clientside.no_update); return; }
                setTimeout(() => fit(tries + 1, ready(gd) ? settled + 1 : 0).then(resolve), 250);
                return;
            }
            const dz = Math.round(100 * Math.max(0, Math.log2(Math.min(gd.clientWidth / FIT_W,
                                                                       gd.clientHeight / FIT_H)))) / 100;
            resolve(dz < 0.05 ? window.dash_clientside.no_update : dz);
        });
        return fit(0, 0);
    }
    """.replace("FIT_W", str(FIT_PX[0])).replace("FIT_H", str(FIT_PX[1])),
    Output("ck-fit", "data"),
    Input("ck-ctx", "data"),
)
dash.clientside_callback(  # one patch of the zoom
    """
    function(dz, state) {
        if (!dz || !state || state.zoom === undefined) { return window.dash_clientside.no_update; }
        return new window.dash_clientside.Patch().assign(['layout', 'map', 'zoom'], state.zoom + dz).build();
    }
    """,
    Output("village-map", "figure", allow_duplicate=True),
    Input("ck-fit", "data"),
    State("ck-ctx", "data"),
    prevent_initial_call=True,
)


@callback(
    Output("village-map", "figure", allow_duplicate=True),
    Output("inset-map", "figure", allow_duplicate=True),
    Output("inset-map", "style"),
    Output("ck-map-title", "children"),
    Output("ck-kec-table", "children"),
    Input("ck-indicator", "value"),
    Input("ck-month", "value"),
    Input("ck-kec", "value"),
    State("ck-ctx", "data"),
    State("ck-fit", "data"),
    prevent_initial_call=True,
)
def _update_map(indicator, month_value, kec, state, fit=0):
    code, lang = state["code"], state["lang"]
    months = results.report_months(code)
    if indicator not in cv.INDICATORS or not months or results.coverage(code) is None:
        return no_update, no_update, no_update, no_update, no_update
    month = months[_month_index(months, month_value)]
    kecs = _kecamatan(code)
    kec = kec if kec in kecs else cv.ALL
    vil = store.dataset(code).region.villages
    rows, values = _values(code, indicator, month, kec)
    scale = cv.indicator_scale(indicator, lang, month, rows)
    nodata = cv.no_data_label(lang, kecs.get(kec))
    view = None
    if ctx.triggered_id == "ck-kec":
        whole = (state["whole"]["center"], state["whole"]["zoom"])
        center, zoom = cv.kecamatan_view(vil, kec, whole=whole)
        view = (center, zoom + float(fit or 0))
    main = cv.map_patch(values, scale, vil["kode"].astype(str).tolist(), no_data=nodata, view=view)
    inset, inset_style = no_update, no_update
    if state.get("inset"):
        detached = results.detached(code)
        inset = cv.map_patch(
            values[detached], scale, vil.loc[detached, "kode"].astype(str).tolist(), no_data=nodata
        )
        inset_style = _inset_style(code, kec)
    return (
        main,
        inset,
        inset_style,
        cv.map_title(indicator, month, lang, kecs.get(kec)),
        _table(code, lang, month, kec),
    )


@callback(
    Output("village-map", "figure", allow_duplicate=True),
    Input("ck-layers", "value"),
    prevent_initial_call=True,
)
def _layers(selected):
    return cv.layer_patch(selected)


@callback(
    Output("ck-selected", "data"),
    Input("village-map", "clickData"),
    Input("inset-map", "clickData"),
    State("ck-ctx", "data"),
    prevent_initial_call=True,
)
def _select(main_click, inset_click, state):
    click = inset_click if ctx.triggered_id == "inset-map" else main_click
    kode = cv.clicked_code(click, store.dataset(state["code"]).region.villages["kode"].astype(str))
    return kode if kode is not None else no_update


@callback(
    Output("ck-profile", "children"),
    Output("village-map", "figure", allow_duplicate=True),
    Input("ck-selected", "data"),
    Input("ck-month", "value"),
    State("ck-ctx", "data"),
    prevent_initial_call=True,
)
def _show_profile(kode, month_value, state):
    if not kode:
        return no_update, no_update
    code, lang = state["code"], state["lang"]
    months = results.report_months(code)
    month = months[_month_index(months, month_value)]
    outline = cv.selected_patch(kode) if ctx.triggered_id == "ck-selected" else no_update
    return _profile(code, lang, kode, month), outline


@callback(
    Output("ck-month", "value"),
    Output("ck-interval", "disabled"),
    Output("ck-play", "children"),
    Input("ck-play", "n_clicks"),
    Input("ck-interval", "n_intervals"),
    State("ck-month", "value"),
    State("ck-month", "max"),
    State("ck-interval", "disabled"),
    State("ck-ctx", "data"),
    prevent_initial_call=True,
)
def _play(_clicks, _ticks, value, last, stopped, state):
    trigger = "play" if ctx.triggered_id == "ck-play" else "tick"
    new, stop = cv.play_step(trigger, value, int(last), bool(stopped))
    return (new if new != value else no_update), stop, cl.play_label(state["lang"], not stop)
