"""The public display (``/layar``): what each rotating view shows, as pure functions.

Four views, each one map and one to three huge numbers:

1. ``ilp`` — share of Posyandu that are ILP Posyandu, per village;
2. ``stunting`` — smoothed (empirical Bayes) stunting prevalence per village,
   hotspot villages marked; counts of children below 5 withheld
   (:mod:`ilp_dash.region.privacy`);
3. ``puskesmas`` — travel time to the nearest Puskesmas, in the survey bands;
4. ``ambulans`` — travel time to the nearest ambulance base, in the same bands.

The map is built once (:func:`display_figures`); turning to another view sends
only :func:`view_patches` (values, colour bar, which point layer is shown).
Nothing here shows a person: villages, facilities and counts ≥ 5 only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache

import dash
import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import Patch, html
from plotly.colors import sample_colorscale

from ilp_dash import policy
from ilp_dash.analysis.referral import DEFAULT_BANDS, travel_band
from ilp_dash.i18n import month_name, number, percent, tr, valid_lang
from ilp_dash.io.geojson import bounds_view
from ilp_dash.region import results, store
from ilp_dash.region.briefing import source_text
from ilp_dash.region.privacy import THRESHOLD, display_count, suppress_counts
from ilp_dash.region.store import valid_region
from ilp_dash.ui import shell
from ilp_dash.ui.maps import (
    OKABE_ITO,
    SEQUENTIAL,
    STUNTING,
    Scale,
    map_pair,
    value_patch,
)

VIEWS = ("ilp", "stunting", "puskesmas", "ambulans")
# one point trace, refilled per view (facilities, bases or hotspots); toggling the visibility of
# several traces made MapLibre redraw some of them under the villages
MAIN_POINTS = 3  # village_map: 0 grey, 1 values, 2 kecamatan outline, 3 points
INSET_POINTS = 2  # inset_map: 0 grey, 1 values, 2 points
BAND_COLORS = (OKABE_ITO["blue"], OKABE_ITO["sky"], OKABE_ITO["orange"], OKABE_ITO["vermillion"])
DEFAULT_SECONDS = 20
MIN_SECONDS = 5
MAX_SECONDS = 3600
REFRESH_SECONDS = 300
# the display is read at ~1920 × 1080 from across a room: legend type in px
FONT_PX = 26
TITLE_PX = 28
PALEST = 0.12  # part of a sequential scale left out at its pale end
VILLAGE_LINE = "#8a8a8a"  # village borders: grey, so pale villages keep an edge
MAP_PX = (1250, 800)  # the map's size on a 1920 × 1080 screen (fits the zoom)
DAYS_ID = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
DAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class DisplayScale(Scale):
    """A :class:`Scale` whose colour bar is a wide horizontal band with large type.

    A named colour scale is spelled out as stops: a patch sends it to plotly.js
    as is, and plotly.js knows only some of plotly.py's names (not ``OrRd``).
    Its palest tenth is left out: near-white villages vanish on a white map
    seen from across a room.
    """

    def __post_init__(self) -> None:
        if isinstance(self.colorscale, str):
            at = np.linspace(0.0, 1.0, 9)
            colors = sample_colorscale(self.colorscale, (PALEST + (1 - PALEST) * at).tolist())
            object.__setattr__(
                self, "colorscale", [[round(float(a), 4), c] for a, c in zip(at, colors)]
            )

    def colorbar(self) -> dict:
        bar = {
            "orientation": "h",
            "x": 0.98,
            "xanchor": "right",
            "y": 0.02,
            "yanchor": "bottom",
            "len": 0.5,
            "thickness": 34,
            "outlinewidth": 1,
            "bgcolor": "rgba(255,255,255,0.9)",
            "xpad": 30,
            "ypad": 10,
            "title": {"text": self.label, "side": "top", "font": {"size": TITLE_PX}},
            "tickfont": {"size": FONT_PX},
        }
        if self.categories:
            bar.update(
                tickvals=list(range(len(self.categories))),
                ticktext=list(self.categories),
                ticks="",
                len=min(0.13 * len(self.categories), 0.6),
            )
        else:
            ticks = np.linspace(self.zmin, self.zmax, 5)
            bar.update(tickmode="array", tickvals=[round(float(t), 2) for t in ticks])
        return bar


@dataclass(frozen=True)
class BigNumber:
    value: str
    label: str


@dataclass(frozen=True)
class View:
    """One screen of the rotation."""

    key: str
    title: str
    values: np.ndarray  # one per village, boundary order; NaN: grey
    scale: Scale
    numbers: tuple[BigNumber, ...]
    month: str | None  # "2025-05": "data per Mei 2025"
    no_data_label: str
    note: str  # how to read it, one line under the map
    points: str | None = (
        None  # point layer shown: "puskesmas", "ambulans", "hotspot" (see view_points)
    )


# ------------------------------------------------------------------ pure pieces
def rotation_seconds(value: str | int | None) -> int:
    """``?detik=`` as seconds between views: default 20, at least 5, at most an hour."""
    try:
        seconds = int(float(str(value).replace(",", ".")))
    except (TypeError, ValueError, OverflowError):
        return DEFAULT_SECONDS
    return min(max(seconds, MIN_SECONDS), MAX_SECONDS)


def share(part: float, whole: float) -> float | None:
    """``100 · part / whole``; ``None`` when ``whole`` is 0."""
    return 100.0 * part / whole if whole else None


def share_text(value: float | None, lang: str) -> str:
    """A share with one decimal that never rounds up to a false 100%: 99.96 → "> 99,9%"."""
    if value is None or not math.isfinite(value):
        return "–"
    if value >= 100.0 - 1e-9:
        return "100%"
    if round(value, 1) >= 100.0:
        return "> " + percent(99.9, lang, 1)
    return percent(value, lang, 1)


def band_index(minutes) -> np.ndarray:
    """Band of each travel time as 0–3 (≤ 15, 16–30, 31–60, > 60 min).

    Unreachable (``inf``) counts as > 60; a missing time (NaN) stays NaN (grey).
    """
    m = np.asarray(minutes, dtype=float)
    codes = np.asarray(travel_band(m, thresholds=DEFAULT_BANDS).codes, dtype=float)
    return np.where(np.isnan(m), np.nan, np.minimum(codes, len(DEFAULT_BANDS)))


def band_labels(lang: str) -> list[str]:
    a, b, c = (int(x) for x in DEFAULT_BANDS)
    return [f"≤ {a}", f"{a + 1}–{b}", f"{b + 1}–{c}", f"> {c}"]


def over_limit(minutes, limit: float = policy.PUSKESMAS_MINUTES) -> int:
    """Villages farther than ``limit`` minutes (unreachable ones included, missing ones not)."""
    return int(policy.beyond(minutes, limit).sum())


def population_share_within(
    minutes, population, limit: float = policy.PUSKESMAS_MINUTES
) -> float | None:
    """Percent of ``population`` living within ``limit`` minutes."""
    w = np.asarray(population, dtype=float)
    return share(float(w[policy.within(minutes, limit)].sum()), float(w.sum()))


def shown_stunting(table: pd.DataFrame) -> pd.DataFrame:
    """The hotspot table as the public may see it (counts < 5 and their rates withheld)."""
    return suppress_counts(
        table, ["diukur", "stunting"], ["rate_crude", "rate_eb", "eb_lower", "eb_upper"]
    )


def rounded_top(values, step: float = 5.0, floor: float = 10.0) -> float:
    """Top of a colour bar: the largest finite value rounded up to ``step`` (at least ``floor``)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return max(floor, math.ceil(v.max() / step) * step) if v.size else floor


def clock_text(now: datetime, lang: str) -> tuple[str, str]:
    """``("14.05", "Senin, 2 Juni 2025")`` — the same format as assets/layar.js."""
    if lang == "en":
        return now.strftime(
            "%H:%M"
        ), f"{DAYS_EN[now.weekday()]}, {now.day} {month_name(now.strftime('%Y-%m'), lang)}"
    return now.strftime(
        "%H.%M"
    ), f"{DAYS_ID[now.weekday()]}, {now.day} {month_name(now.strftime('%Y-%m'), lang)}"


# ------------------------------------------------------------------ views from the data being served
def available_views(code: str) -> list[str]:
    """The views the region's data can fill (cheap: looks at which registers are loaded)."""
    ds = store.dataset(code)
    f = ds.facilities
    has = {
        k: k in f and len(f[k]) > 0
        for k in ("posyandu", "puskesmas", "ambulances", "hospitals", "pustu")
    }
    out = []
    if has["posyandu"] and results.report_months(code):
        out.append("ilp")
    if ds.stunting is not None and len(ds.stunting):
        out.append("stunting")
    if has["puskesmas"]:
        out.append("puskesmas")
    if has["ambulances"] and (has["puskesmas"] or has["hospitals"] or has["pustu"]):
        out.append("ambulans")
    return out


def _latest_month(code: str) -> str | None:
    months = results.report_months(code)
    return months[-1] if months else None


def ilp_view(code: str, lang: str) -> View:
    month = _latest_month(code)
    cov = results.village_coverage(code, month)
    values = cov["persen_ilp"].to_numpy(dtype=float)
    kab = results.level_totals(code, "kabupaten").set_index("bulan").loc[month]
    total, ilp = int(kab["posyandu"]), int(kab["posyandu_ilp"])
    villages, with_ilp = int(kab["desa"]), int(kab["desa_dengan_ilp"])
    numbers = (
        BigNumber(
            share_text(share(ilp, total), lang),
            tr(
                lang,
                f"Posyandu ILP: {number(ilp, lang)} dari {number(total, lang)}",
                f"ILP Posyandu: {number(ilp, lang)} of {number(total, lang)}",
            ),
        ),
        BigNumber(
            f"{number(with_ilp, lang)} / {number(villages, lang)}",
            tr(lang, "desa sudah punya Posyandu ILP", "villages with an ILP Posyandu"),
        ),
    )
    return View(
        key="ilp",
        title=tr(lang, "Cakupan Posyandu ILP per desa", "ILP Posyandu coverage by village"),
        values=values,
        month=month,
        numbers=numbers,
        scale=DisplayScale(
            label=tr(lang, "Posyandu ILP (%)", "ILP Posyandu (%)"),
            colorscale=SEQUENTIAL,
            unit="%",
            hover_format=".0f",
        ),
        no_data_label=tr(lang, "tanpa Posyandu", "no Posyandu"),
        note=tr(
            lang,
            "Warna: persen Posyandu desa yang sudah menjadi Posyandu ILP. Target: 100%.",
            "Colour: percent of the village's Posyandu that are ILP Posyandu. Target: 100%.",
        ),
    )


def stunting_view(code: str, lang: str) -> View:
    hs = results.hotspots(code)
    shown = shown_stunting(hs)
    values = 100 * shown["rate_eb"].to_numpy(dtype=float)
    month = hs.attrs.get("month")
    stunted, measured = results.regency_prevalence(code, month)
    total = suppress_counts(
        pd.DataFrame(
            {"diukur": [measured], "stunting": [stunted], "persen": [share(stunted, measured)]}
        ),
        ["diukur", "stunting"],
        ["persen"],
    )
    hot = int((hs["class"] == "hot").sum())
    withheld = int(shown["ditahan"].sum())
    numbers = (
        BigNumber(
            number(hot, lang), tr(lang, "desa hotspot stunting", "stunting hotspot villages")
        ),
        BigNumber(
            share_text(float(total["persen"].iloc[0]), lang),
            tr(
                lang,
                f"balita stunting: {display_count(stunted, lang)} dari {display_count(measured, lang)} "
                "yang diukur",
                f"children stunted: {display_count(stunted, lang)} of {display_count(measured, lang)} "
                "measured",
            ),
        ),
    )
    nodata = (
        tr(lang, f"tidak ditampilkan (< {THRESHOLD} anak)", f"not shown (< {THRESHOLD} children)")
        if withheld
        else tr(lang, "tanpa data", "no data")
    )
    return View(
        key="stunting",
        title=tr(lang, "Prevalensi stunting per desa", "Stunting prevalence by village"),
        values=values,
        month=month,
        numbers=numbers,
        points="hotspot",
        scale=DisplayScale(
            label=tr(lang, "Stunting, dihaluskan (%)", "Stunting, smoothed (%)"),
            zmax=rounded_top(values),
            colorscale=STUNTING,
            unit="%",
            hover_format=".1f",
        ),
        no_data_label=nodata,
        note=tr(
            lang,
            "Desa kecil ditarik ke rata-rata kabupaten (Empirical Bayes). "
            + (
                "Titik biru: hotspot (Gi*, FDR 5%). "
                if hot
                else "Tidak ada hotspot (Gi*, FDR 5%). "
            )
            + f"Jumlah anak di bawah {THRESHOLD} tidak ditampilkan.",
            "Small villages are pulled towards the regency mean (empirical Bayes). "
            + ("Blue dots: hotspots (Gi*, FDR 5%). " if hot else "No hotspots (Gi*, FDR 5%). ")
            + f"Counts of children below {THRESHOLD} are not shown.",
        ),
    )


def _band_scale(lang: str, label: str) -> DisplayScale:
    return DisplayScale.categorical(label, band_labels(lang), list(BAND_COLORS))


TRAVEL_NOTE = (
    "Perkiraan: jarak garis lurus × 1,3 pada 40 km/jam, ditambah penyeberangan laut.",
    "Estimate: straight-line distance × 1.3 at 40 km/h, plus sea crossings.",
)


def puskesmas_view(code: str, lang: str) -> View:
    minutes = results.village_to_puskesmas_minutes(code)
    pts = results.village_points(code)
    m = minutes.reindex(pts["kode"]).to_numpy(dtype=float)
    limit = policy.PUSKESMAS_MINUTES
    numbers = (
        BigNumber(
            number(over_limit(m, limit), lang),
            tr(
                lang,
                f"desa > {limit:.0f} menit dari Puskesmas",
                f"villages > {limit:.0f} min from a Puskesmas",
            ),
        ),
        BigNumber(
            share_text(population_share_within(m, pts["penduduk"], limit), lang),
            tr(
                lang,
                f"penduduk ≤ {limit:.0f} menit dari Puskesmas",
                f"of people ≤ {limit:.0f} min from a Puskesmas",
            ),
        ),
    )
    return View(
        key="puskesmas",
        title=tr(lang, "Waktu tempuh ke Puskesmas", "Travel time to a Puskesmas"),
        values=band_index(m),
        month=_latest_month(code),
        numbers=numbers,
        points="puskesmas",
        scale=_band_scale(lang, tr(lang, "Menit ke Puskesmas", "Minutes to a Puskesmas")),
        no_data_label=tr(lang, "tanpa data", "no data"),
        note=tr(
            lang,
            "Titik hitam: Puskesmas. " + TRAVEL_NOTE[0],
            "Black dots: Puskesmas. " + TRAVEL_NOTE[1],
        ),
    )


def ambulance_view(code: str, lang: str) -> View:
    inp = results.siting_inputs(code)
    bases = inp.current
    m = results.nearest_base_minutes(code, bases)
    limit = policy.AMBULANCE_MINUTES
    within, total = results.population_within(code, bases, limit)
    numbers = (
        BigNumber(
            share_text(share(within, total), lang),
            tr(
                lang,
                f"penduduk ≤ {limit:.0f} menit dari ambulans",
                f"of people ≤ {limit:.0f} min from an ambulance",
            ),
        ),
        BigNumber(number(len(bases), lang), tr(lang, "pangkalan ambulans", "ambulance bases")),
        BigNumber(
            number(over_limit(m, limit), lang),
            tr(
                lang,
                f"desa > {limit:.0f} menit dari ambulans",
                f"villages > {limit:.0f} min from an ambulance",
            ),
        ),
    )
    return View(
        key="ambulans",
        title=tr(lang, "Jangkauan ambulans", "Ambulance reach"),
        values=band_index(m),
        month=_latest_month(code),
        numbers=numbers,
        points="ambulans",
        scale=_band_scale(
            lang, tr(lang, "Menit dari pangkalan ambulans", "Minutes from an ambulance base")
        ),
        no_data_label=tr(lang, "tanpa data", "no data"),
        note=tr(
            lang,
            "Titik hitam: pangkalan ambulans. " + TRAVEL_NOTE[0],
            "Black dots: ambulance bases. " + TRAVEL_NOTE[1],
        )
        + " "
        + policy.ambulance_standard_text(lang),
    )


def empty_view(code: str, lang: str) -> View:
    """Shown while the region has no register the display can use."""
    n = len(store.dataset(code).region.villages)
    return View(
        key="kosong",
        title=tr(lang, "Belum ada data untuk ditampilkan", "No data to show yet"),
        values=np.full(n, np.nan),
        month=None,
        numbers=(
            BigNumber(
                "–",
                tr(
                    lang,
                    "Muat register Posyandu, stunting atau fasilitas di halaman "
                    "\u201cUnggah data\u201d; layar ini memperbarui diri.",
                    "Load the Posyandu, stunting or facility registers on the \u201cUpload data\u201d "
                    "page; this screen updates itself.",
                ),
            ),
        ),
        scale=DisplayScale(label=tr(lang, "Posyandu ILP (%)", "ILP Posyandu (%)"), unit="%"),
        no_data_label=tr(lang, "tanpa data", "no data"),
        note="",
    )


BUILDERS = {
    "ilp": ilp_view,
    "stunting": stunting_view,
    "puskesmas": puskesmas_view,
    "ambulans": ambulance_view,
}


def view_content(code: str, key: str, lang: str) -> View:
    """The view ``key`` of region ``code`` (an empty view for an unknown key).

    A view the loaded data cannot fill (a register with a problem the checks let
    through) becomes a short notice instead, so the unattended screen keeps turning.
    """
    builder = BUILDERS.get(key)
    if builder is None:
        return empty_view(code, lang)
    try:
        return builder(code, lang)
    except (ValueError, KeyError, TypeError) as err:
        base = empty_view(code, lang)
        return View(
            key=key,
            title=tr(lang, "Tampilan ini belum bisa dibuat", "This view cannot be shown yet"),
            values=base.values,
            scale=base.scale,
            month=None,
            no_data_label=base.no_data_label,
            note="",
            numbers=(
                BigNumber(
                    "–",
                    tr(
                        lang,
                        f"Periksa register di halaman \u201cUnggah data\u201d ({err}).",
                        f"Check the registers on the \u201cUpload data\u201d page ({err}).",
                    ),
                ),
            ),
        )


# ------------------------------------------------------------------ figures and patches


def map_bounds(code: str) -> dict:
    """Lon/lat bounds the browser fits the maps to (assets/layar.js): main body and islands (or ``None``)."""
    vil = store.dataset(code).region.villages
    detached = results.detached(code)
    main = vil[~detached] if detached.any() else vil

    def as_list(gdf) -> list[float]:
        return [round(float(x), 5) for x in gdf.total_bounds]

    return {"main": as_list(main), "inset": as_list(vil[detached]) if detached.any() else None}


@dataclass(frozen=True)
class Points:
    """The dots of a view: where, what they are (hover: facility or village names only), how drawn."""

    lon: list
    lat: list
    text: list
    name: str = ""
    color: str = OKABE_ITO["black"]
    size: int = 14


def view_points(code: str, lang: str, kind: str | None) -> Points:
    """Puskesmas, ambulance bases or hotspot villages as dots; no dots for ``None``."""
    frame, name, color, size = None, "", OKABE_ITO["black"], 14
    if kind == "puskesmas":
        frame, name = (
            store.dataset(code).facilities.get("puskesmas"),
            tr(lang, "Puskesmas", "Puskesmas"),
        )
    elif kind == "ambulans":
        inp = results.siting_inputs(code)
        frame = inp.candidates[inp.candidates["base"]] if inp is not None else None
        name, size = tr(lang, "pangkalan ambulans", "ambulance base"), 16
    elif kind == "hotspot":
        hs = results.hotspots(code)
        if hs is not None:
            frame = results.village_points(code)[(hs["class"] == "hot").to_numpy()]
        name, color, size = tr(lang, "hotspot stunting", "stunting hotspot"), OKABE_ITO["blue"], 18
    if frame is None or not len(frame):
        return Points([], [], [])
    return Points(
        np.round(frame["lon"].to_numpy(dtype=float), 5).tolist(),
        np.round(frame["lat"].to_numpy(dtype=float), 5).tolist(),
        [str(n) for n in frame["nama"]],
        name,
        color,
        size,
    )


def _points_props(pts: Points) -> dict:
    """Trace properties of the dots; a view without dots keeps one invisible point far away.

    (A MapLibre point layer emptied and refilled was drawn under the villages once
    it came back: the trace is never left empty.)
    """
    if not pts.lon:
        return {
            "lon": [0.0],
            "lat": [0.0],
            "text": [""],
            "name": "",
            "showlegend": False,
            "hoverinfo": "skip",
            "marker": {"size": 1, "color": pts.color, "opacity": 0},
            "hovertemplate": None,
        }
    return {
        "lon": pts.lon,
        "lat": pts.lat,
        "text": pts.text,
        "name": pts.name,
        "showlegend": True,
        "hoverinfo": "all",
        "marker": {"size": pts.size, "color": pts.color, "opacity": 1},
        "hovertemplate": "%{text}<extra>" + pts.name + "</extra>",
    }


def _points_trace(pts: Points) -> go.Scattermap:
    return go.Scattermap(mode="markers", **_points_props(pts))


def display_figures(code: str, lang: str, view: View) -> tuple[go.Figure, go.Figure | None]:
    """The display's map (and the islands' inset, if any) showing ``view``, with large legend type."""
    ds = store.dataset(code)
    vil = ds.region.villages
    url = shell.geo_url(code, store.version(code))
    dots = _points_trace(view_points(code, lang, view.points))
    detached = results.detached(code)
    main = vil[~detached] if detached.any() else vil
    fig, inset = map_pair(
        vil,
        view.values,
        view.scale,
        detached=detached,
        geo_url=url,
        kecamatan=ds.region.kecamatan,
        no_data_label=view.no_data_label,
        view=main,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        points=[dots],
    )
    center, zoom = bounds_view(main, *MAP_PX)
    fig.update_traces(marker_line_color=VILLAGE_LINE, selector={"type": "choroplethmap"})
    fig.update_layout(
        map={"center": center, "zoom": zoom},
        font={"size": FONT_PX},
        legend={"font": {"size": FONT_PX}, "itemsizing": "constant"},
        hoverlabel={"font": {"size": FONT_PX}},
    )
    if inset is not None:
        inset.add_trace(dots)
        inset.update_traces(marker_line_color=VILLAGE_LINE, selector={"type": "choroplethmap"})
        sub = vil[detached]
        center, zoom = bounds_view(sub, width_px=400, height_px=230)
        inset.update_layout(
            map={"center": center, "zoom": zoom},
            margin={"t": 40},
            title={"font": {"size": FONT_PX}},
            hoverlabel={"font": {"size": FONT_PX}},
        )
    return fig, inset


def _patch(values, view: View, pts: Points, points_trace: int) -> Patch:
    p = value_patch(values, view.scale)
    p["data"][0]["name"] = view.no_data_label
    p["data"][0]["hovertemplate"] = "%{text}<br>" + view.no_data_label + "<extra></extra>"
    for key, value in _points_props(pts).items():
        p["data"][points_trace][key] = value
    return p


def view_patches(code: str, lang: str, view: View) -> tuple[Patch, Patch | None]:
    """Turn the map (and inset) to ``view``: values, colour bar, no-data label, dots."""
    detached = results.detached(code)
    pts = view_points(code, lang, view.points)
    main = _patch(view.values, view, pts, MAIN_POINTS)
    inset = None
    if detached.any():
        inset = _patch(np.asarray(view.values, dtype=float)[detached], view, pts, INSET_POINTS)
    return main, inset


# ------------------------------------------------------------------ the page's parts and its turn
def number_cards(view: View) -> list:
    return [
        html.Div(
            [
                html.Div(n.value, className="ly-number-value"),
                html.Div(n.label, className="ly-number-label"),
            ],
            className="ly-number",
        )
        for n in view.numbers
    ]


def month_line(view: View, lang: str) -> str:
    if not view.month:
        return ""
    return tr(
        lang,
        f"Data per {month_name(view.month, lang)}",
        f"Data as of {month_name(view.month, lang)}",
    )


def view_dots(views: list[str], index: int, lang: str) -> list:
    """Which view of how many: one named pill per view, the current one filled."""
    names = {
        "ilp": tr(lang, "Posyandu ILP", "ILP Posyandu"),
        "stunting": tr(lang, "Stunting", "Stunting"),
        "puskesmas": tr(lang, "Puskesmas", "Puskesmas"),
        "ambulans": tr(lang, "Ambulans", "Ambulances"),
    }
    return [
        html.Span(names.get(k, k), className="ly-dot" + (" active" if i == index else ""))
        for i, k in enumerate(views)
    ]


def notes(code: str, lang: str, view: View) -> list:
    """How to read the view, then the source and date line every figure carries."""
    return [
        html.P(view.note, className="ly-note"),
        shell.source_line(source_text(code, lang), lang),
    ]


def opening(code: str, lang: str) -> tuple[list[str], View, dict, dict | None]:
    """``(views, first view, map, inset)`` a display opens with — built once per data version and language.

    Two hundred lobby screens opening at once would otherwise each build the
    same two figures (~0.1 s of plotly per screen); the figures are plain dicts
    that are only serialised, never changed.
    """
    return _opening(code, store.version(code), lang)


@lru_cache(maxsize=32)
def _opening(code: str, version: int, lang: str) -> tuple[list[str], View, dict, dict | None]:
    views = available_views(code)
    view = view_content(code, views[0] if views else "", lang)
    fig, inset = display_figures(code, lang, view)
    return views, view, fig.to_plotly_json(), inset.to_plotly_json() if inset is not None else None


def inset_style(inset) -> dict:
    return {} if inset is not None else {"display": "none"}


def turn(state: dict, *, rotate: bool) -> tuple:
    """The display's next picture: the next view when ``rotate``, else the same one re-read.

    ``state`` is the page's store (``code, lang, version, views, index``). When the
    region's data version has changed (an upload) the map is rebuilt (new GeoJSON
    URL, perhaps other views); otherwise only patches are sent. Returns the outputs
    of the page's callback: map, inset, inset style, title, month line, numbers,
    notes, view pills, rotation ``disabled``, new state, map bounds.
    """
    code, lang = valid_region(state.get("code")), valid_lang(state.get("lang"))
    version = store.version(code)
    new_data = version != state.get("version")
    views = available_views(code) if new_data else list(state.get("views") or [])
    index = int(state.get("index") or 0) + (1 if rotate else 0)
    index = index % len(views) if views else 0
    view = view_content(code, views[index] if views else "", lang)
    if new_data:
        fig, inset = display_figures(code, lang, view)
        inset_fig, style = (inset if inset is not None else {}), inset_style(inset)
    else:
        fig, inset_fig = view_patches(code, lang, view)
        inset_fig, style = (inset_fig if inset_fig is not None else dash.no_update), dash.no_update
    hold = len(views) < 2
    rotate_off = hold if hold != (len(state.get("views") or []) < 2) else dash.no_update
    state = {**state, "version": version, "views": views, "index": index}
    bounds = map_bounds(code) if new_data else dash.no_update
    return (
        fig,
        inset_fig,
        style,
        view.title,
        month_line(view, lang),
        number_cards(view),
        notes(code, lang, view),
        view_dots(views, index, lang),
        rotate_off,
        state,
        bounds,
    )
