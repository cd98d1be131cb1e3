"""``ilp-dash versions``: the data versions of a region — list, check the data folder, restore.

    ilp-dash versions list 33.20
    ilp-dash versions check 33.20        # take valid changes in data/33.20/ now, or say what is wrong
    ilp-dash versions restore 33.20 7    # serve version 7's files again (as a new version)

Works on the same folders as the running server (``ILP_DATA_DIR``,
``ILP_STATE_DIR``); every worker of a running server follows within a second.
"""

from __future__ import annotations

import argparse
import json
import sys


def register(sub) -> None:
    p = sub.add_parser(
        "versions",
        help="versi data wilayah: daftar, periksa, pulihkan / data versions: list, check, restore",
    )
    p.add_argument("action", choices=("list", "check", "restore"))
    p.add_argument("region", help="kode kabupaten/kota, mis. 33.20")
    p.add_argument(
        "number", nargs="?", type=int, help="nomor versi (untuk restore) / version number (restore)"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=run)


def _load(code: str):
    from ilp_dash.io.dataset import load_folder

    return lambda folder: load_folder(code, folder)


def _print_problem(code: str, out=None) -> None:
    from ilp_dash.region import versions

    problem = versions.problem(code)
    if problem is None:
        return
    out = out or sys.stdout
    print(
        f"MASALAH / PROBLEM ({problem['detected']}): {', '.join(problem['files'])} — "
        f"masih melayani versi {problem['serving']} / still serving version {problem['serving']}",
        file=out,
    )
    for p in problem["problems"][:20]:
        where = ", ".join(
            str(x) for x in (p.get("file"), p.get("row"), p.get("column")) if x not in (None, "")
        )
        print(f"  {where}: {p.get('message_id')} / {p.get('message_en')}", file=out)


def run(args: argparse.Namespace) -> int:
    from ilp_dash.io.problems import DataValidationError
    from ilp_dash.region import versions

    code = args.region
    try:
        current = versions.ensure(code, _load(code))
    except DataValidationError as exc:
        print(exc.report.to_text(("id", "en")), file=sys.stderr)
        return 1
    if args.action == "check":
        import time

        # asked for by the operator: do not wait for recently written files to settle
        new = versions.sync_folder(code, _load(code), now=time.time() + versions.SETTLE_SECONDS)
        if new is not None:
            print(f"Versi baru / new version: {new}")
        elif versions.problem(code) is None:
            print(
                f"Tidak ada perubahan / no change: versi / version {versions.current_version(code)}"
            )
        _print_problem(code)
        return 1 if versions.problem(code) else 0
    if args.action == "restore":
        if args.number is None:
            print(
                "Sebutkan nomor versi / give the version number (ilp-dash versions list)",
                file=sys.stderr,
            )
            return 2
        try:
            new = versions.restore(code, args.number)
        except versions.VersionError as exc:
            print(f"Tidak dapat dipulihkan / cannot restore: {exc}", file=sys.stderr)
            return 1
        print(
            f"Versi {args.number} dilayani lagi sebagai versi {new} / version {args.number} served again as "
            f"version {new}"
        )
        return 0
    rows = versions.list_versions(code)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "version": v.number,
                        "created": v.created,
                        "source": v.source,
                        "note": v.note,
                        "user": v.user,
                        "current": v.number == current,
                        "files": sorted(v.files),
                    }
                    for v in rows
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
        _print_problem(code, sys.stderr)  # stdout holds nothing but the JSON
        return 0
    print(f"{'versi':>6}  {'dibuat / created':<25} {'sumber / source':<16} catatan / note")
    for v in rows:
        mark = "*" if v.number == versions.current_version(code) else " "
        print(
            f"{v.number:>5}{mark}  {v.created:<25} {v.source:<16} {v.note} {('— ' + v.user) if v.user else ''}"
        )
    _print_problem(code)
    return 0
