"""``ilp-dash coverage``: ILP coverage per village, kecamatan, Puskesmas area and month."""

from __future__ import annotations

import argparse
import sys

from ilp_dash.cli.common import load_region_data, write_table


def register(sub) -> None:
    p = sub.add_parser("coverage", help="cakupan ILP per desa/kecamatan/Puskesmas dan bulan")
    p.add_argument("--region", required=True)
    p.add_argument("--data", help="folder data (bawaan: data/<region>)")
    p.add_argument("--out", help="berkas CSV tujuan (bawaan: layar)")
    p.add_argument(
        "--target", type=float, default=100.0, help="target persen Posyandu ILP (bawaan 100)"
    )
    p.add_argument(
        "--summary", action="store_true", help="satu baris per wilayah: bulan terakhir dan proyeksi"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ilp_dash.analysis.coverage import completion_table, coverage_table, report_months

    ds = load_region_data(args.region, args.data)
    if "posyandu" not in ds.facilities:
        print("Tidak ada register Posyandu. / No Posyandu register.", file=sys.stderr)
        return 1
    table = coverage_table(
        ds.region.villages,
        ds.facilities["posyandu"],
        ds.facilities.get("pustu"),
        months_=report_months(ds.facilities["posyandu"], ds.stunting),
        target_percent=args.target,
    )
    comp = completion_table(table, target_percent=args.target)
    write_table(comp if args.summary else table, args.out)
    kab = comp[comp["tingkat"] == "kabupaten"].iloc[0]
    when = (
        kab["bulan_target_tercapai"]
        or "tidak tercapai pada laju sekarang / not at the current pace"
    )
    print(
        f"{ds.region.name} {kab['bulan']}: Posyandu ILP {kab['posyandu_ilp']}/{kab['posyandu']} "
        f"({kab['persen_ilp']:.1f}%), kurang {kab['gap_posyandu']}; target {args.target:g}%: {when}"
        + ("  [DATA CONTOH SINTETIS]" if ds.synthetic else ""),
        file=sys.stderr,
    )
    return 0
