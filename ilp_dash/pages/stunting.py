"""Stunting: village prevalence (crude ↔ smoothed), hotspots, and the priority list for desa lokus."""

from __future__ import annotations

import dash
import numpy as np
from dash import Input, Output, State, callback, dash_table, dcc, html

from ilp_dash.analysis.priority import PriorityError, priority_index
from ilp_dash.i18n import month_name, number, percent, tr, valid_lang
from ilp_dash.pages.frame import frame, geo_url, source_line
from ilp_dash.region import results, store
from ilp_dash.region.store import valid_region
from ilp_dash.ui import stunting as sv
from ilp_dash.ui.maps import map_pair

dash.register_page(__name__, path="/stunting", title="ILP Dash — Stunting", name="Stunting")

DEFAULT_MODE, DEFAULT_RATE = "prevalence", "eb"
TOP = 15


def _min_measured(h) -> int:
    return int(h.attrs.get("min_measured", results.MIN_MEASURED))


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
    inputs = sv.priority_inputs(h, cov, ref.villages if ref is not None else None)
    return sv.priority_frame(priority_index(inputs), ds.region.villages, h), month


def _legend_list(h, lang: str) -> html.Ul:
    counts = sv.class_counts(h)
    labels = sv.class_labels(lang, _min_measured(h))
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
        for k, c, label in zip(sv.CLASSES, sv.CLASS_COLORS, labels)
    ]
    return html.Ul(items, className="st-counts")


def side_panel(code: str, lang: str, h) -> html.Div:
    mm = _min_measured(h)
    month = h.attrs["month"]
    region = results.regency_prevalence(code, month)
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
            _legend_list(h, lang),
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


def _table(tid: str, columns, rows, lang: str, **kw) -> dash_table.DataTable:
    return dash_table.DataTable(
        id=tid,
        columns=columns,
        data=rows,
        sort_action="native",
        style_as_list_view=True,
        style_table={"overflowX": "auto"},
        style_header={"fontWeight": "bold", "whiteSpace": "normal", "textAlign": "center"},
        style_cell={"fontSize": "0.85rem", "padding": "3px 6px", "textAlign": "right"},
        style_cell_conditional=[
            {"if": {"column_id": c}, "textAlign": "left"} for c in ("desa", "kecamatan", "kelas")
        ],
        style_header_conditional=[
            {
                "if": {
                    "column_id": c,
                    "header_index": 1 if kw.get("merge_duplicate_headers") else 0,
                },
                "textAlign": "left",
            }
            for c in ("desa", "kecamatan", "kelas")
        ],
        **kw,
    )


def tables(code: str, lang: str, h) -> list:
    vil = store.dataset(code).region.villages
    month = month_name(h.attrs["month"], lang)
    rows = sv.hotspot_rows(vil, h, lang)
    hot = [
        html.H2(
            tr(
                lang,
                f"Desa hotspot dan coldspot, {month}",
                f"Hot-spot and cold-spot villages, {month}",
            )
        ),
        _table(
            "st-hotspot-table",
            sv.hotspot_columns(lang),
            rows,
            lang,
            page_size=10,
            style_data_conditional=[
                {
                    "if": {"filter_query": "{z} > 0", "column_id": "kelas"},
                    "color": sv.CLASS_COLORS[0],
                    "fontWeight": "bold",
                },
                {
                    "if": {"filter_query": "{z} < 0", "column_id": "kelas"},
                    "color": sv.CLASS_COLORS[1],
                    "fontWeight": "bold",
                },
            ],
        )
        if rows
        else html.P(
            tr(
                lang,
                "Tidak ada desa yang bermakna sebagai hotspot atau coldspot bulan ini.",
                "No village is a significant hot or cold spot this month.",
            ),
            className="st-empty",
        ),
        source_line(
            code,
            lang,
            tr(lang, "Klik judul kolom untuk mengurutkan.", "Click a column title to sort."),
        ),
    ]
    try:
        full, cov_month = priority(code, h)
    except PriorityError as err:
        return hot + [
            html.Div(
                tr(
                    lang,
                    f"Daftar prioritas tidak dapat dihitung: {err}. Periksa data stunting.",
                    f"The priority list cannot be computed: {err}. Check the stunting data.",
                ),
                className="error-box",
            )
        ]
    note = ""
    if cov_month is None:
        note = tr(
            lang,
            " Tanpa register Posyandu: komponen ILP tidak dihitung.",
            " No Posyandu register: the ILP component is left out.",
        )
    elif cov_month != h.attrs["month"]:
        note = tr(
            lang,
            f" Cakupan ILP dari {month_name(cov_month, lang)}.",
            f" ILP coverage from {month_name(cov_month, lang)}.",
        )
    pri = [
        html.Div(
            [
                html.H2(
                    tr(
                        lang,
                        f"Prioritas desa lokus stunting — {TOP} teratas dari {number(len(full), lang)} desa",
                        f"Priority villages for stunting focus (desa lokus) — top {TOP} of {number(len(full), lang)}",
                    )
                ),
                html.Button(
                    tr(lang, "Unduh daftar lengkap (CSV)", "Download full list (CSV)"),
                    id="st-csv-btn",
                    className="button",
                    n_clicks=0,
                ),
            ],
            className="map-head",
        ),
        html.P(sv.priority_explanation(lang) + note, className="st-explain", id="st-explain"),
        _table(
            "st-priority-table",
            sv.priority_columns(lang),
            sv.priority_rows(full, lang, TOP),
            lang,
            merge_duplicate_headers=True,
            page_action="none",
        ),
        dcc.Download(id="st-csv"),
        source_line(
            code,
            lang,
            tr(
                lang,
                "Skor adalah alat bantu: keputusan desa lokus tetap melalui musyawarah.",
                "The score supports, not replaces, the decision on desa lokus.",
            ),
        ),
    ]
    return hot + pri


def _controls(lang: str) -> html.Div:
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
                        options=_rate_options(lang, False),
                    ),
                ],
                className="st-ctl",
                id="st-rate-wrap",
            ),
        ],
        className="st-controls",
    )


def _rate_options(lang: str, disabled: bool) -> list[dict]:
    return [
        {"label": tr(lang, "Kasar", "Crude"), "value": "crude", "disabled": disabled},
        {
            "label": tr(lang, "Dihaluskan (EB)", "Smoothed (EB)"),
            "value": "eb",
            "disabled": disabled,
        },
    ]


def layout(region: str | None = None, lang: str | None = None, **_query) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    h = results.hotspots(code)
    title = tr(lang, "Stunting per desa", "Stunting by village")
    if h is None:
        body = [
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
        return frame("/stunting", code, lang, body)
    fig, inset = maps(code, lang, h)
    month = month_name(h.attrs["month"], lang)
    body = [
        dcc.Store(id="st-params", data={"region": code, "lang": lang, "inset": inset is not None}),
        html.Div(
            [
                html.H2(
                    tr(lang, f"{title}, penimbangan {month}", f"{title}, measurements of {month}"),
                    className="map-title",
                    id="st-title",
                ),
                _controls(lang),
            ],
            className="map-head",
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
                        html.P(
                            sv.significance_text(h.attrs, lang), className="st-rule", id="st-rule"
                        ),
                        source_line(
                            code,
                            lang,
                            tr(
                                lang,
                                f"Stunting: data penimbangan {month} (TB/U < −2 SD).",
                                f"Stunting: measurements of {month} (height-for-age < −2 SD).",
                            ),
                        ),
                    ],
                    className="st-main",
                ),
                side_panel(code, lang, h),
            ],
            className="st-grid",
        ),
        html.Div(tables(code, lang, h), className="st-tables"),
    ]
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
    return main, inset, _rate_options(lang, mode == "hotspots")


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
        sv.priority_csv(full), f"prioritas_desa_lokus_{code}_{h.attrs['month']}.csv"
    )
