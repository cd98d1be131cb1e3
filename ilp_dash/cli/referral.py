"""``ilp-dash referral``: the referral chain Posyandu → Pustu → Puskesmas → RSUD, per Posyandu or village.

Travel is measured on the road network when ``--roads`` is given; otherwise by
straight lines within landmasses. Sea links come from ``--sea-links`` or, by
default, the region's own ``sea_links.csv`` (``--no-sea-links`` turns them
off: island chains are then unreachable). Unreachable legs are written as empty
cells with the band "tidak terjangkau"; the row is never dropped.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from ilp_dash.cli.common import load_region_data, write_table
from ilp_dash.config import settings

SEA_LINKS_FILE = "sea_links.csv"


def register(sub) -> None:
    from ilp_dash.analysis.distance import DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH

    p = sub.add_parser(
        "referral", help="rantai rujukan Posyandu → Pustu → Puskesmas → RSUD / referral chain"
    )
    p.add_argument("--region", required=True)
    p.add_argument("--data", help="folder data (bawaan: data/<region>)")
    p.add_argument(
        "--roads", help="jaringan jalan: .gpkg, .geojson, .shp atau .osm.pbf (bawaan: garis lurus)"
    )
    sea = p.add_mutually_exclusive_group()
    sea.add_argument(
        "--sea-links", help=f"tabel penyeberangan laut (bawaan: {SEA_LINKS_FILE} di folder data)"
    )
    sea.add_argument("--no-sea-links", action="store_true", help="tanpa penyeberangan laut")
    p.add_argument(
        "--level",
        choices=("posyandu", "village"),
        default="posyandu",
        help="satu baris per Posyandu (bawaan) atau per desa / one row per Posyandu or village",
    )
    p.add_argument("--out", help="berkas CSV tujuan (bawaan: layar)")
    p.add_argument(
        "--speed", type=float, default=DEFAULT_SPEED_KMH, help="km/jam garis lurus (bawaan 40)"
    )
    p.add_argument(
        "--circuity", type=float, default=DEFAULT_CIRCUITY, help="faktor kelokan jalan (bawaan 1.3)"
    )
    p.add_argument(
        "--bands", default="15,30,60", help="batas kelompok waktu, menit (bawaan 15,30,60)"
    )
    p.set_defaults(func=run)


def _sea_links_path(args: argparse.Namespace) -> Path | None:
    if args.no_sea_links:
        return None
    if args.sea_links:
        return Path(args.sea_links)
    default = (Path(args.data) if args.data else settings().data_dir / args.region) / SEA_LINKS_FILE
    return default if default.exists() else None


def _load(reader, path: Path, **kw):
    """Run an io reader; print its warnings; print the report and exit 1 on errors."""
    from ilp_dash.io.problems import DataValidationError

    try:
        loaded = reader(path, **kw)
    except DataValidationError as exc:
        print(exc.report.to_text(), file=sys.stderr)
        raise SystemExit(1) from None
    for problem in loaded.report.warnings:
        print(problem.text("id"), problem.text("en"), sep="\n", file=sys.stderr)
    return loaded.data


def run(args: argparse.Namespace) -> int:
    from ilp_dash.analysis.referral import referral_chain
    from ilp_dash.analysis.travel import TravelError, travel_model
    from ilp_dash.io.roads import read_roads
    from ilp_dash.io.sea_links import read_sea_links

    try:
        bands = tuple(float(x) for x in args.bands.split(","))
    except ValueError:
        print(
            f"Galat / error: --bands harus berupa angka, mis. 15,30,60 / must be numbers, got {args.bands!r}",
            file=sys.stderr,
        )
        return 2
    ds = load_region_data(args.region, args.data)
    missing = [k for k in ("posyandu", "puskesmas", "hospitals") if k not in ds.facilities]
    if missing:
        print(f"Register tidak ada / registers missing: {', '.join(missing)}", file=sys.stderr)
        return 1
    sea_path = _sea_links_path(args)
    links = _load(read_sea_links, sea_path, region=ds.region) if sea_path else None
    roads = _load(read_roads, Path(args.roads)) if args.roads else None
    f = ds.facilities
    try:
        model = travel_model(
            villages=ds.region.villages,
            roads=roads,
            sea_links=links,
            speed_kmh=args.speed,
            circuity=args.circuity,
        )
        chain = referral_chain(
            f["posyandu"],
            f.get("pustu"),
            f["puskesmas"],
            f["hospitals"],
            villages=ds.region.villages,
            model=model,
            thresholds=bands,
        )
    except TravelError as exc:
        print(f"Galat / error: {exc}", file=sys.stderr)
        return 2
    table = chain.posyandu if args.level == "posyandu" else chain.villages
    numeric = [c for c in table.columns if c.startswith(("km_", "menit_"))]
    out = table.copy()
    out[numeric] = out[numeric].replace([np.inf, -np.inf], np.nan).round(1)
    write_table(out, args.out)
    _summary(ds, chain, table, model, sea_path, links, args)
    return 0


def _summary(ds, chain, table, model, sea_path, links, args) -> None:
    if chain.method == "road_network":
        method = f"jaringan jalan / road network ({Path(args.roads).name})"
    else:
        method = (
            f"garis lurus dalam daratan / straight lines within landmasses "
            f"(×{args.circuity:g}, {args.speed:g} km/jam)"
        )
    sea = (
        f"{len(links)} penyeberangan laut / sea links ({sea_path.name})"
        if links is not None
        else "tanpa penyeberangan laut / no sea links"
    )
    rows = "Posyandu" if args.level == "posyandu" else "desa / villages"
    print(
        f"{ds.region.name}: {len(table)} {rows}; {method}; {sea}"
        + (
            "  [DATA CONTOH SINTETIS]"
            if ds.synthetic or (links is not None and links.attrs.get("synthetic"))
            else ""
        ),
        file=sys.stderr,
    )
    if chain.fallback:
        print(
            "Tidak ada rumah sakit pemerintah: rantai berakhir di rumah sakit terdekat apa pun "
            "kepemilikannya / no government hospital: the chain ends at the nearest hospital of any "
            "ownership",
            file=sys.stderr,
        )
    for band, n in table["kelompok_waktu"].value_counts(sort=False).items():
        print(f"  {band:>18}: {n}", file=sys.stderr)
    if model.unused_links:
        print(
            "Penyeberangan tanpa jalan di dekat pelabuhan (tidak dipakai) / sea links with no road near a port "
            f"(not used): {', '.join(model.unused_links)}",
            file=sys.stderr,
        )
