"""The ``ilp-dash`` command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ilp_dash.config import settings

# sub-commands with a module of their own in ilp_dash/cli/ (each defines ``register(subparsers)``)
COMMANDS = ("coverage", "hotspots", "referral", "site", "hash_password", "versions", "add_region")


def _cmd_regions(args: argparse.Namespace) -> int:
    from ilp_dash.io.geodata import region_index

    entries = region_index()
    if args.json:
        keys = ("code", "name", "villages", "desa", "kelurahan", "kecamatan", "area_km2")
        print(json.dumps([{k: e[k] for k in keys} for e in entries], ensure_ascii=False, indent=2))
        return 0
    print(f"{'kode':<6} {'wilayah':<24} {'desa/kel':>8} {'kecamatan':>9}")
    for e in entries:
        print(f"{e['code']:<6} {e['name']:<24} {e['villages']:>8} {e['kecamatan']:>9}")
    return 0


def _cmd_build_geodata(args: argparse.Namespace) -> int:
    from ilp_dash.io.problems import DataValidationError
    from ilp_dash.io.wilayah_source import build_geodata

    out = Path(args.out) if args.out else settings().geodata_dir
    try:
        entries = build_geodata(Path(args.source), args.region, out)
    except DataValidationError as exc:  # nothing written
        print(exc.report.to_text(), file=sys.stderr)
        return 1
    for e in entries:
        fixed = (
            f", {len(e['repaired_geometries'])} geometri diperbaiki"
            if e["repaired_geometries"]
            else ""
        )
        print(
            f"{e['code']} {e['name']}: {e['villages']} desa/kelurahan, {e['kecamatan']} kecamatan{fixed}"
        )
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from ilp_dash.io.dataset import find_files, load_dataset
    from ilp_dash.io.problems import DataValidationError

    files = find_files(Path(args.data)) if args.data else {}
    for kind in (
        "posyandu",
        "pustu",
        "puskesmas",
        "hospitals",
        "ambulances",
        "stunting",
        "population",
    ):
        value = getattr(args, kind)
        if value:
            files[kind] = Path(value)
    boundaries = Path(args.boundaries) if args.boundaries else None
    try:
        ds = load_dataset(args.region, files, boundaries)
        report, ok, matches = ds.report, True, ds.matches
    except DataValidationError as exc:
        report, ok, matches = exc.report, False, exc.matches
    if args.matches and matches:
        import pandas as pd

        from ilp_dash.io.safe_export import safe_cells

        safe_cells(pd.concat(matches.values(), ignore_index=True)).to_csv(args.matches, index=False)
    if args.json:
        print(report.to_json())
    else:
        shown = ("id", "en") if args.lang == "both" else (args.lang,)
        if not args.verbose:
            report.problems = [p for p in report.problems if p.severity != "info"]
        print(report.to_text(shown))
    return 0 if ok else 1


def _cmd_make_sample(args: argparse.Namespace) -> int:
    from ilp_dash.sample.generator import generate_all

    for summary in generate_all(Path(args.out), seed=args.seed):
        print(json.dumps(summary, ensure_ascii=False))
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    s = settings()
    host, port = args.host or s.host, args.port or s.port
    if args.prod:  # gunicorn, several workers, login required (see ilp_dash.web.serving)
        from ilp_dash.web.serving import run

        return run(
            host=host,
            port=port,
            workers=args.workers,
            threads=args.threads,
            access_log=args.access_log,
            max_requests=args.max_requests,
        )
    from ilp_dash.web.app import create_app

    app = create_app(warm=True)  # the default region's analyses run once, before the first visitor
    print(f"ILP Dash berjalan di / running at http://{host}:{port}/", flush=True)
    app.run(host=host, port=port, debug=args.debug)
    return 0


def _cmd_worker(args: argparse.Namespace) -> int:
    """The Celery worker of the background callbacks (``ILP_BACKGROUND=celery``)."""
    from ilp_dash.web import background

    if not background.uses_celery():
        print(
            "ilp-dash worker hanya untuk ILP_BACKGROUND=celery / only for ILP_BACKGROUND=celery",
            file=sys.stderr,
        )
        return 2
    try:
        background.broker_url()
    except background.BackgroundConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    # importing ilp_dash.web.wsgi creates the app: every background callback becomes a Celery task
    from ilp_dash.web.wsgi import celery_app

    celery_app.worker_main(
        [
            "worker",
            "--concurrency",
            str(args.concurrency),
            "--loglevel",
            args.loglevel,
            "--without-gossip",
            "--without-mingle",
            "--pool",
            "prefork",
        ]
    )
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="ilp-dash", description="ILP Dash: dasbor Integrasi Layanan Primer."
    )
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("serve", help="jalankan dasbor / run the dashboard")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--debug", action="store_true")
    s.add_argument(
        "--prod",
        action="store_true",
        help="produksi: gunicorn, beberapa worker, wajib login / production: gunicorn, several workers, login",
    )
    s.add_argument(
        "--workers",
        type=int,
        help="--prod: jumlah proses / worker processes (bawaan/default: cores+1, max 4)",
    )
    s.add_argument(
        "--threads",
        type=int,
        help="--prod: thread per proses / threads per worker (bawaan/default: 4)",
    )
    s.add_argument(
        "--access-log",
        action="store_true",
        help="--prod: catat setiap permintaan / log every request",
    )
    s.add_argument(
        "--max-requests",
        type=int,
        help="--prod: ganti worker setelah N permintaan, 0 = tidak pernah / "
        "replace a worker after N requests, 0 = never (default 2000)",
    )
    s.set_defaults(func=_cmd_serve)

    s = sub.add_parser(
        "worker", help="worker Celery untuk callback latar / Celery worker for background callbacks"
    )
    s.add_argument("--concurrency", type=int, default=1)
    s.add_argument("--loglevel", default="INFO")
    s.set_defaults(func=_cmd_worker)

    s = sub.add_parser("regions", help="daftar wilayah bawaan / bundled regions")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=_cmd_regions)

    s = sub.add_parser("build-geodata", help="bangun geodata/ dari wilayah_boundaries")
    s.add_argument(
        "--source",
        required=True,
        help="folder atau zip wilayah_boundaries (db/kab, db/kec, db/kel; atau kab/, kec/, kel/)",
    )
    s.add_argument("--region", required=True, nargs="+", help="kode kabupaten/kota, mis. 33.20")
    s.add_argument("--out", help="folder tujuan (bawaan: geodata/ proyek)")
    s.set_defaults(func=_cmd_build_geodata)

    s = sub.add_parser("validate", help="periksa berkas data / validate data files")
    s.add_argument("--region", required=True)
    s.add_argument("--data", help="folder berisi berkas-berkas (nama baku, lihat data/README.md)")
    s.add_argument("--boundaries")
    for kind, flag in (
        ("posyandu", "--posyandu"),
        ("pustu", "--pustu"),
        ("puskesmas", "--puskesmas"),
        ("hospitals", "--hospitals"),
        ("ambulances", "--ambulances"),
        ("stunting", "--stunting"),
        ("population", "--population"),
    ):
        s.add_argument(flag, dest=kind)
    s.add_argument("--json", action="store_true")
    s.add_argument("--lang", choices=("id", "en", "both"), default="both")
    s.add_argument("--verbose", action="store_true", help="tampilkan juga catatan INFO")
    s.add_argument(
        "--matches", help="tulis laporan pencocokan desa (CSV) / write the village match report"
    )
    s.set_defaults(func=_cmd_validate)

    s = sub.add_parser(
        "make-sample-data", help="buat data contoh sintetis / make synthetic sample data"
    )
    s.add_argument("--out", default=str(settings().data_dir))
    s.add_argument(
        "--seed", type=int, default=20240601
    )  # the sample generator's (sample.generator.SEED)
    s.set_defaults(func=_cmd_make_sample)
    _register_analysis_commands(sub)
    return p


def _register_analysis_commands(sub) -> None:
    import importlib

    for name in COMMANDS:
        try:
            module = importlib.import_module(f"ilp_dash.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"ilp_dash.cli.{name}":
                raise
            continue
        module.register(sub)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
