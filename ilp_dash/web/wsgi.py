"""WSGI entry point for running gunicorn yourself: ``gunicorn ilp_dash.web.wsgi:server``.

``ilp-dash serve --prod`` does the same with tuned options (see :mod:`ilp_dash.web.serving`).
``celery_app`` is the Celery application of the background callbacks when
``ILP_BACKGROUND=celery`` (``celery -A ilp_dash.web.wsgi:celery_app worker``), else ``None``;
importing this module creates the app, so every callback is registered in the worker.
"""

from __future__ import annotations

from ilp_dash.web import background
from ilp_dash.web.serving import create_prod_app

app = create_prod_app()
server = app.server  # the WSGI callable
celery_app = background.celery_app() if background.uses_celery() else None
