"""Referral screen (``/rujukan``): the village table — rows worst-served first, columns, styles.

Numbers stay numbers so the DataTable's own sorting works; the column of the
chosen measure is bold and rows above the threshold on it get a dark edge.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from dash import dash_table

from ilp_dash.i18n import tr
from ilp_dash.ui.referral import BAND_COLORS, measure_minutes

PAGE_SIZE = 12
TABLE_TEXT = ("desa", "kecamatan", "pustu", "puskesmas", "rsud", "milik", "laut")
OWNER_LABELS = {
    "pemerintah": ("pemerintah", "government"),
    "swasta": ("swasta", "private"),
    "tidak diketahui": ("tidak diketahui", "unknown"),
}


def owner_label(owner, lang: str) -> str:
    """The hospital owner (``milik``) in the reader's language; ``–`` when missing."""
    if not isinstance(owner, str) or owner not in OWNER_LABELS:
        return "–"
    return tr(lang, *OWNER_LABELS[owner])


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
                "milik": owner_label(getattr(r, "rsud_milik", None), lang),
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
        {"id": "milik", "name": ["", tr(lang, "Milik RS", "Hospital owner")]},
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


def village_table(
    frame: pd.DataFrame, measure: str, threshold: int, lang: str
) -> dash_table.DataTable:
    """The ``rj-table`` DataTable of :func:`table_rows`, sortable, :data:`PAGE_SIZE` rows a page."""
    return dash_table.DataTable(
        id="rj-table",
        columns=table_columns(lang),
        data=table_rows(frame, measure, lang),
        merge_duplicate_headers=True,
        sort_action="native",
        page_size=PAGE_SIZE,
        style_as_list_view=True,
        style_table={"overflowX": "auto"},
        style_header={"fontWeight": "bold", "whiteSpace": "normal", "textAlign": "center"},
        style_cell={
            "fontFamily": "inherit",
            "fontSize": "0.85rem",
            "padding": "3px 6px",
            "textAlign": "right",
        },
        style_cell_conditional=[{"if": {"column_id": c}, "textAlign": "left"} for c in TABLE_TEXT],
        style_data_conditional=table_styles(measure, threshold),
    )
