"""The boundaries the project ships in ``geodata/`` (built by ``ilp-dash build-geodata``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import geopandas as gpd

from ilp_dash.config import settings
from ilp_dash.io.coords import RegionLocator
from ilp_dash.io.matching import VillageMatcher


@dataclass(frozen=True)
class Region:
    """A bundled regency: its layers are read once and must be treated as read-only."""

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


def region_index(geodata_dir: Path | None = None) -> list[dict]:
    """The bundled regions as listed in ``regions.json``."""
    path = _dir(geodata_dir) / "regions.json"
    return json.loads(path.read_text(encoding="utf-8"))


def region_codes(geodata_dir: Path | None = None) -> list[str]:
    return [e["code"] for e in region_index(geodata_dir)]


@lru_cache(maxsize=16)
def _load(code: str, root: Path) -> Region:
    entries = {e["code"]: e for e in region_index(root)}
    if code not in entries:
        raise KeyError(code)
    folder = root / code
    read = lambda layer: gpd.read_file(folder / f"{layer}.geojson")  # noqa: E731
    return Region(
        code=code,
        name=entries[code]["name"],
        villages=read("villages"),
        kecamatan=read("kecamatan"),
        regency=read("regency"),
        attribution=entries[code]["attribution"],
    )


def load_region(code: str, geodata_dir: Path | None = None) -> Region:
    """Load a bundled region by its code, e.g. ``"33.20"`` (cached per process)."""
    return _load(code, _dir(geodata_dir).resolve())
