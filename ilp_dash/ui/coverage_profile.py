"""Cakupan ILP (coverage) screen: the village profile — facilities, kader, ILP status, stunting trend.

Opened by a click on the map (or ``desa=`` in the URL): :func:`village_profile`
gathers one village at the end of a month, :func:`profile_panel` draws it with
the small :func:`trend_figure` of :func:`stunting_series`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from ilp_dash.analysis.coverage import ilp_at, village_puskesmas
from ilp_dash.i18n import month_name, number, percent, tr
from ilp_dash.ui.coverage import short_month
from ilp_dash.ui.maps import OKABE_ITO


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
