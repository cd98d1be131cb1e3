"""Referral screen (``/rujukan``): pure builders — travel bands, counts, referral lines, the table.

The map colours every village by a travel-time **band** built from one
threshold ``T`` (minutes): ``≤ T//2``, ``T//2+1 – T``, ``T+1 – 2T``, ``> 2T``
and *unreachable* (at ``T = 30`` these are the national survey's bands ≤ 15,
16–30, 31–60, > 60). A value exactly at an edge belongs to the band it closes
(:func:`ilp_dash.analysis.referral.travel_band`), so "more than T minutes"
means ``minutes > T`` — or unreachable.

Two **measures** can be coloured: ``"puskesmas"`` = village → nearest
Puskesmas; ``"chain"`` = the whole chain village → Pustu → Puskesmas → RSUD.

Referral **lines** are drawn for one kecamatan: Posyandu → Pustu → Puskesmas →
RSUD, one trace per leg (:data:`LEGS`, from
:mod:`ilp_dash.analysis.referral_lines`). A leg whose ends lie on different
landmasses is routed through the sea links (land → port, crossing, port →
land) with :func:`ilp_dash.analysis.referral_lines.route`, and its crossings go to a separate, dashed-looking
trace. Trace order after the three base traces of
:func:`ilp_dash.ui.maps.village_map`: :data:`LINE_TRACE` … (legs, sea), then
Puskesmas and RSUD dots, then the hospitals that are not referral destinations
(private or unknown owner, :data:`PRIVATE_COLOR`, always drawn).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from ilp_dash import policy
from ilp_dash.analysis.referral import band_labels as _band_labels
from ilp_dash.analysis.referral import travel_band
from ilp_dash.analysis.referral_lines import LINE_LEGS as LEGS
from ilp_dash.analysis.referral_lines import Segment
from ilp_dash.i18n import number, percent, tr
from ilp_dash.ui.maps import OKABE_ITO, Scale, lines_trace

MEASURES = ("puskesmas", "chain")
DEFAULT_MEASURE = "puskesmas"
DEFAULT_THRESHOLD = int(policy.PUSKESMAS_MINUTES)
THRESHOLD_MIN, THRESHOLD_MAX = 10, 120
# YlGnBu (ColorBrewer, colour-blind safe): light below the threshold, dark above it; unreachable apart
BAND_COLORS = ("#edf8b1", "#7fcdbb", "#2c7fb8", "#253494")
UNREACHABLE_COLOR = OKABE_ITO["vermillion"]
LEG_COLORS = {
    "pustu": OKABE_ITO["orange"],
    "puskesmas": OKABE_ITO["purple"],
    "rsud": OKABE_ITO["black"],
    "sea": OKABE_ITO["blue"],
}
LINE_TRACE = 3
"""Index of the first line trace in the main map (after grey, values, outlines)."""
DOT_TRACES = ("puskesmas", "rsud", "swasta")
PRIVATE_COLOR = "#8c8c8c"
"""Grey, small: hospitals the chain does not end at (private or unknown owner)."""
UID_PREFIX = "rj"


def pin_layer_order(fig: go.Figure) -> go.Figure:
    """Fix the MapLibre layer order so patches never draw the villages over the referral lines.

    On every update plotly re-inserts *on top* the layers of traces that share a
    ``below`` value (by default all share ``""``), and re-creates emptied traces,
    so after a patch the village colours can end up over the lines. Each trace
    here gets a fixed ``uid`` and its own ``below``: the first layer of the next
    trace (``fill`` of a choropleth, ``line`` of a scatter — a scatter's ``fill``
    layer is not kept in trace order); the last trace goes on top (``""``).
    """
    n = len(fig.data)
    for i, trace in enumerate(fig.data):
        below = ""
        if i + 1 < n:
            nxt = fig.data[i + 1]
            below = f"plotly-trace-layer-{UID_PREFIX}{i + 1}-{'fill' if nxt.type == 'choroplethmap' else 'line'}"
        trace.update(uid=f"{UID_PREFIX}{i}", below=below)
    return fig


# ------------------------------------------------------------------ bands and counts
def clamp_threshold(value) -> int:
    """The slider value as whole minutes within the slider's range (default when missing)."""
    try:
        v = float(value)
    except (TypeError, ValueError):
        return DEFAULT_THRESHOLD
    if not math.isfinite(v):
        return DEFAULT_THRESHOLD
    return int(min(THRESHOLD_MAX, max(THRESHOLD_MIN, round(v))))


def band_edges(threshold: float) -> tuple[float, float, float]:
    """Upper band edges for threshold ``T``: ``(T // 2, T, 2T)`` — (15, 30, 60) at ``T = 30``."""
    t = clamp_threshold(threshold)
    return float(t // 2), float(t), float(2 * t)


def band_labels(threshold: float, lang: str) -> list[str]:
    """Legend labels, in band order, unreachable last."""
    return _band_labels(band_edges(threshold)) + [tr(lang, "tidak terjangkau", "unreachable")]


def band_index(minutes, threshold: float) -> np.ndarray:
    """Band of each village as a float index (``z`` of the categorical scale); unreachable = 4."""
    cat = travel_band(np.asarray(minutes, dtype=float), thresholds=band_edges(threshold))
    return np.asarray(cat.codes, dtype=float)


def measure_label(measure: str, lang: str) -> str:
    if measure == "chain":
        return tr(
            lang, "Menit rantai rujukan sampai RSUD", "Minutes along the referral chain to the RSUD"
        )
    return tr(lang, "Menit ke Puskesmas terdekat", "Minutes to the nearest Puskesmas")


def band_scale(threshold: float, measure: str, lang: str) -> Scale:
    return Scale.categorical(
        measure_label(measure, lang),
        band_labels(threshold, lang),
        [*BAND_COLORS, UNREACHABLE_COLOR],
    )


def measure_minutes(villages: pd.DataFrame, measure: str) -> np.ndarray:
    """Minutes of the chosen measure per village row (``menit_puskesmas_terdekat`` or ``menit_total``)."""
    column = "menit_total" if measure == "chain" else "menit_puskesmas_terdekat"
    return villages[column].to_numpy(dtype=float)


def count_over(minutes, population, threshold: float) -> tuple[int, float]:
    """Villages and people strictly more than ``threshold`` minutes away (unreachable included)."""
    w = np.asarray(population, dtype=float)
    over = ~policy.within(minutes, threshold)  # NaN and inf count as over
    return int(over.sum()), float(w[over].sum())


def count_text(
    n: int, people: float, total_people: float, threshold: float, measure: str, lang: str
) -> str:
    """``"2 desa / 9.876 penduduk lebih dari 30 menit dari Puskesmas"`` and its English pair."""
    t = number(threshold, lang)
    share = percent(100.0 * people / total_people, lang, 1) if total_people > 0 else "–"
    if measure == "chain":
        return tr(
            lang,
            f"{number(n, lang)} desa / {number(people, lang)} penduduk ({share}) lebih dari {t} menit "
            f"dari RSUD lewat rantai rujukan",
            f"{number(n, lang)} villages / {number(people, lang)} people ({share}) more than {t} minutes "
            f"from the RSUD along the referral chain",
        )
    return tr(
        lang,
        f"{number(n, lang)} desa / {number(people, lang)} penduduk ({share}) lebih dari {t} menit "
        f"dari Puskesmas",
        f"{number(n, lang)} villages / {number(people, lang)} people ({share}) more than {t} minutes "
        f"from a Puskesmas",
    )


def village_frame(
    chain_villages: pd.DataFrame,
    to_puskesmas: pd.Series | None,
    population: pd.Series | None = None,
) -> pd.DataFrame:
    """The chain's village rows plus ``menit_puskesmas_terdekat`` and ``penduduk`` (by ``kode_desa``)."""
    out = chain_villages.reset_index(drop=True).copy()
    codes = out["kode_desa"]
    out["menit_puskesmas_terdekat"] = (
        to_puskesmas.reindex(codes).to_numpy(dtype=float)
        if to_puskesmas is not None
        else np.full(len(out), np.nan)
    )
    out["penduduk"] = (
        population.reindex(codes).fillna(0).to_numpy(dtype=float)
        if population is not None
        else np.zeros(len(out))
    )
    return out


def hover_names(frame: pd.DataFrame, lang: str) -> list[str]:
    """Hover text per village: name, kecamatan, both measures (the band is added by the scale)."""
    out = []
    for row in frame.itertuples(index=False):
        pk = _minutes_text(row.menit_puskesmas_terdekat, lang)
        ch = _minutes_text(row.menit_total, lang)
        sea = tr(lang, " (lewat laut)", " (by sea)") if bool(row.lewat_laut) else ""
        out.append(
            f"<b>{row.desa}</b><br>Kec. {row.kecamatan}<br>"
            + tr(
                lang,
                f"Ke Puskesmas terdekat: {pk}<br>Rantai sampai RSUD: {ch}{sea}",
                f"To the nearest Puskesmas: {pk}<br>Chain to the RSUD: {ch}{sea}",
            )
        )
    return out


def _minutes_text(value: float, lang: str) -> str:
    if value is None or not np.isfinite(value):
        return tr(lang, "tidak terjangkau", "unreachable")
    return tr(lang, f"{number(value, lang)} menit", f"{number(value, lang)} min")


def leg_names(lang: str) -> dict[str, str]:
    return {
        "pustu": tr(lang, "Posyandu → Pustu", "Posyandu → Pustu"),
        "puskesmas": tr(lang, "Pustu → Puskesmas", "Pustu → Puskesmas"),
        "rsud": tr(lang, "Puskesmas → RSUD", "Puskesmas → RSUD"),
        "sea": tr(lang, "Penyeberangan kapal (- - -)", "Boat crossing (- - -)"),
    }


def line_traces(segments: dict[str, list[tuple]], dots: dict[str, pd.DataFrame], lang: str) -> list:
    """Leg traces (:data:`LEGS`), the Puskesmas/RSUD dots and the other hospitals (``"swasta"``).

    Always the same traces, maybe empty.
    """
    names = leg_names(lang)
    traces = [
        lines_trace(
            segments.get(k, []),
            name=names[k],
            color=LEG_COLORS[k],
            width=3.0 if k in ("sea", "rsud") else 2.0,
        )
        for k in LEGS
    ]
    dot_names = {
        "puskesmas": "Puskesmas",
        "rsud": "RSUD",
        "swasta": tr(
            lang,
            "RS swasta (bukan tujuan rujukan)",
            "Private hospital (not a referral destination)",
        ),
    }
    colors = {**LEG_COLORS, "swasta": PRIVATE_COLOR}
    for k, size in (("puskesmas", 11), ("rsud", 15), ("swasta", 9)):
        f = dots.get(k)
        lon = [] if f is None else np.round(f["lon"].to_numpy(dtype=float), 5).tolist()
        lat = [] if f is None else np.round(f["lat"].to_numpy(dtype=float), 5).tolist()
        text = [] if f is None else f["nama"].astype(str).tolist()
        traces.append(
            go.Scattermap(
                lon=lon,
                lat=lat,
                text=text,
                mode="markers",
                name=dot_names[k],
                marker={"size": size, "color": colors[k]},
                hovertemplate="%{text}<extra></extra>",
            )
        )
    return traces


def lines_patch(
    traces: list, view: tuple[dict, float] | None = None, revision: str | None = None
) -> Patch:
    """Only the coordinates of the line and dot traces (and the view when given)."""
    p = Patch()
    for i, t in enumerate(traces):
        p["data"][LINE_TRACE + i]["lon"] = list(t.lon) if t.lon is not None else []
        p["data"][LINE_TRACE + i]["lat"] = list(t.lat) if t.lat is not None else []
        if t.text is not None:
            p["data"][LINE_TRACE + i]["text"] = list(t.text)
    if view is not None:
        center, zoom = view
        p["layout"]["map"]["center"] = center
        p["layout"]["map"]["zoom"] = zoom
    if revision is not None:
        p["layout"]["uirevision"] = revision
    return p


# ------------------------------------------------------------------ texts
def crossing_text(crossings: list[Segment], lang: str) -> str:
    """What the selected chain crosses by boat, with the minutes of each crossing."""
    if not crossings:
        return ""
    parts = [
        tr(
            lang,
            f"{c.name}: {number(c.minutes, lang)} menit",
            f"{c.name}: {number(c.minutes, lang)} min",
        )
        for c in sorted(crossings, key=lambda c: -c.minutes)
    ]
    return (
        tr(lang, "Termasuk penyeberangan laut — ", "Includes sea crossings — ")
        + "; ".join(parts)
        + ". "
        + tr(lang, "Kapal tidak berlayar setiap hari.", "Boats do not sail every day.")
    )


def sea_text(links: pd.DataFrame | None, lang: str) -> str:
    """The region's boat crossings, their minutes, and that boats do not sail every day."""
    if links is None or not len(links):
        return ""
    items = [
        tr(
            lang,
            f"{row.name} ±{number(row.minutes, lang)} menit",
            f"{row.name} about {number(row.minutes, lang)} min",
        )
        for row in links.sort_values("minutes").itertuples(index=False)
    ]
    return tr(
        lang,
        "Kapal tidak berlayar setiap hari dan bergantung cuaca. Penyeberangan: "
        + "; ".join(items)
        + ". Peta memakai kapal tercepat dan tidak menghitung waktu menunggu jadwal kapal.",
        "Boats do not sail every day and depend on the weather. Crossings: "
        + "; ".join(items)
        + ". The map uses the fastest boat and leaves out waiting for a sailing.",
    )


def hospital_text(fallback: bool, lang: str) -> str:
    """Where the chain ends: the nearest government hospital, or — without one — any hospital."""
    if fallback:
        return tr(
            lang,
            "Wilayah ini tidak punya rumah sakit pemerintah dalam data: rantai berakhir di rumah sakit "
            "terdekat apa pun kepemilikannya.",
            "This region has no government hospital in the data: the chain ends at the nearest "
            "hospital of any ownership.",
        )
    return tr(
        lang,
        "Rantai berakhir di rumah sakit pemerintah terdekat (RSUD dan RS pemerintah lain); "
        "RS swasta tampil di peta tetapi bukan tujuan rujukan.",
        "The chain ends at the nearest government hospital (RSUD and other public hospitals); "
        "private hospitals are shown on the map but are not referral destinations.",
    )


def rule_text(
    method: str,
    lang: str,
    *,
    circuity: float = policy.CIRCUITY,
    speed_kmh: float = policy.STRAIGHT_LINE_SPEED_KMH,
    sea: bool = False,
) -> str:
    """The travel rule in words (an estimate, not road routing)."""
    c, s = number(circuity, lang, 1), number(speed_kmh, lang)
    if method == "road_network":
        return tr(
            lang,
            "Waktu tempuh dihitung sepanjang jaringan jalan yang dimuat"
            + (", ditambah penyeberangan kapal." if sea else "."),
            "Travel times follow the road network loaded"
            + (", plus boat crossings." if sea else "."),
        )
    sea = (
        tr(
            lang,
            ", ditambah lama penyeberangan kapal antar pulau",
            ", plus the boat crossing time between islands",
        )
        if method == "landmass" and sea
        else ""
    )
    return tr(
        lang,
        f"Cara menghitung: jarak garis lurus × {c} dengan kecepatan {s} km/jam di dalam satu daratan"
        f"{sea}. Ini perkiraan, bukan rute jalan sebenarnya.",
        f"How it is computed: straight-line distance × {c} at {s} km/h within one landmass{sea}. "
        f"This is an estimate, not road routing.",
    )
