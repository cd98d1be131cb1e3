"""The regions the app knows: those shipped in ``geodata/`` and those a user added.

Bundled regions live in ``ILP_GEODATA_DIR`` (``geodata/``, built by ``ilp-dash
build-geodata``); regions added with ``ilp-dash add-region`` live in
``ILP_REGIONS_DIR`` (default ``<ILP_STATE_DIR>/regions``, outside the package).
Both folders have the same layout (``regions.json`` and one folder per
region, see :mod:`ilp_dash.io.region_files`); the app lists them together, a
bundled region winning over an added one with the same code.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd

from ilp_dash.config import settings
from ilp_dash.io.coords import RegionLocator
from ilp_dash.io.matching import VillageMatcher

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Region:
    """A regency (bundled or added): its layers are read once and must be treated as read-only."""

    code: str
    name: str
    villages: gpd.GeoDataFrame
    kecamatan: gpd.GeoDataFrame
    regency: gpd.GeoDataFrame
    attribution: str

    @cached_property
    def matcher(self) -> VillageMatcher:
        """Matches register rows to these villages; made on first use, lives as long as the region."""
        return VillageMatcher(self.villages)

    @cached_property
    def locator(self) -> RegionLocator:
        """Places points against the regency's land; made on first use, lives as long as the region.

        Village polygons may reach past the (separately simplified) regency
        outline, so the land is both joined.
        """
        area = self.regency.union_all().union(self.villages.union_all())
        return RegionLocator(area, self.name)


def _dir(geodata_dir: Path | None) -> Path:
    return Path(geodata_dir) if geodata_dir is not None else settings().geodata_dir


def _added_dir(regions_dir: Path | None) -> Path:
    return Path(regions_dir) if regions_dir is not None else settings().regions_dir


def _added_index(folder: Path) -> list[dict]:
    """The added regions' index; a missing or unreadable one lists none (the app still starts)."""
    path = folder / "regions.json"
    if not path.exists():
        return []
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
        return [e for e in entries if (folder / e["code"] / "villages.geojson").exists()]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("ignoring the added regions in %s: %s", folder, exc)
        return []


def _folders(geodata_dir: Path | None, regions_dir: Path | None) -> dict[str, tuple[dict, Path]]:
    """Every region's index entry and folder, bundled first."""
    bundled = _dir(geodata_dir)
    found = {
        e["code"]: (e, bundled)
        for e in json.loads((bundled / "regions.json").read_text(encoding="utf-8"))
    }
    added = _added_dir(regions_dir)
    if added.resolve() != bundled.resolve():
        for e in _added_index(added):
            found.setdefault(e["code"], (e, added))
    return dict(sorted(found.items()))


def region_index(geodata_dir: Path | None = None, regions_dir: Path | None = None) -> list[dict]:
    """The regions the app serves: bundled (``regions.json``) and added ones, by code."""
    return [entry for entry, _ in _folders(geodata_dir, regions_dir).values()]


def bundled_codes(geodata_dir: Path | None = None) -> list[str]:
    """The codes of the regions shipped in ``geodata/`` only."""
    path = _dir(geodata_dir) / "regions.json"
    return [e["code"] for e in json.loads(path.read_text(encoding="utf-8"))]


def region_codes(geodata_dir: Path | None = None, regions_dir: Path | None = None) -> list[str]:
    return list(_folders(geodata_dir, regions_dir))


@lru_cache(maxsize=16)
def _load(code: str, folder: Path, name: str, attribution: str) -> Region:
    read = lambda layer: gpd.read_file(folder / code / f"{layer}.geojson")  # noqa: E731
    return Region(
        code=code,
        name=name,
        villages=read("villages"),
        kecamatan=read("kecamatan"),
        regency=read("regency"),
        attribution=attribution,
    )


def load_region(
    code: str, geodata_dir: Path | None = None, regions_dir: Path | None = None
) -> Region:
    """Load a region by its code, e.g. ``"33.20"`` (cached per process and folder)."""
    found = _folders(geodata_dir, regions_dir)
    if code not in found:
        raise KeyError(code)
    entry, folder = found[code]
    return _load(code, folder.resolve(), entry["name"], entry["attribution"])


def forget_loaded() -> None:
    """Drop the cached layers (after ``add-region`` replaced a region in this process)."""
    _load.cache_clear()
