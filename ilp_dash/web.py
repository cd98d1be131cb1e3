"""Create the Dash app (multi-page, Dash Pages) and its one data route, the village GeoJSON."""

from __future__ import annotations

import os
from pathlib import Path

import dash
from dash import Dash, dcc, html
from flask import Response, abort

PACKAGE = Path(__file__).resolve().parent
MAX_REQUEST_BYTES = 32 * 1024 * 1024


def _geo_route(app: Dash) -> None:
    from ilp_dash import results, store
    from ilp_dash.io.geodata import region_codes

    def serve(code: str, make) -> Response:
        if code not in region_codes() and code not in store.loaded_codes():
            abort(404)
        resp = Response(make(code, store.version(code)), mimetype="application/geo+json")
        # the URL names the data version, so the browser may keep it
        resp.headers["Cache-Control"] = "public, max-age=86400"
        return resp

    @app.server.route("/geo/<code>/<int:version>.json")
    def _geo(code: str, version: int):
        return serve(code, results.geojson_bytes)

    @app.server.route("/geo/<code>/<int:version>.kec.json")
    def _kec(code: str, version: int):
        return serve(code, results.kecamatan_geojson_bytes)


def _export_routes(app: Dash) -> None:
    from flask import request

    from ilp_dash.report import ilp_map_png, report_html
    from ilp_dash.store import valid_region
    from ilp_dash.ui.i18n import valid_lang

    def _args() -> tuple[str, str]:
        return valid_region(request.args.get("region")), valid_lang(request.args.get("lang"))

    @app.server.route("/ekspor/peta.png")
    def _map_png():
        code, lang = _args()
        resp = Response(ilp_map_png(code, lang), mimetype="image/png")
        resp.headers["Content-Disposition"] = f'attachment; filename="peta-ilp-{code}.png"'
        return resp

    @app.server.route("/laporan")
    def _report():
        code, lang = _args()
        return Response(report_html(code, lang), mimetype="text/html")


def _health_route(app: Dash) -> None:
    from flask import jsonify

    from ilp_dash import store

    @app.server.route("/health")
    def _health():
        """For the load balancer / monitoring: this worker answers, and which data versions it serves."""
        return jsonify(ok=True, pid=os.getpid(), versions=store.served_versions())


def create_app(*, warm: bool = False) -> Dash:
    """The app; ``warm=True`` computes the default region's results in a background thread."""
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PACKAGE / "pages"),
        assets_folder=str(PACKAGE.parent / "assets"),
        title="ILP Dash",
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
    )
    # uploads are at most 20 MB, sent base64-encoded inside a callback: refuse anything far bigger at the door
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    hops = int(os.environ.get("ILP_PROXY_HOPS", "0") or 0)
    if hops > 0:  # behind nginx: the client's address and scheme come from X-Forwarded-* (login throttling, cookies)
        from werkzeug.middleware.proxy_fix import ProxyFix

        app.server.wsgi_app = ProxyFix(app.server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.layout = html.Div([dcc.Location(id="url", refresh="callback-nav"), dash.page_container], className="shell")
    from ilp_dash import auth, cache
    from ilp_dash.ui import shell

    cache.init_app(app.server)
    shell.register(app)
    _geo_route(app)
    _export_routes(app)
    _health_route(app)
    auth.init_app(app)
    # Dash fills app.callback_map on the first request and marks that done before it is: a second request
    # at that moment (a new gunicorn worker under load) would meet a half-filled map and the login gate
    # would refuse public callbacks. Fill it now, once, before any request (and before gunicorn forks).
    app._setup_server()
    if warm:
        import threading

        from ilp_dash import results
        from ilp_dash.config import settings

        threading.Thread(target=results.warm, args=(settings().default_region,), daemon=True).start()
    return app
