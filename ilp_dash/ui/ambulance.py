"""Ambulance planner (``/ambulans``) map: village colours, base layers, patches and the colour bar.

Pure builders (no callbacks, no region reads): the plan comes from
:mod:`ilp_dash.analysis.siting.plan`; the side panels, the curve figure and the
export table are in :mod:`ilp_dash.ui.ambulance_panels`, the page's layout
pieces in :mod:`ilp_dash.ui.ambulance_layout`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from ilp_dash.analysis.siting.plan import Plan
from ilp_dash.i18n import number, tr
from ilp_dash.ui.maps import OKABE_ITO, Scale, map_pair, value_patch

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


def plan_maps(
    plan: Plan,
    candidates: pd.DataFrame,
    lang: str,
    *,
    villages,
    kecamatan,
    detached: np.ndarray,
    geo_url: str,
    mode: str = "cover",
) -> tuple[go.Figure, go.Figure | None]:
    """The main map and the island inset (or ``None``), both with the base layers."""
    values, scale = village_values(plan, mode, lang)
    fig, inset = map_pair(
        villages,
        values,
        scale,
        detached=detached,
        geo_url=geo_url,
        no_data_label=tr(lang, "tak terjangkau", "unreachable"),
        kecamatan=kecamatan,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        points=base_traces(plan, candidates, lang),
    )
    fig.data[0].showlegend = False
    fig.data[1].update(colorbar=COLORBAR_PLACE)
    fig.update_layout(
        legend={"font": {"size": 11}, "x": 0.99, "xanchor": "right", "y": 0.01, "yanchor": "bottom"}
    )
    if inset is not None:
        for trace in base_traces(plan, candidates, lang):
            inset.add_trace(trace)
    return fig, inset


def plan_patches(
    plan: Plan, candidates: pd.DataFrame, mode: str, lang: str, detached: np.ndarray
) -> tuple[Patch, Patch | None]:
    """Patches of the main map and the inset (``None`` without detached villages) for a new plan."""
    values, scale = village_values(plan, mode, lang)
    main = bases_patch(plan, candidates, lang, patch=place_colorbar(value_patch(values, scale)))
    if not detached.any():
        return main, None
    inset = bases_patch(
        plan, candidates, lang, patch=value_patch(values[detached], scale), first=INSET_POINT_TRACE
    )
    return main, inset
