"""Stunting screen: the tables — hotspot villages, and the DataTables of both lists with their sections.

Rows keep numbers as numbers so the DataTable's own sorting works. The section
builders assemble headings, tables and source lines from values the page has
already read; nothing here reads region data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from dash import dash_table, dcc, html

from ilp_dash.i18n import month_name, number, tr
from ilp_dash.ui import shell
from ilp_dash.ui.stunting import CLASS_COLORS, CLASSES, class_index, class_labels
from ilp_dash.ui.stunting_priority import (
    number_format,
    priority_columns,
    priority_explanation,
    priority_rows,
    rounded,
)

TOP = 15
"""Villages shown in the priority table (the CSV holds them all)."""
LEFT = ("desa", "kecamatan", "kelas")


def hotspot_rows(villages: pd.DataFrame, frame: pd.DataFrame, lang: str) -> list[dict]:
    """DataTable rows of the significant villages (hot first, then by |z|): numbers stay numbers for sorting."""
    labels = dict(zip(CLASSES, class_labels(lang)))
    idx = class_index(frame)
    keep = np.flatnonzero(np.isin(idx, [0.0, 1.0]))
    rows = []
    for i in keep:
        r = frame.iloc[i]
        rows.append(
            {
                "kode": str(villages["kode"].iloc[i]),
                "desa": str(villages["nama"].iloc[i]),
                "kecamatan": str(villages["kecamatan"].iloc[i]),
                "kelas": labels[CLASSES[int(idx[i])]],
                "diukur": int(r["diukur"]),
                "stunting": int(r["stunting"]),
                "kasar": rounded(100 * r["rate_crude"], 1),
                "eb": rounded(100 * r["rate_eb"], 1),
                "interval": f"{number(100 * r['eb_lower'], lang, 1)}–{number(100 * r['eb_upper'], lang, 1)}",
                "z": rounded(r["gi_z"], 2),
                "q": rounded(r["gi_q"], 4),
            }
        )
    rows.sort(key=lambda row: (row["kelas"] != labels["hot"], -abs(row["z"] or 0.0), row["kode"]))
    return rows


def hotspot_columns(lang: str) -> list[dict]:
    return [
        {"id": "desa", "name": tr(lang, "Desa", "Village")},
        {"id": "kecamatan", "name": "Kecamatan"},
        {"id": "kelas", "name": tr(lang, "Kelas", "Class")},
        {
            "id": "diukur",
            "name": tr(lang, "Diukur", "Measured"),
            "type": "numeric",
            "format": number_format(lang, 0),
        },
        {
            "id": "stunting",
            "name": tr(lang, "Stunting", "Stunted"),
            "type": "numeric",
            "format": number_format(lang, 0),
        },
        {
            "id": "kasar",
            "name": tr(lang, "Kasar %", "Crude %"),
            "type": "numeric",
            "format": number_format(lang, 1),
        },
        {
            "id": "eb",
            "name": tr(lang, "EB %", "EB %"),
            "type": "numeric",
            "format": number_format(lang, 1),
        },
        {"id": "interval", "name": tr(lang, "Rentang 95% (EB)", "95% interval (EB)")},
        {"id": "z", "name": "Gi* z", "type": "numeric", "format": number_format(lang, 2)},
        {
            "id": "q",
            "name": tr(lang, "q (FDR)", "q (FDR)"),
            "type": "numeric",
            "format": number_format(lang, 4),
        },
    ]


def data_table(tid: str, columns, rows, **kw) -> dash_table.DataTable:
    """A sortable DataTable in the screen's style; text columns (:data:`LEFT`) aligned left."""
    return dash_table.DataTable(
        id=tid,
        columns=columns,
        data=rows,
        sort_action="native",
        style_as_list_view=True,
        style_table={"overflowX": "auto"},
        style_header={"fontWeight": "bold", "whiteSpace": "normal", "textAlign": "center"},
        style_cell={"fontSize": "0.85rem", "padding": "3px 6px", "textAlign": "right"},
        style_cell_conditional=[{"if": {"column_id": c}, "textAlign": "left"} for c in LEFT],
        style_header_conditional=[
            {
                "if": {
                    "column_id": c,
                    "header_index": 1 if kw.get("merge_duplicate_headers") else 0,
                },
                "textAlign": "left",
            }
            for c in LEFT
        ],
        **kw,
    )


def hotspot_section(rows: list[dict], month: str, source: str, lang: str) -> list:
    """Heading, the hotspot table (or a line saying there is none) and the source line."""
    return [
        html.H2(
            tr(
                lang,
                f"Desa hotspot dan coldspot, {month}",
                f"Hot-spot and cold-spot villages, {month}",
            )
        ),
        data_table(
            "st-hotspot-table",
            hotspot_columns(lang),
            rows,
            page_size=10,
            style_data_conditional=[
                {
                    "if": {"filter_query": "{z} > 0", "column_id": "kelas"},
                    "color": CLASS_COLORS[0],
                    "fontWeight": "bold",
                },
                {
                    "if": {"filter_query": "{z} < 0", "column_id": "kelas"},
                    "color": CLASS_COLORS[1],
                    "fontWeight": "bold",
                },
            ],
        )
        if rows
        else html.P(
            tr(
                lang,
                "Tidak ada desa yang bermakna sebagai hotspot atau coldspot bulan ini.",
                "No village is a significant hot or cold spot this month.",
            ),
            className="st-empty",
        ),
        shell.source_line(
            source,
            lang,
            tr(lang, "Klik judul kolom untuk mengurutkan.", "Click a column title to sort."),
        ),
    ]


def priority_error(err: Exception, lang: str) -> html.Div:
    return html.Div(
        tr(
            lang,
            f"Daftar prioritas tidak dapat dihitung: {err}. Periksa data stunting.",
            f"The priority list cannot be computed: {err}. Check the stunting data.",
        ),
        className="error-box",
    )


def coverage_note(coverage_month: str | None, month: str, lang: str) -> str:
    """What the ILP component used: nothing (no register) or another month's coverage."""
    if coverage_month is None:
        return tr(
            lang,
            " Tanpa register Posyandu: komponen ILP tidak dihitung.",
            " No Posyandu register: the ILP component is left out.",
        )
    if coverage_month != month:
        return tr(
            lang,
            f" Cakupan ILP dari {month_name(coverage_month, lang)}.",
            f" ILP coverage from {month_name(coverage_month, lang)}.",
        )
    return ""


def priority_section(full: pd.DataFrame, note: str, source: str, lang: str) -> list:
    """Heading with the CSV button, the explanation, the top :data:`TOP` table and the download."""
    return [
        html.Div(
            [
                html.H2(
                    tr(
                        lang,
                        f"Prioritas desa lokus stunting — {TOP} teratas dari {number(len(full), lang)} desa",
                        f"Priority villages for stunting focus (desa lokus) — top {TOP} of {number(len(full), lang)}",
                    )
                ),
                html.Button(
                    tr(lang, "Unduh daftar lengkap (CSV)", "Download full list (CSV)"),
                    id="st-csv-btn",
                    className="button",
                    n_clicks=0,
                ),
            ],
            className="map-head",
        ),
        html.P(priority_explanation(lang) + note, className="st-explain", id="st-explain"),
        data_table(
            "st-priority-table",
            priority_columns(lang),
            priority_rows(full, lang, TOP),
            merge_duplicate_headers=True,
            page_action="none",
        ),
        dcc.Download(id="st-csv"),
        shell.source_line(
            source,
            lang,
            tr(
                lang,
                "Skor adalah alat bantu: keputusan desa lokus tetap melalui musyawarah.",
                "The score supports, not replaces, the decision on desa lokus.",
            ),
        ),
    ]
