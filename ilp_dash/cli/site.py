"""``ilp-dash site``: where should the ambulance bases go? (MCLP, LSCP or p-median)

Reads two small CSV files — demand points ``id,lon,lat,weight`` and candidate
sites ``id,lon,lat`` (extra columns ignored, ``#`` comment lines skipped) —
turns straight-line distance into minutes (great-circle km × circuity ÷ speed
× 60; defaults 1.3 and 40 km/h) and solves the chosen model exactly.

Kept light on purpose: only the csv module, numpy and the analysis modules are
imported (no pandas/geopandas/scipy.optimize): numpy + highspy load in ~0.15 s.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from pathlib import Path

MODELS = ("mclp", "lscp", "pmedian")


class CsvProblem(ValueError):
    """A problem in one of the two input files, with file, row and column."""


def register(sub) -> None:
    from ilp_dash.analysis.distance import DEFAULT_CIRCUITY, DEFAULT_SPEED_KMH

    p = sub.add_parser(
        "site",
        help="lokasi pangkalan ambulans / ambulance base siting (MCLP, LSCP, p-median)",
        description=(
            "Pilih lokasi pangkalan ambulans secara optimal (HiGHS). "
            "Choose ambulance base sites exactly: MCLP = most weight within --minutes using --k bases; "
            "LSCP = fewest bases covering everyone within --minutes; "
            "p-median = least weighted travel time with --k bases."
        ),
    )
    p.add_argument("--demand", required=True, help="CSV titik permintaan: id,lon,lat,weight")
    p.add_argument("--candidates", required=True, help="CSV kandidat lokasi: id,lon,lat")
    p.add_argument(
        "--k", type=int, help="jumlah pangkalan, termasuk yang tetap / bases, fixed ones included"
    )
    p.add_argument(
        "--minutes", type=float, required=True, help="standar waktu tempuh, menit / service minutes"
    )
    p.add_argument("--model", choices=MODELS, default="mclp", help="model (bawaan / default: mclp)")
    p.add_argument(
        "--speed-kmh",
        type=float,
        default=DEFAULT_SPEED_KMH,
        help=f"kecepatan rata-rata km/jam (bawaan {DEFAULT_SPEED_KMH:g})",
    )
    p.add_argument(
        "--circuity",
        type=float,
        default=DEFAULT_CIRCUITY,
        help=f"faktor kelokan jalan (bawaan {DEFAULT_CIRCUITY:g})",
    )
    p.add_argument(
        "--fixed",
        default="",
        help="id kandidat yang sudah ada, dipisah koma / existing bases: ID,ID",
    )
    p.add_argument(
        "--time-limit", type=float, help="batas waktu solver, detik / solver time limit, seconds"
    )
    p.add_argument(
        "--backend", choices=("auto", "highspy", "scipy"), default="auto", help=argparse.SUPPRESS
    )
    p.add_argument("--json", action="store_true", help="keluaran JSON / JSON output")
    p.set_defaults(func=run)


# ---------------------------------------------------------------- CSV reading
def _number(text: str, path: Path, line: int, column: str) -> float:
    raw = text.strip()
    try:
        value = float(raw)
    except ValueError:
        hint = " — pakai titik desimal / use a decimal point" if "," in raw else ""
        raise CsvProblem(
            f"{path}: baris {line}, kolom '{column}': {text!r} bukan angka / "
            f"row {line}, column '{column}': {text!r} is not a number{hint}"
        ) from None
    if not math.isfinite(value):
        raise CsvProblem(
            f"{path}: baris {line}, kolom '{column}': nilai tidak terhingga / "
            f"row {line}, column '{column}': value is not finite ({text!r})"
        )
    return value


def read_points(
    path: Path, *, weighted: bool
) -> tuple[list[str], list[float], list[float], list[float]]:
    """Read ``id,lon,lat[,weight]`` rows; raise :class:`CsvProblem` naming file, row and column.

    Row numbers are the file's line numbers (the header is usually line 1).
    """
    need = ("id", "lon", "lat", "weight") if weighted else ("id", "lon", "lat")
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            lines = [
                (n, text) for n, text in enumerate(fh, start=1) if not text.lstrip().startswith("#")
            ]
    except OSError as exc:
        raise CsvProblem(f"{path}: tidak bisa dibuka / cannot be opened ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise CsvProblem(f"{path}: bukan teks UTF-8 / not UTF-8 text") from None
    ids: list[str] = []
    lon: list[float] = []
    lat: list[float] = []
    weight: list[float] = []
    seen: dict[str, int] = {}
    rows = csv.reader(text for _, text in lines)
    header = next(rows, None)
    if header is None:
        raise CsvProblem(f"{path}: berkas kosong / empty file")
    names = [h.strip().lower() for h in header]
    missing = [c for c in need if c not in names]
    if missing:
        raise CsvProblem(
            f"{path}: baris {lines[0][0]}: kolom tidak ada / columns missing: {', '.join(missing)} "
            f"(ada / found: {', '.join(names)})"
        )
    pos = [names.index(c) for c in need]
    for (line, _), row in zip(lines[1:], rows):
        if not row or not any(cell.strip() for cell in row):
            continue
        if len(row) < len(names):
            raise CsvProblem(
                f"{path}: baris {line}: {len(row)} kolom, seharusnya {len(names)} / "
                f"row {line}: {len(row)} columns, expected {len(names)}"
            )
        ident = row[pos[0]].strip()
        if not ident:
            raise CsvProblem(
                f"{path}: baris {line}, kolom 'id': kosong / row {line}, column 'id': empty"
            )
        if ident in seen:
            raise CsvProblem(
                f"{path}: baris {line}, kolom 'id': {ident!r} sudah ada di baris {seen[ident]} / "
                f"row {line}, column 'id': {ident!r} duplicates row {seen[ident]}"
            )
        seen[ident] = line
        x = _number(row[pos[1]], path, line, "lon")
        y = _number(row[pos[2]], path, line, "lat")
        if not (-180 <= x <= 180 and -90 <= y <= 90):
            hint = (
                " — lintang dan bujur tertukar? / lat and lon swapped?"
                if -90 <= x <= 90 and abs(y) > 90
                else ""
            )
            raise CsvProblem(
                f"{path}: baris {line}: koordinat ({x}, {y}) di luar jangkauan / "
                f"row {line}: coordinates (lon {x}, lat {y}) out of range{hint}"
            )
        ids.append(ident)
        lon.append(x)
        lat.append(y)
        if weighted:
            w = _number(row[pos[3]], path, line, "weight")
            if w < 0:
                raise CsvProblem(
                    f"{path}: baris {line}, kolom 'weight': {w:g} negatif / "
                    f"row {line}, column 'weight': {w:g} is negative"
                )
            weight.append(w)
    if not ids:
        raise CsvProblem(f"{path}: tidak ada baris data / no data rows")
    return ids, lon, lat, weight


# ---------------------------------------------------------------- command
def run(args: argparse.Namespace) -> int:
    t0 = time.perf_counter()
    if args.model in ("mclp", "pmedian") and args.k is None:
        print(
            f"Galat / error: --k wajib untuk model {args.model} / --k is required for {args.model}",
            file=sys.stderr,
        )
        return 2
    try:
        d_ids, d_lon, d_lat, weight = read_points(Path(args.demand), weighted=True)
        c_ids, c_lon, c_lat, _ = read_points(Path(args.candidates), weighted=False)
    except CsvProblem as exc:
        print(f"Galat / error: {exc}", file=sys.stderr)
        return 1
    from ilp_dash.analysis.distance import haversine_km, straight_line_minutes
    from ilp_dash.analysis.siting.models import SitingError, lscp, mclp, pmedian

    fixed = [f.strip() for f in args.fixed.split(",") if f.strip()]
    options = {
        "fixed": fixed,
        "demand_ids": d_ids,
        "candidate_ids": c_ids,
        "time_limit": args.time_limit,
        "backend": args.backend,
    }
    try:
        cost = straight_line_minutes(
            haversine_km(d_lon, d_lat, c_lon, c_lat),
            circuity=args.circuity,
            speed_kmh=args.speed_kmh,
        )
        if args.model == "mclp":
            result = mclp(cost, weight, k=args.k, minutes=args.minutes, **options)
        elif args.model == "lscp":
            result = lscp(cost, minutes=args.minutes, weights=weight, **options)
        else:
            result = pmedian(cost, weight, k=args.k, minutes=args.minutes, **options)
    except (SitingError, ValueError) as exc:
        print(f"Galat / error: {exc}", file=sys.stderr)
        return 1
    total = time.perf_counter() - t0
    if args.json:
        out = result.to_dict()
        if out["assignment"] is not None:
            out["assignment"] = dict(zip(d_ids, out["assignment"]))
        out.update(
            speed_kmh=args.speed_kmh,
            circuity=args.circuity,
            seconds_total=round(total, 4),
            demand=len(d_ids),
            candidates=len(c_ids),
        )
        print(json.dumps(out, ensure_ascii=False))
    else:
        _print_table(result, cost, weight, c_ids, args, total)
    return 1 if result.status == "impossible" else 0


def _print_table(result, cost, weight, c_ids, args, total: float) -> None:
    import numpy as np

    w = np.asarray(weight)
    col = {c: j for j, c in enumerate(c_ids)}
    print(
        f"Model {args.model.upper()}  ·  {len(w)} titik permintaan / demand points  ·  "
        f"{len(c_ids)} kandidat / candidates  ·  T = {args.minutes:g} menit"
    )
    if result.status == "impossible":
        print(result.message)
    share = result.covered_share
    print(
        f"Terpilih / selected: {len(result.selected)} pangkalan  ·  terjangkau / covered: "
        f"{result.covered_weight:,.0f} dari / of {result.total_weight:,.0f} ({share:.1%})"
    )
    if args.model == "pmedian":
        print(f"Rata-rata waktu tempuh / mean minutes: {result.mean_minutes:.1f}")
    print(
        f"Status: {result.status}  ·  gap {result.gap:.2g}  ·  solver {result.seconds:.2f} s  ·  "
        f"total {total:.2f} s"
    )
    print()
    print(f"{'no':>3}  {'kandidat / candidate':<24} {'bobot ≤ T / weight ≤ T':>24}")
    for n, cid in enumerate(result.selected, start=1):
        within = float(w[cost[:, col[cid]] <= args.minutes].sum())
        mark = " (tetap/fixed)" if cid in result.fixed else ""
        print(f"{n:>3}  {cid!s:<24} {within:>24,.0f}{mark}")
