"""The request gate: what a visitor who is not logged in may open and call.

Nothing here knows a file or module name. A screen declares its audience in
``dash.register_page(..., audience=...)``, a callback with
:func:`ilp_dash.access.public` or :func:`ilp_dash.access.briefing`, a Flask
route by :data:`BRIEFING_PATHS`; everything else needs a planner. When login
is on, a ``before_request`` gate on the Flask server:

- sends a GET of a planner screen without login to ``/masuk?next=...``;
- answers 403 to every Dash callback not declared public (or briefing, unless
  ``ILP_BRIEFING_LOGIN=1``) for a visitor who is not logged in;
- and each planner page's ``layout`` renders a small "login required" panel
  instead of the page, so in-app navigation reveals nothing either.
"""

from __future__ import annotations

import functools
import os
from datetime import timedelta
from urllib.parse import urlencode

from ilp_dash import access
from ilp_dash.config import settings
from ilp_dash.i18n import valid_lang
from ilp_dash.ui.login import blocked_panel
from ilp_dash.web import login

BRIEFING_PATHS = (
    "/laporan",
    "/ekspor/peta.png",
)  # Flask routes of the briefing (pages declare their own)
ROUTER_OUTPUT = "_pages_content.children"  # Dash's page router: renders a page's (gated) layout


def page_audience(path: str) -> str | None:
    """The audience a registered page declares for ``path`` (``None``: no page there)."""
    import dash

    path = path.rstrip("/") or "/"
    for page in dash.page_registry.values():
        if page.get("path") == path:
            return page.get("audience", access.PLANNER)
    return access.BRIEFING if path in BRIEFING_PATHS else None


def needs_login(path: str) -> bool:
    """True when a GET of ``path`` needs a planner (a page or route whose audience is not open)."""
    audience = page_audience(path)
    return audience is not None and not access.open_to_visitors(audience)


class CallbackGate:
    """The audience of every Dash callback, read from its declaration; rebuilt when callbacks are added."""

    def __init__(self, app) -> None:
        self.app = app
        self.size = -1
        self.audience: dict[str, str] = {}

    def _build(self) -> None:
        audience = {}
        for key, entry in list(self.app.callback_map.items()):
            audience[key] = (
                access.PUBLIC if ROUTER_OUTPUT in key else access.audience_of(entry.get("callback"))
            )
        self.audience = audience
        self.size = len(self.app.callback_map)

    def audience_of(self, key: str) -> str:
        if self.size != len(self.app.callback_map):
            self._build()
        return self.audience.get(key, access.PLANNER)

    def allows(self, key: str) -> bool:
        """True when a visitor who is not logged in may call the callback with output ``key``."""
        return access.open_to_visitors(self.audience_of(key))


def _forbidden():
    from flask import jsonify

    resp = jsonify(
        message="Masuk diperlukan untuk fungsi ini. / Login is required for this.",
        login=access.login_url("/"),
    )
    resp.status_code = 403
    return resp


def _gate(app, gate: CallbackGate):
    from flask import redirect, request

    if not access.enabled():
        return None
    if not app.server.secret_key:
        app.server.secret_key = access.secret_key()
    path, method = request.path, request.method
    if method == "POST" and path == "/_dash-update-component":
        body = request.get_json(silent=True)
        key = body.get("output") if isinstance(body, dict) else None
        if isinstance(key, str) and gate.allows(key):
            return None
        return None if access.current_user() else _forbidden()
    if method in ("GET", "HEAD"):
        if needs_login(path) and not access.current_user():
            full = request.full_path.rstrip("?")
            return redirect(access.login_url(full))
        return None
    if method == "OPTIONS" or path in ("/masuk", "/keluar"):
        return None
    return None if access.current_user() else _forbidden()  # any other write needs a planner


def _gated_layout(layout, path: str):
    """Wrap a page's layout so that, without login, it renders the login panel instead."""
    if getattr(layout, "_ilp_gated", False) or not callable(layout):
        return layout

    @functools.wraps(layout)
    def gated(**query):
        from flask import has_request_context

        if (
            has_request_context()
            and access.enabled()
            and needs_login(path)
            and access.current_user() is None
        ):
            params = {k: v for k, v in query.items() if isinstance(v, str)}
            target = path + ("?" + urlencode(params) if params else "")
            return blocked_panel(
                valid_lang(query.get("lang")),
                access.login_url(target),
                configured=bool(access.usable_credentials()),
            )
        return layout(**query)

    gated._ilp_gated = True
    return gated


def _wrap_pages() -> None:
    import dash

    for page in dash.page_registry.values():
        if page.get("audience", access.PLANNER) != access.PUBLIC:
            page["layout"] = _gated_layout(page.get("layout"), page["path"])


def init_app(app) -> None:
    """Install ``/masuk``, ``POST /keluar`` and the request gate on a Dash app (call after all routes)."""
    access.check_config()
    server = app.server
    server.config.update(
        SESSION_COOKIE_NAME="ilp_session",
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=os.environ.get("ILP_COOKIE_SECURE", "0").strip() == "1",
        PERMANENT_SESSION_LIFETIME=timedelta(hours=settings().session_hours),
    )
    if access.enabled():
        server.secret_key = access.secret_key()
    login.register(server)
    gate = CallbackGate(app)
    server.before_request(lambda: _gate(app, gate))
    _wrap_pages()
