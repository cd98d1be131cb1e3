"""Seeded generator of SYNTHETIC sample data (DATA CONTOH SINTETIS) for ILP Dash.

The four regencies that launched ILP in the project's source articles get a
full set of registers in ``<out_root>/<code>/``::

    puskesmas.csv  pustu.csv  posyandu.xlsx  rumah_sakit.csv  ambulans.csv
    penduduk.csv   stunting_desa.csv   README.md

Village boundaries are real (``ilp_dash.io.geodata.load_region``); everything
else is invented, calibrated to the few figures that were reported in 2024
(Jepara: 1,139 Posyandu, 232 ILP by mid-2024, 6,443 kader, 22 named Puskesmas;
Trenggalek: ILP Posyandu in 84 of 157 villages, 22 Puskesmas; Kota Batu: ILP
in 3 Puskesmas first; SSGI 2022 stunting prevalence per regency). Facility
positions are invented and flagged ``lokasi_perkiraan = ya``.

Reproducibility: only ``numpy.random.default_rng`` seeded from (seed, region,
part) is used, CSV floats are written with fixed formatting and XLSX files get
fixed document properties and zip timestamps, so the same seed gives
byte-identical files. The rules are documented in ``data/README.md``
(written by :func:`generate_all`).

Usage::

    from ilp_dash.sample.generator import generate_all
    generate_all(pathlib.Path("data"), seed=20240601)
"""

from __future__ import annotations

import io
import pathlib
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
import pandas as pd
from pyproj import Transformer

from ilp_dash.io.geodata import load_region
from ilp_dash.io.wilayah_source import utm_crs_for
from ilp_dash.sample import readme
from ilp_dash.sample.facilities import (
    ILP_MONTHS,
    MID,
    largest_remainder,
    make_ambulances,
    make_hospitals,
    make_posyandu,
    make_puskesmas,
    make_pustu,
    nearest_puskesmas,
)
from ilp_dash.sample.stunting import MONTHS, risk_surface, stunting_table

SEED = 20240601
BANNER = (
    "DATA CONTOH SINTETIS / SYNTHETIC SAMPLE DATA — ILP Dash generator, seed {seed}. "
    "Bukan data resmi / not official data."
)
FIXED_TIME = datetime(2024, 6, 1, 0, 0, 0)
JEPARA_PUSKESMAS = tuple(
    f"Puskesmas {n}"
    for n in (
        "Kedung I",
        "Kedung II",
        "Pecangaan",
        "Kalinyamatan",
        "Welahan I",
        "Welahan II",
        "Mayong I",
        "Mayong II",
        "Nalumsari I",
        "Nalumsari II",
        "Batealit",
        "Tahunan",
        "Jepara",
        "Mlonggo",
        "Pakis Aji",
        "Bangsri I",
        "Bangsri II",
        "Kembang",
        "Keling I",
        "Keling II",
        "Donorojo",
        "Karimunjawa",
    )
)


@dataclass(frozen=True)
class RegionSpec:
    """Calibration targets and planted structure of one region (see data/README.md)."""

    code: str
    short: str
    population: int  # total penduduk
    ssgi: float  # SSGI 2022 stunting prevalence (reported)
    n_puskesmas: int
    hospitals: tuple  # (nama, kelas, kecamatan, desa, ambulances)
    hotspots: tuple  # (kecamatan, desa, sigma_km, logit height)
    town: tuple  # (kecamatan, desa) of the main town
    puskesmas_names: tuple | None = None
    inpatient_kec: tuple = ()
    posyandu_total: int | None = None
    posyandu_per_village: float = 6.0
    kader_total: int | None = None
    kader_mean: float = 5.5
    ilp_mid_count: int | None = None  # ILP Posyandu with Bulan ILP ≤ 2024-06
    ilp_mid_share: float = 0.3  # … else this share of the final count
    ilp_final_share: float = 0.97  # ILP share of all Posyandu at 2025-05
    ilp_villages: int | None = None  # only this many villages take part
    ilp_within_village: float = 0.8
    early_puskesmas: int = 0
    new_ambulances: tuple = ()
    gradient: float = 0.9
    small_kec: dict = field(default_factory=dict)  # kode_kec -> population factor
    rw_label: str = "RW"


SPECS: dict[str, RegionSpec] = {
    "33.20": RegionSpec(
        code="33.20",
        short="Jepara",
        population=1_200_000,
        ssgi=0.182,
        n_puskesmas=22,
        puskesmas_names=JEPARA_PUSKESMAS,
        inpatient_kec=("33.20.10",),
        posyandu_total=1139,
        kader_total=6443,
        kader_mean=6443 / 1139,
        ilp_mid_count=232,
        ilp_final_share=0.97,
        hospitals=(
            ("RSUD R.A. Kartini", "B", "Jepara", "Bapangan", 2),
            ("RSUD Kelet", "C", "Keling", "Kelet", 1),
        ),
        new_ambulances=("Puskesmas Batealit", "Puskesmas Keling II", "Puskesmas Mayong I"),
        hotspots=(
            ("Keling", "Tempur", 6.0, 1.2),
            ("Kedung", "Tanggul Tlare", 4.0, 1.4),
            ("Nalumsari", "Bategede", 4.0, 0.9),
        ),
        town=("Jepara", "Bapangan"),
        small_kec={"33.20.10": 0.25},
    ),
    "35.03": RegionSpec(
        code="35.03",
        short="Trenggalek",
        population=750_000,
        ssgi=0.195,
        n_puskesmas=22,
        posyandu_per_village=6.0,
        ilp_villages=84,
        ilp_mid_share=0.4,
        hospitals=(("RSUD Trenggalek", "B", "Trenggalek", "Sumbergedong", 2),),
        hotspots=(
            ("Panggul", "Nglebeng", 5.0, 0.9),
            ("Watulimo", "Karanggandu", 5.0, 0.8),
            ("Bendungan", "Botoputih", 4.0, 0.8),
        ),
        town=("Trenggalek", "Sumbergedong"),
        gradient=0.5,
    ),
    "35.79": RegionSpec(
        code="35.79",
        short="Batu",
        population=220_000,
        ssgi=0.252,
        n_puskesmas=5,
        posyandu_per_village=7.0,
        ilp_final_share=0.6,
        ilp_mid_share=0.35,
        early_puskesmas=3,
        hospitals=(("RSUD Karsa Husada Batu", "B", "Batu", "Sisir", 2),),
        hotspots=(("Bumiaji", "Sumberbrantas", 3.0, 1.0), ("Junrejo", "Tlekung", 2.5, 0.8)),
        town=("Batu", "Sisir"),
    ),
    "18.10": RegionSpec(
        code="18.10",
        short="Pringsewu",
        population=420_000,
        ssgi=0.162,
        n_puskesmas=12,
        posyandu_per_village=5.5,
        ilp_final_share=0.55,
        ilp_mid_share=0.2,
        hospitals=(("RSUD Pringsewu", "C", "Pringsewu", "Pringsewu Utara", 2),),
        hotspots=(
            ("Pagelaran Utara", "Margosari", 5.0, 1.1),
            ("Pardasuka", "Rantau Tijang", 4.0, 1.0),
        ),
        town=("Pringsewu", "Pringsewu Utara"),
        rw_label="Dusun",
    ),
}
PARTS = (
    "population",
    "puskesmas",
    "pustu",
    "posyandu",
    "hospitals",
    "ambulances",
    "risk",
    "stunting",
)


def _rng(seed: int, code: str, part: str) -> np.random.Generator:
    """Independent stream per (seed, region, part): changing one part leaves the rest."""
    return np.random.default_rng([seed, int(code.replace(".", "")), PARTS.index(part)])


def banner(seed: int) -> str:
    return BANNER.format(seed=seed)


# ---------------------------------------------------------------------- writers


def write_csv(df: pd.DataFrame, path: pathlib.Path, seed: int) -> None:
    """CSV with the synthetic banner as a ``#`` comment line, ``\\n`` line ends, UTF-8,
    coordinates with exactly 5 decimals."""
    df = df[[c for c in df.columns if not c.startswith("_")]].copy()
    for c in ("lintang", "bujur"):
        if c in df:
            df[c] = df[c].map(lambda x: f"{x:.5f}")
    text = f"# {banner(seed)}\n" + df.to_csv(index=False, lineterminator="\n")
    path.write_bytes(text.encode("utf-8"))


def _cell(x):
    if x is None or (isinstance(x, float) and np.isnan(x)):
        return None
    if isinstance(x, np.integer):
        return int(x)
    if isinstance(x, np.floating):
        return None if np.isnan(x) else float(x)
    return x


def write_xlsx(df: pd.DataFrame, path: pathlib.Path, seed: int, sheet: str) -> None:
    """XLSX: banner in row 1, empty row 2, header in row 3. Document properties and
    zip entry timestamps are fixed so the file is byte-identical across runs."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    ws.cell(row=1, column=1, value=banner(seed)).font = Font(bold=True, color="C00000")
    for j, col in enumerate(df.columns, start=1):
        ws.cell(row=3, column=j, value=col).font = Font(bold=True)
    for i, rec in enumerate(df.itertuples(index=False), start=4):
        for j, x in enumerate(rec, start=1):
            if (val := _cell(x)) is not None:
                ws.cell(row=i, column=j, value=val)
    for j, col in enumerate(df.columns):
        longest = max([len(col), *(len(str(x)) for x in df[col] if x is not None)])
        ws.column_dimensions[openpyxl.utils.get_column_letter(j + 1)].width = min(40, longest + 2)
    ws.freeze_panes = "A4"
    props = wb.properties
    props.creator = props.lastModifiedBy = "ILP Dash sample generator"
    props.title = "DATA CONTOH SINTETIS / SYNTHETIC SAMPLE DATA"
    props.created = props.modified = FIXED_TIME
    buf = io.BytesIO()
    wb.save(buf)  # openpyxl stamps "modified" with the clock and zip entries with now()
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp + rb"\g<2>",
                    data,
                )
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, data)
    path.write_bytes(out.getvalue())


# ---------------------------------------------------------------------- population


def population(v: pd.DataFrame, spec: RegionSpec, rng) -> tuple[np.ndarray, np.ndarray]:
    """Penduduk ∝ area^0.4 · lognormal(0, 0.6) · 1.6 (kelurahan) · small-kecamatan factor;
    the 3% of desa with the lowest lognormal draw are "small villages" (× 0.3) so that
    some denominators are tiny. Rounded to hit ``spec.population`` exactly;
    balita = penduduk · U(7%, 8%)."""
    draw = rng.normal(0, 0.6, len(v))
    w = v["luas_km2"].to_numpy(dtype=float) ** 0.4 * np.exp(draw)
    w *= np.where(v["tipe"] == "kelurahan", 1.6, 1.0)
    w *= v["kode_kec"].map(spec.small_kec).fillna(1.0).to_numpy()
    desa = np.flatnonzero(v["tipe"].to_numpy() != "kelurahan")
    small = desa[np.argsort(draw[desa], kind="stable")[: int(0.03 * len(v))]]
    w[small] *= 0.3
    pen = largest_remainder(w, spec.population)
    balita = np.rint(pen * rng.uniform(0.07, 0.08, len(v))).astype(int)
    return pen, balita


# ---------------------------------------------------------------------- orchestration


def generate_region(code: str, out_dir: pathlib.Path, seed: int = SEED) -> dict:
    """Write the synthetic registers of region ``code`` into ``out_dir``; return counts."""
    spec = SPECS[code]
    out_dir = pathlib.Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    r = load_region(code)
    v = r.villages.sort_values("kode", kind="stable").reset_index(drop=True).copy()
    c = r.regency.union_all().centroid
    utm = utm_crs_for(c.x, c.y)
    cent = v.to_crs(utm).geometry.centroid
    v["x"], v["y"] = cent.x.to_numpy() / 1000, cent.y.to_numpy() / 1000
    # facility points are drawn inside village ∩ regency outline (shrunk by ~50 m):
    # coastal village polygons reach a few hundred metres past the regency polygon
    inner = r.regency.union_all().buffer(-0.0005)
    v["geometry"] = [
        g.intersection(inner) if not g.intersection(inner).is_empty else g for g in v.geometry
    ]
    v["penduduk"], v["balita"] = population(v, spec, _rng(seed, code, "population"))

    pkm = make_puskesmas(
        v, spec.puskesmas_names, spec.n_puskesmas, _rng(seed, code, "puskesmas"), spec.inpatient_kec
    )
    v["puskesmas"] = nearest_puskesmas(
        v, pkm, Transformer.from_crs("EPSG:4326", utm, always_xy=True)
    )
    pustu = make_pustu(v, pkm, _rng(seed, code, "pustu"))
    posy = make_posyandu(v, spec, _rng(seed, code, "posyandu"))
    rs = make_hospitals(v, spec, _rng(seed, code, "hospitals"))
    amb = make_ambulances(pkm, spec, _rng(seed, code, "ambulances"))
    risk = risk_surface(v, spec, _rng(seed, code, "risk"))
    st = stunting_table(v, risk, _rng(seed, code, "stunting"))
    pend = v[["kode", "nama", "kecamatan", "penduduk", "balita"]].rename(
        columns={"kode": "kode_desa", "nama": "desa"}
    )

    write_csv(pkm, out_dir / "puskesmas.csv", seed)
    write_csv(pustu, out_dir / "pustu.csv", seed)
    write_xlsx(posy, out_dir / "posyandu.xlsx", seed, sheet="Posyandu")
    write_csv(rs, out_dir / "rumah_sakit.csv", seed)
    write_csv(amb, out_dir / "ambulans.csv", seed)
    write_csv(pend, out_dir / "penduduk.csv", seed)
    write_csv(st, out_dir / "stunting_desa.csv", seed)

    month = posy["Bulan ILP"].fillna("")
    ilp_by_month = {m: int(((month != "") & (month <= m)).sum()) for m in ILP_MONTHS}
    w = v["balita"].to_numpy(dtype=float)
    summary = {
        "code": code,
        "name": r.name,
        "seed": seed,
        "villages": len(v),
        "kecamatan": int(v["kode_kec"].nunique()),
        "penduduk": int(v["penduduk"].sum()),
        "balita": int(v["balita"].sum()),
        "puskesmas": len(pkm),
        "pustu": len(pustu),
        "posyandu": len(posy),
        "kader": int(posy["Jumlah Kader"].sum()),
        "posyandu_with_coordinates": int(posy["Lintang"].notna().sum()),
        "ilp_2024_06": ilp_by_month[ILP_MONTHS[MID]],
        "ilp_2025_05": ilp_by_month[ILP_MONTHS[-1]],
        "ilp_villages_2025_05": int(
            posy.loc[month != "", "Desa"].pipe(
                lambda s: (posy.loc[s.index, "Kecamatan"] + "|" + s).nunique()
            )
        ),
        "ilp_by_month": ilp_by_month,
        "early_puskesmas": posy.attrs.get("early_puskesmas", []),
        "rumah_sakit": len(rs),
        "ambulans": len(amb),
        "ambulans_2024": amb.loc[amb["tahun"] == 2024, "pangkalan"].tolist(),
        "ssgi_target": spec.ssgi,
        "risk_weighted": round(float(np.average(risk, weights=w)), 4),
        "risk_min": round(float(risk.min()), 4),
        "risk_max": round(float(risk.max()), 4),
        "prevalence_observed": round(float(st["stunting"].sum() / st["diukur"].sum()), 4),
        "stunting_rows": len(st),
        "months": [MONTHS[0], MONTHS[-1]],
        "villages_diukur_under_20": int(st.loc[st["diukur"] < 20, "kode_desa"].nunique()),
        "hotspots": [f"{d} (Kec. {k}), sigma {s:g} km" for k, d, s, _h in spec.hotspots],
    }
    (out_dir / "README.md").write_bytes(readme.region_readme(summary, spec).encode("utf-8"))
    return summary


def generate_all(out_root: pathlib.Path, seed: int = SEED) -> list[dict]:
    """Generate the four regions into ``out_root/<code>/`` and write ``out_root/README.md``."""
    out_root = pathlib.Path(out_root)
    summaries = [generate_region(code, out_root / code, seed) for code in SPECS]
    (out_root / "README.md").write_bytes(readme.root_readme(summaries, SPECS, seed).encode("utf-8"))
    return summaries
