"""Write built regions into a regions folder: the bundled ``geodata/`` or the added-regions folder.

A folder holds ``regions.json`` (one entry per region, sorted by code), one
sub-folder per region with ``villages``, ``kecamatan`` and ``regency``
GeoJSON files, and the source's licence. A region's folder is written beside
the old one and swapped in whole; the index is replaced in one rename. The
layers come from :func:`ilp_dash.io.wilayah_source.build_all`; the reader is
:mod:`ilp_dash.io.geodata`.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

ATTRIBUTION = (
    "Batas wilayah: cahyadsn/wilayah_boundaries (MIT), Kepmendagri No 300.2.2-2430 Tahun 2025"
)


def _entry(built: dict) -> dict:
    vil = built["villages"]
    minx, miny, maxx, maxy = built["regency"].total_bounds
    return {
        "code": built["code"],
        "name": built["name"],
        "villages": int(len(vil)),
        "desa": int((vil["tipe"] == "desa").sum()),
        "kelurahan": int((vil["tipe"] == "kelurahan").sum()),
        "kecamatan": int(len(built["kecamatan"])),
        "area_km2": float(built["regency"]["luas_km2"].iloc[0]),
        "bbox": [round(float(v), 5) for v in (minx, miny, maxx, maxy)],
        "repaired_geometries": built["repaired"],
        "attribution": ATTRIBUTION,
    }


def write_region(built: dict, out_dir: Path, region: str) -> dict:
    """Write the layers of one region (replacing the folder whole) and return its index entry."""
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / f".staging-{region}-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    for layer in ("villages", "kecamatan", "regency"):
        built[layer].to_file(
            staging / f"{layer}.geojson", driver="GeoJSON", COORDINATE_PRECISION=6, WRITE_NAME=False
        )
    target, old = out_dir / region, out_dir / f".old-{region}-{os.getpid()}"
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return _entry({**built, "code": region})


def _write_index(out_dir: Path, entries: list[dict]) -> None:
    index_path = out_dir / "regions.json"
    index = {}
    if index_path.exists():
        index = {e["code"]: e for e in json.loads(index_path.read_text(encoding="utf-8"))}
    index.update({e["code"]: e for e in entries})
    tmp = out_dir / f".regions.json.{os.getpid()}"
    tmp.write_text(
        json.dumps([index[k] for k in sorted(index)], ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    os.replace(tmp, index_path)


def write_all(result: dict, out_dir: Path) -> list[dict]:
    """Write regions built by :func:`build_all` into ``out_dir`` (layers, index, licence)."""
    entries = [write_region(b, Path(out_dir), b["code"]) for b in result["regions"]]
    _write_index(Path(out_dir), entries)
    if result["licence"]:
        (Path(out_dir) / "LICENSE-wilayah_boundaries").write_text(
            result["licence"], encoding="utf-8"
        )
    return entries
