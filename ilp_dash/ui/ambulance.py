"""Ambulance planner (``/ambulans``): the plan, pin/remove state, scenarios, export table and figures.

Pure functions (no callbacks). A **plan** is one MCLP solve on the region's
:class:`~ilp_dash.region.results.SitingInputs`: the current bases stay open unless
the planner *removed* them (then they are not candidates either), *pinned*
candidates are forced open, and the optimiser fills the rest of ``k`` bases
(fixed ones counted within ``k``) to cover the most people within ``minutes``.

Per-user state is small JSON kept in ``dcc.Store``: ``{"pinned": [...],
"removed": [...]}`` (candidate ids) and scenario dicts from :func:`scenario`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch, html

from ilp_dash import policy
from ilp_dash.analysis.siting.models import coverage_curve, mclp
from ilp_dash.i18n import number, percent, signed, tr
from ilp_dash.ui.maps import OKABE_ITO, Scale

STANDARD_MINUTES = int(policy.AMBULANCE_MINUTES)  # the slider starts on the standard
EXTRA_BASES = (
    policy.AMBULANCE_EXTRA_BASES
)  # the question on screen: where do the next two ambulances go?
POINT_TRACE = 3  # first base trace in the main map (after grey, values, outlines)
INSET_POINT_TRACE = 2  # … and in the inset (no outlines there)
BASE_LAYERS = ("site", "current", "removed", "pinned", "ring", "new")
STATUS_TEXT = {
    "current": ("sekarang", "current"),
    "pinned": ("dipaku", "pinned"),
    "new": ("baru", "new"),
    "removed": ("dihapus", "removed"),
}
KIND_EN = {"Rumah sakit": "Hospital"}
COVER_COLORS = ("#56B4E9", OKABE_ITO["green"], OKABE_ITO["purple"], OKABE_ITO["yellow"])
MINUTES_SCALE = [
    [0.0, "#fde725"],
    [0.25, "#5ec962"],
    [0.5, "#21918c"],
    [0.75, "#3b528b"],
    [1.0, "#440154"],
]


# the colour bar sits top right, the legend of the base layers bottom right (the inset takes the top left)
COLORBAR_PLACE = {"y": 0.91, "yanchor": "top", "x": 0.99, "xanchor": "right", "len": 0.55}


def place_colorbar(patch: Patch, trace: int = 1) -> Patch:
    """Add the colour bar's position to a ``value_patch`` (which replaces the whole colour bar)."""
    for key, value in COLORBAR_PLACE.items():
        patch["data"][trace]["colorbar"][key] = value
    return patch


# ------------------------------------------------------------------ state
def empty_state() -> dict:
    """No pinned and no removed bases."""
    return {"pinned": [], "removed": []}


def toggle(state: dict | None, cid: str, current) -> dict:
    """A click on candidate ``cid``: a current base is removed/restored, any other site pinned/unpinned.

    Returns a new dict; ``state`` is not changed.
    """
    state = state or empty_state()
    key = "removed" if cid in set(current) else "pinned"
    out = {"pinned": list(state.get("pinned", [])), "removed": list(state.get("removed", []))}
    out[key] = [c for c in out[key] if c != cid] if cid in out[key] else out[key] + [cid]
    return out


def fixed_bases(candidate_ids, current, state: dict | None) -> list[str]:
    """Bases forced open, in candidate order: current ones not removed, plus pinned ones."""
    state = state or empty_state()
    current, removed, pinned = (
        set(current),
        set(state.get("removed", [])),
        set(state.get("pinned", [])),
    )
    return [
        c
        for c in candidate_ids
        if (c in current and c not in removed) or (c in pinned and c not in current)
    ]


def k_range(candidate_ids, current, state: dict | None, extra: int = 10) -> tuple[int, int]:
    """Smallest and largest ``k`` the slider offers: the fixed bases, up to ``extra`` more."""
    state = state or empty_state()
    n_fixed = len(fixed_bases(candidate_ids, current, state))
    available = len(candidate_ids) - len(set(state.get("removed", [])) & set(current))
    low = max(1, n_fixed)
    return low, max(low, min(available, max(n_fixed, len(set(current))) + extra))


def default_minutes(inputs) -> int:
    """The ambulance standard (:data:`ilp_dash.policy.AMBULANCE_MINUTES`), the same on every screen.

    The planner may move the slider to explore a stricter or looser T; the
    screen always names the standard beside it.
    """
    return STANDARD_MINUTES


# ------------------------------------------------------------------ the plan
@dataclass(frozen=True)
class Plan:
    """One solved plan. Arrays run over villages (``before``, ``after``, ``weights``) or candidates."""

    k: int
    minutes: float
    ids: tuple  # candidate ids
    status: tuple  # per candidate: "current", "pinned", "new", "removed" or None (not a base)
    before: np.ndarray  # minutes to the nearest current base (status quo)
    after: np.ndarray  # minutes to the nearest open base of the plan
    weights: np.ndarray  # population per village
    base_population: (
        np.ndarray
    )  # per candidate: people whose nearest open base it is, within minutes
    solver: str = "optimal"

    def with_status(self, *which: str) -> list[str]:
        return [c for c, s in zip(self.ids, self.status) if s in which]

    @property
    def open_ids(self) -> list[str]:
        return self.with_status("current", "pinned", "new")

    @property
    def total(self) -> float:
        return float(self.weights.sum())

    @property
    def covered_before(self) -> float:
        return float(self.weights[self.before <= self.minutes].sum())

    @property
    def covered_after(self) -> float:
        return float(self.weights[self.after <= self.minutes].sum())

    def share(self, covered: float) -> float:
        return 100 * covered / self.total if self.total else float("nan")

    @staticmethod
    def _mean(minutes: np.ndarray, w: np.ndarray) -> float:
        ok = np.isfinite(minutes)
        return (
            float(np.average(minutes[ok], weights=w[ok]))
            if ok.any() and w[ok].sum()
            else float("nan")
        )

    @property
    def mean_before(self) -> float:
        return self._mean(self.before, self.weights)

    @property
    def mean_after(self) -> float:
        """Population-weighted mean minutes to the nearest open base (villages reachable at all)."""
        return self._mean(self.after, self.weights)

    def cover_class(self) -> np.ndarray:
        """Per village: 0 covered now and in the plan, 1 newly covered, 2 no longer covered, 3 not covered."""
        b, a = self.before <= self.minutes, self.after <= self.minutes
        return np.select([b & a, ~b & a, b & ~a], [0, 1, 2], 3).astype(float)


def _nearest(minutes: np.ndarray, cols: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if not len(cols):
        n = minutes.shape[0]
        return np.full(n, np.inf), np.full(n, -1)
    sub = minutes[:, cols]
    arg = sub.argmin(axis=1)
    return sub[np.arange(len(sub)), arg], cols[arg]


def solve_plan(inputs, *, k: int, minutes: float, state: dict | None = None) -> Plan:
    """MCLP with the current bases (minus removed) and pinned sites fixed; ``k`` counts them.

    ``k`` below the number of fixed bases is raised to it. ``inputs`` is a
    :class:`~ilp_dash.region.results.SitingInputs` (``demand.penduduk``,
    ``candidates.id/base``, ``minutes``).
    """
    state = state or empty_state()
    cids = inputs.candidates["id"].astype(str).tolist()
    current = [c for c, b in zip(cids, inputs.candidates["base"]) if b]
    removed = set(state.get("removed", [])) & set(current)
    pinned = set(state.get("pinned", [])) & (set(cids) - set(current))
    fixed = fixed_bases(cids, current, state)
    w = inputs.demand["penduduk"].to_numpy(dtype=float)
    cost = np.asarray(inputs.minutes, dtype=float)
    k = max(int(k), len(fixed), 1)
    keep = [j for j, c in enumerate(cids) if c not in removed]
    selected, solver = set(), "optimal"
    if keep:
        res = mclp(
            cost[:, keep],
            w,
            k=k,
            minutes=float(minutes),
            fixed=fixed,
            candidate_ids=[cids[j] for j in keep],
        )
        selected, solver = set(res.selected), res.status
    status = []
    for c in cids:
        if c in removed:
            status.append("removed")
        elif c in current:
            status.append("current")
        elif c in pinned:
            status.append("pinned")
        elif c in selected:
            status.append("new")
        else:
            status.append(None)
    is_current = np.array([c in set(current) for c in cids], dtype=bool)
    is_open = np.array([s in ("current", "pinned", "new") for s in status], dtype=bool)
    before, _ = _nearest(cost, np.flatnonzero(is_current))
    after, nearest = _nearest(cost, np.flatnonzero(is_open))
    served = (after <= minutes) & (nearest >= 0)
    base_pop = np.bincount(nearest[served], weights=w[served], minlength=len(cids)).astype(float)
    return Plan(
        k=k,
        minutes=float(minutes),
        ids=tuple(cids),
        status=tuple(status),
        before=before,
        after=after,
        weights=w,
        base_population=base_pop,
        solver=solver,
    )


def curve(inputs, *, minutes: float, state: dict | None = None, k_max: int | None = None):
    """The coverage curve (MCLP optimum for each k) with the plan's fixed bases and removals.

    Returns ``(CoverageCurve, n_fixed)``; ``k_max`` defaults to 10 bases beyond the fixed ones.
    """
    state = state or empty_state()
    cids = inputs.candidates["id"].astype(str).tolist()
    current = [c for c, b in zip(cids, inputs.candidates["base"]) if b]
    removed = set(state.get("removed", [])) & set(current)
    keep = [j for j, c in enumerate(cids) if c not in removed]
    fixed = fixed_bases(cids, current, state)
    k_max = max(1, len(fixed), min(len(keep), k_max if k_max is not None else len(fixed) + 10))
    cc = coverage_curve(
        np.asarray(inputs.minutes, dtype=float)[:, keep],
        inputs.demand["penduduk"].to_numpy(dtype=float),
        minutes=float(minutes),
        k_max=k_max,
        fixed=fixed,
        candidate_ids=[cids[j] for j in keep],
    )
    return cc, len(fixed)


# ------------------------------------------------------------------ scenarios
def _plain(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 3)


def scenario(plan: Plan) -> dict:
    """The plan as small JSON for a ``dcc.Store`` (saved as scenario A or B)."""
    return {
        "k": plan.k,
        "minutes": plan.minutes,
        "bases": plan.open_ids,
        "new": plan.with_status("new"),
        "pinned": plan.with_status("pinned"),
        "removed": plan.with_status("removed"),
        "covered": _plain(plan.covered_after),
        "total": _plain(plan.total),
        "share": _plain(plan.share(plan.covered_after)),
        "mean_minutes": _plain(plan.mean_after),
    }


COMPARE_ROWS = ("bases", "k", "minutes", "covered", "share", "mean_minutes")


def _value(s: dict | None, key: str):
    if not s:
        return None
    return len(s["bases"]) if key == "bases" else s.get(key)


def compare(a: dict | None, b: dict | None) -> list[dict]:
    """Rows ``{key, a, b, diff}`` (``diff = b − a``; ``None`` when a scenario or value is missing)."""
    rows = []
    for key in COMPARE_ROWS:
        va, vb = _value(a, key), _value(b, key)
        diff = None if va is None or vb is None else round(vb - va, 3)
        rows.append({"key": key, "a": va, "b": vb, "diff": diff})
    return rows


def base_difference(a: dict, b: dict) -> tuple[list[str], list[str]]:
    """Bases only in A, and only in B (in the order each scenario lists them)."""
    sa, sb = set(a["bases"]), set(b["bases"])
    return [c for c in a["bases"] if c not in sb], [c for c in b["bases"] if c not in sa]


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


# ------------------------------------------------------------------ map
def village_values(plan: Plan, mode: str, lang: str) -> tuple[np.ndarray, Scale]:
    """Village colours: coverage class within the standard (``"cover"``) or minutes to the nearest base."""
    t = f"{plan.minutes:g}"
    if mode == "minutes":
        vals = np.where(np.isfinite(plan.after), plan.after, np.nan)
        return vals, Scale(
            label=tr(lang, "Menit ke pangkalan terdekat", "Minutes to the nearest base"),
            zmin=0,
            zmax=2 * plan.minutes,
            colorscale=MINUTES_SCALE,
            hover_format=".0f",
            unit=tr(lang, " menit", " min"),
        )
    cats = [
        tr(lang, f"terjangkau ≤ {t} mnt", f"covered ≤ {t} min"),
        tr(lang, "baru terjangkau (rencana)", "newly covered (plan)"),
        tr(lang, "tidak lagi terjangkau", "no longer covered"),
        tr(lang, f"belum terjangkau > {t} mnt", f"not covered > {t} min"),
    ]
    return plan.cover_class(), Scale.categorical(
        tr(lang, "Jangkauan ambulans", "Ambulance coverage"), cats, list(COVER_COLORS)
    )


def _layer_style(layer: str, lang: str) -> dict:
    styles = {
        "site": {
            "name": tr(lang, "calon lokasi (klik: paku)", "candidate site (click: pin)"),
            "color": "#8c8c8c",
            "size": 6,
        },
        "current": {
            "name": tr(lang, "pangkalan sekarang (klik: hapus)", "current base (click: remove)"),
            "color": OKABE_ITO["blue"],
            "size": 12,
        },
        "removed": {
            "name": tr(lang, "pangkalan dihapus", "removed base"),
            "color": OKABE_ITO["black"],
            "size": 11,
        },
        "pinned": {
            "name": tr(lang, "dipaku (wajib buka)", "pinned (forced open)"),
            "color": OKABE_ITO["purple"],
            "size": 15,
        },
        "ring": {"name": "", "color": OKABE_ITO["black"], "size": 23},
        "new": {
            "name": tr(lang, "usulan baru / proposed", "proposed (new)"),
            "color": OKABE_ITO["vermillion"],
            "size": 17,
        },
    }
    return styles[layer]


def _layer_members(plan: Plan) -> dict[str, list[int]]:
    by = {
        "site": None,
        "current": "current",
        "removed": "removed",
        "pinned": "pinned",
        "ring": "new",
        "new": "new",
    }
    return {
        layer: [j for j, s in enumerate(plan.status) if s == want] for layer, want in by.items()
    }


def _hover(
    candidates: pd.DataFrame, idx: list[int], layer: str, plan: Plan, lang: str
) -> list[str]:
    out = []
    for j in idx:
        r = candidates.iloc[j]
        kind = str(r["jenis"])
        where = (
            f" · Kec. {r['kecamatan']}"
            if "kecamatan" in candidates and pd.notna(r["kecamatan"])
            else ""
        )
        line = f"<b>{r['nama']}</b><br>{tr(lang, kind, KIND_EN.get(kind, kind))}{where}"
        if plan.status[j] in ("current", "pinned", "new"):
            line += "<br>" + tr(
                lang,
                f"{number(plan.base_population[j], lang)} penduduk terdekat ≤ {plan.minutes:g} mnt",
                f"{number(plan.base_population[j], lang)} people nearest ≤ {plan.minutes:g} min",
            )
        out.append(line)
    return out


def _layer_data(plan: Plan, candidates: pd.DataFrame, lang: str) -> dict[str, dict]:
    lon = candidates["lon"].to_numpy(dtype=float)
    lat = candidates["lat"].to_numpy(dtype=float)
    ids = candidates["id"].astype(str).to_numpy()
    out = {}
    for layer, idx in _layer_members(plan).items():
        out[layer] = {
            "lon": np.round(lon[idx], 5).tolist(),
            "lat": np.round(lat[idx], 5).tolist(),
            "customdata": ids[idx].tolist(),
            "text": _hover(candidates, idx, layer, plan, lang),
        }
    return out


def base_traces(plan: Plan, candidates: pd.DataFrame, lang: str) -> list[go.Scattermap]:
    """Point layers in :data:`BASE_LAYERS` order; ``customdata`` is the candidate id (for clicks)."""
    data = _layer_data(plan, candidates, lang)
    traces = []
    for layer in BASE_LAYERS:
        st = _layer_style(layer, lang)
        d = data[layer]
        traces.append(
            go.Scattermap(
                lon=d["lon"],
                lat=d["lat"],
                customdata=d["customdata"],
                text=d["text"],
                mode="markers",
                marker={"size": st["size"], "color": st["color"]},
                name=st["name"] or layer,
                showlegend=layer != "ring",
                hoverinfo="skip" if layer == "ring" else None,
                hovertemplate=None if layer == "ring" else "%{text}<extra></extra>",
            )
        )
    return traces


def bases_patch(
    plan: Plan,
    candidates: pd.DataFrame,
    lang: str,
    *,
    patch: Patch | None = None,
    first: int = POINT_TRACE,
) -> Patch:
    """Patch the point layers (trace ``first`` onwards) with the plan's bases."""
    p = patch if patch is not None else Patch()
    data = _layer_data(plan, candidates, lang)
    for i, layer in enumerate(BASE_LAYERS):
        for key, value in data[layer].items():
            p["data"][first + i][key] = value
    return p


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
        names = lambda ids: ", ".join(_name(candidates, c) for c in ids) or "–"
        table += [
            html.P(
                [html.B(tr(lang, "Hanya di A: ", "Only in A: ")), names(only_a)],
                className="amb-diff",
            ),
            html.P(
                [html.B(tr(lang, "Hanya di B: ", "Only in B: ")), names(only_b)],
                className="amb-diff",
            ),
        ]
    return html.Div(table)
