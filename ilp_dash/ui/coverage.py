"""Cakupan ILP (coverage) screen: pure builders for its map values, patches, table and village profile.

Nothing here is a callback: every function takes frames (or plain values) and
returns numbers, a ``go.Figure``, a ``dash.Patch`` or Dash components, so
:mod:`ilp_dash.pages.coverage` only unpacks inputs and calls one of them.

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
from dash import Patch, dcc, html

from ilp_dash.analysis.coverage import ilp_at, village_puskesmas
from ilp_dash.i18n import month_name, number, percent, tr
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


# ------------------------------------------------------------------ kecamatan totals
def kecamatan_totals(rows: pd.DataFrame, month: str) -> pd.DataFrame:
    """Kecamatan rows of the coverage table for ``month``, lowest ILP share first (where the work is)."""
    t = rows[rows["bulan"] == month].copy()
    t = t.sort_values(
        ["persen_ilp", "gap_posyandu", "nama"], ascending=[True, False, True], na_position="last"
    )
    return t.reset_index(drop=True)


def kecamatan_table(
    totals: pd.DataFrame,
    lang: str,
    *,
    regency: pd.Series | None = None,
    selected: str | None = None,
) -> html.Table:
    """The totals as a compact table with a bar for the ILP share; the selected kecamatan is marked."""
    head = html.Thead(
        html.Tr(
            [
                html.Th(tr(lang, "Kecamatan", "District")),
                html.Th(tr(lang, "ILP / Posyandu", "ILP / Posyandu"), className="num"),
                html.Th("% ILP", className="num"),
                html.Th(tr(lang, "Kurang", "To go"), className="num"),
            ]
        )
    )

    def row(r, cls: str = "") -> html.Tr:
        share = r["persen_ilp"]
        width = f"{0 if pd.isna(share) else max(min(share, 100), 0):.0f}%"
        return html.Tr(
            [
                html.Td(r["nama"]),
                html.Td(
                    f"{number(r['posyandu_ilp'], lang)} / {number(r['posyandu'], lang)}",
                    className="num",
                ),
                html.Td(
                    html.Div(
                        [
                            html.Div(className="ck-bar-fill", style={"width": width}),
                            html.Span(percent(share, lang)),
                        ],
                        className="ck-bar",
                    ),
                    className="num",
                ),
                html.Td(number(r["gap_posyandu"], lang), className="num"),
            ],
            className=cls or None,
        )

    body = [
        row(r, "ck-selected-row" if selected and str(r["kode"]) == str(selected) else "")
        for _, r in totals.iterrows()
    ]
    foot = html.Tfoot(row(regency, "ck-total-row")) if regency is not None else None
    return html.Table([head, html.Tbody(body), foot], className="ck-table", id="ck-kec-rows")


# ------------------------------------------------------------------ village profile
@dataclass(frozen=True)
class VillageProfile:
    """What the profile panel shows about one village at the end of ``month``."""

    kode: str
    nama: str
    kecamatan: str
    puskesmas_area: str
    month: str
    posyandu: pd.DataFrame  # nama, rw, strata, kader, ilp (at month), bulan_ilp
    pustu: tuple[str, ...]
    puskesmas: tuple[str, ...]
    hospitals: tuple[str, ...]

    @property
    def n_posyandu(self) -> int:
        return len(self.posyandu)

    @property
    def n_ilp(self) -> int:
        return int(self.posyandu["ilp"].sum()) if len(self.posyandu) else 0

    @property
    def kader(self) -> int:
        return int(self.posyandu["kader"].fillna(0).sum()) if len(self.posyandu) else 0

    @property
    def persen_ilp(self) -> float:
        return 100.0 * self.n_ilp / self.n_posyandu if self.n_posyandu else float("nan")


def _names(frame: pd.DataFrame | None, kode: str) -> tuple[str, ...]:
    if frame is None or not len(frame):
        return ()
    return tuple(sorted(frame.loc[frame["kode_desa"].astype(str) == kode, "nama"].astype(str)))


def village_profile(
    kode: str,
    month: str,
    *,
    villages: pd.DataFrame,
    posyandu: pd.DataFrame,
    pustu: pd.DataFrame | None = None,
    puskesmas: pd.DataFrame | None = None,
    hospitals: pd.DataFrame | None = None,
) -> VillageProfile:
    """Gather one village's facilities, kader and ILP status at the end of ``month``.

    Raises ``KeyError`` when ``kode`` is not a village of ``villages``.
    """
    match = villages[villages["kode"].astype(str) == kode]
    if match.empty:
        raise KeyError(f"village {kode} is not in this region")
    v = match.iloc[0]
    mine = posyandu[posyandu["kode_desa"].astype(str) == kode]
    cols = [c for c in ("nama", "rw", "strata", "kader", "bulan_ilp") if c in mine]
    table = mine[cols].copy()
    table["ilp"] = ilp_at(mine, month).to_numpy() if len(mine) else np.array([], dtype=bool)
    table = table.sort_values(["ilp", "nama"], ascending=[False, True]).reset_index(drop=True)
    mine_pustu = None if pustu is None else pustu[pustu["kode_desa"].astype(str) == kode]
    area = village_puskesmas(match, mine, mine_pustu).iloc[0]  # only this village's rows count
    return VillageProfile(
        kode=kode,
        nama=str(v["nama"]),
        kecamatan=str(v["kecamatan"]),
        puskesmas_area=str(area),
        month=month,
        posyandu=table,
        pustu=_names(pustu, kode),
        puskesmas=_names(puskesmas, kode),
        hospitals=_names(hospitals, kode),
    )


def stunting_series(stunting: pd.DataFrame, kode: str | None = None) -> pd.DataFrame:
    """Monthly ``bulan, diukur, stunting, persen`` of one village (``kode``) or of the whole region."""
    rows = stunting if kode is None else stunting[stunting["kode_desa"].astype(str) == kode]
    s = rows.groupby("bulan")[["diukur", "stunting"]].sum().sort_index().reset_index()
    s["persen"] = (100.0 * s["stunting"] / s["diukur"]).where(s["diukur"] > 0)
    return s


def trend_figure(
    village: pd.DataFrame, lang: str, regency: pd.DataFrame | None = None
) -> go.Figure:
    """Small line chart: the village's crude stunting prevalence per month, the region's for reference."""

    def hover(s: pd.DataFrame) -> list[str]:
        return [
            tr(
                lang,
                f"{month_name(m, lang)}: {percent(p, lang, 1)} ({number(k, lang)} dari {number(n, lang)} "
                "diukur)",
                f"{month_name(m, lang)}: {percent(p, lang, 1)} ({number(k, lang)} of {number(n, lang)} measured)",
            )
            for m, p, k, n in zip(s["bulan"], s["persen"], s["stunting"], s["diukur"])
        ]

    fig = go.Figure()
    if regency is not None and len(regency):
        fig.add_trace(
            go.Scatter(
                x=[short_month(m, lang) for m in regency["bulan"]],
                y=regency["persen"].round(2),
                mode="lines",
                name=tr(lang, "kabupaten/kota", "regency"),
                line={"color": "#888", "dash": "dash", "width": 1.5},
                text=hover(regency),
                hovertemplate="%{text}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=[short_month(m, lang) for m in village["bulan"]],
            y=village["persen"].round(2),
            mode="lines+markers",
            name=tr(lang, "desa ini", "this village"),
            line={"color": OKABE_ITO["vermillion"], "width": 2.5},
            marker={"size": 6},
            text=hover(village),
            hovertemplate="%{text}<extra></extra>",
        )
    )
    top = np.nanmax(
        [village["persen"].max(), regency["persen"].max() if regency is not None else 0, 5.0]
    )
    fig.update_layout(
        height=170,
        margin={"l": 38, "r": 8, "t": 6, "b": 28},
        plot_bgcolor="white",
        paper_bgcolor="white",
        separators=",." if lang != "en" else ".,",
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": 11},
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom", "font": {"size": 10}},
        yaxis={
            "title": None,
            "ticksuffix": "%",
            "range": [0, float(top) * 1.15],
            "gridcolor": "#eee",
            "rangemode": "tozero",
        },
        xaxis={"tickangle": 0, "nticks": 6, "showgrid": False},
    )
    return fig


def _status(p: VillageProfile, lang: str) -> str:
    when = month_name(p.month, lang)
    if not p.n_posyandu:
        return tr(
            lang,
            "Tidak ada Posyandu tercatat di desa ini.",
            "No Posyandu recorded in this village.",
        )
    if p.n_ilp == p.n_posyandu:
        return tr(
            lang,
            f"Semua {p.n_posyandu} Posyandu sudah ILP (akhir {when}).",
            f"All {p.n_posyandu} Posyandu are ILP (end of {when}).",
        )
    gap = p.n_posyandu - p.n_ilp
    return tr(
        lang,
        f"{p.n_ilp} dari {p.n_posyandu} Posyandu sudah ILP ({percent(p.persen_ilp, lang)}) — kurang "
        f"{gap} (akhir {when}).",
        f"{p.n_ilp} of {p.n_posyandu} Posyandu are ILP ({percent(p.persen_ilp, lang)}) — {gap} to go "
        f"(end of {when}).",
    )


def profile_panel(p: VillageProfile, lang: str, trend: go.Figure | None = None) -> list:
    """Children of the ``ck-profile`` panel for one village."""
    ratio = p.kader / p.n_posyandu if p.n_posyandu else float("nan")
    facts = [
        (
            tr(lang, "Posyandu", "Posyandu"),
            f"{number(p.n_posyandu, lang)} ({number(p.n_ilp, lang)} ILP)",
        ),
        (
            tr(lang, "Kader", "Kader"),
            tr(
                lang,
                f"{number(p.kader, lang)} ({number(ratio, lang, 1)} per Posyandu)",
                f"{number(p.kader, lang)} ({number(ratio, lang, 1)} per Posyandu)",
            ),
        ),
        ("Pustu", ", ".join(p.pustu) if p.pustu else tr(lang, "belum ada", "none")),
    ]
    if p.puskesmas:
        facts.append(("Puskesmas", ", ".join(p.puskesmas)))
    if p.hospitals:
        facts.append((tr(lang, "Rumah sakit", "Hospital"), ", ".join(p.hospitals)))
    rows = [
        html.Tr(
            [
                html.Td(r["nama"]),
                html.Td(r.get("rw", "") if isinstance(r.get("rw"), str) else ""),
                html.Td(number(r.get("kader"), lang), className="num"),
                html.Td(
                    html.Span(
                        tr(lang, "ILP", "ILP")
                        + (
                            f" {short_month(r['bulan_ilp'], lang)}"
                            if isinstance(r.get("bulan_ilp"), str)
                            else ""
                        ),
                        className="ck-yes",
                    )
                    if r["ilp"]
                    else html.Span(tr(lang, "belum", "not yet"), className="ck-no")
                ),
            ]
        )
        for _, r in p.posyandu.iterrows()
    ]
    children = [
        html.H3(p.nama, className="ck-village-name"),
        html.P(
            tr(
                lang,
                f"Kec. {p.kecamatan} · Wilayah {p.puskesmas_area} · kode {p.kode}",
                f"{p.kecamatan} district · {p.puskesmas_area} area · code {p.kode}",
            ),
            className="ck-sub",
        ),
        html.P(
            _status(p, lang),
            className="ck-status "
            + ("ck-done" if p.n_posyandu and p.n_ilp == p.n_posyandu else "ck-todo"),
        ),
        html.Dl(
            [part for k, v in facts for part in (html.Dt(k), html.Dd(v))], className="ck-facts"
        ),
    ]
    if rows:
        children.append(
            html.Table(
                [
                    html.Thead(
                        html.Tr(
                            [
                                html.Th("Posyandu"),
                                html.Th("RW"),
                                html.Th(tr(lang, "Kader", "Kader"), className="num"),
                                html.Th(tr(lang, "Status ILP", "ILP status")),
                            ]
                        )
                    ),
                    html.Tbody(rows),
                ],
                className="ck-table ck-posyandu",
            )
        )
    children.append(
        html.H4(tr(lang, "Tren stunting (prevalensi kasar)", "Stunting trend (crude prevalence)"))
    )
    if trend is not None:
        children.append(
            dcc.Graph(
                id="ck-trend", figure=trend, config={"displayModeBar": False}, className="ck-trend"
            )
        )
        children.append(
            html.P(
                tr(
                    lang,
                    "Sumber: pengukuran balita (e-PPGBM). Angka desa bergoyang bila anak yang "
                    "diukur sedikit; arahkan kursor untuk melihat jumlahnya.",
                    "Source: child measurements (e-PPGBM). Village rates swing when few children are "
                    "measured; hover to see the counts.",
                ),
                className="ck-note",
            )
        )
    else:
        children.append(
            html.P(
                tr(
                    lang,
                    "Belum ada data pengukuran balita untuk wilayah ini.",
                    "No child measurement data loaded for this region.",
                ),
                className="ck-note",
            )
        )
    return children


def profile_hint(lang: str) -> list:
    return [
        html.H3(tr(lang, "Profil desa", "Village profile")),
        html.P(
            tr(
                lang,
                "Klik sebuah desa (atau titik fasilitas) di peta untuk melihat Posyandu, Pustu, kader, "
                "status ILP dan tren stunting desa itu.",
                "Click a village (or a facility dot) on the map to see its Posyandu, Pustu, kader, ILP status "
                "and stunting trend.",
            ),
            className="ck-note",
        ),
    ]
