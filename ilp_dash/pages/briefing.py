"""Ringkasan (briefing): few true numbers, one clear map, printable.

A public screen (no login unless ``ILP_BRIEFING_LOGIN=1``): counts of children
below 5, and rates built on them, are withheld here for everyone
(:mod:`ilp_dash.region.privacy`); the planners' screens show them.
"""

from __future__ import annotations

import dash
from dash import dcc, html

from ilp_dash import access, policy
from ilp_dash.i18n import month_name, number, percent, signed, tr, valid_lang
from ilp_dash.pages.frame import frame, geo_url, source_line
from ilp_dash.region import results, store
from ilp_dash.region.briefing import briefing
from ilp_dash.region.privacy import display_count, rate_text, rule_text, shown_total
from ilp_dash.region.store import valid_region
from ilp_dash.ui.maps import Scale, map_pair
from ilp_dash.ui.shell import query

dash.register_page(
    __name__, path="/", title="ILP Dash — Ringkasan", name="Ringkasan", audience=access.BRIEFING
)


def _card(value: str, label: str, note: str = "", cid: str = "") -> html.Div:
    return html.Div(
        [
            html.Div(value, className="kpi-value"),
            html.Div(label, className="kpi-label"),
            html.Div(note, className="kpi-note"),
        ],
        className="kpi",
        id=cid or None,
    )


def kpi_cards(code: str, lang: str) -> list:
    b = briefing(code)
    cards = []
    if b.posyandu:
        cards.append(
            _card(
                f"{number(b.posyandu_ilp, lang)} / {number(b.posyandu, lang)}",
                tr(lang, "Posyandu ILP", "ILP Posyandu"),
                tr(
                    lang,
                    f"{percent(b.ilp_percent, lang)} dari target {b.target_percent:.0f}% — kurang "
                    f"{number(b.gap, lang)}",
                    f"{percent(b.ilp_percent, lang)} of the {b.target_percent:.0f}% target — "
                    f"{number(b.gap, lang)} to go",
                ),
                "kpi-ilp",
            )
        )
        cards.append(
            _card(
                f"{number(b.villages_ilp, lang)} / {number(b.villages, lang)}",
                tr(lang, "Desa dengan Posyandu ILP", "Villages with an ILP Posyandu"),
                percent(100 * b.villages_ilp / b.villages, lang),
                "kpi-desa-ilp",
            )
        )
    if b.measured is not None:
        # public screen: a regency or village rate built on < 5 children is withheld
        total = shown_total(b.stunted, b.measured)
        span = (b.smoothed_min, b.smoothed_max) if b.smoothed_min is not None else None
        note = (
            tr(
                lang,
                f"desa, dihaluskan (EB): {percent(span[0], lang)}–{percent(span[1], lang)}",
                f"villages, smoothed (EB): {percent(span[0], lang)}–{percent(span[1], lang)}",
            )
            if span
            else ""
        )
        if total is None:
            note = tr(
                lang,
                f"{display_count(b.stunted, lang)} dari {display_count(b.measured, lang)} anak diukur",
                f"{display_count(b.stunted, lang)} of {display_count(b.measured, lang)} children measured",
            )
        cards.append(
            _card(
                rate_text(total, lang, 1, withheld=total is None),
                tr(lang, "Prevalensi stunting (kasar)", "Stunting prevalence (crude)"),
                note,
                "kpi-stunting",
            )
        )
        cards.append(
            _card(
                number(b.hot, lang),
                tr(lang, "Hotspot stunting", "Stunting hotspots"),
                tr(lang, "desa, Gi* bermakna (FDR 5%)", "villages, significant Gi* (FDR 5%)"),
                "kpi-hotspots",
            )
        )
    if b.ambulance_share is not None:
        cards.append(
            _card(
                percent(b.ambulance_share, lang, 1),
                tr(
                    lang,
                    f"Penduduk ≤ {b.ambulance_minutes:.0f} menit dari ambulans",
                    f"Population ≤ {b.ambulance_minutes:.0f} min from an ambulance",
                ),
                tr(
                    lang,
                    f"{b.bases} pangkalan, perkiraan garis lurus; standar di bawah peta",
                    f"{b.bases} bases, straight-line estimate; standard below the map",
                ),
                "kpi-ambulans",
            )
        )
    if b.villages_pustu or b.posyandu:
        cards.append(
            _card(
                f"{number(b.villages_pustu, lang)} / {number(b.villages, lang)}",
                tr(lang, "Desa dengan Pustu", "Villages with a Pustu"),
                percent(100 * b.villages_pustu / b.villages, lang),
                "kpi-pustu",
            )
        )
    return cards


def previous_shown(code: str) -> bool:
    """The month before's regency counts may be shown (else the change in prevalence is withheld too)."""
    months = results.stunting_months(code)
    prev = results.regency_prevalence(code, months[-2]) if len(months) > 1 else None
    return prev is not None and shown_total(*prev) is not None


def changes(code: str, lang: str) -> html.Div | None:
    b = briefing(code)
    if not b.previous:
        return None
    items = []
    if b.posyandu_ilp_prev is not None:
        items.append(
            tr(
                lang,
                f"Posyandu ILP {signed(b.posyandu_ilp - b.posyandu_ilp_prev, lang)}",
                f"ILP Posyandu {signed(b.posyandu_ilp - b.posyandu_ilp_prev, lang)}",
            )
        )
        items.append(
            tr(
                lang,
                f"desa dengan ILP {signed(b.villages_ilp - b.villages_ilp_prev, lang)}",
                f"villages with ILP {signed(b.villages_ilp - b.villages_ilp_prev, lang)}",
            )
        )
    if (
        shown_total(b.stunted, b.measured) is not None
        and b.prevalence_prev is not None
        and previous_shown(code)
    ):
        items.append(
            tr(
                lang,
                f"prevalensi stunting {signed(b.prevalence - b.prevalence_prev, lang, 1)} poin persen",
                f"stunting prevalence {signed(b.prevalence - b.prevalence_prev, lang, 1)} percentage points",
            )
        )
    head = tr(
        lang,
        f"Perubahan {month_name(b.previous, lang)} → {month_name(b.month, lang)}: ",
        f"Change {month_name(b.previous, lang)} → {month_name(b.month, lang)}: ",
    )
    return html.P([html.B(head), "; ".join(items) + "."], className="changes", id="changes")


def ilp_map(code: str, lang: str):
    """The briefing map: ILP share of Posyandu per village in the latest month."""
    ds = store.dataset(code)
    vil = ds.region.villages
    months = results.report_months(code)
    cov = results.village_coverage(code, months[-1]) if months else None
    values = (
        cov["persen_ilp"].to_numpy(dtype=float) if cov is not None else [float("nan")] * len(vil)
    )
    scale = Scale(
        label=tr(lang, "Posyandu ILP (%)", "ILP Posyandu (%)"), unit="%", hover_format=".0f"
    )
    nodata = tr(lang, "tanpa Posyandu", "no Posyandu")
    kw = dict(geo_url=geo_url(code), no_data_label=nodata)
    return map_pair(
        vil,
        values,
        scale,
        detached=results.detached(code),
        kecamatan=ds.region.kecamatan,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        **kw,
    )


def layout(region: str | None = None, lang: str | None = None, **_query) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    b = briefing(code)
    fig, inset = ilp_map(code, lang)
    when = month_name(b.month, lang) if b.month else ""
    side = html.Aside(
        [
            html.Div(kpi_cards(code, lang), className="kpis", id="kpis"),
            changes(code, lang),
            html.Div(
                [
                    html.A(
                        tr(lang, "Unduh peta (PNG)", "Download map (PNG)"),
                        className="button",
                        href=f"/ekspor/peta.png{query(code, lang)}",
                        id="export-png",
                        download="",
                    ),
                    html.A(
                        tr(lang, "Laporan siap cetak", "Printable report"),
                        className="button",
                        href=f"/laporan{query(code, lang)}",
                        id="export-report",
                        target="_blank",
                    ),
                ],
                className="actions",
            ),
        ],
        className="brief-side",
    )
    main = html.Div(
        [
            html.H2(
                tr(lang, f"Posyandu ILP per desa, {when}", f"ILP Posyandu per village, {when}"),
                className="map-title",
            ),
            dcc.Loading(
                html.Div(
                    [
                        dcc.Graph(
                            id="village-map",
                            figure=fig,
                            className="map-main brief-map",
                            config={"displaylogo": False},
                        ),
                        dcc.Graph(
                            id="inset-map",
                            figure=inset,
                            className="inset-map",
                            config={"displayModeBar": False},
                        )
                        if inset is not None
                        else None,
                    ],
                    className="map-wrap",
                ),
                type="circle",
            ),
            source_line(
                code,
                lang,
                tr(
                    lang,
                    "Target: 100% Posyandu menjadi Posyandu ILP.",
                    "Target: 100% of Posyandu become ILP Posyandu.",
                )
                + (
                    " " + policy.ambulance_standard_text(lang)
                    if b.ambulance_share is not None
                    else ""
                )
                + (" " + rule_text(lang) if b.measured is not None else ""),
            ),
        ],
        className="brief-main",
    )
    body = html.Div([side, main], className="brief-grid")
    return frame("/", code, lang, body)
