"""The background-callback manager: long callbacks run outside the request, the browser polls for results.

Two set-ups (``ILP_BACKGROUND``):

* ``diskcache`` (default): Dash's :class:`~dash.DiskcacheManager` runs each job
  in a child process of the web worker and keeps progress and result in a
  :class:`diskcache.Cache`. The cache folder is ``ILP_CACHE_DIR`` when set,
  otherwise a fixed folder in the system temp dir (the same path in every
  worker process, which the manager needs). Nothing else to run.
* ``celery``: Dash's :class:`~dash.CeleryManager`; jobs go to a Celery
  worker (``ilp-dash worker``) through Redis, which is both broker and result
  backend: ``ILP_CELERY_BROKER_URL`` when set, else ``REDIS_URL``. The
  worker imports :mod:`ilp_dash.web.wsgi`, which creates the app and so registers
  every background callback as a Celery task.

The app is created with ``background_callback_manager=manager()``
(:func:`ilp_dash.web.app.create_app`), so a page only says ``@callback(..., background=True)``.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import dash
import diskcache

from ilp_dash.config import settings

EXPIRE_S = 3600


class BackgroundConfigError(ValueError):
    """``ILP_BACKGROUND=celery`` without a Redis URL (message in Bahasa Indonesia and English)."""


def cache_dir() -> Path:
    """``ILP_CACHE_DIR`` or ``<temp>/ilp-dash-cache-<uid>``, created when missing."""
    given = os.environ.get("ILP_CACHE_DIR")
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    path = Path(given) if given else Path(tempfile.gettempdir()) / f"ilp-dash-cache-{uid}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def uses_celery() -> bool:
    """True when ``ILP_BACKGROUND=celery``."""
    return settings().background == "celery"


def broker_url() -> str:
    """``ILP_CELERY_BROKER_URL``, else ``REDIS_URL``; raises :class:`BackgroundConfigError` when neither is set."""
    url = os.environ.get("ILP_CELERY_BROKER_URL") or settings().redis_url
    if not url:
        raise BackgroundConfigError(
            "ILP_BACKGROUND=celery memerlukan REDIS_URL atau ILP_CELERY_BROKER_URL (mis. redis://localhost:6379/1). / "
            "ILP_BACKGROUND=celery needs REDIS_URL or ILP_CELERY_BROKER_URL (e.g. redis://localhost:6379/1)."
        )
    return url


@lru_cache(maxsize=1)
def celery_app():
    """The Celery application of the background callbacks (Redis as broker and result backend)."""
    from celery import Celery

    url = broker_url()
    app = Celery("ilp_dash", broker=url, backend=url)
    app.conf.update(
        result_expires=EXPIRE_S,
        task_acks_late=False,
        worker_prefetch_multiplier=1,  # one long job at a time per worker process
        broker_connection_retry_on_startup=True,
        worker_hijack_root_logger=False,
    )
    return app


@lru_cache(maxsize=1)
def manager() -> dash.DiskcacheManager | dash.CeleryManager:
    """One manager per process: Celery when configured, else a disk cache; results expire after an hour."""
    if uses_celery():
        return dash.CeleryManager(celery_app(), expire=EXPIRE_S)
    return dash.DiskcacheManager(diskcache.Cache(str(cache_dir())), expire=EXPIRE_S)
