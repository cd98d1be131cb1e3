"""Stunting screen: pure builders (hotspot table in → colours, patches, table rows, CSV out).

The screen draws one village map in two readings, switched with a ``value_patch``:

* **prevalence** — crude (stunted ÷ measured) or empirical-Bayes smoothed rate,
  in percent, on one fixed colour range so the switch shows what smoothing does;
* **hotspots** — the Gi* class of each village (:data:`CLASSES`).

Villages that measured fewer than ``min_measured`` children (``small_n``) are
covered in both readings by a pale "uncertain" layer (trace 3 of the map),
so a village with 8 children and 3 stunted never shows as dark red.

The hotspot table is in :mod:`ilp_dash.ui.stunting_table`, the priority list
(and its CSV, :func:`~ilp_dash.ui.stunting_priority.priority_csv`) in
:mod:`ilp_dash.ui.stunting_priority`, the page's panels in
:mod:`ilp_dash.ui.stunting_layout`.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from ilp_dash.i18n import month_name, number, percent, tr
from ilp_dash.policy import MIN_MEASURED
from ilp_dash.ui.maps import OKABE_ITO, STUNTING, Scale, value_patch

CLASSES = ("hot", "cold", "not significant", "few")
"""Category order of the hotspot map (index = ``z``); ``few`` = fewer than the minimum measured."""
CLASS_COLORS = (OKABE_ITO["vermillion"], OKABE_ITO["blue"], "#ebe4d3", "#cdb8e0")
UNCERTAIN_FILL = CLASS_COLORS[3]
UNCERTAIN_LINE = "#5e3c99"
UNCERTAIN_TRACE = 3
COLORBAR_POS = {"x": 0.99, "xanchor": "right"}
"""Colour bar inside the plot area: the map keeps its width whatever the legend's labels."""
MODES = ("prevalence", "hotspots")
RATES = ("crude", "eb")


def class_labels(lang: str, min_measured: int = MIN_MEASURED) -> list[str]:
    """Legend labels of :data:`CLASSES`, in order."""
    return [
        tr(lang, "hotspot (tinggi)", "hot spot (high)"),
        tr(lang, "coldspot (rendah)", "cold spot (low)"),
        tr(lang, "tidak bermakna", "not significant"),
        tr(lang, f"diukur < {min_measured} anak", f"< {min_measured} children measured"),
    ]


def class_index(frame: pd.DataFrame) -> np.ndarray:
    """Category index (position in :data:`CLASSES`) per village; NaN where nothing was measured.

    ``small_n`` wins over the class: such villages were never tested.
    """
    idx = frame["class"].map({c: float(i) for i, c in enumerate(CLASSES)}).to_numpy(dtype=float)
    idx = np.where(frame["small_n"].to_numpy(dtype=bool), float(CLASSES.index("few")), idx)
    measured = frame["diukur"].to_numpy(dtype=float)
    return np.where(np.isfinite(measured) & (measured > 0), idx, np.nan)


def hotspot_scale(lang: str, min_measured: int = MIN_MEASURED) -> Scale:
    return Scale.categorical(
        tr(lang, "Kelas Gi*", "Gi* class"), class_labels(lang, min_measured), list(CLASS_COLORS)
    )


def prevalence_zmax(frame: pd.DataFrame, step: float = 5.0) -> float:
    """Top of the shared colour range: the highest crude or smoothed rate (%) rounded up to ``step``."""
    top = np.nanmax(frame[["rate_crude", "rate_eb"]].to_numpy(dtype=float) * 100.0, initial=0.0)
    return max(step, math.ceil(top / step - 1e-9) * step)


def prevalence_values(frame: pd.DataFrame, rate: str) -> np.ndarray:
    """Rate in percent (``rate`` = ``"crude"`` or ``"eb"``); NaN where nothing was measured."""
    column = "rate_eb" if rate == "eb" else "rate_crude"
    values = frame[column].to_numpy(dtype=float) * 100.0
    measured = frame["diukur"].to_numpy(dtype=float)
    return np.where(np.isfinite(measured) & (measured > 0), values, np.nan)


def prevalence_scale(lang: str, rate: str, zmax: float) -> Scale:
    label = (
        tr(lang, "Stunting, dihaluskan EB (%)", "Stunting, EB smoothed (%)")
        if rate == "eb"
        else tr(lang, "Stunting, kasar (%)", "Stunting, crude (%)")
    )
    return Scale(
        label=label, zmin=0.0, zmax=zmax, colorscale=STUNTING, hover_format=".1f", unit="%"
    )


def map_values(
    frame: pd.DataFrame,
    mode: str,
    rate: str,
    lang: str,
    zmax: float,
    min_measured: int = MIN_MEASURED,
) -> tuple[np.ndarray, Scale]:
    """Values and scale of trace 1 for a map reading (``mode``) and rate."""
    if mode == "hotspots":
        return class_index(frame), hotspot_scale(lang, min_measured)
    return prevalence_values(frame, rate), prevalence_scale(lang, rate, zmax)


def map_patch(
    frame: pd.DataFrame,
    mode: str,
    rate: str,
    lang: str,
    zmax: float,
    min_measured: int = MIN_MEASURED,
    subset: np.ndarray | None = None,
) -> Patch:
    """The only thing a switch sends: :func:`~ilp_dash.ui.maps.value_patch` of trace 1.

    ``subset`` (a boolean mask) restricts the values, e.g. to the villages of the inset map.
    """
    values, scale = map_values(frame, mode, rate, lang, zmax, min_measured)
    patch = value_patch(values if subset is None else values[subset], scale)
    patch["data"][1]["colorbar"] = {**scale.colorbar(), **COLORBAR_POS}
    return patch


def fit_view(
    bounds,
    *,
    width_px: float,
    height_px: float,
    left_px: float = 0.0,
    right_px: float = 0.0,
    fill: float = 0.9,
) -> tuple[dict, float]:
    """Centre and zoom showing ``bounds`` (minx, miny, maxx, maxy) in the free strip of a map.

    The strip runs from ``left_px`` (e.g. under an inset) to ``width_px − right_px``
    (e.g. a colour bar); the content fills ``fill`` of it. MapLibre draws the world
    512 px wide at zoom 0 (Web Mercator), so at zoom ``z`` a degree of longitude is
    ``512·2^z/360`` px and the centre moves ``(left − right)/2`` px west of the content.
    """
    minx, miny, maxx, maxy = (float(b) for b in bounds)

    def merc(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) * 512 / (2 * math.pi)

    free = max(width_px - left_px - right_px, 50.0)
    span_x = max(maxx - minx, 1e-4) * 512 / 360
    span_y = max(merc(maxy) - merc(miny), 1e-4)
    zoom = math.log2(fill * min(free / span_x, height_px / span_y))
    deg_per_px = 360 / (512 * 2**zoom)
    shift = (left_px - right_px) / 2
    return {"lon": (minx + maxx) / 2 - shift * deg_per_px, "lat": (miny + maxy) / 2}, zoom


def _pct(x: float, lang: str) -> str:
    return percent(100.0 * x, lang, 1) if np.isfinite(x) else "–"


def hover_names(villages: pd.DataFrame, frame: pd.DataFrame, lang: str) -> list[str]:
    """Hover text per village: name, kecamatan, counts, crude and smoothed rate with its 95% interval, Gi*."""
    out = []
    for nama, kec, (_, r) in zip(villages["nama"], villages["kecamatan"], frame.iterrows()):
        lines = [f"<b>{nama}</b>", f"Kec. {kec}"]
        if np.isfinite(r["diukur"]) and r["diukur"] > 0:
            lines.append(
                tr(
                    lang,
                    f"diukur {number(r['diukur'], lang)} · stunting {number(r['stunting'], lang)}",
                    f"measured {number(r['diukur'], lang)} · stunted {number(r['stunting'], lang)}",
                )
            )
            lines.append(
                tr(lang, "kasar ", "crude ")
                + _pct(r["rate_crude"], lang)
                + tr(lang, " · EB ", " · EB ")
                + _pct(r["rate_eb"], lang)
                + f" ({_pct(r['eb_lower'], lang)}–{_pct(r['eb_upper'], lang)})"
            )
            if np.isfinite(r["gi_q"]):
                lines.append(f"Gi* z {number(r['gi_z'], lang, 2)} · q {number(r['gi_q'], lang, 3)}")
        else:
            lines.append(tr(lang, "tidak ada anak diukur", "no child measured"))
        out.append("<br>".join(lines))
    return out


def uncertain_trace(
    villages: pd.DataFrame,
    frame: pd.DataFrame,
    *,
    geo_url: str,
    names: list[str],
    lang: str,
    min_measured: int = MIN_MEASURED,
    mask: np.ndarray | None = None,
) -> go.Choroplethmap:
    """Pale, outlined layer over the villages measuring fewer than ``min_measured`` children.

    Always present (maybe empty) so the trace order stays fixed; ``mask`` limits it (inset map).
    """
    small = frame["small_n"].to_numpy(dtype=bool) & (frame["diukur"].to_numpy(dtype=float) > 0)
    if mask is not None:
        small = small & mask
    idx = np.flatnonzero(small)
    label = tr(
        lang,
        f"diukur < {min_measured} anak: angka tidak pasti",
        f"< {min_measured} measured: rate uncertain",
    )
    return go.Choroplethmap(
        geojson=geo_url,
        locations=villages["kode"].astype(str).to_numpy()[idx].tolist(),
        z=[0] * len(idx),
        colorscale=[[0, UNCERTAIN_FILL], [1, UNCERTAIN_FILL]],
        showscale=False,
        name=label,
        showlegend=len(idx) > 0,
        text=[names[i] for i in idx],
        marker_line_color=UNCERTAIN_LINE,
        marker_line_width=2.5,
        hovertemplate="%{text}<br><i>" + label + "</i><extra></extra>",
    )


def class_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Villages per category of :data:`CLASSES` (villages with nothing measured are not counted)."""
    idx = class_index(frame)
    return {c: int(np.sum(idx == i)) for i, c in enumerate(CLASSES)}


def significance_text(attrs: dict, lang: str) -> str:
    """The hotspot rule in words, from the attributes of :func:`ilp_dash.region.results.hotspots`.

    ``attrs["significance"]`` names the p-value behind the classes (``"normal"``: the z of Gi*;
    ``"permutation"``: conditional permutations, also for attributes made before the option).
    """
    month = month_name(attrs.get("month", ""), lang)
    perm = number(attrs.get("permutations", 0), lang)
    alpha = percent(100 * attrs.get("alpha", 0.05), lang)
    tested = number(attrs.get("tested", 0), lang)
    k = attrs.get("k", 4)
    mm = attrs.get("min_measured", 20)
    islands = len(attrs.get("knn_villages", ())) > 0
    isl_id = f"; desa pulau memakai {k} desa terdekat" if islands else ""
    isl_en = f"; island villages use their {k} nearest" if islands else ""
    if attrs.get("significance", "permutation") == "normal":
        p_id = "Nilai p dari skor z Gi* (pendekatan normal)"
        p_en = "P-values from the Gi* z-score (normal approximation)"
    else:
        p_id, p_en = f"{perm} permutasi bersyarat", f"{perm} conditional permutations"
    return tr(
        lang,
        f"Hotspot = Gi* atas angka stunting yang dihaluskan (Empirical Bayes) bulan {month}. Tetangga: desa yang "
        f"bersinggungan (queen){isl_id}. {p_id}; bermakna bila lolos koreksi "
        f"Benjamini–Hochberg (FDR {alpha}) atas {tested} desa yang diuji. Desa dengan < {mm} anak diukur tidak "
        f"diberi kelas.",
        f"Hot spot = Gi* on the Empirical Bayes smoothed stunting rates of {month}. Neighbours: villages sharing "
        f"a border or corner (queen){isl_en}. {p_en}; significant when it passes the "
        f"Benjamini–Hochberg correction (FDR {alpha}) over the {tested} villages tested. Villages measuring "
        f"< {mm} children get no class.",
    )
