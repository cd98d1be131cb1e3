"""The analyses behind the screens, per region, computed once per data version.

Pure Python (no Dash): every function takes a region code, reads the data set
being served (:mod:`ilp_dash.region.store`) and caches its answer under
``(code, version)``, so callbacks only select and format.

Choices made for the dashboard (stated on screen):

* **Coverage** is read at the end of each month of the report period.
* **Stunting** uses the *latest month* of the village table: summing months
  would count each child once per month. A yearly table's period is its year
  (``"2024"``); a table of stunted counts without children measured gives no
  prevalence and no hotspots (:func:`measured_known`).
* **Hotspots**: :func:`~ilp_dash.analysis.stunting_picture.month_picture` of
  the latest month, the one computation the CLI also uses — Gi* on EB-smoothed
  rates, queen contiguity (k = 4 nearest for islands), the significance rule of
  ``policy.HOTSPOT_SIGNIFICANCE``, permutations enough for a Benjamini–Hochberg
  false discovery rate of 5 % over all tested villages, seed fixed so the map
  does not change between reloads; villages measuring fewer than 20 children
  get no class.
* **Travel** is straight-line km × 1.3 at 40 km/h within a landmass, plus the
  region's ``sea_links.csv`` crossings when present.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from ilp_dash import policy
from ilp_dash.analysis.coverage import coverage_table
from ilp_dash.analysis.coverage import report_months as report_months_of
from ilp_dash.analysis.landmasses import detached_villages
from ilp_dash.analysis.referral import referral_chain
from ilp_dash.analysis.stunting_picture import month_picture as hotspot_table
from ilp_dash.analysis.travel import travel_model
from ilp_dash.io.geojson import encode, feature_collection, kecamatan_collection
from ilp_dash.io.problems import DataValidationError
from ilp_dash.io.sea_links import read_sea_links
from ilp_dash.region import store
from ilp_dash.region.shared_results import shared as _shared
from ilp_dash.region.shared_results import version_key as _key


# ------------------------------------------------------------------ coverage
def report_months(code: str) -> list[str]:
    """Months of the report: the stunting table's, else the span of the ILP roll-out."""
    return _report_months(*_key(code))


@lru_cache(maxsize=16)
def _report_months(code: str, version: int) -> list[str]:
    ds = store.dataset(code)
    return report_months_of(ds.facilities.get("posyandu"), ds.stunting)


def coverage(code: str) -> pd.DataFrame | None:
    """:func:`~ilp_dash.analysis.coverage.coverage_table` over the report months (``None``: no register)."""
    return _coverage(*_key(code))


@lru_cache(maxsize=16)
def _coverage(code: str, version: int) -> pd.DataFrame | None:
    ds = store.dataset(code)
    months = _report_months(code, version)
    if "posyandu" not in ds.facilities or not months:
        return None
    return coverage_table(
        ds.region.villages, ds.facilities["posyandu"], ds.facilities.get("pustu"), months_=months
    )


def village_coverage(code: str, month: str) -> pd.DataFrame | None:
    """One row per village (index ``kode``, in boundary order) at the end of ``month``."""
    table = coverage(code)
    if table is None:
        return None
    rows = table[(table["tingkat"] == "desa") & (table["bulan"] == month)].set_index("kode")
    return rows.reindex(store.dataset(code).region.villages["kode"])


def level_totals(code: str, level: str = "kabupaten") -> pd.DataFrame | None:
    """Rows of one level (``kabupaten``, ``kecamatan``, ``puskesmas``) for every month."""
    table = coverage(code)
    return None if table is None else table[table["tingkat"] == level].reset_index(drop=True)


def facility_counts(code: str) -> pd.DataFrame:
    """Facilities per village (columns ``posyandu, pustu, puskesmas, hospitals, ambulances``)."""
    ds = store.dataset(code)
    idx = pd.Index(ds.region.villages["kode"], name="kode")
    out = pd.DataFrame(index=idx)
    for kind in ("posyandu", "pustu", "puskesmas", "hospitals", "ambulances"):
        frame = ds.facilities.get(kind)
        counts = (
            frame.groupby("kode_desa").size()
            if frame is not None and len(frame)
            else pd.Series(dtype=int)
        )
        out[kind] = counts.reindex(idx).fillna(0).astype(int).to_numpy()
    return out


# ------------------------------------------------------------------ stunting
def stunting_months(code: str) -> list[str]:
    ds = store.dataset(code)
    return [] if ds.stunting is None else sorted(ds.stunting["bulan"].unique())


def stunting_trend(code: str) -> pd.DataFrame | None:
    """Per village and month: ``kode_desa, bulan, diukur, stunting``."""
    ds = store.dataset(code)
    return None if ds.stunting is None else ds.stunting


def hotspots(code: str) -> pd.DataFrame | None:
    """Hotspot table of the latest month (see the module rules), indexed like the villages."""
    return _hotspots(*_key(code))


@lru_cache(maxsize=8)
@_shared
def _hotspots(code: str, version: int) -> pd.DataFrame | None:
    ds = store.dataset(code)
    if not stunting_months(code) or not measured_known(code):
        return None  # counts without children measured: no rate, so no hotspots
    # the stunting picture of the latest month, the same computation as the CLI's
    return hotspot_table(ds.stunting, ds.region.villages)


def measured_known(code: str) -> bool:
    """The stunting table counts children measured (``False``: stunted counts only, never a prevalence)."""
    ds = store.dataset(code)
    return ds.stunting is not None and ds.stunting.attrs.get("measured", True) is not False


def regency_prevalence(code: str, month: str) -> tuple[int, int] | None:
    """``(stunted, measured)`` over the region in ``month`` (``measured`` is 0 for counts only)."""
    ds = store.dataset(code)
    if ds.stunting is None:
        return None
    rows = ds.stunting[ds.stunting["bulan"] == month]
    return (int(rows["stunting"].sum()), int(rows["diukur"].sum())) if len(rows) else None


# ------------------------------------------------------------------ travel
def sea_links(code: str) -> pd.DataFrame | None:
    return _sea_links(*_key(code))


@lru_cache(maxsize=8)
def _sea_links(code: str, version: int) -> pd.DataFrame | None:
    path = store.folder(code) / "sea_links.csv"
    if not path.exists():
        return None
    try:
        return read_sea_links(path, region=store.dataset(code).region).data
    except DataValidationError:
        return None


def travel(code: str):
    """The region's :class:`~ilp_dash.analysis.travel.TravelModel`."""
    return _travel(*_key(code))


@lru_cache(maxsize=8)
@_shared
def _travel(code: str, version: int):
    return travel_model(
        villages=store.dataset(code).region.villages, sea_links=_sea_links(code, version)
    )


def detached(code: str) -> np.ndarray:
    """Mask of the villages drawn in the island inset (:func:`~ilp_dash.analysis.landmasses.detached_villages`)."""
    return _detached(*_key(code)).copy()


@lru_cache(maxsize=16)
def _detached(code: str, version: int) -> np.ndarray:
    return detached_villages(store.dataset(code).region.villages)


def population_source(code: str) -> str:
    """What weighs each village: ``"loaded"`` (a population file), ``"sample"`` (synthetic), ``"none"`` (1 each)."""
    ds = store.dataset(code)
    if ds.population is None:
        return "none"
    return "sample" if ds.inputs.get("population", ds.synthetic) else "loaded"


def village_points(code: str) -> pd.DataFrame:
    """A point inside every village (``kode, lon, lat``) with its population weight."""
    return _village_points(*_key(code)).copy()


@lru_cache(maxsize=8)
def _village_points(code: str, version: int) -> pd.DataFrame:
    ds = store.dataset(code)
    vil = ds.region.villages
    pts = vil.geometry.representative_point()
    out = pd.DataFrame(
        {
            "kode": vil["kode"].to_numpy(),
            "nama": vil["nama"].to_numpy(),
            "kecamatan": vil["kecamatan"].to_numpy(),
            "lon": pts.x.to_numpy(),
            "lat": pts.y.to_numpy(),
        }
    )
    pop = ds.population.set_index("kode_desa")["penduduk"] if ds.population is not None else None
    out["penduduk"] = (
        pop.reindex(out["kode"]).fillna(0).to_numpy() if pop is not None else np.ones(len(out))
    )
    return out


def referral(code: str):
    """:func:`~ilp_dash.analysis.referral.referral_chain` per Posyandu and village (``None``: registers missing)."""
    return _referral(*_key(code))


@lru_cache(maxsize=8)
@_shared
def _referral(code: str, version: int):
    ds = store.dataset(code)
    f = ds.facilities
    if any(k not in f or not len(f[k]) for k in ("posyandu", "puskesmas", "hospitals")):
        return None
    return referral_chain(
        f["posyandu"],
        f.get("pustu"),
        f["puskesmas"],
        f["hospitals"],
        villages=ds.region.villages,
        model=_travel(code, version),
    )


def village_to_puskesmas_minutes(code: str) -> pd.Series | None:
    """Minutes from each village's inner point to its nearest Puskesmas (index ``kode``)."""
    return _to_puskesmas(*_key(code))


@lru_cache(maxsize=8)
@_shared
def _to_puskesmas(code: str, version: int) -> pd.Series | None:
    ds = store.dataset(code)
    pk = ds.facilities.get("puskesmas")
    if pk is None or not len(pk):
        return None
    pts = village_points(code)
    tm = _travel(code, version).matrix(pts, pk)
    return pd.Series(tm.minutes.min(axis=1), index=pts["kode"], name="menit_ke_puskesmas")


# ------------------------------------------------------------------ ambulances
@dataclass(frozen=True)
class SitingInputs:
    """Demand = villages (weight: population); candidates = Puskesmas, hospitals and Pustu."""

    demand: pd.DataFrame
    candidates: (
        pd.DataFrame
    )  # id, nama, jenis, lon, lat, base (bool: an ambulance is based here now)
    minutes: np.ndarray  # demand × candidates
    sea: np.ndarray

    @property
    def current(self) -> list[str]:
        return self.candidates.loc[self.candidates["base"], "id"].tolist()


def siting_inputs(code: str) -> SitingInputs | None:
    return _siting_inputs(*_key(code))


@lru_cache(maxsize=8)
@_shared
def _siting_inputs(code: str, version: int) -> SitingInputs | None:
    ds = store.dataset(code)
    f = ds.facilities
    parts = []
    for kind, jenis in (
        ("puskesmas", "Puskesmas"),
        ("hospitals", "Rumah sakit"),
        ("pustu", "Pustu"),
    ):
        frame = f.get(kind)
        if frame is not None and len(frame):
            parts.append(
                pd.DataFrame(
                    {
                        "id": frame["id"].astype(str),
                        "nama": frame["nama"],
                        "jenis": jenis,
                        "lon": frame["lon"],
                        "lat": frame["lat"],
                    }
                )
            )
    if not parts:
        return None
    cand = pd.concat(parts, ignore_index=True).drop_duplicates("id")
    amb = f.get("ambulances")
    cand["base"] = False
    if amb is not None and len(amb):
        # an ambulance stands at the candidate nearest to it (bases were placed at their facility)
        d = (cand["lon"].to_numpy()[None, :] - amb["lon"].to_numpy()[:, None]) ** 2 + (
            cand["lat"].to_numpy()[None, :] - amb["lat"].to_numpy()[:, None]
        ) ** 2
        cand.loc[cand.index[np.unique(d.argmin(axis=1))], "base"] = True
    demand = village_points(code)
    tm = _travel(code, version).matrix(demand, cand)
    return SitingInputs(
        demand=demand, candidates=cand.reset_index(drop=True), minutes=tm.minutes, sea=tm.sea
    )


def population_within(
    code: str, bases: list[str], minutes: float = policy.AMBULANCE_MINUTES
) -> tuple[float, float]:
    """``(population within minutes of a base, total population)`` for the given candidate ids."""
    w = village_points(code)["penduduk"].to_numpy(dtype=float)
    return float(w[policy.within(nearest_base_minutes(code, bases), minutes)].sum()), float(w.sum())


def nearest_base_minutes(code: str, bases: list[str]) -> np.ndarray:
    """Minutes from each village to its nearest base among ``bases`` (``inf``: none reachable)."""
    inp = siting_inputs(code)
    if inp is None or not bases:
        return np.full(len(village_points(code)), np.inf)
    cols = np.flatnonzero(inp.candidates["id"].isin(bases).to_numpy())
    return inp.minutes[:, cols].min(axis=1)


def clear() -> None:
    """Drop every cached result (tests)."""
    for f in (
        _report_months,
        _coverage,
        _village_points,
        _detached,
        _hotspots,
        _sea_links,
        _travel,
        _referral,
        _to_puskesmas,
        _siting_inputs,
        _geojson,
        _kecamatan_geojson,
    ):
        f.cache_clear()


# ------------------------------------------------------------------ browser payload
def geojson_bytes(code: str, version: int) -> bytes:
    """The region's simplified village GeoJSON (see :mod:`ilp_dash.io.geojson`) for one data version."""
    return _geojson(code, version)


@lru_cache(maxsize=16)
@_shared
def _geojson(code: str, version: int) -> bytes:
    return encode(feature_collection(store.dataset(code).region.villages))


def kecamatan_geojson_bytes(code: str, version: int) -> bytes:
    """The region's kecamatan border lines (see :func:`ilp_dash.io.geojson.kecamatan_collection`)."""
    return _kecamatan_geojson(code, version)


@lru_cache(maxsize=16)
@_shared
def _kecamatan_geojson(code: str, version: int) -> bytes:
    return encode(kecamatan_collection(store.dataset(code).region.villages))
