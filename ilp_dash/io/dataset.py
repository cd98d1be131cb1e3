"""A region's whole data set: boundaries plus every register, validated together.

Registers are looked up in a folder by their usual file names
(:data:`FILE_NAMES`) or given one by one. Everything is loaded, every problem
is collected into one report, and nothing is returned half-loaded: a
:class:`Dataset` exists only when no file has an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pandas as pd

from ilp_dash.io.boundaries import load_boundaries
from ilp_dash.io.facilities import load_facilities, resolve_ambulance_bases
from ilp_dash.io.geodata import Region, load_region, region_index
from ilp_dash.io.problems import DataValidationError, ValidationReport, raise_if_errors
from ilp_dash.io.stunting import load_population, load_stunting

FACILITY_KINDS = ("posyandu", "pustu", "puskesmas", "hospitals", "ambulances")
POINT_SUFFIXES = (".geojson", ".gpkg", ".zip")  # facility registers drawn as points in a GIS


def _with_points(stem: str, *tables: str) -> tuple[str, ...]:
    return (*tables, *(stem + s for s in POINT_SUFFIXES))


FILE_NAMES: dict[str, tuple[str, ...]] = {
    "posyandu": _with_points("posyandu", "posyandu.xlsx", "posyandu.csv"),
    "pustu": _with_points("pustu", "pustu.csv", "pustu.xlsx"),
    "puskesmas": _with_points("puskesmas", "puskesmas.csv", "puskesmas.xlsx"),
    "hospitals": _with_points(
        "rumah_sakit", "rumah_sakit.csv", "rumah_sakit.xlsx", "hospitals.csv"
    ),
    "ambulances": ("ambulans.csv", "ambulans.xlsx", "ambulances.csv"),
    "stunting": ("stunting_desa.csv", "stunting_desa.xlsx", "stunting.csv", "stunting.xlsx"),
    "population": ("penduduk.csv", "penduduk.xlsx", "population.csv"),
}


@dataclass
class Dataset:
    region: Region
    facilities: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)
    stunting: pd.DataFrame | None = None
    population: pd.DataFrame | None = None
    report: ValidationReport = field(default_factory=ValidationReport)
    synthetic: bool = False  # any input is sample data (see ``inputs``)
    matches: dict[str, pd.DataFrame] = field(default_factory=dict)
    inputs: dict[str, bool] = field(default_factory=dict)  # kind of file -> it is sample data

    @property
    def sample_inputs(self) -> tuple[str, ...]:
        """Kinds of the loaded files that are synthetic sample data (in loading order)."""
        return tuple(kind for kind, sample in self.inputs.items() if sample)

    @property
    def all_sample(self) -> bool:
        """Every loaded file is sample data (and at least one is loaded)."""
        return bool(self.inputs) and all(self.inputs.values())


# The national health-facility list, read as both the Puskesmas and the hospital register
# when the folder has no file of its own for them (see ilp_dash.io.faskes).
NATIONAL_NAMES = ("faskes.xlsx", "faskes.csv", "data_faskes.xlsx", "data_faskes.csv")


def find_files(folder: Path) -> dict[str, Path]:
    """The register files present in ``folder``, by kind."""
    found = {}
    for kind, names in FILE_NAMES.items():
        for n in names:
            if (folder / n).exists():
                found[kind] = folder / n
                break
    national = next((folder / n for n in NATIONAL_NAMES if (folder / n).exists()), None)
    if national is not None:
        for kind in ("puskesmas", "hospitals"):
            found.setdefault(kind, national)
    return found


def region_from_boundaries(path: Path, code: str) -> tuple[Region, ValidationReport]:
    """A :class:`Region` built from a user's village boundary file."""
    loaded = load_boundaries(path, code)
    vil = loaded.data
    kec = vil.dissolve(by="kode_kec", as_index=False)[["kode_kec", "kecamatan", "geometry"]]
    kec = kec.rename(columns={"kode_kec": "kode", "kecamatan": "nama"})
    names = {e["code"]: e["name"] for e in region_index()}
    name = names.get(
        code, vil["kabupaten"].dropna().iloc[0] if vil["kabupaten"].notna().any() else code
    )
    kab = gpd.GeoDataFrame(
        {"kode": [code], "nama": [name]}, geometry=[vil.union_all()], crs="EPSG:4326"
    )
    return Region(code, name, vil, kec, kab, f"Batas desa: {path.name}"), loaded.report


def load_dataset(
    region_code: str, files: dict[str, Path], boundaries: Path | None = None
) -> Dataset:
    """Load and validate every given file; raise one error listing all problems."""
    report = ValidationReport()
    if boundaries is not None:
        try:
            region, rep = region_from_boundaries(Path(boundaries), region_code)
            report.extend(rep)
        except DataValidationError as exc:
            report.extend(exc.report)
            raise DataValidationError(report) from None
    else:
        codes = [e["code"] for e in region_index()]
        if region_code not in codes:
            report.add(
                "region_unknown", file="--region", value=region_code, options=", ".join(codes)
            )
            raise DataValidationError(report)
        region = load_region(region_code)
    ds = Dataset(region=region, report=report)
    for kind, path in files.items():
        try:
            if kind in FACILITY_KINDS:
                loaded = load_facilities(path, kind, region)
                ds.facilities[kind] = loaded.data
            elif kind == "stunting":
                loaded = load_stunting(path, region)
                ds.stunting = loaded.data
            elif kind == "population":
                loaded = load_population(path, region)
                ds.population = loaded.data
            else:
                raise ValueError(f"unknown file kind {kind!r}")
            report.extend(loaded.report)
            if loaded.matches is not None:
                ds.matches[kind] = loaded.matches
            ds.inputs[kind] = bool(loaded.data.attrs.get("synthetic"))
        except DataValidationError as exc:
            report.extend(exc.report)
            if exc.matches is not None:
                ds.matches[kind] = exc.matches
    raise_if_errors(report, ds.matches)
    if "ambulances" in ds.facilities:
        bases = [ds.facilities[k] for k in ("puskesmas", "hospitals") if k in ds.facilities]
        if bases:
            name = files["ambulances"].name
            try:
                res = resolve_ambulance_bases(
                    ds.facilities["ambulances"], pd.concat(bases, ignore_index=True), name
                )
            except DataValidationError as exc:
                report.extend(exc.report)
                raise DataValidationError(report) from None
            report.extend(res.report)
            ds.facilities["ambulances"] = res.data
    # the badge stays as long as ANY input is sample data: one real file beside the sample
    # registers must not make the sample numbers look official
    ds.synthetic = any(ds.inputs.values())
    return ds


BOUNDARY_SUFFIXES = (".zip", ".gpkg", ".geojson", ".json")  # what a boundary upload may be
BOUNDARY_NAMES = tuple(f"batas_desa{s}" for s in BOUNDARY_SUFFIXES)  # uploaded village boundaries


def boundary_file(folder: Path) -> Path | None:
    """The village boundary file kept in a region folder (``batas_desa.*``), if any."""
    for name in BOUNDARY_NAMES:
        if (Path(folder) / name).exists():
            return Path(folder) / name
    return None


def load_folder(region_code: str, folder: Path) -> Dataset:
    """Load a region's data folder (e.g. ``data/33.20``): its registers and any uploaded boundaries."""
    folder = Path(folder)
    files = find_files(folder) if folder.is_dir() else {}
    return load_dataset(region_code, files, boundaries=boundary_file(folder))
