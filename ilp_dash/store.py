"""Reference data for the web app: loaded once per worker, then read-only."""

from __future__ import annotations

from functools import lru_cache

from ilp_dash.config import settings
from ilp_dash.io.dataset import Dataset, find_files, load_dataset
from ilp_dash.io.geodata import region_codes


@lru_cache(maxsize=8)
def dataset(code: str) -> Dataset:
    """The region's data set from ``data/<code>/`` (boundaries only when it has no folder)."""
    folder = settings().data_dir / code
    files = find_files(folder) if folder.is_dir() else {}
    return load_dataset(code, files)


def valid_region(code: str | None) -> str:
    codes = region_codes()
    return code if code in codes else settings().default_region
