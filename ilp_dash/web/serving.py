"""Production serving: the app under gunicorn (``ilp-dash serve --prod``).

One master process loads the app and the default region's results, then forks
``workers`` processes with ``threads`` request threads each ("gthread"). The
master starts no thread before forking, and every connection (shared cache,
background-job store) is opened lazily in the process that uses it, so no
worker inherits a socket or an SQLite handle from the master.

Defaults, chosen for the 2-core server of a district health office:

* ``workers = cores + 1`` (3 on two cores), at most 4: an analysis callback
  holds the GIL, so more processes than cores only help while others wait on
  the network; each worker holds its own copy of the boundaries and data sets
  (measured: about 230 MB resident serving one region, 310 MB with the four
  sample regions; right after the fork most of it is shared with the master),
  so more workers cost memory, not speed.
* ``threads = 4`` per worker: most requests (layouts, GeoJSON, small
  callbacks) are short and wait on the client; four threads keep a slow
  download from blocking the worker.
* ``max_requests = 2000`` with ``max_requests_jitter = 200``: a worker is
  replaced after 2000-2200 requests (about a day of the lobby display plus
  normal office use), which bounds any slow leak; the replacement is forked
  from the preloaded master, so it starts with warm results.
* ``timeout = 120``: the slowest callback (the ambulance coverage curve) runs
  in the background manager, not in the request; 120 s only catches a stuck
  worker. ``graceful_timeout = 30``, ``keepalive = 5`` (behind nginx).
"""

from __future__ import annotations

import logging
import os
import sys
import threading

from ilp_dash.config import settings
from ilp_dash.region import briefing, cache, store
from ilp_dash.web import background
from ilp_dash.web.app import create_app

DEFAULT_THREADS = 4
MAX_DEFAULT_WORKERS = 4
MAX_REQUESTS = 2000
MAX_REQUESTS_JITTER = 200

log = logging.getLogger(__name__)


def default_workers(cores: int | None = None) -> int:
    """``cores + 1``, at most :data:`MAX_DEFAULT_WORKERS` (memory: every worker holds the data sets)."""
    cores = cores or os.cpu_count() or 1
    return max(2, min(cores + 1, MAX_DEFAULT_WORKERS))


def create_prod_app():
    """A new Dash app whose Flask server is configured for production (gunicorn and :mod:`ilp_dash.web.wsgi`)."""
    return create_app()


def _post_fork(server, worker) -> None:
    """In each new worker: fresh random state and no connection inherited from the master."""
    import random

    import numpy as np

    random.seed()
    np.random.seed()
    cache.after_fork()
    store.after_fork()


def _when_ready(server) -> None:
    host, port = server.address[0][:2]
    shown = "127.0.0.1" if host in ("0.0.0.0", "") else host
    print(
        f"ILP Dash berjalan di / running at http://{shown}:{port}/ "
        f"({server.num_workers} worker x {server.cfg.threads} thread)",
        flush=True,
    )


def _options(
    host: str,
    port: int,
    workers: int,
    threads: int,
    access_log: bool,
    max_requests: int = MAX_REQUESTS,
) -> dict:
    return {
        "bind": f"{host}:{port}",
        "worker_class": "gthread",
        "workers": workers,
        "threads": threads,
        "preload_app": True,
        "timeout": 120,
        "graceful_timeout": 30,
        "keepalive": 5,
        "max_requests": max_requests,
        "max_requests_jitter": MAX_REQUESTS_JITTER if max_requests else 0,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "ilp-dash",
        "control_socket_disable": True,  # gunicorn >= 25: no runtime control socket in $HOME
        "post_fork": _post_fork,
        "when_ready": _when_ready,
    }


def _join_threads(timeout: float = 120.0) -> None:
    """Wait for threads the app started while loading (e.g. the data-folder check of :mod:`ilp_dash.region.store`).

    A thread alive at fork would not exist in the workers, yet its locks and
    "in progress" marks would be copied into them.
    """
    for t in threading.enumerate():
        if t is not threading.main_thread() and t.is_alive():
            t.join(timeout)
            if t.is_alive():
                log.warning("thread %s still running at fork", t.name)


def _application_class():
    from gunicorn.app.base import BaseApplication

    class ProdApplication(BaseApplication):
        """gunicorn run from Python: options from :func:`_options`, the app loaded (and warmed) in the master."""

        def __init__(self, options: dict):
            self.options = options
            super().__init__()

        def load_config(self) -> None:
            for key, value in self.options.items():
                if key in self.cfg.settings:  # older gunicorn lacks some (control_socket_disable)
                    self.cfg.set(key, value)

        def load(self):
            store.pause_watch()  # the master forks: its threads would not exist in the workers
            server = create_prod_app().server
            code = settings().default_region
            print(
                f"Menyiapkan hasil analisis {code} / preparing the analyses of {code} …", flush=True
            )
            briefing.warm(code)  # synchronously, in the master: every worker forks with it
            _join_threads()
            return server

    return ProdApplication


def run(
    *,
    host: str,
    port: int,
    workers: int | None = None,
    threads: int | None = None,
    access_log: bool = False,
    max_requests: int | None = None,
) -> int:
    """Serve the app under gunicorn until SIGTERM/SIGINT; returns the exit status."""
    os.environ["ILP_PROD"] = "1"  # before the app exists: login is required in production
    settings.cache_clear()
    if background.uses_celery():
        try:
            background.broker_url()
        except background.BackgroundConfigError as exc:
            print(exc, file=sys.stderr)
            return 2
    options = _options(
        host,
        port,
        workers or default_workers(),
        threads or DEFAULT_THREADS,
        access_log,
        MAX_REQUESTS if max_requests is None else max(0, max_requests),
    )
    sys.argv = [sys.argv[0]]  # gunicorn must not parse the ilp-dash arguments
    _application_class()(options).run()
    return 0
