"""The plain Flask routes beside the Dash screens: village GeoJSON, the briefing's exports, health.

* ``/geo/<code>/<version>.json`` and ``.kec.json`` — the region's simplified
  village polygons and kecamatan lines for one data version (cacheable: the URL
  names the version);
* ``/ekspor/peta.png`` and ``/laporan`` — the briefing's map PNG and printable
  report (:mod:`ilp_dash.web.report`), declared briefing paths in
  :mod:`ilp_dash.web.gate`;
* ``/health`` — for the load balancer: this worker answers, and which versions it serves.
"""

from __future__ import annotations

import os

from dash import Dash
from flask import Response, abort, jsonify, request

from ilp_dash.i18n import valid_lang
from ilp_dash.io.geodata import region_codes
from ilp_dash.region import results, store
from ilp_dash.region.store import valid_region
from ilp_dash.web.report import ilp_map_png, report_html


def _geo(code: str, make) -> Response:
    if code not in region_codes() and code not in store.loaded_codes():
        abort(404)
    resp = Response(make(code, store.version(code)), mimetype="application/geo+json")
    # the URL names the data version, so the browser may keep it
    resp.headers["Cache-Control"] = "public, max-age=86400"
    return resp


def _args() -> tuple[str, str]:
    return valid_region(request.args.get("region")), valid_lang(request.args.get("lang"))


def register(app: Dash) -> None:
    """Install the routes on the app's Flask server."""
    server = app.server

    @server.route("/geo/<code>/<int:version>.json")
    def _villages(code: str, version: int):
        return _geo(code, results.geojson_bytes)

    @server.route("/geo/<code>/<int:version>.kec.json")
    def _kecamatan(code: str, version: int):
        return _geo(code, results.kecamatan_geojson_bytes)

    @server.route("/ekspor/peta.png")
    def _map_png():
        code, lang = _args()
        resp = Response(ilp_map_png(code, lang), mimetype="image/png")
        resp.headers["Content-Disposition"] = f'attachment; filename="peta-ilp-{code}.png"'
        return resp

    @server.route("/laporan")
    def _report():
        code, lang = _args()
        return Response(report_html(code, lang), mimetype="text/html")

    @server.route("/health")
    def _health():
        """For the load balancer / monitoring: this worker answers, and which data versions it serves."""
        return jsonify(ok=True, pid=os.getpid(), versions=store.served_versions())
