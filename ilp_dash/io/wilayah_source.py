"""Read the ``wilayah_boundaries`` SQL dumps and build the bundled geodata.

The source (cahyadsn/wilayah_boundaries, MIT licence) stores each region as an
SQL ``INSERT`` row ``(kode, nama, lat, lng, path)`` where ``path`` is JSON text
of polygon rings whose pairs are **[latitude, longitude]**. We swap them to
GeoJSON order (lon, lat), repair the few invalid polygons, compute areas in the
local UTM zone and write one GeoJSON file per layer and region.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import MultiPolygon, Polygon

_ROW = re.compile(
    r"^\s*\('(?P<kode>[0-9.]+)','(?P<nama>(?:[^']|'')*)',"
    r"(?P<lat>-?[0-9.eE+-]+|NULL),(?P<lng>-?[0-9.eE+-]+|NULL),'(?P<path>[^']*)'\)[,;]?\s*$"
)
ATTRIBUTION = (
    "Batas wilayah: cahyadsn/wilayah_boundaries (MIT), Kepmendagri No 300.2.2-2430 Tahun 2025"
)


@dataclass(frozen=True)
class SourceRow:
    kode: str
    nama: str
    geometry: Polygon | MultiPolygon


def _swap(ring: list) -> list[tuple[float, float]]:
    return [(float(p[1]), float(p[0])) for p in ring]


def path_to_geometry(path_json: str) -> Polygon | MultiPolygon:
    """Turn the source's lat-first JSON rings into a shapely geometry (lon, lat)."""
    data = json.loads(path_json)
    depth = 0
    probe = data
    while isinstance(probe, list) and probe:
        depth += 1
        probe = probe[0]
    # depth 3: polygon [[ [lat,lng], ...], ...holes]; depth 4: multipolygon
    if depth == 3:
        polys = [data]
    elif depth == 4:
        polys = data
    else:
        raise ValueError(f"unexpected nesting depth {depth} in path")
    shapes = [
        Polygon(_swap(p[0]), [_swap(h) for h in p[1:]]) for p in polys if p and len(p[0]) >= 4
    ]
    return shapes[0] if len(shapes) == 1 else MultiPolygon(shapes)


def read_sql_rows(path: Path, prefix: str, code_len: int) -> list[SourceRow]:
    """Rows of one SQL dump whose code starts with ``prefix`` and has ``code_len`` chars."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = _ROW.match(line)
            if not m:
                continue
            kode = m["kode"]
            if len(kode) != code_len or not kode.startswith(prefix):
                continue
            rows.append(SourceRow(kode, m["nama"].replace("''", "'"), path_to_geometry(m["path"])))
    return rows


def make_valid_polygonal(geom) -> tuple[object, bool]:
    """Repair a geometry keeping only its polygonal parts; return (geom, repaired)."""
    if geom.is_valid:
        return geom, False
    fixed = shapely.make_valid(geom)
    polys = [
        g for g in getattr(fixed, "geoms", [fixed]) if g.geom_type in ("Polygon", "MultiPolygon")
    ]
    parts = []
    for g in polys:
        parts.extend(getattr(g, "geoms", [g]))
    out = parts[0] if len(parts) == 1 else MultiPolygon(parts)
    return out, True


def utm_crs_for(lon: float, lat: float) -> str:
    zone = int((lon + 180) // 6) + 1
    return f"EPSG:{32700 + zone if lat < 0 else 32600 + zone}"


def _frame(rows: list[SourceRow]) -> tuple[gpd.GeoDataFrame, list[str]]:
    repaired = []
    geoms = []
    for r in rows:
        g, was = make_valid_polygonal(r.geometry)
        if was:
            repaired.append(r.kode)
        geoms.append(shapely.orient_polygons(g))
    gdf = gpd.GeoDataFrame(
        {"kode": [r.kode for r in rows], "nama": [r.nama for r in rows]},
        geometry=geoms,
        crs="EPSG:4326",
    )
    return gdf, repaired


def _area_km2(gdf: gpd.GeoDataFrame) -> list[float]:
    c = gdf.union_all().centroid
    return (gdf.to_crs(utm_crs_for(c.x, c.y)).area / 1e6).round(3).tolist()


def build_region(source: Path, region: str) -> dict[str, gpd.GeoDataFrame | list[str] | str]:
    """Build the village, kecamatan and regency layers of one regency code (``PP.KK``)."""
    if not re.fullmatch(r"\d{2}\.\d{2}", region):
        raise ValueError(f"region code must look like 33.20, got {region!r}")
    prov = region[:2]
    kel_file = source / "kel" / prov / f"{region}.sql"
    kec_file = source / "kec" / f"{prov}.sql"
    kab_file = source / "kab" / f"{prov}.sql"
    for f in (kel_file, kec_file, kab_file):
        if not f.exists():
            raise FileNotFoundError(f"source file missing: {f}")
    kab_rows = read_sql_rows(kab_file, region, 5)
    if not kab_rows:
        raise ValueError(f"region {region} not found in {kab_file}")
    kec, rep_kec = _frame(read_sql_rows(kec_file, region + ".", 8))
    vil, rep_vil = _frame(read_sql_rows(kel_file, region + ".", 13))
    kab, rep_kab = _frame(kab_rows)

    kec_names = dict(zip(kec["kode"], kec["nama"]))
    vil["tipe"] = ["kelurahan" if k[9] == "1" else "desa" for k in vil["kode"]]
    vil["kode_kec"] = vil["kode"].str[:8]
    vil["kecamatan"] = vil["kode_kec"].map(kec_names)
    vil["kode_kab"] = region
    vil["kabupaten"] = kab.loc[0, "nama"]
    vil["luas_km2"] = _area_km2(vil)
    missing_kec = sorted(set(vil["kode_kec"]) - set(kec_names))
    if missing_kec:
        raise ValueError(f"villages refer to kecamatan missing from {kec_file}: {missing_kec}")
    kec["kode_kab"] = region
    kec["jumlah_desa"] = kec["kode"].map(vil["kode_kec"].value_counts()).fillna(0).astype(int)
    kec["luas_km2"] = _area_km2(kec)
    kab["luas_km2"] = _area_km2(kab)
    cols = [
        "kode",
        "nama",
        "tipe",
        "kode_kec",
        "kecamatan",
        "kode_kab",
        "kabupaten",
        "luas_km2",
        "geometry",
    ]
    return {
        "villages": vil[cols].sort_values("kode").reset_index(drop=True),
        "kecamatan": kec[["kode", "nama", "kode_kab", "jumlah_desa", "luas_km2", "geometry"]]
        .sort_values("kode")
        .reset_index(drop=True),
        "regency": kab[["kode", "nama", "luas_km2", "geometry"]],
        "repaired": rep_vil + rep_kec + rep_kab,
        "name": kab.loc[0, "nama"],
    }


def write_region(built: dict, out_dir: Path, region: str) -> dict:
    """Write the layers of one region and return its index entry."""
    target = out_dir / region
    target.mkdir(parents=True, exist_ok=True)
    for layer in ("villages", "kecamatan", "regency"):
        path = target / f"{layer}.geojson"
        if path.exists():
            path.unlink()
        built[layer].to_file(path, driver="GeoJSON", COORDINATE_PRECISION=6, WRITE_NAME=False)
    vil = built["villages"]
    minx, miny, maxx, maxy = built["regency"].total_bounds
    return {
        "code": region,
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


def build_geodata(source: Path, regions: list[str], out_dir: Path) -> list[dict]:
    """Build ``regions`` from ``source`` into ``out_dir`` and update ``regions.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    index_path = out_dir / "regions.json"
    index = {}
    if index_path.exists():
        index = {e["code"]: e for e in json.loads(index_path.read_text(encoding="utf-8"))}
    entries = []
    for region in regions:
        entry = write_region(build_region(source, region), out_dir, region)
        index[region] = entry
        entries.append(entry)
    index_path.write_text(
        json.dumps([index[k] for k in sorted(index)], ensure_ascii=False, indent=2) + "\n",
        encoding="utf-8",
    )
    licence = source / "LICENSE"
    if licence.exists():
        (out_dir / "LICENSE-wilayah_boundaries").write_text(
            licence.read_text(encoding="utf-8"), encoding="utf-8"
        )
    return entries
