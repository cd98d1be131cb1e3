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
RSUD, one trace per leg (:data:`LEGS`). A leg whose ends lie on different
landmasses is routed through the sea links (land → port, crossing, port →
land) with :func:`route`, and its crossings go to a separate, dashed-looking
trace. Trace order after the three base traces of
:func:`ilp_dash.ui.maps.village_map`: :data:`LINE_TRACE` … (legs, sea), then
Puskesmas and RSUD dots.
"""

from __future__ import annotations

import heapq
import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from ilp_dash import policy
from ilp_dash.analysis.distance import DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH, haversine_km
from ilp_dash.analysis.referral import band_labels as _band_labels
from ilp_dash.analysis.referral import travel_band
from ilp_dash.i18n import number, percent, tr
from ilp_dash.ui.maps import OKABE_ITO, Scale, lines_trace

MEASURES = ("puskesmas", "chain")
DEFAULT_MEASURE = "puskesmas"
DEFAULT_THRESHOLD = int(policy.PUSKESMAS_MINUTES)
THRESHOLD_MIN, THRESHOLD_MAX = 10, 120
# YlGnBu (ColorBrewer, colour-blind safe): light below the threshold, dark above it; unreachable apart
BAND_COLORS = ("#edf8b1", "#7fcdbb", "#2c7fb8", "#253494")
UNREACHABLE_COLOR = OKABE_ITO["vermillion"]
LEGS = ("pustu", "puskesmas", "rsud", "sea")
"""Line traces in order: Posyandu → Pustu, Pustu → Puskesmas, Puskesmas → RSUD, sea crossings."""
LEG_COLORS = {
    "pustu": OKABE_ITO["orange"],
    "puskesmas": OKABE_ITO["purple"],
    "rsud": OKABE_ITO["black"],
    "sea": OKABE_ITO["blue"],
}
LINE_TRACE = 3
"""Index of the first line trace in the main map (after grey, values, outlines)."""
DOT_TRACES = ("puskesmas", "rsud")
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


# ------------------------------------------------------------------ sea routing
@dataclass(frozen=True)
class SeaNet:
    """Ports (lon/lat, landmass) and the crossings between them (two-way)."""

    ports: np.ndarray  # (P, 2)
    port_land: np.ndarray  # (P,)
    crossings: tuple[tuple[int, int, float, str], ...]  # (port i, port j, minutes, name)


def sea_net(links: pd.DataFrame | None, from_land, to_land) -> SeaNet:
    """Ports and crossings from a sea-link table (``from_lon, from_lat, to_lon, to_lat, minutes, name``).

    ``from_land``/``to_land`` are the landmass labels of each link's two ends.
    """
    if links is None or not len(links):
        return SeaNet(np.empty((0, 2)), np.empty(0, dtype=np.int64), ())
    ends = np.vstack(
        [
            links[["from_lon", "from_lat"]].to_numpy(float),
            links[["to_lon", "to_lat"]].to_numpy(float),
        ]
    )
    lands = np.concatenate([np.asarray(from_land), np.asarray(to_land)]).astype(np.int64)
    ports, first, inverse = np.unique(
        np.round(ends, 6), axis=0, return_index=True, return_inverse=True
    )
    inverse = inverse.ravel()
    n = len(links)
    names = (
        links["name"].astype(str).tolist()
        if "name" in links.columns
        else [f"{i + 1}" for i in range(n)]
    )
    minutes = links["minutes"].to_numpy(float)
    crossings = tuple(
        (int(inverse[i]), int(inverse[n + i]), float(minutes[i]), names[i]) for i in range(n)
    )
    return SeaNet(ports, lands[first], crossings)


@dataclass(frozen=True)
class Segment:
    kind: str  # "land" or "sea"
    lon1: float
    lat1: float
    lon2: float
    lat2: float
    minutes: float
    name: str = ""


def land_minutes(
    lon1: float,
    lat1: float,
    lon2: float,
    lat2: float,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> float:
    """Straight-line rule: great-circle km × circuity at ``speed_kmh``."""
    return float(haversine_km(lon1, lat1, lon2, lat2)[0, 0]) * circuity / speed_kmh * 60.0


def route(
    a: tuple[float, float],
    a_land: int,
    b: tuple[float, float],
    b_land: int,
    net: SeaNet,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> list[Segment]:
    """Fastest path a → b: straight lines within a landmass, crossings between ports.

    The travel model's rule, kept with its geometry so it can be drawn. Empty
    when b cannot be reached from a.
    """
    nodes = [tuple(map(float, a)), tuple(map(float, b))] + [tuple(map(float, p)) for p in net.ports]
    land = [int(a_land), int(b_land)] + [int(x) for x in net.port_land]
    edges: dict[int, list[tuple[int, float, str, str]]] = {i: [] for i in range(len(nodes))}
    for i in range(len(nodes)):
        for j in range(i + 1, len(nodes)):
            if land[i] == land[j]:
                m = land_minutes(*nodes[i], *nodes[j], circuity=circuity, speed_kmh=speed_kmh)
                edges[i].append((j, m, "land", ""))
                edges[j].append((i, m, "land", ""))
    for p, q, m, name in net.crossings:
        edges[p + 2].append((q + 2, m, "sea", name))
        edges[q + 2].append((p + 2, m, "sea", name))
    best = {0: 0.0}
    back: dict[int, tuple[int, float, str, str]] = {}
    heap = [(0.0, 0)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > best.get(u, math.inf) or u == 1:
            continue
        for v, m, kind, name in edges[u]:
            if d + m < best.get(v, math.inf) - 1e-9:
                best[v], back[v] = d + m, (u, m, kind, name)
                heapq.heappush(heap, (d + m, v))
    if 1 not in best:
        return []
    out, v = [], 1
    while v != 0:
        u, m, kind, name = back[v]
        out.append(Segment(kind, *nodes[u], *nodes[v], minutes=m, name=name))
        v = u
    return out[::-1]


# ------------------------------------------------------------------ referral lines
def chain_legs(
    chain: pd.DataFrame, coords: dict[str, tuple[float, float]]
) -> dict[str, list[tuple[str, str]]]:
    """Distinct legs of the chain rows, by kind: ``{"pustu": [(from_id, to_id), …], "puskesmas": …, "rsud": …}``.

    Each row is ``id`` (Posyandu) → ``pustu_id`` → ``puskesmas_id`` → ``rsud_id``;
    a missing Pustu joins the Posyandu straight to the Puskesmas (a
    ``"puskesmas"`` leg). Ends without coordinates are skipped.
    """
    legs: dict[str, list[tuple[str, str]]] = {k: [] for k in LEGS[:3]}
    seen: set[tuple[str, str, str]] = set()
    for row in chain.itertuples(index=False):
        stops = [
            ("start", row.id),
            ("pustu", row.pustu_id),
            ("puskesmas", row.puskesmas_id),
            ("rsud", row.rsud_id),
        ]
        stops = [
            (k, str(i))
            for k, i in stops
            if i is not None and not (isinstance(i, float) and math.isnan(i)) and str(i) in coords
        ]
        for (_, a), (kind, b) in itertools.pairwise(stops):
            if a != b and (kind, a, b) not in seen:
                seen.add((kind, a, b))
                legs[kind].append((a, b))
    return legs


def leg_segments(
    legs: dict[str, list[tuple[str, str]]],
    coords: dict[str, tuple[float, float]],
    land: dict[str, int],
    net: SeaNet,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
) -> tuple[dict[str, list[tuple]], list[Segment]]:
    """Drawable segments per trace (:data:`LEGS`) and the sea crossings used (each once, in order met)."""
    out: dict[str, list[tuple]] = {k: [] for k in LEGS}
    crossings: list[Segment] = []
    for kind, pairs in legs.items():
        for a, b in pairs:
            pa, pb = coords[a], coords[b]
            if land.get(a) == land.get(b) and not len(net.crossings):
                out[kind].append((*pa, *pb))
                continue
            for s in route(
                pa,
                land.get(a, -1),
                pb,
                land.get(b, -2),
                net,
                circuity=circuity,
                speed_kmh=speed_kmh,
            ):
                if s.kind == "sea":
                    key = (s.lon1, s.lat1, s.lon2, s.lat2)
                    if not any(
                        (c.lon1, c.lat1, c.lon2, c.lat2) in (key, (key[2], key[3], key[0], key[1]))
                        for c in crossings
                    ):
                        crossings.append(s)
                        out["sea"] += dashes(s.lon1, s.lat1, s.lon2, s.lat2)
                else:
                    out[kind].append((s.lon1, s.lat1, s.lon2, s.lat2))
    return out, crossings


def dashes(
    lon1: float, lat1: float, lon2: float, lat2: float, step_deg: float = 0.025
) -> list[tuple]:
    """A straight line as short pieces with gaps (MapLibre line traces cannot be dashed)."""
    length = math.hypot(lon2 - lon1, lat2 - lat1)
    n = max(2, min(80, round(length / step_deg)))
    pieces = []
    for k in range(n):
        f0, f1 = k / n, (k + 0.6) / n
        pieces.append(
            (
                lon1 + (lon2 - lon1) * f0,
                lat1 + (lat2 - lat1) * f0,
                lon1 + (lon2 - lon1) * f1,
                lat1 + (lat2 - lat1) * f1,
            )
        )
    return pieces


def leg_names(lang: str) -> dict[str, str]:
    return {
        "pustu": tr(lang, "Posyandu → Pustu", "Posyandu → Pustu"),
        "puskesmas": tr(lang, "Pustu → Puskesmas", "Pustu → Puskesmas"),
        "rsud": tr(lang, "Puskesmas → RSUD", "Puskesmas → RSUD"),
        "sea": tr(lang, "Penyeberangan kapal (- - -)", "Boat crossing (- - -)"),
    }


def line_traces(segments: dict[str, list[tuple]], dots: dict[str, pd.DataFrame], lang: str) -> list:
    """Leg traces (:data:`LEGS`) and the Puskesmas/RSUD dots; always the same traces, maybe empty."""
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
    dot_names = {"puskesmas": "Puskesmas", "rsud": "RSUD"}
    for k, size in (("puskesmas", 11), ("rsud", 15)):
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
                marker={"size": size, "color": LEG_COLORS[k]},
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


def rule_text(
    method: str,
    lang: str,
    *,
    circuity: float = DEFAULT_CIRCUITY,
    speed_kmh: float = DEFAULT_SPEED_KMH,
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


# ------------------------------------------------------------------ table
TABLE_TEXT = ("desa", "kecamatan", "pustu", "puskesmas", "rsud", "laut")


def sorted_villages(frame: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Worst-served first: the measure's minutes, descending (unreachable on top), ties by village name."""
    key = measure_minutes(frame, measure)
    key = np.where(np.isnan(key), np.inf, key)
    order = np.lexsort((frame["desa"].astype(str).to_numpy(), -key))
    return frame.iloc[order].reset_index(drop=True)


def _num(value, decimals: int):
    v = float(value)
    return round(v, decimals) if math.isfinite(v) else None


def table_rows(frame: pd.DataFrame, measure: str, lang: str) -> list[dict]:
    """Rows for the DataTable, worst-served first (numbers stay numbers so sorting works)."""
    rows = []
    yes, no = tr(lang, "ya", "yes"), tr(lang, "tidak", "no")
    for r in sorted_villages(frame, measure).itertuples(index=False):
        rows.append(
            {
                "desa": r.desa,
                "kecamatan": r.kecamatan,
                "pustu": r.pustu if isinstance(r.pustu, str) else "–",
                "puskesmas": r.puskesmas,
                "rsud": r.rsud,
                "m_terdekat": _num(r.menit_puskesmas_terdekat, 0),
                "m_pustu": _num(r.menit_ke_pustu, 0),
                "k_pustu": _num(r.km_ke_pustu, 1),
                "m_puskesmas": _num(r.menit_ke_puskesmas, 0),
                "k_puskesmas": _num(r.km_ke_puskesmas, 1),
                "m_rsud": _num(r.menit_ke_rsud, 0),
                "k_rsud": _num(r.km_ke_rsud, 1),
                "m_total": _num(r.menit_total, 0),
                "k_total": _num(r.km_total, 1),
                "laut": yes if bool(r.lewat_laut) else no,
            }
        )
    return rows


def measure_column(measure: str) -> str:
    return "m_total" if measure == "chain" else "m_terdekat"


def table_columns(lang: str) -> list[dict]:
    """Two header rows: the leg, then minutes / km."""
    from dash.dash_table.Format import Format, Scheme

    def fmt(d: int) -> Format:
        f = Format(precision=d, scheme=Scheme.fixed)
        return f.group_delimiter(".").decimal_delimiter(",") if lang != "en" else f

    mn, km = tr(lang, "menit", "min"), "km"
    # DataTable merges equal neighbours in every header row: no two adjacent lower cells may match
    cols = [
        {"id": "desa", "name": ["", tr(lang, "Desa", "Village")]},
        {"id": "kecamatan", "name": ["", tr(lang, "Kecamatan", "District")]},
        {"id": "pustu", "name": ["", "Pustu"]},
        {"id": "puskesmas", "name": ["", "Puskesmas"]},
        {"id": "rsud", "name": ["", "RSUD"]},
        {
            "id": "m_terdekat",
            "name": ["", tr(lang, "Ke Puskesmas terdekat (menit)", "To nearest Puskesmas (min)")],
            "type": "numeric",
            "format": fmt(0),
        },
    ]
    for leg, head in (
        ("pustu", tr(lang, "Desa → Pustu", "Village → Pustu")),
        ("puskesmas", "Pustu → Puskesmas"),
        ("rsud", "Puskesmas → RSUD"),
        ("total", tr(lang, "Total rantai", "Whole chain")),
    ):
        cols.append({"id": f"m_{leg}", "name": [head, mn], "type": "numeric", "format": fmt(0)})
        cols.append({"id": f"k_{leg}", "name": [head, km], "type": "numeric", "format": fmt(1)})
    cols.append({"id": "laut", "name": ["", tr(lang, "Lewat laut", "By sea")]})
    return cols


def table_styles(measure: str, threshold: float) -> list[dict]:
    """Highlight the sorted column, and rows above the threshold on it (unreachable too)."""
    col = measure_column(measure)
    return [
        {"if": {"column_id": col}, "fontWeight": "bold", "backgroundColor": "#eef4fa"},
        {
            "if": {"filter_query": f"{{{col}}} > {threshold:g} || {{{col}}} is blank"},
            "borderLeft": f"5px solid {BAND_COLORS[3]}",
        },
    ]
