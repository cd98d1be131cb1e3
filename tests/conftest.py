import os
import shutil
from pathlib import Path

import pytest

from ilp_dash.io.geodata import load_region

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "wilayah_boundaries"


@pytest.fixture(scope="session", autouse=True)
def served_data_copy(tmp_path_factory):
    """Serve a copy of data/ in every test, so data versions and state never land in the repository."""
    from ilp_dash.config import settings

    if os.environ.get("ILP_DATA_DIR"):
        yield
        return
    copy = tmp_path_factory.mktemp("served") / "data"
    shutil.copytree(ROOT / "data", copy, ignore=shutil.ignore_patterns(".ilp", ".staging"))
    os.environ["ILP_DATA_DIR"] = str(copy)
    settings.cache_clear()
    yield
    os.environ.pop("ILP_DATA_DIR", None)
    settings.cache_clear()


@pytest.fixture(scope="session")
def jepara():
    return load_region("33.20")


@pytest.fixture
def write(tmp_path):
    """Write a text file into tmp_path and return its path."""

    def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
        p = tmp_path / name
        p.write_text(text, encoding=encoding)
        return p

    return _write
