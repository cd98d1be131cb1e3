"""A region's state folder: paths, atomic writes, the lock, ``problem.json`` and the operator's folder.

The small pieces :mod:`ilp_dash.region.versions` builds on (see its docstring
for the layout of ``<state_dir>/<code>/``): where things are, how a file is
replaced so a reader never sees half of it, the advisory lock held across
processes while a version is made or checked, what is wrong with the region's
files now, and the fingerprint (names, sizes, mtimes) of ``data/<code>/``.
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from ilp_dash.config import settings

_thread_locks: dict[str, threading.Lock] = {}
_thread_locks_guard = threading.Lock()


# ------------------------------------------------------------------ paths and small files
def region_dir(code: str) -> Path:
    return settings().state_dir / code


def folder_of(code: str, number: int) -> Path:
    """The folder holding version ``number``'s files."""
    return region_dir(code) / "versions" / f"{number:06d}"


def working_folder(code: str) -> Path:
    """``data/<code>/``: the operator's folder."""
    return settings().data_dir / code


def write_atomic(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Write ``path`` so a reader sees the old file or the whole new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: Path, value: object) -> None:
    """Write ``value`` as JSON, atomically (:func:`write_atomic`)."""
    write_atomic(path, json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8"))


def read_json(path: Path) -> object | None:
    """The JSON value in ``path``; ``None`` when missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def now() -> str:
    """The local time, to the second, as ISO 8601 text."""
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


@contextmanager
def locked(code: str, *, wait: bool = True) -> Iterator[bool]:
    """Hold the region's lock across processes (and threads); yields ``False`` when ``wait=False`` and busy."""
    with _thread_locks_guard:
        tlock = _thread_locks.setdefault(code, threading.Lock())
    if not tlock.acquire(blocking=wait):
        yield False
        return
    try:
        path = region_dir(code) / "lock"
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)
    finally:
        tlock.release()


def after_fork() -> None:
    """New thread locks in a freshly forked worker process."""
    global _thread_locks_guard
    _thread_locks_guard = threading.Lock()
    _thread_locks.clear()


def problem(code: str) -> dict | None:
    """What is wrong with the region's files now (shown to planners), or ``None``."""
    data = read_json(region_dir(code) / "problem.json")
    return data if isinstance(data, dict) else None


def set_problem(
    code: str, *, kind: str, files: list[str], problems: list[dict], serving: int | None
) -> None:
    write_json(
        region_dir(code) / "problem.json",
        {
            "kind": kind,
            "detected": now(),
            "files": files,
            "problems": problems,
            "serving": serving,
        },
    )


def clear_problem(code: str) -> None:
    (region_dir(code) / "problem.json").unlink(missing_ok=True)


# ------------------------------------------------------------------ the operator's folder
def is_data_file(path: Path) -> bool:
    """A file a planner put there: not hidden, not an Office lock file, not half-written."""
    name = path.name
    return (
        path.is_file() and not name.startswith((".", "~$")) and not name.endswith((".part", ".tmp"))
    )


def fingerprint(folder: Path) -> dict[str, list[int]]:
    """``{name: [size, mtime_ns]}`` of the data files directly in ``folder``."""
    if not folder.is_dir():
        return {}
    out = {}
    for p in sorted(folder.iterdir()):
        if is_data_file(p):
            st = p.stat()
            out[p.name] = [st.st_size, st.st_mtime_ns]
    return out


def record_folder(code: str) -> None:
    """Remember the operator's folder as it is now (``folder.json``)."""
    write_json(region_dir(code) / "folder.json", fingerprint(working_folder(code)))


def folder_changed(code: str) -> bool:
    """Whether ``data/<code>/`` changed since :func:`record_folder`."""
    return read_json(region_dir(code) / "folder.json") != fingerprint(working_folder(code))
