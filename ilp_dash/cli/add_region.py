"""``ilp-dash add-region``: any regency or city of Indonesia, from the boundary source as published.

    ilp-dash add-region 64.74 --source wilayah_boundaries-main.zip
    ilp-dash add-region 64.74 35.01 --source ~/wilayah_boundaries     # a git clone

The source is github.com/cahyadsn/wilayah_boundaries (MIT): a checkout, GitHub's
"Download ZIP", or the project's shared copy (:mod:`ilp_dash.io.wilayah_files`).
Every region is built and checked first (codes, files, every SQL row,
geometries, villages per kecamatan); one problem and nothing is written, the
problems are printed in Bahasa Indonesia and English on stderr, exit status 1.
The regions go to ``ILP_REGIONS_DIR`` (default ``<ILP_STATE_DIR>/regions``),
where the app lists them beside the bundled ones: region switcher,
``?region=64.74``, ``ilp-dash regions``. Adding a code again replaces it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def register(sub) -> None:
    p = sub.add_parser(
        "add-region",
        help="tambah kabupaten/kota dari wilayah_boundaries / add a regency or city",
    )
    p.add_argument(
        "codes", nargs="+", metavar="CODE", help="kode kabupaten/kota / regency code, e.g. 64.74"
    )
    p.add_argument(
        "--source",
        required=True,
        help="folder (git clone) atau zip wilayah_boundaries / its folder (git clone) or zip",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ilp_dash.config import settings
    from ilp_dash.io.geodata import bundled_codes, forget_loaded, region_index
    from ilp_dash.io.problems import DataValidationError, ValidationReport
    from ilp_dash.io.wilayah_source import build_all, check_region_code, write_all

    report = ValidationReport()
    bundled = set(bundled_codes())
    names = {e["code"]: e["name"] for e in region_index()}
    codes: list[str] = []
    for raw in args.codes:
        code = check_region_code(raw, report, file="CODE")
        if code in bundled:
            report.add("region_bundled", file="CODE", value=code, name=names.get(code, code))
        elif code is not None and code not in codes:
            codes.append(code)
    result = None
    if codes:
        try:
            result = build_all(Path(args.source).expanduser(), codes)
        except DataValidationError as exc:
            report.extend(exc.report)
    if report.has_errors or result is None:
        print(report.to_text(), file=sys.stderr)
        return 1
    out = settings().regions_dir
    entries = write_all(result, out)
    forget_loaded()
    if result["report"].problems:
        print(result["report"].to_text(), file=sys.stderr)
    for e in entries:
        print(
            f"{e['code']} {e['name']}: {e['villages']} desa/kelurahan, {e['kecamatan']} kecamatan"
        )
    print(
        f"Tersimpan di / saved in {out}. Pilih di pemilih wilayah / choose it in the region "
        f"switcher, or open ?region={entries[0]['code']}"
    )
    return 0
