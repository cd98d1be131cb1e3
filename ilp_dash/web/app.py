"""Create the Dash app: the screens of :mod:`ilp_dash.pages`, the routes, the shared cache and the login gate.

``app.py`` → :func:`create_app` → the screen's module in ``ilp_dash/pages/``
is the whole path to any behaviour.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import dash
from dash import Dash, dcc, html
from werkzeug.middleware.proxy_fix import ProxyFix

from ilp_dash.config import settings
from ilp_dash.region import briefing, cache
from ilp_dash.ui import shell
from ilp_dash.web import background, gate, routes

PACKAGE = Path(__file__).resolve().parent.parent  # ilp_dash/
MAX_REQUEST_BYTES = 32 * 1024 * 1024


def create_app(*, warm: bool = False) -> Dash:
    """The app; ``warm=True`` computes the default region's results in a background thread."""
    app = Dash(
        "ilp_dash",  # the package: page modules are named ilp_dash.pages.<screen>
        use_pages=True,
        pages_folder=str(PACKAGE / "pages"),
        assets_folder=str(PACKAGE.parent / "assets"),
        title="ILP Dash",
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
        background_callback_manager=background.manager(),
    )
    # uploads are at most 20 MB, sent base64-encoded inside a callback: refuse anything far bigger at the door
    app.server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    hops = int(os.environ.get("ILP_PROXY_HOPS", "0") or 0)
    if (
        hops > 0
    ):  # behind nginx: client address and scheme from X-Forwarded-* (login throttling, cookies)
        app.server.wsgi_app = ProxyFix(app.server.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    app.layout = html.Div(
        [dcc.Location(id="url", refresh="callback-nav"), dash.page_container], className="shell"
    )
    cache.init_app(app.server)
    shell.register(app)
    routes.register(app)
    gate.init_app(app)
    # Dash fills app.callback_map on the first request and marks that done before it is: a second
    # request at that moment (a new gunicorn worker under load) would meet a half-filled map and the
    # login gate would refuse public callbacks. Fill it now, once, before any request (and before
    # gunicorn forks).
    app._setup_server()
    if warm:
        threading.Thread(
            target=briefing.warm, args=(settings().default_region,), daemon=True
        ).start()
    return app
