"""The public display's views in words: titles, huge numbers, colour bars, notes — from values handed in.

:mod:`ilp_dash.region.display` reads each view's numbers from the data being
served; :func:`view_content` turns them into a :class:`View` (what the screen
says and how the map is coloured). Counts arrive already withheld where small.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from plotly.colors import sample_colorscale

from ilp_dash import policy
from ilp_dash.analysis.referral import DEFAULT_BANDS
from ilp_dash.i18n import number, percent, tr
from ilp_dash.region.display import IlpData, NoData, StuntingData, TravelData, ViewData
from ilp_dash.ui.maps import OKABE_ITO, SEQUENTIAL, STUNTING, Scale

BAND_COLORS = (OKABE_ITO["blue"], OKABE_ITO["sky"], OKABE_ITO["orange"], OKABE_ITO["vermillion"])
# the display is read at ~1920 × 1080 from across a room: legend type in px
FONT_PX = 26
TITLE_PX = 28
PALEST = 0.12  # part of a sequential scale left out at its pale end
THRESHOLD = policy.PRIVACY_THRESHOLD


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
    points: str | None = None  # point layer shown: "puskesmas", "ambulans", "hotspot"


# ------------------------------------------------------------------ pure pieces
def share_text(value: float | None, lang: str) -> str:
    """A share with one decimal that never rounds up to a false 100%: 99.96 → "> 99,9%"."""
    if value is None or not math.isfinite(value):
        return "–"
    if value >= 100.0 - 1e-9:
        return "100%"
    if round(value, 1) >= 100.0:
        return "> " + percent(99.9, lang, 1)
    return percent(value, lang, 1)


def band_labels(lang: str) -> list[str]:
    a, b, c = (int(x) for x in DEFAULT_BANDS)
    return [f"≤ {a}", f"{a + 1}–{b}", f"{b + 1}–{c}", f"> {c}"]


def rounded_top(values, step: float = 5.0, floor: float = 10.0) -> float:
    """Top of a colour bar: the largest finite value rounded up to ``step`` (at least ``floor``)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    return max(floor, math.ceil(v.max() / step) * step) if v.size else floor


def count_text(value: float, withheld: bool, lang: str) -> str:
    """A count as the public may see it: ``"< 5"`` when withheld, ``–`` when missing."""
    if withheld:
        return f"< {number(THRESHOLD, lang)}"
    return number(value, lang)


# ------------------------------------------------------------------ the views
def ilp_view(d: IlpData, lang: str) -> View:
    numbers = (
        BigNumber(
            share_text(d.percent, lang),
            tr(
                lang,
                f"Posyandu ILP: {number(d.ilp, lang)} dari {number(d.posyandu, lang)}",
                f"ILP Posyandu: {number(d.ilp, lang)} of {number(d.posyandu, lang)}",
            ),
        ),
        BigNumber(
            f"{number(d.with_ilp, lang)} / {number(d.villages, lang)}",
            tr(lang, "desa sudah punya Posyandu ILP", "villages with an ILP Posyandu"),
        ),
    )
    return View(
        key="ilp",
        title=tr(lang, "Cakupan Posyandu ILP per desa", "ILP Posyandu coverage by village"),
        values=d.values,
        month=d.month,
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


def stunting_view(d: StuntingData, lang: str) -> View:
    stunted = count_text(d.stunted, d.stunted_withheld, lang)
    measured = count_text(d.measured, d.measured_withheld, lang)
    numbers = (
        BigNumber(
            number(d.hotspots, lang), tr(lang, "desa hotspot stunting", "stunting hotspot villages")
        ),
        BigNumber(
            share_text(d.percent, lang),
            tr(
                lang,
                f"balita stunting: {stunted} dari {measured} yang diukur",
                f"children stunted: {stunted} of {measured} measured",
            ),
        ),
    )
    nodata = (
        tr(lang, f"tidak ditampilkan (< {THRESHOLD} anak)", f"not shown (< {THRESHOLD} children)")
        if d.withheld
        else tr(lang, "tanpa data", "no data")
    )
    hot = d.hotspots
    return View(
        key="stunting",
        title=tr(lang, "Prevalensi stunting per desa", "Stunting prevalence by village"),
        values=d.values,
        month=d.month,
        numbers=numbers,
        points=d.points,
        scale=DisplayScale(
            label=tr(lang, "Stunting, dihaluskan (%)", "Stunting, smoothed (%)"),
            zmax=rounded_top(d.values),
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


def puskesmas_view(d: TravelData, lang: str) -> View:
    limit = d.limit
    numbers = (
        BigNumber(
            number(d.over, lang),
            tr(
                lang,
                f"desa > {limit:.0f} menit dari Puskesmas",
                f"villages > {limit:.0f} min from a Puskesmas",
            ),
        ),
        BigNumber(
            share_text(d.within, lang),
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
        values=d.values,
        month=d.month,
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


def ambulance_view(d: TravelData, lang: str) -> View:
    limit = d.limit
    numbers = (
        BigNumber(
            share_text(d.within, lang),
            tr(
                lang,
                f"penduduk ≤ {limit:.0f} menit dari ambulans",
                f"of people ≤ {limit:.0f} min from an ambulance",
            ),
        ),
        BigNumber(number(d.bases, lang), tr(lang, "pangkalan ambulans", "ambulance bases")),
        BigNumber(
            number(d.over, lang),
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
        values=d.values,
        month=d.month,
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


def empty_view(villages: int, lang: str) -> View:
    """Shown while the region has no register the display can use."""
    return View(
        key="kosong",
        title=tr(lang, "Belum ada data untuk ditampilkan", "No data to show yet"),
        values=np.full(villages, np.nan),
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


def notice_view(d: NoData, lang: str) -> View:
    """A view the loaded data could not fill: a short notice, so the unattended screen keeps turning."""
    base = empty_view(d.villages, lang)
    return View(
        key=d.key,
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
                    f"Periksa register di halaman \u201cUnggah data\u201d ({d.error}).",
                    f"Check the registers on the \u201cUpload data\u201d page ({d.error}).",
                ),
            ),
        ),
    )


def view_content(data: ViewData, lang: str) -> View:
    """The view the numbers ``data`` (:func:`ilp_dash.region.display.view_data`) make, in ``lang``."""
    if isinstance(data, NoData):
        return empty_view(data.villages, lang) if data.error is None else notice_view(data, lang)
    if isinstance(data, IlpData):
        return ilp_view(data, lang)
    if isinstance(data, StuntingData):
        return stunting_view(data, lang)
    return puskesmas_view(data, lang) if data.key == "puskesmas" else ambulance_view(data, lang)
