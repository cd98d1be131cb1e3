"""The villages of a whole province (default Jawa Tengah, 33) for the benchmarks.

Built with the project's own builder, :func:`ilp_dash.io.wilayah_source.build_region`,
once per regency listed in ``kab/<prov>.sql`` of the wilayah_boundaries dump (the
source stores ``[lat, lng]`` pairs; the builder swaps them, repairs invalid
polygons and adds kecamatan names and areas), then concatenated. The result is
cached at full source precision as GeoJSON under ``artifacts/bench/`` (the
project venv has no pyarrow for GeoParquet), so later runs only read it back.

    from province import villages
    gdf = villages()          # 8,561 villages of Jawa Tengah, columns as the app's region.villages
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SOURCE = ROOT.parent / "shared" / "data" / "wilayah_boundaries"
CACHE = ROOT / "artifacts" / "bench"


def regency_codes(prov: str = "33", source: Path = SOURCE) -> list[str]:
    """Codes ``PP.KK`` of the regencies and cities listed for ``prov``."""
    from ilp_dash.io.wilayah_source import read_sql_rows

    return sorted(r.kode for r in read_sql_rows(source / "kab" / f"{prov}.sql", prov + ".", 5))


def build(prov: str = "33", source: Path = SOURCE) -> gpd.GeoDataFrame:
    """All villages of ``prov`` (full source precision), sorted by code."""
    from ilp_dash.io.wilayah_source import build_region

    codes = regency_codes(prov, source)
    if not codes:
        raise SystemExit(f"no regencies of province {prov} under {source / 'kab'}")
    frames = [build_region(source, code)["villages"] for code in codes]
    gdf = gpd.GeoDataFrame(
        pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326"
    )
    return gdf.sort_values("kode").reset_index(drop=True)


def villages(
    prov: str = "33", source: Path = SOURCE, *, rebuild: bool = False, verbose: bool = True
) -> gpd.GeoDataFrame:
    """The province's villages, from the cache when present (else built and cached)."""
    path = CACHE / f"villages_{prov}.geojson"
    t = time.perf_counter()
    if path.exists() and not rebuild:
        gdf = gpd.read_file(path)
        if verbose:
            print(
                f"read {len(gdf):,} villages of province {prov} from {path.relative_to(ROOT)} "
                f"in {time.perf_counter() - t:.1f} s",
                flush=True,
            )
        return gdf
    gdf = build(prov, source)
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.geojson")
    if tmp.exists():
        tmp.unlink()
    gdf.to_file(tmp, driver="GeoJSON", COORDINATE_PRECISION=15, WRITE_NAME=False)
    tmp.replace(path)
    if verbose:
        print(
            f"built {len(gdf):,} villages of province {prov} from {source} in {time.perf_counter() - t:.1f} s "
            f"(cached in {path.relative_to(ROOT)})",
            flush=True,
        )
    return gdf


if __name__ == "__main__":
    g = villages(sys.argv[1] if len(sys.argv) > 1 else "33", rebuild="--rebuild" in sys.argv)
    print(
        g.drop(columns="geometry").head(),
        f"\n{len(g):,} villages, {g['kode_kab'].nunique()} regencies, "
        f"{g['kode_kec'].nunique()} kecamatan",
    )
