"""Validated data versions of each region, on disk, shared by every worker process.

The operator's folder ``data/<code>/`` is where files are dropped or edited.
What the app *serves* is never that folder but a validated copy of it::

    <state_dir>/<code>/
        versions/000007/     the files of version 7 (read-only) and MANIFEST.json (sha-256 of each)
        current              "7" — the version every worker serves (replaced atomically)
        problem.json         why the latest change to data/<code>/ was not taken (absent when none)
        folder.json          fingerprint (names, sizes, mtimes) of data/<code>/ last looked at
        lock                 an advisory lock (fcntl) held while a version is made or checked

A new version is written to a temporary folder, renamed into place and only
then named in ``current`` (:func:`os.replace`), so a worker reading the
pointer always finds a complete version. Each worker re-reads the pointer at
most once a second (:mod:`ilp_dash.region.store`), so all workers serve the same
version within about a second of a change. The newest
``settings().keep_versions`` versions (at least 5) are kept and can be
restored; restoring makes a *new* version with the old files, so version
numbers only go up and cached results never mix.

Paths, atomic writes, the lock, ``problem.json`` and the folder fingerprint
are in :mod:`ilp_dash.region.state_dir` (and importable from here).

No Dash here, and no loading of data sets: callers pass a ``load(folder)``
function (:func:`ilp_dash.io.dataset.load_folder`) where a folder must be
validated.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from ilp_dash.config import settings
from ilp_dash.io.problems import DataValidationError
from ilp_dash.region.state_dir import (  # noqa: F401 — callers use these as versions.<name>
    after_fork,
    clear_problem,
    fingerprint,
    folder_changed,
    folder_of,
    is_data_file,
    locked,
    now,
    problem,
    read_json,
    record_folder,
    region_dir,
    set_problem,
    working_folder,
    write_atomic,
)

log = logging.getLogger(__name__)

MANIFEST = "MANIFEST.json"
SETTLE_SECONDS = 2.0  # a file changed less than this long ago may still be being written


class VersionError(RuntimeError):
    """A version cannot be used: missing, damaged, or the data changed meanwhile."""


@dataclass(frozen=True)
class VersionInfo:
    number: int
    created: str
    source: str  # "folder" | "upload" | "restore" | "fallback"
    note: str
    user: str | None
    files: dict[str, str]  # name -> sha-256


# ------------------------------------------------------------------ reading
def current_version(code: str) -> int | None:
    """The version every worker should serve, or ``None`` before the first one."""
    try:
        return int((region_dir(code) / "current").read_text().strip())
    except (OSError, ValueError):
        return None


def info(code: str, number: int) -> VersionInfo | None:
    data = read_json(folder_of(code, number) / MANIFEST)
    if not isinstance(data, dict):
        return None
    return VersionInfo(
        number,
        data.get("created", ""),
        data.get("source", ""),
        data.get("note", ""),
        data.get("user"),
        dict(data.get("files", {})),
    )


def numbers(code: str) -> list[int]:
    """Version numbers on disk, oldest first (complete versions only)."""
    root = region_dir(code) / "versions"
    if not root.is_dir():
        return []
    return sorted(
        int(p.name) for p in root.iterdir() if p.name.isdigit() and (p / MANIFEST).exists()
    )


def list_versions(code: str) -> list[VersionInfo]:
    """Every kept version, newest first."""
    out = [info(code, n) for n in reversed(numbers(code))]
    return [v for v in out if v is not None]


def damaged_files(code: str, number: int) -> list[str]:
    """Files of a version that are missing or whose bytes no longer match the manifest."""
    meta = info(code, number)
    if meta is None:
        return [MANIFEST]
    folder = folder_of(code, number)
    bad = []
    for name, digest in meta.files.items():
        try:
            if hashlib.sha256((folder / name).read_bytes()).hexdigest() != digest:
                bad.append(name)
        except OSError:
            bad.append(name)
    return bad


# ------------------------------------------------------------------ writing versions
def _publish_locked(
    code: str, files: Mapping[str, bytes], *, source: str, note: str, user: str | None
) -> int:
    root = region_dir(code) / "versions"
    root.mkdir(parents=True, exist_ok=True)
    number = max(numbers(code) + [current_version(code) or 0]) + 1
    tmp = Path(tempfile.mkdtemp(prefix=".new-", dir=root))
    try:
        digests = {}
        for name, body in sorted(files.items()):
            if Path(name).name != name or name.startswith("."):
                raise ValueError(f"not a plain file name: {name!r}")
            with open(tmp / name, "wb") as fh:
                fh.write(body)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp / name, 0o444)
            digests[name] = hashlib.sha256(body).hexdigest()
        manifest = {
            "version": number,
            "created": now(),
            "source": source,
            "note": note,
            "user": user,
            "files": digests,
        }
        (tmp / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        os.replace(tmp, folder_of(code, number))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    write_atomic(region_dir(code) / "current", f"{number}\n".encode())
    _prune(code)
    log.info("region %s: version %d (%s %s) is now served", code, number, source, note)
    return number


def _prune(code: str) -> None:
    keep = settings().keep_versions
    current = current_version(code)
    for n in numbers(code)[:-keep]:
        if n != current:
            folder = folder_of(code, n)
            for p in folder.iterdir():
                os.chmod(p, 0o644)
            shutil.rmtree(folder, ignore_errors=True)


def read_files(folder: Path) -> dict[str, bytes]:
    """The data files directly in ``folder`` (what a version holds; none when the folder does not exist)."""
    if not folder.is_dir():
        return {}
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.iterdir())
        if is_data_file(p) and p.name != MANIFEST
    }


def publish(
    code: str,
    files: Mapping[str, bytes],
    *,
    source: str,
    note: str = "",
    user: str | None = None,
    base: int | None = None,
    mirror: Mapping[str, bytes | None] | None = None,
) -> int:
    """Make ``files`` the region's next version and serve it; return its number.

    Parameters
    ----------
    files
        Every file of the new version (name → bytes), already validated.
    base
        The version the files were validated against: when another version has
        been published since, nothing is written and :class:`VersionError` is raised
        (two planners uploading at once must not undo each other).
    mirror
        Files to write into (bytes) or remove from (``None``) ``data/<code>/`` so
        the operator's folder matches the new version.
    """
    with locked(code):
        if base is not None and current_version(code) not in (base, None):
            raise VersionError(
                f"region {code}: version {current_version(code)} was published meanwhile"
            )
        number = _publish_locked(code, files, source=source, note=note, user=user)
        if mirror:
            folder = working_folder(code)
            for name, body in mirror.items():
                if body is None:
                    (folder / name).unlink(missing_ok=True)
                else:
                    write_atomic(folder / name, body)
        record_folder(code)
        clear_problem(code)
        return number


def restore(code: str, number: int, *, user: str | None = None) -> int:
    """Serve version ``number``'s files again, as a new version; the operator's folder follows."""
    if damaged_files(code, number):
        raise VersionError(f"region {code}: version {number} is damaged or missing")
    folder = folder_of(code, number)
    files = read_files(folder)
    live = working_folder(code)
    mirror: dict[str, bytes | None] = (
        {p.name: None for p in live.iterdir() if is_data_file(p)} if live.is_dir() else {}
    )
    mirror.update(files)
    return publish(code, files, source="restore", note=str(number), user=user, mirror=mirror)


def ensure(code: str, load: Callable[[Path], object]) -> int:
    """The version to serve, making version 1 from ``data/<code>/`` the first time.

    Raises whatever ``load`` raises (:class:`~ilp_dash.io.problems.DataValidationError`)
    when there is no version yet and the folder is not valid.
    """
    number = current_version(code)
    if number is not None:
        return number
    with locked(code):
        number = current_version(code)
        if number is not None:
            return number
        load(working_folder(code))
        number = _publish_locked(
            code, read_files(working_folder(code)), source="folder", note="", user=None
        )
        record_folder(code)
        return number


def sync_folder(
    code: str, load: Callable[[Path], object], *, now: float | None = None
) -> int | None:
    """Take changes made directly in ``data/<code>/``: a new version when valid, a problem when not.

    Returns the new version's number, or ``None`` when nothing was published
    (no change, files still being written, another worker checking, or invalid
    files — then ``problem.json`` says why and the served version stays).
    """
    if current_version(code) is None or not folder_changed(code):
        return None
    with locked(code, wait=False) as got:
        if not got or not folder_changed(code):
            return None
        now = time.time() if now is None else now
        fp = fingerprint(working_folder(code))
        if any(now - mtime / 1e9 < SETTLE_SECONDS for _, mtime in fp.values()):
            return None  # still being copied in; look again later
        previous = read_json(region_dir(code) / "folder.json") or {}
        changed = sorted(n for n in set(fp) | set(previous) if fp.get(n) != previous.get(n))
        serving = current_version(code)
        try:
            load(working_folder(code))
        except DataValidationError as exc:
            problems = [asdict(p) for p in exc.report.errors][:50]
            set_problem(code, kind="folder", files=changed, problems=problems, serving=serving)
            record_folder(code)
            log.warning(
                "region %s: files in %s not taken (%s); still serving version %s",
                code,
                working_folder(code),
                ", ".join(changed),
                serving,
            )
            return None
        except Exception as exc:  # unreadable bytes: same outcome, never a crash
            problems = [
                {
                    "file": ", ".join(changed),
                    "row": None,
                    "column": None,
                    "severity": "error",
                    "code": "file_unreadable",
                    "message_id": f"Berkas tidak dapat dibaca ({type(exc).__name__}).",
                    "message_en": f"The file cannot be read ({type(exc).__name__}).",
                    "fix_id": "Buka berkas di Excel/LibreOffice, simpan ulang, lalu salin lagi ke folder data.",
                    "fix_en": "Open the file in Excel/LibreOffice, save it again, then copy it back.",
                }
            ]
            set_problem(code, kind="folder", files=changed, problems=problems, serving=serving)
            record_folder(code)
            log.warning("region %s: files in %s unreadable (%s)", code, working_folder(code), exc)
            return None
        number = _publish_locked(
            code,
            read_files(working_folder(code)),
            source="folder",
            note=", ".join(changed),
            user=None,
        )
        record_folder(code)
        clear_problem(code)
        return number


def fall_back(code: str, bad: int, load: Callable[[Path], object]) -> int:
    """Version ``bad`` cannot be read: serve the newest good older one (all workers follow); return it."""
    with locked(code):
        now = current_version(code)
        if now is not None and now != bad and not damaged_files(code, now):
            return now  # another worker has already moved on
        for number in reversed(numbers(code)):
            if number >= bad or damaged_files(code, number):
                continue
            try:
                load(folder_of(code, number))
            except Exception:  # any unreadable version is skipped
                continue
            files = read_files(folder_of(code, number))
            new = _publish_locked(
                code, files, source="fallback", note=f"{bad}->{number}", user=None
            )
            set_problem(
                code, kind="damaged", files=damaged_files(code, bad), problems=[], serving=new
            )
            return new
        raise VersionError(f"region {code}: no readable version left")
