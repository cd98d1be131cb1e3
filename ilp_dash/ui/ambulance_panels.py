"""Ambulance planner (``/ambulans``) panels: summary, proposed and edited bases, scenario table,
coverage-curve figure and the export table.

Pure builders: a :class:`~ilp_dash.analysis.siting.plan.Plan` (and the
candidate table) in, Dash components, a figure or a data frame out.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import html

from ilp_dash.analysis.siting.plan import Plan, base_difference, compare, empty_state
from ilp_dash.i18n import number, percent, signed, tr
from ilp_dash.ui.ambulance import KIND_EN, STATUS_TEXT
from ilp_dash.ui.maps import OKABE_ITO


# ------------------------------------------------------------------ export
def export_table(plan: Plan, candidates: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per base (current, pinned, new, then removed) with the people it covers.

    ``population covered`` counts each village once, at its nearest open base,
    when that base is within the standard, so the column sums to the plan's
    covered population; removed bases cover 0.
    """
    pos = {c: j for j, c in enumerate(plan.ids)}
    cand = candidates.set_index(candidates["id"].astype(str))
    order = (
        plan.with_status("current")
        + plan.with_status("pinned")
        + plan.with_status("new")
        + plan.with_status("removed")
    )
    mins = f"{plan.minutes:g}"
    cols = [
        tr(lang, "id_pangkalan", "base_id"),
        tr(lang, "nama", "name"),
        tr(lang, "jenis", "type"),
        "lon",
        "lat",
        "status",
        tr(lang, f"penduduk_terjangkau_{mins}_menit", f"population_covered_{mins}_min"),
    ]
    rows = []
    for c in order:
        r = cand.loc[c]
        kind = str(r["jenis"])
        rows.append(
            [
                c,
                r["nama"],
                tr(lang, kind, KIND_EN.get(kind, kind)),
                round(float(r["lon"]), 5),
                round(float(r["lat"]), 5),
                tr(lang, *STATUS_TEXT[plan.status[pos[c]]]),
                round(plan.base_population[pos[c]]),
            ]
        )
    return pd.DataFrame(rows, columns=cols)


# ------------------------------------------------------------------ curve
def _nice_ticks(low: float, high: float) -> list[float]:
    """At most 5 ticks on a round step (0.5, 1, 2, 5, 10, 20 or 25) between ``low`` and ``high``."""
    step = next((s for s in (0.5, 1, 2, 5, 10, 20, 25) if (high - low) / s <= 4), 50)
    first = np.ceil(low / step) * step
    return [round(float(v), 1) for v in np.arange(first, high + step / 2, step)]


def curve_figure(cc, n_fixed: int, k_selected: int, lang: str) -> go.Figure:
    """Bars: extra people covered by each added base; line: % covered (right axis)."""
    ks, gains, cov = list(cc.k), list(cc.marginal_gain), list(cc.covered_weight)
    if n_fixed and ks and ks[0] == n_fixed:  # the first point is the fixed bases themselves
        ks, gains, cov = ks[1:], gains[1:], cov[1:]
    total = cc.total_weight or 1.0
    extra = [k - n_fixed for k in ks]
    colors = [OKABE_ITO["vermillion"] if k <= k_selected else "#9e9e9e" for k in ks]
    fig = go.Figure()
    fig.add_trace(
        go.Bar(
            x=extra,
            y=gains,
            marker_color=colors,
            name=tr(lang, "tambahan penduduk", "extra people"),
            text=[number(g, lang) for g in gains],
            textposition="outside",
            cliponaxis=False,
            customdata=ks,
            hovertemplate=tr(
                lang,
                "+%{x} pangkalan (K = %{customdata})<br>",
                "+%{x} bases (K = %{customdata})<br>",
            )
            + "%{text}<extra></extra>",
        )
    )
    start = (
        [0] if n_fixed and len(cc.k) and cc.k[0] == n_fixed else []
    )  # today's coverage at 0 added
    line_x = start + extra
    line_y = [100 * c / total for c in (list(cc.covered_weight[:1]) if start else []) + cov]
    fig.add_trace(
        go.Scatter(
            x=line_x,
            y=line_y,
            yaxis="y2",
            mode="lines+markers",
            line={"color": OKABE_ITO["blue"], "width": 2},
            name=tr(lang, "% penduduk terjangkau", "% of people covered"),
            hovertemplate="%{y:.1f}%<extra></extra>",
        )
    )
    top = max(gains, default=0) or 1.0
    lowest = min(line_y, default=0.0)
    low = max(0.0, lowest - 1.1 * max(100 - lowest, 0.5))
    ticks = _nice_ticks(low, 100.0)
    fig.update_layout(
        margin={"l": 78, "r": 64, "t": 10, "b": 45},
        height=300,
        bargap=0.25,
        plot_bgcolor="white",
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 12},
        xaxis={
            "title": tr(lang, "pangkalan tambahan", "added bases"),
            "dtick": 1,
            "showgrid": False,
        },
        yaxis={
            "title": tr(lang, "tambahan penduduk terjangkau", "extra people covered"),
            "gridcolor": "#e5e5e5",
            "range": [0, 1.9 * top],  # bars in the lower half …
            "tickformat": ",d",
        },
        yaxis2={
            "title": tr(lang, "% terjangkau", "% covered"),
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "range": [low, 100 + 0.06 * (100 - low)],  # … the % line in the upper half
            "tickvals": ticks,
            "ticktext": [percent(v, lang, 0 if v == int(v) else 1) for v in ticks],
        },
        separators=",." if lang == "id" else ".,",
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
        showlegend=True,
    )
    return fig


# ------------------------------------------------------------------ panels
def _name(candidates: pd.DataFrame, cid: str) -> str:
    hit = candidates.loc[candidates["id"].astype(str) == cid]
    return str(hit["nama"].iloc[0]) if len(hit) else cid


def _names(candidates: pd.DataFrame, ids) -> str:
    return ", ".join(_name(candidates, c) for c in ids) or "–"


def summary(plan: Plan, lang: str) -> list:
    """Before → after: people and share covered within the standard, mean minutes, number of bases."""
    t = f"{plan.minutes:g}"
    b, a = plan.covered_before, plan.covered_after
    n_new, n_pin, n_rem = (len(plan.with_status(s)) for s in ("new", "pinned", "removed"))
    bases = tr(
        lang,
        f"{len(plan.with_status('current'))} pangkalan tetap",
        f"{len(plan.with_status('current'))} current bases kept",
    )
    if n_pin:
        bases += tr(lang, f" + {n_pin} dipaku", f" + {n_pin} pinned")
    bases += tr(lang, f" + {n_new} usulan baru", f" + {n_new} proposed")
    if n_rem:
        bases += tr(lang, f" ({n_rem} dihapus)", f" ({n_rem} removed)")
    unused = plan.k - len(plan.open_ids)
    if unused > 0:
        bases += tr(
            lang,
            f"; {unused} lagi tidak menambah jangkauan",
            f"; {unused} more would cover no one new",
        )
    return [
        html.Div(
            tr(lang, f"Penduduk ≤ {t} menit dari ambulans", f"People ≤ {t} min from an ambulance"),
            className="amb-sum-label",
        ),
        html.Div(
            [
                html.Span(percent(plan.share(b), lang, 1)),
                " → ",
                html.B(percent(plan.share(a), lang, 1), className="amb-after"),
            ],
            className="amb-sum-big",
            id="amb-share",
        ),
        html.Div(
            tr(
                lang,
                f"{number(b, lang)} → {number(a, lang)} penduduk ({signed(a - b, lang)})",
                f"{number(b, lang)} → {number(a, lang)} people ({signed(a - b, lang)})",
            ),
            id="amb-people",
        ),
        html.Div(
            tr(
                lang,
                f"Rata-rata ke pangkalan terdekat: {number(plan.mean_before, lang, 1)} → "
                f"{number(plan.mean_after, lang, 1)} menit",
                f"Mean time to the nearest base: {number(plan.mean_before, lang, 1)} → "
                f"{number(plan.mean_after, lang, 1)} min",
            ),
            className="amb-sum-note",
        ),
        html.Div(f"K = {plan.k}: " + bases, className="amb-sum-note"),
    ]


def proposed_list(plan: Plan, candidates: pd.DataFrame, lang: str) -> html.Div:
    """Names of the newly proposed bases, with the people each one covers."""
    idx = [j for j, s in enumerate(plan.status) if s == "new"]
    if not idx:
        return html.P(
            tr(
                lang,
                "Tidak ada usulan baru: naikkan K, atau semua penduduk yang bisa dijangkau sudah "
                "terjangkau.",
                "No new proposals: raise K, or everyone reachable is already covered.",
            ),
            className="amb-empty",
        )
    items = []
    for j in idx:
        r = candidates.iloc[j]
        where = (
            f" — Kec. {r['kecamatan']}"
            if "kecamatan" in candidates and pd.notna(r["kecamatan"])
            else ""
        )
        items.append(
            html.Li(
                [
                    html.B(str(r["nama"])),
                    where,
                    html.Br(),
                    html.Span(
                        tr(
                            lang,
                            f"{number(plan.base_population[j], lang)} penduduk terdekat",
                            f"{number(plan.base_population[j], lang)} people nearest",
                        ),
                        className="amb-li-note",
                    ),
                ],
                **{"data-id": str(r["id"])},
            )
        )
    return html.Ol(items, className="amb-proposed-list")


def edits_list(state: dict | None, candidates: pd.DataFrame, lang: str) -> list:
    """Pinned and removed bases, or a hint how to make them."""
    state = state or empty_state()
    if not state.get("pinned") and not state.get("removed"):
        return [
            html.P(
                tr(
                    lang,
                    "Klik titik di peta: calon lokasi → dipaku (wajib buka); pangkalan sekarang → "
                    "dihapus. Klik lagi untuk membatalkan.",
                    "Click a point on the map: a candidate site → pinned (forced open); a current base → "
                    "removed. Click again to undo.",
                ),
                className="amb-empty",
            )
        ]
    out = []
    for key, label in (
        ("pinned", tr(lang, "Dipaku", "Pinned")),
        ("removed", tr(lang, "Dihapus", "Removed")),
    ):
        if state.get(key):
            out.append(
                html.Div(
                    [html.B(label + ": "), ", ".join(_name(candidates, c) for c in state[key])],
                    className=f"amb-edit-{key}",
                )
            )
    return out


def _fmt(key: str, value, lang: str, diff: bool = False) -> str:
    if value is None:
        return "–"
    if key == "share":
        return (
            (signed(value, lang, 1) + tr(lang, " poin", " pts"))
            if diff
            else percent(value, lang, 1)
        )
    if key == "mean_minutes":
        return signed(value, lang, 1) if diff else number(value, lang, 1)
    return signed(value, lang) if diff else number(value, lang)


def comparison_table(scenarios: dict | None, candidates: pd.DataFrame, lang: str) -> html.Div:
    """Scenario A and B side by side, with B − A; a hint while one is missing."""
    scenarios = scenarios or {}
    a, b = scenarios.get("A"), scenarios.get("B")
    if not a and not b:
        return html.P(
            tr(
                lang,
                "Simpan rencana sebagai A, ubah K/T atau klik pangkalan, lalu simpan sebagai B.",
                "Save the plan as A, change K/T or click bases, then save it as B.",
            ),
            className="amb-empty",
        )
    labels = {
        "bases": tr(lang, "Jumlah pangkalan", "Number of bases"),
        "k": "K",
        "minutes": tr(lang, "Standar T (menit)", "Standard T (min)"),
        "covered": tr(lang, "Penduduk terjangkau", "People covered"),
        "share": tr(lang, "% terjangkau", "% covered"),
        "mean_minutes": tr(lang, "Rata-rata menit ke pangkalan", "Mean minutes to a base"),
    }
    rows = compare(a, b)
    head = html.Tr([html.Th("")] + [html.Th(x) for x in ("A", "B", "B − A")])
    body = [
        html.Tr(
            [
                html.Td(labels[r["key"]]),
                html.Td(_fmt(r["key"], r["a"], lang)),
                html.Td(_fmt(r["key"], r["b"], lang)),
                html.Td(_fmt(r["key"], r["diff"], lang, diff=True)),
            ]
        )
        for r in rows
    ]
    table = [
        html.Table(
            [html.Thead(head), html.Tbody(body)],
            className="amb-compare-table",
            id="amb-compare-table",
        )
    ]
    if a and b:
        only_a, only_b = base_difference(a, b)
        table += [
            html.P(
                [html.B(tr(lang, "Hanya di A: ", "Only in A: ")), _names(candidates, only_a)],
                className="amb-diff",
            ),
            html.P(
                [html.B(tr(lang, "Hanya di B: ", "Only in B: ")), _names(candidates, only_b)],
                className="amb-diff",
            ),
        ]
    return html.Div(table)


def error_box(lang: str, err) -> html.Div:
    """The solver's message (a :class:`~ilp_dash.analysis.siting.models.SitingError`) and what to do."""
    return html.Div(
        tr(
            lang,
            f"Model tidak dapat diselesaikan: {err.message_id}. Ubah K atau T, atau klik "
            "Atur ulang.",
            f"The model could not be solved: {err.message_en}. Change K or T, or click Reset.",
        ),
        className="error-box",
    )


def curve_note(t: float, k: int, n_fixed: int, lang: str) -> str:
    """How to read the coverage curve, under it."""
    return tr(
        lang,
        f"T = {t:g} menit, {n_fixed} pangkalan tetap; batang jingga = pangkalan dalam K = {k}. "
        f"Bila batang mengecil, tiap ambulans tambahan menjangkau lebih sedikit orang.",
        f"T = {t:g} min, {n_fixed} fixed bases; vermillion bars = bases within K = {k}. "
        "Shrinking bars: each extra ambulance reaches fewer people.",
    )
