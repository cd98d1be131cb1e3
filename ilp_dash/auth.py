"""Planner login (placeholder interface; see ilp_dash.auth in the full implementation)."""

from __future__ import annotations

PUBLIC_PAGES = ("/", "/layar")
PLANNER_PAGES = ("/cakupan", "/stunting", "/rujukan", "/ambulans", "/unggah")


def init_app(app) -> None:
    """Install the login routes and the request gate on a Dash app."""


def enabled() -> bool:
    return False


def current_user() -> str | None:
    return None


def is_planner() -> bool:
    """True when the request comes from a logged-in planner (or login is switched off)."""
    return True
