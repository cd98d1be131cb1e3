"""Unggah data (upload, for planners): a register, stunting table or boundary file → its report → applied if clean.

The file is checked together with the region's other files
(:func:`ilp_dash.region.upload.apply_upload`); only a file without errors replaces
the one of its kind, and then every screen serves the new data version. The
map shows the ILP share being served, so a rejected file visibly changes
nothing.
"""

from __future__ import annotations

import base64
import binascii

import dash
from dash import ALL, Input, Output, State, callback, clientside_callback, ctx, dcc, html, no_update

from ilp_dash import access
from ilp_dash.i18n import tr, valid_lang
from ilp_dash.io.upload_limits import MAX_BYTES
from ilp_dash.io.upload_messages import problem
from ilp_dash.pages.frame import frame, geo_url, source_line
from ilp_dash.region import results, store, versions
from ilp_dash.region.store import valid_region
from ilp_dash.region.upload import ACCEPT, apply_upload, counts, served_files
from ilp_dash.ui import upload as uv
from ilp_dash.ui.versions import versions_panel

PATH = "/unggah"

dash.register_page(__name__, path=PATH, title="ILP Dash — Unggah data", name="Unggah data")


def _preview(code: str, lang: str):
    """``(title, figure, inset or None)``: the ILP share per village in the latest report month."""
    ds = store.dataset(code)
    vil = ds.region.villages
    months = results.report_months(code)
    cov = results.village_coverage(code, months[-1]) if months else None
    values = (
        cov["persen_ilp"].to_numpy(dtype=float)
        if cov is not None and "persen_ilp" in cov
        else [float("nan")] * len(vil)
    )
    return uv.ilp_preview(
        vil,
        ds.region.kecamatan,
        results.detached(code),
        values,
        months[-1] if months else None,
        geo_url(code),
        store.version(code),
        lang,
    )


def _map_box(code: str, lang: str) -> list:
    title, fig, inset = _preview(code, lang)
    return [
        html.H2(title, className="map-title", id="up-map-title"),
        html.Div(
            [
                dcc.Graph(
                    id="village-map",
                    figure=fig,
                    className="map-main up-map",
                    config={"displaylogo": False},
                ),
                dcc.Graph(
                    id="inset-map",
                    figure=inset,
                    className="inset-map up-inset",
                    config={"displayModeBar": False},
                )
                if inset is not None
                else None,
            ],
            className="map-wrap",
        ),
        source_line(
            code,
            lang,
            tr(
                lang,
                "Peta ini berubah hanya setelah berkas diterima.",
                "This map changes only after a file is accepted.",
            ),
        ),
    ]


def _served(code: str, lang: str) -> html.Div:
    version, ds = store.current(code)
    return html.Div(
        [
            uv.served_table(counts(ds), served_files(code), version, lang),
            versions_panel(versions.list_versions(code), lang, version),
        ]
    )


def _drop_zone(lang: str) -> dcc.Upload:
    mb = MAX_BYTES // (1024 * 1024)
    return dcc.Upload(
        id="up-upload",
        accept=ACCEPT,
        multiple=False,
        max_size=-1,
        className="up-drop",
        className_active="up-drop active",
        children=html.Div(
            [
                html.Span("⇪", className="up-icon", **{"aria-hidden": "true"}),
                html.Span(
                    [
                        tr(lang, "Tarik berkas ke sini atau ", "Drag a file here or "),
                        html.Span(tr(lang, "pilih berkas", "choose a file"), className="up-choose"),
                    ]
                ),
                html.Div(
                    tr(
                        lang,
                        f"CSV, XLSX; batas desa: .zip (Shapefile), .gpkg, .geojson — maks. {mb} MB",
                        f"CSV, XLSX; boundaries: .zip (Shapefile), .gpkg, .geojson — at most {mb} MB",
                    ),
                    className="up-hint",
                ),
            ]
        ),
    )


def layout(region: str | None = None, lang: str | None = None, **_query) -> html.Div:
    code, lang = valid_region(region), valid_lang(lang)
    side = html.Section(
        [
            html.H2(tr(lang, "Unggah data", "Upload data")),
            uv.intro(lang),
            html.Div(
                [
                    html.Label(
                        tr(lang, "Jenis berkas", "File kind"),
                        htmlFor="up-kind",
                        className="up-label",
                    ),
                    dcc.Dropdown(
                        id="up-kind",
                        options=uv.kind_options(lang),
                        value=uv.AUTO,
                        clearable=False,
                        searchable=False,
                        className="up-kind",
                    ),
                ],
                className="up-field",
            ),
            _drop_zone(lang),
            html.Div(_served(code, lang), id="up-current"),
            dcc.Loading(html.Div(id="up-result"), type="default", className="up-loading"),
            dcc.Store(
                id="up-context",
                data={
                    "code": code,
                    "lang": lang,
                    "limit": MAX_BYTES,
                    "too_big": too_big_text(lang),
                },
            ),
            dcc.Store(id="up-payload"),
        ],
        className="panel up-side",
    )
    # while a file is checked the map stays visible (dimmed): a rejected file must visibly change nothing
    main = html.Section(
        dcc.Loading(
            html.Div(_map_box(code, lang), id="up-map-box"),
            type="circle",
            overlay_style={"visibility": "visible", "opacity": 0.6},
        ),
        className="up-main",
    )
    return frame(PATH, code, lang, html.Div([side, main], className="up-grid"))


def decode(contents: str) -> bytes:
    """The bytes of a ``data:...;base64,`` URL as dcc.Upload sends it."""
    _, _, payload = contents.partition(",")
    return base64.b64decode(payload, validate=False)


def too_big_text(lang: str) -> str:
    """The refusal of a file over the limit, with ``{name}`` and ``{mb}`` for the browser to fill in."""
    p = problem(
        "{name}", "upload_too_large", mb_id="{mb}", mb_en="{mb}", limit=MAX_BYTES // (1024 * 1024)
    )
    return (
        f"{p.file}: {p.message_id} {p.fix_id}"
        if lang == "id"
        else f"{p.file}: {p.message_en} {p.fix_en}"
    )


# A file over the limit is refused in the browser: sent, it would be cut off at the server's request limit
# (web.MAX_REQUEST_BYTES) with no message; only files within the limit travel to the server.
clientside_callback(
    r"""function(contents, filename, context) {
        const nu = window.dash_clientside.no_update;
        if (!contents) { return [nu, nu]; }
        const bytes = Math.floor((contents.length - contents.indexOf(",") - 1) * 3 / 4);
        if (bytes <= context.limit) { return [{contents: contents, filename: filename}, nu]; }
        let mb = (bytes / 1048576).toFixed(1);
        if (context.lang !== "en") { mb = mb.replace(".", ","); }
        const text = context.too_big.replace("{name}", filename || "").replace(/\{mb\}/g, mb);
        return [nu, {type: "Div", namespace: "dash_html_components",
                     props: {children: text, className: "error-box up-verdict", id: "up-too-big"}}];
    }""",
    Output("up-payload", "data"),
    Output("up-result", "children", allow_duplicate=True),
    Input("up-upload", "contents"),
    State("up-upload", "filename"),
    State("up-context", "data"),
    prevent_initial_call=True,
)


@callback(
    Output("up-result", "children"),
    Output("up-map-box", "children"),
    Output("up-current", "children"),
    Input("up-payload", "data"),
    State("up-kind", "value"),
    State("up-context", "data"),
    prevent_initial_call=True,
)
def _upload(payload: dict | None, kind: str | None, context: dict | None):
    contents, filename = (payload or {}).get("contents"), (payload or {}).get("filename")
    if not contents:
        return no_update, no_update, no_update
    context = context or {}
    code, lang = valid_region(context.get("code")), valid_lang(context.get("lang"))
    try:
        data = decode(contents)
    except (binascii.Error, ValueError):
        msg = tr(
            lang,
            "Berkas tidak terkirim utuh. Muat ulang halaman lalu unggah lagi.",
            "The file did not arrive complete. Reload the page and upload it again.",
        )
        return html.Div(msg, className="error-box up-verdict"), no_update, no_update
    outcome = apply_upload(
        code, None if kind == uv.AUTO else kind, filename or "", data, user=access.current_user()
    )
    panel = uv.result_panel(outcome, lang)
    if not outcome.ok:
        return panel, no_update, no_update
    return panel, _map_box(code, lang), _served(code, lang)


@callback(
    Output("up-result", "children", allow_duplicate=True),
    Output("up-map-box", "children", allow_duplicate=True),
    Output("up-current", "children", allow_duplicate=True),
    Input({"type": "up-restore", "version": ALL}, "n_clicks"),
    State("up-context", "data"),
    prevent_initial_call=True,
)
def _restore(clicks: list[int | None], context: dict | None):
    if not ctx.triggered_id or not any(clicks or []):
        return no_update, no_update, no_update
    context = context or {}
    code, lang = valid_region(context.get("code")), valid_lang(context.get("lang"))
    number = int(ctx.triggered_id["version"])
    try:
        new = versions.restore(code, number, user=access.current_user())
    except versions.VersionError:
        msg = tr(
            lang,
            f"Versi {number} tidak dapat dipulihkan: berkasnya hilang atau rusak.",
            f"Version {number} cannot be restored: its files are missing or damaged.",
        )
        return html.Div(msg, className="error-box up-verdict"), no_update, _served(code, lang)
    store.current(code, fresh=True)
    msg = tr(
        lang,
        f"Versi {number} dipulihkan: kini tampil sebagai versi {new}.",
        f"Version {number} restored: now served as version {new}.",
    )
    return html.Div(msg, className="ok-box up-verdict"), _map_box(code, lang), _served(code, lang)
