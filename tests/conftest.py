from pathlib import Path

import pytest

from ilp_dash.io.geodata import load_region

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data" / "wilayah_boundaries"


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
