"""``ilp-dash hotspots``: smoothed stunting prevalence and hotspot classes per village.

The input is a stunting table (CSV or Excel) in one of three shapes:

* **totals per village** — ``village_code, measured, stunted`` (also
  ``kode_desa, diukur, stunting`` and the other spellings of
  :mod:`ilp_dash.io.columns`; a village name + kecamatan may replace the code);
* **village × month** — as :func:`ilp_dash.io.stunting.load_stunting` reads it;
* **child rows** (e-PPGBM) — also through ``load_stunting``, counted per
  village and month as on the screens.

The answer is the screens' (:func:`ilp_dash.analysis.stunting_picture.month_picture`,
the one computation behind the Stunting screen, the briefing, the report and
the display): one month — ``--month YYYY-MM``, by default the latest in the
table; months are never summed, as a village measured monthly would count each
child once per month (a table of totals without months is a single period) —
the significance rule of ``policy.HOTSPOT_SIGNIFICANCE``, permutations enough
for the FDR (``auto``) and the fixed seed ``policy.HOTSPOT_SEED``, so the same
file gives the same answer every run. ``--permutations``, ``--seed``,
``--significance``, ``--alpha``, ``--min-measured``, ``--method`` and ``--k``
override them, and then depart from the screens. Boundaries come from a bundled region
(``--region``) or a boundary file (``--boundaries``, any format
:func:`ilp_dash.io.boundaries.load_boundaries` reads; with both, the file is
used for that region). The result (one row per village, see
:func:`ilp_dash.analysis.hotspots.hotspots`) goes to ``--out`` or standard
output; a summary goes to standard error.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ilp_dash import policy
from ilp_dash.cli.common import write_table

if TYPE_CHECKING:  # pandas is imported lazily: every ilp-dash call builds this parser
    import pandas as pd

OUTPUT_COLUMNS = [
    "kode_desa",
    "desa",
    "diukur",
    "stunting",
    "rate_crude",
    "rate_eb",
    "eb_lower",
    "eb_upper",
    "gi_z",
    "gi_p",
    "gi_p_norm",
    "gi_q",
    "gi_fdr_significant",
    "moran_i",
    "moran_p",
    "moran_quadrant",
    "moran_fdr_significant",
    "small_n",
    "class",
]
_ROUND = {
    "rate_crude": 4,
    "rate_eb": 4,
    "eb_lower": 4,
    "eb_upper": 4,
    "gi_z": 3,
    "gi_p": 4,
    "gi_p_norm": 6,
    "gi_q": 4,
    "moran_i": 4,
    "moran_p": 4,
}


def register(sub) -> None:
    p = sub.add_parser(
        "hotspots", help="prevalensi stunting dihaluskan dan hotspot per desa / stunting hotspots"
    )
    p.add_argument(
        "--input",
        required=True,
        help="tabel stunting: total per desa (village_code, measured, stunted), "
        "per bulan, atau per anak",
    )
    p.add_argument("--region", help="kode kabupaten/kota bawaan, mis. 33.20")
    p.add_argument("--boundaries", help="berkas batas desa (.shp/.zip/.gpkg/.geojson)")
    p.add_argument(
        "--month",
        type=_month,
        help="bulan yang dianalisis, YYYY-MM (bawaan: bulan terakhir di tabel; bulan tidak "
        "pernah dijumlahkan) / month to analyse (default: the latest; months are never summed)",
    )
    p.add_argument(
        "--permutations",
        type=_permutations,
        default="auto",
        help="permutasi bersyarat (bawaan 'auto' seperti layar: cukup untuk FDR atas semua desa); "
        "angka lain menyimpang dari layar / other values depart from the screens",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=policy.HOTSPOT_SEED,
        help=f"benih acak (bawaan {policy.HOTSPOT_SEED}, seperti layar: hasil sama setiap kali); "
        "benih lain menyimpang dari layar / another seed departs from the screens",
    )
    p.add_argument(
        "--alpha",
        type=float,
        default=policy.FDR_ALPHA,
        help=f"batas FDR Benjamini-Hochberg (bawaan {policy.FDR_ALPHA:g}, seperti layar)",
    )
    p.add_argument(
        "--min-measured",
        type=int,
        default=policy.MIN_MEASURED,
        help="desa dengan balita diukur lebih sedikit tidak diberi kelas "
        f"(bawaan {policy.MIN_MEASURED}, seperti layar)",
    )
    p.add_argument(
        "--method", choices=("gi_star", "moran"), default="gi_star", help="statistik untuk kelas"
    )
    p.add_argument(
        "--significance",
        choices=("permutation", "normal"),
        default=None,
        help=f"nilai p untuk FDR Gi*: permutasi atau normal dari z (bawaan "
        f"{policy.HOTSPOT_SIGNIFICANCE}, seperti layar; yang lain menyimpang dari layar)",
    )
    p.add_argument("--k", type=int, default=4, help="tetangga terdekat untuk desa pulau (bawaan 4)")
    p.add_argument("--out", help="berkas CSV tujuan (bawaan: layar)")
    p.set_defaults(func=run)


def _month(text: str) -> str:
    text = text.strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])|\d{4}", text):
        return text
    raise argparse.ArgumentTypeError(
        f"'{text}' bukan bulan YYYY-MM (mis. 2024-06) / not a month YYYY-MM (e.g. 2024-06)"
    )


def _permutations(text: str) -> int | str:
    if text == "auto":
        return text
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"'{text}' bukan bilangan bulat atau 'auto' / not a whole number or 'auto'"
        ) from None


class _UsageError(Exception):
    """A command-line mistake, shown as one line."""


def _region(args: argparse.Namespace):
    """The :class:`~ilp_dash.io.geodata.Region` to analyse, from ``--region`` and/or ``--boundaries``."""
    from ilp_dash.io.boundaries import load_boundaries
    from ilp_dash.io.dataset import region_from_boundaries
    from ilp_dash.io.geodata import load_region, region_codes
    from ilp_dash.io.problems import DataValidationError, ValidationReport

    if args.boundaries:
        code = args.region
        if code is None:
            regencies = sorted(load_boundaries(args.boundaries).data["kode_kab"].unique())
            if len(regencies) != 1:
                raise _UsageError(
                    f"berkas batas memuat {len(regencies)} kabupaten ({', '.join(regencies[:5])}): pilih "
                    "satu dengan --region / the file holds several regencies: pick one with --region"
                )
            code = regencies[0]
        region, report = region_from_boundaries(Path(args.boundaries), code)
        report.problems = [p for p in report.problems if p.severity != "info"]
        if report.problems:  # warnings, e.g. repaired geometries
            print(report.to_text(), file=sys.stderr)
        return region
    codes = region_codes()
    if args.region not in codes:
        report = ValidationReport()
        report.add("region_unknown", file="--region", value=args.region, options=", ".join(codes))
        raise DataValidationError(report)
    return load_region(args.region)


def run(args: argparse.Namespace) -> int:
    from ilp_dash.analysis.smoothing import HotspotError
    from ilp_dash.analysis.stunting_picture import month_picture
    from ilp_dash.io.problems import DataValidationError
    from ilp_dash.io.stunting import stunting_table

    try:
        if not args.region and not args.boundaries:
            raise _UsageError("beri --region atau --boundaries / give --region or --boundaries")
        region = _region(args)
        table, synthetic = stunting_table(Path(args.input), region)
        result = month_picture(
            table,
            region.villages,
            args.month,
            permutations=args.permutations,
            seed=args.seed,
            alpha=args.alpha,
            min_measured=args.min_measured,
            method=args.method,
            significance=args.significance,
            k=args.k,
        )
    except DataValidationError as exc:
        print(exc.report.to_text(), file=sys.stderr)
        return 1
    except (HotspotError, _UsageError) as exc:
        print(f"Galat / Error: {exc}", file=sys.stderr)
        return 1
    names = dict(zip(region.villages["kode"].astype(str), region.villages["nama"]))
    result.insert(1, "desa", result["kode_desa"].map(names))
    write_table(result[OUTPUT_COLUMNS].round(_ROUND), args.out)
    _summary(result, region.name, synthetic)
    return 0


def _summary(result: pd.DataFrame, name: str, synthetic: bool) -> None:
    a = result.attrs
    counts = result["class"].value_counts()
    classes = ", ".join(f"{k} {v}" for k, v in counts.items())
    month = f" {a['month']}" if a.get("month") else ""
    print(
        f"{name}{month}: {classes}; desa < {a['min_measured']} anak diukur / villages below: "
        f"{int(result['small_n'].sum())}; prevalensi rata-rata / pooled rate {a['prior']['mean']:.1%}"
        + ("  [DATA CONTOH SINTETIS]" if synthetic else ""),
        file=sys.stderr,
    )
    if a["significance"] == "permutation" and a["permutations"] < a["min_permutations"]:
        print(
            f"Catatan / Note: {a['permutations']} permutasi terlalu sedikit untuk FDR atas "
            f"{a['tested']} desa; "
            f"gunakan --permutations auto ({a['min_permutations']}) / too few permutations for FDR over "
            f"{a['tested']} villages: use --permutations auto.",
            file=sys.stderr,
        )
