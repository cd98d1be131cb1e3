"""Create the Dash app (multi-page, Dash Pages)."""

from __future__ import annotations

from pathlib import Path

import dash
from dash import Dash, dcc, html

PACKAGE = Path(__file__).resolve().parent


def create_app() -> Dash:
    app = Dash(
        __name__,
        use_pages=True,
        pages_folder=str(PACKAGE / "pages"),
        assets_folder=str(PACKAGE.parent / "assets"),
        title="ILP Dash",
        update_title=None,
        serve_locally=True,
    )
    app.layout = html.Div([dcc.Location(id="url", refresh="callback-nav"), dash.page_container], className="shell")
    return app
