"""Shared cache of analysis results across worker processes (Flask-Caching).

Every gunicorn worker keeps its own in-memory results (``lru_cache`` in
:mod:`ilp_dash.region.results`); this cache sits behind them so that an analysis is
computed once per data version for *all* workers, and survives a worker
restart:

* default: ``FileSystemCache`` in ``<ILP_CACHE_DIR or <state dir>/cache>/results``;
* ``REDIS_URL`` set: ``RedisCache`` on that server (several machines, or a
  cache that should not touch the disk).

Entries expire after a day (:data:`DEFAULT_TIMEOUT`) and their keys start
with ``ilp:``. The cache is an optimisation only: :func:`fetch` logs a
warning and computes the value when the cache cannot be read or written
(Redis down, a value that does not pickle), so a request never fails
because of it. Connections are opened on first use in the process that uses
them, never in the gunicorn master.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from ilp_dash.config import PROJECT_ROOT, settings

DEFAULT_TIMEOUT = 24 * 3600
KEY_PREFIX = "ilp:"
REDIS_TIMEOUT_S = 2.0  # a Redis that does not answer within 2 s counts as down
FILE_CACHE_ENTRIES = 2000  # entries kept on disk before the oldest are pruned

log = logging.getLogger(__name__)
_cache = None


def results_dir() -> Path:
    """``<ILP_CACHE_DIR or <state dir>/cache>/results`` (created when missing)."""
    s = settings()
    path = (s.cache_dir or s.state_dir / "cache") / "results"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _config() -> dict[str, Any]:
    s = settings()
    common = {"CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT, "CACHE_KEY_PREFIX": KEY_PREFIX}
    if s.redis_url:
        return {
            **common,
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": s.redis_url,
            "CACHE_OPTIONS": {
                "socket_timeout": REDIS_TIMEOUT_S,
                "socket_connect_timeout": REDIS_TIMEOUT_S,
            },
        }
    return {
        **common,
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": str(results_dir()),
        "CACHE_THRESHOLD": FILE_CACHE_ENTRIES,
    }


def init_app(server) -> None:
    """Attach the shared cache (filesystem, or Redis when REDIS_URL is set) to the Flask server."""
    global _cache
    from flask_caching import Cache

    _cache = Cache(app=server, config=_config())  # bound to the app: usable outside a request


def shared():
    """The :class:`flask_caching.Cache` (``get``/``set``), or ``None`` before :func:`init_app`."""
    return _cache


def _git_commit(root: Path) -> str:
    """The checked-out commit of a git clone, read from ``.git`` (no git command), or ``""``."""
    git = root / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head[5:]
        if (git / ref).exists():
            return (git / ref).read_text().strip()
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    except OSError:
        pass
    return ""


@lru_cache(maxsize=1)
def code_tag() -> str:
    """Which release of the app computed a result: package version and git commit (changes with each update)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        release = version("ilp-dash")
    except PackageNotFoundError:
        release = "?"
    return hashlib.sha256(f"{release}:{_git_commit(PROJECT_ROOT)}".encode()).hexdigest()[:12]


def describe() -> str:
    """Where the shared cache lives, for logs (``redis://…`` without password, or the folder)."""
    s = settings()
    if s.redis_url:
        from urllib.parse import urlsplit

        url = urlsplit(s.redis_url)
        return f"{url.scheme}://{url.hostname}:{url.port or 6379}{url.path}"
    return str(results_dir())


def fetch(key: str, compute: Callable[[], Any]) -> Any:
    """The value stored under ``key``, else ``compute()`` (then stored); cache trouble only logs a warning.

    Values are stored wrapped in a 1-tuple, so a computed ``None`` is a hit too.
    """
    box = _cache
    if box is None:
        return compute()
    try:
        held = box.get(key)
    except Exception as exc:  # noqa: BLE001 - any backend failure: compute instead
        log.warning("shared cache unreadable (%s), computing %s: %s", describe(), key, exc)
        held = None
    if isinstance(held, tuple) and len(held) == 1:
        return held[0]
    value = compute()
    try:
        box.set(key, (value,))
    except Exception as exc:  # noqa: BLE001 - a value that does not pickle, Redis down, disk full
        log.warning("shared cache not written (%s), key %s: %s", describe(), key, exc)
    return value


def after_fork() -> None:
    """Drop any Redis connection copied from the parent process (gunicorn ``post_fork``)."""
    box = _cache
    if box is None or not box.app:
        return
    backend = box.app.extensions.get("cache", {}).get(box)
    for client in {
        getattr(backend, "_write_client", None),
        getattr(backend, "_read_client", None),
    } - {None}:
        pool = getattr(client, "connection_pool", None)
        if pool is not None:
            pool.reset()
