"""The background-callback manager: long callbacks run in a worker process, results in a disk cache.

Dash's :class:`~dash.DiskcacheManager` keeps each job's progress and result
in a :class:`diskcache.Cache`; the browser polls for them, so a slow
computation (e.g. the ambulance coverage curve) never blocks the server's
request threads. The cache folder is ``ILP_CACHE_DIR`` when set, otherwise a
fixed folder in the system temp dir (the same path in every worker process,
which the manager needs). In production the same callbacks can run on a
Celery manager instead.

Use it as ``@callback(..., background=True, manager=manager())``.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

import dash
import diskcache


def cache_dir() -> Path:
    """``ILP_CACHE_DIR`` or ``<temp>/ilp-dash-cache-<uid>``, created when missing."""
    given = os.environ.get("ILP_CACHE_DIR")
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    path = Path(given) if given else Path(tempfile.gettempdir()) / f"ilp-dash-cache-{uid}"
    path.mkdir(parents=True, exist_ok=True)
    return path


@lru_cache(maxsize=1)
def manager() -> dash.DiskcacheManager:
    """One manager per process; results expire after an hour."""
    return dash.DiskcacheManager(diskcache.Cache(str(cache_dir())), expire=3600)
