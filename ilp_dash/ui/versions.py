"""What planners see of the data versions: a warning when a file could not be used, and the restore list.

Pure component builders (no callbacks): :func:`problem_banner` goes into the
header of every planner screen (:func:`ilp_dash.ui.shell.frame`),
:func:`versions_panel` onto the upload screen.
"""

from __future__ import annotations

from dash import html

from ilp_dash.i18n import tr

SOURCES = {
    "folder": ("folder data", "data folder"),
    "upload": ("unggahan", "upload"),
    "restore": ("pemulihan", "restore"),
    "fallback": ("cadangan otomatis", "automatic fall-back"),
}


def _when(stamp: str) -> str:
    """``2026-11-23T14:41:43+07:00`` → ``2026-11-23 14:41``."""
    return stamp[:16].replace("T", " ") if stamp else ""


def problem_text(problem: dict, lang: str) -> str:
    """One paragraph: what is wrong, what is still served, what to do."""
    files = ", ".join(problem.get("files") or []) or "?"
    serving = problem.get("serving")
    when = _when(problem.get("detected", ""))
    if problem.get("kind") == "damaged":
        return tr(
            lang,
            f"Berkas versi data yang tersimpan rusak ({files}, terdeteksi {when}). Dasbor kembali ke "
            f"versi terakhir yang baik (kini versi {serving}). Periksa disk server dan unggah ulang data "
            "terbaru bila perlu.",
            f"Stored data-version files are damaged ({files}, found {when}). The dashboard went back to "
            f"the last good version (now version {serving}). Check the server's disk and upload the latest "
            "data again if needed.",
        )
    first = (problem.get("problems") or [{}])[0]
    where = ", ".join(
        str(x)
        for x in (first.get("file"), first.get("row"), first.get("column"))
        if x not in (None, "")
    )
    detail = first.get("message_id" if lang == "id" else "message_en") or ""
    fix = first.get("fix_id" if lang == "id" else "fix_en") or ""
    more = len(problem.get("problems") or []) - 1
    extra = tr(lang, f" (+{more} masalah lain)", f" (+{more} more problems)") if more > 0 else ""
    return tr(
        lang,
        f"Perubahan di folder data tidak dipakai ({files}, {when}): {where}: {detail} {fix}{extra} "
        f"Dasbor tetap menampilkan versi {serving}. Perbaiki berkasnya atau unggah berkas yang benar.",
        f"A change in the data folder was not used ({files}, {when}): {where}: {detail} {fix}{extra} "
        f"The dashboard still shows version {serving}. Fix the file or upload a correct one.",
    )


def problem_banner(problem: dict | None, lang: str) -> html.Div | None:
    """A warning strip for planners (``problem``: :func:`ilp_dash.region.versions.problem`), or ``None``."""
    if problem is None:
        return None
    return html.Div(
        [
            html.Strong(tr(lang, "Peringatan data: ", "Data warning: ")),
            html.Span(problem_text(problem, lang)),
        ],
        className="data-warning",
        role="alert",
        id="data-warning",
    )


def versions_panel(kept: list, lang: str, current: int) -> html.Details:
    """The kept versions (:func:`ilp_dash.region.versions.list_versions`), newest first, with restore buttons."""
    head = html.Tr(
        [
            html.Th(tr(lang, "Versi", "Version"), className="num"),
            html.Th(tr(lang, "Dibuat", "Made")),
            html.Th(tr(lang, "Asal", "Source")),
            html.Th(tr(lang, "Catatan", "Note")),
            html.Th(""),
        ]
    )
    rows = []
    for v in kept:
        label = tr(lang, *SOURCES.get(v.source, (v.source, v.source)))
        note = " — ".join(x for x in (v.note, v.user or "") if x)
        action = (
            html.Span(tr(lang, "sedang tampil", "being served"), className="up-served-mark")
            if v.number == current
            else html.Button(
                tr(lang, f"Pulihkan {v.number}", f"Restore {v.number}"),
                id={"type": "up-restore", "version": v.number},
                n_clicks=0,
                className="up-restore",
            )
        )
        rows.append(
            html.Tr(
                [
                    html.Td(str(v.number), className="num"),
                    html.Td(_when(v.created)),
                    html.Td(label),
                    html.Td(note),
                    html.Td(action),
                ]
            )
        )
    return html.Details(
        [
            html.Summary(
                tr(lang, f"Versi data tersimpan ({len(rows)})", f"Kept data versions ({len(rows)})")
            ),
            html.P(
                tr(
                    lang,
                    "Memulihkan membuat versi baru berisi berkas versi lama; semua layar ikut dalam satu detik.",
                    "Restoring makes a new version holding the old version's files; every screen follows within "
                    "a second.",
                ),
                className="up-note",
            ),
            html.Table([html.Thead(head), html.Tbody(rows)], className="up-served up-versions"),
        ],
        id="up-versions",
    )
