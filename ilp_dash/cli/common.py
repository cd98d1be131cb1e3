"""Helpers shared by the analysis sub-commands."""

from __future__ import annotations

import sys
from pathlib import Path

from ilp_dash.config import settings


def load_region_data(region: str, data: str | None):
    """Load and validate ``data/<region>`` (or ``data``); print the report and exit 1 on errors."""
    from ilp_dash.io.dataset import load_folder
    from ilp_dash.io.problems import DataValidationError

    folder = Path(data) if data else settings().data_dir / region
    try:
        return load_folder(region, folder)
    except DataValidationError as exc:
        print(exc.report.to_text(), file=sys.stderr)
        raise SystemExit(1) from None


def write_table(frame, out: str | None) -> None:
    """CSV to ``out`` (UTF-8), or to standard output; names that look like formulas are quoted."""
    from ilp_dash.io.safe_export import safe_cells

    frame = safe_cells(frame)
    if out:
        frame.to_csv(out, index=False)
        print(f"{len(frame)} baris ditulis ke / rows written to {out}", file=sys.stderr)
    else:
        frame.to_csv(sys.stdout, index=False)
