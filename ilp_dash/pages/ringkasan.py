"""Ringkasan (briefing): the regency's villages on one map."""

from __future__ import annotations

import dash
from dash import Input, Output, State, callback, dcc, html

from ilp_dash.analysis.coverage import months, village_ilp
from ilp_dash.io.geodata import region_index
from ilp_dash.store import dataset, valid_region
from ilp_dash.ui.maps import inset_map, village_map

dash.register_page(__name__, path="/", title="ILP Dash — Ringkasan", name="Ringkasan")


def _figure(code: str):
    ds = dataset(code)
    vil = ds.region.villages
    pos = ds.facilities.get("posyandu")
    hover = [f"<b>{n}</b><br>Kec. {k}" for n, k in zip(vil["nama"], vil["kecamatan"])]
    if pos is None:
        import numpy as np

        empty = np.full(len(vil), np.nan)
        return (village_map(vil, empty, label="", hover_text=hover, kecamatan=ds.region.kecamatan),
                inset_map(vil, empty, hover_text=hover), None)
    month = months(pos)[-1]
    cov = village_ilp(vil["kode"], pos, month)
    hover = [
        f"<b>{n}</b> ({c})<br>Kec. {k}<br>Posyandu ILP: {i} dari {p}"
        for n, c, k, i, p in zip(vil["nama"], vil["kode"], vil["kecamatan"], cov["posyandu_ilp"], cov["posyandu"])
    ]
    values = cov["persen_ilp"].to_numpy()
    fig = village_map(vil, values, label="Posyandu ILP (%)", hover_text=hover,
                      kecamatan=ds.region.kecamatan, no_data_label="tanpa Posyandu")
    inset = inset_map(vil, values, hover_text=hover, no_data_label="tanpa Posyandu")
    return fig, inset, (month, int(cov["posyandu_ilp"].sum()), int(cov["posyandu"].sum()))


def layout(region: str | None = None, **_query) -> html.Div:
    code = valid_region(region)
    ds = dataset(code)
    fig, inset, summary = _figure(code)
    entries = region_index()
    badge = html.Span("DATA CONTOH / SAMPLE DATA — sintetis", className="badge-sample") if ds.synthetic else None
    if summary:
        month, ilp, total = summary
        headline = f"Posyandu ILP {ilp:,} dari {total:,} ({100 * ilp / total:.0f}%) pada {month}".replace(",", ".")
    else:
        headline = "Belum ada data Posyandu untuk wilayah ini."
    return html.Div([
        html.Header([
            html.H1(f"ILP Dash — {ds.region.name}"),
            dcc.Dropdown(
                id="region-select", options=[{"label": e["name"], "value": e["code"]} for e in entries],
                value=code, clearable=False, className="region-select",
            ),
            badge,
        ], className="topbar"),
        html.P(f"{len(ds.region.villages)} desa/kelurahan, {len(ds.region.kecamatan)} kecamatan. {headline}",
               className="headline", id="headline"),
        dcc.Loading(html.Div([
            dcc.Graph(id="village-map", figure=fig, style={"height": "calc(100vh - 175px)", "minHeight": "480px"},
                      config={"displaylogo": False}),
            dcc.Graph(id="inset-map", figure=inset, className="inset-map", config={"displayModeBar": False})
            if inset is not None else None,
        ], className="map-wrap"), type="circle"),
        html.P([
            f"Sumber batas: {ds.region.attribution}. ",
            "Sumber data: " + (
                "DATA CONTOH SINTETIS (bukan data resmi)." if ds.synthetic
                else ("register Dinkes yang dimuat." if ds.facilities else "belum ada register yang dimuat.")
            ),
        ], className="source"),
    ], className="page")


@callback(Output("url", "search"), Input("region-select", "value"), State("url", "search"),
          prevent_initial_call=True)
def _switch_region(code: str, search: str | None) -> str:
    target = f"?region={code}"
    return dash.no_update if search == target else target
