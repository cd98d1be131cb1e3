"""The public display's data (``/layar``): which views a region can fill and each view's numbers.

Four views, each one map and one to three huge numbers:

1. ``ilp`` — share of Posyandu that are ILP Posyandu, per village;
2. ``stunting`` — smoothed (empirical Bayes) stunting prevalence per village,
   hotspot villages marked; counts of children below 5 withheld
   (:mod:`ilp_dash.region.privacy`) before they leave this module;
3. ``puskesmas`` — travel time to the nearest Puskesmas, in the survey bands;
4. ``ambulans`` — travel time to the nearest ambulance base, in the same bands.

Everything here reads the data being served (:mod:`ilp_dash.region.store`,
:mod:`ilp_dash.region.results`) and hands plain values to the builders in
:mod:`ilp_dash.ui.display_views` and :mod:`ilp_dash.ui.display`, which put
them into words, figures and patches. No Dash here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Union

import numpy as np
import pandas as pd

from ilp_dash import policy
from ilp_dash.analysis.referral import DEFAULT_BANDS, travel_band
from ilp_dash.i18n import valid_lang
from ilp_dash.region import results, store
from ilp_dash.region.briefing import source_text
from ilp_dash.region.privacy import WITHHELD, suppress_counts
from ilp_dash.region.store import valid_region

if TYPE_CHECKING:
    import geopandas as gpd

VIEWS = ("ilp", "stunting", "puskesmas", "ambulans")
EMPTY = "kosong"  # the key of the view shown while the region has nothing to show


# ------------------------------------------------------------------ pure pieces
def share(part: float, whole: float) -> float | None:
    """``100 · part / whole``; ``None`` when ``whole`` is 0."""
    return 100.0 * part / whole if whole else None


def band_index(minutes) -> np.ndarray:
    """Band of each travel time as 0–3 (≤ 15, 16–30, 31–60, > 60 min).

    Unreachable (``inf``) counts as > 60; a missing time (NaN) stays NaN (grey).
    """
    m = np.asarray(minutes, dtype=float)
    codes = np.asarray(travel_band(m, thresholds=DEFAULT_BANDS).codes, dtype=float)
    return np.where(np.isnan(m), np.nan, np.minimum(codes, len(DEFAULT_BANDS)))


def over_limit(minutes, limit: float = policy.PUSKESMAS_MINUTES) -> int:
    """Villages farther than ``limit`` minutes (unreachable ones included, missing ones not)."""
    return int(policy.beyond(minutes, limit).sum())


def population_share_within(
    minutes, population, limit: float = policy.PUSKESMAS_MINUTES
) -> float | None:
    """Percent of ``population`` living within ``limit`` minutes."""
    w = np.asarray(population, dtype=float)
    return share(float(w[policy.within(minutes, limit)].sum()), float(w.sum()))


def shown_stunting(table: pd.DataFrame) -> pd.DataFrame:
    """The hotspot table as the public may see it (counts < 5 and their rates withheld)."""
    return suppress_counts(
        table, ["diukur", "stunting"], ["rate_crude", "rate_eb", "eb_lower", "eb_upper"]
    )


# ------------------------------------------------------------------ what each view shows
@dataclass(frozen=True, eq=False)
class IlpData:
    """The ILP view: percent ILP per village and the regency's counts in the latest report month."""

    month: str | None
    values: np.ndarray  # one per village, boundary order; NaN: no Posyandu
    posyandu: int
    ilp: int
    villages: int
    with_ilp: int  # villages with at least one ILP Posyandu
    key: str = "ilp"
    points: str | None = None

    @property
    def percent(self) -> float | None:
        """Percent of the Posyandu that are ILP Posyandu (``None`` without Posyandu)."""
        return share(self.ilp, self.posyandu)


@dataclass(frozen=True, eq=False)
class StuntingData:
    """The stunting view, already safe to show: every count below the threshold is withheld.

    ``stunted``/``measured`` are the regency's totals (NaN when withheld or missing;
    ``*_withheld`` says which), ``percent`` its crude prevalence (NaN when withheld).
    """

    month: str | None
    values: np.ndarray  # smoothed prevalence (%) per village; NaN where withheld
    hotspots: int
    withheld: int  # villages with something withheld
    stunted: float
    measured: float
    stunted_withheld: bool
    measured_withheld: bool
    percent: float
    key: str = "stunting"
    points: str | None = "hotspot"


@dataclass(frozen=True, eq=False)
class TravelData:
    """A travel-time view (``puskesmas`` or ``ambulans``): bands per village and the counts beyond ``limit``."""

    key: str
    month: str | None
    values: np.ndarray  # band 0–3 per village; NaN: no travel time
    limit: float
    over: int  # villages farther than ``limit`` minutes
    within: float | None  # percent of the people within ``limit`` minutes
    bases: int = 0  # ambulance bases (``ambulans`` only)

    @property
    def points(self) -> str:
        return self.key


@dataclass(frozen=True, eq=False)
class NoData:
    """Nothing to show: the region has no usable register (``key == EMPTY``) or view ``key`` failed."""

    key: str
    villages: int
    error: str | None = None  # why the view failed
    month: None = None
    points: None = None


ViewData = Union[IlpData, StuntingData, TravelData, NoData]


def available_views(code: str) -> list[str]:
    """The views the region's data can fill (cheap: looks at which registers are loaded)."""
    ds = store.dataset(code)
    f = ds.facilities
    has = {
        k: k in f and len(f[k]) > 0
        for k in ("posyandu", "puskesmas", "ambulances", "hospitals", "pustu")
    }
    out = []
    if has["posyandu"] and results.report_months(code):
        out.append("ilp")
    if ds.stunting is not None and len(ds.stunting) and results.measured_known(code):
        out.append("stunting")  # a table of counts without children measured has no prevalence
    if has["puskesmas"]:
        out.append("puskesmas")
    if has["ambulances"] and (has["puskesmas"] or has["hospitals"] or has["pustu"]):
        out.append("ambulans")
    return out


def _latest_month(code: str) -> str | None:
    months = results.report_months(code)
    return months[-1] if months else None


def ilp_data(code: str) -> IlpData:
    month = _latest_month(code)
    cov = results.village_coverage(code, month)
    values = cov["persen_ilp"].to_numpy(dtype=float)
    kab = results.level_totals(code, "kabupaten").set_index("bulan").loc[month]
    return IlpData(
        month=month,
        values=values,
        posyandu=int(kab["posyandu"]),
        ilp=int(kab["posyandu_ilp"]),
        villages=int(kab["desa"]),
        with_ilp=int(kab["desa_dengan_ilp"]),
    )


def stunting_data(code: str) -> StuntingData:
    hs = results.hotspots(code)
    shown = shown_stunting(hs)
    month = hs.attrs.get("month")
    stunted, measured = results.regency_prevalence(code, month)
    total = suppress_counts(
        pd.DataFrame(
            {"diukur": [measured], "stunting": [stunted], "persen": [share(stunted, measured)]}
        ),
        ["diukur", "stunting"],
        ["persen"],
    ).iloc[0]
    return StuntingData(
        month=month,
        values=100 * shown["rate_eb"].to_numpy(dtype=float),
        hotspots=int((hs["class"] == "hot").sum()),
        withheld=int(shown[WITHHELD].sum()),
        stunted=float(total["stunting"]),
        measured=float(total["diukur"]),
        stunted_withheld=bool(total[f"stunting_{WITHHELD}"]),
        measured_withheld=bool(total[f"diukur_{WITHHELD}"]),
        percent=float(total["persen"]),
    )


def puskesmas_data(code: str) -> TravelData:
    minutes = results.village_to_puskesmas_minutes(code)
    pts = results.village_points(code)
    m = minutes.reindex(pts["kode"]).to_numpy(dtype=float)
    limit = policy.PUSKESMAS_MINUTES
    return TravelData(
        key="puskesmas",
        month=_latest_month(code),
        values=band_index(m),
        limit=limit,
        over=over_limit(m, limit),
        within=population_share_within(m, pts["penduduk"], limit),
    )


def ambulance_data(code: str) -> TravelData:
    bases = results.siting_inputs(code).current
    m = results.nearest_base_minutes(code, bases)
    limit = policy.AMBULANCE_MINUTES
    within, total = results.population_within(code, bases, limit)
    return TravelData(
        key="ambulans",
        month=_latest_month(code),
        values=band_index(m),
        limit=limit,
        over=over_limit(m, limit),
        within=share(within, total),
        bases=len(bases),
    )


READERS = {
    "ilp": ilp_data,
    "stunting": stunting_data,
    "puskesmas": puskesmas_data,
    "ambulans": ambulance_data,
}


def _village_count(code: str) -> int:
    return len(store.dataset(code).region.villages)


def view_data(code: str, key: str) -> ViewData:
    """The numbers of view ``key`` of region ``code`` (:class:`NoData` for an unknown key).

    A view the loaded data cannot fill (a register with a problem the checks let
    through) becomes :class:`NoData` with the reason, so the unattended screen keeps turning.
    """
    reader = READERS.get(key)
    if reader is None:
        return NoData(EMPTY, _village_count(code))
    try:
        return reader(code)
    except (ValueError, KeyError, TypeError) as err:
        return NoData(key, _village_count(code), str(err))


# ------------------------------------------------------------------ the map's geography and dots
@dataclass(frozen=True, eq=False)
class Geography:
    """What the display's maps are drawn on: the villages being served and which are islands apart."""

    code: str
    version: int  # data version (the GeoJSON URL)
    villages: gpd.GeoDataFrame
    kecamatan: gpd.GeoDataFrame | None
    detached: np.ndarray  # one bool per village: drawn in the inset


def geography(code: str) -> Geography:
    ds = store.dataset(code)
    return Geography(
        code=code,
        version=store.version(code),
        villages=ds.region.villages,
        kecamatan=ds.region.kecamatan,
        detached=results.detached(code),
    )


def map_bounds(code: str) -> dict:
    """Lon/lat bounds the browser fits the maps to (assets/layar.js): main body and islands (or ``None``)."""
    vil = store.dataset(code).region.villages
    detached = results.detached(code)
    main = vil[~detached] if detached.any() else vil

    def as_list(gdf) -> list[float]:
        return [round(float(x), 5) for x in gdf.total_bounds]

    return {"main": as_list(main), "inset": as_list(vil[detached]) if detached.any() else None}


@dataclass(frozen=True)
class Points:
    """The dots of a view: where and what they are (facility or village names only)."""

    lon: list
    lat: list
    text: list
    kind: str | None = None  # "puskesmas", "ambulans" or "hotspot"; None: no dots


def view_points(code: str, kind: str | None) -> Points:
    """Puskesmas, ambulance bases or hotspot villages as dots; no dots for ``None``."""
    frame = None
    if kind == "puskesmas":
        frame = store.dataset(code).facilities.get("puskesmas")
    elif kind == "ambulans":
        inp = results.siting_inputs(code)
        frame = inp.candidates[inp.candidates["base"]] if inp is not None else None
    elif kind == "hotspot":
        hs = results.hotspots(code)
        if hs is not None:
            frame = results.village_points(code)[(hs["class"] == "hot").to_numpy()]
    if frame is None or not len(frame):
        return Points([], [], [])
    return Points(
        np.round(frame["lon"].to_numpy(dtype=float), 5).tolist(),
        np.round(frame["lat"].to_numpy(dtype=float), 5).tolist(),
        [str(n) for n in frame["nama"]],
        kind,
    )


# ------------------------------------------------------------------ the display's turn
@dataclass(frozen=True, eq=False)
class Turn:
    """The display's next picture as data; :func:`ilp_dash.ui.display.turn_outputs` draws it."""

    lang: str
    views: list[str]
    index: int
    data: ViewData
    points: Points
    geography: Geography
    source: str  # the provenance line's text
    new_data: bool  # the data version changed: rebuild the map
    rotate_off: bool | None  # rotation to switch off (True) or on (False); None: unchanged
    state: dict
    bounds: dict | None  # new map bounds; None: unchanged


def turn(state: dict, *, rotate: bool) -> Turn:
    """The display's next view when ``rotate``, else the same one re-read.

    ``state`` is the page's store (``code, lang, version, views, index``). When the
    region's data version has changed (an upload) the views are listed again and
    the map is to be rebuilt (new GeoJSON URL, new bounds).
    """
    code, lang = valid_region(state.get("code")), valid_lang(state.get("lang"))
    version = store.version(code)
    new_data = version != state.get("version")
    views = available_views(code) if new_data else list(state.get("views") or [])
    index = int(state.get("index") or 0) + (1 if rotate else 0)
    index = index % len(views) if views else 0
    data = view_data(code, views[index] if views else "")
    hold = len(views) < 2
    return Turn(
        lang=lang,
        views=views,
        index=index,
        data=data,
        points=view_points(code, data.points),
        geography=geography(code),
        source=source_text(code, lang),
        new_data=new_data,
        rotate_off=hold if hold != (len(state.get("views") or []) < 2) else None,
        state={**state, "version": version, "views": views, "index": index},
        bounds=map_bounds(code) if new_data else None,
    )
