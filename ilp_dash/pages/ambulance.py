"""Ambulans: where should the next ambulances be based? MCLP on the straight-line travel estimate.

Thin callbacks: the plan, its state and scenarios are computed by
:mod:`ilp_dash.analysis.siting.plan`; the maps by :mod:`ilp_dash.ui.ambulance`,
the panels, curve and export table by :mod:`ilp_dash.ui.ambulance_panels` and
the layout by :mod:`ilp_dash.ui.ambulance_layout`. The village map is sent once
and then patched (village colours with ``value_patch``, base layers by trace
index). The coverage curve (one exact MCLP per K) runs as a background callback.
"""

from __future__ import annotations

from functools import lru_cache, partial

import dash
import pandas as pd
from dash import Input, Output, State, callback, ctx, dcc, no_update

from ilp_dash.analysis.siting import plan as amb
from ilp_dash.analysis.siting.models import SitingError
from ilp_dash.i18n import tr, valid_lang
from ilp_dash.io.safe_export import safe_cells
from ilp_dash.pages.frame import frame, geo_url, source_line
from ilp_dash.region import results, store
from ilp_dash.region.store import valid_region
from ilp_dash.ui import ambulance as av
from ilp_dash.ui import ambulance_layout as al
from ilp_dash.ui import ambulance_panels as ap

dash.register_page(__name__, path="/ambulans", title="ILP Dash — Ambulans", name="Ambulans")


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


def _candidate_ids(code: str) -> list[str]:
    return candidates(code)["id"].astype(str).tolist()


# ------------------------------------------------------------------ figures
def maps(code: str, lang: str, plan: amb.Plan, mode: str):
    """The main map and the island inset (or ``None``), both with the base layers."""
    ds = store.dataset(code)
    return av.plan_maps(
        plan,
        candidates(code),
        lang,
        villages=ds.region.villages,
        kecamatan=ds.region.kecamatan,
        detached=results.detached(code),
        geo_url=geo_url(code),
        mode=mode,
    )


# ------------------------------------------------------------------ layout
def layout(region: str | None = None, lang: str | None = None, **_query):
    code, lang = valid_region(region), valid_lang(lang)
    inp = results.siting_inputs(code)
    if inp is None:
        return frame("/ambulans", code, lang, al.no_registers(lang))
    cand, state = candidates(code), amb.empty_state()
    cids = cand["id"].astype(str).tolist()
    t = amb.default_minutes(inp)
    k = amb.start_k(cids, inp.current, state)
    plan = amb.solve_plan(inp, k=k, minutes=t, state=state)
    side = al.side_panel(
        plan,
        state,
        cand,
        lang,
        k=k,
        t=t,
        k_bounds=amb.k_range(cids, inp.current, state),
        n_current=len(inp.current),
    )
    body = al.page_body(
        code,
        lang,
        plan=plan,
        state=state,
        candidates=cand,
        maps=maps(code, lang, plan, "cover"),
        side=side,
        source=partial(source_line, code, lang),
        minutes=t,
        weights=results.population_source(code),
    )
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
    inp, cand = results.siting_inputs(code), candidates(code)
    try:
        plan = amb.solve_plan(
            inp, k=int(k or 1), minutes=float(t or amb.STANDARD_MINUTES), state=state
        )
    except SitingError as err:
        return (no_update,) * 6 + (ap.error_box(lang, err),)
    main, inset = av.plan_patches(plan, cand, mode, lang, results.detached(code))
    return (
        main,
        no_update if inset is None else inset,
        ap.summary(plan, lang),
        ap.proposed_list(plan, cand, lang),
        ap.edits_list(state, cand, lang),
        amb.scenario(plan),
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
    current = results.siting_inputs(code).current
    low, high, value = amb.clamp_k(k, _candidate_ids(code), current, state)
    return low, high, al.k_marks(low, high, len(current)), value if value != k else no_update


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
        return amb.empty_state()
    click = click_main if ctx.triggered_id == "village-map" else click_inset
    cid = ((click or {}).get("points") or [{}])[0].get("customdata")
    code = context["code"]
    if not isinstance(cid, str) or cid not in set(_candidate_ids(code)):
        return no_update  # a village, not a base
    return amb.toggle(state, cid, results.siting_inputs(code).current)


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
    return scenarios, ap.comparison_table(scenarios, candidates(context["code"]), context["lang"])


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
    plan = amb.solve_plan(results.siting_inputs(code), k=int(k), minutes=float(t), state=state)
    table = safe_cells(ap.export_table(plan, candidates(code), lang))  # names come from uploads
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
    lang = context["lang"]
    try:
        cc, n_fixed = amb.curve(
            results.siting_inputs(context["code"]), minutes=float(t), state=state, k=int(k)
        )
    except SitingError as err:
        return no_update, al.HIDDEN, ap.error_box(lang, err)
    return ap.curve_figure(cc, n_fixed, int(k), lang), al.SHOWN, ap.curve_note(t, k, n_fixed, lang)
