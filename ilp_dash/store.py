"""Reference data for the web app: loaded once per worker, then read-only.

Every region's data set has a *version*: it starts at 0 when loaded from
``data/<code>/`` and goes up by one each time :func:`replace` swaps in a new,
fully validated data set (an upload). Results computed from a data set are
cached under ``(code, version)`` (see :mod:`ilp_dash.results`), so a swap never
mixes old and new numbers and a rejected file changes nothing.
"""

from __future__ import annotations

import threading

from ilp_dash.config import settings
from ilp_dash.io.dataset import Dataset
from ilp_dash.io.geodata import region_codes

_lock = threading.Lock()
_current: dict[str, tuple[int, Dataset]] = {}


def _load(code: str) -> Dataset:
    """``data/<code>/`` with its uploaded boundary file if one was accepted (else the bundled boundaries)."""
    from ilp_dash.uploads import load_region_folder

    return load_region_folder(code, settings().data_dir / code)


def current(code: str) -> tuple[int, Dataset]:
    """``(version, data set)`` of a region, loading ``data/<code>/`` on first use."""
    with _lock:
        if code not in _current:
            _current[code] = (0, _load(code))
        return _current[code]


def dataset(code: str) -> Dataset:
    """The region's data set now being served."""
    return current(code)[1]


def version(code: str) -> int:
    return current(code)[0]


def replace(code: str, data: Dataset) -> int:
    """Serve ``data`` for ``code`` from now on; return the new version."""
    with _lock:
        old = _current.get(code, (-1, None))[0]
        _current[code] = (old + 1, data)
        return old + 1


def loaded_codes() -> list[str]:
    with _lock:
        return list(_current)


def served_versions() -> dict[str, int]:
    """``{code: version}`` of the regions this worker has loaded."""
    with _lock:
        return {code: held[0] for code, held in _current.items()}


def reset(code: str | None = None) -> None:
    """Forget loaded data (tests); the next call reloads from disk."""
    with _lock:
        if code is None:
            _current.clear()
        else:
            _current.pop(code, None)


def valid_region(code: str | None) -> str:
    codes = region_codes()
    return code if code in codes else settings().default_region
