"""Cakupan ILP (coverage) screen: pure builders for its map — indicator values, scales, patches, layers.

Nothing here is a callback: every function takes frames (or plain values) and
returns numbers, a ``go.Figure``, a ``dash.Patch`` or Dash components, so
:mod:`ilp_dash.pages.coverage` only unpacks inputs and calls one of them. The
village profile is in :mod:`ilp_dash.ui.coverage_profile`, the page's controls,
panels and kecamatan table in :mod:`ilp_dash.ui.coverage_layout`.

Map indicators (one value per village, at the end of a month):

``persen_ilp``
    ILP Posyandu ÷ Posyandu × 100 (no value when the village has no Posyandu).
``posyandu_ilp``
    number of ILP Posyandu (no value without Posyandu).
``kader_per_posyandu``
    kader ÷ Posyandu (no value without Posyandu).
``pustu``
    the village has a Pustu (1) or not (0).
``gap_posyandu``
    Posyandu still to become ILP to reach the 100 % target (no value without Posyandu).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch

from ilp_dash.i18n import month_name, tr
from ilp_dash.io.geojson import bounds_view
from ilp_dash.ui.maps import OKABE_ITO, SEQUENTIAL, VALUE_TRACE, Scale, points_trace, value_patch

INDICATORS = ("persen_ilp", "posyandu_ilp", "kader_per_posyandu", "pustu", "gap_posyandu")
ALL = "all"  # the kecamatan filter's "every kecamatan"
# point layers, in trace order after the three traces of maps.village_map
LAYERS = ("posyandu", "pustu", "hospitals", "puskesmas")
FIRST_LAYER_TRACE = 3
SELECTED_TRACE = FIRST_LAYER_TRACE + len(LAYERS)
DEFAULT_LAYERS = ("puskesmas", "hospitals")
LAYER_STYLE = {
    "posyandu": ("#3a3a3a", 5),
    "pustu": (OKABE_ITO["purple"], 8),
    "hospitals": (OKABE_ITO["black"], 15),
    "puskesmas": (OKABE_ITO["vermillion"], 11),
}
GAP_SCALE = "OrRd"  # more to do = darker


def indicator_label(indicator: str, lang: str) -> str:
    return {
        "persen_ilp": tr(lang, "Posyandu ILP (%)", "ILP Posyandu (%)"),
        "posyandu_ilp": tr(lang, "Jumlah Posyandu ILP", "Number of ILP Posyandu"),
        "kader_per_posyandu": tr(lang, "Kader per Posyandu", "Kader per Posyandu"),
        "pustu": tr(lang, "Ada Pustu di desa", "Village has a Pustu"),
        "gap_posyandu": tr(lang, "Posyandu belum ILP (kurang)", "Posyandu still to convert"),
    }[indicator]


def layer_label(layer: str, lang: str) -> str:
    return {
        "posyandu": "Posyandu",
        "pustu": "Pustu",
        "puskesmas": "Puskesmas",
        "hospitals": tr(lang, "Rumah sakit", "Hospital"),
    }[layer]


def indicator_options(lang: str) -> list[dict]:
    return [{"label": indicator_label(i, lang), "value": i} for i in INDICATORS]


# ------------------------------------------------------------------ values
def indicator_values(rows: pd.DataFrame, indicator: str) -> np.ndarray:
    """One value per row of a village coverage frame (NaN: nothing to show).

    ``rows`` has the columns of :func:`ilp_dash.region.results.village_coverage`:
    ``posyandu, posyandu_ilp, kader, desa_dengan_pustu, gap_posyandu``.
    """
    if indicator not in INDICATORS:
        raise ValueError(f"unknown indicator {indicator!r}; choose one of {', '.join(INDICATORS)}")
    if indicator == "pustu":
        return rows["desa_dengan_pustu"].to_numpy(dtype=float)
    pos = rows["posyandu"].to_numpy(dtype=float)
    has = pos > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        value = {
            "persen_ilp": 100.0 * rows["posyandu_ilp"].to_numpy(dtype=float) / pos,
            "posyandu_ilp": rows["posyandu_ilp"].to_numpy(dtype=float),
            "kader_per_posyandu": rows["kader"].to_numpy(dtype=float) / pos,
            "gap_posyandu": rows["gap_posyandu"].to_numpy(dtype=float),
        }[indicator]
    return np.where(has, value, np.nan)


def mask_kecamatan(values, kode_kec, kecamatan: str | None) -> np.ndarray:
    """``values`` with every village outside ``kecamatan`` set to NaN (``None``/``"all"``: unchanged)."""
    v = np.asarray(values, dtype=float).copy()
    if kecamatan in (None, "", ALL):
        return v
    v[np.asarray(kode_kec).astype(str) != str(kecamatan)] = np.nan
    return v


@dataclass(frozen=True)
class MonthScale(Scale):
    """A :class:`Scale` whose colour bar is titled with the indicator and the month shown."""

    month_text: str = ""

    def colorbar(self) -> dict:
        bar = super().colorbar()
        text = f"{self.label}<br>{self.month_text}" if self.month_text else self.label
        bar["title"] = {"text": text, "side": "top", "font": {"size": 12}}
        bar["x"] = 0.99
        bar["xanchor"] = "right"
        return bar


def indicator_scale(indicator: str, lang: str, month: str, rows: pd.DataFrame) -> MonthScale:
    """Colour scale of ``indicator``; ranges come from all villages so they stay put from month to month.

    Posyandu and kader do not change with the month, so any month's ``rows`` gives the same range.
    """
    label = indicator_label(indicator, lang)
    when = month_name(month, lang)
    if indicator == "pustu":
        base = MonthScale.categorical(
            label,
            [tr(lang, "belum ada", "none"), tr(lang, "ada", "yes")],
            [OKABE_ITO["orange"], OKABE_ITO["blue"]],
        )
        return replace(base, month_text=when)
    if indicator == "persen_ilp":
        return MonthScale(label=label, unit="%", hover_format=".0f", month_text=when)
    pos = rows["posyandu"].to_numpy(dtype=float)
    most = float(np.nanmax(pos)) if len(pos) and np.isfinite(pos).any() else 1.0
    if indicator in ("posyandu_ilp", "gap_posyandu"):
        return MonthScale(
            label=label,
            zmin=0.0,
            zmax=max(most, 1.0),
            hover_format=".0f",
            month_text=when,
            colorscale=GAP_SCALE if indicator == "gap_posyandu" else SEQUENTIAL,
        )
    ratio = indicator_values(rows, "kader_per_posyandu")
    ratio = ratio[np.isfinite(ratio)]
    lo = math.floor(ratio.min()) if len(ratio) else 0.0
    hi = math.ceil(ratio.max()) if len(ratio) else 1.0
    return MonthScale(
        label=label,
        zmin=float(lo),
        zmax=float(max(hi, lo + 1)),
        hover_format=".1f",
        month_text=when,
    )


def no_data_label(lang: str, kecamatan_name: str | None = None) -> str:
    base = tr(lang, "tanpa Posyandu", "no Posyandu")
    if kecamatan_name:
        return base + tr(
            lang, f" / di luar Kec. {kecamatan_name}", f" / outside {kecamatan_name} district"
        )
    return base


def map_patch(
    values,
    scale: Scale,
    codes: list[str],
    *,
    no_data: str | None = None,
    view: tuple[dict, float] | None = None,
) -> Patch:
    """:func:`~ilp_dash.ui.maps.value_patch`, plus the grey layer's label and (optionally) a new view.

    For continuous scales the value trace's ``customdata`` holds the village
    codes: ``value_patch`` sets it to ``null``, which dcc.Graph's click handler
    cannot index.
    """
    p = value_patch(values, scale)
    if not scale.categories:
        p["data"][VALUE_TRACE]["customdata"] = list(codes)
    if no_data is not None:
        p["data"][0]["name"] = no_data
        p["data"][0]["hovertemplate"] = "%{text}<br>" + no_data + "<extra></extra>"
    if view is not None:
        center, zoom = view
        p["layout"]["map"]["center"] = center
        p["layout"]["map"]["zoom"] = zoom
    return p


def kecamatan_view(
    villages, kecamatan: str | None, *, whole: tuple[dict, float]
) -> tuple[dict, float]:
    """Centre and zoom fitting one kecamatan (``whole``: the view for every kecamatan)."""
    if kecamatan in (None, "", ALL):
        return whole
    sub = villages[villages["kode_kec"].astype(str) == str(kecamatan)]
    return whole if sub.empty else bounds_view(sub)


def layer_patch(selected, trace_offset: int = FIRST_LAYER_TRACE) -> Patch:
    """Show the chosen point layers; the others stay in the legend, greyed (click there to show them)."""
    chosen = set(selected or [])
    p = Patch()
    for i, layer in enumerate(LAYERS):
        p["data"][trace_offset + i]["visible"] = True if layer in chosen else "legendonly"
    return p


def clicked_code(click: dict | None, codes) -> str | None:
    """The village code of a map click: the polygon's ``location``, or a facility's ``customdata``."""
    if not click or not click.get("points"):
        return None
    known = set(codes)
    pt = click["points"][0]
    for key in ("location", "customdata"):
        value = pt.get(key)
        if isinstance(value, str) and value in known:
            return value
    return None


# ------------------------------------------------------------------ point layers
def _col(frame: pd.DataFrame, name: str) -> list:
    return frame[name].tolist() if name in frame else [None] * len(frame)


def _flag(value) -> bool:
    """A register's yes/no cell: True only for a real true value (not missing)."""
    return (
        value is not None and not isinstance(value, str) and bool(pd.notna(value)) and bool(value)
    )


def _hover(frame: pd.DataFrame, kind: str, lang: str) -> list[str]:
    """Hover text of facility dots: name, then what a planner asks next (kader, class, inpatient)."""
    out = []
    rows = zip(
        _col(frame, "nama"),
        _col(frame, "desa"),
        _col(frame, "rw"),
        _col(frame, "kader"),
        _col(frame, "rawat_inap"),
        _col(frame, "kelas"),
        _col(frame, "lokasi_perkiraan"),
    )
    for nama, desa, rw, kader, inap, kelas, approx in rows:
        lines = [f"<b>{nama}</b>"]
        if kind == "posyandu":
            lines.append(", ".join(x for x in (rw, desa) if isinstance(x, str) and x))
            if kader is not None and pd.notna(kader):
                lines.append(f"{int(kader)} kader")
        elif kind == "puskesmas" and isinstance(inap, str):
            lines.append(
                tr(lang, f"rawat inap: {inap}", "inpatient: " + ("yes" if inap == "ya" else "no"))
            )
        elif kind == "hospitals" and isinstance(kelas, str):
            lines.append(tr(lang, f"kelas {kelas}", f"class {kelas}"))
        if kind != "posyandu" and isinstance(desa, str):
            lines.append(tr(lang, f"Desa {desa}", f"{desa} village"))
        if _flag(approx):
            lines.append(tr(lang, "<i>lokasi perkiraan</i>", "<i>approximate location</i>"))
        out.append("<br>".join(line for line in lines if line))
    return out


def layer_traces(facilities: dict, lang: str, visible=DEFAULT_LAYERS) -> list[go.Scattermap]:
    """One point trace per layer in :data:`LAYERS` order (empty when a register is missing)."""
    traces = []
    for layer in LAYERS:
        frame = facilities.get(layer)
        if frame is None or not len(frame):
            frame = pd.DataFrame({"nama": [], "lon": [], "lat": [], "kode_desa": []})
        color, size = LAYER_STYLE[layer]
        t = points_trace(
            frame,
            name=layer_label(layer, lang),
            color=color,
            size=size,
            hover=_hover(frame, layer, lang),
            visible=True if layer in visible else "legendonly",
        )
        t.customdata = frame["kode_desa"].astype(str).tolist() if "kode_desa" in frame else None
        traces.append(t)
    return traces


def selected_trace(geo_url: str, code: str | None = None) -> go.Choroplethmap:
    """A thick outline around the village whose profile is open."""
    return go.Choroplethmap(
        geojson=geo_url,
        locations=[code] if code else [],
        z=[1] if code else [],
        colorscale=[[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        showscale=False,
        marker_line_width=3.5,
        marker_line_color="#000",
        hoverinfo="skip",
        showlegend=False,
        name="selected",
    )


def selected_patch(code: str | None) -> Patch:
    p = Patch()
    p["data"][SELECTED_TRACE]["locations"] = [code] if code else []
    p["data"][SELECTED_TRACE]["z"] = [1] if code else []
    return p


# ------------------------------------------------------------------ month slider
def short_month(month: str, lang: str) -> str:
    """``2024-08`` → ``Agu 24`` / ``Aug 24``."""
    name = month_name(month, lang)
    parts = name.split(" ")
    return f"{parts[0][:3]} {parts[1][2:]}" if len(parts) == 2 else name


def month_marks(months: list[str], lang: str) -> dict:
    return {i: short_month(m, lang) for i, m in enumerate(months)}


def play_step(trigger: str, value: int, last: int, stopped: bool) -> tuple[int, bool]:
    """The month player: ``(month index, stopped)`` after a press of Play/Pause or a timer tick.

    Play at the last month starts again from the first; the timer stops at the last month.
    """
    value = min(max(int(value or 0), 0), last)
    if trigger == "play":
        if not stopped:
            return value, True
        return (0 if value >= last else value), False
    if stopped:
        return value, True
    nxt = min(value + 1, last)
    return nxt, nxt >= last


def map_title(indicator: str, month: str, lang: str, kecamatan_name: str | None = None) -> str:
    """The line above the map saying what and which month is shown."""
    where = (
        tr(lang, f" — Kec. {kecamatan_name}", f" — {kecamatan_name} district")
        if kecamatan_name
        else ""
    )
    return tr(
        lang,
        f"{indicator_label(indicator, lang)} per desa — akhir {month_name(month, lang)}{where}",
        f"{indicator_label(indicator, lang)} per village — as at end of {month_name(month, lang)}{where}",
    )
