"""Stunting: village prevalence (crude ↔ smoothed), hotspots, and the priority list for desa lokus."""

from __future__ import annotations

import dash
import numpy as np
from dash import Input, Output, State, callback, dcc, html

from ilp_dash.analysis.priority import PriorityError, priority_index
from ilp_dash.i18n import month_name, tr, valid_lang
from ilp_dash.pages.frame import frame, geo_url
from ilp_dash.policy import MIN_MEASURED
from ilp_dash.region import results, store
from ilp_dash.region.briefing import source_text
from ilp_dash.region.store import valid_region
from ilp_dash.ui import stunting as sv
from ilp_dash.ui import stunting_layout as sl
from ilp_dash.ui import stunting_table as st
from ilp_dash.ui.maps import map_pair
from ilp_dash.ui.stunting_priority import priority_csv, priority_frame, priority_inputs

dash.register_page(__name__, path="/stunting", title="ILP Dash — Stunting", name="Stunting")

DEFAULT_MODE, DEFAULT_RATE = sl.DEFAULT_MODE, sl.DEFAULT_RATE


def _min_measured(h) -> int:
    return int(h.attrs.get("min_measured", MIN_MEASURED))


def maps(code: str, lang: str, h):
    """Main map and inset (``None`` without islands) in the default reading, with the uncertain layer."""
    ds = store.dataset(code)
    vil = ds.region.villages
    url = geo_url(code)
    mm = _min_measured(h)
    names = sv.hover_names(vil, h, lang)
    values, scale = sv.map_values(h, DEFAULT_MODE, DEFAULT_RATE, lang, sv.prevalence_zmax(h), mm)
    nodata = tr(lang, "tidak ada anak diukur", "no child measured")
    mask = results.detached(code)
    view = vil[~mask] if mask.any() else vil
    fig, inset = map_pair(
        vil,
        values,
        scale,
        detached=mask,
        geo_url=url,
        names=names,
        kecamatan=ds.region.kecamatan,
        no_data_label=nodata,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        points=[sv.uncertain_trace(vil, h, geo_url=url, names=names, lang=lang, min_measured=mm)],
        view=view,
    )
    # at 1280×720 the map is ~870 × 330 px; keep the main body clear of the inset (left) and colour bar (right)
    center, zoom = sv.fit_view(
        view.total_bounds,
        width_px=870,
        height_px=320,
        left_px=300 if mask.any() else 0,
        right_px=170,
    )
    fig.update_layout(
        map={"center": center, "zoom": zoom}, separators=",." if lang != "en" else ".,"
    )
    fig.data[1].colorbar.update(sv.COLORBAR_POS)
    fig.data[0].showlegend = bool(np.isnan(values).any())  # "no child measured" only when it occurs
    if inset is not None:
        inset.add_trace(
            sv.uncertain_trace(
                vil, h, geo_url=url, names=names, lang=lang, min_measured=mm, mask=mask
            )
        )
        inset.update_layout(separators=",." if lang != "en" else ".,")
    return fig, inset


def priority(code: str, h):
    """The ranked list (all villages) and the coverage month used, or an error text pair."""
    ds = store.dataset(code)
    months = results.report_months(code)
    month = h.attrs["month"] if h.attrs["month"] in months else (months[-1] if months else None)
    cov = results.village_coverage(code, month) if month else None
    ref = results.referral(code)
    inputs = priority_inputs(h, cov, ref.villages if ref is not None else None)
    return priority_frame(priority_index(inputs), ds.region.villages, h), month


def side_panel(code: str, lang: str, h) -> html.Div:
    region = results.regency_prevalence(code, h.attrs["month"])
    return sl.side_panel(h, region, _min_measured(h), lang)


def tables(code: str, lang: str, h) -> list:
    vil = store.dataset(code).region.villages
    source = source_text(code, lang)
    month = month_name(h.attrs["month"], lang)
    hot = st.hotspot_section(st.hotspot_rows(vil, h, lang), month, source, lang)
    try:
        full, cov_month = priority(code, h)
    except PriorityError as err:
        return hot + [st.priority_error(err, lang)]
    note = st.coverage_note(cov_month, h.attrs["month"], lang)
    return hot + st.priority_section(full, note, source, lang)


def layout(region: str | None = None, lang: str | None = None, **_query) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    h = results.hotspots(code)
    title = tr(lang, "Stunting per desa", "Stunting by village")
    if h is None:
        return frame("/stunting", code, lang, sl.missing_body(title, lang))
    fig, inset = maps(code, lang, h)
    month = month_name(h.attrs["month"], lang)
    heading = tr(lang, f"{title}, penimbangan {month}", f"{title}, measurements of {month}")
    body = sl.body(
        {"region": code, "lang": lang, "inset": inset is not None},
        heading,
        sl.map_block(fig, inset, h.attrs, source_text(code, lang), lang),
        side_panel(code, lang, h),
        tables(code, lang, h),
    )
    return frame("/stunting", code, lang, body)


@callback(
    Output("village-map", "figure", allow_duplicate=True),
    Output("inset-map", "figure", allow_duplicate=True),
    Output("st-rate", "options"),
    Input("st-map-type", "value"),
    Input("st-rate", "value"),
    State("st-params", "data"),
    prevent_initial_call=True,
)
def _switch_map(mode: str, rate: str, params: dict):
    code, lang = valid_region(params.get("region")), valid_lang(params.get("lang"))
    h = results.hotspots(code)
    if h is None:
        return dash.no_update, dash.no_update, dash.no_update
    mode = mode if mode in sv.MODES else DEFAULT_MODE
    rate = rate if rate in sv.RATES else DEFAULT_RATE
    zmax, mm = sv.prevalence_zmax(h), _min_measured(h)
    main = sv.map_patch(h, mode, rate, lang, zmax, mm)
    inset = (
        sv.map_patch(h, mode, rate, lang, zmax, mm, subset=results.detached(code))
        if params.get("inset")
        else dash.no_update
    )
    return main, inset, sl.rate_options(lang, mode == "hotspots")


@callback(
    Output("st-csv", "data"),
    Input("st-csv-btn", "n_clicks"),
    State("st-params", "data"),
    prevent_initial_call=True,
)
def _download(n_clicks: int, params: dict):
    code = valid_region(params.get("region"))
    h = results.hotspots(code)
    if not n_clicks or h is None:
        return dash.no_update
    full, _ = priority(code, h)
    return dcc.send_string(
        priority_csv(full), f"prioritas_desa_lokus_{code}_{h.attrs['month']}.csv"
    )
