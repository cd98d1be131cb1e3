"""Upload screen pieces: the validation report as table rows, the verdict line, the map preview.

Pure functions (no callbacks): an :class:`~ilp_dash.region.upload.UploadOutcome` or the
values of a map in, components, rows or a figure out.
"""

from __future__ import annotations

from collections import Counter

import geopandas as gpd
import numpy as np
from dash import dash_table, html
from shapely.geometry import box

from ilp_dash.i18n import month_name, number, tr
from ilp_dash.io.geojson import bounds_view
from ilp_dash.io.problems import Problem, ValidationReport
from ilp_dash.io.upload_limits import KIND_LABELS, KINDS, MAX_BYTES
from ilp_dash.region.upload import UploadOutcome
from ilp_dash.ui.maps import Scale, map_pair

AUTO = "auto"
INSET_PX = (170, 118)  # the preview's inset box (assets/unggah.css), smaller than the briefing's
MAX_ROWS = 500  # rows of the report table; the summary still counts every problem
_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY = {
    "error": ("GALAT", "ERROR"),
    "warning": ("PERINGATAN", "WARNING"),
    "info": ("INFO", "INFO"),
}
ERROR_BG, WARNING_BG = "#fdecea", "#fff4d6"


def kind_label(kind: str | None, lang: str) -> str:
    if kind not in KIND_LABELS:
        return tr(lang, "berkas", "file")
    return tr(lang, *KIND_LABELS[kind])


def kind_options(lang: str) -> list[dict]:
    """The 'file kind' list: tell it from the name, or one of the kinds."""
    auto = tr(lang, "Otomatis (dari nama berkas)", "Automatic (from the file name)")
    return [{"label": auto, "value": AUTO}] + [
        {"label": kind_label(k, lang), "value": k} for k in KINDS
    ]


def severity_label(severity: str, lang: str) -> str:
    return tr(lang, *SEVERITY[severity])


def shown_problems(report: ValidationReport, uploaded: str) -> list[Problem]:
    """Problems for the table: everything about the uploaded file, errors and warnings of the others.

    Errors first, the uploaded file before the others, then by row; at most :data:`MAX_ROWS`.
    """
    keep = [p for p in report.problems if p.file == uploaded or p.severity != "info"]
    keep.sort(key=lambda p: (_ORDER[p.severity], p.file != uploaded, p.file, p.row or 0))
    return keep[:MAX_ROWS]


def problem_columns(lang: str) -> list[dict]:
    return [
        {"id": "berkas", "name": tr(lang, "Berkas", "File")},
        {"id": "baris", "name": tr(lang, "Baris", "Row")},
        {"id": "kolom", "name": tr(lang, "Kolom", "Column")},
        {"id": "tingkat", "name": tr(lang, "Tingkat", "Severity")},
        {"id": "pesan", "name": tr(lang, "Pesan", "Message")},
        {"id": "perbaikan", "name": tr(lang, "Perbaikan", "Fix")},
    ]


def problem_rows(problems: list[Problem], lang: str) -> list[dict]:
    """One row per problem, message and fix in ``lang``."""
    en = lang == "en"
    return [
        {
            "berkas": p.file,
            "baris": "" if p.row is None else p.row,
            "kolom": p.column or "",
            "tingkat": severity_label(p.severity, lang),
            "pesan": p.message_en if en else p.message_id,
            "perbaikan": p.fix_en if en else p.fix_id,
        }
        for p in problems
    ]


def problem_table(problems: list[Problem], lang: str) -> dash_table.DataTable:
    err, warn = severity_label("error", lang), severity_label("warning", lang)
    return dash_table.DataTable(
        id="up-report",
        columns=problem_columns(lang),
        data=problem_rows(problems, lang),
        page_size=8,
        sort_action="native",
        style_as_list_view=True,
        style_table={"overflowX": "auto"},
        style_header={"fontWeight": "bold", "backgroundColor": "#eef2f6", "whiteSpace": "normal"},
        style_cell={
            "fontFamily": "inherit",
            "fontSize": "0.82rem",
            "padding": "3px 6px",
            "textAlign": "left",
            "whiteSpace": "normal",
            "height": "auto",
            "verticalAlign": "top",
        },
        style_cell_conditional=[
            {
                "if": {"column_id": "berkas"},
                "minWidth": "100px",
                "width": "150px",
                "maxWidth": "170px",
                "wordBreak": "break-all",
            },
            {
                "if": {"column_id": "baris"},
                "minWidth": "56px",
                "width": "56px",
                "maxWidth": "60px",
                "textAlign": "right",
            },
            {
                "if": {"column_id": "kolom"},
                "minWidth": "70px",
                "width": "90px",
                "maxWidth": "110px",
                "wordBreak": "break-word",
            },
            {
                "if": {"column_id": "tingkat"},
                "minWidth": "70px",
                "width": "80px",
                "maxWidth": "100px",
            },
            {"if": {"column_id": "pesan"}, "minWidth": "170px"},
            {"if": {"column_id": "perbaikan"}, "minWidth": "150px"},
        ],
        style_data_conditional=[
            {"if": {"filter_query": f'{{tingkat}} = "{err}"'}, "backgroundColor": ERROR_BG},
            {
                "if": {"filter_query": f'{{tingkat}} = "{err}"', "column_id": "tingkat"},
                "color": "#9a2f00",
                "fontWeight": "bold",
            },
            {"if": {"filter_query": f'{{tingkat}} = "{warn}"'}, "backgroundColor": WARNING_BG},
        ],
    )


def _errors_by_file(problems: list[Problem], lang: str) -> str:
    per = Counter(p.file for p in problems if p.severity == "error")
    if len(per) < 2:
        return ""
    parts = ", ".join(f"{f} {number(n, lang)}" for f, n in per.most_common())
    return tr(lang, f" Galat per berkas: {parts}.", f" Errors per file: {parts}.")


def _plural(n: int, lang: str, one_en: str, many_en: str, word_id: str) -> str:
    return f"{number(n, lang)} " + (word_id if lang != "en" else (one_en if n == 1 else many_en))


def verdict(outcome: UploadOutcome, lang: str) -> tuple[bool, str, str]:
    """``(ok, headline, detail)``: the summary line above the report."""
    n_err, n_warn = len(outcome.errors), len(outcome.warnings)
    warn = _plural(n_warn, lang, "warning", "warnings", "peringatan")
    if not outcome.ok:
        errs = _plural(n_err, lang, "error", "errors", "galat")
        head = tr(
            lang,
            f"Berkas ditolak: {errs}. Data yang tampil tidak berubah.",
            f"File rejected: {errs}. The data being served has not changed.",
        )
        detail = tr(
            lang,
            f"{outcome.filename} ({kind_label(outcome.kind, lang)}). Perbaiki baris dan kolom di "
            "tabel, simpan, lalu unggah lagi.",
            f"{outcome.filename} ({kind_label(outcome.kind, lang)}). Correct the rows and columns in "
            "the table, save, then upload again.",
        ) + _errors_by_file(outcome.problems, lang)
        if n_warn:
            detail += tr(lang, f" Juga {warn}.", f" Also {warn}.")
        return False, head, detail
    kind = outcome.kind
    before, after = outcome.previous.get(kind), outcome.counts.get(kind)
    rows = tr(lang, "desa", "villages") if kind == "boundaries" else tr(lang, "baris", "rows")
    change = (
        f"{number(before, lang)} → {number(after, lang)} {rows}"
        if before is not None
        else f"{number(after or 0, lang)} {rows}"
    )
    head = tr(
        lang,
        f"Berkas diterima: {kind_label(kind, lang)} {change}. Versi data sekarang {outcome.version}.",
        f"File accepted: {kind_label(kind, lang)} {change}. Data version is now {outcome.version}.",
    )
    detail = tr(
        lang,
        f"{outcome.filename} disimpan sebagai {outcome.stored_as}; semua halaman kini memakai "
        "data baru.",
        f"{outcome.filename} was stored as {outcome.stored_as}; every screen now uses the new data.",
    )
    if n_warn:
        detail += tr(
            lang, f" {warn} — periksa tabel di bawah.", f" {warn} — check the table below."
        )
    return True, head, detail


def result_panel(outcome: UploadOutcome, lang: str) -> html.Div:
    """The verdict and, when there is anything to show, the report table."""
    ok, head, detail = verdict(outcome, lang)
    problems = shown_problems(outcome.report, outcome.filename)
    hidden = len([p for p in outcome.problems if p.severity == "info"]) - len(
        [p for p in problems if p.severity == "info"]
    )
    children = [
        html.Div(
            [
                html.P(head, className="up-head", id="up-summary"),
                html.P(detail, className="up-detail"),
            ],
            className="ok-box up-verdict" if ok else "error-box up-verdict",
        )
    ]
    if problems:
        children.append(problem_table(problems, lang))
    else:
        children.append(
            html.P(
                tr(lang, "Tidak ada galat atau peringatan.", "No errors or warnings."),
                className="up-note",
            )
        )
    if hidden > 0:
        children.append(
            html.P(
                tr(
                    lang,
                    f"{number(hidden, lang)} catatan info tentang berkas lain tidak "
                    "ditampilkan (mis. lokasi perkiraan).",
                    f"{number(hidden, lang)} info notes about the other files are not shown "
                    "(e.g. approximate locations).",
                ),
                className="up-note",
            )
        )
    return html.Div(children, className="up-result-inner")


def intro(lang: str) -> html.Div:
    mb = MAX_BYTES // (1024 * 1024)
    return html.Div(
        [
            html.P(
                tr(
                    lang,
                    "Berkas diperiksa bersama semua data wilayah ini. Hanya berkas tanpa galat yang dipakai; "
                    "berkas yang ditolak tidak mengubah apa pun.",
                    "The file is checked together with all of this region's data. Only a file without errors is "
                    "used; a rejected file changes nothing.",
                )
            ),
            html.P(
                tr(
                    lang,
                    f"Berkas baru menggantikan seluruh berkas sejenis. Maks. {mb} MB.",
                    f"A new file replaces the whole file of its kind. At most {mb} MB.",
                ),
                className="up-note",
            ),
        ],
        className="up-intro",
    )


def served_table(
    counts: dict[str, int], files: dict[str, str], version: int, lang: str
) -> html.Details:
    """What is being served now: kind, file and rows, in a fold-out list."""
    rows = [
        html.Tr(
            [
                html.Td(kind_label(k, lang)),
                html.Td(files.get(k, tr(lang, "bawaan", "built-in"))),
                html.Td(number(counts[k], lang), className="num"),
            ]
        )
        for k in KINDS
        if k in counts
    ]
    head = html.Tr(
        [
            html.Th(tr(lang, "Jenis", "Kind")),
            html.Th(tr(lang, "Berkas", "File")),
            html.Th(tr(lang, "Baris", "Rows"), className="num"),
        ]
    )
    return html.Details(
        [
            html.Summary(
                tr(
                    lang,
                    f"Data yang sedang tampil (versi {version})",
                    f"Data being served (version {version})",
                )
            ),
            html.Table([html.Thead(head), html.Tbody(rows)], className="up-served"),
        ],
        id="up-served",
    )


def preview_view(mainland: gpd.GeoDataFrame, south: float = 0.25) -> gpd.GeoDataFrame:
    """The mainland's extent stretched southwards by ``south`` × its height: room for the islands' inset."""
    minx, miny, maxx, maxy = mainland.total_bounds
    return gpd.GeoDataFrame(
        geometry=[box(minx, miny - south * (maxy - miny), maxx, maxy)], crs=mainland.crs
    )


def ilp_preview(
    villages: gpd.GeoDataFrame,
    kecamatan: gpd.GeoDataFrame | None,
    detached: np.ndarray,
    values,
    month: str | None,
    geo_url: str,
    version: int,
    lang: str,
):
    """``(title, figure, inset or None)``: the standard village map of the ILP share being served.

    ``values`` is the percent ILP per village in ``month`` (the latest report month, or
    ``None`` without reports), ``version`` the data version served at ``geo_url``.
    """
    scale = Scale(
        label=tr(lang, "Posyandu ILP (%)", "ILP Posyandu (%)"), unit="%", hover_format=".0f"
    )
    fig, inset = map_pair(
        villages,
        values,
        scale,
        detached=detached,
        kecamatan=kecamatan,
        outline_label=tr(lang, "batas kecamatan", "district boundary"),
        view=preview_view(villages[~detached]) if detached.any() else None,
        geo_url=geo_url,
        no_data_label=tr(lang, "tanpa Posyandu", "no Posyandu"),
    )
    fig.update_layout(separators=".," if lang == "en" else ",.")
    if inset is not None:  # fit the islands into the smaller box of this page
        center, zoom = bounds_view(
            villages[detached], width_px=INSET_PX[0] - 24, height_px=INSET_PX[1] - 30
        )
        inset.update_layout(map={"center": center, "zoom": zoom}, title={"font": {"size": 11}})
    when = month_name(month, lang) if month else ""
    title = tr(
        lang,
        f"Posyandu ILP per desa, {when} (data versi {version})",
        f"ILP Posyandu per village, {when} (data version {version})",
    )
    return title, fig, inset
