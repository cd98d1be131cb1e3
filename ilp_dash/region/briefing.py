"""The briefing's headline numbers, each with its month and its change since the month before.

Dash-free; every figure is a count or share computed from the data set being
served (see :mod:`ilp_dash.region.results` for the rules).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ilp_dash import policy
from ilp_dash.analysis.siting.models import mclp
from ilp_dash.i18n import tr
from ilp_dash.region import results, store
from ilp_dash.region.privacy import rate_range


@dataclass(frozen=True)
class Briefing:
    month: str | None
    previous: str | None
    posyandu: int = 0
    posyandu_ilp: int = 0
    posyandu_ilp_prev: int | None = None
    villages: int = 0
    villages_ilp: int = 0
    villages_ilp_prev: int | None = None
    villages_pustu: int = 0
    target_percent: float = policy.ILP_TARGET_PERCENT
    stunting_month: str | None = None
    stunted: int | None = None
    measured: int | None = None
    prevalence_prev: float | None = None
    smoothed_min: float | None = None
    smoothed_max: float | None = None
    hot: int | None = None
    cold: int | None = None
    permutations: int | None = None
    population: float | None = None
    population_ambulance: float | None = None
    ambulance_minutes: float = policy.AMBULANCE_MINUTES
    bases: int = 0
    villages_far_puskesmas: int | None = None

    @property
    def ilp_percent(self) -> float | None:
        return 100.0 * self.posyandu_ilp / self.posyandu if self.posyandu else None

    @property
    def gap(self) -> int:
        return max(
            int(np.ceil(self.posyandu * self.target_percent / 100 - 1e-9)) - self.posyandu_ilp, 0
        )

    @property
    def prevalence(self) -> float | None:
        return 100.0 * self.stunted / self.measured if self.measured else None

    @property
    def ambulance_share(self) -> float | None:
        return 100.0 * self.population_ambulance / self.population if self.population else None


def briefing(code: str) -> Briefing:
    ds = store.dataset(code)
    kw: dict = {"villages": len(ds.region.villages)}
    months = results.report_months(code)
    kab = results.level_totals(code, "kabupaten")
    month = previous = None
    if kab is not None and len(kab):
        kab = kab.set_index("bulan")
        month = kab.index[-1]
        previous = kab.index[-2] if len(kab) > 1 else None
        now = kab.loc[month]
        kw.update(
            posyandu=int(now["posyandu"]),
            posyandu_ilp=int(now["posyandu_ilp"]),
            villages_ilp=int(now["desa_dengan_ilp"]),
            villages_pustu=int(now["desa_dengan_pustu"]),
        )
        if previous:
            kw.update(
                posyandu_ilp_prev=int(kab.loc[previous, "posyandu_ilp"]),
                villages_ilp_prev=int(kab.loc[previous, "desa_dengan_ilp"]),
            )
    elif months:
        month = months[-1]
    pustu = ds.facilities.get("pustu")
    if kab is None and pustu is not None:
        kw["villages_pustu"] = int(ds.region.villages["kode"].isin(set(pustu["kode_desa"])).sum())
    smonths = results.stunting_months(code)
    if smonths:
        s, m = results.regency_prevalence(code, smonths[-1])
        counts_only = not results.measured_known(code)
        kw.update(stunting_month=smonths[-1], stunted=s, measured=None if counts_only else m)
        if len(smonths) > 1 and not counts_only:
            prev = results.regency_prevalence(code, smonths[-2])
            kw["prevalence_prev"] = 100.0 * prev[0] / prev[1] if prev and prev[1] else None
    hs = results.hotspots(code) if smonths else None
    if hs is not None:
        # villages with fewer than 5 children measured or stunted are left out: a range's ends are single villages
        span = rate_range(hs, "rate_eb", tested=~hs["small_n"].to_numpy(dtype=bool))
        kw.update(
            hot=int((hs["class"] == "hot").sum()),
            cold=int((hs["class"] == "cold").sum()),
            permutations=int(hs.attrs["permutations"]),
            smoothed_min=100 * span[0] if span else None,
            smoothed_max=100 * span[1] if span else None,
        )
    inp = results.siting_inputs(code)
    if inp is not None and "ambulances" in ds.facilities:
        within, total = results.population_within(code, inp.current)
        kw.update(population=total, population_ambulance=within, bases=len(inp.current))
    far = results.village_to_puskesmas_minutes(code)
    if far is not None:
        kw["villages_far_puskesmas"] = int(policy.beyond(far, policy.PUSKESMAS_MINUTES).sum())
    return Briefing(month=month, previous=previous, **kw)


@dataclass(frozen=True)
class Proposal:
    """Where ``extra`` more ambulance bases would cover the most people within ``minutes`` (MCLP)."""

    minutes: float
    current: tuple[str, ...]
    proposed: tuple[str, ...]  # candidate ids of the new bases
    names: tuple[str, ...]
    covered_before: float
    covered_after: float
    total: float


def ambulance_proposal(
    code: str, extra: int = policy.AMBULANCE_EXTRA_BASES, minutes: float = policy.AMBULANCE_MINUTES
) -> Proposal | None:
    """Keep today's bases, add ``extra``: the exact MCLP optimum on the region's siting inputs."""
    inp = results.siting_inputs(code)
    if inp is None:
        return None
    ids = inp.candidates["id"].tolist()
    weights = inp.demand["penduduk"].to_numpy(dtype=float)
    current = inp.current
    res = mclp(
        inp.minutes,
        weights,
        k=len(current) + extra,
        minutes=minutes,
        fixed=current,
        demand_ids=inp.demand["kode"].tolist(),
        candidate_ids=ids,
    )
    new = tuple(s for s in res.selected if s not in set(current))
    names = (
        inp.candidates.set_index("id").loc[list(new), "nama"].astype(str).tolist() if new else []
    )
    before, total = results.population_within(code, current, minutes)
    return Proposal(
        minutes=minutes,
        current=tuple(current),
        proposed=new,
        names=tuple(names),
        covered_before=before,
        covered_after=float(res.covered_weight),
        total=total,
    )


INPUT_LABELS = {
    "posyandu": ("register Posyandu", "Posyandu register"),
    "pustu": ("register Pustu", "Pustu register"),
    "puskesmas": ("daftar Puskesmas", "Puskesmas list"),
    "hospitals": ("daftar rumah sakit", "hospital list"),
    "ambulances": ("pangkalan ambulans", "ambulance bases"),
    "stunting": ("data stunting", "stunting data"),
    "population": ("data penduduk", "population data"),
}


def sample_inputs_text(code: str, lang: str) -> str:
    """Which inputs are sample data when only some are (``""`` when none or all are)."""
    ds = store.dataset(code)
    if not ds.synthetic or ds.all_sample:
        return ""
    return ", ".join(tr(lang, *INPUT_LABELS.get(k, (k, k))) for k in ds.sample_inputs)


def source_text(code: str, lang: str) -> str:
    """Where the boundaries and the data come from (screens, exports and the printed report)."""
    ds = store.dataset(code)
    partly = sample_inputs_text(code, lang)
    if partly:
        data = tr(
            lang,
            f"register Dinkes yang dimuat; DATA CONTOH SINTETIS (bukan data resmi): {partly}",
            f"the Dinkes registers loaded; SYNTHETIC SAMPLE DATA (not official): {partly}",
        )
    elif ds.synthetic:
        data = tr(
            lang, "DATA CONTOH SINTETIS (bukan data resmi)", "SYNTHETIC SAMPLE DATA (not official)"
        )
    elif ds.facilities:
        data = tr(lang, "register Dinkes yang dimuat", "the Dinkes registers loaded")
    else:
        data = tr(lang, "belum ada register yang dimuat", "no registers loaded yet")
    return (
        tr(lang, "Sumber batas: ", "Boundaries: ") + ds.region.attribution + ". Data: " + data + "."
    )


def warm(code: str) -> None:
    """Compute a region's results ahead of the first visitor (run in a background thread)."""
    briefing(code)
    results.referral(code)
    results.geojson_bytes(code, store.version(code))
