"""Rujukan (referral): which villages are far from a Puskesmas, and the referral chain per kecamatan."""

from __future__ import annotations

from functools import lru_cache

import dash
import geopandas as gpd
import numpy as np
import pandas as pd
from dash import Input, Output, State, callback, html

from ilp_dash.analysis.referral_lines import chain_legs, leg_segments, sea_net
from ilp_dash.i18n import number, tr, valid_lang
from ilp_dash.io.geojson import bounds_view
from ilp_dash.pages.frame import frame, geo_url
from ilp_dash.region import results, store
from ilp_dash.region.briefing import source_text
from ilp_dash.region.store import valid_region
from ilp_dash.ui import referral as rv
from ilp_dash.ui import referral_layout as rl
from ilp_dash.ui.maps import inset_values, map_pair, value_patch
from ilp_dash.ui.referral_table import table_rows, table_styles, village_table

dash.register_page(__name__, path="/rujukan", title="ILP Dash — Rujukan", name="Rujukan")

MAP_PX = (860, 400)
CHAIN_PX = (600, 300)  # room left for the colour bar and the legend of the lines


@lru_cache(maxsize=8)
def _villages(code: str, version: int) -> pd.DataFrame | None:
    ref = results.referral(code)
    if ref is None or ref.villages is None:
        return None
    pts = results.village_points(code).set_index("kode")["penduduk"]
    return rv.village_frame(ref.villages, results.village_to_puskesmas_minutes(code), pts)


def villages(code: str) -> pd.DataFrame | None:
    """The chain per village with nearest-Puskesmas minutes and population (cached per data version)."""
    return _villages(code, store.version(code))


@lru_cache(maxsize=8)
def _geo(code: str, version: int):
    """Facility coordinates by id, their landmass, and the sea-link network."""
    ds = store.dataset(code)
    coords: dict[str, tuple[float, float]] = {}
    for kind in ("posyandu", "pustu", "puskesmas", "hospitals"):
        f = ds.facilities.get(kind)
        if f is not None and len(f):
            for i, lon, lat in zip(
                f["id"].astype(str), f["lon"].astype(float), f["lat"].astype(float)
            ):
                coords[i] = (lon, lat)
    model = results.travel(code)
    links = results.sea_links(code)
    land: dict[str, int] = {}
    net = sea_net(None, [], [])
    if model.landmasses is not None:
        ids = list(coords)
        xy = np.array([coords[i] for i in ids]) if ids else np.empty((0, 2))
        labels = model.landmasses.label(xy[:, 0], xy[:, 1])[0] if ids else []
        land = dict(zip(ids, (int(x) for x in labels)))
        if links is not None and len(links):
            net = sea_net(
                links,
                model.landmasses.label(links["from_lon"], links["from_lat"])[0],
                model.landmasses.label(links["to_lon"], links["to_lat"])[0],
            )
    else:  # straight lines everywhere: one "landmass"
        land = {i: 0 for i in coords}
    return coords, land, net, model


def kecamatan_options(code: str) -> list[dict]:
    vil = store.dataset(code).region.villages
    kec = vil[["kode_kec", "kecamatan"]].drop_duplicates("kode_kec").sort_values("kecamatan")
    return [{"label": n, "value": k} for k, n in zip(kec["kode_kec"], kec["kecamatan"])]


def selection(code: str, kec: str | None, lang: str):
    """Line/dot traces for one kecamatan, the view that fits them (``None``: nothing drawn) and the crossings."""
    ref = results.referral(code)
    coords, land, net, model = _geo(code, store.version(code))
    if ref is None:
        return rv.line_traces({}, {}, lang), None, []
    f = store.dataset(code).facilities
    private = f["hospitals"][f["hospitals"]["id"].astype(str).isin(set(ref.excluded))]
    if not kec:
        return rv.line_traces({}, {"swasta": private}, lang), None, []
    chain = ref.posyandu[ref.posyandu["kode_desa"].astype(str).str.startswith(str(kec) + ".")]
    legs = chain_legs(chain, coords)
    segs, crossings = leg_segments(
        legs, coords, land, net, circuity=model.circuity, speed_kmh=model.speed_kmh
    )
    dots = {
        "puskesmas": f["puskesmas"][
            f["puskesmas"]["id"].astype(str).isin(set(chain["puskesmas_id"]))
        ],
        "rsud": f["hospitals"][f["hospitals"]["id"].astype(str).isin(set(chain["rsud_id"]))],
        "swasta": private,
    }
    traces = rv.line_traces(segs, dots, lang)
    # fit the whole chain (for Karimunjawa: islands, crossing, mainland hospital) in the main map
    view = None
    pts = [p for s in segs.values() for x1, y1, x2, y2 in s for p in ((x1, y1), (x2, y2))]
    if pts:
        arr = np.array(pts)
        view = bounds_view(
            gpd.GeoSeries(gpd.points_from_xy(arr[:, 0], arr[:, 1]), crs="EPSG:4326"), *CHAIN_PX
        )
    return traces, view, crossings


def default_view(code: str) -> tuple[dict, float]:
    vil = store.dataset(code).region.villages
    mask = results.detached(code)
    if not mask.any():
        return bounds_view(vil, *MAP_PX)
    center, zoom = bounds_view(vil[~mask], *MAP_PX)
    minx, _, maxx, _ = vil[~mask].total_bounds
    # the island inset sits top-left: move the mainland a little to the right, clear of it
    return {"lon": center["lon"] - 0.15 * (maxx - minx), "lat": center["lat"]}, zoom


def maps(code: str, lang: str) -> tuple[dict, dict | None]:
    """Main map and inset (``None`` without islands) in the default reading; cached per data version."""
    return _maps(code, store.version(code), lang)


@lru_cache(maxsize=16)
def _maps(code: str, version: int, lang: str) -> tuple[dict, dict | None]:
    ds = store.dataset(code)
    vil = ds.region.villages
    frame_ = _villages(code, version)
    measure, threshold = rv.DEFAULT_MEASURE, rv.DEFAULT_THRESHOLD
    values = rv.band_index(rv.measure_minutes(frame_, measure), threshold)
    scale = rv.band_scale(threshold, measure, lang)
    names = rv.hover_names(frame_, lang)
    kw = {
        "geo_url": geo_url(code),
        "names": names,
        "no_data_label": tr(lang, "tidak ada data", "no data"),
    }
    traces, _, _ = selection(code, None, lang)
    mask = results.detached(code)
    fig, inset = map_pair(
        vil,
        values,
        scale,
        detached=mask,
        kecamatan=ds.region.kecamatan,
        points=traces,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        **kw,
    )
    rv.pin_layer_order(fig)
    center, zoom = default_view(code)
    fig.update_layout(
        map={"center": center, "zoom": zoom},
        uirevision="default",
        legend={"font": {"size": 11}},
        separators=",." if lang != "en" else ".,",
    )
    return fig.to_dict(), (inset.to_dict() if inset is not None else None)


def _count(frame_: pd.DataFrame, measure: str, threshold: int, lang: str) -> str:
    n, people = rv.count_over(rv.measure_minutes(frame_, measure), frame_["penduduk"], threshold)
    return rv.count_text(n, people, float(frame_["penduduk"].sum()), threshold, measure, lang)


def _missing(code: str, lang: str) -> html.Div:
    f = store.dataset(code).facilities
    need = [
        n
        for k, n in (
            ("posyandu", "Posyandu"),
            ("puskesmas", "Puskesmas"),
            ("hospitals", "rumah sakit"),
        )
        if k not in f or not len(f[k])
    ]
    return rl.missing_panel(need, lang)


def layout(region: str | None = None, lang: str | None = None, **_query) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    frame_ = villages(code)
    if frame_ is None:
        return frame(
            "/rujukan",
            code,
            lang,
            [
                html.H2(rl.title(rv.DEFAULT_MEASURE, lang), className="map-title"),
                _missing(code, lang),
            ],
        )
    measure, threshold = rv.DEFAULT_MEASURE, rv.DEFAULT_THRESHOLD
    fig, inset = maps(code, lang)
    model = results.travel(code)
    source = source_text(code, lang)
    rule = rv.rule_text(
        model.method,
        lang,
        circuity=model.circuity,
        speed_kmh=model.speed_kmh,
        sea=model.ports is not None and len(model.ports) > 0,
    )
    rule = f"{rule} {rv.hospital_text(results.referral(code).fallback, lang)}"
    side = rl.side_panel(
        threshold,
        _count(frame_, measure, threshold, lang),
        kecamatan_options(code),
        rv.sea_text(results.sea_links(code), lang),
        rule,
        lang,
    )
    body = rl.body(
        {"region": code, "lang": lang},
        measure,
        rl.map_block(fig, inset, source, lang),
        side,
        village_table(frame_, measure, threshold, lang),
        source,
        lang,
    )
    return frame("/rujukan", code, lang, body)


@callback(
    Output("village-map", "figure", allow_duplicate=True),
    Output("inset-map", "figure", allow_duplicate=True),
    Output("rj-count", "children"),
    Output("rj-title", "children"),
    Output("rj-table", "data"),
    Output("rj-table", "style_data_conditional"),
    Input("rj-threshold", "value"),
    Input("rj-measure", "value"),
    State("rj-params", "data"),
    prevent_initial_call=True,
)
def _recolour(threshold, measure: str, params: dict):
    code, lang = valid_region(params.get("region")), valid_lang(params.get("lang"))
    frame_ = villages(code)
    if frame_ is None:
        return (dash.no_update,) * 6
    t = rv.clamp_threshold(threshold)
    measure = measure if measure in rv.MEASURES else rv.DEFAULT_MEASURE
    values = rv.band_index(rv.measure_minutes(frame_, measure), t)
    scale = rv.band_scale(t, measure, lang)
    mask = results.detached(code)
    inset = value_patch(inset_values(values, mask), scale) if mask.any() else dash.no_update
    # the slider only restyles the table; a new measure re-sorts it
    table = table_rows(frame_, measure, lang) if _triggered() != "rj-threshold" else dash.no_update
    return (
        value_patch(values, scale),
        inset,
        _count(frame_, measure, t, lang),
        rl.title(measure, lang),
        table,
        table_styles(measure, t),
    )


def _triggered() -> str | None:
    try:
        return dash.ctx.triggered_id
    except dash.exceptions.MissingCallbackContextException:  # called outside a request (tests)
        return None


@callback(
    Output("village-map", "figure", allow_duplicate=True),
    Output("rj-inset-wrap", "className"),
    Output("rj-selection", "children"),
    Input("rj-kec", "value"),
    State("rj-params", "data"),
    prevent_initial_call=True,
)
def _select(kec: str | None, params: dict):
    code, lang = valid_region(params.get("region")), valid_lang(params.get("lang"))
    if results.referral(code) is None:
        return dash.no_update, dash.no_update, dash.no_update
    valid = {o["value"] for o in kecamatan_options(code)}
    kec = kec if kec in valid else None
    traces, view, crossings = selection(code, kec, lang)
    has_inset = results.detached(code).any()
    inset_class = (
        "" if has_inset and kec is None else "rj-hidden"
    )  # a chosen chain gets the whole map
    if kec is None:
        return (
            rv.lines_patch(traces, default_view(code), "default"),
            inset_class,
            rl.selection_hint(lang),
        )
    name = next(o["label"] for o in kecamatan_options(code) if o["value"] == kec)
    ref = results.referral(code)
    n_pos = int(ref.posyandu["kode_desa"].astype(str).str.startswith(kec + ".").sum())
    text = tr(
        lang,
        f"Kec. {name}: garis rujukan dari {number(n_pos, lang)} Posyandu. ",
        f"{name} district: referral lines from {number(n_pos, lang)} Posyandu. ",
    ) + rv.crossing_text(crossings, lang)
    revision = f"kec-{kec}" if view is not None else "default"
    return (
        rv.lines_patch(traces, view if view is not None else default_view(code), revision),
        inset_class,
        text,
    )
