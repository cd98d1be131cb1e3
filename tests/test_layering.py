"""io/ and analysis/ must not import Dash (style.md: data in -> analysis -> ui)."""

import re

from .conftest import ROOT

PATTERN = re.compile(r"^\s*(import dash|from dash)\b", re.M)


def test_io_and_analysis_do_not_import_dash():
    offenders = [
        str(p.relative_to(ROOT))
        for folder in ("ilp_dash/io", "ilp_dash/analysis")
        for p in (ROOT / folder).rglob("*.py")
        if PATTERN.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_app_never_reads_shared_folder():
    for p in (ROOT / "ilp_dash").rglob("*.py"):
        assert "shared/data" not in p.read_text(encoding="utf-8"), p
