"""Reference data for the web app: the validated data version every worker serves.

Each region's data set has a *version* (:mod:`ilp_dash.region.versions`): a validated
copy of ``data/<code>/`` on disk, named in ``<state_dir>/<code>/current``.
Every worker process re-reads that pointer at most once per
:data:`CHECK_SECONDS` and loads a new version when it changes, so all workers
serve the same numbers within about a second of an upload or a restore.
Results are cached under ``(code, version)`` (:mod:`ilp_dash.region.results`), so a
swap never mixes old and new numbers.

Every :data:`SYNC_SECONDS` a worker also looks at ``data/<code>/`` itself (in a
background thread, requests or not): a valid change there becomes a new version; an invalid or
unreadable file becomes a planner warning (``versions.problem``) and nothing
else — the last good version stays served. A version whose files were damaged
on disk is never served: the newest good one is (:func:`versions.fall_back`).
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ilp_dash.config import settings
from ilp_dash.io.dataset import Dataset, load_folder
from ilp_dash.io.geodata import region_codes
from ilp_dash.region import versions

log = logging.getLogger(__name__)

CHECK_SECONDS = 1.0
SYNC_SECONDS = 3.0


@dataclass
class _Held:
    version: int
    data: Dataset
    folder: Path | None  # the version's files (None: a data set handed to replace())
    checked: float = 0.0
    pinned: bool = False  # set by replace(): served as is, the pointer on disk is not followed


_lock = threading.Lock()
_region_locks: dict[str, threading.Lock] = {}
_current: dict[str, _Held] = {}
_watching = True
_watcher_pid: int | None = None


def _load(folder: Path, code: str) -> Dataset:
    return load_folder(code, folder)


def _region_lock(code: str) -> threading.Lock:
    with _lock:
        return _region_locks.setdefault(code, threading.Lock())


def _load_version(code: str, number: int) -> tuple[int, Dataset]:
    """Load version ``number``, or — when its files are damaged — the version the region falls back to."""
    for _ in range(3):
        damaged = versions.damaged_files(code, number)
        if not damaged:
            try:
                return number, _load(versions.folder_of(code, number), code)
            except Exception:  # checked bytes that no longer load: treat as damaged
                log.exception("region %s: version %d does not load", code, number)
        log.error(
            "region %s: version %d is damaged (%s); falling back",
            code,
            number,
            ", ".join(damaged) or "load",
        )
        number = versions.fall_back(code, number, lambda folder: _load(folder, code))
    raise versions.VersionError(f"region {code}: no version can be loaded")


def _refresh(code: str, held: _Held | None, now: float) -> _Held:
    number = versions.current_version(code)
    if number is None:
        number = versions.ensure(code, lambda folder: _load(folder, code))
    if held is None or number != held.version:
        number, data = _load_version(code, number)
        held = _Held(number, data, versions.folder_of(code, number))
    held.checked = now
    return held


def _watch() -> None:
    """Look at every loaded region's ``data/<code>/`` every :data:`SYNC_SECONDS`, requests or not."""
    while True:
        for code, held in list(_current.items()):
            if held.pinned:
                continue
            try:
                versions.sync_folder(code, lambda folder, code=code: _load(folder, code))
            except Exception:  # a failed look is retried at the next interval
                log.exception("region %s: checking data folder failed", code)
        time.sleep(max(SYNC_SECONDS, 0.05))


def _start_watch() -> None:
    """One watcher thread per worker process (not in a gunicorn master that is about to fork)."""
    global _watcher_pid
    if not _watching or _watcher_pid == os.getpid():
        return
    with _lock:
        if _watcher_pid == os.getpid():
            return
        _watcher_pid = os.getpid()
    threading.Thread(target=_watch, name="ilp-data-watch", daemon=True).start()


def pause_watch() -> None:
    """No watcher thread in this process (a gunicorn master: threads do not survive fork)."""
    global _watching
    _watching = False


def current(code: str, *, fresh: bool = False) -> tuple[int, Dataset]:
    """``(version, data set)`` being served for a region (version 1 made from ``data/<code>/`` on first use).

    ``fresh=True`` reads the version pointer now rather than up to a second ago.
    """
    now = time.monotonic()

    def stale(held: _Held | None) -> bool:
        return held is None or (not held.pinned and (fresh or now - held.checked >= CHECK_SECONDS))

    held = _current.get(code)
    if not stale(held):
        return held.version, held.data
    with _region_lock(code):
        held = _current.get(code)
        if stale(held):
            held = _refresh(code, held, now)
            _current[code] = held
        _start_watch()
        return held.version, held.data


def dataset(code: str) -> Dataset:
    """The region's data set now being served."""
    return current(code)[1]


def version(code: str) -> int:
    return current(code)[0]


def folder(code: str) -> Path:
    """The folder holding the files of the version being served (``data/<code>/`` for a handed-in data set)."""
    current(code)
    held = _current[code]
    return held.folder if held.folder is not None else settings().data_dir / code


def install(code: str, number: int, data: Dataset) -> None:
    """Serve ``data``, already loaded from version ``number``, in this worker now (after an upload)."""
    with _region_lock(code):
        _current[code] = _Held(
            number, data, versions.folder_of(code, number), checked=time.monotonic()
        )


def replace(code: str, data: Dataset) -> int:
    """Serve ``data`` for ``code`` in this process from now on, ignoring the disk (tests); return its version."""
    with _region_lock(code):
        old = _current[code].version if code in _current else 0
        _current[code] = _Held(old + 1, data, None, pinned=True)
        return old + 1


def loaded_codes() -> list[str]:
    with _lock:
        return list(_current)


def served_versions() -> dict[str, int]:
    """``{code: version}`` of the regions this worker has loaded."""
    with _lock:
        return {code: held.version for code, held in _current.items()}


def reset(code: str | None = None) -> None:
    """Forget loaded data (tests); the next call reloads from disk."""
    with _lock:
        if code is None:
            _current.clear()
        else:
            _current.pop(code, None)


def after_fork() -> None:
    """In a freshly forked worker: new locks (one held by another thread at fork time would never be released)."""
    global _lock, _watching, _watcher_pid
    _lock = threading.Lock()
    _region_locks.clear()
    _watching, _watcher_pid = True, None
    versions.after_fork()


def valid_region(code: str | None) -> str:
    codes = region_codes()
    return code if code in codes else settings().default_region
